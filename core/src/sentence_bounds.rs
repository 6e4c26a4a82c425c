//! Sentence boundaries, the same as the Unicode rules (UAX #29, as
//! `unicode-segmentation` applies them) but in one forward pass.
//!
//! The general splitter looks each char up in a table of every Unicode range
//! and, after a full stop, reads ahead to the next letter each time. Here
//! ASCII bytes and the non-ASCII chars common in posts (accented and other
//! letters, emoji and symbols, curly quotes, dashes, joiners and variation
//! selectors) get their class from a `match`, and the read-ahead is
//! remembered, so the pass stays linear. A text with any other char returns
//! `None`, for `unicode-segmentation` to split. Tests compare the two on
//! every short string of the classes below, on generated drafts, and check
//! every classified char against the crate.

use crate::document::{find_byte_by_words, first_bytes_equal, HIGH};

/// The sentence-break class of a char (UAX #29, table 4), as far as the
/// rules tell the classes apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Class {
    CarriageReturn,
    LineFeed,
    /// Spaces, tabs, vertical tab, form feed, and the no-break and wide spaces.
    Space,
    Lower,
    Upper,
    /// Letters without case (Arabic, Hebrew, Thai, kana, Chinese, Hangul).
    OtherLetter,
    Numeric,
    /// The full stop, which may end a sentence or an abbreviation.
    FullStop,
    /// `!`, `?` and the like.
    Terminal,
    /// Quotes and brackets, which may follow a sentence's end.
    Close,
    /// `,`, `-`, `:`, `;` and dashes, after which a sentence goes on.
    Continue,
    /// Combining marks, joiners and variation selectors (the rules' Extend
    /// and Format), which belong to the char before them.
    Extend,
    Other,
}

// Inlined: the splitting loop and its read-ahead call it for every ASCII byte.
#[inline(always)]
fn class(byte: u8) -> Class {
    match byte {
        b'\r' => Class::CarriageReturn,
        b'\n' => Class::LineFeed,
        b'\t' | 0x0B | 0x0C | b' ' => Class::Space,
        b'a'..=b'z' => Class::Lower,
        b'A'..=b'Z' => Class::Upper,
        b'0'..=b'9' => Class::Numeric,
        b'.' => Class::FullStop,
        b'!' | b'?' => Class::Terminal,
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Class::Close,
        b',' | b'-' | b':' | b';' => Class::Continue,
        _ => Class::Other,
    }
}

/// Whether `byte` may start a char that breaks or ends a sentence: a line
/// break, a sentence mark, or any byte of a non-ASCII char. Every other byte
/// is an ASCII char that no rule breaks before while no sentence mark is pending.
fn may_end_sentence(byte: u8) -> bool {
    matches!(byte, b'\r' | b'\n' | b'.' | b'!' | b'?') || byte >= 0x80
}

/// The first byte at or after `from` that [`may_end_sentence`] accepts, or
/// the text's length: eight bytes at a time, as a sentence's next mark or
/// non-ASCII char is most often a few words away.
fn next_possible_end(bytes: &[u8], from: usize) -> usize {
    let in_word = |word: u64| {
        (word & HIGH)
            | first_bytes_equal(word, b'\r')
            | first_bytes_equal(word, b'\n')
            | first_bytes_equal(word, b'.')
            | first_bytes_equal(word, b'!')
            | first_bytes_equal(word, b'?')
    };
    find_byte_by_words(bytes, from, in_word, may_end_sentence).unwrap_or(bytes.len())
}

