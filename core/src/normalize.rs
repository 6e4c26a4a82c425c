//! Canonical Unicode normalisation (NFD and NFC), following Unicode Standard
//! Annex #15, and the character properties it rests on.
//!
//! The data comes from `unicode-normalization`, but not its code: the crate
//! stores its tables as perfect hashes, keys in hash order, which took about
//! 36 KB of the gzipped WebAssembly module. `normalize_tables.rs` holds the
//! same data sorted, generated from the crate (a dev-dependency, the source of
//! truth) by the test `normalize_tables_are_up_to_date`; the module is 29 KB
//! smaller gzipped with it. Other tests compare every char and every
//! composing pair with the crate.
//!
//! The tables are byte arrays ([`ByteColumns`]) in two parts, each found
//! through [`RangeTable`]:
//!
//! - Properties: ranges of chars sharing a combining class and flags
//!   (combining mark, NFC quick check No or Maybe). Chars outside every range
//!   have class 0, are not marks and pass the quick check.
//! - Decompositions: an entry per char with a canonical decomposition, in code
//!   point order, found through the runs of consecutive chars they form. An
//!   entry holds a first char, which may decompose further, and a second char
//!   (0 for singletons); the full decomposition is that of the first followed
//!   by the second. Hangul syllables are computed instead.
//!
//! Compositions are not stored: the primary composites are the entries with a
//! second char that the NFC quick check does not exclude, and [`COMPOSITIONS`]
//! collects them on first use.

use std::ops::Range;
use std::sync::LazyLock;

/// Generated from `unicode-normalization`; see the tests for the command.
#[path = "normalize_tables.rs"]
mod tables;

/// Flag of a property range: its chars are combining marks (general category Mark).
const COMBINING_MARK: u8 = 1;
/// Flag of a property range: the NFC quick check of its chars is No (they
/// decompose and never come back).
const NFC_QUICK_CHECK_NO: u8 = 2;
/// Flag of a property range: the NFC quick check of its chars is Maybe (they
/// may compose with the char before them).
const NFC_QUICK_CHECK_MAYBE: u8 = 4;

/// How many blocks of 256 chars the block indexes of [`RangeTable`] cover:
/// planes 0 and 1, where nearly all text is.
const INDEXED_BLOCKS: usize = 0x200;

