//! Helpers the privacy detectors share: the words around a match, digit
//! checks, checksums, masking, and link targets (`tel:`, `mailto:`) that only
//! the raw Markdown source still shows.

pub(crate) use crate::document::find_byte;
use crate::span::Span;

/// Whether `text` holds at least `minimum` ASCII digits; a cheap first test
/// before any detector looks closer.
pub(crate) fn has_digits(text: &str, minimum: usize) -> bool {
    // A branch-free sum over whole chunks, without an early exit inside a
    // chunk, is a loop the compiler vectorises.
    let mut count = 0;
    for chunk in text.as_bytes().chunks(64) {
        // Eight-bit lanes: a chunk of 64 cannot overflow them.
        count += usize::from(chunk.iter().fold(0u8, |sum, &byte| sum + u8::from(byte.wrapping_sub(b'0') < 10)));
        if count >= minimum {
            return true;
        }
    }
    false
}

/// How far back, in bytes, [`words_before`] looks: about one clause.
const WINDOW_BYTES: usize = 64;

/// Up to `count` lowercase words before `offset`, nearest first.
///
/// A word is a run of letters and digits, keeping dots inside or right after
/// it (`no.`, `d.o.b.`, `tel.`), so callers can tell abbreviations apart.
/// Only the last [`WINDOW_BYTES`] bytes are looked at, and a blank line or a
/// sentence end (`!`, `?`) stops the search: context does not cross paragraphs.
pub(crate) fn words_before(view: &str, offset: usize, count: usize) -> Vec<String> {
    let mut from = offset.saturating_sub(WINDOW_BYTES);
    while from > 0 && !view.is_char_boundary(from) {
        from -= 1;
    }
    let window = view.get(from..offset).unwrap_or("");
    let window = match window.rfind("\n\n").or_else(|| window.rfind(['!', '?'])) {
        Some(cut) => &window[cut + 1..],
        None => window,
    };
    let mut words: Vec<String> = split_words(window).map(str::to_lowercase).collect();
    // A window cut in the middle of a word would give a false fragment.
    let cut_in_word = from > 0
        && window.len() == offset - from
        && view[..from].chars().next_back().is_some_and(char::is_alphanumeric);
    if cut_in_word && !words.is_empty() {
        words.remove(0);
    }
    words.reverse();
    words.truncate(count);
    words
}

/// Up to `count` lowercase words after `offset`, nearest first, within the
/// same line.
pub(crate) fn words_after(view: &str, offset: usize, count: usize) -> Vec<String> {
    let mut to = (offset + WINDOW_BYTES / 2).min(view.len());
    while to < view.len() && !view.is_char_boundary(to) {
        to += 1;
    }
    let window = view.get(offset..to).unwrap_or("");
    let window = window.split('\n').next().unwrap_or("");
    let mut words: Vec<String> = split_words(window).map(str::to_lowercase).collect();
    if to < view.len() && window.len() == to - offset && words.len() > 1 {
        words.pop();
    }
    words.truncate(count);
    words
}

fn split_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|ch: char| !(ch.is_alphanumeric() || ch == '.' || ch == '\''))
        .map(|word| word.trim_start_matches(['.', '\'']))
        .filter(|word| !word.is_empty())
}

/// Whether `word` (as [`words_before`] gives it) is one of `list`, ignoring a
/// trailing full stop or colon.
pub(crate) fn word_in(word: &str, list: &[&str]) -> bool {
    let bare = word.trim_end_matches(['.', '\'']);
    list.contains(&bare) || list.contains(&word)
}

/// The char just before `offset`, if any.
pub(crate) fn char_before(text: &str, offset: usize) -> Option<char> {
    text.get(..offset).and_then(|before| before.chars().next_back())
}

/// The char at `offset`, if any.
pub(crate) fn char_at(text: &str, offset: usize) -> Option<char> {
    text.get(offset..).and_then(|after| after.chars().next())
}

/// Whether `ch` is a currency sign: a number right after one is money.
pub(crate) fn is_currency(ch: char) -> bool {
    matches!(
        ch,
        '$' | '€'
            | '£'
            | '¥'
            | '₹'
            | '₦'
            | '₱'
            | '₩'
            | '₽'
            | '₺'
            | '₴'
            | '₪'
            | '฿'
            | '¢'
            | '₫'
            | '₲'
            | '₵'
    )
}

