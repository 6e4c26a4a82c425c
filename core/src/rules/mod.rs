//! Built-in rules written in code, for checks that are not a word list:
//! detectors, structure, counting. Each rule is one type in its own file,
//! with its examples in its metadata and its own tests.

mod broken_hashtag;
mod email_address;
mod entity_cap;
mod fancy_text;
mod forbidden_character;
mod hashtag_case;
mod hashtag_count;
mod hashtag_policy;
mod hashtag_stuffing;
mod long_sentence;
mod missing_alt_text;
mod over_length;
mod repeated_exclamation;
mod vague_link_text;

use crate::diagnostic::{Category, Severity};
use crate::rule::{Examples, Rule, RuleMeta, Sureness};

/// Every built-in code rule, each belonging to the pack its id names.
pub(crate) fn builtin_rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(broken_hashtag::BrokenHashtag::new()),
        Box::new(email_address::EmailAddress::new()),
        Box::new(entity_cap::EntityCap::links()),
        Box::new(entity_cap::EntityCap::mentions()),
        Box::new(forbidden_character::ForbiddenCharacter::new()),
        Box::new(hashtag_case::HashtagCase::accessibility()),
        Box::new(hashtag_case::HashtagCase::policy()),
        Box::new(hashtag_count::HashtagCount::guideline_max()),
        Box::new(hashtag_count::HashtagCount::platform_advice()),
        Box::new(hashtag_count::HashtagCount::platform_cap()),
        Box::new(hashtag_policy::HashtagPolicyRule::banned()),
        Box::new(hashtag_policy::HashtagPolicyRule::duplicate()),
        Box::new(hashtag_policy::HashtagPolicyRule::required()),
        Box::new(hashtag_policy::HashtagPolicyRule::required_below_fold()),
        Box::new(hashtag_stuffing::HashtagStuffing::new()),
        Box::new(over_length::OverLength::new()),
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
        self.meta.examples.fire = examples.iter().map(|example| (*example).to_owned()).collect();
        self
    }

    pub(crate) fn pass(mut self, examples: &[&str]) -> Self {
        self.meta.examples.pass = examples.iter().map(|example| (*example).to_owned()).collect();
        self
    }

    pub(crate) fn fixed(mut self, examples: &[(&str, &str)]) -> Self {
        self.meta.fixable = true;
        self.meta.examples.fixed = examples.iter().map(|(from, to)| ((*from).to_owned(), (*to).to_owned())).collect();
        self
    }

    /// Platforms for the examples, as `x` or `mastodon:1000`.
    pub(crate) fn platforms(mut self, names: &[&str]) -> Self {
        self.meta.examples.platforms = names.iter().filter_map(|name| name.parse().ok()).collect();
        self
    }

    /// Guideline settings the examples need.
    pub(crate) fn guideline(mut self, toml: &str) -> Self {
        self.meta.examples.guideline = Some(toml.to_owned());
        self
    }

    pub(crate) fn build(self) -> RuleMeta {
        self.meta
    }
}