/// Unsigned numbers of up to four bytes, stored one byte array per byte, most
/// significant first. Gzip compresses the columns well (neighbours share their
/// high bytes) where it finds few repeats in interleaved numbers: the numbers
/// of our tables take 5.5 KB gzipped, against 7.1 KB as `u16` and `u32` arrays.
#[derive(Clone, Copy)]
struct ByteColumns<const WIDTH: usize>([&'static [u8]; WIDTH]);

impl<const WIDTH: usize> ByteColumns<WIDTH> {
    /// The number at `index`, or 0 past the end (the tests read every entry of
    /// our tables, so that never happens).
    fn get(&self, index: usize) -> u32 {
        self.0.iter().fold(0, |number, column| number << 8 | u32::from(column.get(index).copied().unwrap_or(0)))
    }

    /// The last index in `range` whose number is at most `target`, the numbers
    /// in `range` being sorted.
    fn last_at_most(&self, range: Range<usize>, target: u32) -> Option<usize> {
        // Halving without an early exit, as the standard library's binary
        // search does, so that the compiler can choose without branching.
        let mut base = range.start;
        let mut size = range.end.checked_sub(range.start)?;
        while size > 1 {
            let half = size / 2;
            if self.get(base + half) <= target {
                base += half;
            }
            size -= half;
        }
        (size == 1 && self.get(base) <= target).then_some(base)
    }
}

/// Sorted ranges of chars, each given by its first char, grouped by plane
/// (the low 16 bits of each start suffice then), with an index by block of
/// 256 chars that narrows the search in planes 0 and 1 to a few ranges.
struct RangeTable {
    /// Index of the first range of each plane, then the number of ranges.
    plane_starts: &'static [u16],
    /// Index of the first range starting in each indexed block or after it,
    /// then of the first range after the indexed blocks.
    block_starts: ByteColumns<2>,
    /// The low 16 bits of the first char of each range.
    starts: ByteColumns<2>,
}

impl RangeTable {
    /// The last range starting at or before `code` in its plane, and how far
    /// `code` is from its start.
    fn find(&self, code: u32) -> Option<(usize, u32)> {
        let plane = usize::try_from(code >> 16).ok()?;
        let plane_start = usize::from(*self.plane_starts.get(plane)?);
        let plane_end = usize::from(*self.plane_starts.get(plane + 1)?);
        let block = usize::try_from(code >> 8).ok()?;
        let candidates = if block < INDEXED_BLOCKS {
            // The ranges starting in the block, and the one before them,
            // which may reach into it if it is in the same plane.
            let block_start = usize::try_from(self.block_starts.get(block)).ok()?;
            let block_end = usize::try_from(self.block_starts.get(block + 1)).ok()?;
            block_start.saturating_sub(1).max(plane_start)..block_end
        } else {
            plane_start..plane_end
        };
        let low_bits = code & 0xFFFF;
        let range = self.starts.last_at_most(candidates, low_bits)?;
        Some((range, low_bits - self.starts.get(range)))
    }

    /// The first char of every range, as code points, in order.
    fn range_starts(&self) -> impl Iterator<Item = u32> + '_ {
        let plane_bounds = self.plane_starts.windows(2).map(|bounds| bounds.iter().map(|bound| usize::from(*bound)));
        plane_bounds.zip(0..).flat_map(move |(mut bounds, plane)| {
            let (first, end) = (bounds.next().unwrap_or(0), bounds.next().unwrap_or(0));
            (first..end).map(move |range| plane << 16 | self.starts.get(range))
        })
    }
}

/// Ranges of chars with a combining class or flags other than 0.
const PROPERTY_RANGES: RangeTable = RangeTable {
    plane_starts: tables::PROPERTY_PLANE_STARTS,
    block_starts: ByteColumns([tables::PROPERTY_BLOCK_START_HIGH_BYTES, tables::PROPERTY_BLOCK_START_LOW_BYTES]),
    starts: ByteColumns([tables::PROPERTY_RANGE_START_HIGH_BYTES, tables::PROPERTY_RANGE_START_LOW_BYTES]),
};

/// Combining class and flags of a char, from the property ranges.
#[derive(Clone, Copy, Default)]
struct Properties {
    /// Canonical combining class.
    class: u8,
    /// [`COMBINING_MARK`], [`NFC_QUICK_CHECK_NO`] and [`NFC_QUICK_CHECK_MAYBE`].
    flags: u8,
}

impl Properties {
    /// Whether the NFC quick check of the char alone is Yes: it neither
    /// decomposes in NFC nor composes with the char before it.
    fn passes_quick_check(self) -> bool {
        self.flags & (NFC_QUICK_CHECK_NO | NFC_QUICK_CHECK_MAYBE) == 0
    }
}

/// The combining class and flags of `character`.
fn properties(character: char) -> Properties {
    let code = u32::from(character);
    // Most text is below the first range (U+0300); no search for it.
    if code < tables::FIRST_CHAR_WITH_PROPERTIES {
        return Properties::default();
    }
    let Some((range, offset)) = PROPERTY_RANGES.find(code) else {
        return Properties::default();
    };
    let byte = |column: &[u8]| column.get(range).copied().unwrap_or(0);
    if offset > u32::from(byte(tables::PROPERTY_RANGE_LAST_OFFSETS)) {
        return Properties::default();
    }
    Properties { class: byte(tables::PROPERTY_RANGE_CLASSES), flags: byte(tables::PROPERTY_RANGE_FLAGS) }
}

/// The canonical combining class of `character`.
pub(crate) fn canonical_combining_class(character: char) -> u8 {
    properties(character).class
}

/// Whether `character` is a combining mark (general category Mark).
pub(crate) fn is_combining_mark(character: char) -> bool {
    properties(character).flags & COMBINING_MARK != 0
}

/// Whether `character` is a starter (class 0) whose NFC quick check is Yes
/// (the crate's `is_nfc_quick` of the char alone): it stays as it is in NFC,
/// and nothing before it composes with it or moves past it in canonical
/// order. What both callers ask, in one look-up.
pub(crate) fn is_nfc_quick_yes_starter(character: char) -> bool {
    let properties = properties(character);
    properties.class == 0 && properties.passes_quick_check()
}

/// The canonical combining class of `character` when its NFC quick check
/// is Yes, `None` when it is not: what [`is_nfc_quick_yes_text`] asks of
/// each char, for a caller that walks the text on its own.
pub(crate) fn quick_check_yes_class(character: char) -> Option<u8> {
    let properties = properties(character);
    properties.passes_quick_check().then_some(properties.class)
}

/// Whether the NFC quick check of `text` is Yes, as the crate's
/// `is_nfc_quick`: every char passes on its own and the combining classes of
/// each run of non-starters do not decrease. Then `text` is in NFC; otherwise
/// it may or may not be.
pub(crate) fn is_nfc_quick_yes_text(text: &str) -> bool {
    let mut last_class = 0;
    for character in text.chars() {
        if character.is_ascii() {
            last_class = 0;
            continue;
        }
        let properties = properties(character);
        let out_of_order = properties.class != 0 && properties.class < last_class;
        if out_of_order || !properties.passes_quick_check() {
            return false;
        }
        last_class = properties.class;
    }
    true
}

/// Runs of consecutive chars that have a decomposition entry.
const DECOMPOSITION_RUNS: RangeTable = RangeTable {
    plane_starts: tables::DECOMPOSITION_PLANE_STARTS,
    block_starts: ByteColumns([
        tables::DECOMPOSITION_BLOCK_START_HIGH_BYTES,
        tables::DECOMPOSITION_BLOCK_START_LOW_BYTES,
    ]),
    starts: ByteColumns([tables::DECOMPOSITION_RUN_START_HIGH_BYTES, tables::DECOMPOSITION_RUN_START_LOW_BYTES]),
};

/// The entry of the first char of each run, then the number of entries, so
/// that run `r` holds the entries from `r` to `r + 1`.
const DECOMPOSITION_RUN_ENTRIES: ByteColumns<2> =
    ByteColumns([tables::DECOMPOSITION_RUN_ENTRY_HIGH_BYTES, tables::DECOMPOSITION_RUN_ENTRY_LOW_BYTES]);

/// The first char of each decomposition entry.
const DECOMPOSITION_FIRSTS: ByteColumns<3> = ByteColumns([
    tables::DECOMPOSITION_FIRST_PLANES,
    tables::DECOMPOSITION_FIRST_HIGH_BYTES,
    tables::DECOMPOSITION_FIRST_LOW_BYTES,
]);

/// The second char of each decomposition entry, 0 for singletons.
const DECOMPOSITION_SECONDS: ByteColumns<3> = ByteColumns([
    tables::DECOMPOSITION_SECOND_PLANES,
    tables::DECOMPOSITION_SECOND_HIGH_BYTES,
    tables::DECOMPOSITION_SECOND_LOW_BYTES,
]);

/// The longest chain of decomposition entries from a char down to the first
/// char of its full decomposition (checked when the tables are generated).
const DECOMPOSITION_DEPTH_LIMIT: usize = 4;

/// The first and second chars of decomposition entry `entry`.
fn entry_parts(entry: usize) -> Option<(char, Option<char>)> {
    let first = char::from_u32(DECOMPOSITION_FIRSTS.get(entry))?;
    let second = char::from_u32(DECOMPOSITION_SECONDS.get(entry)).filter(|second| *second != '\0');
    Some((first, second))
}

/// The first and second chars of the decomposition entry of `character`.
fn decomposition(character: char) -> Option<(char, Option<char>)> {
    let (run, offset) = DECOMPOSITION_RUNS.find(u32::from(character))?;
    let run_entry = DECOMPOSITION_RUN_ENTRIES.get(run);
    let run_length = DECOMPOSITION_RUN_ENTRIES.get(run + 1).saturating_sub(run_entry);
    if offset >= run_length {
        return None;
    }
    entry_parts(usize::try_from(run_entry + offset).ok()?)
}

/// Emits the full canonical decomposition of `character`, or the char itself
/// when it has none.
pub(crate) fn decompose_canonical(character: char, mut emit: impl FnMut(char)) {
    if character.is_ascii() {
        emit(character);
        return;
    }
    if let Some(parts) = hangul::decompose(character) {
        parts.into_iter().flatten().for_each(emit);
        return;
    }
    // Follow the first chars down to one without a decomposition, keeping
    // the second chars to emit after it, last found first.
    let mut first = character;
    let mut seconds = ['\0'; DECOMPOSITION_DEPTH_LIMIT];
    let mut second_count = 0;
    for _ in 0..DECOMPOSITION_DEPTH_LIMIT {
        let Some((next_first, second)) = decomposition(first) else {
            break;
        };
        first = next_first;
        if let (Some(second), Some(slot)) = (second, seconds.get_mut(second_count)) {
            *slot = second;
            second_count += 1;
        }
    }
    emit(first);
    seconds.iter().take(second_count).rev().copied().for_each(emit);
}

/// Bits of a packed composition that hold one char.
const CHAR_BITS: u32 = 21;

/// The bits of a packed composition that hold the composite.
const COMPOSITE_BITS: u64 = (1 << CHAR_BITS) - 1;

/// The primary composites in an open-addressing hash table, each packed as
/// first char, second char and composite, 21 bits each, 0 for an empty slot.
/// They are the decomposition entries with a second char whose NFC quick
/// check is not No (composites excluded from composition have No), collected
/// on first use rather than stored, which costs the module nothing; composing
/// is then about one probe, where a binary search over them took 20 ns.
static COMPOSITIONS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut compositions = Vec::new();
    for (run, start) in DECOMPOSITION_RUNS.range_starts().enumerate() {
        let run_entries = DECOMPOSITION_RUN_ENTRIES.get(run)..DECOMPOSITION_RUN_ENTRIES.get(run + 1);
        for (code, entry) in (start..).zip(run_entries) {
            let composite =
                char::from_u32(code).filter(|composite| properties(*composite).flags & NFC_QUICK_CHECK_NO == 0);
            let parts = usize::try_from(entry).ok().and_then(entry_parts);
            if let (Some(composite), Some((first, Some(second)))) = (composite, parts) {
                compositions.push(composition_key(first, second) | u64::from(u32::from(composite)));
            }
        }
    }
    // At most half full, so that probes stay short.
    let mut slots = vec![0; (2 * compositions.len()).next_power_of_two()];
    for composition in compositions {
        let free_slot =
            probe_sequence(composition & !COMPOSITE_BITS, slots.len()).find(|&slot| slots.get(slot) == Some(&0));
        if let Some(slot) = free_slot.and_then(|slot| slots.get_mut(slot)) {
            *slot = composition;
        }
    }
    slots
});

