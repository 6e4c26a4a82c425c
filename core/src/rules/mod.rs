//! Built-in rules written in code, for checks that are not a word list:
//! detectors, structure, counting. Each rule is one type in its own file,
//! with its examples in its metadata and its own tests.

mod email_address;
mod fancy_text;
mod long_sentence;
mod missing_alt_text;
mod repeated_exclamation;
mod vague_link_text;

use crate::diagnostic::{Category, Severity};
use crate::rule::{Examples, Rule, RuleMeta, Sureness};

/// Every built-in code rule, each belonging to the pack its id names.
pub(crate) fn builtin_rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(email_address::EmailAddress::new()),
        Box::new(fancy_text::FancyText::new()),
        Box::new(long_sentence::LongSentence::new()),
        Box::new(missing_alt_text::MissingAltText::new()),
        Box::new(repeated_exclamation::RepeatedExclamation::new()),
        Box::new(vague_link_text::VagueLinkText::new()),
    ]
}

/// Metadata for a code rule, written compactly.
pub(crate) struct MetaBuilder {
    meta: RuleMeta,
}

impl MetaBuilder {
    pub(crate) fn new(id: &str, category: Category, severity: Severity, summary: &str) -> Self {
        MetaBuilder {
            meta: RuleMeta {
                id: id.to_owned(),
                category,
                default_severity: severity,
                summary: summary.to_owned(),
                why: String::new(),
                source: String::new(),
                sureness: Sureness::Certain,
                fixable: false,
                examples: Examples::default(),
            },
        }
    }

    pub(crate) fn why(mut self, why: &str, source: &str) -> Self {
        self.meta.why = why.to_owned();
        self.meta.source = source.to_owned();
        self
    }

    pub(crate) fn fire(mut self, examples: &[&str]) -> Self {
        self.meta.examples.fire = examples
            .iter()
            .map(|example| (*example).to_owned())
            .collect();
        self
    }

    pub(crate) fn pass(mut self, examples: &[&str]) -> Self {
        self.meta.examples.pass = examples
            .iter()
            .map(|example| (*example).to_owned())
            .collect();
        self
    }

    pub(crate) fn fixed(mut self, examples: &[(&str, &str)]) -> Self {
        self.meta.fixable = true;
        self.meta.examples.fixed = examples
            .iter()
            .map(|(from, to)| ((*from).to_owned(), (*to).to_owned()))
            .collect();
        self
    }

    pub(crate) fn build(self) -> RuleMeta {
        self.meta
    }
}
