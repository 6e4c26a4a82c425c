//! Top-level-domain matching and the IDNA length check of URL hosts.

use super::tlds::{ASCII_TLDS_BY_LENGTH, UNICODE_TLDS};

/// The longest ASCII top-level domain is well under this; longer runs are not TLDs.
const LONGEST_ASCII_TLD: usize = 32;

/// Longest DNS label, after Punycode encoding.
const MAX_LABEL_LENGTH: usize = 63;

/// Whether `c` may not directly follow a top-level domain: a TLD must not run
/// on into letters, digits, `@`, `+` or `-` (so `foo.com-bar` is not a URL).
fn blocks_tld_end(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '@' | '+' | '-')
}

/// Lower-cases a character for TLD comparison (single-character mappings only).
fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(single), None) => single,
        _ => c,
    }
}

/// Byte length of the top-level domain that starts at the beginning of `text`,
/// or 0. `text` ends where the haystack ends, so a TLD may end there.
///
/// A known TLD must be followed by a character that does not extend it; when
/// several internationalised TLDs are prefixes of the text, the longest wins.
/// Failing that, a Punycode label (`xn--…`) is accepted as a TLD.
pub(crate) fn tld_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let alphanumeric = bytes.iter().take_while(|byte| byte.is_ascii_alphanumeric()).count();
    if alphanumeric > 0
        && alphanumeric <= LONGEST_ASCII_TLD
        && !text[alphanumeric..].chars().next().is_some_and(blocks_tld_end)
    {
        let mut lower = [0u8; LONGEST_ASCII_TLD];
        for (slot, byte) in lower.iter_mut().zip(bytes) {
            *slot = byte.to_ascii_lowercase();
        }
        if is_ascii_tld(&lower[..alphanumeric]) {
            return alphanumeric;
        }
    }
    // Internationalised TLDs may start with ASCII letters ("vermögensberater"),
    // but then a non-ASCII character follows the ASCII part.
    let may_be_unicode = bytes.get(alphanumeric).is_some_and(|byte| *byte >= 0x80);
    if may_be_unicode {
        if let Some(length) = unicode_tld_len(text) {
            return length;
        }
    }
    punycode_label_len(bytes)
}

