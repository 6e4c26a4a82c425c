//! A compact Aho-Corasick DFA for the term search: every occurrence of every
//! pattern, overlapping ones included, in one pass.
//!
//! The term search runs this once a checker has searched enough text to
//! repay building it (see [`crate::terms`]). It finds exactly what
//! aho-corasick's own DFA finds with `find_overlapping_iter`, with fewer
//! instructions per byte: the search is a plain loop of one class look-up
//! and one checked table look-up per byte, because states are numbered so
//! that every state where a pattern ends comes after the others, and the
//! loop reads a table of the others' rows only: the bounds check of the
//! look-up is the test for a match. The table is also a quarter smaller,
//! with one column per byte class the patterns use instead of a power of two.

use std::collections::VecDeque;

use crate::document::MASK;

/// The largest transition table built, in bytes: a guideline with a huge
/// term list keeps searching with the automaton it started with instead.
const MAX_TABLE_BYTES: usize = 64 << 20;

/// An Aho-Corasick DFA over bytes, for overlapping search.
pub(crate) struct TermDfa {
    /// The column of each byte: bytes no pattern contains share column 0.
    classes: [u8; 256],
    /// Columns per state.
    stride: usize,
    /// The next state for each state and column. States are stored
    /// premultiplied by `stride`, so a state is the index of its row.
    table: Vec<u32>,
    /// The state the search starts in.
    start: u32,
    /// States from this one on are those where some pattern ends; the rows
    /// before it are the table the byte loop reads.
    first_match_state: u32,
    /// For each state where a pattern ends, in order, the range of its
    /// patterns in `matches`.
    match_ranges: Vec<(u32, u32)>,
    /// Patterns ending in a state, as (pattern index, pattern length).
    matches: Vec<(u32, u32)>,
    /// Whether a search of a prose view finds what a search of its
    /// normalized text finds (see [`TermDfa::searches_views`]).
    searches_views: bool,
}

