//! Length counting and entity extraction the way twitter-text does it.
//!
//! X (Twitter) does not count characters: it weighs them. This module
//! reproduces twitter-text's rules, checked against its conformance data:
//!
//! * [`weighted_length`] normalises the text to NFC, counts every URL as 23,
//!   every emoji sequence as 2, Latin and other light scripts as 1 and
//!   everything else (CJK, most symbols) as 2, and reports which leading part
//!   of the text fits in 280 ([`TweetLength::valid_range`]).
//! * [`extract_entities`] finds hashtags, mentions and lists, URLs (with and
//!   without protocol; bare domains need a known top-level domain) and cashtags.
//! * `is_valid_*` check whether a whole string is one valid entity or post.
//!
//! Every offset is a UTF-8 byte offset into the text that was passed in.
//! Everything runs in time linear in the input and never panics.
//!
//! ```
//! use postlint_core::twitter::{extract_hashtags, weighted_length};
//!
//! let post = "Launch day! 🚀 #rust https://example.com/a/very/long/path";
//! assert_eq!(weighted_length(post).weighted_length, 12 + 2 + 1 + 6 + 23);
//! assert_eq!(extract_hashtags(post), ["rust"]);
//! ```

mod chars;
mod emoji;
mod entities;
pub(crate) mod signs;
mod tld;
mod tlds;
mod url;
mod validate;
mod weight;

pub(crate) use chars::{is_ascii_word_byte, is_invalid_character};
pub(crate) use emoji::emoji_sequence_len as emoji_sequence_length;
pub(crate) use emoji::is_extended_pictographic;
pub(crate) use emoji::may_start_with as may_start_emoji_sequence;
#[cfg(test)]
pub(crate) use entities::extract_entities_by_reference;
pub(crate) use entities::{extract_entities_with, FromEntity};
pub(crate) use signs::Signs;

pub use entities::{
    cashtag_entities, extract_cashtags, extract_entities, extract_hashtags, extract_mentions, extract_urls,
    hashtag_entities, mention_entities, url_entities, Entity, EntityKind,
};
pub use validate::{is_valid_hashtag, is_valid_list, is_valid_url, is_valid_url_with, is_valid_username};
pub use weight::{
    is_valid_tweet, weighted_length, weighted_length_with, weighted_length_with_urls, Config, TweetLength, WeightRange,
};

/// Whether `text` is a valid post under `config` (not empty, within the
/// limit, no invalid characters).
pub fn is_valid_tweet_with(text: &str, config: &Config) -> bool {
    weighted_length_with(text, config).valid
}

/// Every top-level domain the URL extractor accepts, ASCII ones first
/// (shortest first). Exposed so that tests can check the generated table against
/// twitter-text's `tld_lib.yml`.
pub fn known_top_level_domains() -> impl Iterator<Item = &'static str> {
    tld::ascii_tlds().chain(tlds::UNICODE_TLDS.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Texts built from the pieces the scanners react to, so that random
    /// combinations reach the interesting paths.
    pub(super) fn tricky_text() -> impl Strategy<Value = String> {
        let pieces = [
            "#",
            "＃",
            "@",
            "＠",
            "$",
            ".",
            "/",
            ":",
            "?",
            "(",
            ")",
            "&",
            "'",
            "-",
            "_",
            " ",
            "http://",
            "https://",
            "t.co/",
            "com",
            "jp",
            "xn--",
            "a",
            "Z",
            "1",
            "é",
            "e\u{301}",
            "\u{301}",
            "日本",
            "みんな",
            "。",
            "😀",
            "\u{200D}",
            "\u{FE0F}",
            "\u{20E3}",
            "🇯",
            "\u{1F3FD}",
            "\u{E0067}",
            "\u{E007F}",
            "\u{202A}",
            "\u{FFFE}",
            "\u{FB2C}",
            "RT",
            "\u{20021}",
            "ö",
            "ﬁ",
        ];
        proptest::collection::vec(proptest::sample::select(pieces.to_vec()), 0..48).prop_map(|parts| parts.concat())
    }

    fn check_invariants(text: &str) -> Result<(), TestCaseError> {
        let parsed = weighted_length(text);
        prop_assert!(parsed.valid_range.1 <= text.len());
        prop_assert!(text.is_char_boundary(parsed.valid_range.1));
        prop_assert_eq!(parsed.display_range, (0, text.len()));
        let entities = extract_entities(text);
        for pair in entities.windows(2) {
            prop_assert!(pair[0].span.end <= pair[1].span.start);
        }
        for entity in &entities {
            prop_assert!(entity.span.contains(entity.value_span));
            prop_assert!(!entity.value_span.slice(text).is_empty());
            prop_assert!(text.is_char_boundary(entity.span.start));
            prop_assert!(text.is_char_boundary(entity.span.end));
        }
        for url in url_entities(text) {
            prop_assert!(text.is_char_boundary(url.span.end));
        }
        let _ = (is_valid_url(text), is_valid_url_with(text, false));
        let _ = (is_valid_hashtag(text), is_valid_username(text), is_valid_list(text));
        Ok(())
    }

    proptest! {
        #[test]
        fn scanners_never_panic_on_tricky_text(text in tricky_text()) {
            check_invariants(&text)?;
        }

        #[test]
        fn scanners_never_panic_on_any_text(text in any::<String>()) {
            check_invariants(&text)?;
        }

        /// Runs of ASCII are weighed at once when every ASCII char weighs the
        /// same. Where DEL (which the texts never hold) weighs more, they are
        /// weighed char by char: both must give the same length and the same
        /// end of the part that fits, for limits the texts cross.
        #[test]
        fn ascii_runs_weigh_what_their_chars_weigh(text in tricky_text(), limit in 0usize..40) {
            let at_once = Config { max_weighted_tweet_length: limit, ..Config::v3() };
            let mut ranges = vec![
                WeightRange { start: 0, end: 0x7E, weight: 100 },
                WeightRange { start: 0x7F, end: 0x7F, weight: 300 },
                WeightRange { start: 0x80, end: 4351, weight: 100 },
            ];
            ranges.extend_from_slice(&Config::v3().ranges[1..]);
            let by_char = Config { ranges: std::borrow::Cow::Owned(ranges), ..at_once.clone() };
            prop_assert_eq!(weighted_length_with(&text, &at_once), weighted_length_with(&text, &by_char));
        }
    }

    #[test]
    fn configurations_match_twitter_text() {
        assert_eq!(Config::default(), Config::v3());
        assert_eq!(Config::v1().max_weighted_tweet_length, 140);
        assert!(!Config::v2().emoji_parsing_enabled);
        assert_eq!(Config::v3().ranges.len(), 4);
        assert!(is_valid_tweet_with(&"a".repeat(140), &Config::v1()));
        assert!(!is_valid_tweet_with(&"a".repeat(141), &Config::v1()));
        assert!(is_valid_tweet(&"a".repeat(280)));
    }
}
