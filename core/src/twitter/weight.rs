//! Weighted length of a post, the way X counts it (twitter-text's `parseTweet`).

use std::borrow::Cow;

use super::chars::is_invalid_character;
use super::emoji::emoji_sequence_len;
use super::url::url_spans;
use crate::normalize::{is_nfc_quick_yes_starter, is_nfc_quick_yes_text, nfc_into};
use crate::span::Span;

/// A range of code points and the weight each of them counts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeightRange {
    /// First code point of the range.
    pub start: u32,
    /// Last code point of the range (inclusive).
    pub end: u32,
    /// Weight of each code point in the range, in units of [`Config::scale`].
    pub weight: usize,
}

/// The ranges of twitter-text configurations v2 and v3: Latin, Greek, Cyrillic
/// and other scripts up to U+10FF, and the common punctuation, count 1; the
/// rest (CJK, emoji, most symbols) counts 2.
const LIGHT_RANGES: [WeightRange; 4] = [
    WeightRange { start: 0, end: 4351, weight: 100 },
    WeightRange { start: 8192, end: 8205, weight: 100 },
    WeightRange { start: 8208, end: 8223, weight: 100 },
    WeightRange { start: 8242, end: 8247, weight: 100 },
];

/// Parameters of a length count (twitter-text's configuration files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Configuration version (1, 2 or 3 for the published ones).
    pub version: u32,
    /// Longest valid post, in characters (weight divided by the scale).
    pub max_weighted_tweet_length: usize,
    /// How many weight units make one character.
    pub scale: usize,
    /// Weight of a code point outside every range.
    pub default_weight: usize,
    /// Characters every URL counts for, whatever its length (t.co links).
    pub transformed_url_length: usize,
    /// Whether emoji sequences count as one unit of `default_weight`.
    pub emoji_parsing_enabled: bool,
    /// Weights of code-point ranges; the first range containing a code point wins.
    pub ranges: Cow<'static, [WeightRange]>,
}

impl Config {
    /// Version 1: 140 code points, URLs count 23.
    pub const fn v1() -> Config {
        Config {
            version: 1,
            max_weighted_tweet_length: 140,
            scale: 1,
            default_weight: 1,
            transformed_url_length: 23,
            emoji_parsing_enabled: false,
            ranges: Cow::Borrowed(&[]),
        }
    }

    /// Version 2: 280 characters, CJK and emoji count double.
    pub const fn v2() -> Config {
        Config {
            version: 2,
            max_weighted_tweet_length: 280,
            scale: 100,
            default_weight: 200,
            transformed_url_length: 23,
            emoji_parsing_enabled: false,
            ranges: Cow::Borrowed(&LIGHT_RANGES),
        }
    }

    /// Version 3 (current): like version 2, but every emoji sequence counts 2.
    pub const fn v3() -> Config {
        Config {
            version: 3,
            max_weighted_tweet_length: 280,
            scale: 100,
            default_weight: 200,
            transformed_url_length: 23,
            emoji_parsing_enabled: true,
            ranges: Cow::Borrowed(&LIGHT_RANGES),
        }
    }

    /// Weight of one code point.
    pub(crate) fn weight_of(&self, c: char) -> usize {
        let value = u32::from(c);
        self.ranges
            .iter()
            .find(|range| range.start <= value && value <= range.end)
            .map_or(self.default_weight, |range| range.weight)
    }
}

impl Default for Config {
    fn default() -> Self {
        Config::v3()
    }
}

/// Result of parsing a post the way X counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TweetLength {
    /// Length as X counts it (total weight divided by the scale).
    pub weighted_length: usize,
    /// Whether the post may be published: not empty, within the limit, and free
    /// of U+FFFE, U+FEFF and U+FFFF.
    pub valid: bool,
    /// `weighted_length` per thousand of the limit, rounded down.
    pub permillage: usize,
    /// UTF-8 byte range of the whole text.
    pub display_range: (usize, usize),
    /// UTF-8 byte range of the leading part that fits the limit (and contains no
    /// invalid character); everything from `valid_range.1` on is over the limit.
    pub valid_range: (usize, usize),
}

/// Parses `text` with the current configuration ([`Config::v3`]).
pub fn weighted_length(text: &str) -> TweetLength {
    weighted_length_with(text, &Config::v3())
}

/// Whether `text` is a valid post under the current configuration.
pub fn is_valid_tweet(text: &str) -> bool {
    weighted_length(text).valid
}

/// Parses `text` with `config`.
///
/// The text is normalised to NFC first (as X does), URLs count
/// `transformed_url_length` each and, with emoji parsing, every emoji sequence
/// counts `default_weight`. Returned ranges are byte offsets into `text` itself.
pub fn weighted_length_with(text: &str, config: &Config) -> TweetLength {
    weighted_length_with_urls(text, config, None)
}

