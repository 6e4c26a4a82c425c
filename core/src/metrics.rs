//! Per-platform metrics: length in each platform's own unit, entity counts,
//! where the text stops fitting and where the preview fold falls.

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

use crate::byte_facts::ByteFacts;
use crate::entities::{EntityKind, FoundEntity};
use crate::platform::{LengthUnit, Platform, PlatformTarget};
use crate::span::Span;
use crate::twitter::is_ascii_word_byte;

/// How a draft measures up on one platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlatformMetrics {
    /// The platform.
    #[serde(serialize_with = "serialize_platform")]
    pub platform: Platform,
    /// The unit of `length` and `limit`.
    #[serde(serialize_with = "serialize_unit")]
    pub unit: LengthUnit,
    /// The length, in `unit`.
    pub length: usize,
    /// The limit, in `unit` (the platform's, or the override).
    pub limit: usize,
    /// `limit - length`; negative when too long.
    pub remaining: i64,
    /// Whether the platform accepts the text as it is (length, byte limit, forbidden characters).
    pub valid: bool,
    /// Hashtags.
    pub hashtags: usize,
    /// @-mentions.
    pub mentions: usize,
    /// Links.
    pub links: usize,
    /// Byte offset of the preview fold, when the text is longer than the preview.
    fold: OptionalOffset,
    /// Byte offset where the text stops fitting, when it is too long.
    #[serde(skip)]
    overflow: OptionalOffset,
    /// UTF-8 bytes, when the platform has a byte limit too.
    #[serde(skip_serializing_if = "OptionalOffset::is_none")]
    bytes: OptionalOffset,
}

impl PlatformMetrics {
    /// Byte offset of the preview fold, when the text is longer than the preview.
    pub fn fold(&self) -> Option<usize> {
        self.fold.get()
    }

    /// Byte offset where the text stops fitting, when it is too long.
    pub fn overflow(&self) -> Option<usize> {
        self.overflow.get()
    }

    /// UTF-8 bytes, when the platform has a byte limit too.
    pub fn bytes(&self) -> Option<usize> {
        self.bytes.get()
    }
}

/// A byte offset or byte count that may be missing, in one word instead of
/// an `Option`'s two: nothing in a text in memory lies at `usize::MAX`, so
/// that value stands for none. Keeps [`PlatformMetrics`] small enough that a
/// report's list of twelve is a small block for the allocator (over 1 KiB,
/// glibc's malloc and free of it cost about 400 instructions a check).
#[derive(Clone, Copy, PartialEq, Eq)]
struct OptionalOffset(usize);

impl OptionalOffset {
    fn new(value: Option<usize>) -> Self {
        OptionalOffset(value.unwrap_or(usize::MAX))
    }

    fn get(self) -> Option<usize> {
        (self.0 != usize::MAX).then_some(self.0)
    }

    fn is_none(&self) -> bool {
        self.get().is_none()
    }
}

impl std::fmt::Debug for OptionalOffset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

impl Serialize for OptionalOffset {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.get().serialize(serializer)
    }
}

fn serialize_platform<S: serde::Serializer>(platform: &Platform, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(platform.as_str())
}

fn serialize_unit<S: serde::Serializer>(unit: &LengthUnit, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(unit.as_str())
}

/// Sums weights of consecutive pieces of a text, remembering where the
/// running total first passed a limit.
struct Tally {
    total: usize,
    limit: usize,
    overflow: Option<usize>,
}

impl Tally {
    fn new(limit: usize) -> Self {
        Tally { total: 0, limit, overflow: None }
    }

    /// Adds a piece; returns true once the limit has been passed, so a
    /// caller that only wants the overflow can stop walking.
    fn add(&mut self, start: usize, weight: usize) -> bool {
        self.total += weight;
        if self.overflow.is_none() && self.total > self.limit {
            self.overflow = Some(start);
        }
        self.overflow.is_some()
    }

    /// Adds `count` pieces of one byte and weight one each, from `start`;
    /// returns what [`Tally::add`] returns.
    fn add_bytes(&mut self, start: usize, count: usize) -> bool {
        if self.overflow.is_none() && self.total + count > self.limit {
            // Without an overflow the total is within the limit.
            self.overflow = Some(start + (self.limit - self.total));
        }
        self.total += count;
        self.overflow.is_some()
    }
}

/// Measures `text` in `unit` against `limit`: (length, byte offset where it stops fitting).
/// `entities` are the text's entities (URLs and mentions change some counts).
pub fn measure(text: &str, unit: LengthUnit, limit: usize, entities: &[FoundEntity]) -> (usize, Option<usize>) {
    walk(text, unit, limit, entities, Walk { stop_at_overflow: false, every_char_is_a_grapheme: false })
}

/// How [`walk`] goes.
#[derive(Clone, Copy)]
struct Walk {
    /// Whether to stop once the limit is passed, when only the overflow is wanted.
    stop_at_overflow: bool,
    /// Whether every char of the text is a grapheme (no char joins a
    /// neighbour, as the census tells), so that Mastodon's pieces are
    /// counted by chars, not segmented.
    every_char_is_a_grapheme: bool,
}

/// Where `text` stops fitting `limit` in `unit`, walking only as far as that:
/// a 100 MB draft over a 300-character limit costs 300 characters.
/// `every_char_is_a_grapheme` as in [`Walk`]. Out of line: the census notes
/// the overflow for most units.
#[inline(never)]
fn overflow_offset(
    text: &str,
    unit: LengthUnit,
    limit: usize,
    entities: &[FoundEntity],
    every_char_is_a_grapheme: bool,
) -> Option<usize> {
    walk(text, unit, limit, entities, Walk { stop_at_overflow: true, every_char_is_a_grapheme }).1
}

/// How many bytes at the start of `bytes` are ASCII chars that are each a
/// piece of weight one, whatever follows, for Threads (and Mastodon when
/// every char is a grapheme): the ASCII run, less its last byte when a char
/// that is not ASCII follows (a digit there may start a keycap).
fn plain_ascii_prefix_length(bytes: &[u8]) -> usize {
    let run = ascii_prefix_length(bytes);
    if run < bytes.len() {
        run.saturating_sub(1)
    } else {
        run
    }
}

fn walk(text: &str, unit: LengthUnit, limit: usize, entities: &[FoundEntity], how: Walk) -> (usize, Option<usize>) {
    let mut tally = Tally::new(limit);
    // `Tally::add` reports when the limit is passed; stop then if only the overflow is wanted.
    let stop = |passed: bool| passed && how.stop_at_overflow;
    let bytes = text.as_bytes();
    match unit {
        LengthUnit::Weighted => {
            let length = crate::twitter::weighted_length(text);
            let overflow = (length.weighted_length > limit).then_some(length.valid_range.1);
            if limit == 280 {
                return (length.weighted_length, overflow);
            }
            // A raised limit: recount with the same weights.
            let config = crate::twitter::Config { max_weighted_tweet_length: limit, ..crate::twitter::Config::v3() };
            let length = crate::twitter::weighted_length_with(text, &config);
            return (length.weighted_length, (length.weighted_length > limit).then_some(length.valid_range.1));
        }
        LengthUnit::Bytes => {
            for (offset, ch) in text.char_indices() {
                if stop(tally.add(offset, ch.len_utf8())) {
                    break;
                }
            }
        }
        LengthUnit::Utf16 => {
            for (offset, ch) in text.char_indices() {
                if stop(tally.add(offset, ch.len_utf16())) {
                    break;
                }
            }
        }
        LengthUnit::Graphemes => {
            for (offset, _) in text.grapheme_indices(true) {
                if stop(tally.add(offset, 1)) {
                    break;
                }
            }
        }
        LengthUnit::MastodonGraphemes => {
            let special = mastodon_special_spans(entities, &remote_mentions(text));
            // Adds the graphemes of `text[start..end]`, one each; true to stop.
            let add_graphemes = |tally: &mut Tally, start: usize, end: usize| {
                if !how.every_char_is_a_grapheme {
                    return text[start..end]
                        .grapheme_indices(true)
                        .any(|(offset, _)| stop(tally.add(start + offset, 1)));
                }
                let mut offset = start;
                while offset < end {
                    let plain = ascii_prefix_length(&bytes[offset..end]);
                    let (passed, step) = if plain > 0 {
                        (tally.add_bytes(offset, plain), plain)
                    } else {
                        (tally.add(offset, 1), text[offset..].chars().next().map_or(1, char::len_utf8))
                    };
                    if stop(passed) {
                        return true;
                    }
                    offset += step;
                }
                false
            };
            let mut cursor = 0;
            'pieces: {
                for (span, weight) in special {
                    if span.start < cursor {
                        continue;
                    }
                    if add_graphemes(&mut tally, cursor, span.start) || stop(tally.add(span.start, weight)) {
                        break 'pieces;
                    }
                    cursor = span.end;
                }
                add_graphemes(&mut tally, cursor, text.len());
            }
        }
        LengthUnit::ThreadsCharacters => {
            let mut offset = 0;
            while offset < text.len() {
                let plain = plain_ascii_prefix_length(&bytes[offset..]);
                if plain > 0 {
                    if stop(tally.add_bytes(offset, plain)) {
                        break;
                    }
                    offset += plain;
                    continue;
                }
                let rest = &text[offset..];
                let (weight, step) = match crate::twitter::emoji_sequence_length(rest) {
                    Some(length) => (length, length),
                    None => (1, rest.chars().next().map_or(1, char::len_utf8)),
                };
                if stop(tally.add(offset, weight)) {
                    break;
                }
                offset += step;
            }
        }
    }
    (tally.total, tally.overflow)
}

/// Spans Mastodon counts specially, sorted: URLs weigh 23 and the `@domain`
/// of a remote mention (`remote`, from [`remote_mentions`]) weighs nothing.
fn mastodon_special_spans(entities: &[FoundEntity], remote: &[(Span, Span)]) -> Vec<(Span, usize)> {
    let mut special: Vec<(Span, usize)> = entities
        .iter()
        .filter(|entity| entity.kind == EntityKind::Url)
        .filter(|entity| !remote.iter().any(|(whole, _)| whole.overlaps(entity.span)))
        .map(|entity| (entity.span, 23))
        .chain(remote.iter().map(|(_, domain)| (*domain, 0)))
        .collect();
    crate::sort::sort_by_key(&mut special, |(span, _)| span.start);
    special
}

