//! `hashtags.stuffed-mid-sentence`: a block of hashtags in the middle of a sentence.

use crate::diagnostic::{Category, Severity};
use crate::entities::EntityKind;
use crate::rule::{CheckContext, Facts, Reporter, Rule, RuleMeta};
use crate::rules::MetaBuilder;
use crate::settings::Settings;
use crate::small_list::SmallList;
use crate::span::Span;

/// Hashtags in a row that make a block.
const BLOCK: usize = 3;

/// Flags three or more hashtags in a row followed by more words of the same sentence.
pub(crate) struct HashtagStuffing {
    meta: RuleMeta,
}

impl HashtagStuffing {
    pub(crate) fn new() -> Self {
        let meta = MetaBuilder::new(
            "hashtags.stuffed-mid-sentence",
            Category::Hashtags,
            Severity::Warning,
            "Blocks of three or more hashtags stuffed into the middle of a sentence.",
        )
        .why(
            "A run of hashtags inside a sentence is hard to read, and screen readers read each one out, \
             breaking the sentence apart. Put hashtags at the end, or use one or two inside the text.",
            "Perkins School for the Blind, “Accessible hashtags”; platform hashtag guidance",
        )
        .fire(&["Loving the #sun #beach #summer vibes on our volunteer day"])
        .pass(&[
            "Loving the sun and the beach on our volunteer day. #Sun #Beach #Summer",
            "Join #WorldHealthDay events today",
        ])
        .build();
        HashtagStuffing { meta }
    }
}

impl Rule for HashtagStuffing {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// A block of hashtags needs hashtags.
    fn needs(&self, _settings: &Settings) -> Facts {
        Facts::NUMBER_SIGN
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        let hashtags = context.raw_entities.iter().filter(|entity| entity.kind == EntityKind::Hashtag);
        // Counted before they are collected: most posts have too few to make a block.
        if hashtags.clone().count() < BLOCK {
            return;
        }
        let text = context.document.source();
        // In place for the few hashtags most posts have.
        let mut spans: SmallList<Span, 8> = SmallList::new(Span::new(0, 0));
        for entity in hashtags {
            spans.push(entity.span);
        }
        let tags = spans.as_slice();
        let mut index = 0;
        while index < tags.len() {
            // Extend a run of hashtags separated by spaces only (not line breaks).
            let mut end = index;
            while end + 1 < tags.len()
                && text[tags[end].end..tags[end + 1].start].chars().all(|ch| ch == ' ' || ch == '\t')
            {
                end += 1;
            }
            let count = end - index + 1;
            if count >= BLOCK {
                let block = Span::new(tags[index].start, tags[end].end);
                // Words of the same sentence must follow on the same line.
                let rest = &text[block.end..];
                let line_rest = &rest[..rest.find('\n').unwrap_or(rest.len())];
                let continues =
                    line_rest.trim_start().chars().next().is_some_and(|ch| ch.is_alphabetic() && !ch.is_uppercase());
                let before = text[..block.start].trim_end();
                let preceded_by_words = before.chars().next_back().is_some_and(|ch| ch.is_alphanumeric() || ch == ',');
                if continues && preceded_by_words {
                    reporter.report(
                        block,
                        format!("{count} hashtags in the middle of a sentence"),
                        "Move the hashtags to the end of the post, or keep one that reads as a word.",
                    );
                }
            }
            index = end + 1;
        }
    }
}