/// The Luhn (mod 10) check used by card numbers (ISO/IEC 7812-1).
pub(crate) fn luhn_valid(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (position, digit) in digits.iter().rev().enumerate() {
        let mut value = u32::from(digit - b'0');
        if position % 2 == 1 {
            value *= 2;
            if value > 9 {
                value -= 9;
            }
        }
        sum += value;
    }
    !digits.is_empty() && sum.is_multiple_of(10)
}

/// `text` with every ASCII letter and digit replaced by `•`, except the last
/// `keep_last` of them; separators stay, so the shape is still recognisable.
pub(crate) fn mask_keeping_last(text: &str, keep_last: usize) -> String {
    let total = text.chars().filter(char::is_ascii_alphanumeric).count();
    let mut seen = 0;
    text.chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() {
                seen += 1;
                if seen + keep_last <= total {
                    return '•';
                }
            }
            ch
        })
        .collect()
}

/// Targets of links with `scheme` (`tel`, `mailto`, …) in the raw source, the
/// scheme excluded: Markdown blanks link targets in the prose view, yet they
/// are published with the post. The scheme is matched case-insensitively and
/// must not be the end of a longer word (`hotel:` is not `tel:`).
pub(crate) fn link_targets(source: &str, scheme: &str) -> Vec<Span> {
    let bytes = source.as_bytes();
    let scheme = scheme.as_bytes();
    let mut targets = Vec::new();
    let mut search_from = scheme.len();
    // Find each colon, then look back for the scheme: colons are rare, so
    // this is one fast pass over the text.
    while let Some(relative) = bytes.get(search_from..).and_then(|rest| memchr::memchr(b':', rest)) {
        let colon = search_from + relative;
        search_from = colon + 1;
        let scheme_start = colon - scheme.len();
        if !bytes[scheme_start..colon].eq_ignore_ascii_case(scheme)
            || (scheme_start > 0 && bytes[scheme_start - 1].is_ascii_alphanumeric())
        {
            continue;
        }
        let start = colon + 1;
        let mut end = start;
        while end < bytes.len()
            && !bytes[end].is_ascii_whitespace()
            && !matches!(bytes[end], b')' | b'>' | b'<' | b'"' | b'\'' | b']' | b'?' | b'`')
        {
            end += 1;
        }
        // Stop at the first non-ASCII byte's char boundary: targets are ASCII.
        while end > start && !source.is_char_boundary(end) {
            end -= 1;
        }
        if end > start {
            targets.push(Span::new(start, end));
        }
        search_from = search_from.max(end);
    }
    targets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_around_an_offset() {
        let text = "Please call us on 07700 900123 today";
        let offset = text.find("07700").unwrap();
        assert_eq!(words_before(text, offset, 3), ["on", "us", "call"]);
        assert_eq!(words_after(text, offset + 12, 2), ["today"]);
        assert_eq!(words_before("Charity no. 123", 12, 2), ["no.", "charity"]);
        assert_eq!(words_before("é", 1, 2), Vec::<String>::new());
    }

    #[test]
    fn finds_digits() {
        assert!(has_digits("a1b2c3", 3) && !has_digits("a1b2", 3));
    }

    #[test]
    fn luhn_and_masking() {
        assert!(luhn_valid(b"4111111111111111"));
        assert!(!luhn_valid(b"4111111111111112"));
        assert_eq!(mask_keeping_last("4111 1111 1111 1111", 4), "•••• •••• •••• 1111");
    }

    #[test]
    fn link_targets_in_source() {
        let source = "[Call](tel:+447700900123) or [mail](MAILTO:a@b.org?subject=x). Hotel:123";
        let tel: Vec<&str> = link_targets(source, "tel").iter().map(|span| span.slice(source)).collect();
        assert_eq!(tel, ["+447700900123"]);
        let mail: Vec<&str> = link_targets(source, "mailto").iter().map(|span| span.slice(source)).collect();
        assert_eq!(mail, ["a@b.org"]);
    }
}
