//! The guideline's hashtag policy: required, banned and duplicate hashtags,
//! and required hashtags placed after a platform's preview fold.

use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::entities::{EntityKind, FoundEntity};
use crate::rule::{CheckContext, Facts, Reporter, Rule, RuleMeta};
use crate::rules::MetaBuilder;
use crate::settings::Settings;
use crate::span::Span;

/// Which part of the policy.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Check {
    Required,
    RequiredBelowFold,
    Banned,
    Duplicate,
}

/// One part of the hashtag policy.
pub(crate) struct HashtagPolicyRule {
    meta: RuleMeta,
    check: Check,
}

impl HashtagPolicyRule {
    pub(crate) fn required() -> Self {
        let meta = MetaBuilder::new(
            "hashtags.missing-required",
            Category::Hashtags,
            Severity::Warning,
            "None of the guideline's required hashtags (`[hashtags] required`) appears.",
        )
        .why(
            "Campaign and brand hashtags make posts findable and measurable; a post without one is lost to \
             the campaign's reporting.",
            "The organisation's guideline file (`[hashtags] required`)",
        )
        .guideline("[hashtags]\nrequired = [\"#HarborHealth\"]\n")
        .fire(&["Our clinic opens Monday."])
        .pass(&["Our clinic opens Monday. #harborhealth"])
        .fixed(&[("Our clinic opens Monday.", "Our clinic opens Monday. #HarborHealth")])
        .build();
        HashtagPolicyRule { meta, check: Check::Required }
    }

    pub(crate) fn required_below_fold() -> Self {
        let meta = MetaBuilder::new(
            "hashtags.required-below-fold",
            Category::Hashtags,
            Severity::Warning,
            "A required hashtag marked `in_preview` sits after a platform's “more” fold.",
        )
        .why(
            "Feeds cut long posts at a “more” link (about 125 characters on Instagram, 140 on LinkedIn mobile). \
             A hashtag the guideline wants seen must come before it.",
            "The organisation's guideline file (`[hashtags] in_preview`); platform fold positions in postlint's platform table",
        )
        .platforms(&["instagram"])
        .guideline("[hashtags]\nrequired = [\"#HarborHealth\"]\nin_preview = true\n")
        .fire(&["We opened a new clinic in Kisumu this week and the whole team is thrilled to welcome patients from twelve villages around the lake. #HarborHealth"])
        .pass(&["#HarborHealth We opened a new clinic in Kisumu this week and the whole team is thrilled to welcome patients from twelve villages."])
        .build();
        HashtagPolicyRule { meta, check: Check::RequiredBelowFold }
    }

    pub(crate) fn banned() -> Self {
        let meta = MetaBuilder::new(
            "hashtags.banned",
            Category::Hashtags,
            Severity::Warning,
            "Hashtags the guideline bans (`[hashtags] banned`).",
        )
        .why(
            "Some hashtags are off-brand, hijacked by unrelated or harmful content, or banned by a platform.",
            "The organisation's guideline file (`[hashtags] banned`)",
        )
        .guideline("[hashtags]\nbanned = [\"#blessed\"]\n")
        .fire(&["Great day #Blessed"])
        .pass(&["Great day, blessed with sun"])
        .fixed(&[("Great day #blessed", "Great day")])
        .build();
        HashtagPolicyRule { meta, check: Check::Banned }
    }

    pub(crate) fn duplicate() -> Self {
        let meta = MetaBuilder::new(
            "hashtags.duplicate",
            Category::Hashtags,
            Severity::Warning,
            "The same hashtag twice (ignoring case).",
        )
        .why(
            "A repeated hashtag adds nothing, uses characters and counts twice against hashtag caps.",
            "Platform hashtag guidance (X, Instagram, LinkedIn help centres)",
        )
        .fire(&["#WorldHealthDay is here! Join us #worldhealthday"])
        .pass(&["#WorldHealthDay is here! Join us #WorldHealthWeek"])
        .fixed(&[("#Health is wealth #health", "#Health is wealth")])
        .build();
        HashtagPolicyRule { meta, check: Check::Duplicate }
    }
}

