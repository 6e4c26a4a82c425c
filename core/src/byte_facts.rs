//! What one pass over a draft's bytes finds: the entity signs, the lead
//! bytes of multi-byte chars, colons, digits and pairs of capitals. These
//! answer the first tests of the entity extractors and of many rules, and
//! let the checker skip rules that cannot fire (see [`crate::rule::Facts`]).
//!
//! Natively the pass compares 16 bytes at a time, which the compiler turns
//! into vector instructions. WebAssembly is built without vector
//! instructions, where those comparisons become about twenty scalar
//! operations a byte: there the pass reads one class per byte from a table.
//! Both are compiled for the tests, which compare them.

use crate::twitter::signs::{
    Signs, ANGLE_BRACKET, AT, DOLLAR, DOT, DOT_BEFORE_LETTER, EXCLAMATION, FULL_WIDTH_LEAD, HASH,
};

/// `:`.
const COLON: u8 = 1;
/// An ASCII digit.
const DIGIT: u8 = 1 << 1;
/// Two ASCII capitals in a row.
const CAPITAL_PAIR: u8 = 1 << 2;

/// Which lead bytes of multi-byte chars a text holds, and whether it has a
/// colon: the first tests of the rules about emoji, styled letters, signs
/// such as `°` and link targets (`mailto:`, `tel:`).
///
/// Taken over the source, it bounds the prose view too: at each offset the
/// view has the source's byte, a space, a line break where the source has
/// one, or [`crate::document::MASK`], none of which is a byte the census records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ByteCensus {
    /// Lead bytes from 0xC0 present, byte `0xC0 + i` as bit `i`.
    pub(crate) leads: u64,
    /// Whether `:` is present.
    colon: bool,
}

impl ByteCensus {
    /// The census of `text`.
    #[cfg(test)]
    pub(crate) fn of(text: &str) -> ByteCensus {
        ByteFacts::of(text).census
    }

    /// Whether one of `leads` (bytes from 0xC0 that start a char) is present.
    pub(crate) fn has_lead_among(self, leads: &[u8]) -> bool {
        self.leads & lead_set(leads) != 0
    }

    /// Whether `:` is present.
    pub(crate) fn has_colon(self) -> bool {
        self.colon
    }
}

/// `leads` as a set of lead bytes from 0xC0, byte `0xC0 + i` as bit `i`;
/// bytes below 0xC0 lead no multi-byte char and are left out.
pub(crate) const fn lead_set(leads: &[u8]) -> u64 {
    let mut set = 0;
    let mut index = 0;
    while index < leads.len() {
        if leads[index] >= 0xC0 {
            set |= 1 << (leads[index] - 0xC0);
        }
        index += 1;
    }
    set
}

/// What one pass over a text's bytes found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ByteFacts {
    /// The entity signs.
    pub(crate) signs: Signs,
    /// Lead bytes and colons.
    pub(crate) census: ByteCensus,
    /// [`DIGIT`] and [`CAPITAL_PAIR`] (the colon is in the census).
    bits: u8,
    /// How many spaces (U+0020), exact up to 255 at least.
    spaces: u32,
}

impl ByteFacts {
    /// The facts of `text`.
    pub(crate) fn of(text: &str) -> ByteFacts {
        #[cfg(target_arch = "wasm32")]
        return by_table(text.as_bytes());
        #[cfg(not(target_arch = "wasm32"))]
        return by_lanes(text.as_bytes());
    }

    /// Whether the text has an ASCII digit.
    pub(crate) fn has_digit(self) -> bool {
        self.bits & DIGIT != 0
    }

    /// Whether the text has two ASCII capitals in a row.
    pub(crate) fn has_capital_pair(self) -> bool {
        self.bits & CAPITAL_PAIR != 0
    }

    /// Whether the text has `count` spaces (U+0020) or more, for a `count` up to 255.
    pub(crate) fn has_spaces(self, count: u32) -> bool {
        self.spaces >= count
    }

    fn new(signs: u8, others: u8, leads: u64, spaces: u32) -> ByteFacts {
        ByteFacts {
            signs: Signs::from_bits(signs),
            census: ByteCensus { leads, colon: others & COLON != 0 },
            bits: others & (DIGIT | CAPITAL_PAIR),
            spaces,
        }
    }
}