/// Fediverse mentions `@user@example.social`: (the whole mention, its `@domain` part).
pub fn remote_mentions(text: &str) -> Vec<(Span, Span)> {
    let bytes = text.as_bytes();
    let is_user_byte = is_ascii_word_byte;
    let is_domain_byte = |byte: u8| byte.is_ascii_alphanumeric() || byte == b'.' || byte == b'-';
    let mut found = Vec::new();
    let mut index = 0;
    while let Some(relative) = memchr::memchr(b'@', &bytes[index..]) {
        let start = index + relative;
        index = start + 1;
        if start > 0 && (is_user_byte(bytes[start - 1]) || bytes[start - 1] == b'@') {
            continue;
        }
        let user_end = start + 1 + bytes[start + 1..].iter().take_while(|&&byte| is_user_byte(byte)).count();
        if user_end == start + 1 || bytes.get(user_end) != Some(&b'@') {
            continue;
        }
        let mut domain_end =
            user_end + 1 + bytes[user_end + 1..].iter().take_while(|&&byte| is_domain_byte(byte)).count();
        while domain_end > user_end + 1 && matches!(bytes[domain_end - 1], b'.' | b'-') {
            domain_end -= 1;
        }
        if text[user_end + 1..domain_end].contains('.') {
            found.push((Span::new(start, domain_end), Span::new(user_end, domain_end)));
            index = domain_end;
        }
    }
    found
}

/// Whether `ch` may join a neighbour into one grapheme: [`may_join`], or a
/// CR (which joins the LF after it).
fn joins_a_neighbour(ch: char) -> bool {
    ch >= '\u{300}' && may_join(ch) || ch == '\r'
}

/// Whether `ch` may join the character before it into one grapheme (or,
/// for prepend characters, the one after): marks, joiners, variation
/// selectors, emoji modifiers and tags, regional indicators, Hangul jamo, CR.
fn may_join(ch: char) -> bool {
    if in_ranges(ch, &STANDS_ALONE) {
        return false;
    }
    matches!(ch as u32,
        0x0D | 0x0600..=0x0605 | 0x06DD | 0x070F | 0x0890..=0x0891 | 0x08E2 | 0x0D4E | 0x110BD | 0x110CD
        | 0x111C2..=0x111C3 | 0x113D1 | 0x1193F | 0x11941 | 0x11A84..=0x11A89 | 0x11D46 | 0x11F02
        // Letters that behave as spacing marks (Thai and Lao AM, halfwidth
        // kana voicing marks, Kirat Rai vowel signs).
        | 0x0E33 | 0x0EB3 | 0xFF9E..=0xFF9F | 0x16D63 | 0x16D67..=0x16D6A
        | 0x1100..=0x11FF | 0xA960..=0xA97F | 0xAC00..=0xD7FF
        | 0x200C | 0x200D | 0xFE00..=0xFE0F | 0xE0000..=0xE0FFF
        | 0x1F1E6..=0x1F1FF | 0x1F3FB..=0x1F3FF)
        || crate::normalize::is_combining_mark(ch)
}

/// Ranges of chars, in order, that never join a neighbour: the letters,
/// punctuation and symbols posts use most, answered without the list of
/// joining chars and the combining-mark table. The test that every char
/// `may_join` lets through stands alone covers them.
const STANDS_ALONE: [(char, char); 17] = [
    ('\u{370}', '\u{482}'),     // Greek, Cyrillic
    ('\u{48A}', '\u{590}'),     // Cyrillic, Armenian
    ('\u{61B}', '\u{64A}'),     // Arabic letters
    ('\u{671}', '\u{6D5}'),     // Arabic letters
    ('\u{DF4}', '\u{E30}'),     // Thai letters
    ('\u{1E00}', '\u{200B}'),   // Latin and Greek extended, spaces, dashes
    ('\u{200E}', '\u{20CF}'),   // punctuation, currency symbols
    ('\u{20F1}', '\u{2CEE}'),   // symbols, arrows, dingbats, emoji in the BMP
    ('\u{3000}', '\u{3029}'),   // CJK punctuation
    ('\u{3030}', '\u{3098}'),   // Hiragana
    ('\u{309B}', '\u{A66E}'),   // Katakana, CJK ideographs, Yi
    ('\u{E000}', '\u{FB1D}'),   // private use, compatibility ideographs
    ('\u{FB1F}', '\u{FDFF}'),   // presentation forms
    ('\u{FE30}', '\u{FF9D}'),   // compatibility and full-width forms
    ('\u{1F000}', '\u{1F1E5}'), // game symbols, enclosed alphanumerics
    ('\u{1F200}', '\u{1F3FA}'), // emoji, before the skin-tone modifiers
    ('\u{1F400}', '\u{1FFFF}'), // emoji
];

/// Whether `ch` is in one of `ranges`: inclusive, sorted and apart.
fn in_ranges(ch: char, ranges: &[(char, char)]) -> bool {
    let after = ranges.partition_point(|&(_, last)| last < ch);
    ranges.get(after).is_some_and(|&(first, _)| first <= ch)
}

/// Counts user-perceived characters.
fn grapheme_count(text: &str) -> usize {
    if text.is_ascii() {
        return text.len() - text.matches("\r\n").count();
    }
    let mut tally = GraphemeTally::new(&mut []);
    for (offset, ch) in text.char_indices() {
        tally.char_at(text, offset, joins_a_neighbour(ch));
    }
    tally.finish(text)
}

/// Counts graphemes, fed char by char (by the census as it walks, or by
/// [`grapheme_count`]). The text is cut in stretches
/// that end at certain grapheme boundaries: two neighbouring chars of which
/// neither may join another are always in different graphemes, so only a
/// stretch around joining chars (an emoji sequence, a letter and its
/// accents) needs the full Unicode segmentation; every other stretch is one
/// char and one grapheme. On the way it notes where the wanted graphemes
/// start (folds, grapheme limits), so no platform walks the text again for them.
struct GraphemeTally<'w> {
    stretch_start: usize,
    stretch_joins: bool,
    previous_joins: bool,
    count: usize,
    /// Grapheme numbers `n` (0-based, sorted, each once), with the byte
    /// offset where grapheme `n` starts once it is found.
    wanted: &'w mut [(usize, Option<usize>)],
    next_wanted: usize,
}

impl<'w> GraphemeTally<'w> {
    fn new(wanted: &'w mut [(usize, Option<usize>)]) -> Self {
        // As if a joining char came before the first: no empty stretch ends.
        GraphemeTally { stretch_start: 0, stretch_joins: false, previous_joins: true, count: 0, wanted, next_wanted: 0 }
    }

    /// The next grapheme number wanted, or none.
    fn target(&self) -> usize {
        self.wanted.get(self.next_wanted).map_or(usize::MAX, |entry| entry.0)
    }

    /// Grapheme number `self.count` starts at `offset`.
    fn grapheme_at(&mut self, offset: usize) {
        if self.count == self.target() {
            self.wanted[self.next_wanted].1 = Some(offset);
            self.next_wanted += 1;
        }
        self.count += 1;
    }

    /// Counts the stretch before `end` and starts the next one there.
    #[inline(always)]
    fn end_stretch(&mut self, text: &str, end: usize) {
        if self.stretch_joins {
            self.segment(&text[self.stretch_start..end]);
        } else {
            self.grapheme_at(self.stretch_start);
        }
        self.stretch_start = end;
        self.stretch_joins = false;
    }

    /// Counts the graphemes of `stretch`, which has a joining char and
    /// starts at `self.stretch_start`. Out of line: most stretches are one
    /// char, and the census's walk stays small without the segmenter.
    #[inline(never)]
    fn segment(&mut self, stretch: &str) {
        let start = self.stretch_start;
        for (relative, _) in stretch.grapheme_indices(true) {
            self.grapheme_at(start + relative);
        }
    }

    /// The char at `offset`, which may join a neighbour or not. Inlined:
    /// the census calls it for every char that is not ASCII.
    #[inline(always)]
    fn char_at(&mut self, text: &str, offset: usize, joins: bool) {
        if !joins && !self.previous_joins {
            self.end_stretch(text, offset);
        }
        self.stretch_joins |= joins;
        self.previous_joins = joins;
    }

    /// A run of `length` chars at `offset` that join no neighbour (ASCII
    /// chars other than CR, or [`PLAIN_TWO_BYTE`] chars), each `width`
    /// bytes long: after its first char, each one ends the stretch before it.
    #[inline(always)]
    fn lone_run(&mut self, text: &str, offset: usize, length: usize, width: usize) {
        self.char_at(text, offset, false);
        if length > 1 {
            self.end_stretch(text, offset + width);
            // The chars between the first and the last are one grapheme each;
            // the last starts the stretch a joining char may extend.
            let middle = length - 2;
            while self.target() < self.count + middle {
                self.wanted[self.next_wanted].1 = Some(offset + width * (1 + self.target() - self.count));
                self.next_wanted += 1;
            }
            self.count += middle;
            self.stretch_start = offset + width * (length - 1);
        }
    }

    /// The count, once every char of `text` has been seen.
    fn finish(mut self, text: &str) -> usize {
        if self.stretch_start < text.len() {
            self.end_stretch(text, text.len());
        }
        self.count
    }
}

/// The canonical combining class of `ch` when its NFC quick check is Yes,
/// `None` otherwise (see [`crate::normalize::quick_check_yes_class`]). Every
/// char below U+0300 (where the first combining marks start) and in
/// [`NFC_STABLE`] is a starter that passes; for others the tables say.
fn nfc_quick_check_class(ch: char) -> Option<u8> {
    if ch < '\u{300}' || in_ranges(ch, &NFC_STABLE) {
        return Some(0);
    }
    crate::normalize::quick_check_yes_class(ch)
}

/// Ranges of chars, in order, that stay in NFC whatever surrounds them
/// (checked against the tables by a test): the letters of the scripts and the
/// punctuation and symbol blocks that posts use most, where a table lookup
/// per char would cost more than the rest of the count.
const NFC_STABLE: [(char, char); 20] = [
    ('\u{400}', '\u{482}'),     // Cyrillic, up to its combining marks
    ('\u{488}', '\u{4FF}'),     // Cyrillic
    ('\u{600}', '\u{60F}'),     // Arabic signs and punctuation
    ('\u{61B}', '\u{64A}'),     // Arabic letters, before the vowel marks
    ('\u{660}', '\u{66F}'),     // Arabic digits
    ('\u{671}', '\u{6D5}'),     // Arabic letters
    ('\u{E00}', '\u{E37}'),     // Thai, up to its vowel marks below
    ('\u{2002}', '\u{20CF}'),   // General Punctuation to Currency Symbols
    ('\u{20F1}', '\u{2125}'),   // Letterlike Symbols, before the ohm sign
    ('\u{212C}', '\u{2328}'),   // arrows, mathematical and technical symbols
    ('\u{232B}', '\u{2ADB}'),   // technical symbols, dingbats, emoji in the BMP
    ('\u{2ADD}', '\u{2BFF}'),   // arrows and symbols
    ('\u{3000}', '\u{3029}'),   // CJK punctuation
    ('\u{3030}', '\u{3098}'),   // Hiragana
    ('\u{309B}', '\u{30FF}'),   // Katakana
    ('\u{4E00}', '\u{9FFF}'),   // CJK ideographs
    ('\u{AC00}', '\u{D7A3}'),   // Hangul syllables
    ('\u{FE30}', '\u{FFFD}'),   // compatibility and full-width forms, specials
    ('\u{1F000}', '\u{1FAFF}'), // plane 1's emoji and symbol blocks
    ('\u{1FB00}', '\u{1FFFF}'), // legacy computing symbols
];