/// A fix that removes a hashtag and the space before it.
pub(crate) fn removal(text: &str, hashtag: Span, title: String) -> Fix {
    let before = text[..hashtag.start].trim_end_matches([' ', '\t']);
    let start = if before.is_empty() || before.ends_with('\n') { hashtag.start } else { before.len() };
    Fix { title, edits: vec![Edit { span: Span::new(start, hashtag.end), replacement: String::new() }], safe: true }
}

fn hashtags(entities: &[FoundEntity]) -> impl Iterator<Item = &FoundEntity> {
    entities.iter().filter(|entity| entity.kind == EntityKind::Hashtag)
}

/// Hashtag text without `#`, lowercased, for comparisons.
fn key(text: &str) -> String {
    text.trim_start_matches(['#', '＃']).to_lowercase()
}

/// Reports the hashtag at `span` with one fix, titled `title`, that removes it.
fn report_removable(
    reporter: &mut Reporter<'_>,
    text: &str,
    span: Span,
    message: String,
    help: &'static str,
    title: String,
) {
    reporter.report_with_fixes(span, message, help, vec![removal(text, span, title)]);
}

/// Orders two hashtags as their [`key`]s compare, without building the keys
/// when both are ASCII (nearly all hashtags).
fn compare_keys(a: &str, b: &str) -> std::cmp::Ordering {
    fn lowered(ascii: &str) -> impl Iterator<Item = u8> + '_ {
        ascii.trim_start_matches('#').bytes().map(|byte| byte.to_ascii_lowercase())
    }
    if a.is_ascii() && b.is_ascii() {
        lowered(a).cmp(lowered(b))
    } else {
        key(a).cmp(&key(b))
    }
}

/// The hashtags that repeat an earlier one's [`key`], in the order of their keys.
fn repeats<'e>(text: &str, entities: &'e [FoundEntity]) -> Vec<&'e FoundEntity> {
    let mut found = Vec::new();
    if hashtags(entities).nth(1).is_none() {
        return found;
    }
    let mut tags: Vec<&FoundEntity> = hashtags(entities).collect();
    // Sorted by key; the sort is stable, so each run of equal keys is in
    // text order and all but its first are repeats.
    let compare = |a: &&FoundEntity, b: &&FoundEntity| compare_keys(a.value.slice(text), b.value.slice(text));
    crate::sort::sort_by(&mut tags, compare);
    for pair in tags.windows(2) {
        if compare(&pair[0], &pair[1]).is_eq() {
            found.push(pair[1]);
        }
    }
    found
}

/// Most hashtags compared in pairs by [`hashtags_are_distinct`]; past it,
/// the sort of [`repeats`] takes fewer steps.
const MOST_COMPARED_IN_PAIRS: usize = 24;

/// Whether the hashtags surely have no [`repeats`], told without the sort
/// and the keys it builds, which nearly every post would pay for nothing:
/// no two of them [`may_share_key`]. False when unsure.
fn hashtags_are_distinct(text: &str, entities: &[FoundEntity]) -> bool {
    // While every hashtag so far is ASCII without a leading `#` (nearly
    // always), a plain comparison ignoring case does.
    let mut plain_ascii = true;
    for (index, tag) in hashtags(entities).enumerate() {
        if index == MOST_COMPARED_IN_PAIRS {
            return false;
        }
        let value = tag.value.slice(text);
        plain_ascii &= value.is_ascii() && !value.starts_with('#');
        let mut earlier = hashtags(entities).take(index).map(|other| other.value.slice(text));
        let repeated = if plain_ascii {
            // `eq_ignore_ascii_case` compares the lengths first.
            earlier.any(|other| other.eq_ignore_ascii_case(value))
        } else {
            earlier.any(|other| may_share_key(other, value))
        };
        if repeated {
            return false;
        }
    }
    true
}

/// Whether two hashtags' [`key`]s may be equal; false only when they
/// surely differ. ASCII hashtags compare ignoring case. Others compare
/// lowercased a char at a time, with no string built, and with final and
/// medial sigma taken as one letter: `to_lowercase` picks between them by
/// position, so equal keys are equal that way too.
fn may_share_key(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim_start_matches(['#', '＃']), b.trim_start_matches(['#', '＃']));
    if a.is_ascii() && b.is_ascii() {
        // `eq_ignore_ascii_case` compares the lengths first.
        return a.eq_ignore_ascii_case(b);
    }
    fn lowered(text: &str) -> impl Iterator<Item = char> + '_ {
        text.chars().flat_map(char::to_lowercase).map(|ch| if ch == 'ς' { 'σ' } else { ch })
    }
    lowered(a).eq(lowered(b))
}