/// Bytes looked at per step: a width the compiler can compare at once.
#[cfg(any(test, not(target_arch = "wasm32")))]
const CHUNK: usize = 16;

/// The pass with 16 lanes, for targets with vector instructions.
#[cfg(any(test, not(target_arch = "wasm32")))]
fn by_lanes(bytes: &[u8]) -> ByteFacts {
    if bytes.is_empty() {
        return ByteFacts::default();
    }
    let mut lanes = Lanes::default();
    let mut start = 0;
    // Each step needs the byte after its chunk, for the pairs.
    while let Some(window) = bytes.get(start..=start + CHUNK) {
        lanes.add(&window[..CHUNK], &window[1..]);
        start += CHUNK;
    }
    // The last chunk, and then a zero byte, which is no sign, no letter and
    // no lead (a dot at the very end starts no domain).
    let rest = &bytes[start..];
    let (chunk, next): ([u8; CHUNK], [u8; CHUNK]) = match bytes.len().checked_sub(CHUNK) {
        // The text's last 16 bytes, with those the steps above saw replaced
        // by a small letter, which adds nothing (and keeps a plain chunk
        // plain): lane by lane on arrays, which the compiler does in
        // vectors, instead of a copy of a length known only at run time.
        Some(tail_start) => {
            let tail: [u8; CHUNK] = bytes[tail_start..].try_into().unwrap_or_default();
            let fresh: [u8; CHUNK] = FRESH_LANES[rest.len()..][..CHUNK].try_into().unwrap_or_default();
            (
                std::array::from_fn(|index| tail[index] & fresh[index] | b'a' & !fresh[index]),
                std::array::from_fn(|index| if index + 1 < CHUNK { tail[index + 1] } else { 0 }),
            )
        }
        None => {
            let mut last = [0u8; CHUNK + 1];
            last[..rest.len()].copy_from_slice(rest);
            (last[..CHUNK].try_into().unwrap_or_default(), last[1..].try_into().unwrap_or_default())
        }
    };
    lanes.add(&chunk, &next);
    ByteFacts::new(or_of_lanes(lanes.signs), or_of_lanes(lanes.others), lanes.leads, sum_of_lanes(lanes.spaces))
}

/// Masks of the lanes of the last chunk not seen before: from offset `n`,
/// the last `n` of 16.
#[cfg(any(test, not(target_arch = "wasm32")))]
const FRESH_LANES: [u8; 2 * CHUNK] = {
    let mut lanes = [0u8; 2 * CHUNK];
    let mut index = CHUNK;
    while index < 2 * CHUNK {
        lanes[index] = u8::MAX;
        index += 1;
    }
    lanes
};

/// The bits set in any lane, folded in two words rather than a byte at a time.
#[cfg(any(test, not(target_arch = "wasm32")))]
fn or_of_lanes(lanes: [u8; CHUNK]) -> u8 {
    let wide = u128::from_le_bytes(lanes);
    let word = wide as u64 | (wide >> 64) as u64;
    let word = word | word >> 32;
    let word = word | word >> 16;
    (word | word >> 8) as u8
}