/// Ranges of chars, in order, in both [`STANDS_ALONE`] and [`NFC_STABLE`]:
/// each char in them is a grapheme of its own and an NFC starter, which the
/// census learns with one search of this list instead of one of each.
const LONE_STARTERS: [(char, char); lone_starters_count()] = lone_starters();

/// The overlaps of [`STANDS_ALONE`] and [`NFC_STABLE`], in order, into
/// `ranges` when it is long enough: their count.
const fn overlaps(ranges: &mut [(char, char)]) -> usize {
    let mut count = 0;
    let mut alone = 0;
    while alone < STANDS_ALONE.len() {
        let mut stable = 0;
        while stable < NFC_STABLE.len() {
            let (first_alone, last_alone) = STANDS_ALONE[alone];
            let (first_stable, last_stable) = NFC_STABLE[stable];
            let first = if first_alone as u32 >= first_stable as u32 { first_alone } else { first_stable };
            let last = if last_alone as u32 <= last_stable as u32 { last_alone } else { last_stable };
            if first as u32 <= last as u32 {
                if count < ranges.len() {
                    ranges[count] = (first, last);
                }
                count += 1;
            }
            stable += 1;
        }
        alone += 1;
    }
    count
}

const fn lone_starters_count() -> usize {
    overlaps(&mut [])
}

const fn lone_starters() -> [(char, char); lone_starters_count()] {
    let mut ranges = [('\0', '\0'); lone_starters_count()];
    overlaps(&mut ranges);
    ranges
}

/// The two-byte chars (U+0080 to U+07FF: Latin, Greek, Cyrillic, Hebrew,
/// Arabic letters) that the census counts as it counts an ASCII char: each
/// is one grapheme joining no neighbour, an NFC starter, one UTF-16 unit,
/// one Threads character and weighs on X what `a` weighs; © and ® are left
/// out (they may start an emoji). Char `c` is bit `c % 64` of entry
/// `c / 64`, so a char's bit is read from its two bytes. A test checks each
/// char against the walk's own tests.
const PLAIN_TWO_BYTE: [u64; 32] = plain_two_byte_chars();

const fn plain_two_byte_chars() -> [u64; 32] {
    let mut bits = [0; 32];
    let mut code = 0x80;
    while code < 0x800 {
        let mut plain = code < 0x300;
        let mut range = 0;
        while range < LONE_STARTERS.len() {
            plain |= LONE_STARTERS[range].0 as u32 <= code && code <= LONE_STARTERS[range].1 as u32;
            range += 1;
        }
        if plain && code != 0xA9 && code != 0xAE {
            bits[(code / 64) as usize] |= 1 << (code % 64);
        }
        code += 1;
    }
    bits
}

/// How many chars at the start of `bytes` are [`PLAIN_TWO_BYTE`] chars.
fn plain_two_byte_run(bytes: &[u8]) -> usize {
    let mut count = 0;
    // Each char read leaves its two bytes behind: `2 * count` is in bounds.
    while let [lead @ 0xC2..=0xDF, next, ..] = bytes[2 * count..] {
        if PLAIN_TWO_BYTE[usize::from(lead & 0x1F)] >> (next & 0x3F) & 1 == 0 {
            break;
        }
        count += 1;
    }
    count
}

/// How many bytes at the start of `bytes` are ASCII, eight at a time.
pub(crate) fn ascii_prefix_length(bytes: &[u8]) -> usize {
    let mut length = 0;
    for chunk in bytes.chunks_exact(8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let high_bits = word & 0x8080_8080_8080_8080;
        if high_bits != 0 {
            // The lowest set high bit belongs to the first non-ASCII byte.
            return length + (high_bits.trailing_zeros() / 8) as usize;
        }
        length += 8;
    }
    length + bytes[length..].iter().take_while(|byte| byte.is_ascii()).count()
}

/// Whether an `@` in `bytes` comes right after a user-name byte, as the
/// second `@` of a remote mention (`@user@example.social`) does: without
/// one, the text has no remote mention to look for. `has_at_sign` tells
/// whether `bytes` has an `@` at all (most posts have none).
fn has_at_after_name(bytes: &[u8], has_at_sign: bool) -> bool {
    has_at_sign && memchr::memchr_iter(b'@', bytes).any(|index| index > 0 && is_ascii_word_byte(bytes[index - 1]))
}

/// What measuring needs to know of a text before it starts: taken from
/// the pass over a draft's bytes that a check makes anyway, or found on
/// their own when only measuring (as `postlint count` does).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct MeasureFacts {
    /// Whether every byte is ASCII.
    ascii: bool,
    /// Whether the text has `@`.
    has_at_sign: bool,
    /// Whether the text has `<` or `>`.
    has_angle_bracket: bool,
}

impl MeasureFacts {
    /// The facts of a text from those of the pass over its bytes.
    pub(crate) fn from_byte_facts(facts: ByteFacts) -> MeasureFacts {
        MeasureFacts {
            ascii: facts.census.leads == 0,
            has_at_sign: facts.signs.has_at_sign(),
            has_angle_bracket: facts.signs.has_angle_bracket(),
        }
    }

    /// The facts of `text`, found with three quick searches instead of the
    /// check's whole pass.
    fn of(text: &str) -> MeasureFacts {
        let bytes = text.as_bytes();
        MeasureFacts {
            ascii: bytes.is_ascii(),
            has_at_sign: memchr::memchr(b'@', bytes).is_some(),
            has_angle_bracket: memchr::memchr2(b'<', b'>', bytes).is_some(),
        }
    }
}

/// What one walk over a text learns for every platform at once: the
/// lengths most platforms count, and the offsets their folds and limits need.
struct Census<'w> {
    chars: usize,
    /// User-perceived characters (extended grapheme clusters).
    graphemes: usize,
    utf16: usize,
    /// Threads' count: chars, where an emoji sequence counts its UTF-8 bytes.
    threads: usize,
    /// Whether some char may join a neighbour into one grapheme (or is a
    /// CR); without one, every char is a grapheme.
    joins: bool,
    /// X's weight in units of the v3 scale, counting URLs as their characters.
    x_weight: usize,
    /// Whether `x_weight` is what twitter-text counts (the text passes the
    /// NFC quick check, so X's normalization leaves it as it is, and has no
    /// char X refuses); otherwise X needs its own count.
    x_exact: bool,
    /// Whether an `@` follows a user-name byte: without one, the text has
    /// no remote mention.
    may_have_remote_mentions: bool,
    /// Two lists in one allocation: first the wanted grapheme numbers `n`,
    /// with the byte offset where grapheme `n` (0-based) starts if there is
    /// one; from
    /// `utf16_start` the wanted UTF-16 limits, with the byte offset of the
    /// first char past each.
    wanted: &'w [(usize, Option<usize>)],
}

impl<'w> Census<'w> {
    /// [`Census::with_facts`], finding the facts of `text` itself.
    #[cfg(test)]
    fn new(text: &str, wanted_offsets: &'w mut [(usize, Option<usize>)], utf16_start: usize) -> Census<'w> {
        Census::with_facts(text, MeasureFacts::of(text), wanted_offsets, utf16_start)
    }

    /// The census of `text`, filling in the offsets wanted: grapheme numbers
    /// `(n, None)` before `utf16_start` in `wanted`, UTF-16 limits `(limit, None)`
    /// from there, each part sorted and each number at most once. `facts`
    /// are `text`'s: an ASCII text without a CR is counted without a walk.
    fn with_facts(
        text: &str,
        facts: MeasureFacts,
        wanted_offsets: &'w mut [(usize, Option<usize>)],
        utf16_start: usize,
    ) -> Census<'w> {
        let bytes = text.as_bytes();
        let has_cr = memchr::memchr(b'\r', bytes).is_some();
        if facts.ascii && !has_cr {
            return Census::of_plain_ascii(bytes, facts.has_at_sign, wanted_offsets, utf16_start);
        }
        Census::walked(text, facts.has_at_sign, has_cr, wanted_offsets, utf16_start)
    }