/// The class of a non-ASCII char, or `None` for one this module leaves to
/// `unicode-segmentation` (rare scripts and punctuation, line separators,
/// titlecase letters).
fn non_ascii_class(ch: char) -> Option<Class> {
    let class = match ch {
        '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => Class::Space,
        '\u{AB}' | '\u{BB}' | '\u{2018}'..='\u{201F}' | '\u{2039}' | '\u{203A}' | '\u{300C}'..='\u{300F}' => {
            Class::Close
        }
        '\u{2013}' | '\u{2014}' | '\u{060C}' | '\u{3001}' | '\u{FF0C}' => Class::Continue,
        '\u{061F}' | '\u{06D4}' | '\u{3002}' | '\u{FF01}' | '\u{FF1F}' => Class::Terminal,
        '\u{300}'..='\u{36F}'
        | '\u{64B}'..='\u{65F}'
        | '\u{670}'
        | '\u{E31}'
        | '\u{E34}'..='\u{E3A}'
        | '\u{E47}'..='\u{E4E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{2060}'..='\u{2064}'
        | '\u{20D0}'..='\u{20F0}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}' => Class::Extend,
        // Latin, Greek and Cyrillic letters: their case is their class.
        '\u{C0}'..='\u{24F}' | '\u{370}'..='\u{3FF}' | '\u{400}'..='\u{482}' | '\u{48A}'..='\u{52F}' => {
            if ch.is_lowercase() {
                Class::Lower
            } else if ch.is_uppercase() {
                Class::Upper
            } else {
                return None;
            }
        }
        '\u{5D0}'..='\u{5EA}'
        | '\u{620}'..='\u{64A}'
        | '\u{671}'..='\u{6D3}'
        | '\u{E01}'..='\u{E30}'
        | '\u{E32}'
        | '\u{E33}'
        | '\u{E40}'..='\u{E46}'
        | '\u{3041}'..='\u{3096}'
        | '\u{30A1}'..='\u{30FA}'
        | '\u{30FC}'..='\u{30FF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7A3}' => Class::OtherLetter,
        // Symbols, arrows, dingbats, emoji and the ellipsis, without the
        // brackets and the letters among them.
        '\u{2010}'..='\u{2012}'
        | '\u{2015}'..='\u{2017}'
        | '\u{2020}'..='\u{2023}'
        | '\u{2025}'..='\u{2027}'
        | '\u{2030}'..='\u{2038}'
        | '\u{203B}'
        | '\u{2190}'..='\u{2307}'
        | '\u{230C}'..='\u{2328}'
        | '\u{232B}'..='\u{24B5}'
        | '\u{24EA}'..='\u{275A}'
        | '\u{2761}'..='\u{2767}'
        | '\u{2776}'..='\u{27BF}'
        | '\u{2B00}'..='\u{2BFF}'
        | '\u{1F000}'..='\u{1F12F}'
        | '\u{1F18A}'..='\u{1F675}'
        | '\u{1F679}'..='\u{1FAFF}' => Class::Other,
        _ => return None,
    };
    Some(class)
}

/// The class of the char at byte `index` of `text`, and its length.
#[inline(always)]
fn class_at(text: &str, index: usize) -> Option<(Class, usize)> {
    let byte = text.as_bytes()[index];
    if byte.is_ascii() {
        return Some((class(byte), 1));
    }
    non_ascii_class_at(text, index)
}

// Kept out of line so that the ASCII bytes' path stays a table look-up in the loop.
#[inline(never)]
fn non_ascii_class_at(text: &str, index: usize) -> Option<(Class, usize)> {
    let ch = text[index..].chars().next()?;
    non_ascii_class(ch).map(|class| (class, ch.len_utf8()))
}

/// How far the text since the last sentence-ending mark goes on matching
/// `(full stop | terminal) Close* Space*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tail {
    /// No such mark, or something else came after it.
    None,
    /// Right after the mark.
    Mark,
    /// After closing quotes or brackets.
    Closed,
    /// After spaces.
    Spaced,
}

