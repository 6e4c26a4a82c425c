//! `style.repeated-exclamation`: strings of exclamation marks.

use crate::diagnostic::{Category, Fix, Severity};
use crate::rule::{CheckContext, Facts, Reporter, Rule, RuleMeta};
use crate::rules::MetaBuilder;
use crate::settings::Settings;
use crate::span::Span;

/// Flags two or more exclamation marks in a row (`!!`, `!!!`, `!?!`).
pub(crate) struct RepeatedExclamation {
    meta: RuleMeta,
}

impl RepeatedExclamation {
    pub(crate) fn new() -> Self {
        let meta = MetaBuilder::new(
            "style.repeated-exclamation",
            Category::Style,
            Severity::Info,
            "Strings of exclamation marks.",
        )
        .why(
            "Several exclamation marks read as shouting or as spam, and screen readers may read each one out.",
            "Mailchimp Content Style Guide, punctuation; GOV.UK style guide, exclamation marks",
        )
        .fire(&["We did it!!!"])
        .pass(&["We did it!", "Really?!"])
        .fixed(&[("We did it!!!", "We did it!")])
        .build();
        RepeatedExclamation { meta }
    }
}

impl Rule for RepeatedExclamation {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// Exclamation marks in a row need one.
    fn needs(&self, _settings: &Settings) -> Facts {
        Facts::EXCLAMATION_MARK
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        // Most drafts have no `!`: the entity pass says so without a search.
        if !context.document.prose_signs().has_exclamation_mark() {
            return;
        }
        let view = context.document.prose_view();
        let bytes = view.as_bytes();
        let mut index = 0;
        while let Some(relative) = memchr::memchr(b'!', &bytes[index..]) {
            let start = index + relative;
            let mut end = start;
            while end < bytes.len() && matches!(bytes[end], b'!' | b'?') {
                end += 1;
            }
            let marks = crate::document::count_byte(&bytes[start..end], b'!');
            if marks >= 2 {
                let span = Span::new(start, end);
                reporter.report_with_fixes(
                    span,
                    format!("{marks} exclamation marks in a row"),
                    "Use one exclamation mark at most.",
                    vec![Fix::replace("Replace with “!”", span, "!").safe()],
                );
            }
            index = end.max(start + 1);
        }
    }
}
