//! Emoji sequences, which X counts as one unit of the default weight each.
//!
//! A sequence is a keycap (`1️⃣`), a flag (two regional indicators), or a
//! pictographic character with its presentation selector, skin-tone modifier
//! and tag characters (England's flag), possibly joined to further such
//! characters with zero-width joiners (families, professions).

/// `Extended_Pictographic` ranges from the Unicode Character Database
/// (emoji-data.txt, Unicode 16.0). Inclusive, sorted, non-overlapping.
const EXTENDED_PICTOGRAPHIC: &[(u32, u32)] = &[
    (0x00A9, 0x00A9),
    (0x00AE, 0x00AE),
    (0x203C, 0x203C),
    (0x2049, 0x2049),
    (0x2122, 0x2122),
    (0x2139, 0x2139),
    (0x2194, 0x2199),
    (0x21A9, 0x21AA),
    (0x231A, 0x231B),
    (0x2328, 0x2328),
    (0x2388, 0x2388),
    (0x23CF, 0x23CF),
    (0x23E9, 0x23F3),
    (0x23F8, 0x23FA),
    (0x24C2, 0x24C2),
    (0x25AA, 0x25AB),
    (0x25B6, 0x25B6),
    (0x25C0, 0x25C0),
    (0x25FB, 0x25FE),
    (0x2600, 0x2605),
    (0x2607, 0x2612),
    (0x2614, 0x2685),
    (0x2690, 0x2705),
    (0x2708, 0x2712),
    (0x2714, 0x2714),
    (0x2716, 0x2716),
    (0x271D, 0x271D),
    (0x2721, 0x2721),
    (0x2728, 0x2728),
    (0x2733, 0x2734),
    (0x2744, 0x2744),
    (0x2747, 0x2747),
    (0x274C, 0x274C),
    (0x274E, 0x274E),
    (0x2753, 0x2755),
    (0x2757, 0x2757),
    (0x2763, 0x2767),
    (0x2795, 0x2797),
    (0x27A1, 0x27A1),
    (0x27B0, 0x27B0),
    (0x27BF, 0x27BF),
    (0x2934, 0x2935),
    (0x2B05, 0x2B07),
    (0x2B1B, 0x2B1C),
    (0x2B50, 0x2B50),
    (0x2B55, 0x2B55),
    (0x3030, 0x3030),
    (0x303D, 0x303D),
    (0x3297, 0x3297),
    (0x3299, 0x3299),
    (0x1F000, 0x1F0FF),
    (0x1F10D, 0x1F10F),
    (0x1F12F, 0x1F12F),
    (0x1F16C, 0x1F171),
    (0x1F17E, 0x1F17F),
    (0x1F18E, 0x1F18E),
    (0x1F191, 0x1F19A),
    (0x1F1AD, 0x1F1E5),
    (0x1F201, 0x1F20F),
    (0x1F21A, 0x1F21A),
    (0x1F22F, 0x1F22F),
    (0x1F232, 0x1F23A),
    (0x1F23C, 0x1F23F),
    (0x1F249, 0x1F3FA),
    (0x1F400, 0x1F53D),
    (0x1F546, 0x1F64F),
    (0x1F680, 0x1F6FF),
    (0x1F774, 0x1F77F),
    (0x1F7D5, 0x1F7FF),
    (0x1F80C, 0x1F80F),
    (0x1F848, 0x1F84F),
    (0x1F85A, 0x1F85F),
    (0x1F888, 0x1F88F),
    (0x1F8AE, 0x1F8FF),
    (0x1F90C, 0x1F93A),
    (0x1F93C, 0x1F945),
    (0x1F947, 0x1FAFF),
    (0x1FC00, 0x1FFFD),
];

const ZERO_WIDTH_JOINER: char = '\u{200D}';
const EMOJI_PRESENTATION: char = '\u{FE0F}';
const COMBINING_KEYCAP: char = '\u{20E3}';
const CANCEL_TAG: char = '\u{E007F}';

/// Whether `c` has the `Extended_Pictographic` property.
pub(crate) fn is_extended_pictographic(c: char) -> bool {
    let value = u32::from(c);
    if value < 0xA9 {
        return false;
    }
    let index = EXTENDED_PICTOGRAPHIC.partition_point(|(_, last)| *last < value);
    EXTENDED_PICTOGRAPHIC.get(index).is_some_and(|(first, _)| *first <= value)
}

fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1F1E6}'..='\u{1F1FF}')
}

fn is_skin_tone(c: char) -> bool {
    matches!(c, '\u{1F3FB}'..='\u{1F3FF}')
}

fn is_tag(c: char) -> bool {
    matches!(c, '\u{E0020}'..='\u{E007E}')
}

/// Whether an emoji sequence may start with `ch`, a char that is not ASCII:
/// © and ®, or a char from U+203C to U+3299 or from U+1F000, where every
/// pictograph and regional indicator is. For callers that have the char
/// already, so most chars of other scripts skip [`emoji_sequence_len`].
pub(crate) fn may_start_with(ch: char) -> bool {
    matches!(ch, '\u{A9}' | '\u{AE}' | '\u{203C}'..='\u{3299}' | '\u{1F000}'..)
}