/// The start offsets of the sentences of `text`: the places where the
/// Unicode rules allow a break, with 0 first (when the text is not empty).
/// `None` when the text has a char this module does not classify.
pub(crate) fn sentence_starts(text: &str) -> Option<Vec<usize>> {
    let mut starts = Vec::new();
    if text.is_empty() {
        return Some(starts);
    }
    starts.push(0);
    let (first, mut index) = class_at(text, 0)?;
    // SB5 does not apply at the start: a mark there counts as any other char.
    let mut previous = if first == Class::Extend { Class::Other } else { first };
    let mut before_previous = Class::Other;
    // The last sentence-ending mark: whether it was a full stop, and how the text after it goes on.
    let (mut full_stop, mut tail) = (previous == Class::FullStop, Tail::None);
    if matches!(previous, Class::FullStop | Class::Terminal) {
        tail = Tail::Mark;
    }
    // Where the read-ahead after a full stop (rule SB8) last stopped, and what it found there.
    let mut lookahead: Option<(usize, Class)> = None;
    while index < text.len() {
        if tail == Tail::None && !matches!(previous, Class::CarriageReturn | Class::LineFeed) {
            // Inside a sentence no rule breaks before an ASCII char that is not a
            // line break or a sentence mark, and such chars leave the tail as it is:
            // jump to the next char that may matter. The class before the last
            // is read only after a full stop, which is never skipped.
            let next = next_possible_end(text.as_bytes(), index);
            if next > index {
                previous = class(text.as_bytes()[next - 1]);
                index = next;
                continue;
            }
        }
        let (mut current, length) = class_at(text, index)?;
        if current == Class::Extend {
            // SB5: a mark belongs to the char before it, and the rules see
            // through it; after a line break (SB4) it starts a sentence instead.
            if !matches!(previous, Class::CarriageReturn | Class::LineFeed) {
                index += length;
                continue;
            }
            current = Class::Other;
        }
        let in_tail = tail != Tail::None;
        let breaks = match (previous, current) {
            // SB3, SB4: never inside CR LF; always after another line break.
            (Class::CarriageReturn, Class::LineFeed) => false,
            (Class::CarriageReturn | Class::LineFeed, _) => true,
            // SB6: "3.5".
            (Class::FullStop, Class::Numeric) => false,
            // SB7: "U.S." and "e.G".
            (Class::FullStop, Class::Upper) if matches!(before_previous, Class::Upper | Class::Lower) => false,
            _ if in_tail && full_stop && {
                // SB8: after a full stop, no break when the next letter,
                // before any line break or sentence mark, is lowercase.
                let found = match lookahead {
                    Some((at, found)) if at >= index => found,
                    _ => {
                        let (at, found) = read_ahead(text, index)?;
                        lookahead = Some((at, found));
                        found
                    }
                };
                found == Class::Lower
            } =>
            {
                false
            }
            // SB8a: a comma, colon or another mark goes on with the sentence.
            (_, Class::Continue | Class::Terminal | Class::FullStop) if in_tail => false,
            // SB9, SB10: closing marks, spaces and line breaks belong to the sentence they end.
            (_, Class::Close) if matches!(tail, Tail::Mark | Tail::Closed) => false,
            (_, Class::Space | Class::CarriageReturn | Class::LineFeed) if in_tail => false,
            // SB11: anything else after a mark starts a new sentence.
            _ => in_tail,
        };
        if breaks {
            starts.push(index);
        }
        tail = match current {
            Class::FullStop | Class::Terminal => {
                full_stop = current == Class::FullStop;
                Tail::Mark
            }
            Class::Close if matches!(tail, Tail::Mark | Tail::Closed) => Tail::Closed,
            Class::Space if in_tail => Tail::Spaced,
            _ => Tail::None,
        };
        before_previous = previous;
        previous = current;
        index += length;
    }
    Some(starts)
}