/// The sum of the lanes, added in two words rather than a byte at a time:
/// pairs of lanes into eight 16-bit sums, at most 510 each, then those.
#[cfg(any(test, not(target_arch = "wasm32")))]
fn sum_of_lanes(lanes: [u8; CHUNK]) -> u32 {
    const LOW_BYTES: u64 = 0x00FF_00FF_00FF_00FF;
    let wide = u128::from_le_bytes(lanes);
    let (low, high) = (wide as u64, (wide >> 64) as u64);
    let pairs = (low & LOW_BYTES) + (low >> 8 & LOW_BYTES) + (high & LOW_BYTES) + (high >> 8 & LOW_BYTES);
    // Four sums of at most 1,020: their total, at most 4,080, fits in the top 16 bits.
    (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as u32
}

/// For each byte position of a chunk, the bits that any chunk so far had
/// there: vector registers, folded to one byte each at the end.
#[cfg(any(test, not(target_arch = "wasm32")))]
#[derive(Default)]
struct Lanes {
    signs: [u8; CHUNK],
    others: [u8; CHUNK],
    /// Spaces, counted up to 255 in each lane: their sum is exact up to 255 at least.
    spaces: [u8; CHUNK],
    leads: u64,
}

#[cfg(any(test, not(target_arch = "wasm32")))]
impl Lanes {
    /// Adds the facts of `chunk`; `next[i]` is the byte after `chunk[i]`.
    /// Plain comparisons folded with `|`, which the compiler turns into
    /// vector compares.
    #[inline(always)]
    fn add(&mut self, chunk: &[u8], next: &[u8]) {
        let (chunk, next) = (&chunk[..CHUNK], &next[..CHUNK]);
        let bit_if = |condition: bool, bit: u8| if condition { bit } else { 0 };
        let is_capital = |byte: u8| byte.wrapping_sub(b'A') < 26;
        // Nearly half the chunks of prose hold only letters and spaces (and
        // `[\]^_` or a backtick, which sit between the capitals and the small
        // letters), none of them a sign, digit, colon or lead: of such a
        // chunk only its spaces and pairs of capitals are counted.
        let is_plain = |byte: u8| (byte.wrapping_sub(b'A') <= b'z' - b'A') | (byte == b' ');
        let mut not_plain = [0u8; CHUNK];
        for index in 0..CHUNK {
            not_plain[index] = bit_if(!is_plain(chunk[index]), 0x80);
        }
        if not_plain.iter().fold(0, |any, &bit| any | bit) == 0 {
            for index in 0..CHUNK {
                let (byte, following) = (chunk[index], next[index]);
                self.others[index] |= bit_if(is_capital(byte) & is_capital(following), CAPITAL_PAIR);
                self.spaces[index] = self.spaces[index].saturating_add(u8::from(byte == b' '));
            }
            return;
        }
        for index in 0..CHUNK {
            let (byte, following) = (chunk[index], next[index]);
            let letter_follows = ((following | 0x20).wrapping_sub(b'a') < 26) | (following >= 0x80);
            self.signs[index] |= bit_if(byte == b'#', HASH)
                | bit_if(byte == b'@', AT)
                | bit_if(byte == b'$', DOLLAR)
                | bit_if(byte == b'.', DOT)
                | bit_if(byte == 0xEF, FULL_WIDTH_LEAD)
                // `<` is 0x3C and `>` 0x3E: setting bit 1 maps both, and only
                // them, to `>`.
                | bit_if(byte | 2 == b'>', ANGLE_BRACKET)
                | bit_if(byte == b'!', EXCLAMATION)
                | bit_if((byte == b'.') & letter_follows, DOT_BEFORE_LETTER);
            self.others[index] |= bit_if(byte == b':', COLON)
                | bit_if(byte.wrapping_sub(b'0') < 10, DIGIT)
                | bit_if(is_capital(byte) & is_capital(following), CAPITAL_PAIR);
            self.spaces[index] = self.spaces[index].saturating_add(u8::from(byte == b' '));
        }
        // A lead byte has its two top bits set: one vector test finds the
        // chunks with none, most of them. In the others, eight bytes at a
        // time, as words, where the shift moves each byte's second bit under
        // its first, and the leads are visited one at a time.
        if chunk.iter().fold(0, |any, &byte| any | (byte & byte << 1)) & 0x80 == 0 {
            return;
        }
        for half in chunk.chunks_exact(8) {
            let word = u64::from_le_bytes(half.try_into().unwrap_or_default());
            let mut lead_bits = word & (word << 1) & 0x8080_8080_8080_8080;
            while lead_bits != 0 {
                let shift = lead_bits.trailing_zeros() - 7;
                self.leads |= 1 << ((word >> shift) & 0x3F);
                lead_bits &= lead_bits - 1;
            }
        }
    }
}

/// A byte's class for [`by_table`]: the sign bits of [`Signs`] in the low
/// byte, [`COLON`] and [`DIGIT`] in the next, [`SPACE`] above them, and in the top two bytes what
/// pairs need: a byte's bits as the first of a pair, at [`FIRST`], sit 8
/// bits below the same pair's bits for the second byte.
#[cfg(any(test, target_arch = "wasm32"))]
const CLASSES: [u32; 256] = classes();

/// Where the bits of a byte as the first of a pair start.
#[cfg(any(test, target_arch = "wasm32"))]
const FIRST: u32 = 16;
/// Where the bits of a byte as the second of a pair start: the pair's bit
/// is set where both halves have it.
#[cfg(any(test, target_arch = "wasm32"))]
const SECOND: u32 = 24;
/// The pair bit of a dot before a letter (or a non-ASCII byte).
#[cfg(any(test, target_arch = "wasm32"))]
const DOT_PAIR: u32 = 1;
/// The pair bit of two capitals.
#[cfg(any(test, target_arch = "wasm32"))]
const CAPITALS_PAIR: u32 = 2;
/// Where a space's bit is.
#[cfg(any(test, target_arch = "wasm32"))]
const SPACE: u32 = 12;

#[cfg(any(test, target_arch = "wasm32"))]
const fn classes() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut byte = 0;
    while byte < 256 {
        let value = byte as u8;
        let mut class = match value {
            b'#' => HASH,
            b'@' => AT,
            b'$' => DOLLAR,
            b'.' => DOT,
            0xEF => FULL_WIDTH_LEAD,
            b'<' | b'>' => ANGLE_BRACKET,
            b'!' => EXCLAMATION,
            _ => 0,
        } as u32;
        if value == b':' {
            class |= (COLON as u32) << 8;
        }
        if value.is_ascii_digit() {
            class |= (DIGIT as u32) << 8;
        }
        if value == b'.' {
            class |= DOT_PAIR << FIRST;
        }
        if value.is_ascii_alphabetic() || value >= 0x80 {
            class |= DOT_PAIR << SECOND;
        }
        if value.is_ascii_uppercase() {
            class |= CAPITALS_PAIR << FIRST | CAPITALS_PAIR << SECOND;
        }
        if value == b' ' {
            class |= 1 << SPACE;
        }
        table[byte] = class;
        byte += 1;
    }
    table
}

