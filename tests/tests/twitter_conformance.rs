//! Runs twitter-text's conformance data against `postlint_core::twitter`.
//!
//! The YAML files live outside the repository, in
//! `../shared/conformance/twitter-text` (next to the workspace). They are read
//! at test time, as their README asks; when the folder is missing the tests
//! say so and pass.
//!
//! Indices in the data are UTF-16 code units (what twitter-text's JavaScript
//! and Java count); the weighted-length ranges are inclusive. The core reports
//! UTF-8 byte offsets, so they are converted here before comparing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use postlint_core::twitter::{
    cashtag_entities, extract_cashtags, extract_hashtags, extract_mentions, extract_urls, hashtag_entities,
    is_valid_hashtag, is_valid_list, is_valid_tweet_with, is_valid_url, is_valid_url_with, is_valid_username,
    known_top_level_domains, mention_entities, url_entities, weighted_length_with, Config,
};
use postlint_core::Span;
use serde_yaml::Value;

/// Values with their UTF-16 `[start, end)` indices.
type Extracted = Vec<(String, [i64; 2])>;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/conformance/twitter-text")
}

fn load(file: &str) -> Value {
    let path = data_dir().join(file);
    let source =
        std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    serde_yaml::from_str(&source).unwrap_or_else(|error| panic!("cannot parse {}: {error}", path.display()))
}

/// The cases of one section of a conformance file.
fn cases<'v>(document: &'v Value, section: &str) -> &'v [Value] {
    document["tests"][section].as_sequence().map(Vec::as_slice).unwrap_or_else(|| panic!("section {section} missing"))
}

fn text(case: &Value) -> &str {
    case["text"].as_str().unwrap_or("")
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_sequence()
        .map(|items| items.iter().map(|item| item.as_str().unwrap_or("").to_owned()).collect())
        .unwrap_or_default()
}

fn owned(values: Vec<&str>) -> Vec<String> {
    values.into_iter().map(str::to_owned).collect()
}

fn number(value: &Value) -> i64 {
    value.as_i64().unwrap_or(i64::MIN)
}

/// UTF-16 index of a byte offset.
fn utf16_at(text: &str, byte: usize) -> i64 {
    text.get(..byte).map_or(-1, |prefix| prefix.encode_utf16().count() as i64)
}

fn utf16_span(text: &str, span: Span) -> [i64; 2] {
    [utf16_at(text, span.start), utf16_at(text, span.end)]
}

fn indices(value: &Value) -> [i64; 2] {
    let pair = value["indices"].as_sequence().cloned().unwrap_or_default();
    [pair.first().map_or(-1, number), pair.get(1).map_or(-1, number)]
}

/// Pass/fail bookkeeping for one section.
struct Section {
    name: String,
    passed: usize,
    total: usize,
    failures: Vec<String>,
}

impl Section {
    fn run(name: &str, cases: &[Value], check: impl Fn(&Value) -> Result<(), String>) -> Section {
        let mut section = Section { name: name.to_owned(), passed: 0, total: 0, failures: Vec::new() };
        for case in cases {
            section.total += 1;
            match check(case) {
                Ok(()) => section.passed += 1,
                Err(detail) => section.failures.push(format!(
                    "{name}: {}\n    text: {:?}\n    {detail}",
                    case["description"].as_str().unwrap_or("?"),
                    shorten(text(case)),
                )),
            }
        }
        println!("{name}: {}/{} passed", section.passed, section.total);
        section
    }
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= 120 {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(120).collect::<String>())
    }
}

fn compare<T: PartialEq + std::fmt::Debug>(actual: T, expected: T) -> Result<(), String> {
    if actual == expected {
        Ok(())
    } else {
        Err(format!("expected {expected:?}\n    actual   {actual:?}"))
    }
}

fn check_bool(case: &Value, actual: bool) -> Result<(), String> {
    compare(actual, case["expected"].as_bool().unwrap_or(!actual))
}

