//! `disclosure.label-in-hashtag-block`: the only ad label is one hashtag in
//! a block of hashtags at the end of the post.

use crate::diagnostic::{Category, Edit, Severity};
use crate::entities::{EntityKind, FoundEntity};
use crate::rule::{CheckContext, Reporter, Rule, RuleMeta, Triggers};
use crate::rules::ad_label::{find_labels, is_label_hashtag, LABEL_TRIGGERS};
use crate::rules::hashtag_policy::removal;
use crate::rules::MetaBuilder;
use crate::span::Span;

/// Hashtags in a trailing block before a label in it counts as buried.
const BLOCK_SIZE: usize = 3;

/// Flags an ad label whose every occurrence is inside a trailing block of
/// three or more hashtags.
pub(crate) struct LabelInHashtagBlock {
    meta: RuleMeta,
}

impl LabelInHashtagBlock {
    pub(crate) fn new() -> Self {
        let meta = MetaBuilder::new(
            "disclosure.label-in-hashtag-block",
            Category::Disclosure,
            Severity::Warning,
            "The only ad label is buried in a block of hashtags at the end of the post.",
        )
        .why(
            "Readers skim past a cluster of hashtags; an #ad among #summer #beach #style is easy to miss. \
             Regulators say a label must be prominent and upfront, not hidden among other tags.",
            "UK CMA/ASA, Influencers' guide to making clear that ads are ads (2023); US FTC, Disclosures 101 for \
             Social Media Influencers (2019)",
        )
        .fire(&["Beach day in my new @SunCo swimsuit ☀️ #summer #beach #ad #fashion #style"])
        .pass(&[
            "#ad Beach day in my new @SunCo swimsuit ☀️ #summer #beach #fashion #style",
            "Beach day in my new @SunCo swimsuit ☀️ #ad",
            "Beach day ☀️ #summer #beach #fashion #style",
        ])
        .fixed(&[("Beach day ☀️ #summer #beach #ad #style", "#ad Beach day ☀️ #summer #beach #style")])
        .build();
        LabelInHashtagBlock { meta }
    }
}

/// The hashtags of the block that ends the post: consecutive hashtags with
/// only white space between them, and nothing but white space, emoji or
/// punctuation after the last.
fn trailing_block<'a>(view: &str, hashtags: &[&'a FoundEntity]) -> Vec<&'a FoundEntity> {
    let mut block: Vec<&FoundEntity> = Vec::new();
    let mut after = view.len();
    for tag in hashtags.iter().rev() {
        let gap = &view[tag.span.end..after];
        let gap_is_blank = if block.is_empty() {
            !gap.chars().any(|ch| ch.is_alphanumeric() || ch == '\u{1}')
        } else {
            gap.chars().all(char::is_whitespace)
        };
        if !gap_is_blank {
            break;
        }
        block.push(tag);
        after = tag.span.start;
    }
    block.reverse();
    block
}

impl Rule for LabelInHashtagBlock {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn triggers(&self) -> Triggers {
        Triggers { word_starts: LABEL_TRIGGERS, ..Triggers::default() }
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        let document = context.document;
        let hashtags: Vec<&FoundEntity> = document.entities_of(EntityKind::Hashtag).collect();
        if hashtags.len() < BLOCK_SIZE {
            return;
        }
        let block = trailing_block(document.prose_view(), &hashtags);
        if block.len() < BLOCK_SIZE {
            return;
        }
        // The rule is about a label inside the block: without one there, the prose need not be searched.
        let source = document.source();
        if !block.iter().any(|tag| is_label_hashtag(tag.value.slice(source))) {
            return;
        }
        let labels = find_labels(document);
        let Some(first) = labels.first() else { return };
        if !labels.iter().all(|label| block.iter().any(|tag| tag.span == label.span)) {
            return;
        }
        let shown = first.span.slice(source);
        let prose = document.prose_view();
        let start = prose.len() - prose.trim_start().len();
        let mut fix = removal(source, first.span, format!("Move {shown} to the start"));
        fix.edits.insert(0, Edit { span: Span::empty(start), replacement: format!("{shown} ") });
        fix.safe = false;
        reporter.report_with_fixes(
            first.span,
            format!(
                "“{shown}” is buried in a block of {} hashtags at the end, where readers skim past it",
                block.len()
            ),
            format!("Move {shown} to the start of the post."),
            vec![fix],
        );
    }
}