    /// The census of a text of ASCII chars with no CR (which joins an LF
    /// after it), two thirds of posts, without a walk: every byte is one
    /// char, one grapheme, one UTF-16 unit and one Threads character, so
    /// the wanted grapheme numbers and UTF-16 limits below the length are
    /// where that many bytes end. Each part of `wanted_offsets` is sorted
    /// and comes with no offsets; most posts are shorter than most numbers.
    /// `has_at_sign` tells whether the text has an `@`.
    fn of_plain_ascii(
        bytes: &[u8],
        has_at_sign: bool,
        wanted_offsets: &'w mut [(usize, Option<usize>)],
        utf16_start: usize,
    ) -> Census<'w> {
        let length = bytes.len();
        let (grapheme_starts, utf16_overflows) = wanted_offsets.split_at_mut(utf16_start);
        for part in [grapheme_starts, utf16_overflows] {
            for (number, offset) in part.iter_mut().take_while(|(number, _)| *number < length) {
                *offset = Some(*number);
            }
        }
        Census {
            chars: length,
            graphemes: length,
            utf16: length,
            threads: length,
            joins: false,
            x_weight: length * crate::twitter::Config::v3().weight_of('a'),
            x_exact: true,
            may_have_remote_mentions: has_at_after_name(bytes, has_at_sign),
            wanted: wanted_offsets,
        }
    }

    /// The census walked char by char, ASCII runs a word at a time: the
    /// general path, for any text, as [`Census::with_facts`] takes it.
    /// `has_at_sign` and `has_cr` tell whether `text` has an `@` and a CR.
    fn walked(
        text: &str,
        has_at_sign: bool,
        has_cr: bool,
        wanted_offsets: &'w mut [(usize, Option<usize>)],
        utf16_start: usize,
    ) -> Census<'w> {
        let (grapheme_starts, utf16_overflows) = wanted_offsets.split_at_mut(utf16_start);
        let mut next_utf16 = 0;
        let wanted =
            |list: &[(usize, Option<usize>)], index: usize| list.get(index).map_or(usize::MAX, |entry| entry.0);
        let mut utf16_target = wanted(utf16_overflows, 0);
        let bytes = text.as_bytes();
        let (mut chars, mut utf16, mut threads) = (0, 0, 0);
        let mut joins = false;
        let x_config = crate::twitter::Config::v3();
        let x_ascii = x_config.weight_of('a');
        let (mut x_weight, mut x_exact) = (0, true);
        // The combining class of the char before, for the quick check's
        // canonical order: a run of marks whose classes go down may reorder.
        let mut previous_class = 0;
        let mut graphemes = GraphemeTally::new(grapheme_starts);
        // End of the emoji sequence being walked through, for Threads.
        let mut emoji_end = 0;
        let mut offset = 0;
        while offset < bytes.len() {
            // A run of ASCII, most of most posts: one char, one unit and one
            // Threads character per byte. Read only from an ASCII byte: in
            // a script that is not Latin most chars follow another that is
            // not ASCII, and an empty run cost as much as the char.
            if bytes[offset].is_ascii() {
                let run_length = ascii_prefix_length(&bytes[offset..]);
                previous_class = 0;
                while utf16_target < utf16 + run_length {
                    utf16_overflows[next_utf16].1 = Some(offset + utf16_target - utf16);
                    next_utf16 += 1;
                    utf16_target = wanted(utf16_overflows, next_utf16);
                }
                if has_cr && memchr::memchr(b'\r', &bytes[offset..offset + run_length]).is_some() {
                    // A CR may join the LF after it: each byte on its own.
                    joins = true;
                    for (index, &byte) in bytes[offset..offset + run_length].iter().enumerate() {
                        graphemes.char_at(text, offset + index, byte == b'\r');
                    }
                } else {
                    graphemes.lone_run(text, offset, run_length, 1);
                }
                chars += run_length;
                utf16 += run_length;
                threads += run_length;
                x_weight += run_length * x_ascii;
                offset += run_length;
                // A keycap (`1️⃣`) starts with the run's last byte, when a
                // digit, `#` or `*` is followed by a char that is not ASCII.
                let last = offset - 1;
                let may_start_keycap = matches!(bytes[last], b'0'..=b'9' | b'#' | b'*') && offset < bytes.len();
                if let Some(sequence) =
                    may_start_keycap.then(|| crate::twitter::emoji_sequence_length(&text[last..])).flatten()
                {
                    threads += sequence - 1;
                    x_weight += x_config.default_weight - x_ascii;
                    emoji_end = last + sequence;
                }
                continue;
            }
            // A run of letters of a Latin, Greek, Cyrillic, Hebrew or Arabic
            // text, counted like an ASCII run (two bytes a char), unless an
            // emoji sequence being walked through holds it.
            let plain = if offset >= emoji_end { plain_two_byte_run(&bytes[offset..]) } else { 0 };
            if plain > 0 {
                previous_class = 0;
                while utf16_target < utf16 + plain {
                    utf16_overflows[next_utf16].1 = Some(offset + 2 * (utf16_target - utf16));
                    next_utf16 += 1;
                    utf16_target = wanted(utf16_overflows, next_utf16);
                }
                graphemes.lone_run(text, offset, plain, 2);
                chars += plain;
                utf16 += plain;
                threads += plain;
                x_weight += plain * x_ascii;
                offset += 2 * plain;
                continue;
            }
            let ch = text[offset..].chars().next().unwrap_or('\u{FFFD}');
            let (length, units) = (ch.len_utf8(), ch.len_utf16());
            // Most chars posts use are answered by one search.
            let (char_joins, class) = if ch < '\u{300}' || in_ranges(ch, &LONE_STARTERS) {
                (false, Some(0))
            } else {
                (joins_a_neighbour(ch), nfc_quick_check_class(ch))
            };
            graphemes.char_at(text, offset, char_joins);
            joins |= char_joins;
            match class {
                Some(class) => {
                    x_exact &= (class == 0 || class >= previous_class) && !crate::twitter::is_invalid_character(ch);
                    previous_class = class;
                }
                None => x_exact = false,
            }
            while utf16 + units > utf16_target {
                utf16_overflows[next_utf16].1 = Some(offset);
                next_utf16 += 1;
                utf16_target = wanted(utf16_overflows, next_utf16);
            }
            if offset >= emoji_end {
                let may_start = crate::twitter::may_start_emoji_sequence(ch);
                match may_start.then(|| crate::twitter::emoji_sequence_length(&text[offset..])).flatten() {
                    Some(sequence) => {
                        threads += sequence;
                        x_weight += x_config.default_weight;
                        emoji_end = offset + sequence;
                    }
                    None => {
                        threads += 1;
                        x_weight += x_config.weight_of(ch);
                    }
                }
            }
            chars += 1;
            utf16 += units;
            offset += length;
        }
        let graphemes = graphemes.finish(text);
        Census {
            chars,
            graphemes,
            utf16,
            threads,
            joins,
            x_weight,
            x_exact,
            may_have_remote_mentions: has_at_after_name(bytes, has_at_sign),
            wanted: wanted_offsets,
        }
    }
}

/// The lengths of one text in each unit, each computed at most once however
/// many platforms share a unit: most are the census's, Mastodon's is kept.
struct Lengths<'t> {
    text: &'t str,
    entities: &'t [FoundEntity],
    census: Census<'t>,
    mastodon: Option<usize>,
    /// Fediverse mentions, found once for Mastodon's length and its counts.
    remote: std::cell::OnceCell<Vec<(Span, Span)>>,
}

impl<'t> Lengths<'t> {
    fn new(text: &'t str, entities: &'t [FoundEntity], census: Census<'t>) -> Self {
        Lengths { text, entities, census, mastodon: None, remote: std::cell::OnceCell::new() }
    }

    /// The text's remote mentions (see [`remote_mentions`]); none without
    /// an `@` right after a user-name byte.
    fn remote_mentions(&self) -> &[(Span, Span)] {
        if !self.census.may_have_remote_mentions {
            return &[];
        }
        self.remote.get_or_init(|| remote_mentions(self.text))
    }

    fn of(&mut self, unit: LengthUnit) -> usize {
        let text = self.text;
        match unit {
            LengthUnit::Bytes => text.len(),
            LengthUnit::Utf16 => self.census.utf16,
            LengthUnit::Graphemes => self.census.graphemes,
            LengthUnit::ThreadsCharacters => self.census.threads,
            LengthUnit::MastodonGraphemes => {
                if let Some(length) = self.mastodon {
                    return length;
                }
                // The graphemes of the pieces between the spans, plus the spans' weights.
                let count = |special: &mut dyn Iterator<Item = (Span, usize)>| {
                    let joins = self.census.joins;
                    let (mut cursor, mut weights, mut piece_graphemes, mut span_chars) = (0, 0, 0, 0);
                    let mut counted_spans = false;
                    for (span, weight) in special {
                        if span.start < cursor {
                            continue;
                        }
                        if joins {
                            piece_graphemes += grapheme_count(&text[cursor..span.start]);
                        } else {
                            span_chars += span.slice(text).chars().count();
                        }
                        weights += weight;
                        cursor = span.end;
                        counted_spans = true;
                    }
                    if !counted_spans {
                        // One piece, the whole text.
                        self.census.graphemes
                    } else if joins {
                        weights + piece_graphemes + grapheme_count(&text[cursor..])
                    } else {
                        // Every char is a grapheme, and the pieces hold every char the spans do not.
                        weights + self.census.chars - span_chars
                    }
                };
                let remote = self.remote_mentions();
                let length = if remote.is_empty() {
                    // Entities are sorted, so the URLs are the special spans, in order.
                    let urls = self.entities.iter().filter(|entity| entity.kind == EntityKind::Url);
                    count(&mut urls.map(|url| (url.span, 23)))
                } else {
                    count(&mut mastodon_special_spans(self.entities, remote).into_iter())
                };
                self.mastodon = Some(length);
                length
            }
            LengthUnit::Weighted => measure(text, unit, usize::MAX, self.entities).0,
        }
    }

    /// Where the text stops fitting `limit` in `unit`, when it is over:
    /// `slot` is the census's entry for that limit, when it noted one.
    fn overflow(&self, unit: LengthUnit, limit: usize, slot: Option<usize>) -> Option<usize> {
        match slot {
            Some(slot) => self.census.wanted.get(slot).and_then(|(_, offset)| *offset),
            None => overflow_offset(self.text, unit, limit, self.entities, !self.census.joins),
        }
    }

    /// X's weighted length when the census has it exactly: each URL (`urls`,
    /// the URL entities) weighs 23 instead of its characters. `None` when
    /// X's own count is needed.
    fn x_length<'e>(&self, urls: impl Iterator<Item = &'e FoundEntity>) -> Option<usize> {
        let config = crate::twitter::Config::v3();
        if !self.census.x_exact || self.text.is_empty() {
            return None;
        }
        let bytes = self.text.as_bytes();
        let mut weight = self.census.x_weight;
        for url in urls {
            let url = url.span;
            // A plain ASCII URL, not followed by a char that could join the
            // last one into an emoji (a keycap): its characters weigh one each.
            let plain = bytes[url.start..url.end].is_ascii() && bytes.get(url.end).is_none_or(u8::is_ascii);
            if !plain {
                return None;
            }
            weight = weight - url.len() * config.weight_of('a') + config.transformed_url_length * config.scale;
        }
        Some(weight / config.scale)
    }

    /// Byte offset after the first graphemes up to a fold, if the text is
    /// longer: `slot` is the census's entry for the fold's grapheme number.
    fn fold(&self, slot: usize) -> Option<usize> {
        self.census.wanted.get(slot).and_then(|(_, offset)| *offset)
    }
}

/// One target of a [`PlatformPlan`]: what its metrics take from the plan,
/// worked out once so that each draft's loop over the targets only reads.
struct PlannedTarget {
    platform: Platform,
    unit: LengthUnit,
    /// The limit: the platform's, or the override.
    limit: usize,
    /// The byte limit, `usize::MAX` without one.
    byte_limit: usize,
    /// What the byte count is or-ed with in the metrics: 0 when they report
    /// it (the platform has a byte limit), `usize::MAX` (none) otherwise.
    bytes_mask: usize,
    /// Whether mentions and links are counted Mastodon's way.
    counts_mastodon: bool,
    /// Which chars of the text the platform refuses.
    forbidden: Forbidden,
    /// The byte counts a text stays below to be taken, by whether it has a
    /// `<` or `>`: one past the byte limit (`usize::MAX` without one, which
    /// no text in memory reaches), and 0 with one for a platform that
    /// refuses them. One comparison then says both.
    valid_below: [usize; 2],
    /// Where the length is in a draft's [`DraftFacts::unit_lengths`]: the
    /// unit's slot, or [`NOT_COUNTED`] for a platform that refuses chars
    /// the draft's facts do not tell of (other than `<` and `>`).
    length_slot: usize,
    /// The longest length whose metrics need no walk: the limit, below
    /// `usize::MAX` (which stands for a length not counted).
    fits_up_to: usize,
    /// Where in the census's wanted offsets the offset past `limit` is
    /// noted, for the units the census counts that way (graphemes, UTF-16).
    overflow_slot: Option<usize>,
    /// Where in the census's wanted offsets the fold is noted; past their
    /// end without a fold, so that reading it needs no second test.
    fold_slot: usize,
}

