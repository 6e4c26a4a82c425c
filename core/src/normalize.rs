//! Canonical Unicode normalisation (NFD and NFC), following Unicode Standard
//! Annex #15.
//!
//! `unicode-normalization`'s `nfc()` and `nfd()` iterators choose canonical or
//! compatibility decomposition at run time, so they link the compatibility
//! tables into the WebAssembly module although postlint only needs canonical
//! forms. This module is built on the crate's per-character primitives, which
//! use only the canonical tables.

use unicode_normalization::char::{canonical_combining_class, compose, decompose_canonical};

/// The canonical decomposition (NFD) of `text`.
pub(crate) fn nfd(text: &str) -> String {
    let mut normalized = String::with_capacity(text.len());
    normalize_into(text, &mut normalized, false);
    normalized
}

/// The canonical composition (NFC) of `text`.
pub(crate) fn nfc(text: &str) -> String {
    let mut normalized = String::with_capacity(text.len());
    nfc_into(text, &mut normalized);
    normalized
}

/// Appends the canonical composition (NFC) of `text` to `normalized`. What
/// `normalized` already holds is left alone: nothing in `text` composes with it.
pub(crate) fn nfc_into(text: &str, normalized: &mut String) {
    normalize_into(text, normalized, true);
}

/// Appends the NFD of `text` to `output`, or its NFC when `composes`.
fn normalize_into(text: &str, output: &mut String, composes: bool) {
    if text.is_ascii() {
        // ASCII has no decompositions and no compositions.
        output.push_str(text);
        return;
    }
    let mut writer = Writer::new(output, composes);
    for character in text.chars() {
        if character.is_ascii() {
            writer.push_starter(character);
        } else {
            decompose_canonical(character, |part| writer.push(part));
        }
    }
    writer.end_run();
}

/// Appends fully decomposed characters to a string, putting each run of
/// non-starters in canonical order and, when composing, composing it with the
/// starter before it as soon as the run is complete.
struct Writer<'output> {
    /// The string being appended to.
    output: &'output mut String,
    /// Whether to compose (NFC) rather than only decompose (NFD).
    composes: bool,
    /// The last starter (combining class 0) appended and its byte offset in
    /// `output`: what later characters may compose with. It always sits right
    /// before the current run of non-starters.
    last_starter: Option<(usize, char)>,
    /// Byte offset in `output` where the current run of non-starters begins;
    /// `output.len()` when there is none.
    run_start: usize,
    /// Combining class of the last non-starter of the current run.
    run_last_class: u8,
    /// Whether the current run is out of canonical order.
    run_unordered: bool,
}

impl<'output> Writer<'output> {
    /// A writer appending to `output`; earlier content never composes.
    fn new(output: &'output mut String, composes: bool) -> Self {
        let run_start = output.len();
        Writer { output, composes, last_starter: None, run_start, run_last_class: 0, run_unordered: false }
    }

    /// Appends one character of a full canonical decomposition.
    fn push(&mut self, character: char) {
        let class = canonical_combining_class(character);
        if class == 0 {
            self.push_starter(character);
            return;
        }
        if self.run_start < self.output.len() && class < self.run_last_class {
            self.run_unordered = true;
        }
        self.run_last_class = class;
        self.output.push(character);
    }

    /// Appends a starter without a decomposition, which ends the current run.
    fn push_starter(&mut self, character: char) {
        self.end_run();
        if self.composes {
            if let Some((offset, starter)) = self.last_starter {
                // A starter composes only with a starter right before it:
                // any character in between blocks it.
                let adjacent = offset + starter.len_utf8() == self.output.len();
                if let Some(composite) = compose(starter, character).filter(|_| adjacent) {
                    self.replace_last_starter(composite);
                    self.run_start = self.output.len();
                    return;
                }
            }
        }
        self.last_starter = Some((self.output.len(), character));
        self.output.push(character);
        self.run_start = self.output.len();
    }

    /// Puts the current run of non-starters in canonical order and composes
    /// it, then starts an empty run.
    fn end_run(&mut self) {
        if self.run_start == self.output.len() {
            return;
        }
        if self.run_unordered {
            self.sort_run();
        }
        if self.composes {
            self.compose_run();
        }
        self.run_start = self.output.len();
        self.run_unordered = false;
    }