/// Reports a post with none of the required hashtags.
#[inline(never)]
fn report_missing_required(context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
    let text = context.document.source();
    let policy = &context.settings.hashtags;
    let wanted: Vec<String> = policy.required.iter().map(|tag| key(tag)).collect();
    if hashtags(context.raw_entities).any(|tag| wanted.contains(&key(tag.value.slice(text)))) {
        return;
    }
    let end = text.trim_end().len();
    let list = policy.required.join(", ");
    reporter.report_with_fixes(
        Span::empty(end),
        format!("The post has none of the required hashtags ({list})"),
        format!("Add {}.", policy.required[0]),
        policy
            .required
            .iter()
            .map(|tag| Fix::replace(format!("Add {tag}"), Span::empty(end), format!(" {tag}")))
            .collect(),
    );
}

/// Reports the first required hashtag when it sits after a platform's fold.
#[inline(never)]
fn report_required_below_fold(context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
    let text = context.document.source();
    let policy = &context.settings.hashtags;
    let wanted: Vec<String> = policy.required.iter().map(|tag| key(tag)).collect();
    let found: Vec<&FoundEntity> =
        hashtags(context.raw_entities).filter(|tag| wanted.contains(&key(tag.value.slice(text)))).collect();
    let Some(first) = found.first() else { return };
    for metrics in context.metrics {
        let Some(fold) = metrics.fold() else { continue };
        if first.span.start >= fold {
            let facts = metrics.platform.facts();
            reporter.report(
                first.span,
                format!(
                    "{} comes after {}'s “more” fold ({} characters), so most readers will not see it",
                    first.span.slice(text),
                    facts.display_name,
                    facts.fold.unwrap_or_default()
                ),
                "Move the hashtag into the first line of the post.",
            );
        }
    }
}

/// Reports every banned hashtag.
#[inline(never)]
fn report_banned(context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
    let text = context.document.source();
    let policy = &context.settings.hashtags;
    let banned: Vec<String> = policy.banned.iter().map(|tag| key(tag)).collect();
    for tag in hashtags(context.raw_entities) {
        if banned.contains(&key(tag.value.slice(text))) {
            let shown = tag.span.slice(text);
            let message = format!("{shown} is banned by the guideline");
            report_removable(reporter, text, tag.span, message, "Remove it.", format!("Remove {shown}"));
        }
    }
}

/// Reports every hashtag that repeats an earlier one.
#[inline(never)]
fn report_repeats(text: &str, entities: &[FoundEntity], reporter: &mut Reporter<'_>) {
    for tag in repeats(text, entities) {
        let shown = tag.span.slice(text);
        let message = format!("{shown} is already in the post");
        let title = format!("Remove the second {shown}");
        report_removable(reporter, text, tag.span, message, "Remove the repeat.", title);
    }
}

