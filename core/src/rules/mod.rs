//! Built-in rules written in code, for checks that are not a word list:
//! detectors, structure, counting. Each rule is one type in its own file,
//! with its examples in its metadata and its own tests.

/// Appends `number` in decimal digits, as `format!("{number}")` writes it,
/// without the formatting machinery, which costs more than a short message.
pub(crate) fn push_decimal(message: &mut String, number: usize) {
    if number >= 1000 {
        push_decimal(message, number / 1000);
    }
    // The last three digits, unrolled: most numbers in messages have at most three.
    let group = number % 1000;
    if number >= 100 {
        message.push(char::from(b'0' + (group / 100) as u8));
    }
    if number >= 10 {
        message.push(char::from(b'0' + (group / 10 % 10) as u8));
    }
    message.push(char::from(b'0' + (group % 10) as u8));
}

mod ad_label;
mod all_caps_sentence;
mod brand_name;
mod broken_hashtag;
mod date_of_birth;
mod email_address;
mod emoji_between_words;
mod emoji_run;
mod entity_cap;
mod fancy_text;
mod forbidden_character;
mod gps_coordinates;
mod hashtag_case;
mod hashtag_count;
mod hashtag_policy;
mod hashtag_stuffing;
mod iban;
mod identifying_details;
mod label_below_fold;
mod label_in_hashtag_block;
mod long_sentence;
mod missing_ad_label;
mod missing_alt_text;
mod national_id;
mod over_length;
mod payment_card;
mod phone_number;
mod privacy_scan;
mod repeated_exclamation;
mod shouting;
mod vague_link_text;

use crate::diagnostic::{Category, Severity};
use std::borrow::Cow;
use std::sync::{Arc, LazyLock};

use crate::rule::{Examples, Rule, RuleMeta, Sureness};

/// Every built-in code rule, each belonging to the pack its id names.
///
/// They are built once per process (their detectors compile regular
/// expressions and automata) and shared by every checker.
pub(crate) fn builtin_rules() -> Vec<Arc<dyn Rule>> {
    static RULES: LazyLock<Vec<Arc<dyn Rule>>> = LazyLock::new(|| build_rules().into_iter().map(Arc::from).collect());
    RULES.clone()
}

fn build_rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(all_caps_sentence::AllCapsSentence::new()),
        Box::new(brand_name::BrandName::new()),
        Box::new(broken_hashtag::BrokenHashtag::new()),
        Box::new(date_of_birth::DateOfBirth::new()),
        Box::new(email_address::EmailAddress::new()),
        Box::new(emoji_between_words::EmojiBetweenWords::new()),
        Box::new(emoji_run::EmojiRun::new()),
        Box::new(entity_cap::EntityCap::links()),
        Box::new(entity_cap::EntityCap::mentions()),
        Box::new(forbidden_character::ForbiddenCharacter::new()),
        Box::new(gps_coordinates::GpsCoordinates::new()),
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
        Box::new(iban::Iban::new()),
        Box::new(label_below_fold::LabelBelowFold::new()),
        Box::new(label_in_hashtag_block::LabelInHashtagBlock::new()),
        Box::new(identifying_details::IdentifyingDetails::new()),
        Box::new(long_sentence::LongSentence::new()),
        Box::new(missing_ad_label::MissingAdLabel::new()),
        Box::new(missing_alt_text::MissingAltText::new()),
        Box::new(national_id::NationalId::new()),
        Box::new(payment_card::PaymentCard::new()),
        Box::new(phone_number::PhoneNumber::new()),
        Box::new(repeated_exclamation::RepeatedExclamation::new()),
        Box::new(shouting::Shouting::new()),
        Box::new(vague_link_text::VagueLinkText::new()),
    ]
}

/// Metadata for a code rule, written compactly.
pub(crate) struct MetaBuilder {
    meta: RuleMeta,
}

impl MetaBuilder {
    pub(crate) fn new(id: &'static str, category: Category, severity: Severity, summary: &str) -> Self {
        MetaBuilder {
            meta: RuleMeta {
                id: Cow::Borrowed(id),
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

#[cfg(test)]
mod tests {
    #[test]
    fn decimal_numbers_read_as_formatted() {
        for number in (0..2_000).chain((0..100_000).step_by(3)).chain([usize::MAX, 1_000_000, 10]) {
            let mut message = String::from("n=");
            super::push_decimal(&mut message, number);
            assert_eq!(message, format!("n={number}"));
        }
    }
}
