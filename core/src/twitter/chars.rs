//! Character classes shared by the extractors, written from twitter-text's
//! documented behaviour (which characters end a domain, which may precede a URL…).

use std::sync::LazyLock;

use regex::Regex;

/// Spaces that separate entities (the Unicode `White_Space` characters
/// twitter-text lists).
pub(crate) fn is_space(c: char) -> bool {
    matches!(
        c,
        '\u{9}'..='\u{D}'
            | ' '
            | '\u{85}'
            | '\u{A0}'
            | '\u{1680}'
            | '\u{180E}'
            | '\u{2000}'..='\u{200A}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
    )
}

/// Characters that make a post invalid (byte-order marks and a non-character).
pub(crate) fn is_invalid_character(c: char) -> bool {
    matches!(c, '\u{FFFE}' | '\u{FEFF}' | '\u{FFFF}')
}

/// Bidirectional marks, embeddings, overrides and isolates.
pub(crate) fn is_directional_mark(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// The ASCII punctuation that ends a domain label. twitter-text's list leaves out
/// the double quote and the backtick, so those count as domain characters.
fn is_domain_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() && c != '"' && c != '`'
}

/// Whether `c` may appear in a domain label (ASCII letters and digits, and any
/// non-ASCII character that is not a space, a directional mark or invalid).
pub(crate) fn is_domain_char(c: char) -> bool {
    if c.is_ascii() {
        return !(is_domain_punctuation(c) || is_space(c));
    }
    !(is_space(c) || is_invalid_character(c) || is_directional_mark(c))
}

/// Accented Latin letters and combining diacritics that twitter-text treats
/// like ASCII letters in URLs and after mentions.
pub(crate) fn is_latin_accent(c: char) -> bool {
    matches!(
        c,
        '\u{C0}'..='\u{D6}'
            | '\u{D8}'..='\u{F6}'
            | '\u{F8}'..='\u{24F}'
            | '\u{253}'
            | '\u{254}'
            | '\u{256}'
            | '\u{257}'
            | '\u{259}'
            | '\u{25B}'
            | '\u{263}'
            | '\u{268}'
            | '\u{26F}'
            | '\u{272}'
            | '\u{289}'
            | '\u{28B}'
            | '\u{2BB}'
            | '\u{300}'..='\u{36F}'
            | '\u{1E00}'..='\u{1EFF}'
    )
}

/// Punctuation inside hashtags that twitter-text accepts besides letters,
/// marks and digits (joiners, Hebrew and Japanese marks, middle dots…).
fn is_hashtag_special(c: char) -> bool {
    matches!(
        c,
        '_' | '\u{200C}'
            | '\u{200D}'
            | '\u{A67E}'
            | '\u{05BE}'
            | '\u{05F3}'
            | '\u{05F4}'
            | '\u{FF5E}'
            | '\u{301C}'
            | '\u{309B}'
            | '\u{309C}'
            | '\u{30A0}'
            | '\u{30FB}'
            | '\u{3003}'
            | '\u{0F0B}'
            | '\u{0F0C}'
            | '\u{00B7}'
    )
}

/// Letters and marks of any script. The `regex` crate already ships the Unicode
/// general-category tables, so reusing it costs no extra code size.
static LETTER_OR_MARK: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"[\p{L}\p{M}]").ok());

/// Letters, marks and decimal digits of any script, anchored at the start.
static HASHTAG_BODY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        "^[\\p{L}\\p{M}\\p{Nd}_\u{200C}\u{200D}\u{A67E}\u{05BE}\u{05F3}\u{05F4}\u{FF5E}\
         \u{301C}\u{309B}\u{309C}\u{30A0}\u{30FB}\u{3003}\u{0F0B}\u{0F0C}\u{00B7}]+",
    )
    .ok()
});

/// Whether `c` may be part of a hashtag (letters, marks, digits, specials).
pub(crate) fn is_hashtag_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    if is_hashtag_special(c) {
        return true;
    }
    let mut buffer = [0u8; 4];
    let encoded: &str = c.encode_utf8(&mut buffer);
    HASHTAG_BODY.as_ref().is_some_and(|body| body.is_match(encoded))
}

/// Which bytes are ASCII letters, digits or `_`: one load per byte
/// instead of three range tests, for the scans of names and tags.
static ASCII_WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 128 {
        table[byte] = (byte as u8).is_ascii_alphanumeric() || byte == b'_' as usize;
        byte += 1;
    }
    table
};

/// Whether `byte` is an ASCII letter, digit or `_`.
pub(crate) fn is_ascii_word_byte(byte: u8) -> bool {
    ASCII_WORD_BYTES[usize::from(byte)]
}

/// Length of the run of ASCII letters, digits and `_` at the start of
/// `bytes`, counting at most `limit` bytes.
pub(crate) fn ascii_word_len(bytes: &[u8], limit: usize) -> usize {
    let window = &bytes[..bytes.len().min(limit)];
    window.iter().position(|byte| !is_ascii_word_byte(*byte)).unwrap_or(window.len())
}

