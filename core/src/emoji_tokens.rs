//! A draft's prose cut into words, emoji and white space, for the rules
//! about how emoji sit among words.

use crate::span::Span;

/// Code points below U+1F000 that show as emoji without a variation
/// selector (Unicode's `Emoji_Presentation` in the Basic Multilingual
/// Plane). Others, such as ™, ★ or ♥, are text unless followed by U+FE0F,
/// and screen readers and people read them as symbols in running text.
const BMP_EMOJI_PRESENTATION: &[(char, char)] = &[
    ('\u{231A}', '\u{231B}'),
    ('\u{23E9}', '\u{23EC}'),
    ('\u{23F0}', '\u{23F0}'),
    ('\u{23F3}', '\u{23F3}'),
    ('\u{25FD}', '\u{25FE}'),
    ('\u{2614}', '\u{2615}'),
    ('\u{2648}', '\u{2653}'),
    ('\u{267F}', '\u{267F}'),
    ('\u{2693}', '\u{2693}'),
    ('\u{26A1}', '\u{26A1}'),
    ('\u{26AA}', '\u{26AB}'),
    ('\u{26BD}', '\u{26BE}'),
    ('\u{26C4}', '\u{26C5}'),
    ('\u{26CE}', '\u{26CE}'),
    ('\u{26D4}', '\u{26D4}'),
    ('\u{26EA}', '\u{26EA}'),
    ('\u{26F2}', '\u{26F3}'),
    ('\u{26F5}', '\u{26F5}'),
    ('\u{26FA}', '\u{26FA}'),
    ('\u{26FD}', '\u{26FD}'),
    ('\u{2705}', '\u{2705}'),
    ('\u{270A}', '\u{270B}'),
    ('\u{2728}', '\u{2728}'),
    ('\u{274C}', '\u{274C}'),
    ('\u{274E}', '\u{274E}'),
    ('\u{2753}', '\u{2755}'),
    ('\u{2757}', '\u{2757}'),
    ('\u{2795}', '\u{2797}'),
    ('\u{27B0}', '\u{27B0}'),
    ('\u{27BF}', '\u{27BF}'),
    ('\u{2B1B}', '\u{2B1C}'),
    ('\u{2B50}', '\u{2B50}'),
    ('\u{2B55}', '\u{2B55}'),
];

/// Whether an emoji sequence shows as an emoji: several code points (a
/// selector, joiner, skin tone or keycap), a pictograph above U+1F000, or
/// one of the few older symbols drawn as emoji by default.
fn shows_as_emoji(sequence: &str) -> bool {
    let mut chars = sequence.chars();
    let Some(first) = chars.next() else { return false };
    if chars.next().is_some() || first >= '\u{1F000}' {
        return true;
    }
    let index = BMP_EMOJI_PRESENTATION.partition_point(|(_, last)| *last < first);
    BMP_EMOJI_PRESENTATION.get(index).is_some_and(|(start, _)| *start <= first)
}

/// Whether `ch` is a letter or digit, as [`char::is_alphanumeric`] says,
/// answered at once for the chars drafts with emoji hold most: general
/// punctuation (’ “ … and the joiner), symbols and dingbats, variation
/// selectors and the pictographs from U+1F1E6 (flags, emoji, skin tones),
/// none of them letters; and the letters of Latin, Arabic, Thai, kana and
/// the common CJK ideographs. Unicode's own tables take a search.
pub(crate) fn is_alphanumeric(ch: char) -> bool {
    match ch {
        '\u{2000}'..='\u{206F}'
        | '\u{2190}'..='\u{245F}'
        | '\u{2500}'..='\u{2775}'
        | '\u{2794}'..='\u{2BFF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{1F1E6}'..='\u{1FAFF}'
        | '×'
        | '÷' => false,
        '\u{C0}'..='\u{24F}'
        | '\u{620}'..='\u{64A}'
        | '\u{E01}'..='\u{E30}'
        | '\u{3041}'..='\u{3096}'
        | '\u{30A1}'..='\u{30FA}'
        | '\u{4E00}'..='\u{9FFF}' => true,
        _ => ch.is_alphanumeric(),
    }
}

