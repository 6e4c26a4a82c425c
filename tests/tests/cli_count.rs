//! `postlint count`: each platform's own length through the CLI, and X's
//! weighted length equal to twitter-text's for every conformance text.

use postlint_tests::{stdout, Cli};
use serde_json::Value;

fn postlint() -> Cli {
    Cli::new(env!("CARGO_BIN_EXE_postlint"))
}

fn count(text: &str, platforms: &[&str]) -> Vec<Value> {
    let mut args = vec!["count", "--format", "json"];
    for platform in platforms {
        args.extend(["--platform", platform]);
    }
    let output = postlint().run(&args, text);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    value["results"][0]["platforms"].as_array().unwrap().clone()
}

fn length(text: &str, platform: &str) -> u64 {
    count(text, &[platform])[0]["length"].as_u64().unwrap()
}

#[test]
fn hand_written_cases_for_every_platform() {
    let family = "👩‍👩‍👧‍👦";
    assert_eq!(length(family, "x"), 2, "an emoji ZWJ sequence weighs 2 on X");
    assert_eq!(length("🇰🇪🇰🇪", "x"), 4, "flags weigh 2 each");
    assert_eq!(length("1️⃣", "x"), 2, "a keycap weighs 2");
    assert_eq!(length("中文字", "x"), 6, "CJK weighs 2");
    assert_eq!(length("e\u{301}", "x"), 1, "NFC composes the mark");
    assert_eq!(length("a\u{200f}b", "x"), 4, "a right-to-left mark is outside the light ranges: 2");
    let url = "https://example.org/a/very/long/path/that/goes/on/and/on/and/on";
    assert_eq!(length(url, "x"), 23);
    assert_eq!(length(url, "mastodon"), 23);
    assert_eq!(length("hi @anna@example.social", "mastodon"), "hi @anna".len() as u64);
    assert_eq!(length(family, "bluesky"), 1, "one grapheme");
    assert_eq!(length("e\u{301}", "bluesky"), 1);
    assert_eq!(length(family, "threads"), family.len() as u64, "emoji count their UTF-8 bytes");
    assert_eq!(length(family, "instagram"), 11, "UTF-16 units where the unit is unknown");
    assert_eq!(length(family, "tiktok"), 11);
    assert_eq!(length(family, "linkedin"), 11);
    assert_eq!(length(family, "facebook"), 11);
    assert_eq!(length(family, "youtube"), 25, "descriptions count bytes");
    assert_eq!(length("ab", "youtube-title"), 2);
    assert_eq!(length("ab", "pinterest"), 2);
    assert_eq!(length("ab", "pinterest-title"), 2);
    let over = count(&"a".repeat(501), &["mastodon", "mastodon:1000"]);
    assert_eq!((over[0]["limit"].as_u64(), over[0]["valid"].as_bool()), (Some(500), Some(false)));
    assert_eq!((over[1]["limit"].as_u64(), over[1]["valid"].as_bool()), (Some(1000), Some(true)));
    assert_eq!(count("a <b>", &["youtube"])[0]["valid"], false, "YouTube rejects < and >");
}

#[test]
fn every_platform_by_default_and_a_table() {
    assert_eq!(count("hello", &[]).len(), postlint_core::Platform::ALL.len());
    let table =
        stdout(&postlint().run(&["count", "--platform", "x", "--platform", "instagram"], "Hi #a #b #c #d #e #f"));
    assert!(table.contains("length/limit") && table.contains("20/280"), "{table}");
    assert!(table.contains("no: 6 hashtags, at most 5"), "{table}");
}

#[test]
fn x_length_equals_twitter_text_for_every_conformance_text() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/conformance/twitter-text/validate.yml");
    let Ok(source) = std::fs::read_to_string(&path) else {
        println!("skipped: ../shared/conformance/twitter-text not found");
        return;
    };
    let document: serde_yaml::Value = serde_yaml::from_str(&source).unwrap();
    // This section uses the current (v3) configuration, the one X applies.
    let cases = document["tests"]["WeightedTweetsWithDiscountedEmojiCounterTest"].as_sequence().unwrap();
    let mut batch = String::new();
    for case in cases {
        let text = case["text"].as_str().unwrap();
        batch.push_str(&serde_json::json!({ "text": text, "platform": "x" }).to_string());
        batch.push('\n');
    }
    let output = postlint().run(&["count", "--input-format", "jsonl", "--format", "jsonl"], &batch);
    let results: Vec<Value> = stdout(&output).lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    assert_eq!(results.len(), cases.len());
    for (case, result) in cases.iter().zip(&results) {
        let expected = case["expected"]["weightedLength"].as_u64().unwrap();
        assert_eq!(result["platforms"][0]["length"].as_u64(), Some(expected), "{:?}", case["description"]);
    }
    println!("WeightedTweetsWithDiscountedEmojiCounterTest through the CLI: {0}/{0} passed", cases.len());
}