/// The slot of [`DraftFacts::unit_lengths`] past the units' lengths, which
/// holds `usize::MAX`: a length no limit is above, so that a target whose
/// length is there is worked out the full way.
const NOT_COUNTED: usize = 6;

/// How many slots [`DraftFacts::unit_lengths`] has: a power of two past
/// [`NOT_COUNTED`], so that a slot masked with one less needs no bounds check.
const UNIT_SLOTS: usize = 8;

/// Which chars a platform refuses, as the measure looks for them.
#[derive(Clone, Copy)]
enum Forbidden {
    None,
    /// `<` and `>` (YouTube's two): one search answers every target with them.
    AngleBrackets,
    Chars(&'static [char]),
}

/// What measuring a draft needs that depends only on the list of targets,
/// not on the text: each target's facts and limit, and the offsets the census
/// should note on its way (folds, grapheme and UTF-16 limits), sorted and
/// each once. A checker works it out once for its platforms instead of for
/// every draft; [`measure_platforms`] works it out on each call.
pub struct PlatformPlan {
    /// The targets this plan is for, in order.
    targets: Vec<PlatformTarget>,
    planned: Vec<PlannedTarget>,
    /// Whether a target counts X's way.
    counts_x: bool,
    /// Grapheme numbers, then from `utf16_start` UTF-16 limits, each part
    /// sorted and each number once: the census fills in the offsets.
    wanted: Vec<(usize, Option<usize>)>,
    utf16_start: usize,
    /// Whether a target counts Mastodon's way.
    counts_mastodon: bool,
}

impl PlatformPlan {
    /// The plan for `targets`.
    pub fn new(targets: &[PlatformTarget]) -> PlatformPlan {
        let limit = |target: &PlatformTarget| target.limit.unwrap_or(target.platform.facts().limit);
        // Folds and the limits of grapheme-counted units (needed only when
        // the text is over them), then the limits of UTF-16 units.
        let mut graphemes = Vec::new();
        let mut utf16 = Vec::new();
        for target in targets {
            let facts = target.platform.facts();
            graphemes.extend(facts.fold);
            match facts.unit {
                LengthUnit::Graphemes => graphemes.push(limit(target)),
                LengthUnit::Utf16 => utf16.push(limit(target)),
                _ => {}
            }
        }
        for numbers in [&mut graphemes, &mut utf16] {
            numbers.sort_unstable();
            numbers.dedup();
        }
        let utf16_start = graphemes.len();
        let slot = |numbers: &[usize], first: usize, number: usize| {
            numbers.iter().position(|&wanted| wanted == number).map(|index| first + index)
        };
        let planned: Vec<PlannedTarget> = targets
            .iter()
            .map(|target| {
                let facts = target.platform.facts();
                let limit = limit(target);
                let overflow_slot = match facts.unit {
                    LengthUnit::Graphemes => slot(&graphemes, 0, limit),
                    LengthUnit::Utf16 => slot(&utf16, utf16_start, limit),
                    _ => None,
                };
                let fold_slot = facts.fold.and_then(|fold| slot(&graphemes, 0, fold)).unwrap_or(usize::MAX);
                let forbidden = match facts.forbidden {
                    [] => Forbidden::None,
                    ['<', '>'] => Forbidden::AngleBrackets,
                    chars => Forbidden::Chars(chars),
                };
                PlannedTarget {
                    platform: target.platform,
                    unit: facts.unit,
                    limit,
                    byte_limit: facts.byte_limit.unwrap_or(usize::MAX),
                    bytes_mask: if facts.byte_limit.is_some() { 0 } else { usize::MAX },
                    counts_mastodon: target.platform == Platform::Mastodon,
                    valid_below: {
                        let below = facts.byte_limit.map_or(usize::MAX, |limit| limit.saturating_add(1));
                        [below, if matches!(forbidden, Forbidden::AngleBrackets) { 0 } else { below }]
                    },
                    length_slot: match forbidden {
                        Forbidden::Chars(_) => NOT_COUNTED,
                        _ => facts.unit as usize,
                    },
                    fits_up_to: limit.min(usize::MAX - 1),
                    forbidden,
                    overflow_slot,
                    fold_slot,
                }
            })
            .collect();
        let wanted = graphemes.into_iter().chain(utf16).map(|number| (number, None)).collect();
        let counts_mastodon =
            targets.iter().any(|target| target.platform.facts().unit == LengthUnit::MastodonGraphemes);
        PlatformPlan {
            targets: targets.to_vec(),
            planned,
            counts_x: targets.iter().any(|target| target.platform.facts().unit == LengthUnit::Weighted),
            wanted,
            utf16_start,
            counts_mastodon,
        }
    }

    /// The targets this plan is for.
    pub(crate) fn targets(&self) -> &[PlatformTarget] {
        &self.targets
    }

    /// Measures a draft on each target platform, as [`measure_platforms`]
    /// does. `entities` are found in `text`.
    pub fn measure(&self, text: &str, entities: &[FoundEntity]) -> Vec<PlatformMetrics> {
        self.measure_with_facts(text, MeasureFacts::of(text), entities)
    }

    /// [`PlatformPlan::measure`], with `text`'s facts.
    pub(crate) fn measure_with_facts(
        &self,
        text: &str,
        facts: MeasureFacts,
        entities: &[FoundEntity],
    ) -> Vec<PlatformMetrics> {
        if self.planned.is_empty() {
            // No platform: the census of the text would go unread.
            return Vec::new();
        }
        // The census writes the offsets into a copy of the wanted list: on
        // the stack for any usual list of platforms.
        let mut on_stack = [(0, None); 16];
        let mut on_heap;
        let wanted = match on_stack.get_mut(..self.wanted.len()) {
            Some(wanted) => {
                wanted.copy_from_slice(&self.wanted);
                wanted
            }
            None => {
                on_heap = self.wanted.clone();
                &mut on_heap[..]
            }
        };
        let mut lengths = Lengths::new(text, entities, Census::with_facts(text, facts, wanted, self.utf16_start));
        let (mut hashtags, mut plain_mentions, mut plain_links) = (0, 0, 0);
        // X counts every URL as 23: reuse the URLs already found. Not when there
        // is an e-mail address: twitter-text counts its domain as a URL, which the
        // entity list leaves out.
        let mut has_email = false;
        for entity in entities {
            match entity.kind {
                EntityKind::Hashtag => hashtags += 1,
                EntityKind::Mention => plain_mentions += 1,
                EntityKind::Url => plain_links += 1,
                EntityKind::Email => has_email = true,
                EntityKind::Cashtag => {}
            }
        }
        // Each unit's length, by `LengthUnit as usize`: Mastodon's only when a
        // target counts it, X's when the census has it exactly.
        let mut unit_lengths = [
            0,
            lengths.census.graphemes,
            0,
            lengths.census.threads,
            lengths.census.utf16,
            text.len(),
            usize::MAX,
            usize::MAX,
        ];
        if self.counts_mastodon {
            unit_lengths[LengthUnit::MastodonGraphemes as usize] = lengths.of(LengthUnit::MastodonGraphemes);
        }
        if self.counts_x {
            let urls = entities.iter().filter(|entity| entity.kind == EntityKind::Url);
            let length = (!has_email).then(|| lengths.x_length(urls)).flatten();
            unit_lengths[LengthUnit::Weighted as usize] = length.unwrap_or(usize::MAX);
        }
        let draft = DraftFacts {
            text,
            entities,
            lengths: &lengths,
            unit_lengths,
            hashtags,
            counts: (plain_mentions, plain_links),
            mastodon_counts: if self.counts_mastodon && plain_links > 0 {
                mastodon_counts(entities, lengths.remote_mentions(), plain_mentions, plain_links)
            } else {
                (plain_mentions, plain_links)
            },
            has_email,
            angle_brackets: facts.has_angle_bracket,
        };
        draft.metrics(self)
    }
}

/// Mentions and links as Mastodon reads them, from the entities' counts:
/// twitter-text reads `@user@example.social` (a `remote` mention) as a link
/// to `example.social`; Mastodon reads it as a mention.
#[inline(never)]
fn mastodon_counts(
    entities: &[FoundEntity],
    remote: &[(Span, Span)],
    mut mentions: usize,
    mut links: usize,
) -> (usize, usize) {
    for &(whole, _) in remote {
        let overlapping = |kind: EntityKind| {
            entities.iter().filter(|entity| entity.kind == kind && entity.span.overlaps(whole)).count()
        };
        links -= overlapping(EntityKind::Url);
        if overlapping(EntityKind::Mention) == 0 {
            mentions += 1;
        }
    }
    (mentions, links)
}

/// Whether `text` has one of `chars`. Out of line: few platforms refuse
/// chars other than `<` and `>`.
#[inline(never)]
fn contains_any(text: &str, chars: &[char]) -> bool {
    text.contains(chars)
}

/// What the metrics of every target of a draft are made from, worked out
/// once for the draft.
struct DraftFacts<'d> {
    text: &'d str,
    entities: &'d [FoundEntity],
    lengths: &'d Lengths<'d>,
    /// Each unit's length, by `LengthUnit as usize` (`usize::MAX` for X's
    /// when the census does not have it exactly); after them, at
    /// [`NOT_COUNTED`], `usize::MAX`.
    unit_lengths: [usize; UNIT_SLOTS],
    hashtags: usize,
    /// Mentions and links as the entities have them.
    counts: (usize, usize),
    /// Mentions and links as Mastodon reads them (see [`mastodon_counts`]).
    mastodon_counts: (usize, usize),
    /// Whether the entities have an e-mail address.
    has_email: bool,
    /// Whether the text has a `<` or `>`, when a target refuses them.
    angle_brackets: bool,
}