/// A `parseTweet` case: seven fields, ranges as inclusive UTF-16 indices.
fn check_parse(case: &Value, config: &Config) -> Result<(), String> {
    let text = text(case);
    let parsed = weighted_length_with(text, config);
    let expected = &case["expected"];
    let last_index = |end: usize| (utf16_at(text, end) - 1).max(0);
    let actual = [
        parsed.weighted_length as i64,
        i64::from(parsed.valid),
        parsed.permillage as i64,
        utf16_at(text, parsed.display_range.0),
        last_index(parsed.display_range.1),
        utf16_at(text, parsed.valid_range.0),
        last_index(parsed.valid_range.1),
    ];
    let wanted = [
        number(&expected["weightedLength"]),
        i64::from(expected["valid"].as_bool().unwrap_or(false)),
        number(&expected["permillage"]),
        number(&expected["displayRangeStart"]),
        number(&expected["displayRangeEnd"]),
        number(&expected["validRangeStart"]),
        number(&expected["validRangeEnd"]),
    ];
    compare(actual, wanted).map_err(|detail| {
        format!("[weightedLength, valid, permillage, displayStart, displayEnd, validStart, validEnd]\n    {detail}")
    })
}

fn report(sections: &[Section]) {
    let failures: Vec<&String> = sections.iter().flat_map(|section| section.failures.iter()).collect();
    let incomplete: Vec<String> = sections
        .iter()
        .filter(|section| section.passed != section.total)
        .map(|section| format!("{} ({}/{})", section.name, section.passed, section.total))
        .collect();
    assert!(
        incomplete.is_empty(),
        "sections below 100%: {}\n\n{}",
        incomplete.join(", "),
        failures.iter().map(|failure| failure.as_str()).collect::<Vec<_>>().join("\n")
    );
}

fn skip_when_missing() -> bool {
    if data_dir().is_dir() {
        return false;
    }
    println!("skipped: ../shared/conformance/twitter-text not found");
    true
}

#[test]
fn validate_yml() {
    if skip_when_missing() {
        return;
    }
    let document = load("validate.yml");
    let sections = [
        Section::run("tweets", cases(&document, "tweets"), |case| {
            // The legacy validity check uses the version 1 configuration.
            check_bool(case, is_valid_tweet_with(text(case), &Config::v1()))
        }),
        Section::run("usernames", cases(&document, "usernames"), |case| {
            check_bool(case, is_valid_username(text(case)))
        }),
        Section::run("lists", cases(&document, "lists"), |case| check_bool(case, is_valid_list(text(case)))),
        Section::run("hashtags", cases(&document, "hashtags"), |case| check_bool(case, is_valid_hashtag(text(case)))),
        Section::run("urls", cases(&document, "urls"), |case| check_bool(case, is_valid_url(text(case)))),
        Section::run("urls_without_protocol", cases(&document, "urls_without_protocol"), |case| {
            check_bool(case, is_valid_url_with(text(case), false))
        }),
        Section::run("WeightedTweetsCounterTest", cases(&document, "WeightedTweetsCounterTest"), |case| {
            check_parse(case, &Config::v2())
        }),
        Section::run(
            "WeightedTweetsWithDiscountedEmojiCounterTest",
            cases(&document, "WeightedTweetsWithDiscountedEmojiCounterTest"),
            |case| check_parse(case, &Config::v3()),
        ),
        Section::run(
            "UnicodeDirectionalMarkerCounterTest",
            cases(&document, "UnicodeDirectionalMarkerCounterTest"),
            |case| check_parse(case, &Config::default()),
        ),
    ];
    report(&sections);
}