    /// Canonical ordering: a stable sort of the run by combining class. Only
    /// text with marks out of order gets here, so the buffer is rare.
    fn sort_run(&mut self) {
        let mut marks: Vec<(u8, char)> =
            self.output[self.run_start..].chars().map(|mark| (canonical_combining_class(mark), mark)).collect();
        crate::sort::sort_by_key(&mut marks, |(class, _)| *class);
        self.output.truncate(self.run_start);
        self.output.extend(marks.iter().map(|(_, mark)| mark));
    }

    /// Canonical composition of the run with the starter right before it:
    /// each non-starter that is not blocked and has a primary composite with
    /// the starter replaces the starter and is removed.
    fn compose_run(&mut self) {
        let Some((_, mut starter)) = self.last_starter else {
            return;
        };
        let mut position = self.run_start;
        // The run is in canonical order, so the last mark left in place has
        // the highest class between the starter and the next mark, and blocks
        // that mark unless the mark's class is higher.
        let mut last_kept_class: Option<u8> = None;
        while let Some(mark) = self.output[position..].chars().next() {
            let class = canonical_combining_class(mark);
            let blocked = last_kept_class.is_some_and(|kept| kept >= class);
            match compose(starter, mark).filter(|_| !blocked) {
                Some(composite) => {
                    self.output.replace_range(position..position + mark.len_utf8(), "");
                    self.replace_last_starter(composite);
                    position = position + composite.len_utf8() - starter.len_utf8();
                    starter = composite;
                }
                None => {
                    last_kept_class = Some(class);
                    position += mark.len_utf8();
                }
            }
        }
    }