impl DraftFacts<'_> {
    /// The metrics of each of `plan`'s targets. Each target is filled in
    /// from the draft's facts without a branch on its kind; a target whose
    /// length is over its limit or not counted (see [`PlannedTarget::length_slot`])
    /// is then worked out the full way, by [`Self::metrics_of`]. Out of
    /// line: the census, inlined into the measure, leaves no registers for
    /// building twelve structs.
    #[inline(never)]
    fn metrics(&self, plan: &PlatformPlan) -> Vec<PlatformMetrics> {
        let counts = [self.counts, self.mastodon_counts];
        let text_length = self.text.len();
        let mut any_walks = false;
        let mut all = Vec::with_capacity(plan.planned.len());
        all.extend(plan.planned.iter().map(|planned| {
            let length = self.unit_lengths[planned.length_slot & (UNIT_SLOTS - 1)];
            any_walks |= length > planned.fits_up_to;
            let (mentions, links) = counts[usize::from(planned.counts_mastodon)];
            PlatformMetrics {
                platform: planned.platform,
                unit: planned.unit,
                length,
                limit: planned.limit,
                remaining: planned.limit as i64 - length as i64,
                valid: text_length < planned.valid_below[usize::from(self.angle_brackets)],
                hashtags: self.hashtags,
                mentions,
                links,
                fold: OptionalOffset::new(self.lengths.fold(planned.fold_slot)),
                overflow: OptionalOffset::new(None),
                bytes: OptionalOffset(text_length | planned.bytes_mask),
            }
        }));
        if any_walks {
            for (metrics, planned) in all.iter_mut().zip(&plan.planned) {
                if self.unit_lengths[planned.length_slot & (UNIT_SLOTS - 1)] > planned.fits_up_to {
                    *metrics = self.metrics_of(planned);
                }
            }
        }
        all
    }

    /// The metrics of one target, each field worked out the full way.
    #[inline(never)]
    fn metrics_of(&self, planned: &PlannedTarget) -> PlatformMetrics {
        let (text, lengths, limit) = (self.text, self.lengths, planned.limit);
        let (length, overflow, unit_valid) = if planned.unit == LengthUnit::Weighted {
            x_measure(text, self.entities, lengths, limit, self.has_email)
        } else {
            let length = self.unit_lengths[planned.unit as usize];
            let overflow =
                if length > limit { lengths.overflow(planned.unit, limit, planned.overflow_slot) } else { None };
            (length, overflow, true)
        };
        let (mentions, links) = if planned.counts_mastodon { self.mastodon_counts } else { self.counts };
        let forbidden = match planned.forbidden {
            Forbidden::None => false,
            Forbidden::AngleBrackets => self.angle_brackets,
            Forbidden::Chars(chars) => contains_any(text, chars),
        };
        PlatformMetrics {
            platform: planned.platform,
            unit: planned.unit,
            length,
            limit,
            remaining: limit as i64 - length as i64,
            valid: (length <= limit) & unit_valid & (text.len() <= planned.byte_limit) & !forbidden,
            hashtags: self.hashtags,
            mentions,
            links,
            fold: OptionalOffset::new(lengths.fold(planned.fold_slot)),
            overflow: OptionalOffset::new(overflow),
            bytes: OptionalOffset(text.len() | planned.bytes_mask),
        }
    }
}

/// X's length of `text`, where it stops fitting `limit` and whether X takes
/// it (twitter-text's validity, without the limit): from the census when it
/// has the count exactly, else from X's own count. Out of line, so that the
/// loop over the targets stays small.
#[inline(never)]
fn x_measure(
    text: &str,
    entities: &[FoundEntity],
    lengths: &Lengths<'_>,
    limit: usize,
    has_email: bool,
) -> (usize, Option<usize>, bool) {
    if text.is_empty() {
        // Nothing to count; twitter-text takes no empty post.
        return (0, None, false);
    }
    let urls = || entities.iter().filter(|entity| entity.kind == EntityKind::Url);
    if let Some(length) = (!has_email).then(|| lengths.x_length(urls())).flatten().filter(|&length| length <= limit) {
        return (length, None, true);
    }
    // One pass gives X's length, validity and where the text stops fitting.
    let config = crate::twitter::Config { max_weighted_tweet_length: limit, ..crate::twitter::Config::v3() };
    let urls = (!has_email).then(|| urls().map(|url| url.span).collect::<Vec<Span>>());
    let parsed = crate::twitter::weighted_length_with_urls(text, &config, urls.as_deref());
    let overflow = (parsed.weighted_length > limit).then_some(parsed.valid_range.1);
    (parsed.weighted_length, overflow, parsed.valid)
}

/// The plans a checker measures drafts with: one for the guideline's
/// platforms, made with the checker, and one for the first other list a
/// draft names, made then (a batch names the same list for every draft).
/// Any other list is planned for each draft.
pub(crate) struct PlatformPlans {
    guideline: PlatformPlan,
    named: std::sync::OnceLock<PlatformPlan>,
}

impl PlatformPlans {
    /// Plans for a checker whose guideline targets `guideline_targets`.
    pub(crate) fn new(guideline_targets: &[PlatformTarget]) -> PlatformPlans {
        PlatformPlans { guideline: PlatformPlan::new(guideline_targets), named: std::sync::OnceLock::new() }
    }

    /// Measures a draft on each of `targets`. `entities` are found in
    /// `text`, and `facts` are those of its bytes.
    pub(crate) fn measure(
        &self,
        text: &str,
        facts: ByteFacts,
        targets: &[PlatformTarget],
        entities: &[FoundEntity],
    ) -> Vec<PlatformMetrics> {
        let facts = MeasureFacts::from_byte_facts(facts);
        if targets == self.guideline.targets() {
            return self.guideline.measure_with_facts(text, facts, entities);
        }
        let named = self.named.get_or_init(|| PlatformPlan::new(targets));
        if targets == named.targets() {
            named.measure_with_facts(text, facts, entities)
        } else {
            PlatformPlan::new(targets).measure_with_facts(text, facts, entities)
        }
    }
}

/// Measures a draft on each target platform. `entities` are found in `text`.
pub fn measure_platforms(text: &str, targets: &[PlatformTarget], entities: &[FoundEntity]) -> Vec<PlatformMetrics> {
    PlatformPlan::new(targets).measure(text, entities)
}