/// The pass a byte at a time, for targets without vector instructions: a
/// few scalar operations a byte.
#[cfg(any(test, target_arch = "wasm32"))]
fn by_table(bytes: &[u8]) -> ByteFacts {
    let (mut bits, mut pairs, mut previous, mut leads, mut spaces) = (0u32, 0u32, 0u32, 0u64, 0u32);
    for &byte in bytes {
        let class = CLASSES[usize::from(byte)];
        bits |= class;
        spaces += class >> SPACE & 1;
        pairs |= (previous << (SECOND - FIRST)) & class;
        previous = class;
        if byte >= 0xC0 {
            leads |= 1 << (byte & 63);
        }
    }
    let pairs = pairs >> SECOND;
    let signs = bits as u8 | if pairs & DOT_PAIR != 0 { DOT_BEFORE_LETTER } else { 0 };
    let others = (bits >> 8) as u8 & (COLON | DIGIT) | if pairs & CAPITALS_PAIR != 0 { CAPITAL_PAIR } else { 0 };
    ByteFacts::new(signs, others, leads, spaces)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The facts a byte at a time, as plainly as they can be said.
    fn by_byte(text: &str) -> ByteFacts {
        let bytes = text.as_bytes();
        let has = |byte: u8| bytes.contains(&byte);
        let pair = |first: &dyn Fn(u8) -> bool, second: &dyn Fn(u8) -> bool| {
            bytes.windows(2).any(|pair| first(pair[0]) && second(pair[1]))
        };
        let bit_if = |condition: bool, bit: u8| if condition { bit } else { 0 };
        let signs = bit_if(has(b'#'), HASH)
            | bit_if(has(b'@'), AT)
            | bit_if(has(b'$'), DOLLAR)
            | bit_if(has(b'.'), DOT)
            | bit_if(has(0xEF), FULL_WIDTH_LEAD)
            | bit_if(has(b'<') || has(b'>'), ANGLE_BRACKET)
            | bit_if(has(b'!'), EXCLAMATION)
            | bit_if(pair(&|byte| byte == b'.', &|byte| byte.is_ascii_alphabetic() || byte >= 0x80), DOT_BEFORE_LETTER);
        let others = bit_if(has(b':'), COLON)
            | bit_if(bytes.iter().any(u8::is_ascii_digit), DIGIT)
            | bit_if(pair(&|byte| byte.is_ascii_uppercase(), &|byte| byte.is_ascii_uppercase()), CAPITAL_PAIR);
        let leads = bytes.iter().filter(|&&byte| byte >= 0xC0).fold(0, |leads, &byte| leads | 1 << (byte - 0xC0));
        ByteFacts::new(signs, others, leads, bytes.iter().filter(|&&byte| byte == b' ').count() as u32)
    }

    fn check(text: &str) -> Result<(), TestCaseError> {
        let expected = by_byte(text);
        // Past 255 spaces a lane may stop counting: the count stays 255 or more.
        let same = |facts: ByteFacts| {
            facts.spaces >= expected.spaces.min(255)
                && facts.spaces <= expected.spaces
                && ByteFacts { spaces: expected.spaces, ..facts } == expected
        };
        prop_assert!(same(by_lanes(text.as_bytes())), "lanes, {:?}", text);
        prop_assert!(same(by_table(text.as_bytes())), "table, {:?}", text);
        prop_assert!(same(ByteFacts::of(text)), "{:?}", text);
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3_000))]
        #[test]
        fn both_passes_find_what_a_byte_at_a_time_finds(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "a", "Z", "AB", " ", "0", ":", ";", "9", "\u{1}", "\u{7f}", "é", "°", "ʀ", "’", "…", "日本", "\u{FEFF}", "🎉",
            "𝐁", "\u{10FFFF}", "\u{80}", "\u{7FF}", "\u{800}", "plain words here", "\u{A1}", "\u{BA}", "\u{3A0}",
            "#", "@", "$", ".", ".a", ".Z", ".é", "<", ">", "=", "?", "!", "＃", "＠", "[", "`", "@", "/", "É", "  ", "\t",
        ]), 0..40)) {
            check(&pieces.concat())?;
        }

        #[test]
        fn both_passes_read_any_text(text in any::<String>()) {
            check(&text)?;
        }

        /// The folds in words agree with folds a lane at a time.
        #[test]
        fn lanes_fold_as_one_at_a_time(lanes in any::<[u8; CHUNK]>(), full in 0..CHUNK) {
            let mut lanes = lanes;
            // Some lanes at the largest tally, where a sum in words could carry.
            lanes[..full].fill(u8::MAX);
            prop_assert_eq!(or_of_lanes(lanes), lanes.iter().fold(0, |bits, lane| bits | lane));
            prop_assert_eq!(sum_of_lanes(lanes), lanes.iter().map(|&lane| u32::from(lane)).sum::<u32>());
        }
    }

    /// Each fact is seen at every offset of texts of every length around
    /// the chunk width, and nothing is seen where there is none.
    #[test]
    fn facts_are_seen_at_every_offset() {
        // Fillers of chunks with and without a byte that carries a fact.
        for filler_chars in ["1 é", "Ab cd_e ", "ab, c'd"] {
            for length in 0..3 * CHUNK + 2 {
                let filler = |count: usize| filler_chars.chars().cycle().take(count).collect::<String>();
                for offset in 0..=length {
                    for piece in [
                        "#",
                        "@",
                        "$",
                        ".a",
                        ".Z",
                        ".é",
                        ".",
                        ". ",
                        "<",
                        ">",
                        "!",
                        "＃",
                        ":",
                        "7",
                        "AB",
                        "A",
                        "🎉",
                        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                    ] {
                        let text = format!("{}{piece}{}", filler(offset), filler(length - offset));
                        check(&text).unwrap();
                    }
                }
            }
        }
        for count in [0, 1, 34, 35, 254, 255, 256, 300, 5_000] {
            let text = format!("{}{}", " ".repeat(count), "a".repeat(count % 17));
            check(&text).unwrap();
            assert!(by_lanes(text.as_bytes()).has_spaces(count.min(255) as u32), "{count}");
        }
        assert_eq!(by_lanes(b""), ByteFacts::default());
        assert_eq!(by_table(b""), ByteFacts::default());
        let census = ByteCensus::of("Ça va? 🎉 <3");
        assert!(census.has_lead_among(&[0xC3]) && census.has_lead_among(&[0x20, 0xF0]) && !census.has_colon());
        assert!(!census.has_lead_among(&[0xE2]) && !census.has_lead_among(&[0x20, 0x80, 0xBF]));
    }
}