/// The first letter, line break or sentence mark from byte `index` on, with
/// its offset (the text's length and `Other` when there is none): what rule
/// SB8 looks for after a full stop. `None` for a char this module does not
/// classify.
fn read_ahead(text: &str, mut index: usize) -> Option<(usize, Class)> {
    while index < text.len() {
        let (class, length) = class_at(text, index)?;
        if matches!(
            class,
            Class::Lower
                | Class::Upper
                | Class::OtherLetter
                | Class::CarriageReturn
                | Class::LineFeed
                | Class::Terminal
                | Class::FullStop
        ) {
            return Some((index, class));
        }
        index += length;
    }
    Some((text.len(), Class::Other))
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn unicode_starts(text: &str) -> Vec<usize> {
        text.split_sentence_bound_indices().map(|(start, _)| start).collect()
    }

    fn starts(text: &str) -> Vec<usize> {
        sentence_starts(text).unwrap_or_else(|| panic!("not classified: {text:?}"))
    }

    #[test]
    fn splits_like_the_unicode_rules_on_examples() {
        for text in [
            "First one. Second one!\nThird line",
            "U.S. troops left. The end.",
            "It costs 3.5 dollars. ok. Not ok.",
            "He said \"Stop.\" Then left. (Really.) Yes?! No.",
            "e.g. this; etc. and so on.  Next",
            "Wait... what?\r\nYes.\n\nNo",
            "A.B.C. d",
            ".",
            "",
            "a.\u{1}b. C",
            "Café. Émile said “Non.” Then… éh. Ça va?",
            "It’s done. ’Twas 😭😭 OK. 👍🏽 Next!",
            "مرحبا. كيف الحال؟ بخير",
            "こんにちは。元気？ はい",
            "U.\u{301}S. ok.\u{FE0F} x",
            "\u{FE0F}. a\n\u{301}b",
        ] {
            assert_eq!(starts(text), unicode_starts(text), "{text:?}");
        }
    }

    #[test]
    fn leaves_unclassified_chars_to_the_unicode_rules() {
        for text in ["\u{1C5}a. B", "a\u{2028}b", "a. \u{FF0E} b", "a. x\u{1F170}"] {
            assert_eq!(sentence_starts(text), None, "{text:?}");
        }
    }

    /// Every string of up to five of `alphabet`'s chars.
    fn every_short_string(alphabet: &[char], mut check: impl FnMut(&str)) {
        let mut text = String::new();
        for length in 1..=5u32 {
            for mut number in 0..alphabet.len().pow(length) {
                text.clear();
                for _ in 0..length {
                    text.push(alphabet[number % alphabet.len()]);
                    number /= alphabet.len();
                }
                check(&text);
            }
        }
    }

    #[test]
    fn splits_like_the_unicode_rules_on_every_short_string() {
        // One char of each class, and a second of some, so that rules that
        // look two back (SB7) or far ahead (SB8) meet every neighbour.
        let alphabet: Vec<char> = "\r\n aAZ1.!?\",-x\u{1}".chars().collect();
        every_short_string(&alphabet, |text| assert_eq!(starts(text), unicode_starts(text), "{text:?}"));
    }

    #[test]
    fn splits_like_the_unicode_rules_on_every_short_string_with_non_ascii_chars() {
        // The classes only non-ASCII chars have (letters without case, marks
        // that belong to the char before), and other classes' non-ASCII chars,
        // among the ASCII ones the rules look for.
        let alphabet = ['\r', '\n', '\u{A0}', 'é', 'A', 'É', '1', '.', '!', '’', ',', '😭', 'ا', '\u{FE0F}'];
        every_short_string(&alphabet, |text| assert_eq!(starts(text), unicode_starts(text), "{text:?}"));
    }

    /// A char of each class, the one the exhaustive tests above use.
    fn representative(class: Class) -> char {
        match class {
            Class::CarriageReturn => '\r',
            Class::LineFeed => '\n',
            Class::Space => ' ',
            Class::Lower => 'a',
            Class::Upper => 'A',
            Class::OtherLetter => 'ا',
            Class::Numeric => '1',
            Class::FullStop => '.',
            Class::Terminal => '!',
            Class::Close => '"',
            Class::Continue => ',',
            Class::Extend => '\u{FE0F}',
            Class::Other => '😭',
        }
    }

    /// Where `unicode-segmentation` breaks short texts around `ch`, in chars:
    /// texts chosen so that chars of two classes the rules treat differently
    /// never give the same answer.
    fn breaks_around(ch: char) -> Vec<Vec<usize>> {
        const PROBES: [&str; 26] = [
            "X", "\rX", "X\n", "Xa", "\nX", "X X", "a.X", ". Xa", "a!X", "a. X", "1.X", "a!Xb", "aX B", "a!X(", "aX.B",
            "X.B", "A.XB", "a.X b", ". X", "a.\"X", "a.)Xb", "a! X", "a. Xb", "A.X.B", "X. a", "X\r\n",
        ];
        PROBES
            .iter()
            .map(|probe| {
                let text = probe.replace('X', ch.encode_utf8(&mut [0; 4]));
                unicode_starts(&text).into_iter().map(|offset| text[..offset].chars().count()).collect()
            })
            .collect()
    }

    #[test]
    fn the_probes_tell_every_class_apart() {
        let classes = [
            Class::CarriageReturn,
            Class::LineFeed,
            Class::Space,
            Class::Lower,
            Class::Upper,
            Class::OtherLetter,
            Class::Numeric,
            Class::FullStop,
            Class::Terminal,
            Class::Close,
            Class::Continue,
            Class::Extend,
            Class::Other,
        ];
        // A paragraph separator is the one class of the rules without a char here.
        let mut answers: Vec<_> = classes.iter().map(|&class| breaks_around(representative(class))).collect();
        answers.push(breaks_around('\u{2029}'));
        for (index, answer) in answers.iter().enumerate() {
            assert!(!answers[..index].contains(answer), "class {index} answers like another");
        }
    }

    #[test]
    fn every_classified_char_splits_like_its_class() {
        let mut expected = std::collections::HashMap::new();
        for ch in (0x80..=0x10_FFFF).filter_map(char::from_u32) {
            if let Some(class) = non_ascii_class(ch) {
                let answer = expected.entry(class).or_insert_with(|| breaks_around(representative(class)));
                assert_eq!(&breaks_around(ch), answer, "U+{:04X} is not {class:?}", ch as u32);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn possible_ends_are_found_as_a_byte_wise_search_finds_them(
            bytes in proptest::collection::vec(proptest::sample::select(vec![
                b'a', b'Z', b' ', b'\r', b'\n', b'.', b'!', b'?', b',', b'\'', 0x7F, 0x80, 0xC3, 0xE2, 0xFF, 0x0A ^ 0x80,
                b'.' ^ 0x80, b'-', b'/', b'>',
            ]), 0..40),
            from in 0usize..44,
        ) {
            let expected = (from..bytes.len()).find(|&index| may_end_sentence(bytes[index])).unwrap_or(bytes.len());
            proptest::prop_assert_eq!(next_possible_end(&bytes, from), expected, "{:?} from {}", bytes, from);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn splits_like_the_unicode_rules_on_generated_drafts(
            tokens in proptest::collection::vec(proptest::sample::select(vec![
                "word", "Word", "WORD", "a", "I", "Dr.", "e.g.", "U.S.", "3.5", "end.", "End.", "wow!", "why?", "?!",
                "...", "\"Quote.\"", "(aside.)", "ok.'", "'ok'", "[1]", "{x}", "\n", "\n\n", "\r\n", "\r", "- item",
                "#Tag", "@user", ":", ";", ",", "\t", "\u{1}\u{1}", "x.Y", "A.B.", ".", "2024", "v1.2.3", "!", "?",
                "café.", "Émile", "ÉTÉ", "it’s", "“Quote.”", "‘ok’", "…", "—", "\u{A0}", "😭", "👍🏽", "❤️", "1️⃣",
                "e\u{301}.", "مرحبا", "الحال؟", "こんにちは。", "Привет.", "«non»", "\u{200B}", "ǅ",
            ]), 0..60),
            separators in proptest::collection::vec(proptest::sample::select(vec![" ", " ", " ", "", "  ", "\n"]), 60),
        ) {
            let mut text = String::new();
            for (token, separator) in tokens.iter().zip(&separators) {
                text.push_str(token);
                text.push_str(separator);
            }
            // The titlecase letter is the one token left to the crate.
            match sentence_starts(&text) {
                Some(starts) => proptest::prop_assert_eq!(starts, unicode_starts(&text), "{:?}", text),
                None => proptest::prop_assert!(text.contains('ǅ'), "{:?}", text),
            }
        }
    }
}