/// Whether an emoji sequence may start at the start of `text`: a cheap byte
/// test, so most characters never reach the full parse.
fn may_start_sequence(text: &[u8]) -> bool {
    match text.first() {
        Some(b'0'..=b'9' | b'#' | b'*') => {
            // Keycaps continue with U+FE0F (EF B8 8F) or U+20E3 (E2 83 A3).
            matches!(text.get(1..3), Some([0xEF, 0xB8]) | Some([0xE2, 0x83]))
        }
        // Below U+203C only © and ® are pictographs (C2 A9, C2 AE); lead
        // bytes C3 to E1 hold U+00C0 to U+1FFF, where none starts a sequence.
        Some(0xC2) => matches!(text.get(1), Some(0xA9 | 0xAE)),
        Some(byte) => *byte >= 0xE2,
        None => false,
    }
}

/// Byte length of the emoji sequence at the start of `text`, if one starts there.
pub(crate) fn emoji_sequence_len(text: &str) -> Option<usize> {
    if !may_start_sequence(text.as_bytes()) {
        return None;
    }
    let mut chars = text.char_indices().peekable();
    let (_, first) = chars.next()?;
    let end_of = |offset: usize, c: char| offset + c.len_utf8();

    if matches!(first, '0'..='9' | '#' | '*') {
        let (offset, next) = chars.next()?;
        if next == COMBINING_KEYCAP {
            return Some(end_of(offset, next));
        }
        if next == EMOJI_PRESENTATION {
            let (offset, keycap) = chars.next()?;
            return (keycap == COMBINING_KEYCAP).then(|| end_of(offset, keycap));
        }
        return None;
    }
    if is_regional_indicator(first) {
        let (offset, second) = chars.next()?;
        return is_regional_indicator(second).then(|| end_of(offset, second));
    }
    if !is_extended_pictographic(first) {
        return None;
    }
    // © and ® are ordinary text unless they ask for emoji presentation.
    if u32::from(first) < 0x2000 && chars.peek().map(|(_, c)| *c) != Some(EMOJI_PRESENTATION) {
        return None;
    }
    let mut end = first.len_utf8();
    loop {
        // Presentation selector and skin tone of the current element.
        while let Some(&(offset, c)) = chars.peek() {
            if c == EMOJI_PRESENTATION || is_skin_tone(c) {
                end = end_of(offset, c);
                chars.next();
            } else {
                break;
            }
        }
        // Tag sequence (subdivision flags such as England's).
        while let Some(&(offset, c)) = chars.peek() {
            if is_tag(c) || c == CANCEL_TAG {
                end = end_of(offset, c);
                chars.next();
                if c == CANCEL_TAG {
                    break;
                }
            } else {
                break;
            }
        }
        // A joiner only belongs to the sequence if a pictograph follows it.
        match chars.peek() {
            Some(&(_, ZERO_WIDTH_JOINER)) => {
                let mut lookahead = chars.clone();
                lookahead.next();
                match lookahead.next() {
                    Some((offset, next)) if is_extended_pictographic(next) => {
                        end = end_of(offset, next);
                        chars = lookahead;
                    }
                    _ => return Some(end),
                }
            }
            _ => return Some(end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No sequence starts with a char `may_start_with` turns away, whatever follows it.
    #[test]
    fn chars_turned_away_start_no_sequence() {
        let followers = [
            "",
            "\u{FE0F}",
            "\u{20E3}",
            "\u{FE0F}\u{20E3}",
            "\u{1F3FB}",
            "\u{200D}\u{1F600}",
            "\u{1F1E6}",
            "\u{E0067}\u{E007F}",
        ];
        let mut text = String::new();
        for ch in ('\u{80}'..=char::MAX).filter(|&ch| !may_start_with(ch)) {
            for follower in followers {
                text.clear();
                text.push(ch);
                text.push_str(follower);
                assert_eq!(emoji_sequence_len(&text), None, "{:04X}{follower:?}", ch as u32);
            }
        }
        assert!(['©', '®', '‼', '❤', '〽', '㊙', '🀄', '🇰', '😀'].into_iter().all(may_start_with));
    }

    fn sequence(text: &str) -> Option<&str> {
        emoji_sequence_len(text).map(|length| &text[..length])
    }

    #[test]
    fn table_matches_the_unicode_property() {
        let property = regex::Regex::new(r"^\p{Extended_Pictographic}$").expect("valid regex");
        let mut buffer = [0u8; 4];
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let expected = property.is_match(c.encode_utf8(&mut buffer));
            assert_eq!(is_extended_pictographic(c), expected, "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn sequences() {
        let family = "👨\u{200D}👩\u{200D}👧\u{200D}👦";
        assert_eq!(sequence(&format!("{family}x")), Some(family));
        assert_eq!(sequence("🇯🇵!"), Some("🇯🇵"));
        let england = "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}";
        assert_eq!(sequence(england), Some(england));
        assert_eq!(sequence("1\u{FE0F}\u{20E3}"), Some("1\u{FE0F}\u{20E3}"));
        assert_eq!(sequence("1\u{20E3}"), Some("1\u{20E3}"));
        assert_eq!(sequence("1"), None);
        assert_eq!(sequence("👋🏽"), Some("👋🏽"));
        assert_eq!(sequence("❤\u{FE0F}"), Some("❤\u{FE0F}"));
        assert_eq!(sequence("©"), None);
        assert_eq!(sequence("😀\u{200D}a"), Some("😀"), "a dangling joiner is left out");
        assert_eq!(sequence("a"), None);
    }
}