/// One piece of the prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece {
    /// One emoji, however many code points (ZWJ sequences, flags, skin
    /// tones); `true` for a keycap (`1️⃣`), which often numbers a list.
    Emoji(Span, bool),
    /// Spaces and tabs.
    Space,
    /// A line break: emoji on different lines are list markers, not a run.
    LineBreak,
    /// A run of anything else; `true` when it has a letter or digit.
    Text(Span, bool),
}

/// Cuts `view` into pieces, in order. Linear: each byte is looked at once,
/// and emoji are only parsed where one may start (see `emoji_sequence_length`).
pub(crate) fn pieces(view: &str) -> Vec<Piece> {
    cut(view, true)
}

/// [`pieces`], where `ascii_shortcut` lets an ASCII char followed by another
/// skip the emoji test (the tests turn it off to see that it changes nothing).
fn cut(view: &str, ascii_shortcut: bool) -> Vec<Piece> {
    let bytes = view.as_bytes();
    let mut found = Vec::new();
    let mut text_start: Option<(usize, bool)> = None;
    let mut index = 0;
    let close_text = |text_start: &mut Option<(usize, bool)>, end: usize, found: &mut Vec<Piece>| {
        if let Some((start, alphanumeric)) = text_start.take() {
            found.push(Piece::Text(Span::new(start, end), alphanumeric));
        }
    };
    while index < bytes.len() {
        let byte = bytes[index];
        // An ASCII char followed by another (or by nothing) starts no emoji:
        // a keycap needs a non-ASCII mark after its digit, `#` or `*`.
        let plain = ascii_shortcut && byte.is_ascii() && bytes.get(index + 1).is_none_or(u8::is_ascii);
        if !plain {
            if let Some(length) = crate::twitter::emoji_sequence_length(&view[index..]) {
                let sequence = &view[index..index + length];
                if shows_as_emoji(sequence) {
                    close_text(&mut text_start, index, &mut found);
                    let keycap = sequence.ends_with('\u{20E3}');
                    found.push(Piece::Emoji(Span::new(index, index + length), keycap));
                    index += length;
                    continue;
                }
            }
        }
        let ch = if plain { char::from(byte) } else { view[index..].chars().next().unwrap_or('\u{FFFD}') };
        if ch == '\n' || ch == '\r' || ch == '\u{2028}' {
            close_text(&mut text_start, index, &mut found);
            if found.last() != Some(&Piece::LineBreak) {
                found.push(Piece::LineBreak);
            }
        } else if ch.is_whitespace() || ch == '\u{FE0F}' || ch == '\u{200D}' {
            close_text(&mut text_start, index, &mut found);
            if !matches!(found.last(), Some(Piece::Space | Piece::LineBreak)) {
                found.push(Piece::Space);
            }
        } else {
            let alphanumeric = is_alphanumeric(ch);
            text_start = Some(match text_start {
                Some((start, seen)) => (start, seen || alphanumeric),
                None => (index, alphanumeric),
            });
        }
        index += ch.len_utf8();
    }
    close_text(&mut text_start, bytes.len(), &mut found);
    found
}

/// The lead bytes [`possible_emoji_count`] counts from: a draft without
/// any of them holds no emoji.
pub(crate) const EMOJI_LEADS: [u8; 3] = [0xE2, 0xEF, 0xF0];

/// At most how many emoji `view` can hold: an upper bound counted from lead
/// bytes, so rules needing several emoji skip most drafts without tokenizing.
pub(crate) fn possible_emoji_count(view: &str) -> usize {
    let bytes = view.as_bytes();
    // Jumps from lead byte to lead byte: most drafts have none.
    memchr::memchr3_iter(EMOJI_LEADS[0], EMOJI_LEADS[1], EMOJI_LEADS[2], bytes)
        .filter(|&lead| match (bytes[lead], bytes.get(lead + 1)) {
            (0xF0, Some(0x9F)) | (0xEF, Some(0xB8)) => true,
            (0xE2, Some(second)) => *second >= 0x84 || is_keycap_mark(bytes, lead),
            _ => false,
        })
        .count()
}

/// Whether the char at `at` is the keycap mark U+20E3 (`E2 83 A3`): a keycap
/// written without its variation selector (`1\u{20E3}`) is an emoji too,
/// and has no other byte the bound counts.
fn is_keycap_mark(bytes: &[u8], at: usize) -> bool {
    bytes.get(at..at + 3) == Some(&[0xE2, 0x83, 0xA3][..])
}

