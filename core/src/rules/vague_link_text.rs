//! `accessibility.vague-link-text`: links whose text says nothing.

use crate::diagnostic::{Category, Severity};
use crate::rule::{CheckContext, Facts, Reporter, Rule, RuleMeta};
use crate::rules::MetaBuilder;
use crate::settings::Settings;

/// Link texts that say nothing about where the link goes.
const VAGUE: &[&str] = &["click here", "here", "this link", "link", "read more", "more", "this", "click", "go"];

/// Flags Markdown links whose visible text is "click here" and the like.
pub(crate) struct VagueLinkText {
    meta: RuleMeta,
}

impl VagueLinkText {
    pub(crate) fn new() -> Self {
        let meta = MetaBuilder::new(
            "accessibility.vague-link-text",
            Category::Accessibility,
            Severity::Warning,
            "Link text such as “click here” that does not say where the link goes.",
        )
        .why(
            "Screen-reader users often jump from link to link; “click here” out of context tells them nothing. \
             Link text should describe its destination.",
            "W3C WCAG 2.2, Success Criterion 2.4.4 Link Purpose (In Context)",
        )
        .build();
        VagueLinkText { meta }
    }
}

impl Rule for VagueLinkText {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// Only Markdown has link texts.
    fn needs(&self, _settings: &Settings) -> Facts {
        Facts::MARKDOWN
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        let source = context.document.source();
        for link in &context.document.markdown_facts().links {
            let text = link.text.slice(source);
            let normalized = text.trim().trim_end_matches(['.', '!', ':']).to_lowercase();
            if VAGUE.contains(&normalized.as_str()) {
                reporter.report(
                    link.text,
                    format!("The link text “{}” does not say where the link goes", text.trim()),
                    "Describe the destination: “read the 2025 annual report” rather than “click here”.",
                );
            }
        }
    }
}