/// Like [`weighted_length_with`], reusing the URL spans of `text` when the
/// caller has extracted them already (they must be `url_entities(text)`'s
/// spans). They are used only when `text` is already NFC, where the
/// normalised text is the text itself; otherwise URLs are found again.
pub fn weighted_length_with_urls(text: &str, config: &Config, urls: Option<&[Span]>) -> TweetLength {
    let normalized = Normalized::new(text);
    let reusable = match (&normalized.text, urls) {
        (Cow::Borrowed(_), Some(urls)) => Some(urls),
        _ => None,
    };
    let counted = count(&normalized.text, config, reusable);
    let scale = config.scale.max(1);
    let weighted_length = counted.total_weight / scale;
    let limit = config.max_weighted_tweet_length;
    let permillage =
        if limit == 0 { 0 } else { counted.total_weight.saturating_mul(1000) / scale.saturating_mul(limit) };
    TweetLength {
        weighted_length,
        valid: counted.free_of_invalid_characters && weighted_length > 0 && weighted_length <= limit,
        permillage,
        display_range: (0, text.len()),
        valid_range: (0, normalized.original_offset(counted.fitting_end)),
    }
}

/// What the weighing loop found.
struct Counted {
    total_weight: usize,
    free_of_invalid_characters: bool,
    /// Byte offset (in the normalised text) where the part that fits ends.
    fitting_end: usize,
}

/// Sums the weights of `text` (already normalised).
fn count(text: &str, config: &Config, known_urls: Option<&[Span]>) -> Counted {
    let found;
    let urls: &[Span] = match known_urls {
        Some(urls) => urls,
        None => {
            found = url_spans(text);
            found.as_slice()
        }
    };
    let limit = config.max_weighted_tweet_length.saturating_mul(config.scale);
    let url_weight = config.transformed_url_length.saturating_mul(config.scale);
    // Weight of every ASCII character, looked up once instead of per
    // character, and the one weight they share, if they do (every config so
    // far gives them one).
    let (ascii_weights, uniform_ascii_weight): ([usize; 128], Option<usize>) =
        match config.ranges.iter().find(|range| range.start == 0 && range.end >= 0x7F) {
            Some(range) => ([range.weight; 128], Some(range.weight)),
            None => {
                let weights: [usize; 128] = std::array::from_fn(|byte| config.weight_of(char::from(byte as u8)));
                (weights, weights.iter().all(|&weight| weight == weights[0]).then_some(weights[0]))
            }
        };
    let bytes = text.as_bytes();
    let mut next_url = urls.iter().peekable();
    let mut total: usize = 0;
    let mut free_of_invalid_characters = true;
    let mut fitting_end = 0;
    let mut position = 0;
    while position < bytes.len() {
        while next_url.peek().is_some_and(|url| url.start < position) {
            next_url.next();
        }
        let byte = bytes[position];
        let next_url_start = next_url.peek().map_or(bytes.len(), |url| url.start);
        if let Some(weight) = uniform_ascii_weight.filter(|_| byte < 0x80 && next_url_start > position) {
            // A run of ASCII, most of most posts, weighed at once. When
            // non-ASCII follows, the run's last byte is left to the loop
            // below: a digit, `#` or `*` there may start a keycap emoji.
            let mut run = crate::metrics::ascii_prefix_length(&bytes[position..next_url_start]);
            if position + run < next_url_start {
                run -= 1;
            }
            if run > 0 {
                if free_of_invalid_characters && total <= limit {
                    let fitting = (limit - total).checked_div(weight).map_or(run, |fits| fits.min(run));
                    if fitting > 0 {
                        fitting_end = position + fitting;
                    }
                }
                total = total.saturating_add(run.saturating_mul(weight));
                position += run;
                continue;
            }
        }
        if let Some(url) = next_url.peek().filter(|url| url.start == position) {
            total = total.saturating_add(url_weight);
            position = url.end.max(position + 1);
        } else if let Some(length) =
            config.emoji_parsing_enabled.then(|| emoji_sequence_len(&text[position..])).flatten()
        {
            total = total.saturating_add(config.default_weight);
            position += length;
        } else if byte < 0x80 {
            total = total.saturating_add(ascii_weights[usize::from(byte)]);
            position += 1;
        } else {
            let Some(c) = text[position..].chars().next() else {
                break;
            };
            total = total.saturating_add(config.weight_of(c));
            if is_invalid_character(c) {
                free_of_invalid_characters = false;
            }
            position += c.len_utf8();
        }
        if free_of_invalid_characters && total <= limit {
            fitting_end = position;
        }
    }
    Counted { total_weight: total, free_of_invalid_characters, fitting_end }
}

/// The NFC form of a text, with what is needed to map offsets back.
struct Normalized<'t> {
    text: Cow<'t, str>,
    /// Starts of the normalisation segments: (offset in the normalised text,
    /// offset in the original). Empty when the text was already in NFC.
    segments: Vec<(usize, usize)>,
    original_length: usize,
}

