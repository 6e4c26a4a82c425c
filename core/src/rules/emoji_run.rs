//! `accessibility.emoji-run`: long runs of emoji in a row.

use crate::diagnostic::{Category, Severity};
use crate::emoji_tokens::Piece;
use crate::rule::{CheckContext, Facts, Reporter, Rule, RuleMeta};
use crate::rules::MetaBuilder;
use crate::settings::Settings;
use crate::span::Span;

/// Emoji in a row before a run is flagged; five or fewer are fine.
const MIN_RUN: usize = 6;

/// Flags runs of six or more emoji, with only spaces between them.
pub(crate) struct EmojiRun {
    meta: RuleMeta,
}

impl EmojiRun {
    pub(crate) fn new() -> Self {
        let meta = MetaBuilder::new(
            "accessibility.emoji-run",
            Category::Accessibility,
            Severity::Warning,
            "Six or more emoji in a row.",
        )
        .why(
            "Screen readers read every emoji's full name: eight party poppers become “party popper” eight times \
             over, which buries the message. A single emoji, placed at the end, says the same thing.",
            "Perkins School for the Blind, “How to make emoji accessible”; American Foundation for the Blind, \
             guidance on emoji and screen readers",
        )
        .fire(&[
            "We hit our target! 🎉🎉🎉🎉🎉🎉🎉🎉 Thank you.",
            "Our volunteers 🇰🇪🇺🇬🇹🇿🇷🇼🇧🇮🇪🇹 are ready.",
            "Nurses Day 👩🏽‍⚕️👨🏿‍⚕️👩🏻‍⚕️🧑🏾‍⚕️👩🏼‍⚕️👨🏽‍⚕️ thank you",
            // Keycaps without the variation selector, as some keyboards type them.
            "Vote now 1\u{20E3}2\u{20E3}3\u{20E3}4\u{20E3}5\u{20E3}6\u{20E3} today",
        ])
        .pass(&[
            "We hit our target! 🎉🎉🎉 Thank you.",
            "Five is fine 🎉🎉🎉🎉🎉",
            "✅ Water\n✅ Hat\n✅ Shoes\n✅ Snacks\n✅ Map\n✅ Phone",
        ])
        .build();
        EmojiRun { meta }
    }
}

impl Rule for EmojiRun {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// No emoji without one of their lead bytes.
    fn needs(&self, _settings: &Settings) -> Facts {
        Facts::leads(&crate::emoji_tokens::EMOJI_LEADS)
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        // Cheap bounds first: most drafts have too few emoji to matter, and
        // most with enough have them apart, which cutting the prose would cost
        // far more to find out.
        if context.document.possible_emoji_count() < MIN_RUN || !may_have_emoji_run(context.document.prose_view()) {
            return;
        }
        for (span, count) in runs(context.document.emoji_pieces()) {
            reporter.report(
                span,
                format!("{count} emoji in a row: screen readers read out every one of them"),
                "Keep one or two emoji that add meaning, and put them at the end of the sentence.",
            );
        }
    }
}

/// The runs of [`MIN_RUN`] emoji or more among `pieces`, with only spaces
/// between them: their spans and how many emoji each holds.
fn runs(pieces: &[Piece]) -> Vec<(Span, usize)> {
    let mut found = Vec::new();
    let mut run: Option<(Span, usize)> = None; // (span so far, emoji count)
    let mut close = |run: &mut Option<(Span, usize)>| {
        if let Some((span, count)) = run.take() {
            if count >= MIN_RUN {
                found.push((span, count));
            }
        }
    };
    for &piece in pieces {
        match piece {
            Piece::Emoji(span, _) => {
                run = Some(match run {
                    Some((start, count)) => (Span::new(start.start, span.end), count + 1),
                    None => (span, 1),
                });
            }
            Piece::Space => {}
            Piece::LineBreak | Piece::Text(..) => close(&mut run),
        }
    }
    close(&mut run);
    found
}

/// Whether `view` may hold a run of [`MIN_RUN`] emoji: as many lead pairs
/// of emoji (those [`crate::emoji_tokens::possible_emoji_count`] counts, and
/// the `E2 83` of a keycap's enclosing mark, so one in each emoji) in one
/// stretch without ASCII other than white space and the digits, `#` and `*`
/// that keycaps start with. An emoji run is inside such a stretch: spaces
/// separate its emoji, and line breaks and other text end it.
fn may_have_emoji_run(view: &str) -> bool {
    let bytes = view.as_bytes();
    let mut count = 0;
    for (index, &byte) in bytes.iter().enumerate() {
        let second = bytes.get(index + 1).copied().unwrap_or(0);
        if byte < 0x80 {
            if !matches!(byte, b'0'..=b'9' | b'#' | b'*' | b' ' | b'\t' | 0x0B | 0x0C) {
                count = 0;
            }
        } else if matches!((byte, second), (0xF0, 0x9F) | (0xEF, 0xB8) | (0xE2, 0x83..)) {
            count += 1;
            if count >= MIN_RUN {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// The precheck never skips a view with a run.
        #[test]
        fn the_precheck_never_skips_a_run(pieces in proptest::collection::vec(
            proptest::prop_oneof![
                6 => proptest::sample::select(vec!["🎉", "👏🏽", "👨‍👩‍👧", "🇰🇪", "⏰", "❤️", "☀️", "©️", "Ⓜ️", "🅰️", "1️⃣", "#️⃣", "*️⃣", "1\u{20E3}", "™"]),
                4 => proptest::sample::select(vec![" ", "  ", "\t", "\u{a0}", "\u{3000}", "\u{FE0F}", "\u{200D}", "\u{b}"]),
                2 => proptest::sample::select(vec!["word", "7", "#", "*", "\n", "\r\n", "\u{2028}", ",", "é", "’", "\u{1}"]),
            ],
            0..30,
        )) {
            let view = pieces.concat();
            if !runs(&crate::emoji_tokens::pieces(&view)).is_empty() {
                proptest::prop_assert!(may_have_emoji_run(&view), "{:?}", view);
            }
        }
    }

    #[test]
    fn the_precheck_skips_emoji_apart() {
        assert!(may_have_emoji_run("Yes 🎉🎉🎉 🎉🎉🎉!"));
        // Keycaps without their selector have only the enclosing mark's lead pair.
        let keycaps = "1\u{20E3}".repeat(MIN_RUN);
        assert_eq!(runs(&crate::emoji_tokens::pieces(&keycaps)).len(), 1);
        assert!(may_have_emoji_run(&keycaps));
        assert!(!may_have_emoji_run("🎉 one 🎉 two 🎉 three 🎉 four 🎉 five 🎉"));
        assert!(!may_have_emoji_run("🎉🎉🎉\n🎉🎉🎉"));
    }
}