/// Whether `candidate` (lower-case ASCII) is a known ASCII TLD: a binary search
/// among the TLDs of its length, which sit back to back in one string.
fn is_ascii_tld(candidate: &[u8]) -> bool {
    let length = candidate.len();
    let Some(group) = ASCII_TLDS_BY_LENGTH.get(length).filter(|_| length > 0) else {
        return false;
    };
    let group = group.as_bytes();
    let (mut low, mut high) = (0, group.len() / length);
    while low < high {
        let middle = (low + high) / 2;
        match group[middle * length..(middle + 1) * length].cmp(candidate) {
            std::cmp::Ordering::Less => low = middle + 1,
            std::cmp::Ordering::Greater => high = middle,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Every ASCII TLD, shortest first, each length sorted.
pub(crate) fn ascii_tlds() -> impl Iterator<Item = &'static str> {
    ASCII_TLDS_BY_LENGTH.iter().enumerate().filter(|(length, _)| *length > 0).flat_map(|(length, group)| {
        (0..group.len() / length).map(move |index| &group[index * length..(index + 1) * length])
    })
}

/// Length of an internationalised TLD at the start of `text`.
fn unicode_tld_len(text: &str) -> Option<usize> {
    let first = fold(text.chars().next()?);
    let mut buffer = [0u8; 4];
    let prefix: &str = first.encode_utf8(&mut buffer);
    // The list is sorted by bytes, so every TLD starting with `first` is contiguous.
    let from = UNICODE_TLDS.partition_point(|tld| *tld < prefix);
    let mut best = None;
    for tld in UNICODE_TLDS[from..].iter().take_while(|tld| tld.starts_with(prefix)) {
        if let Some(length) = prefix_match_len(text, tld) {
            let followed_badly = text[length..].chars().next().is_some_and(blocks_tld_end);
            if !followed_badly && best.is_none_or(|known| length > known) {
                best = Some(length);
            }
        }
    }
    best
}

/// Byte length of the prefix of `text` that equals `tld` ignoring case.
fn prefix_match_len(text: &str, tld: &str) -> Option<usize> {
    let mut text_chars = text.char_indices();
    for expected in tld.chars() {
        let (_, actual) = text_chars.next()?;
        if fold(actual) != expected {
            return None;
        }
    }
    Some(text_chars.next().map_or(text.len(), |(offset, _)| offset))
}

/// Length of `xn--` followed by Punycode characters, or 0.
fn punycode_label_len(bytes: &[u8]) -> usize {
    let has_prefix = bytes.len() > 4 && bytes[..4].eq_ignore_ascii_case(b"xn--");
    if !has_prefix {
        return 0;
    }
    let body = bytes[4..].iter().take_while(|byte| byte.is_ascii_alphanumeric() || **byte == b'-').count();
    if body == 0 {
        0
    } else {
        4 + body
    }
}

/// Whether every label of `domain` stays within 1–63 characters once encoded
/// with Punycode (`xn--` + encoding for labels with non-ASCII characters).
///
/// Like the reference implementation, the ideographic full stops (U+3002,
/// U+FF0E, U+FF61) split a label further before encoding.
pub(crate) fn labels_fit_dns(domain: &str) -> bool {
    domain.split('.').all(|label| {
        let mut total = 0usize;
        for (index, part) in label.split(['\u{3002}', '\u{FF0E}', '\u{FF61}']).enumerate() {
            if index > 0 {
                total += 1;
            }
            match encoded_part_len(part) {
                Some(length) => total += length,
                None => return false,
            }
            if total > MAX_LABEL_LENGTH {
                return false;
            }
        }
        total >= 1
    })
}

/// Encoded length of one label part, or `None` when it cannot fit anyway.
fn encoded_part_len(part: &str) -> Option<usize> {
    if part.is_ascii() {
        return Some(part.len());
    }
    // Every code point produces at least one output character, so a part with
    // more code points than a label allows can be rejected before encoding
    // (this also keeps the quadratic Punycode loop tiny).
    let mut code_points = [0u32; MAX_LABEL_LENGTH];
    let mut count = 0;
    for c in part.chars() {
        if count == MAX_LABEL_LENGTH {
            return None;
        }
        code_points[count] = u32::from(c);
        count += 1;
    }
    punycode_len(&code_points[..count]).map(|length| length + 4)
}

/// Length of the RFC 3492 Punycode encoding of `input` (without `xn--`).
fn punycode_len(input: &[u32]) -> Option<usize> {
    const BASE: u64 = 36;
    const T_MIN: u64 = 1;
    const T_MAX: u64 = 26;
    const INITIAL_BIAS: u64 = 72;
    const INITIAL_N: u64 = 128;

    let basic = input.iter().filter(|c| **c < 0x80).count();
    let mut output = basic + usize::from(basic > 0);
    let mut handled = basic;
    let mut n = INITIAL_N;
    let mut delta: u64 = 0;
    let mut bias = INITIAL_BIAS;
    while handled < input.len() {
        let next = input.iter().map(|c| u64::from(*c)).filter(|c| *c >= n).min()?;
        delta = delta.checked_add((next - n).checked_mul(handled as u64 + 1)?)?;
        n = next;
        for c in input.iter().map(|c| u64::from(*c)) {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let threshold = if k <= bias {
                        T_MIN
                    } else if k >= bias + T_MAX {
                        T_MAX
                    } else {
                        k - bias
                    };
                    if q < threshold {
                        break;
                    }
                    output += 1;
                    q = (q - threshold) / (BASE - threshold);
                    k += BASE;
                }
                output += 1;
                bias = adapt_bias(delta, handled as u64 + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta += 1;
        n += 1;
    }
    Some(output)
}

/// Punycode's bias adaptation (RFC 3492 section 6.1).
fn adapt_bias(delta: u64, points: u64, first_time: bool) -> u64 {
    const BASE: u64 = 36;
    const T_MIN: u64 = 1;
    const T_MAX: u64 = 26;
    const SKEW: u64 = 38;
    const DAMP: u64 = 700;
    let mut delta = if first_time { delta / DAMP } else { delta / 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_tlds_need_a_clean_end() {
        assert_eq!(tld_len("com"), 3);
        assert_eq!(tld_len("COM/path"), 3);
        assert_eq!(tld_len("comてすと"), 3, "a TLD may run into non-ASCII text");
        assert_eq!(tld_len("com-that"), 0);
        assert_eq!(tld_len("comm"), 0);
        assert_eq!(tld_len("com@x"), 0);
        assert_eq!(tld_len("invalidtld"), 0);
        assert_eq!(tld_len("jp"), 2);
    }

    #[test]
    fn every_ascii_tld_is_found_and_its_neighbours_are_not() {
        let tlds: Vec<&str> = ascii_tlds().collect();
        assert_eq!(tlds.len(), 1419);
        for (length, group) in ASCII_TLDS_BY_LENGTH.iter().enumerate() {
            assert!(length > 0 || group.is_empty());
            assert!(length == 0 || group.len() % length == 0, "group {length} is cut off");
        }
        for pair in tlds.windows(2) {
            assert!((pair[0].len(), pair[0]) < (pair[1].len(), pair[1]), "{pair:?} out of order");
        }
        for tld in &tlds {
            assert!(tld.bytes().all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit()), "{tld}");
            assert!(is_ascii_tld(tld.as_bytes()), "{tld}");
            // One letter more or less, or one letter changed at either end, is found only when listed.
            for near in [format!("{tld}a"), tld[1..].to_owned(), format!("{}~", &tld[..tld.len() - 1])] {
                assert_eq!(is_ascii_tld(near.as_bytes()), tlds.contains(&near.as_str()), "{near}");
            }
        }
        assert!(!is_ascii_tld(b""));
        assert!(!is_ascii_tld(&[b'a'; 40]));
    }

    #[test]
    fn unicode_and_punycode_tlds() {
        assert_eq!(tld_len("みんなです"), "みんな".len());
        assert_eq!(tld_len("中国/"), "中国".len());
        assert_eq!(tld_len("xn--p1ai"), 8);
        assert_eq!(tld_len("xn--"), 0);
        assert_eq!(tld_len("日本"), 0);
        assert_eq!(tld_len("vermögensberater/"), "vermögensberater".len());
        assert_eq!(tld_len("VERMÖGENSBERATUNG"), "vermögensberatung".len());
    }

    #[test]
    fn punycode_lengths_match_rfc_examples() {
        // "bücher" encodes as "bcher-kva"; "mañana" as "maana-pta".
        let encode = |text: &str| punycode_len(&text.chars().map(u32::from).collect::<Vec<_>>());
        assert_eq!(encode("bücher"), Some("bcher-kva".len()));
        assert_eq!(encode("mañana"), Some("maana-pta".len()));
        // RFC 3492 sample (A): Arabic (Egyptian).
        assert_eq!(
            encode("\u{0644}\u{064A}\u{0647}\u{0645}\u{0627}\u{0628}\u{062A}\u{0643}\u{0644}\u{0645}\u{0648}\u{0634}\u{0639}\u{0631}\u{0628}\u{064A}\u{061F}"),
            Some("egbpdaj6bu4bxfgehfvwxn".len())
        );
    }

    #[test]
    fn dns_label_limits() {
        assert!(labels_fit_dns("example.com"));
        assert!(labels_fit_dns("ああ.com"));
        assert!(!labels_fit_dns(&format!("{}.com", "a".repeat(64))));
        assert!(labels_fit_dns(&format!("{}.com", "a".repeat(63))));
        assert!(!labels_fit_dns(&format!("{}.com", "あ".repeat(64))));
        assert!(!labels_fit_dns("a..com"));
    }
}