/// Byte length of the run of hashtag characters at the start of `text`.
pub(crate) fn hashtag_body_len(text: &str) -> usize {
    // ASCII first: most hashtags never reach the regex.
    let ascii = ascii_word_len(text.as_bytes(), usize::MAX);
    let rest = &text[ascii..];
    if rest.is_empty() || rest.as_bytes()[0].is_ascii() {
        return ascii;
    }
    match HASHTAG_BODY.as_ref().and_then(|body| body.find(rest)) {
        // The class includes ASCII too, so one match covers the rest of the run.
        Some(found) => ascii + found.end(),
        None => ascii,
    }
}

/// Whether `text` (a hashtag body) contains at least one letter or mark.
pub(crate) fn has_letter(text: &str) -> bool {
    if text.bytes().any(|byte| byte.is_ascii_alphabetic()) {
        return true;
    }
    if text.is_ascii() {
        return false;
    }
    LETTER_OR_MARK.as_ref().is_some_and(|letter| letter.is_match(text))
}

/// The character that ends just before byte offset `at`, with its start offset.
pub(crate) fn char_before(text: &str, at: usize) -> Option<(usize, char)> {
    // Signs mostly follow ASCII (a space, a letter): read that byte as is
    // instead of decoding backwards. A byte after ASCII never continues a
    // char, so `at` is then a boundary, as `get(..at)` would require.
    let previous = at.checked_sub(1)?;
    match text.as_bytes().get(previous) {
        Some(&byte) if byte.is_ascii() => Some((previous, char::from(byte))),
        _ => char_before_by_decoding(text, at),
    }
}

/// [`char_before`] by decoding backwards: the general path.
fn char_before_by_decoding(text: &str, at: usize) -> Option<(usize, char)> {
    text.get(..at)?.char_indices().next_back()
}

/// The character that starts at byte offset `at`.
pub(crate) fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_chars() {
        assert!(is_domain_char('a'));
        assert!(is_domain_char('9'));
        assert!(is_domain_char('あ'));
        assert!(is_domain_char('"'), "twitter-text omits the quote from its list");
        assert!(!is_domain_char('.'));
        assert!(!is_domain_char('-'));
        assert!(!is_domain_char('\u{3000}'));
        assert!(!is_domain_char('\u{202A}'));
    }

    /// The ASCII shortcut of `char_before` answers what decoding answers,
    /// at every offset (boundaries or not, and one past the end).
    #[test]
    fn char_before_agrees_with_decoding() {
        let texts = [
            "",
            "a",
            "@user #tag",
            "é@x ＠y ＃z 日本#語 😀@a\r\n#b \u{301}@c",
            "\u{FF20}\u{FF03}\u{FE0F}#\u{20E3}",
            "ａｂ１２#\u{200F}@\u{E0100}",
        ];
        for text in texts {
            for at in 0..=text.len() + 1 {
                assert_eq!(char_before(text, at), char_before_by_decoding(text, at), "{text:?} at {at}");
            }
        }
    }

    /// The table of word bytes agrees with the tests it replaces.
    #[test]
    fn word_byte_table_agrees_with_the_ascii_tests() {
        for byte in 0..=u8::MAX {
            assert_eq!(is_ascii_word_byte(byte), byte.is_ascii_alphanumeric() || byte == b'_', "{byte:#x}");
        }
    }

    /// `ascii_word_len` counts what an iterator chain would count.
    fn check_word_len(bytes: &[u8], limit: usize) -> Result<(), proptest::test_runner::TestCaseError> {
        let by_iterator =
            bytes.iter().take(limit).take_while(|byte| byte.is_ascii_alphanumeric() || **byte == b'_').count();
        proptest::prop_assert_eq!(ascii_word_len(bytes, limit), by_iterator, "{:?} limit {}", bytes, limit);
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn word_len_agrees_with_the_iterator(
            text in "[a-zA-Z0-9_@#/\\- éé日😀\u{FF20}]{0,40}",
            limit in 0usize..30,
        ) {
            check_word_len(text.as_bytes(), limit)?;
            check_word_len(text.as_bytes(), usize::MAX)?;
        }

        #[test]
        fn word_len_agrees_with_the_iterator_on_any_bytes(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40),
            limit in 0usize..30,
        ) {
            check_word_len(&bytes, limit)?;
        }

        #[test]
        fn char_before_agrees_with_decoding_on_any_text(text in proptest::prelude::any::<String>()) {
            for at in 0..=text.len() + 1 {
                proptest::prop_assert_eq!(char_before(&text, at), char_before_by_decoding(&text, at));
            }
        }
    }

    #[test]
    fn hashtag_body_runs_across_scripts() {
        assert_eq!(hashtag_body_len("abc def"), 3);
        assert_eq!(hashtag_body_len("日本語。"), "日本語".len());
        assert_eq!(hashtag_body_len("ab日本cd!"), "ab日本cd".len());
        assert_eq!(hashtag_body_len("!"), 0);
        assert!(is_hashtag_char('\u{FE0F}'), "variation selectors are marks");
        assert!(!is_hashtag_char('。'));
        assert!(has_letter("12a"));
        assert!(!has_letter("123_"));
        assert!(has_letter("\u{20021}"));
        assert!(!has_letter("१२३"));
    }
}