impl Rule for HashtagPolicyRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    // The parts run in functions of their own: most posts end at the first
    // test, and then do not pay for setting up the larger parts' frames.
    /// A missing required hashtag can be missing from any draft; the other
    /// parts look at the hashtags there are. Parts whose lists are empty never fire.
    fn needs(&self, settings: &Settings) -> Facts {
        let policy = &settings.hashtags;
        match self.check {
            Check::Required if !policy.required.is_empty() => Facts::EVERY_DRAFT,
            Check::RequiredBelowFold if policy.in_preview && !policy.required.is_empty() => Facts::NUMBER_SIGN,
            Check::Banned if !policy.banned.is_empty() => Facts::NUMBER_SIGN,
            Check::Duplicate => Facts::NUMBER_SIGN,
            Check::Required | Check::RequiredBelowFold | Check::Banned => Facts::NONE,
        }
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        let policy = &context.settings.hashtags;
        match self.check {
            Check::Required if !policy.required.is_empty() => report_missing_required(context, reporter),
            Check::RequiredBelowFold if policy.in_preview && !policy.required.is_empty() => {
                report_required_below_fold(context, reporter)
            }
            Check::Banned if !policy.banned.is_empty() => report_banned(context, reporter),
            Check::Duplicate => {
                let text = context.document.source();
                if !hashtags_are_distinct(text, context.raw_entities) {
                    report_repeats(text, context.raw_entities, reporter);
                }
            }
            Check::Required | Check::RequiredBelowFold | Check::Banned => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Checker, Draft};

    #[test]
    fn keys_compare_as_lowercased_keys_do() {
        let tags =
            ["Health", "health", "#health", "HEALTHY", "Ünïcode", "ünïcode", "ÜNÏCODE", "Σοφία", "σοφία", "b", "a"];
        for a in tags {
            for b in tags {
                assert_eq!(compare_keys(a, b), key(a).cmp(&key(b)), "{a} / {b}");
            }
        }
    }

    /// Keys that [`may_share_key`] says differ do differ.
    #[test]
    fn keys_said_to_differ_differ() {
        let tags = [
            "Health",
            "health",
            "#health",
            "HEALTHY",
            "Ünïcode",
            "ünïcode",
            "ÜNÏCODE",
            "Σοφία",
            "σοφία",
            "ΣΟΦΙΑΣ",
            "σοφιας",
            "σοφιaς",
            "ΣΟΦΙΑΣΣ",
            "K",
            "\u{212A}",
            "k",
            "İ",
            "i̇",
            "i",
            "ß",
            "SS",
            "ẞ",
            "ǅ",
            "ǆ",
            "Ǆ",
            "b",
            "a",
            "＃a",
            "ς",
            "Σ",
            "σ",
        ];
        for a in tags {
            for b in tags {
                assert!(may_share_key(a, b) || key(a) != key(b), "{a} / {b}");
                if key(a) == key(b) {
                    assert!(may_share_key(a, b), "{a} / {b}");
                }
            }
        }
    }

    /// The test that skips the sort answers "distinct" only for hashtags
    /// that have no repeats, and for ASCII hashtags it answers exactly.
    #[test]
    fn distinct_hashtags_have_no_repeats() {
        let pieces = [
            "#a",
            "#A",
            "#ab",
            "#aB",
            "#b",
            "#ba",
            " ",
            "#é",
            "#É",
            "#İ",
            "#i̇",
            "x",
            "#a_1",
            "#A_1",
            "＃a",
            "#1a",
            "#ß",
            "#SS",
            "\n",
            "a#a",
            "#a#a",
            "@a",
            "https://x.org/#a",
            "#Σοφία",
            "#ΣΟΦΙΑΣ",
            "#σοφιας",
            "#\u{212A}",
            "#k",
            "#ǅ",
            "#ǆ",
        ];
        let mut distinct_texts = 0;
        for text in crate::test_texts::from_pieces(&pieces, 7, 8000, 2 * MOST_COMPARED_IN_PAIRS) {
            let entities = crate::entities::find(&text);
            let has_repeats = !repeats(&text, &entities).is_empty();
            let distinct = hashtags_are_distinct(&text, &entities);
            assert!(!(distinct && has_repeats), "{text:?}");
            let values = || hashtags(&entities).map(|tag| tag.value.slice(&text));
            if values().count() <= MOST_COMPARED_IN_PAIRS && values().all(str::is_ascii) {
                assert_eq!(distinct, !has_repeats, "{text:?}");
            }
            distinct_texts += usize::from(distinct);
        }
        assert!(distinct_texts > 500, "{distinct_texts}");
    }

    #[test]
    fn every_repeat_after_the_first_is_reported() {
        let checker = Checker::default_guideline();
        let text = "#Health #Kenya #health #ÜBER #über #Kenya #HEALTH";
        let report = checker.check(&Draft::text(text));
        let repeats: Vec<&str> = report
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.rule == "hashtags.duplicate")
            .map(|diagnostic| diagnostic.span.slice(text))
            .collect();
        assert_eq!(repeats, ["#health", "#über", "#Kenya", "#HEALTH"]);
    }
}
