//! Properties that hold for any input (proptest): spans on char boundaries,
//! sorted deterministic output, fixes that keep the text valid and settle,
//! offset conversions that round-trip, platform counts equal to a plain
//! walk in each unit.

use postlint_core::{apply_fixes, Checker, Draft, Format, LineIndex, Platform, PlatformTarget};
use proptest::prelude::*;
use std::sync::LazyLock;

static CHECKER: LazyLock<Checker> = LazyLock::new(Checker::default_guideline);
static PLATFORMS: LazyLock<Vec<PlatformTarget>> =
    LazyLock::new(|| postlint_core::Platform::ALL.into_iter().map(PlatformTarget::from).collect());

/// Pieces that exercise the rules, entities, Markdown and Unicode corners.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z ]{0,12}",
        Just("Hey guys".to_owned()),
        Just("the chairman".to_owned()),
        Just("!!!".to_owned()),
        Just("#worldhealthday".to_owned()),
        Just("#Women's".to_owned()),
        Just("@user@example.social".to_owned()),
        Just("https://example.org/a?b=c".to_owned()),
        Just("me@example.org".to_owned()),
        Just("👩‍👩‍👧‍👦🇰🇪1️⃣".to_owned()),
        Just("e\u{301}\u{200f}中文".to_owned()),
        Just("𝐁𝐨𝐥𝐝".to_owned()),
        Just("\n\n```\ncode\n```\n".to_owned()),
        Just("[link](url) ![](img) **b** `c` <!-- postlint-disable -->".to_owned()),
        Just("> quote\n- item\n# head\n".to_owned()),
        Just("+44 7700 900123 4111 1111 1111 1111".to_owned()),
    ]
}

fn draft_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..12).prop_map(|pieces| pieces.join(" "))
}

fn check(text: &str, markdown: bool) -> postlint_core::Report {
    let format = if markdown { Format::Markdown } else { Format::Text };
    CHECKER.check(&Draft { text, format, platforms: &PLATFORMS })
}

/// Applies the preferred safe fix of every finding until nothing changes.
fn fix_all(text: &str, markdown: bool) -> String {
    let mut current = text.to_owned();
    for _ in 0..10 {
        let report = check(&current, markdown);
        let fixes = report.diagnostics.iter().filter_map(|d| d.fixes.first()).filter(|fix| fix.safe);
        let next = apply_fixes(&current, fixes);
        if next == current {
            break;
        }
        current = next;
    }
    current
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn spans_lie_on_char_boundaries_inside_the_text(text in draft_text(), markdown in any::<bool>()) {
        let report = check(&text, markdown);
        for diagnostic in &report.diagnostics {
            let span = diagnostic.span;
            prop_assert!(span.start <= span.end && span.end <= text.len());
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            for fix in &diagnostic.fixes {
                for edit in &fix.edits {
                    prop_assert!(text.is_char_boundary(edit.span.start) && text.is_char_boundary(edit.span.end));
                    prop_assert!(edit.span.end <= text.len());
                }
            }
        }
        for metrics in &report.platforms {
            if let Some(fold) = metrics.fold() {
                prop_assert!(text.is_char_boundary(fold));
            }
        }
    }

    #[test]
    fn diagnostics_are_sorted_and_deterministic(text in draft_text(), markdown in any::<bool>()) {
        let first = check(&text, markdown);
        let keys: Vec<_> = first.diagnostics.iter().map(|d| (d.span.start, d.span.end, d.rule.clone())).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        prop_assert_eq!(&keys, &sorted);
        prop_assert_eq!(first, check(&text, markdown));
    }

    #[test]
    fn fixes_keep_the_text_valid_and_settle(text in draft_text(), markdown in any::<bool>()) {
        // Every preferred fix, safe or not, yields valid UTF-8 that re-checks fine.
        let report = check(&text, markdown);
        let all = apply_fixes(&text, report.diagnostics.iter().filter_map(|d| d.fixes.first()));
        let _ = check(&all, markdown);
        // Safe fixes reach a fixed point: applying them again changes nothing.
        let fixed = fix_all(&text, markdown);
        prop_assert_eq!(fix_all(&fixed, markdown), fixed);
    }

    #[test]
    fn offsets_round_trip(text in draft_text()) {
        let index = LineIndex::new(&text);
        for (byte, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            let units = index.utf16_offset(byte);
            prop_assert_eq!(units, text[..byte].encode_utf16().count());
            prop_assert_eq!(index.byte_offset_from_utf16(units), byte);
            let position = index.line_column(byte);
            let line_start = index.line_start(position.line);
            prop_assert_eq!(text[line_start..byte].chars().count() + 1, position.column);
            prop_assert!(!text[line_start..byte].contains('\n'));
        }
    }

    #[test]
    fn platform_counts_equal_a_plain_walk(text in draft_text(), limit in 0usize..160) {
        use unicode_segmentation::UnicodeSegmentation;
        let entities = postlint_core::entities::find(&text);
        // Every platform twice: with its own limit, and a small one the text is likely over.
        let targets: Vec<PlatformTarget> = Platform::ALL
            .into_iter()
            .flat_map(|platform| [PlatformTarget { platform, limit: None }, PlatformTarget { platform, limit: Some(limit) }])
            .collect();
        for (target, metrics) in targets.iter().zip(postlint_core::metrics::measure_platforms(&text, &targets, &entities)) {
            let facts = target.platform.facts();
            let (length, overflow) =
                postlint_core::metrics::measure(&text, metrics.unit, target.limit.unwrap_or(facts.limit), &entities);
            prop_assert_eq!(metrics.length, length, "{} length", target.platform);
            prop_assert_eq!(metrics.overflow(), overflow, "{} overflow", target.platform);
            let fold = facts.fold.and_then(|characters| {
                text.grapheme_indices(true).nth(characters).map(|(offset, _)| offset)
            });
            prop_assert_eq!(metrics.fold(), fold, "{} fold", target.platform);
        }
    }
}