/// Measures a draft on one platform. `entities` are found in `text`.
pub fn platform_metrics(text: &str, target: PlatformTarget, entities: &[FoundEntity]) -> PlatformMetrics {
    measure_platforms(text, &[target], entities).remove(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metrics(text: &str, target: &str) -> PlatformMetrics {
        let entities = crate::entities::find(text);
        platform_metrics(text, target.parse().unwrap(), &entities)
    }

    #[test]
    fn each_platform_counts_its_own_way() {
        let family = "👩‍👩‍👧‍👦";
        assert_eq!(metrics(family, "x").length, 2, "an emoji sequence weighs 2 on X");
        assert_eq!(metrics(family, "bluesky").length, 1, "one grapheme");
        assert_eq!(metrics(family, "mastodon").length, 1);
        assert_eq!(metrics(family, "threads").length, family.len(), "emoji count their UTF-8 bytes on Threads");
        assert_eq!(metrics(family, "linkedin").length, 11, "UTF-16 code units");
        assert_eq!(metrics(family, "youtube").length, 25, "bytes");
        assert_eq!(metrics("e\u{301}", "bluesky").length, 1, "combining mark joins its letter");
        assert_eq!(metrics("中文", "x").length, 4, "CJK weighs 2 on X");
        assert_eq!(metrics("🇰🇪 1️⃣", "threads").length, 8 + 1 + 7);
    }

    #[test]
    fn urls_and_remote_mentions_on_mastodon() {
        let text = "See https://example.org/a/very/long/path/indeed and @anna@example.social";
        let mastodon = metrics(text, "mastodon");
        assert_eq!(mastodon.length, "See ".len() + 23 + " and @anna".len());
        assert_eq!(mastodon.links, 1);
        assert_eq!(mastodon.mentions, 1);
    }

    #[test]
    fn overflow_points_at_the_first_character_past_the_limit() {
        let text = format!("{}é and more", "a".repeat(298));
        let bluesky = metrics(&text, "bluesky");
        assert_eq!(bluesky.length, 308);
        assert_eq!(bluesky.overflow(), Some(301), "the 301st character");
        assert!(!bluesky.valid);
        let x = metrics(&"a".repeat(281), "x");
        assert_eq!((x.length, x.overflow(), x.remaining), (281, Some(280), -1));
        assert!(metrics(&"a".repeat(281), "x:500").valid);
    }

    #[test]
    fn bluesky_byte_limit_and_youtube_forbidden_characters() {
        let wide = "中".repeat(1001);
        let bluesky = metrics(&wide, "bluesky");
        assert!(bluesky.length <= 1001 && !bluesky.valid, "3003 bytes is over the byte limit");
        assert_eq!(bluesky.bytes(), Some(3003));
        assert!(!metrics("a <b> tag", "youtube").valid);
        assert!(metrics("a tag", "youtube-title").valid);
    }

    /// The optional offsets kept in one word read back and serialize as the
    /// `Option`s they stand for: `bytes` only where there is a byte limit,
    /// `fold` as null where there is none, `overflow` never.
    #[test]
    fn optional_offsets_read_and_serialize_as_options() {
        for value in [None, Some(0), Some(1), Some(usize::MAX - 1)] {
            assert_eq!(OptionalOffset::new(value).get(), value);
            assert_eq!(format!("{:?}", OptionalOffset::new(value)), format!("{value:?}"));
        }
        let long = "a".repeat(400);
        let bluesky = metrics(&long, "bluesky");
        assert_eq!((bluesky.bytes(), bluesky.overflow(), bluesky.fold()), (Some(400), Some(300), None));
        assert_eq!(
            serde_json::to_string(&bluesky).unwrap(),
            r#"{"platform":"bluesky","unit":"graphemes","length":400,"limit":300,"remaining":-100,"valid":false,"hashtags":0,"mentions":0,"links":0,"fold":null,"bytes":400}"#
        );
        let instagram = metrics(&long, "instagram");
        assert_eq!((instagram.bytes(), instagram.overflow(), instagram.fold()), (None, None, Some(125)));
        assert!(serde_json::to_string(&instagram).unwrap().ends_with(r#""links":0,"fold":125}"#));
        // Twelve platforms' metrics stay within glibc's small blocks (1,032 bytes).
        assert!(std::mem::size_of::<PlatformMetrics>() * 12 <= 1032);
    }

    #[test]
    fn fast_paths_agree_with_the_full_count() {
        for text in [
            "plain ascii\r\nwith crlf",
            "é👩‍👩‍👧 mixed\r\n中文",
            "a\u{301}b",
            "",
            "Crème brûlée — 中文 ½ ©",
            "🇰🇪 and 1️⃣ see https://example.org/x and @a@example.social",
            "keycaps: a#\u{FE0F}\u{20E3} b*\u{FE0F}\u{20E3} 9\u{20E3} 0\u{FE0F}",
            "한국어 नमस्ते",
        ] {
            let entities = crate::entities::find(text);
            let mut lengths = Lengths::new(text, &entities, Census::new(text, &mut [], 0));
            assert_eq!(lengths.census.graphemes, text.graphemes(true).count(), "{text:?}");
            for unit in [
                LengthUnit::Graphemes,
                LengthUnit::Utf16,
                LengthUnit::Bytes,
                LengthUnit::ThreadsCharacters,
                LengthUnit::MastodonGraphemes,
            ] {
                assert_eq!(lengths.of(unit), measure(text, unit, usize::MAX, &entities).0, "{text:?} {unit:?}");
            }
        }
        let long = format!("{}\r\n{}", "a".repeat(130), "é".repeat(130));
        assert_eq!(metrics(&long, "instagram").fold(), Some(125));
        let accented = "é".repeat(200);
        assert_eq!(metrics(&accented, "instagram").fold(), Some(250));
        assert_eq!(metrics(&"a".repeat(125), "instagram").fold(), None);
    }

    /// A text without an `@` right after a name byte has no remote mention,
    /// and the test finds one wherever a byte-by-byte reading does.
    #[test]
    fn remote_mentions_need_an_at_sign_after_a_name_byte() {
        let pieces =
            ["a", "_", "@", "\r", "\n", "@@", "x@y.z", " @bob", "é", "中", "👍🏽", "\u{7F}", "A", "\u{0D}@", "0"];
        let mut found = 0;
        for text in crate::test_texts::from_pieces(&pieces, 11, 20_000, 40) {
            let bytes = text.as_bytes();
            let expected = (1..bytes.len()).any(|index| bytes[index] == b'@' && is_ascii_word_byte(bytes[index - 1]));
            let has_at_sign = bytes.contains(&b'@');
            assert_eq!(has_at_after_name(bytes, has_at_sign), expected, "{text:?}");
            assert!(expected || remote_mentions(&text).is_empty(), "{text:?}");
            found += usize::from(expected);
        }
        assert!(found > 100, "{found}");
    }

    /// A text of ASCII chars without a CR is counted without a walk, as the
    /// walk counts it: every length, the wanted numbers just below, at and
    /// past it, and `@` at the start, after a name byte and after others;
    /// texts with a CR or a char that is not ASCII are walked.
    #[test]
    fn plain_ascii_census_matches_the_walk() {
        let pieces = [
            "a",
            "_",
            "@",
            "@@",
            "x@y.z",
            " @bob",
            "@b@example.social",
            "1",
            "#",
            "*",
            " ",
            "\n",
            "\t",
            "\u{7F}",
            "\r\n",
            "é",
        ];
        let numbers = [0, 1, 2, 3, 5, 8, 13, 21, 34, 55];
        let wanted = || -> Vec<(usize, Option<usize>)> {
            numbers.iter().chain(&[0, 4, 9, 40, 100]).map(|&number| (number, None)).collect()
        };
        let mut checked = 0;
        for text in crate::test_texts::from_pieces(&pieces, 5, 4000, 30) {
            let facts = MeasureFacts::from_byte_facts(ByteFacts::of(&text));
            assert_eq!(facts, MeasureFacts::of(&text), "{text:?}");
            let (mut fast_wanted, mut walked_wanted) = (wanted(), wanted());
            let fast = Census::with_facts(&text, facts, &mut fast_wanted, numbers.len());
            let walked =
                Census::walked(&text, facts.has_at_sign, text.contains('\r'), &mut walked_wanted, numbers.len());
            checked += usize::from(facts.ascii && !text.contains('\r'));
            let fields = |census: &Census<'_>| {
                (
                    census.chars,
                    census.graphemes,
                    census.utf16,
                    census.threads,
                    census.joins,
                    census.x_weight,
                    census.x_exact,
                    census.may_have_remote_mentions,
                    census.wanted.to_vec(),
                )
            };
            assert_eq!(fields(&fast), fields(&walked), "{text:?}");
        }
        assert!(checked > 1000, "{checked}");
    }

    /// Each two-byte char the census counts as plain is what the walk's
    /// char-by-char tests say of it, and the run reader stops at the first
    /// char that is not.
    #[test]
    fn plain_two_byte_chars_pass_the_walks_tests() {
        let x_config = crate::twitter::Config::v3();
        let mut plain_count = 0;
        for ch in ('\u{80}'..='\u{7FF}').filter(|&ch| ch.len_utf8() == 2) {
            let mut encoded = [0; 4];
            let bytes = ch.encode_utf8(&mut encoded).as_bytes();
            let plain = plain_two_byte_run(bytes) == 1;
            let lone_starter = ch < '\u{300}' || in_ranges(ch, &LONE_STARTERS);
            assert_eq!(plain, lone_starter && !crate::twitter::may_start_emoji_sequence(ch), "{ch:?}");
            if plain {
                plain_count += 1;
                assert!(!joins_a_neighbour(ch) && nfc_quick_check_class(ch) == Some(0), "{ch:?}");
                assert!(!crate::twitter::is_invalid_character(ch) && ch.len_utf16() == 1, "{ch:?}");
                assert_eq!(x_config.weight_of(ch), x_config.weight_of('a'), "{ch:?}");
                assert_eq!(crate::twitter::emoji_sequence_length(&format!("{ch}\u{FE0F}")), None, "{ch:?}");
            }
        }
        assert!(plain_count > 1000, "{plain_count}");
        for (text, expected) in
            [("", 0), ("a", 0), ("éé", 2), ("éa", 1), ("é\u{301}", 1), ("بب©", 2), ("ب®", 1), ("中", 0)]
        {
            assert_eq!(plain_two_byte_run(text.as_bytes()), expected, "{text:?}");
        }
    }

    #[test]
    fn ascii_prefix_length_finds_the_first_non_ascii_byte() {
        for text in ["", "abc", "abcdefgh", "abcdefghé", "é", "abcdefghijklmnopé12", "abcdefghijklmnop"] {
            let expected = text.bytes().position(|byte| !byte.is_ascii()).unwrap_or(text.len());
            assert_eq!(ascii_prefix_length(text.as_bytes()), expected, "{text:?}");
        }
    }

    #[test]
    fn x_counts_the_domain_of_an_email_like_twitter_text() {
        let text = "Write to me@example.org today";
        assert_eq!(metrics(text, "x").length, crate::twitter::weighted_length(text).weighted_length);
    }

    /// The length of `text` in `unit` (not X's) and where it passes
    /// `limit`, one piece (char, grapheme, emoji sequence or special span)
    /// at a time: the simplest count, which [`walk`] and the census must agree with.
    fn walked_piece_by_piece(
        text: &str,
        unit: LengthUnit,
        limit: usize,
        entities: &[FoundEntity],
    ) -> (usize, Option<usize>) {
        let mut pieces: Vec<(usize, usize)> = Vec::new();
        match unit {
            LengthUnit::Weighted => unreachable!("X counts its own way"),
            LengthUnit::Bytes => pieces.extend(text.char_indices().map(|(offset, ch)| (offset, ch.len_utf8()))),
            LengthUnit::Utf16 => pieces.extend(text.char_indices().map(|(offset, ch)| (offset, ch.len_utf16()))),
            LengthUnit::Graphemes => pieces.extend(text.grapheme_indices(true).map(|(offset, _)| (offset, 1))),
            LengthUnit::MastodonGraphemes => {
                let mut cursor = 0;
                for (span, weight) in mastodon_special_spans(entities, &remote_mentions(text)) {
                    if span.start >= cursor {
                        let between = text[cursor..span.start].grapheme_indices(true);
                        pieces.extend(between.map(|(offset, _)| (cursor + offset, 1)));
                        pieces.push((span.start, weight));
                        cursor = span.end;
                    }
                }
                pieces.extend(text[cursor..].grapheme_indices(true).map(|(offset, _)| (cursor + offset, 1)));
            }
            LengthUnit::ThreadsCharacters => {
                let mut offset = 0;
                while let Some(ch) = text[offset..].chars().next() {
                    let sequence = crate::twitter::emoji_sequence_length(&text[offset..]);
                    pieces.push((offset, sequence.unwrap_or(1)));
                    offset += sequence.unwrap_or(ch.len_utf8());
                }
            }
        }
        let mut total = 0;
        let mut overflow = None;
        for (offset, weight) in pieces {
            total += weight;
            if total > limit && overflow.is_none() {
                overflow = Some(offset);
            }
        }
        (total, overflow)
    }

    /// What one target's metrics are, walking the text for that target
    /// alone: the general path the plans and the census must agree with.
    fn walked(text: &str, target: PlatformTarget, entities: &[FoundEntity]) -> PlatformMetrics {
        let facts = target.platform.facts();
        let limit = target.limit.unwrap_or(facts.limit);
        let (length, overflow, unit_valid) = if facts.unit == LengthUnit::Weighted {
            let config = crate::twitter::Config { max_weighted_tweet_length: limit, ..crate::twitter::Config::v3() };
            let parsed = crate::twitter::weighted_length_with(text, &config);
            (parsed.weighted_length, (parsed.weighted_length > limit).then_some(parsed.valid_range.1), parsed.valid)
        } else {
            let (length, overflow) = walked_piece_by_piece(text, facts.unit, limit, entities);
            (length, overflow, true)
        };
        let count = |kind: EntityKind| entities.iter().filter(|entity| entity.kind == kind).count();
        let (mut mentions, mut links) = (count(EntityKind::Mention), count(EntityKind::Url));
        if target.platform == Platform::Mastodon && links > 0 {
            for (whole, _) in remote_mentions(text) {
                let overlapping = |kind: EntityKind| {
                    entities.iter().filter(|entity| entity.kind == kind && entity.span.overlaps(whole)).count()
                };
                links -= overlapping(EntityKind::Url);
                mentions += usize::from(overlapping(EntityKind::Mention) == 0);
            }
        }
        let forbidden = facts.forbidden.iter().any(|&ch| text.contains(ch));
        let fits_bytes = facts.byte_limit.is_none_or(|byte_limit| text.len() <= byte_limit);
        PlatformMetrics {
            platform: target.platform,
            unit: facts.unit,
            length,
            limit,
            remaining: limit as i64 - length as i64,
            valid: length <= limit && unit_valid && fits_bytes && !forbidden,
            hashtags: count(EntityKind::Hashtag),
            mentions,
            links,
            fold: OptionalOffset::new(
                facts.fold.and_then(|fold| text.grapheme_indices(true).nth(fold).map(|(offset, _)| offset)),
            ),
            overflow: OptionalOffset::new(overflow),
            bytes: OptionalOffset::new(facts.byte_limit.map(|_| text.len())),
        }
    }

    /// The plans (the guideline's, the one a draft names, and one made for
    /// a single draft) and the census's noted offsets give what walking the
    /// text for each target alone gives: every list of targets, in any
    /// order, with overrides and repeats, over texts of many lengths
    /// around the limits and folds.
    #[test]
    fn planned_metrics_match_walking_each_target() {
        let pieces = [
            "a",
            "bc ",
            "defghijk",
            "\r\n",
            "\r",
            "é",
            "e\u{301}",
            "بب ",
            "©",
            "👩\u{200D}👩\u{200D}👧",
            "👍🏽",
            "🇰🇪",
            "中文",
            "１２",
            "＃tag",
            "1\u{FE0F}\u{20E3}",
            " https://example.org/a/path ",
            " @anna@example.social ",
            " @bob ",
            " #tag",
            " <b>",
            "\u{FEFF}",
            " me@example.org ",
            "\u{0600}",
            "한",
            "ไทย",
            "\u{E48}",
            "ب\u{64E}\u{651}",
            "ب\u{651}\u{64E}",
            "\u{64B}",
            "\u{655}",
        ];
        let every: Vec<PlatformTarget> = Platform::ALL.into_iter().map(PlatformTarget::from).collect();
        let parse =
            |names: &str| -> Vec<PlatformTarget> { names.split(' ').map(|name| name.parse().unwrap()).collect() };
        let lists = [
            every.iter().rev().copied().collect(),
            parse("x:12 bluesky:9 mastodon:20 threads:7 instagram:11 tiktok:5 linkedin:6 facebook:4 youtube:30 youtube-title:8 pinterest:10 pinterest-title:8"),
            parse("instagram linkedin instagram:125 bluesky:125 linkedin:140 bluesky youtube-title:1"),
            parse("x mastodon:3 x:300 threads"),
            Vec::new(),
            every.clone(),
        ];
        let plans = PlatformPlans::new(&every);
        // The first list a draft names becomes the checker's second plan.
        plans.measure("", ByteFacts::default(), &lists[0], &[]);
        // Lengths from empty to past the largest fold and the overrides.
        for text in crate::test_texts::from_pieces(&pieces, 7, 1500, 70) {
            let entities = crate::entities::find(&text);
            for list in &lists {
                let expected: Vec<PlatformMetrics> =
                    list.iter().map(|&target| walked(&text, target, &entities)).collect();
                assert_eq!(plans.measure(&text, ByteFacts::of(&text), list, &entities), expected, "{text:?} {list:?}");
                assert_eq!(measure_platforms(&text, list, &entities), expected, "{text:?} {list:?}");
            }
        }
    }

    #[test]
    fn fold_falls_after_the_preview_characters() {
        let text = "x".repeat(130);
        assert_eq!(metrics(&text, "instagram").fold(), Some(125));
        assert_eq!(metrics("short", "instagram").fold(), None);
        assert_eq!(metrics(&text, "x").fold(), None, "X has no fold");
    }
}

#[cfg(test)]
mod may_join_tests {
    use super::{grapheme_count, may_join};
    use unicode_segmentation::UnicodeSegmentation;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Walking only the stretches around joining chars finds where each
        /// grapheme starts as segmenting the whole text does.
        #[test]
        fn grapheme_starts_match_full_segmentation(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "a", " ", "\r", "\n", "\r\n", "é", "e\u{301}", "\u{301}", "\u{200D}", "\u{FE0F}", "❤\u{FE0F}", "ببب", "®",
            "👩\u{200D}👩\u{200D}👧", "👍🏽", "🇰", "🇪", "1\u{FE0F}\u{20E3}", "\u{0600}1", "\u{1100}\u{1161}", "中",
        ]), 0..16), n in 0usize..20) {
            let text: String = pieces.concat();
            let expected = text.grapheme_indices(true).nth(n).map(|(offset, _)| offset);
            let mut wanted = [(n, None)];
            super::Census::new(&text, &mut wanted, 1);
            proptest::prop_assert_eq!(wanted[0].1, expected, "{:?} {}", text, n);
        }

        /// Segmenting only the stretches around joining chars counts what
        /// segmenting the whole text does.
        #[test]
        fn grapheme_counts_match_full_segmentation(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "a", "b", " ", "\r", "\n", "\r\n", "é", "e\u{301}", "\u{301}", "\u{200D}", "\u{FE0F}", "❤", "❤\u{FE0F}",
            "👩\u{200D}👩\u{200D}👧", "👍🏽", "🏽", "🇰", "🇪", "🇰🇪🇰", "1\u{FE0F}\u{20E3}", "\u{0600}", "\u{0600}1",
            "한", "\u{1100}\u{1161}\u{11A8}", "\u{1100}", "\u{0E01}\u{0E33}", "क्\u{200D}ष", "\u{094D}", "中", "🏴\u{E0067}\u{E0062}\u{E007F}",
        ]), 0..24)) {
            let text: String = pieces.concat();
            proptest::prop_assert_eq!(grapheme_count(&text), text.graphemes(true).count(), "{:?}", text);
        }

        /// The census takes its X weight as X's count exactly when the text
        /// passes the NFC quick check (marks in canonical order, none that
        /// may compose) and has no char X refuses, as X's own normalization
        /// then leaves the text as it is.
        #[test]
        fn census_x_weight_is_exact_for_texts_that_pass_the_nfc_quick_check(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "a", "b ", "1", "é", "e\u{301}", "\u{301}", "\u{316}", "\u{64B}", "\u{651}", "\u{64E}", "ب", "\u{655}",
            "\u{E01}", "\u{E48}", "\u{E49}", "中", "👍🏽", "1\u{FE0F}\u{20E3}", "\u{20D0}", "\u{FEFF}", "\u{FFFE}", "\u{1D15E}",
        ]), 0..16)) {
            let text: String = pieces.concat();
            let census = super::Census::new(&text, &mut [], 0);
            let expected = crate::normalize::is_nfc_quick_yes_text(&text)
                && !text.chars().any(crate::twitter::is_invalid_character);
            proptest::prop_assert_eq!(census.x_exact, expected, "{:?}", text);
            if census.x_exact && !text.is_empty() {
                let counted = crate::twitter::weighted_length(&text).weighted_length;
                proptest::prop_assert_eq!(census.x_weight / 100, counted, "{:?}", text);
            }
        }

        /// The census counts graphemes on its walk, and finds where each
        /// starts, as segmenting the whole text does: ASCII runs of every length next to joining chars, CRs
        /// inside runs, and runs of eight bytes or more.
        #[test]
        fn census_graphemes_match_full_segmentation(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "a", "bc", "defghijk", "lmnopqrstuv", " ", "\r", "\n", "\r\n", "x\r\ny", "é", "e\u{301}", "\u{301}", "\u{200D}", "\u{FE0F}",
            "ببب", "Ωé", "©", "©\u{FE0F}", "ß\u{301}",
            "❤", "❤\u{FE0F}", "👩\u{200D}👩\u{200D}👧", "👍🏽", "🏽", "🇰", "🇪", "1\u{FE0F}\u{20E3}", "\u{0600}", "\u{0600}1",
            "한", "\u{1100}\u{1161}\u{11A8}", "\u{1100}", "\u{0E01}\u{0E33}", "क्\u{200D}ष", "\u{094D}", "中", "\u{E0067}",
        ]), 0..24)) {
            let text: String = pieces.concat();
            let mut wanted: Vec<(usize, Option<usize>)> = (0..30).map(|n| (n, None)).collect();
            let census = super::Census::new(&text, &mut wanted, 30);
            proptest::prop_assert_eq!(census.graphemes, text.graphemes(true).count(), "{:?}", text);
            for n in 0..30 {
                let expected = text.grapheme_indices(true).nth(n).map(|(offset, _)| offset);
                proptest::prop_assert_eq!(census.wanted[n], (n, expected), "{:?} {}", text, n);
            }
        }
    }

    /// The shortcuts give what the tables give.
    #[test]
    fn chars_below_the_combining_marks_and_in_the_stable_ranges_stay_in_nfc() {
        assert!(super::NFC_STABLE.windows(2).all(|pair| pair[0].1 < pair[1].0), "sorted, apart");
        let ranges = super::NFC_STABLE.iter().flat_map(|&(first, last)| first..=last);
        for ch in ('\0'..'\u{300}').chain(ranges) {
            assert_eq!(unicode_normalization::char::canonical_combining_class(ch), 0, "{ch:?}");
            assert_eq!(
                unicode_normalization::is_nfc_quick(std::iter::once(ch)),
                unicode_normalization::IsNormalized::Yes,
                "{ch:?}"
            );
        }
        for ch in ['\u{301}', '\u{340}', '\u{2000}', '\u{2126}', '\u{3099}', '\u{F900}', '\u{1D15E}', '\u{655}'] {
            assert_eq!(super::nfc_quick_check_class(ch), None, "{ch:?}");
        }
        for (ch, class) in [('\u{64B}', 27), ('\u{651}', 33), ('\u{E48}', 107), ('\u{20D0}', 230), ('\u{316}', 220)] {
            assert_eq!(super::nfc_quick_check_class(ch), Some(class), "{ch:?}");
        }
        for ch in ['中', 'ب', '’', '❤', 'é', '가', '\u{E40}', '\u{1F600}'] {
            assert_eq!(super::nfc_quick_check_class(ch), Some(0), "{ch:?}");
        }
    }

    /// The one search the census makes for most chars answers what the two
    /// it stands for answer.
    #[test]
    fn lone_starters_neither_join_nor_leave_nfc() {
        assert!(super::LONE_STARTERS.windows(2).all(|pair| pair[0].1 < pair[1].0), "sorted, apart");
        assert!(super::LONE_STARTERS.len() >= 10);
        let ranges = super::LONE_STARTERS.iter().flat_map(|&(first, last)| first..=last);
        for ch in ('\u{80}'..'\u{300}').chain(ranges) {
            assert!(!super::joins_a_neighbour(ch), "{ch:?}");
            assert_eq!(super::nfc_quick_check_class(ch), Some(0), "{ch:?}");
        }
        for ch in ['\u{301}', '\u{64B}', '\u{200D}', '\u{FE0F}', '\u{1F3FB}', '\u{2126}', '\u{1F1E6}'] {
            assert!(!super::in_ranges(ch, &super::LONE_STARTERS), "{ch:?}");
        }
    }

    /// Every char `may_join` lets through is a grapheme of its own, whatever
    /// surrounds it: the fast counts depend on it.
    #[test]
    fn every_other_char_stands_alone() {
        assert!(super::STANDS_ALONE.windows(2).all(|pair| pair[0].1 < pair[1].0), "sorted, apart");
        let mut wrong = Vec::new();
        for ch in ('\u{300}'..=char::MAX).filter(|&ch| !may_join(ch)) {
            let mut buffer = String::new();
            buffer.push('a');
            buffer.push(ch);
            buffer.push('a');
            buffer.push(ch);
            buffer.push(ch);
            if buffer.graphemes(true).count() != 5 {
                wrong.push(format!("{:04X}", ch as u32));
            }
        }
        assert!(wrong.is_empty(), "{} chars join a neighbour: {}", wrong.len(), wrong.join(" "));
    }
}