/// The pair `(first, second)` packed as in [`COMPOSITIONS`], composite bits 0.
fn composition_key(first: char, second: char) -> u64 {
    u64::from(u32::from(first)) << (2 * CHAR_BITS) | u64::from(u32::from(second)) << CHAR_BITS
}

/// The slots of a table of `slot_count` slots (a power of two) where the
/// composition of `key` may be, in order: from its hash on, every slot once.
fn probe_sequence(key: u64, slot_count: usize) -> impl Iterator<Item = usize> {
    // Fibonacci hashing: the top bits of the product depend on every bit of
    // the key (lower bits do not depend on the higher bits of the key).
    let hash = key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - slot_count.trailing_zeros().clamp(1, 63));
    let mask = slot_count.saturating_sub(1);
    (0..slot_count).map(move |step| (hash as usize).wrapping_add(step) & mask)
}

/// The primary composite of `first` and `second`, if there is one.
pub(crate) fn compose(first: char, second: char) -> Option<char> {
    if let Some(syllable) = hangul::compose(first, second) {
        return Some(syllable);
    }
    // A char that comes second in a composite has NFC quick check Maybe, so a
    // property range: text below the first range (most text) needs no probe.
    if u32::from(second) < tables::FIRST_CHAR_WITH_PROPERTIES {
        return None;
    }
    let key = composition_key(first, second);
    let slots = &*COMPOSITIONS;
    for slot in probe_sequence(key, slots.len()) {
        let composition = *slots.get(slot)?;
        if composition == 0 {
            return None;
        }
        if composition & !COMPOSITE_BITS == key {
            return char::from_u32(u32::try_from(composition & COMPOSITE_BITS).ok()?);
        }
    }
    None
}