#[test]
fn extract_yml() {
    if skip_when_missing() {
        return;
    }
    let document = load("extract.yml");
    let list = |name: &str, extract: fn(&str) -> Vec<&str>| {
        Section::run(name, cases(&document, name), move |case| {
            compare(owned(extract(text(case))), strings(&case["expected"]))
        })
    };
    let with_indices = |name: &str, key: &'static str, extract: fn(&str) -> Extracted| {
        Section::run(name, cases(&document, name), move |case| {
            let expected: Extracted = case["expected"]
                .as_sequence()
                .cloned()
                .unwrap_or_default()
                .iter()
                .map(|item| (item[key].as_str().unwrap_or("").to_owned(), indices(item)))
                .collect();
            compare(extract(text(case)), expected)
        })
    };
    let sections = [
        list("mentions", extract_mentions),
        with_indices("mentions_with_indices", "screen_name", |text| {
            mention_entities(text)
                .into_iter()
                .filter(|entity| entity.list_slug.is_none())
                .map(|entity| (entity.value_span.slice(text).to_owned(), utf16_span(text, entity.span)))
                .collect()
        }),
        Section::run("mentions_or_lists_with_indices", cases(&document, "mentions_or_lists_with_indices"), |case| {
            let text = text(case);
            let actual: Vec<(String, String, [i64; 2])> = mention_entities(text)
                .into_iter()
                .map(|entity| {
                    let slug = entity.list_slug.map(|slug| format!("/{}", slug.slice(text))).unwrap_or_default();
                    (entity.value_span.slice(text).to_owned(), slug, utf16_span(text, entity.span))
                })
                .collect();
            let expected: Vec<(String, String, [i64; 2])> = case["expected"]
                .as_sequence()
                .cloned()
                .unwrap_or_default()
                .iter()
                .map(|item| {
                    (
                        item["screen_name"].as_str().unwrap_or("").to_owned(),
                        item["list_slug"].as_str().unwrap_or("").to_owned(),
                        indices(item),
                    )
                })
                .collect();
            compare(actual, expected)
        }),
        list("urls", extract_urls),
        with_indices("urls_with_indices", "url", url_pairs),
        with_indices("urls_with_directional_markers", "url", url_pairs),
        list("tco_urls_with_params", extract_urls),
        list("hashtags", extract_hashtags),
        list("hashtags_from_astral", extract_hashtags),
        with_indices("hashtags_with_indices", "hashtag", |text| {
            hashtag_entities(text)
                .into_iter()
                .map(|entity| (entity.value_span.slice(text).to_owned(), utf16_span(text, entity.span)))
                .collect()
        }),
        list("cashtags", extract_cashtags),
        with_indices("cashtags_with_indices", "cashtag", |text| {
            cashtag_entities(text)
                .into_iter()
                .map(|entity| (entity.value_span.slice(text).to_owned(), utf16_span(text, entity.span)))
                .collect()
        }),
    ];
    report(&sections);
}

fn url_pairs(text: &str) -> Extracted {
    url_entities(text)
        .into_iter()
        .map(|entity| (entity.span.slice(text).to_owned(), utf16_span(text, entity.span)))
        .collect()
}

#[test]
fn tlds_yml() {
    if skip_when_missing() {
        return;
    }
    let document = load("tlds.yml");
    let sections = ["country", "generic"].map(|name| {
        Section::run(&format!("tlds {name}"), cases(&document, name), |case| {
            compare(owned(extract_urls(text(case))), strings(&case["expected"]))
        })
    });
    report(&sections);
}

/// `core/src/twitter/tlds.rs` is generated from `tld_lib.yml`; this fails when
/// the data changed and the script (core/src/twitter/generate_tlds.py) was not rerun.
#[test]
fn generated_tld_table_is_up_to_date() {
    if skip_when_missing() {
        return;
    }
    let document = load("tld_lib.yml");
    let expected: BTreeSet<String> = ["country", "generic"]
        .iter()
        .flat_map(|list| strings(&document[*list]))
        .map(|tld| tld.to_lowercase())
        .collect();
    let actual: BTreeSet<String> = known_top_level_domains().map(str::to_owned).collect();
    let missing: Vec<&String> = expected.difference(&actual).collect();
    let extra: Vec<&String> = actual.difference(&expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "core/src/twitter/tlds.rs is stale; rerun `python3 core/src/twitter/generate_tlds.py \
         ../shared/conformance/twitter-text/tld_lib.yml`\n  missing: {missing:?}\n  extra: {extra:?}"
    );
}
