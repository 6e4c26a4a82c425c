//! Sentence boundaries of ASCII text, the same as the Unicode rules (UAX #29,
//! as `unicode-segmentation` applies them) but in one forward pass over bytes.
//!
//! Most drafts whose sentences are split are ASCII, and the general splitter
//! looks each char up in a table of every Unicode range and, after a full
//! stop, reads ahead to the next letter. In ASCII each byte's class is a
//! `match`, and the read-ahead is remembered, so the pass stays linear. Text
//! with any other char goes to `unicode-segmentation`. Tests compare the two
//! on every short string of the classes below and on generated drafts.

/// The sentence-break class of an ASCII byte (UAX #29, table 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    CarriageReturn,
    LineFeed,
    /// Spaces, tabs, vertical tab and form feed.
    Space,
    Lower,
    Upper,
    Numeric,
    /// The full stop, which may end a sentence or an abbreviation.
    FullStop,
    /// `!` and `?`.
    Terminal,
    /// Quotes and brackets, which may follow a sentence's end.
    Close,
    /// `,`, `-`, `:` and `;`, after which a sentence goes on.
    Continue,
    Other,
}

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

/// The start offsets of the sentences of `text`, which must be ASCII: the
/// places where the Unicode rules allow a break, with 0 first (when the text
/// is not empty).
pub(crate) fn ascii_sentence_starts(text: &str) -> Vec<usize> {
    debug_assert!(text.is_ascii());
    let bytes = text.as_bytes();
    let mut starts = Vec::new();
    if bytes.is_empty() {
        return starts;
    }
    starts.push(0);
    let mut previous = class(bytes[0]);
    let mut before_previous = Class::Other;
    // The last sentence-ending mark: whether it was a full stop, and how the text after it goes on.
    let (mut full_stop, mut tail) = (previous == Class::FullStop, Tail::None);
    if matches!(previous, Class::FullStop | Class::Terminal) {
        tail = Tail::Mark;
    }
    // Where the read-ahead after a full stop (rule SB8) last stopped, and what it found there.
    let mut lookahead: Option<(usize, Class)> = None;
    for (index, &byte) in bytes.iter().enumerate().skip(1) {
        let current = class(byte);
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
                        let (at, found) = bytes[index..]
                            .iter()
                            .enumerate()
                            .map(|(offset, &byte)| (index + offset, class(byte)))
                            .find(|(_, class)| {
                                matches!(
                                    class,
                                    Class::Lower
                                        | Class::Upper
                                        | Class::CarriageReturn
                                        | Class::LineFeed
                                        | Class::Terminal
                                        | Class::FullStop
                                )
                            })
                            .unwrap_or((bytes.len(), Class::Other));
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
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn unicode_starts(text: &str) -> Vec<usize> {
        text.split_sentence_bound_indices().map(|(start, _)| start).collect()
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
        ] {
            assert_eq!(ascii_sentence_starts(text), unicode_starts(text), "{text:?}");
        }
    }

    #[test]
    fn splits_like_the_unicode_rules_on_every_short_string() {
        // One byte of each class, and a second of some, so that rules that
        // look two back (SB7) or far ahead (SB8) meet every neighbour.
        let alphabet = b"\r\n aAZ1.!?\",-x\x01";
        let mut text = Vec::new();
        for length in 1..=5u32 {
            for mut number in 0..alphabet.len().pow(length) {
                text.clear();
                for _ in 0..length {
                    text.push(alphabet[number % alphabet.len()]);
                    number /= alphabet.len();
                }
                let text = std::str::from_utf8(&text).unwrap();
                assert_eq!(ascii_sentence_starts(text), unicode_starts(text), "{text:?}");
            }
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
            ]), 0..60),
            separators in proptest::collection::vec(proptest::sample::select(vec![" ", " ", " ", "", "  ", "\n"]), 60),
        ) {
            let mut text = String::new();
            for (token, separator) in tokens.iter().zip(&separators) {
                text.push_str(token);
                text.push_str(separator);
            }
            proptest::prop_assert_eq!(ascii_sentence_starts(&text), unicode_starts(&text), "{:?}", text);
        }
    }
}
