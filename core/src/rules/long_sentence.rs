//! `style.long-sentence`: sentences too long to read at a glance.

use unicode_segmentation::UnicodeSegmentation;

use crate::diagnostic::{Category, Severity};
use crate::rule::{CheckContext, Reporter, Rule, RuleMeta};
use crate::rules::MetaBuilder;

/// Word count above which a sentence is flagged.
pub(crate) const MAX_WORDS: usize = 35;

/// Flags sentences of more than [`MAX_WORDS`] words.
pub(crate) struct LongSentence {
    meta: RuleMeta,
}

impl LongSentence {
    pub(crate) fn new() -> Self {
        let meta = MetaBuilder::new(
            "style.long-sentence",
            Category::Style,
            Severity::Info,
            "Sentences of more than 35 words.",
        )
        .why(
            "Long sentences are hard to follow on a phone screen and for readers with cognitive disabilities or \
             who read in a second language. Plain-language guides recommend an average of 15–20 words.",
            "plainlanguage.gov, Federal Plain Language Guidelines (“Write short sentences”)",
        )
        .fire(&["We are delighted to announce that thanks to the generous support of our many partners and donors across the region we were able to open three new clinics this year and train more than two hundred community health workers."])
        .pass(&["We opened three new clinics this year. Thanks to our partners and donors, we also trained 200 community health workers."])
        .build();
        LongSentence { meta }
    }
}

impl Rule for LongSentence {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        let view = context.document.prose_view();
        // Fewer spaces in the whole draft than the limit means no sentence can
        // be long: skip sentence splitting, the costly part, for most posts.
        if view.bytes().filter(|&byte| byte == b' ').count() < MAX_WORDS {
            return;
        }
        for sentence in context.document.sentences() {
            // Cheap pre-check: fewer spaces than the limit means fewer words.
            let text = sentence.slice(view);
            if text.bytes().filter(|&byte| byte == b' ').count() < MAX_WORDS {
                continue;
            }
            let words = text.unicode_words().count();
            if words > MAX_WORDS {
                reporter.report(
                    *sentence,
                    format!("This sentence has {words} words"),
                    format!("Split it; aim for {MAX_WORDS} words or fewer, 20 on average."),
                );
            }
        }
    }
}