impl<'t> Normalized<'t> {
    fn new(original: &'t str) -> Self {
        let already_nfc = original.is_ascii() || is_nfc_quick_yes_text(original);
        if already_nfc {
            return Normalized { text: Cow::Borrowed(original), segments: Vec::new(), original_length: original.len() };
        }
        // Normalise segment by segment. A segment starts at a character that
        // can neither combine with what precedes it nor be reordered before it
        // (a starter whose NFC quick-check is Yes), so normalising segments
        // separately gives the same text as normalising the whole.
        let mut text = String::with_capacity(original.len());
        let mut segments = Vec::new();
        let mut segment_start = 0;
        for (offset, c) in original.char_indices() {
            let boundary = offset > 0 && is_nfc_quick_yes_starter(c);
            if boundary {
                segments.push((text.len(), segment_start));
                nfc_into(&original[segment_start..offset], &mut text);
                segment_start = offset;
            }
        }
        segments.push((text.len(), segment_start));
        nfc_into(&original[segment_start..], &mut text);
        Normalized { text: Cow::Owned(text), segments, original_length: original.len() }
    }

    /// Maps the end of a fitting prefix of the normalised text back to the
    /// original. A segment only counts as fitting if all of it fits.
    fn original_offset(&self, normalized_end: usize) -> usize {
        if self.segments.is_empty() {
            return normalized_end;
        }
        if normalized_end >= self.text.len() {
            return self.original_length;
        }
        let index = self.segments.partition_point(|(normalized_start, _)| *normalized_start <= normalized_end);
        index.checked_sub(1).and_then(|index| self.segments.get(index)).map_or(0, |(_, original_start)| *original_start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn length(text: &str) -> usize {
        weighted_length(text).weighted_length
    }

    #[test]
    fn latin_counts_one_and_cjk_two() {
        assert_eq!(length("hello"), 5);
        assert_eq!(length("日本語"), 6);
        assert_eq!(length("привет"), 6);
        assert_eq!(length(""), 0);
        assert!(!weighted_length("").valid);
        assert!(weighted_length(" ").valid, "whitespace has weight, like X");
    }

    #[test]
    fn emoji_sequences_count_two() {
        assert_eq!(length("👨\u{200D}👩\u{200D}👧\u{200D}👦"), 2, "ZWJ family");
        assert_eq!(length("🇫🇷"), 2, "flag");
        assert_eq!(length("🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}"), 2, "England tag flag");
        assert_eq!(length("1\u{FE0F}\u{20E3}"), 2, "keycap");
        assert_eq!(length("👍🏿"), 2, "skin tone");
        assert_eq!(length("❤\u{FE0F}"), 2, "VS16 presentation");
        assert_eq!(length("a😀b"), 4);
        // Without emoji parsing every code point counts.
        let family = weighted_length_with("👨\u{200D}👩", &Config::v2());
        assert_eq!(family.weighted_length, 5);
    }

    #[test]
    fn combining_marks_are_normalised_first() {
        assert_eq!(length("e\u{301}"), 1);
        let decomposed = "A\u{301}B";
        let parsed = weighted_length(decomposed);
        assert_eq!(parsed.weighted_length, 2);
        assert_eq!(parsed.valid_range, (0, decomposed.len()));
    }

    #[test]
    fn rtl_marks_count_two_and_stay_valid() {
        let parsed = weighted_length("\u{202B}שלום\u{202C}");
        assert_eq!(parsed.weighted_length, 8);
        assert!(parsed.valid);
    }

    #[test]
    fn urls_count_twenty_three() {
        let long = format!("see https://example.com/{}", "a".repeat(200));
        assert_eq!(length(&long), 4 + 23);
        assert_eq!(length("example.com"), 23);
        assert_eq!(length("example.invalidtld"), 18);
    }

    #[test]
    fn valid_range_marks_the_overflow() {
        let text = format!("{}日本", "a".repeat(279));
        let parsed = weighted_length(&text);
        assert_eq!(parsed.weighted_length, 283);
        assert!(!parsed.valid);
        assert_eq!(parsed.valid_range, (0, 279), "the first CJK character no longer fits");
        assert_eq!(parsed.display_range, (0, text.len()));
        assert_eq!(parsed.permillage, 1010);
    }

    #[test]
    fn invalid_characters_stop_the_valid_range() {
        let parsed = weighted_length("ab\u{FFFE}cd");
        assert!(!parsed.valid);
        assert_eq!(parsed.valid_range, (0, 2));
    }

    #[test]
    fn decomposed_text_maps_back_to_original_offsets() {
        // 279 'x' then "é" written as e + U+0301: the é is the 280th character.
        let text = format!("{}e\u{301}x", "x".repeat(279));
        let parsed = weighted_length(&text);
        assert_eq!(parsed.weighted_length, 281);
        assert_eq!(parsed.valid_range.1, text.len() - 1);
    }

    #[test]
    fn huge_inputs_do_not_panic() {
        let text = "e\u{301}".repeat(200_000);
        let parsed = weighted_length(&text);
        assert_eq!(parsed.weighted_length, 200_000);
        let marks = format!("a{}", "\u{301}".repeat(100_000));
        assert_eq!(weighted_length(&marks).display_range.1, marks.len());
    }
}