/// The ASCII white space that normalizing collapses to one space.
pub(crate) fn is_collapsed_space(byte: u8) -> bool {
    matches!(byte, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

impl TermDfa {
    /// Builds the DFA of `patterns`, or `None` when its table would pass
    /// [`MAX_TABLE_BYTES`] (or an empty pattern would match everywhere).
    pub(crate) fn new(patterns: &[String]) -> Option<TermDfa> {
        if patterns.iter().any(String::is_empty) {
            return None;
        }
        let mut classes = [0u8; 256];
        let mut stride = 1;
        for pattern in patterns {
            for &byte in pattern.as_bytes() {
                if classes[usize::from(byte)] == 0 {
                    // At most 255 bytes other than the shared column: fits a u8.
                    classes[usize::from(byte)] = stride as u8;
                    stride += 1;
                }
            }
        }
        // Normalized patterns hold no ASCII capital, no white space but
        // single spaces and no masked byte; then capitals can share their
        // letter's column and white space the space's, which changes nothing
        // in normalized text, where they never occur.
        let searches_views = patterns.iter().all(|pattern| {
            let bytes = pattern.as_bytes();
            !bytes
                .iter()
                .any(|&byte| byte.is_ascii_uppercase() || byte == MASK || (is_collapsed_space(byte) && byte != b' '))
                && !bytes.windows(2).any(|pair| pair == b"  ")
                && !bytes.starts_with(b" ")
                && !bytes.ends_with(b" ")
        });
        if searches_views {
            for capital in b'A'..=b'Z' {
                classes[usize::from(capital)] = classes[usize::from(capital.to_ascii_lowercase())];
            }
            for space in (0..=u8::MAX).filter(|&byte| is_collapsed_space(byte)) {
                classes[usize::from(space)] = classes[usize::from(b' ')];
            }
        }
        // The trie: each state's children by column, and the patterns ending there.
        let mut children: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
        let mut ending: Vec<Vec<(u32, u32)>> = vec![Vec::new()];
        for (index, pattern) in patterns.iter().enumerate() {
            let mut state = 0;
            for &byte in pattern.as_bytes() {
                let column = classes[usize::from(byte)];
                state = match children[state].iter().find(|(child_column, _)| *child_column == column) {
                    Some(&(_, child)) => child as usize,
                    None => {
                        let child = children.len();
                        children.push(Vec::new());
                        ending.push(Vec::new());
                        children[state].push((column, child as u32));
                        child
                    }
                };
            }
            ending[state].push((index as u32, pattern.len() as u32));
        }
        let states = children.len();
        if states.checked_mul(stride * 4).is_none_or(|bytes| bytes > MAX_TABLE_BYTES) {
            return None;
        }
        // Transitions and failure links, breadth first: a state's failure
        // link is shallower than the state, so it is complete when needed. A
        // state inherits the patterns ending at its failure link (the longest
        // proper suffix that is a trie state), which overlapping search reports too.
        let mut next = vec![0u32; states * stride];
        let mut failure = vec![0u32; states];
        let mut queue = VecDeque::with_capacity(states);
        for &(column, child) in &children[0] {
            next[usize::from(column)] = child;
            queue.push_back(child as usize);
        }
        while let Some(state) = queue.pop_front() {
            let link = failure[state] as usize;
            if link != 0 && !ending[link].is_empty() {
                let inherited = ending[link].clone();
                ending[state].extend(inherited);
            }
            let (row, link_row) = (state * stride, link * stride);
            for column in 0..stride {
                next[row + column] = next[link_row + column];
            }
            for &(column, child) in &children[state] {
                let column = usize::from(column);
                // The root's children fail to the root; others to where their
                // parent's failure link goes on the same byte.
                failure[child as usize] = next[link_row + column];
                next[row + column] = child;
                queue.push_back(child as usize);
            }
        }
        if searches_views && classes[usize::from(b' ')] != 0 {
            // A state just past a space stays where it is on more white space,
            // as if the run were the one space normalizing leaves of it. (It
            // went to the start before: no pattern holds two spaces or starts
            // with one.) No pattern ends with a space, so none ends there.
            let space = usize::from(classes[usize::from(b' ')]);
            for &(column, child) in children.iter().flatten() {
                if usize::from(column) == space {
                    next[child as usize * stride + space] = child;
                }
            }
        }
        // Numbering: states where a pattern ends last, each premultiplied.
        let mut order: Vec<usize> = (0..states).filter(|&state| ending[state].is_empty()).collect();
        let first_match = order.len();
        order.extend((0..states).filter(|&state| !ending[state].is_empty()));
        let mut number = vec![0u32; states];
        for (position, &state) in order.iter().enumerate() {
            number[state] = (position * stride) as u32;
        }
        let mut table = Vec::with_capacity(states * stride);
        let mut match_ranges = Vec::with_capacity(states - first_match);
        let mut matches = Vec::new();
        for &state in &order {
            table.extend(next[state * stride..(state + 1) * stride].iter().map(|&target| number[target as usize]));
            if !ending[state].is_empty() {
                let first = matches.len() as u32;
                matches.extend_from_slice(&ending[state]);
                match_ranges.push((first, matches.len() as u32));
            }
        }
        Some(TermDfa {
            classes,
            stride,
            table,
            start: number[0],
            first_match_state: (first_match * stride) as u32,
            match_ranges,
            matches,
            searches_views,
        })
    }

    /// Whether the DFA, run over a prose view whose normalizing changes
    /// nothing but the case of ASCII letters and runs of ASCII white space
    /// (to one space) and of masked bytes (to one), finds the matches it
    /// finds in the normalized text, at the view's offsets: capitals read as
    /// their letters, white space as a space, and more white space after a
    /// space leaves the state as it is. (A masked byte is in no pattern, so
    /// it leaves the search at its start, however many there are.)
    pub(crate) fn searches_views(&self) -> bool {
        self.searches_views
    }

    /// Calls `found(pattern, start, end)` for every occurrence of every
    /// pattern in `text`, a normalized text, overlapping ones included, by
    /// end offset (and, at one end, in no particular order). (For a view,
    /// see [`TermDfa::searches_views`]: `start` is then not the view's.)
    pub(crate) fn for_each_match(&self, text: &[u8], mut found: impl FnMut(usize, usize, usize)) {
        let mut state = self.start;
        let mut at = 0;
        // The search is not inlined (see below): an empty rest is not worth a call.
        while at < text.len() {
            let Some(end) = self.next_match_end(text, &mut at, &mut state) else {
                break;
            };
            let (first, last) = self.match_ranges[(state - self.first_match_state) as usize / self.stride];
            for &(pattern, length) in &self.matches[first as usize..last as usize] {
                found(pattern as usize, end - length as usize, end);
            }
        }
    }

    /// Walks `text` from `at`, starting in `state`, to the next offset where
    /// the state is one where a pattern ends, and returns that offset, with
    /// `at` and `state` set to it. A `state` where a pattern ends (the last
    /// call's) is left first, on the byte at `at`.
    ///
    /// The byte loop reads the rows of the other states only, so that the
    /// bounds check of the look-up is also the test for a match: a state
    /// where a pattern ends is found one byte later, when the look-up from
    /// it falls past the end of those rows (or at the end of the text). It
    /// calls nothing, so its few values stay in registers; with the
    /// reporting in the same loop they went to the stack, a load and a
    /// compare more per byte. Not inlined: in the check, where many values
    /// are live, the table went to the stack too.
    #[inline(never)]
    fn next_match_end(&self, text: &[u8], at: &mut usize, state: &mut u32) -> Option<usize> {
        let classes = &self.classes;
        // The rows of the states where no pattern ends: from a state where
        // one ends, any look-up is past the end.
        let plain = self.table.get(..self.first_match_state as usize)?;
        // As usize, so that a state read from the table is used as an index
        // without a zero extension per step.
        let mut current = *state as usize;
        let mut offset = *at;
        if current >= plain.len() {
            let byte = *text.get(offset)?;
            current = *self.table.get(current + usize::from(classes[usize::from(byte)]))? as usize;
            offset += 1;
        }
        let rest = text.get(offset..)?;
        // Eight bytes a step: the test for the end of the text is made once
        // for eight table look-ups instead of once for each.
        let mut chunks = rest.chunks_exact(8);
        for chunk in &mut chunks {
            // Unrolled; each byte loaded on its own (from an array copy,
            // they were shifted out of one load, more instructions).
            for (index, &byte) in chunk.iter().enumerate() {
                match plain.get(current + usize::from(classes[usize::from(byte)])) {
                    Some(&next) => current = next as usize,
                    None => {
                        *state = current as u32;
                        *at = offset + index;
                        return Some(*at);
                    }
                }
            }
            offset += 8;
        }
        for (index, &byte) in chunks.remainder().iter().enumerate() {
            match plain.get(current + usize::from(classes[usize::from(byte)])) {
                Some(&next) => current = next as usize,
                None => {
                    *state = current as u32;
                    *at = offset + index;
                    return Some(*at);
                }
            }
        }
        *state = current as u32;
        *at = text.len();
        (current >= plain.len()).then_some(text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasickBuilder, AhoCorasickKind, MatchKind};

    /// A match: pattern index, start, end.
    type Found = (usize, usize, usize);

    /// Every match, sorted, as aho-corasick's DFA finds them and as ours does.
    fn both(patterns: &[&str], text: &str) -> (Vec<Found>, Vec<Found>) {
        let owned: Vec<String> = patterns.iter().map(|&pattern| pattern.to_owned()).collect();
        let reference = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(patterns)
            .unwrap();
        let mut expected: Vec<_> = reference
            .find_overlapping_iter(text)
            .map(|found| (found.pattern().as_usize(), found.start(), found.end()))
            .collect();
        let mut actual = Vec::new();
        TermDfa::new(&owned).unwrap().for_each_match(text.as_bytes(), |pattern, start, end| {
            actual.push((pattern, start, end));
        });
        expected.sort_unstable();
        actual.sort_unstable();
        (expected, actual)
    }

    #[test]
    fn finds_overlapping_and_nested_matches() {
        let patterns = ["he", "she", "his", "hers", "third world", "world", "d w", "残疾"];
        let text = "ushers and his third world, 他是残疾人 she";
        let (expected, actual) = both(&patterns, text);
        assert_eq!(actual, expected);
        assert_eq!(actual.len(), 10, "{actual:?}");
    }

    #[test]
    fn same_pattern_twice_and_bytes_no_pattern_has() {
        let (expected, actual) = both(&["ab", "ab", "b"], "xxabzab\u{1F600}b");
        assert_eq!(actual, expected);
        assert_eq!(actual.len(), 7);
    }

    /// Matches on consecutive bytes (the search steps out of a state where
    /// a pattern ends on each), on either side of the eight-byte steps and
    /// at the very end of the text, for texts of every length around them.
    #[test]
    fn matches_on_every_byte_at_step_edges_and_at_the_end() {
        for length in 0..=26 {
            for text in ["a".repeat(length), "b".repeat(length) + "a", "ba".repeat(length), "xyza".repeat(length)] {
                let (expected, actual) = both(&["a", "aa", "ba", "zab", "b"], &text);
                assert_eq!(actual, expected, "{text:?}");
            }
        }
    }

    #[test]
    fn no_empty_pattern_and_no_huge_table() {
        assert!(TermDfa::new(&["a".to_owned(), String::new()]).is_none());
        assert!(TermDfa::new(&[]).is_some_and(|dfa| dfa.table.len() == 1));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
        /// On random patterns and normalized texts over a small alphabet (so
        /// that patterns overlap, nest and share prefixes and suffixes), both
        /// automata find the same matches.
        #[test]
        fn finds_what_aho_corasick_finds(
            patterns in proptest::collection::vec("[abc é]{1,5}", 1..12),
            text in "[abcdé ]{0,80}",
        ) {
            let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
            let text = crate::document::NormalizedText::new(&text);
            let (expected, actual) = both(&patterns, text.as_str());
            proptest::prop_assert_eq!(actual, expected);
        }
    }
}
