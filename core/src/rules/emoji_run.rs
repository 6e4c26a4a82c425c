//! `accessibility.emoji-run`: long runs of emoji in a row.

use crate::diagnostic::{Category, Severity};
use crate::emoji_tokens::Piece;
use crate::rule::{CheckContext, Reporter, Rule, RuleMeta};
use crate::rules::MetaBuilder;
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

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        // Cheap bound first: most drafts have too few emoji to matter.
        if context.document.possible_emoji_count() < 6 {
            return;
        }
        let mut run: Option<(Span, usize)> = None; // (span so far, emoji count)
        let mut report = |run: &mut Option<(Span, usize)>| {
            if let Some((span, count)) = run.take() {
                if count >= MIN_RUN {
                    reporter.report(
                        span,
                        format!("{count} emoji in a row: screen readers read out every one of them"),
                        "Keep one or two emoji that add meaning, and put them at the end of the sentence.",
                    );
                }
            }
        };
        for &piece in context.document.emoji_pieces() {
            match piece {
                Piece::Emoji(span, _) => {
                    run = Some(match run {
                        Some((start, count)) => (Span::new(start.start, span.end), count + 1),
                        None => (span, 1),
                    });
                }
                Piece::Space => {}
                Piece::LineBreak | Piece::Text(..) => report(&mut run),
            }
        }
        report(&mut run);
    }
}