/// Hangul syllables, which decompose and compose by arithmetic (Unicode
/// Standard, section 3.12) rather than through the tables.
mod hangul {
    /// The first syllable.
    const SYLLABLE_BASE: u32 = 0xAC00;
    /// The first leading consonant.
    const LEADING_BASE: u32 = 0x1100;
    /// The first vowel.
    const VOWEL_BASE: u32 = 0x1161;
    /// One before the first trailing consonant: trailing index 0 is none.
    const TRAILING_BASE: u32 = 0x11A7;
    /// How many leading consonants there are.
    const LEADING_COUNT: u32 = 19;
    /// How many vowels there are.
    const VOWEL_COUNT: u32 = 21;
    /// How many trailing consonants there are, counting none.
    const TRAILING_COUNT: u32 = 28;
    /// How many syllables share a leading consonant.
    const SYLLABLES_PER_LEADING: u32 = VOWEL_COUNT * TRAILING_COUNT;
    /// How many syllables there are.
    const SYLLABLE_COUNT: u32 = LEADING_COUNT * SYLLABLES_PER_LEADING;

    /// The jamo of a syllable: leading consonant, vowel and trailing
    /// consonant if any; `None` if `character` is not a syllable.
    pub(super) fn decompose(character: char) -> Option<[Option<char>; 3]> {
        let index = u32::from(character).checked_sub(SYLLABLE_BASE).filter(|index| *index < SYLLABLE_COUNT)?;
        let trailing = index % TRAILING_COUNT;
        Some([
            char::from_u32(LEADING_BASE + index / SYLLABLES_PER_LEADING),
            char::from_u32(VOWEL_BASE + index % SYLLABLES_PER_LEADING / TRAILING_COUNT),
            char::from_u32(TRAILING_BASE + trailing).filter(|_| trailing != 0),
        ])
    }