    /// Replaces the last starter with `composite`, which becomes the last starter.
    fn replace_last_starter(&mut self, composite: char) {
        if let Some((offset, starter)) = self.last_starter {
            let mut buffer = [0; 4];
            self.output.replace_range(offset..offset + starter.len_utf8(), composite.encode_utf8(&mut buffer));
            self.last_starter = Some((offset, composite));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    /// The crate's NFD, which this module must match.
    fn reference_nfd(text: &str) -> String {
        text.nfd().collect()
    }

    /// The crate's NFC, which this module must match.
    fn reference_nfc(text: &str) -> String {
        text.nfc().collect()
    }

    /// Checks both forms of `text` against expected values and the crate.
    fn assert_forms(text: &str, expected_nfd: &str, expected_nfc: &str) {
        assert_eq!(nfd(text), expected_nfd, "NFD of {text:?}");
        assert_eq!(nfc(text), expected_nfc, "NFC of {text:?}");
        assert_eq!(reference_nfd(text), expected_nfd, "crate NFD of {text:?}");
        assert_eq!(reference_nfc(text), expected_nfc, "crate NFC of {text:?}");
    }

    #[test]
    fn ascii_and_empty_text_are_unchanged() {
        assert_forms("", "", "");
        assert_forms("Hello, world! 123", "Hello, world! 123", "Hello, world! 123");
    }

    #[test]
    fn latin_letters_decompose_and_recompose() {
        assert_forms("caf\u{E9}", "cafe\u{301}", "caf\u{E9}");
        assert_forms("cafe\u{301}", "cafe\u{301}", "caf\u{E9}");
        // A starter that did not compose still composes with a mark after it.
        assert_forms("\u{E9}e\u{301}", "e\u{301}e\u{301}", "\u{E9}\u{E9}");
    }

    #[test]
    fn marks_are_put_in_canonical_order_before_composing() {
        // U+0323 (dot below) has class 220, U+0302 (circumflex) 230.
        assert_forms("a\u{323}\u{302}", "a\u{323}\u{302}", "\u{1EAD}");
        assert_forms("a\u{302}\u{323}", "a\u{323}\u{302}", "\u{1EAD}");
        assert_forms("\u{E2}\u{323}", "a\u{323}\u{302}", "\u{1EAD}");
        assert_forms("\u{1EA1}\u{302}", "a\u{323}\u{302}", "\u{1EAD}");
        // Marks of equal class keep their order.
        assert_forms("a\u{301}\u{300}", "a\u{301}\u{300}", "\u{E1}\u{300}");
        assert_forms("a\u{300}\u{301}", "a\u{300}\u{301}", "\u{E0}\u{301}");
    }

    #[test]
    fn blocked_marks_do_not_compose() {
        // U+0310 (candrabindu, class 230) has no composite with “a” and blocks
        // the acute (also 230) after it.
        assert_forms("a\u{310}\u{301}", "a\u{310}\u{301}", "a\u{310}\u{301}");
        // U+0316 (grave below, class 220) does not block the acute (230).
        assert_forms("a\u{316}\u{301}", "a\u{316}\u{301}", "\u{E1}\u{316}");
        // Marks before any starter stay as they are.
        assert_forms("\u{301}a", "\u{301}a", "\u{301}a");
    }

    #[test]
    fn hangul_syllables_decompose_and_recompose() {
        assert_forms("\u{D55C}", "\u{1112}\u{1161}\u{11AB}", "\u{D55C}");
        assert_forms("\u{1112}\u{1161}\u{11AB}", "\u{1112}\u{1161}\u{11AB}", "\u{D55C}");
        // An LV syllable followed by a trailing consonant.
        assert_forms("\u{AC00}\u{11A8}", "\u{1100}\u{1161}\u{11A8}", "\u{AC01}");
        // A mark between the leading consonant and the vowel blocks them.
        assert_forms("\u{1100}\u{301}\u{1161}", "\u{1100}\u{301}\u{1161}", "\u{1100}\u{301}\u{1161}");
    }

    #[test]
    fn exclusions_and_singletons() {
        // U+0958 is excluded from composition.
        assert_forms("\u{958}", "\u{915}\u{93C}", "\u{915}\u{93C}");
        // Singletons never come back.
        assert_forms("\u{212B}", "A\u{30A}", "\u{C5}");
        assert_forms("\u{2126}", "\u{3A9}", "\u{3A9}");
    }

    #[test]
    fn appending_leaves_earlier_text_alone() {
        let mut normalized = String::from("e");
        nfc_into("\u{301}", &mut normalized);
        assert_eq!(normalized, "e\u{301}");
    }

    #[test]
    fn every_character_alone_matches_the_crate() {
        let mut text = String::new();
        for character in (0..=0x10FFFF).filter_map(char::from_u32) {
            text.clear();
            text.push(character);
            assert_eq!(nfd(&text), reference_nfd(&text), "NFD of {character:?}");
            assert_eq!(nfc(&text), reference_nfc(&text), "NFC of {character:?}");
        }
    }

    #[test]
    fn characters_followed_by_a_mark_or_starter_match_the_crate() {
        // Everything that decomposes or is a non-starter, then second
        // characters that compose, reorder or block in different ways.
        let firsts: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&character| has_canonical_decomposition(character) || canonical_combining_class(character) != 0)
            .collect();
        let seconds = [
            'a', '\u{300}', '\u{301}', '\u{302}', '\u{308}', '\u{30A}', '\u{310}', '\u{316}', '\u{323}', '\u{327}',
            '\u{345}', '\u{93C}', '\u{1161}', '\u{11A8}', '\u{3099}', '\u{B3E}', '\u{CD5}', '\u{DCF}', '\u{102E}',
        ];
        let mut text = String::new();
        for &first in &firsts {
            for &second in &seconds {
                text.clear();
                text.push(first);
                text.push(second);
                assert_eq!(nfd(&text), reference_nfd(&text), "NFD of {text:?}");
                assert_eq!(nfc(&text), reference_nfc(&text), "NFC of {text:?}");
            }
        }
    }

    /// Whether `character` has a canonical decomposition other than itself.
    fn has_canonical_decomposition(character: char) -> bool {
        let mut parts = String::new();
        decompose_canonical(character, |part| parts.push(part));
        parts.chars().ne(std::iter::once(character))
    }

    /// Text mixing ASCII, Latin with combining marks, Hangul jamo and
    /// syllables, Devanagari and any character.
    fn mixed_text() -> impl Strategy<Value = String> {
        let character = prop_oneof![
            proptest::char::range(' ', '~'),
            proptest::char::range('\u{C0}', '\u{17F}'),
            proptest::char::range('\u{300}', '\u{36F}'),
            proptest::char::range('\u{1100}', '\u{11FF}'),
            proptest::char::range('\u{AC00}', '\u{D7A3}'),
            proptest::char::range('\u{900}', '\u{97F}'),
            any::<char>(),
        ];
        proptest::collection::vec(character, 0..24).prop_map(|characters| characters.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn mixed_text_matches_the_crate(text in mixed_text()) {
            prop_assert_eq!(nfd(&text), reference_nfd(&text));
            prop_assert_eq!(nfc(&text), reference_nfc(&text));
        }
    }
}