/// Whether `view` may hold an emoji at all, pair by pair of bytes: what
/// [`possible_emoji_count`] is tested against. Text in other scripts and
/// typographic punctuation (U+2000–U+20FF, such as ’ and “) has none.
#[cfg(test)]
pub(crate) fn may_have_emoji(view: &str) -> bool {
    view.as_bytes().windows(2).any(|pair| match pair {
        // U+1F000 and above (F0 9F …), and U+2100–U+2BFF (E2 84 … to E2 AF …).
        [0xF0, 0x9F] => true,
        [0xE2, second] => *second >= 0x84,
        // A variation selector asks for emoji presentation (EF B8 8F).
        [0xEF, 0xB8] => true,
        _ => false,
    }) || view.contains('\u{20E3}')
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn ascii_is_cut_as_char_by_char(pieces_of_text in proptest::collection::vec(proptest::sample::select(vec![
            "a", "Z", "7", "#", "*", "1", " ", "\t", "\n", "\r", "\u{b}", ",", "é", "\u{FE0F}", "\u{20E3}", "\u{200D}",
            "👋", "🏽", "🇰", "🇪", "©", "★", "\u{2028}", "\u{a0}",
        ]), 0..24)) {
            let text = pieces_of_text.concat();
            proptest::prop_assert_eq!(pieces(&text), cut(&text, false), "{:?}", text);
        }
    }

    #[test]
    fn the_quick_answers_are_unicode_s() {
        for ch in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(ch), ch.is_alphanumeric(), "U+{:04X}", ch as u32);
        }
    }

    #[test]
    fn cuts_words_emoji_and_space() {
        let text = "Hi 👋🏽 you\n1️⃣ x🇰🇪, ★™";
        let shown: Vec<String> = pieces(text)
            .into_iter()
            .map(|piece| match piece {
                Piece::Emoji(span, _) => format!("E:{}", span.slice(text)),
                Piece::Space => "_".to_owned(),
                Piece::LineBreak => "/".to_owned(),
                Piece::Text(span, _) => format!("T:{}", span.slice(text)),
            })
            .collect();
        assert_eq!(shown, ["T:Hi", "_", "E:👋🏽", "_", "T:you", "/", "E:1️⃣", "_", "T:x", "E:🇰🇪", "T:,", "_", "T:★™"]);
        assert!(may_have_emoji("🎉") && may_have_emoji("⚽") && may_have_emoji("♥\u{FE0F}"));
        assert!(!may_have_emoji("“Quoted” – it’s fine… café, 東京"));
    }

    #[test]
    fn the_emoji_bound_counts_every_lead_pair() {
        let by_pairs = |text: &str| {
            text.as_bytes()
                .windows(2)
                .filter(|pair| matches!(pair, [0xF0, 0x9F] | [0xEF, 0xB8]) || (pair[0] == 0xE2 && pair[1] >= 0x84))
                .count()
                + text.matches('\u{20E3}').count()
        };
        for text in [
            "",
            "plain",
            "Hi 👋🏽 you\n1️⃣ x🇰🇪, ★™ ♥\u{FE0F}",
            "“Quoted” – it’s fine… café, 東京 ⚽⚽",
            "\u{2083}\u{2100}🎉",
            "1\u{20E3} #\u{20E3}\u{20DD}",
        ] {
            assert_eq!(possible_emoji_count(text), by_pairs(text), "{text:?}");
        }
    }

    /// The bound is a bound: never fewer than the emoji the tokenizer finds,
    /// or the emoji rules would skip drafts they fire on.
    #[test]
    fn the_emoji_bound_is_at_least_the_emoji_found() {
        let pieces_of_texts = [
            "a", "1", "#", "*", " ", "\n", "é", "’", "\u{FE0F}", "\u{20E3}", "\u{200D}", "\u{2083}", "🎉", "🏽", "🇰",
            "⚽", "™", "♥", "東",
        ];
        for text in crate::test_texts::from_pieces(&pieces_of_texts, 20_207, 3_000, 12) {
            let found = pieces(&text).iter().filter(|piece| matches!(piece, Piece::Emoji(..))).count();
            assert!(possible_emoji_count(&text) >= found, "{text:?}: bound {} < {found}", possible_emoji_count(&text));
        }
    }
}