    /// The syllable of a leading consonant and a vowel, or of a syllable
    /// without a trailing consonant and a trailing consonant.
    pub(super) fn compose(first: char, second: char) -> Option<char> {
        let (first, second) = (u32::from(first), u32::from(second));
        let leading = first.wrapping_sub(LEADING_BASE);
        let vowel = second.wrapping_sub(VOWEL_BASE);
        if leading < LEADING_COUNT && vowel < VOWEL_COUNT {
            return char::from_u32(SYLLABLE_BASE + (leading * VOWEL_COUNT + vowel) * TRAILING_COUNT);
        }
        let syllable = first.wrapping_sub(SYLLABLE_BASE);
        let trailing = second.wrapping_sub(TRAILING_BASE);
        if syllable < SYLLABLE_COUNT && syllable % TRAILING_COUNT == 0 && (1..TRAILING_COUNT).contains(&trailing) {
            return char::from_u32(first + trailing);
        }
        None
    }
}

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
            // The class is only needed once a mark has been kept: a run of
            // one mark that composes (the usual case) needs no look-up.
            let class = last_kept_class.map(|_| canonical_combining_class(mark));
            let blocked = last_kept_class.zip(class).is_some_and(|(kept, class)| kept >= class);
            match compose(starter, mark).filter(|_| !blocked) {
                Some(composite) => {
                    self.output.replace_range(position..position + mark.len_utf8(), "");
                    self.replace_last_starter(composite);
                    position = position + composite.len_utf8() - starter.len_utf8();
                    starter = composite;
                }
                None => {
                    last_kept_class = Some(class.unwrap_or_else(|| canonical_combining_class(mark)));
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
    use std::collections::{BTreeMap, BTreeSet, HashMap};
    use unicode_normalization::char as reference;
    use unicode_normalization::{IsNormalized, UnicodeNormalization};

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

        #[test]
        fn quick_check_of_text_matches_the_crate(text in quick_check_text()) {
            let reference = unicode_normalization::is_nfc_quick(text.chars()) == IsNormalized::Yes;
            prop_assert_eq!(is_nfc_quick_yes_text(&text), reference, "{:?}", text);
        }
    }

    /// The crate's full canonical decomposition of `character`, or `None`
    /// when that is the char itself.
    fn reference_decomposition(character: char) -> Option<Vec<char>> {
        let mut parts = Vec::new();
        reference::decompose_canonical(character, |part| parts.push(part));
        (parts != [character]).then_some(parts)
    }

    /// The crate's combining class of `character`, and its flags as the
    /// property ranges hold them.
    fn reference_properties(character: char) -> (u8, u8) {
        let mut flags = 0;
        if reference::is_combining_mark(character) {
            flags |= COMBINING_MARK;
        }
        match unicode_normalization::is_nfc_quick(std::iter::once(character)) {
            IsNormalized::Yes => {}
            IsNormalized::No => flags |= NFC_QUICK_CHECK_NO,
            IsNormalized::Maybe => flags |= NFC_QUICK_CHECK_MAYBE,
        }
        (reference::canonical_combining_class(character), flags)
    }

    /// Whether `character` is a Hangul syllable, which the tables leave to
    /// arithmetic.
    fn is_hangul_syllable(character: char) -> bool {
        ('\u{AC00}'..='\u{D7A3}').contains(&character)
    }

    /// Every char, surrogates excepted.
    fn every_char() -> impl Iterator<Item = char> {
        (0..=0x10FFFF).filter_map(char::from_u32)
    }

    #[test]
    fn properties_and_decompositions_of_every_char_match_the_crate() {
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for character in every_char() {
            ours.clear();
            theirs.clear();
            decompose_canonical(character, |part| ours.push(part));
            reference::decompose_canonical(character, |part| theirs.push(part));
            assert_eq!(ours, theirs, "decomposition of {character:?}");
            let (class, flags) = reference_properties(character);
            let properties = properties(character);
            assert_eq!((properties.class, properties.flags), (class, flags), "properties of {character:?}");
            let quick_yes = flags & (NFC_QUICK_CHECK_NO | NFC_QUICK_CHECK_MAYBE) == 0;
            assert_eq!(properties.passes_quick_check(), quick_yes, "quick check of {character:?}");
            assert_eq!(canonical_combining_class(character), class, "class of {character:?}");
            assert_eq!(is_combining_mark(character), flags & COMBINING_MARK != 0, "mark {character:?}");
            assert_eq!(is_nfc_quick_yes_starter(character), class == 0 && quick_yes, "{character:?}");
        }
    }

    #[test]
    fn compositions_match_the_crate() {
        // Every pair that could compose: a char that decomposes or is part
        // of a decomposition, then a char that comes after the first in a
        // decomposition or is a non-starter.
        let (mut firsts, mut seconds) = (BTreeSet::new(), BTreeSet::new());
        for character in every_char().filter(|character| !is_hangul_syllable(*character)) {
            if reference::canonical_combining_class(character) != 0 {
                seconds.insert(character);
            }
            if let Some(parts) = reference_decomposition(character) {
                firsts.insert(character);
                firsts.extend(parts.iter().copied());
                seconds.extend(parts.iter().skip(1).copied());
            }
        }
        // Hangul: the first and last jamo of each kind and their neighbours,
        // syllables with and without a trailing consonant, and the edges.
        firsts.extend(['\u{10FF}', '\u{1100}', '\u{1112}', '\u{1113}', '\u{ABFF}', '\u{AC00}', '\u{AC01}']);
        firsts.extend(['\u{AC1B}', '\u{AC1C}', '\u{D788}', '\u{D789}', '\u{D7A3}', '\u{D7A4}']);
        seconds
            .extend(['\u{1160}', '\u{1161}', '\u{1175}', '\u{1176}', '\u{11A7}', '\u{11A8}', '\u{11C2}', '\u{11C3}']);
        for &first in &firsts {
            for &second in &seconds {
                assert_eq!(compose(first, second), reference::compose(first, second), "{first:?} + {second:?}");
            }
        }
    }

    #[test]
    fn quick_check_of_text_follows_the_order_of_marks() {
        // U+0316 (class 220) and U+0305 (230) pass the quick check alone.
        for (text, expected) in [
            ("a\u{316}\u{305}", true),
            ("a\u{305}\u{316}", false),
            ("a\u{305}b\u{316}", true),
            ("\u{E9}\u{316}", true),
            ("e\u{301}", false),
            ("\u{958}", false),
            ("\u{D55C}\u{AE00}", true),
            ("\u{1112}\u{1161}", false),
        ] {
            let reference = unicode_normalization::is_nfc_quick(text.chars()) == IsNormalized::Yes;
            assert_eq!(reference, expected, "crate on {text:?}");
            assert_eq!(is_nfc_quick_yes_text(text), expected, "{text:?}");
        }
    }

    /// Text for the quick check: letters, precomposed Latin, marks of many
    /// classes that pass the check alone (so that only their order decides),
    /// marks that do not, Hangul, Devanagari and any char.
    fn quick_check_text() -> impl Strategy<Value = String> {
        let character = prop_oneof![
            proptest::char::range('a', 'e'),
            proptest::char::range('\u{C0}', '\u{17F}'),
            proptest::char::range('\u{305}', '\u{33F}'),
            proptest::char::range('\u{591}', '\u{5C7}'),
            proptest::char::range('\u{300}', '\u{36F}'),
            proptest::char::range('\u{1100}', '\u{11FF}'),
            proptest::char::range('\u{AC00}', '\u{D7A3}'),
            proptest::char::range('\u{900}', '\u{97F}'),
            any::<char>(),
        ];
        proptest::collection::vec(character, 0..12).prop_map(|characters| characters.into_iter().collect())
    }

    /// The command that rewrites `normalize_tables.rs` from the crate.
    const REGENERATE_COMMAND: &str =
        "UPDATE_NORMALIZE_TABLES=1 cargo test -p postlint-core --lib normalize_tables_are_up_to_date";

    /// The widest line rustfmt leaves alone (`rustfmt.toml`).
    const MAXIMUM_WIDTH: usize = 120;

    /// The generated file as it is, to compare with what the crate gives now.
    const TABLES: &str = include_str!("normalize_tables.rs");

    /// The file is what [`generate_tables`] makes of the crate; with
    /// `UPDATE_NORMALIZE_TABLES` set, the test rewrites it instead.
    #[test]
    fn normalize_tables_are_up_to_date() {
        let expected = generate_tables();
        if std::env::var_os("UPDATE_NORMALIZE_TABLES").is_some() {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/normalize_tables.rs");
            std::fs::write(&path, expected).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        } else {
            // Not assert_eq!, which would print both files whole.
            assert!(
                TABLES == expected,
                "core/src/normalize_tables.rs is out of date; regenerate with `{REGENERATE_COMMAND}`"
            );
        }
    }

    /// A decomposition entry as generated.
    struct Entry {
        /// The char that decomposes.
        character: char,
        /// The first char of its decomposition, which may decompose further.
        first: char,
        /// The last char of its full decomposition, or 0 for a singleton.
        second: char,
    }

    /// The decomposition entries of every char but the Hangul syllables, in
    /// code point order.
    fn decomposition_entries() -> Vec<Entry> {
        let decompositions: BTreeMap<char, Vec<char>> = every_char()
            .filter(|character| !is_hangul_syllable(*character))
            .filter_map(|character| Some((character, reference_decomposition(character)?)))
            .collect();
        // The lowest char with each full decomposition, for the prefixes
        // whose NFC is not one char (U+FB2C: U+05E9 U+05BC then U+05C1).
        let mut by_decomposition: HashMap<&[char], char> = HashMap::new();
        for (character, parts) in &decompositions {
            by_decomposition.entry(parts.as_slice()).or_insert(*character);
        }
        let mut entries = Vec::new();
        for (&character, parts) in &decompositions {
            let Some((&last, prefix)) = parts.split_last() else {
                panic!("{character:?} decomposes to nothing");
            };
            let (first, second) = match prefix {
                [] => (last, '\0'),
                [first] => (*first, last),
                _ => {
                    // For a primary composite, the NFC of the prefix is the
                    // first char of the pair it composes from.
                    let composed: Vec<char> = prefix.iter().copied().nfc().collect();
                    let first = match composed[..] {
                        [single] if decompositions.get(&single).map(Vec::as_slice) == Some(prefix) => single,
                        _ => *by_decomposition.get(prefix).unwrap_or_else(|| panic!("{character:?}: no prefix char")),
                    };
                    (first, last)
                }
            };
            entries.push(Entry { character, first, second });
        }
        entries
    }

    /// Index of the first of `starts` (code points, sorted) in each plane,
    /// then how many there are.
    fn plane_starts(starts: &[u32]) -> Vec<u32> {
        (0..=17).map(|plane| starts.partition_point(|start| start >> 16 < plane) as u32).collect()
    }

    /// Index of the first of `starts` (code points, sorted) in each block of
    /// 256 chars that `RangeTable` indexes or after it, then after them all.
    fn block_starts(starts: &[u32]) -> Vec<u32> {
        let block_count = INDEXED_BLOCKS as u32;
        let block_starts: Vec<u32> =
            (0..=block_count).map(|block| starts.partition_point(|start| start >> 8 < block) as u32).collect();
        assert!(block_starts.iter().all(|start| *start <= u32::from(u16::MAX)), "block index past two bytes");
        block_starts
    }

    /// The byte of each number `shift` bits up.
    fn byte_column(numbers: &[u32], shift: u32) -> Vec<u32> {
        numbers.iter().map(|number| number >> shift & 0xFF).collect()
    }

    /// Appends a documented array constant laid out as rustfmt lays it out,
    /// so that formatting leaves the file alone: on one line if it fits, else
    /// as many numbers to a line as fit.
    fn push_array(source: &mut String, doc: &str, name: &str, element_type: &str, numbers: &[u32]) {
        use std::fmt::Write as _;
        for line in doc.lines() {
            let _ = writeln!(source, "/// {line}");
        }
        let numbers: Vec<String> = numbers.iter().map(u32::to_string).collect();
        let head = format!("pub(super) const {name}: &[{element_type}] = &[");
        let one_line = format!("{head}{}];", numbers.join(", "));
        if one_line.len() <= MAXIMUM_WIDTH {
            let _ = writeln!(source, "{one_line}");
            return;
        }
        // Next, rustfmt tries the array alone on the following line.
        let array_line = format!("    &[{}];", numbers.join(", "));
        if array_line.len() <= MAXIMUM_WIDTH {
            let _ = writeln!(source, "{}\n{array_line}", head.trim_end_matches(" &["));
            return;
        }
        // Then rows of numbers, one column short of the width.
        let _ = writeln!(source, "{head}");
        let mut line = String::from("   ");
        for number in &numbers {
            if line.len() > 3 && line.len() + 1 + number.len() + 1 >= MAXIMUM_WIDTH {
                let _ = writeln!(source, "{line}");
                line = String::from("   ");
            }
            let _ = write!(line, " {number},");
        }
        let _ = writeln!(source, "{line}\n];");
    }

    /// The Rust source of `normalize_tables.rs`, generated from the crate.
    fn generate_tables() -> String {
        // Property ranges: chars in a row with the same class and flags, in
        // one plane, at most 256 to a range for the byte of its last offset.
        let mut ranges: Vec<(u32, u32, (u8, u8))> = Vec::new();
        for code in 0..=0x10FFFF_u32 {
            let properties = char::from_u32(code).map_or((0, 0), reference_properties);
            if properties == (0, 0) {
                continue;
            }
            match ranges.last_mut() {
                Some((start, last, range_properties))
                    if *last + 1 == code
                        && *range_properties == properties
                        && code - *start <= u32::from(u8::MAX)
                        && code >> 16 == *start >> 16 =>
                {
                    *last = code;
                }
                _ => ranges.push((code, code, properties)),
            }
        }
        let range_starts: Vec<u32> = ranges.iter().map(|(start, _, _)| *start).collect();
        let range_last_offsets: Vec<u32> = ranges.iter().map(|(start, last, _)| last - start).collect();
        let range_classes: Vec<u32> = ranges.iter().map(|(_, _, (class, _))| u32::from(*class)).collect();
        let range_flags: Vec<u32> = ranges.iter().map(|(_, _, (_, flags))| u32::from(*flags)).collect();

        // Decomposition entries and the runs of consecutive chars they form
        // in a plane.
        let entries = decomposition_entries();
        let mut run_starts = Vec::new();
        let mut run_entries = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            let code = u32::from(entry.character);
            let previous = index.checked_sub(1).and_then(|previous| entries.get(previous));
            let continues = previous.is_some_and(|previous| {
                u32::from(previous.character) + 1 == code && u32::from(previous.character) >> 16 == code >> 16
            });
            if !continues {
                run_starts.push(code);
                run_entries.push(index as u32);
            }
        }
        run_entries.push(entries.len() as u32);
        let firsts: Vec<u32> = entries.iter().map(|entry| u32::from(entry.first)).collect();
        let seconds: Vec<u32> = entries.iter().map(|entry| u32::from(entry.second)).collect();
        // Chains of entries must fit the decomposition's buffer.
        let entry_of = |character: char| entries.binary_search_by_key(&character, |entry| entry.character).ok();
        let deepest = entries
            .iter()
            .map(|entry| {
                std::iter::successors(entry_of(entry.character), |&index| entry_of(entries[index].first)).count()
            })
            .max();
        assert!(deepest.unwrap_or(0) <= DECOMPOSITION_DEPTH_LIMIT, "raise DECOMPOSITION_DEPTH_LIMIT");
        // Entry numbers are stored in two bytes.
        assert!(entries.len() <= usize::from(u16::MAX), "entries past two bytes");

        // `COMPOSITIONS` takes the primary composites to be the entries with
        // a second char and an NFC quick check other than No.
        for entry in &entries {
            let composes_back = reference::compose(entry.first, entry.second) == Some(entry.character);
            let excluded = reference_properties(entry.character).1 & NFC_QUICK_CHECK_NO != 0;
            assert_eq!(composes_back, entry.second != '\0' && !excluded, "{:?}", entry.character);
        }

        let mut source = format!(
            "// Generated from unicode-normalization (Unicode {}.{}.{}) by\n// `{REGENERATE_COMMAND}`;\n\
             // do not edit. normalize.rs describes the layout.\n\n",
            unicode_normalization::UNICODE_VERSION.0,
            unicode_normalization::UNICODE_VERSION.1,
            unicode_normalization::UNICODE_VERSION.2,
        );
        source.push_str(&format!(
            "/// The first char with a combining class or flags: below it, no search.\n\
             pub(super) const FIRST_CHAR_WITH_PROPERTIES: u32 = {};\n\n",
            range_starts.first().copied().unwrap_or(0)
        ));
        let arrays: Vec<(&str, &str, &str, Vec<u32>)> = vec![
            (
                "Index of the first property range of each plane, then the number of ranges.",
                "PROPERTY_PLANE_STARTS",
                "u16",
                plane_starts(&range_starts),
            ),
            (
                "Index of the first property range starting in each block of 256 chars of planes 0 and 1 or after it,\n\
                 then of the first range after them.",
                "PROPERTY_BLOCK_START_HIGH_BYTES",
                "u8",
                byte_column(&block_starts(&range_starts), 8),
            ),
            (
                "Low bytes of the same.",
                "PROPERTY_BLOCK_START_LOW_BYTES",
                "u8",
                byte_column(&block_starts(&range_starts), 0),
            ),
            (
                "Bits 8 to 15 of the first char of each property range.",
                "PROPERTY_RANGE_START_HIGH_BYTES",
                "u8",
                byte_column(&range_starts, 8),
            ),
            (
                "Bits 0 to 7 of the first char of each property range.",
                "PROPERTY_RANGE_START_LOW_BYTES",
                "u8",
                byte_column(&range_starts, 0),
            ),
            (
                "How far the last char of each property range is from its first.",
                "PROPERTY_RANGE_LAST_OFFSETS",
                "u8",
                range_last_offsets,
            ),
            (
                "The canonical combining class of the chars of each property range.",
                "PROPERTY_RANGE_CLASSES",
                "u8",
                range_classes,
            ),
            ("The flags of the chars of each property range.", "PROPERTY_RANGE_FLAGS", "u8", range_flags),
            (
                "Index of the first decomposition run of each plane, then the number of runs.",
                "DECOMPOSITION_PLANE_STARTS",
                "u16",
                plane_starts(&run_starts),
            ),
            (
                "Index of the first decomposition run starting in each block of 256 chars of planes 0 and 1 or after\n\
                 it, then of the first run after them.",
                "DECOMPOSITION_BLOCK_START_HIGH_BYTES",
                "u8",
                byte_column(&block_starts(&run_starts), 8),
            ),
            (
                "Low bytes of the same.",
                "DECOMPOSITION_BLOCK_START_LOW_BYTES",
                "u8",
                byte_column(&block_starts(&run_starts), 0),
            ),
            (
                "Bits 8 to 15 of the first char of each decomposition run.",
                "DECOMPOSITION_RUN_START_HIGH_BYTES",
                "u8",
                byte_column(&run_starts, 8),
            ),
            (
                "Bits 0 to 7 of the first char of each decomposition run.",
                "DECOMPOSITION_RUN_START_LOW_BYTES",
                "u8",
                byte_column(&run_starts, 0),
            ),
            (
                "Bits 8 to 15 of the first entry of each decomposition run, then of the number of entries.",
                "DECOMPOSITION_RUN_ENTRY_HIGH_BYTES",
                "u8",
                byte_column(&run_entries, 8),
            ),
            (
                "Bits 0 to 7 of the first entry of each decomposition run, then of the number of entries.",
                "DECOMPOSITION_RUN_ENTRY_LOW_BYTES",
                "u8",
                byte_column(&run_entries, 0),
            ),
            (
                "The plane of the first char of each decomposition entry.",
                "DECOMPOSITION_FIRST_PLANES",
                "u8",
                byte_column(&firsts, 16),
            ),
            (
                "Bits 8 to 15 of the first char of each decomposition entry.",
                "DECOMPOSITION_FIRST_HIGH_BYTES",
                "u8",
                byte_column(&firsts, 8),
            ),
            (
                "Bits 0 to 7 of the first char of each decomposition entry.",
                "DECOMPOSITION_FIRST_LOW_BYTES",
                "u8",
                byte_column(&firsts, 0),
            ),
            (
                "The plane of the second char of each decomposition entry.",
                "DECOMPOSITION_SECOND_PLANES",
                "u8",
                byte_column(&seconds, 16),
            ),
            (
                "Bits 8 to 15 of the second char of each decomposition entry.",
                "DECOMPOSITION_SECOND_HIGH_BYTES",
                "u8",
                byte_column(&seconds, 8),
            ),
            (
                "Bits 0 to 7 of the second char of each decomposition entry.",
                "DECOMPOSITION_SECOND_LOW_BYTES",
                "u8",
                byte_column(&seconds, 0),
            ),
        ];
        for (index, (doc, name, element_type, numbers)) in arrays.iter().enumerate() {
            if index > 0 {
                source.push('\n');
            }
            push_array(&mut source, doc, name, element_type, numbers);
        }
        source
    }
}
