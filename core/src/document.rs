//! A draft prepared for checking: prose regions, masked entities, sentences
//! and a normalized view for case-insensitive term matching.
//!
//! Everything here keeps UTF-8 byte offsets into the original text: the
//! prose view has exactly the source's length, and the normalized view keeps
//! a small table of anchors to map its offsets back.

use std::borrow::Cow;
use std::cell::{Cell, OnceCell};

use crate::byte_facts::{ByteCensus, ByteFacts};
use crate::emoji_tokens::Piece;
use crate::entities::{self, EntityKind, FoundEntity};
use crate::markdown;
use crate::rule::Facts;
use crate::sentence_bounds::sentence_starts;
use crate::small_list::SmallList;
use crate::span::Span;
use crate::twitter::Signs;

/// How a draft is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// Plain text, as typed into a social network's composer.
    #[default]
    Text,
    /// Markdown (CommonMark with tables, footnotes and front matter).
    Markdown,
}

impl Format {
    /// The name used in options and output (`text`, `markdown`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
        }
    }

    /// Parses `text`, `plain` or `markdown`/`md`.
    pub fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "text" | "plain" | "txt" => Some(Format::Text),
            "markdown" | "md" => Some(Format::Markdown),
            _ => None,
        }
    }
}

/// Byte written into the prose view over text that must never be checked as
/// prose: code, HTML, URLs, mentions, cashtags, e-mail addresses. It is a
/// control character, so no term and no word class matches it.
pub const MASK: u8 = 0x01;

/// An inline suppression comment found in the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// What the comment asks for.
    pub kind: DirectiveKind,
    /// The rule ids or pack names it names; empty means every rule.
    pub rules: Vec<String>,
    /// Where the comment is.
    pub span: Span,
}

/// The kinds of inline suppression comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `postlint-disable`: off from here until a matching enable.
    Disable,
    /// `postlint-enable`: back on.
    Enable,
    /// `postlint-disable-next-line`: off on the next line that has content.
    DisableNextLine,
}

/// A draft prepared for the rules.
pub struct Document<'a> {
    source: &'a str,
    format: Format,
    prose_view: Cow<'a, str>,
    entities: Vec<FoundEntity>,
    /// What one pass over the source's bytes found: the entity signs and
    /// the rules' first tests.
    byte_facts: ByteFacts,
    directives: Vec<Directive>,
    /// Ranges of inline Markdown images missing alt text, and link texts.
    markdown_facts: markdown::Facts,
    normalized: OnceCell<NormalizedText>,
    sentences: OnceCell<Vec<Span>>,
    capital_words: OnceCell<Vec<Word>>,
    /// The longest run of capitals, up to [`SHARED_CAPITAL_RUN`].
    capital_run: OnceCell<usize>,
    digit_cluster: OnceCell<usize>,
    emoji_pieces: OnceCell<Vec<Piece>>,
    possible_emoji: OnceCell<usize>,
}

impl<'a> Document<'a> {
    /// Prepares `source`, written in `format`.
    pub fn new(source: &'a str, format: Format) -> Self {
        // Entities are found in the prose only: a URL inside a code block is
        // code, not a link in the post.
        let byte_facts = ByteFacts::of(source);
        let signs = byte_facts.signs;
        let (prose_view, entities, directives, markdown_facts) = match format {
            Format::Text => {
                let entities = find_entities(source, signs);
                // Most posts have nothing to mask: the view is the source.
                let view = if nothing_to_mask(&entities) {
                    Cow::Borrowed(source)
                } else {
                    Cow::Owned(masked(source, &entities))
                };
                (view, entities, Vec::new(), markdown::Facts::default())
            }
            Format::Markdown => {
                let parsed = markdown::prose_view(source);
                // Markdown syntax is blanked whole chars at a time, so the view is UTF-8.
                let view = String::from_utf8(parsed.view).unwrap_or_else(|error| {
                    // Unreachable by construction; degrade to a fully masked view rather than panic.
                    "\u{1}".repeat(error.as_bytes().len())
                });
                // The source's signs bound the view's: its bytes are the source's, spaces, line breaks or masks.
                let entities = find_entities(&view, signs);
                let view = if nothing_to_mask(&entities) { view } else { masked(&view, &entities) };
                (Cow::Owned(view), entities, parsed.directives, parsed.facts)
            }
        };
        Document {
            source,
            format,
            prose_view,
            entities,
            byte_facts,
            directives,
            markdown_facts,
            normalized: OnceCell::new(),
            sentences: OnceCell::new(),
            capital_words: OnceCell::new(),
            capital_run: OnceCell::new(),
            digit_cluster: OnceCell::new(),
            emoji_pieces: OnceCell::new(),
            possible_emoji: OnceCell::new(),
        }
    }

    /// The original text.
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// The draft's format.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The source with everything that is not prose blanked out: Markdown
    /// syntax becomes spaces, code, HTML and entities become [`MASK`] bytes.
    /// Same length as the source, so offsets are shared.
    pub fn prose_view(&self) -> &str {
        &self.prose_view
    }

    /// Hashtags, mentions, URLs, cashtags and e-mail addresses in the prose.
    pub fn entities(&self) -> &[FoundEntity] {
        &self.entities
    }

    /// The entities of one kind.
    pub fn entities_of(&self, kind: EntityKind) -> impl Iterator<Item = &FoundEntity> {
        self.entities.iter().filter(move |entity| entity.kind == kind)
    }

    /// The hashtag whose span contains `span`, if any.
    pub fn hashtag_containing(&self, span: Span) -> Option<&FoundEntity> {
        let index = self.entities.partition_point(|entity| entity.span.end <= span.start);
        self.entities[index..]
            .iter()
            .take_while(|entity| entity.span.start <= span.start)
            .find(|entity| entity.kind == EntityKind::Hashtag && entity.span.contains(span))
    }

    /// Inline suppression comments (Markdown only).
    pub fn directives(&self) -> &[Directive] {
        &self.directives
    }

    /// Facts only Markdown has: images and link texts.
    pub fn markdown_facts(&self) -> &markdown::Facts {
        &self.markdown_facts
    }

    /// The lowercased, whitespace-collapsed view used for term matching.
    pub fn normalized(&self) -> &NormalizedText {
        self.normalized.get_or_init(|| NormalizedText::new(&self.prose_view))
    }

    /// Sentence spans over the prose view, trimmed of surrounding white space,
    /// skipping those with no letter or digit.
    pub fn sentences(&self) -> &[Span] {
        self.sentences.get_or_init(|| sentence_spans(&self.prose_view))
    }

    /// The words of the whole prose view in capitals and outside entities,
    /// as [`capital_words`] finds them: the capitals rules' second test, shared.
    pub(crate) fn capital_words(&self) -> &[Word] {
        self.capital_words.get_or_init(|| capital_words(&self.prose_view))
    }

    /// Whether the prose view has `length` capitals in a row: the capitals
    /// rules' first test, shared for lengths up to [`SHARED_CAPITAL_RUN`].
    pub(crate) fn has_capital_run(&self, length: usize) -> bool {
        if length > SHARED_CAPITAL_RUN {
            return may_have_capital_run(&self.prose_view, length);
        }
        *self.capital_run.get_or_init(|| longest_capital_run(&self.prose_view, SHARED_CAPITAL_RUN)) >= length
    }

    /// The prose view cut into emoji, words and spaces, for the two emoji
    /// rules to share.
    pub(crate) fn emoji_pieces(&self) -> &[Piece] {
        self.emoji_pieces.get_or_init(|| crate::emoji_tokens::pieces(&self.prose_view))
    }

    /// At most how many emoji the prose view holds, counted from lead bytes:
    /// the two emoji rules' first test, shared.
    pub(crate) fn possible_emoji_count(&self) -> usize {
        *self.possible_emoji.get_or_init(|| {
            if self.byte_census().has_lead_among(&crate::emoji_tokens::EMOJI_LEADS) {
                crate::emoji_tokens::possible_emoji_count(&self.prose_view)
            } else {
                0
            }
        })
    }

    /// The most digits in one number-like cluster of the prose view: the
    /// privacy detectors' first test, shared.
    pub(crate) fn digit_cluster(&self) -> usize {
        *self.digit_cluster.get_or_init(|| longest_digit_cluster(&self.prose_view))
    }

    /// Which lead bytes the source holds, from the pass over its bytes: the
    /// first tests of the emoji and character rules, shared (see [`ByteCensus`]).
    pub(crate) fn byte_census(&self) -> ByteCensus {
        self.byte_facts.census
    }

    /// What the pass over the source's bytes found.
    pub(crate) fn byte_facts(&self) -> ByteFacts {
        self.byte_facts
    }

    /// Signs the prose view may hold: those of the source, whose bytes the
    /// view's are where they are not spaces, line breaks or [`MASK`], so a
    /// sign absent here is absent from the view.
    pub(crate) fn prose_signs(&self) -> Signs {
        self.byte_facts.signs
    }

    /// The signs of the source.
    pub(crate) fn source_signs(&self) -> Signs {
        self.byte_facts.signs
    }

    /// The sentence containing `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<Span> {
        let sentences = self.sentences();
        let index = sentences.partition_point(|sentence| sentence.end <= offset);
        sentences.get(index).copied().filter(|sentence| sentence.start <= offset)
    }
}

impl Drop for Document<'_> {
    /// Gives the entity list and a masked prose view back for the next draft.
    fn drop(&mut self) {
        if (1..=LARGEST_SPARE_ENTITY_LIST).contains(&self.entities.capacity()) {
            let mut entities = std::mem::take(&mut self.entities);
            entities.clear();
            SPARE_ENTITY_LIST.set(entities);
        }
        if let Cow::Owned(view) = &mut self.prose_view {
            if view.capacity() <= LARGEST_SPARE_PROSE_VIEW {
                let mut view = std::mem::take(view);
                view.clear();
                SPARE_PROSE_VIEW.set(view);
            }
        }
    }
}

thread_local! {
    /// An empty entity list with room, kept between the drafts a thread
    /// checks: a draft takes it and its drop gives it back, so most drafts
    /// allocate no list of their own (an allocation and a free cost about
    /// as much as finding the entities of a short post).
    static SPARE_ENTITY_LIST: Cell<Vec<FoundEntity>> = const { Cell::new(Vec::new()) };
    /// An empty string with room for a masked prose view, kept the same way.
    static SPARE_PROSE_VIEW: Cell<String> = const { Cell::new(String::new()) };
}

/// The most entities a list kept for the next draft has room for: a
/// draft with thousands does not keep its memory.
const LARGEST_SPARE_ENTITY_LIST: usize = 64;

/// The most bytes a prose view kept for the next draft has room for.
const LARGEST_SPARE_PROSE_VIEW: usize = 16 * 1024;

/// The entities of `text`, whose signs are no more than `signs`, in the
/// spare list if a draft before has given one back.
fn find_entities(text: &str, signs: Signs) -> Vec<FoundEntity> {
    if signs.may_have_entities() {
        entities::find_with(text, signs, SPARE_ENTITY_LIST.take())
    } else {
        Vec::new()
    }
}

/// The longest run of capitals the capitals rules ask for: the prose view
/// is scanned once, up to the first run this long.
const SHARED_CAPITAL_RUN: usize = 4;

/// A run of [`MASK`] bytes to copy from.
const MASKS: &str = match std::str::from_utf8(&[MASK; 64]) {
    Ok(masks) => masks,
    Err(_) => panic!("MASK is ASCII"),
};

/// Whether [`masked`] would leave a view as it is: it has only hashtags.
fn nothing_to_mask(entities: &[FoundEntity]) -> bool {
    entities.iter().all(|entity| entity.kind == EntityKind::Hashtag)
}

/// `view` with every entity but hashtags blanked with [`MASK`] bytes.
/// Hashtags stay visible: rules about hashtags match them whole, and the
/// term index keeps other terms out of them.
fn masked(view: &str, entities: &[FoundEntity]) -> String {
    let mut masked = SPARE_PROSE_VIEW.take();
    masked.reserve(view.len());
    let mut cursor = 0;
    for entity in entities.iter().filter(|entity| entity.kind != EntityKind::Hashtag) {
        let start = entity.span.start.max(cursor);
        masked.push_str(&view[cursor..start]);
        let mut length = entity.span.end.saturating_sub(start);
        while length > 0 {
            let chunk = length.min(MASKS.len());
            masked.push_str(&MASKS[..chunk]);
            length -= chunk;
        }
        cursor = cursor.max(entity.span.end);
    }
    masked.push_str(&view[cursor..]);
    masked
}

/// The longest run of capitals in `text`, counted up to `enough`: the scan
/// stops at the first run that long. Capitals are looked for in ASCII and in
/// the two-byte range (Latin, Greek, Cyrillic); other scripts have no case
/// or are fancy text.
pub(crate) fn longest_capital_run(text: &str, enough: usize) -> usize {
    let bytes = text.as_bytes();
    let (mut run, mut longest) = (0usize, 0);
    let mut index = 0;
    while index < bytes.len() {
        if longest >= enough {
            return enough;
        }
        // Eight bytes at a time: which are ASCII capitals, as one bit each,
        // and the runs those bits make, from a table. Bytes of other chars
        // are not capitals, unless they lead a two-byte char that may be one.
        if let Some(chunk) = bytes.get(index..index + 8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            let low = word & !HIGH;
            let high = word & HIGH;
            // Lead bytes of the cased two-byte chars: their low seven bits reach
            // 0x80 with the first sum and not with the second.
            let cased_leads = || {
                low.wrapping_add(ONES * (0x100 - u64::from(FIRST_CASED_LEAD)))
                    & !low.wrapping_add(ONES * (0xFF - u64::from(LAST_CASED_LEAD)))
                    & high
            };
            if high == 0 || cased_leads() == 0 {
                let capitals = ascii_capitals(low) & !high;
                if capitals == 0 {
                    run = 0;
                } else {
                    let (leading, trailing, inner) = CAPITAL_RUNS[capital_bits(capitals)];
                    if leading == 8 {
                        run += 8;
                    } else {
                        longest = longest.max(run + usize::from(leading)).max(usize::from(inner));
                        run = usize::from(trailing);
                    }
                    longest = longest.max(run);
                }
                index += 8;
                continue;
            }
        }
        // A two-byte char that may be a capital, the bytes before it, or the
        // last few bytes: one char (or a byte inside a char the chunks cut).
        let byte = bytes[index];
        let (is_capital, width) = match byte {
            0x00..=0x7F => (byte.is_ascii_uppercase(), 1),
            // U+0580–U+07FF (Hebrew, Arabic, Syriac, Thaana, N'Ko): no case.
            0xD6..=0xDF => (false, 2),
            FIRST_CASED_LEAD..=LAST_CASED_LEAD => {
                let capital =
                    text.get(index..index + 2).and_then(|pair| pair.chars().next()).is_some_and(char::is_uppercase);
                (capital, 2)
            }
            0xE0..=0xEF => (false, 3),
            0xF0..=0xF4 => (false, 4),
            _ => (false, 1),
        };
        run = if is_capital { run + 1 } else { 0 };
        longest = longest.max(run);
        index += width;
    }
    longest.min(enough)
}

/// The high bit of each byte of `low` (eight bytes without their high bits)
/// that is an ASCII capital: without their high bits no sum carries into the
/// next byte, and the high bit is set where `b + 0x3F` reaches 0x80 (b ≥ 'A')
/// and `b + 0x25` does not (b ≤ 'Z').
fn ascii_capitals(low: u64) -> u64 {
    low.wrapping_add(ONES * 0x3F) & !low.wrapping_add(ONES * 0x25) & HIGH
}

/// The high bits of the eight bytes of `high_bits` as an 8-bit number, byte
/// `i` as bit `i`: the multiplication moves each into the top byte, in order.
fn capital_bits(high_bits: u64) -> usize {
    ((high_bits >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as usize
}

/// For each set of capitals among eight bytes (bit `i` for byte `i`): the
/// run of capitals that opens them, the run that closes them, and the
/// longest run among them.
const CAPITAL_RUNS: [(u8, u8, u8); 256] = capital_runs();

const fn capital_runs() -> [(u8, u8, u8); 256] {
    let mut table = [(0, 0, 0); 256];
    let mut bits = 0;
    while bits < 256 {
        let (mut leading, mut run, mut longest) = (0u8, 0u8, 0u8);
        let mut bit = 0;
        while bit < 8 {
            if bits >> bit & 1 == 1 {
                run += 1;
                if run > longest {
                    longest = run;
                }
                if run == bit + 1 {
                    leading = run;
                }
            } else {
                run = 0;
            }
            bit += 1;
        }
        table[bits as usize] = (leading, run, longest);
        bits += 1;
    }
    table
}

/// The most ASCII digits in one cluster of `text`: digits joined by short
/// runs of the separators numbers are written with (spaces, hyphens, dots,
/// slashes, parentheses, no-break spaces). Every number the privacy
/// detectors look for is such a cluster, so drafts whose longest cluster is
/// too short are skipped after one cheap pass, which the detectors share
/// through [`Document::digit_cluster`].
pub(crate) fn longest_digit_cluster(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut longest = 0;
    let mut index = 0;
    // Jump from digit to digit (most text has few), then walk the cluster.
    while let Some(digit) = find_byte(bytes, index, |byte| byte.is_ascii_digit()) {
        index = digit;
        let (mut digits, mut separators) = (0, 0);
        while let Some(&byte) = bytes.get(index) {
            if byte.is_ascii_digit() {
                digits += 1;
                separators = 0;
            } else if separators < 3
                && matches!(byte, b' ' | b'-' | b'.' | b'/' | b'(' | b')' | 0x80..=0xBF | 0xC2 | 0xE2)
            {
                // Continuation bytes stand in for no-break and narrow spaces; a
                // longer multi-byte char takes more than three bytes to pass.
                separators += 1;
            } else {
                break;
            }
            index += 1;
        }
        longest = longest.max(digits);
        index += 1;
    }
    longest
}

/// How many times `wanted` occurs in `bytes`. Tallies each of 32 lanes over
/// up to 255 chunks of 32 bytes and sums the lanes once, which the compiler
/// keeps in vector registers (summing each chunk on its own costs a
/// population count per chunk); the rest goes eight bytes at a time.
pub(crate) fn count_byte(bytes: &[u8], wanted: u8) -> usize {
    // WebAssembly without SIMD would run the lanes a byte at a time, with a
    // load and a store each: eight bytes at a time is faster there.
    if cfg!(target_arch = "wasm32") {
        return count_byte_by_words(bytes, wanted);
    }
    let mut chunks = bytes.chunks_exact(32);
    let mut count = 0;
    while chunks.len() > 0 {
        let mut lanes = [0u8; 32];
        // At most 255 per lane: the tallies fit in a byte.
        for chunk in chunks.by_ref().take(255) {
            for (lane, &byte) in lanes.iter_mut().zip(chunk) {
                *lane += u8::from(byte == wanted);
            }
        }
        count += lanes.iter().map(|&lane| usize::from(lane)).sum::<usize>();
    }
    count + count_byte_by_words(chunks.remainder(), wanted)
}

/// How many times `wanted` occurs in `bytes`, eight bytes at a time.
fn count_byte_by_words(bytes: &[u8], wanted: u8) -> usize {
    let mut count = 0;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let equal = bytes_equal(u64::from_le_bytes(word.try_into().unwrap_or_default()), wanted);
        count += ((equal >> 7).wrapping_mul(ONES) >> 56) as usize;
    }
    count + words.remainder().iter().filter(|&&byte| byte == wanted).count()
}

/// `0x01` in each byte of a word: eight bytes read as one little-endian
/// number, for tests on all eight at once.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte of a word.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `word` equal to `wanted`, exact: no borrow
/// crosses from one byte into the next.
pub(crate) fn bytes_equal(word: u64, wanted: u8) -> u64 {
    let difference = word ^ (ONES * u64::from(wanted));
    !((((difference & !HIGH) + !HIGH) | difference) & HIGH) & HIGH
}

/// The high bit of the first byte of `word` equal to `wanted`, and maybe of
/// some bytes after it (a borrow from the equal byte may flag them), never
/// of one before it: cheaper than [`bytes_equal`] for a search, which reads
/// only the first flagged byte.
pub(crate) fn first_bytes_equal(word: u64, wanted: u8) -> u64 {
    let difference = word ^ (ONES * u64::from(wanted));
    difference.wrapping_sub(ONES) & !difference & HIGH
}

/// The index of the first byte at or after `from` that `wanted` accepts,
/// eight bytes at a time, for bytes a few words apart: `in_word` gives the
/// high bit of the first byte of a word that `wanted` accepts, exactly, and
/// of none before it (bits after it are not read).
pub(crate) fn find_byte_by_words(
    bytes: &[u8],
    from: usize,
    in_word: impl Fn(u64) -> u64,
    wanted: impl Fn(u8) -> bool,
) -> Option<usize> {
    let mut index = from;
    while let Some(chunk) = bytes.get(index..index + 8) {
        let found = in_word(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
        if found != 0 {
            return Some(index + found.trailing_zeros() as usize / 8);
        }
        index += 8;
    }
    let rest = bytes.get(index..)?;
    rest.iter().position(|&byte| wanted(byte)).map(|position| index + position)
}

/// The index of the first byte at or after `from` that `wanted` accepts.
///
/// Whole 32-byte chunks are tested first with a loop the compiler
/// vectorises: the bytes detectors look for (digits, dots) are rare in prose.
pub(crate) fn find_byte(bytes: &[u8], from: usize, wanted: impl Fn(u8) -> bool + Copy) -> Option<usize> {
    let any_wanted = |chunk: &[u8; 32]| chunk.iter().fold(0u8, |any, &byte| any | u8::from(wanted(byte))) != 0;
    let chunk_at = |index: usize| bytes.get(index..index + 32).and_then(|chunk| <&[u8; 32]>::try_from(chunk).ok());
    let mut index = from;
    while let Some(chunk) = chunk_at(index) {
        if any_wanted(chunk) {
            break;
        }
        index += 32;
    }
    let rest = bytes.get(index..)?;
    // Fewer than 32 bytes left, as in most short texts: the text's last 32
    // bytes, some searched again, rule most of them out in one chunk.
    if rest.len() < 32 && chunk_at(bytes.len().saturating_sub(32)).is_some_and(|last| !any_wanted(last)) {
        return None;
    }
    rest.iter().position(|&byte| wanted(byte)).map(|position| index + position)
}

/// The first lead byte of the two-byte chars that may be capitals:
/// U+0080–U+057F (Latin, Greek, Cyrillic, Armenian) lead with 0xC2–0xD5.
const FIRST_CASED_LEAD: u8 = 0xC2;
/// The last lead byte of the two-byte chars that may be capitals.
const LAST_CASED_LEAD: u8 = 0xD5;

/// What every draft with two capitals in a row has, as rules with a capital
/// run as their first test name it: two ASCII capitals in a row, or the lead
/// byte of a two-byte char that may be a capital.
pub(crate) const CAPITAL_RUN_NEEDS: Facts = Facts::CAPITAL_PAIR.or(Facts::leads(&cased_leads()));

/// [`FIRST_CASED_LEAD`] to [`LAST_CASED_LEAD`], each.
const fn cased_leads() -> [u8; (LAST_CASED_LEAD - FIRST_CASED_LEAD + 1) as usize] {
    let mut leads = [0; (LAST_CASED_LEAD - FIRST_CASED_LEAD + 1) as usize];
    let mut index = 0;
    while index < leads.len() {
        leads[index] = FIRST_CASED_LEAD + index as u8;
        index += 1;
    }
    leads
}

/// Whether `text` has `length` capitals in a row.
pub(crate) fn may_have_capital_run(text: &str, length: usize) -> bool {
    longest_capital_run(text, length) >= length
}

/// A word of the prose: a run of letters, digits and inner apostrophes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word {
    /// Where it is.
    pub(crate) span: Span,
    /// Whether it has a capital and every letter is a capital (so words in
    /// scripts without case, such as Chinese, never are).
    pub(crate) capitals: bool,
    /// Whether it has a lowercase letter.
    pub(crate) lowercase: bool,
    /// Whether it is part of a hashtag, mention or other entity.
    pub(crate) entity: bool,
}

/// The words of `text` (a stretch of the prose view), with offsets relative
/// to `base`. Words right after `#` or `@`, or touching masked bytes, are
/// marked as entities: their case is the entity's business.
pub(crate) fn words(text: &str, base: usize) -> Vec<Word> {
    // About one word per six bytes in prose; bounded, so a huge draft grows as it goes.
    let mut found = Vec::with_capacity((text.len() / 6).min(512));
    let mut current: Option<(usize, bool, bool, bool)> = None; // (start, has capital, has lowercase, has uncased letter)
    let bytes = text.as_bytes();
    let flush = |current: &mut Option<(usize, bool, bool, bool)>, end: usize, found: &mut Vec<Word>| {
        if let Some((start, upper, lower, uncased)) = current.take() {
            found.push(finished_word(bytes, base, start, end, upper && !lower && !uncased, lower));
        }
    };
    let mut offset = 0;
    while offset < bytes.len() {
        let byte = bytes[offset];
        if byte.is_ascii_alphanumeric() {
            // A run of ASCII letters, digits and apostrophes, most of most words,
            // in one tight loop: each byte only adds to the case flags.
            let (start, mut upper, mut lower, uncased) = current.unwrap_or((offset, false, false, false));
            while let Some(&next) = bytes.get(offset) {
                if !(next.is_ascii_alphanumeric() || next == b'\'') {
                    break;
                }
                upper |= next.is_ascii_uppercase();
                lower |= next.is_ascii_lowercase();
                offset += 1;
            }
            current = Some((start, upper, lower, uncased));
            continue;
        }
        // Other ASCII, most of most drafts, without decoding: its letters all have case.
        let (word_char, is_upper, is_lower, is_uncased, width) = if byte < 0x80 {
            let word_char = byte.is_ascii_alphanumeric() || byte == b'\'' && current.is_some();
            (word_char, byte.is_ascii_uppercase(), byte.is_ascii_lowercase(), false, 1)
        } else {
            let ch = text[offset..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
            let word_char = ch.is_alphanumeric() || ch == '’' && current.is_some();
            let (is_upper, is_lower) = (ch.is_uppercase(), ch.is_lowercase());
            (word_char, is_upper, is_lower, ch.is_alphabetic() && !is_upper && !is_lower, ch.len_utf8())
        };
        if word_char {
            let (start, upper, lower, uncased) = current.unwrap_or((offset, false, false, false));
            current = Some((start, upper || is_upper, lower || is_lower, uncased || is_uncased));
        } else {
            flush(&mut current, offset, &mut found);
        }
        offset += width;
    }
    flush(&mut current, text.len(), &mut found);
    found
}

/// The word of `bytes` from `start` to `end` (where the run of word chars
/// stops), as [`words`] and [`capital_words`] report it.
fn finished_word(bytes: &[u8], base: usize, start: usize, end: usize, capitals: bool, lowercase: bool) -> Word {
    // Without its trailing apostrophes; compared as bytes, which is
    // cheaper than decoding chars around every word.
    let mut end = end;
    loop {
        let word = &bytes[start..end];
        if word.ends_with(b"'") {
            end -= 1;
        } else if word.ends_with("’".as_bytes()) {
            end -= "’".len();
        } else {
            break;
        }
    }
    let before = &bytes[..start];
    let entity = [b"#".as_slice(), b"@", &[MASK], "＃".as_bytes()].iter().any(|sign| before.ends_with(sign))
        || bytes.get(end) == Some(&MASK);
    Word { span: Span::new(base + start, base + end), capitals, lowercase, entity }
}

/// The words of `text` in capitals and not part of an entity: exactly those
/// of [`words`]`(text, 0)` with `capitals` set and `entity` not.
///
/// Every such word has a capital, so the scan jumps from one char that may
/// be a capital (an ASCII capital, any non-ASCII char) to the next, and
/// reads only the words around them: most words of a draft have none, and
/// reading every word cost six times as much.
pub(crate) fn capital_words(text: &str) -> Vec<Word> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    // `from` is always on a char boundary, so a byte from 0x80 found from it leads a char.
    while let Some(candidate) = next_possible_capital(bytes, from) {
        if bytes[candidate] >= 0x80 {
            let ch = text[candidate..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
            if !(ch.is_uppercase() && ch.is_alphanumeric()) {
                from = candidate + ch.len_utf8();
                continue;
            }
        } else if bytes.get(candidate + 1).is_some_and(u8::is_ascii_lowercase) {
            // A capital before a lowercase letter, as in most words with one:
            // the word is not in capitals. The search goes on after the two
            // letters, eight bytes at a time, rather than walking the rest of
            // the word; a later capital in it (“McDONALD”) reads the whole
            // word again and finds it not in capitals either.
            from = candidate + 2;
            continue;
        }
        let start = word_start(text, candidate);
        let (end, capitals) = read_word(text, start);
        if capitals {
            let word = finished_word(bytes, 0, start, end, true, false);
            if !word.entity {
                found.push(word);
            }
        }
        from = end;
    }
    found
}

/// The first byte at or after `from` that is an ASCII capital or not ASCII:
/// eight bytes at a time, as most jumps between capitals are a few words long.
fn next_possible_capital(bytes: &[u8], from: usize) -> Option<usize> {
    find_byte_by_words(
        bytes,
        from,
        |word| (word & HIGH) | ascii_capitals(word & !HIGH),
        |byte| byte.is_ascii_uppercase() || byte >= 0x80,
    )
}

/// Where the word holding the letter or digit at `at` starts, as [`words`]
/// reads forward: apostrophes continue a word but never start one, so it is
/// the first letter or digit of the run of letters, digits and apostrophes
/// that reaches `at`.
fn word_start(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let (mut start, mut cursor) = (at, at);
    while cursor > 0 {
        let previous = bytes[cursor - 1];
        let (is_alphanumeric, is_apostrophe, width) = if previous < 0x80 {
            (previous.is_ascii_alphanumeric(), previous == b'\'', 1)
        } else {
            let ch = text[..cursor].chars().next_back().unwrap_or(char::REPLACEMENT_CHARACTER);
            (ch.is_alphanumeric(), ch == '’', ch.len_utf8())
        };
        if !(is_alphanumeric || is_apostrophe) {
            break;
        }
        cursor -= width;
        if is_alphanumeric {
            start = cursor;
        }
    }
    start
}

/// Reads the word that starts at `start` (a letter or digit) as [`words`]
/// does: where its run of word chars stops, and whether it is in capitals.
fn read_word(text: &str, start: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let (mut upper, mut lower, mut uncased) = (false, false, false);
    let mut offset = start;
    while let Some(&byte) = bytes.get(offset) {
        if byte < 0x80 {
            if !(byte.is_ascii_alphanumeric() || byte == b'\'') {
                break;
            }
            upper |= byte.is_ascii_uppercase();
            lower |= byte.is_ascii_lowercase();
            offset += 1;
        } else {
            let ch = text[offset..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
            if !(ch.is_alphanumeric() || ch == '’') {
                break;
            }
            let (is_upper, is_lower) = (ch.is_uppercase(), ch.is_lowercase());
            upper |= is_upper;
            lower |= is_lower;
            uncased |= ch.is_alphabetic() && !is_upper && !is_lower;
            offset += ch.len_utf8();
        }
    }
    (offset, upper && !lower && !uncased)
}

fn sentence_spans(view: &str) -> Vec<Span> {
    use unicode_segmentation::UnicodeSegmentation;
    let mut spans = Vec::new();
    // Blank lines and list items end sentences even without punctuation,
    // which the Unicode algorithm does not know; so split into lines first
    // when a line ends without terminal punctuation.
    for (block_start, block) in split_blocks(view) {
        let mut add = |offset: usize, sentence: &str| {
            let trimmed_start = sentence.len() - sentence.trim_start().len();
            let trimmed = sentence.trim();
            if trimmed.chars().any(char::is_alphanumeric) {
                let start = block_start + offset + trimmed_start;
                spans.push(Span::new(start, start + trimmed.len()));
            }
        };
        if let Some(starts) = sentence_starts(block) {
            for (index, &start) in starts.iter().enumerate() {
                let end = starts.get(index + 1).copied().unwrap_or(block.len());
                add(start, &block[start..end]);
            }
        } else {
            for (offset, sentence) in block.split_sentence_bound_indices() {
                add(offset, sentence);
            }
        }
    }
    spans
}

/// Splits at line breaks that end a block: a blank line, or a line break
/// after which the next line starts a list item, heading or quote, or a
/// line that does not end in sentence punctuation but the next starts with
/// an uppercase letter or an emoji (social posts use line breaks as full stops).
fn split_blocks(view: &str) -> Vec<(usize, &str)> {
    let mut blocks = Vec::new();
    let mut start = 0;
    let bytes = view.as_bytes();
    let mut index = 0;
    while let Some(relative) = memchr::memchr(b'\n', &bytes[index..]) {
        let newline = index + relative;
        let next_line = &view[newline + 1..];
        let previous_line = view[start..newline].trim_end();
        let next_trimmed = next_line.trim_start_matches([' ', '\t', '\u{1}']);
        let ends_sentence = previous_line.ends_with(['.', '!', '?', ':', ';', '…']);
        let next_first = next_trimmed.chars().next();
        let breaks = next_trimmed.starts_with('\n')
            || next_trimmed.is_empty()
            || (!ends_sentence && next_first.is_some_and(|ch| ch.is_uppercase() || !ch.is_alphanumeric()));
        if breaks {
            blocks.push((start, &view[start..newline]));
            start = newline + 1;
        }
        index = newline + 1;
    }
    blocks.push((start, &view[start..]));
    blocks
}

/// The prose view lowercased, with white space runs collapsed to one space,
/// runs of masked bytes collapsed to one [`MASK`], and typographic
/// apostrophes and hyphens folded to ASCII. Offsets map back to the source
/// through [`NormalizedText::to_source`].
#[derive(Debug, Clone)]
pub struct NormalizedText {
    text: String,
    /// `(normalized offset, source offset)` pairs, one wherever the two
    /// stop moving in step; sorted by both. `(0, 0)` goes without saying,
    /// so a draft that needs no other anchor allocates none.
    anchors: Anchors,
}

/// The anchors of a [`NormalizedText`]. The first four are kept in place:
/// a draft that needs any usually needs only a few (a blank line collapsed,
/// a curly apostrophe), and a list on the heap cost an allocation a draft.
type Anchors = SmallList<(usize, usize), 4>;

/// Whether the eight bytes of `chunk` (little-endian) are all visible ASCII
/// or single spaces (a space first only if `space_allowed`), so that
/// normalizing copies them lowercased. If so, returns whether the last one is
/// a space. Bit tricks on the whole word instead of eight tests: most drafts
/// are mostly such bytes.
fn plain_ascii_chunk(chunk: u64, space_allowed: bool) -> Option<bool> {
    // No byte has its high bit set, and adding to a byte below 0x80 cannot
    // carry into the next one.
    let at_least_space = chunk.wrapping_add(ONES * (0x80 - 0x20)) & HIGH == HIGH;
    let at_most_tilde = chunk.wrapping_add(ONES) & HIGH == 0;
    if chunk & HIGH != 0 || !at_least_space || !at_most_tilde {
        return None;
    }
    let spaces = bytes_equal(chunk, b' ');
    let space_first = spaces & 0x80 != 0;
    if spaces & (spaces << 8) != 0 || (space_first && !space_allowed) {
        return None;
    }
    Some(spaces >> 56 != 0)
}

/// The ASCII sign a typographic apostrophe or hyphen is normalized to.
fn folded_sign(ch: char) -> Option<char> {
    match ch {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{FF07}' => Some('\''),
        '\u{2010}' | '\u{2011}' => Some('-'),
        _ => None,
    }
}

/// Whether normalizing leaves the non-ASCII `ch` as it is: it is not white
/// space nor a sign normalizing folds, and it is its own lowercase.
fn normalizes_to_itself(ch: char) -> bool {
    // Emoji and pictographs, and the Latin-1 lowercase letters (with `÷`),
    // the most frequent such chars in posts, without a case table look-up.
    if matches!(ch, '\u{1F000}'..='\u{1FAFF}' | '\u{DF}'..='\u{FF}') {
        return true;
    }
    let mut lowercase = ch.to_lowercase();
    !ch.is_whitespace() && folded_sign(ch).is_none() && lowercase.next() == Some(ch) && lowercase.next().is_none()
}

impl NormalizedText {
    /// Normalizes `view`.
    pub fn new(view: &str) -> Self {
        let bytes = view.as_bytes();
        let mut text = String::with_capacity(view.len());
        let mut anchors = Anchors::new((0, 0));
        // Offset difference (normalized minus source) since the last anchor.
        let mut delta: isize = 0;
        let mut previous_space = true;
        let mut previous_mask = false;
        let mut index = 0;
        while index < bytes.len() {
            let byte = bytes[index];
            if byte.is_ascii_graphic() || byte == b' ' && !previous_space {
                // A stretch of visible ASCII and single spaces, most of most
                // drafts, is copied lowercased in one go: both texts move in
                // step, so it needs no anchor.
                let start = index;
                let mut space_allowed = !previous_space;
                // Eight bytes at a time while they all qualify, then byte by byte.
                while let Some(chunk) = bytes.get(index..index + 8) {
                    let chunk = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
                    let Some(ends_in_space) = plain_ascii_chunk(chunk, space_allowed) else { break };
                    space_allowed = !ends_in_space;
                    index += 8;
                }
                while let Some(&next) = bytes.get(index) {
                    let is_graphic = next.is_ascii_graphic();
                    // Non-short-circuit: no branch per byte on what the byte is.
                    if !(is_graphic | ((next == b' ') & space_allowed)) {
                        break;
                    }
                    space_allowed = is_graphic;
                    index += 1;
                }
                let copied_from = text.len();
                text.push_str(&view[start..index]);
                text[copied_from..].make_ascii_lowercase();
                previous_space = !space_allowed;
                previous_mask = false;
                continue;
            }
            // Other ASCII is handled a byte at a time.
            let (is_space, is_mask, consumed) = if byte < 0x80 {
                match byte {
                    b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => (true, false, 1),
                    // A masked entity (a URL, a mention) is one run: taken whole.
                    MASK => (false, true, bytes[index..].iter().take_while(|&&next| next == MASK).count()),
                    _ => {
                        text.push(char::from(byte.to_ascii_lowercase()));
                        (false, false, 1)
                    }
                }
            } else {
                let ch = view[index..].chars().next().unwrap_or(' ');
                if ch.is_whitespace() {
                    (true, false, ch.len_utf8())
                } else {
                    match folded_sign(ch) {
                        Some(sign) => text.push(sign),
                        None => text.extend(ch.to_lowercase()),
                    }
                    (false, false, ch.len_utf8())
                }
            };
            if is_space {
                if !previous_space {
                    text.push(' ');
                }
            } else if is_mask && !previous_mask {
                text.push(MASK as char);
            }
            previous_space = is_space;
            previous_mask = is_mask;
            index += consumed;
            let new_delta = text.len() as isize - index as isize;
            if new_delta != delta {
                // Inside a collapsed run the normalized offset stands still;
                // only the run's last anchor can be looked up.
                match anchors.last_mut() {
                    Some(last) if last.0 == text.len() => last.1 = index,
                    // The first anchor at offset 0 takes the place of the unwritten (0, 0).
                    _ => anchors.push((text.len(), index)),
                }
                delta = new_delta;
            }
        }
        NormalizedText { text, anchors }
    }

    /// Whether normalizing `view` changes nothing but the case of ASCII
    /// letters and runs of ASCII white space and of [`MASK`] bytes: every
    /// other char is its own normalization. Offsets of the two texts then
    /// part only at those runs, so the term search can read the view itself
    /// (see [`crate::term_dfa::TermDfa::searches_views`]) and
    /// [`NormalizedText::span_from_source`] is exact.
    pub(crate) fn changes_only_case_and_runs(view: &str) -> bool {
        let bytes = view.as_bytes();
        let mut from = 0;
        // `from` is always on a char boundary, so a byte from 0x80 found from it leads a char.
        while let Some(at) = find_byte(bytes, from, |byte| byte >= 0x80) {
            let Some(ch) = view[at..].chars().next() else { return false };
            if !normalizes_to_itself(ch) {
                return false;
            }
            from = at + ch.len_utf8();
        }
        true
    }

    /// The normalized text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Maps an offset in the normalized text to the source.
    ///
    /// Exact at char boundaries of the normalized text that are also
    /// boundaries of source chars (all word boundaries are).
    pub fn to_source(&self, offset: usize) -> usize {
        let anchors = self.anchors.as_slice();
        let index = anchors.partition_point(|anchor| anchor.0 <= offset);
        let (normalized, source) = index.checked_sub(1).map_or((0, 0), |index| anchors[index]);
        source + (offset - normalized)
    }

    /// Maps a span of the source to the normalized text: the inverse of
    /// [`NormalizedText::span_to_source`] for spans that start and end next
    /// to a char other than white space or [`MASK`], when the view
    /// [`NormalizedText::changes_only_case_and_runs`] (the normalized text
    /// then falls behind the source only, at each run, and a source offset
    /// past a run is the offset its anchor records).
    pub(crate) fn span_from_source(&self, span: Span) -> Span {
        let from_source = |offset: usize| {
            let anchors = self.anchors.as_slice();
            let index = anchors.partition_point(|anchor| anchor.1 <= offset);
            let (normalized, source) = index.checked_sub(1).map_or((0, 0), |index| anchors[index]);
            normalized + (offset - source)
        };
        Span::new(from_source(span.start), from_source(span.end))
    }

    /// Maps a span of the normalized text to the source.
    pub fn span_to_source(&self, span: Span) -> Span {
        let start = self.to_source(span.start);
        // Map the end from the last char's start, so that an end just after
        // a collapsed space run does not swallow the run.
        let end = self.to_source(span.end);
        Span::new(start, end.max(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_bytes_and_digit_clusters() {
        let text = format!("{}7{}", "a".repeat(40), "b".repeat(3));
        assert_eq!(find_byte(text.as_bytes(), 0, |byte| byte.is_ascii_digit()), Some(40));
        assert_eq!(find_byte(text.as_bytes(), 41, |byte| byte.is_ascii_digit()), None);
        assert_eq!(find_byte(b"", 3, |byte| byte.is_ascii_digit()), None);
        assert_eq!(longest_digit_cluster("12 people, call (555) 010-2030 or 4 5"), 10);
        assert_eq!(longest_digit_cluster("1    2, 345"), 3, "four spaces break a cluster");
        assert_eq!(longest_digit_cluster("no digits"), 0);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3_000))]
        /// The first flagged byte is the first equal one, for words of bytes
        /// near the wanted one (where borrows and carries go wrong) and any.
        #[test]
        fn first_bytes_equal_flags_the_first_equal_byte(
            near in proptest::collection::vec(0u8..4, 8),
            any in proptest::prelude::any::<u64>(),
            wanted in proptest::prelude::any::<u8>(),
        ) {
            let near: Vec<u8> = near.iter().map(|offset| wanted.wrapping_add(*offset).wrapping_sub(1)).collect();
            for word in [u64::from_le_bytes(near.try_into().unwrap_or_default()), any] {
                let first = word.to_le_bytes().iter().position(|&byte| byte == wanted);
                let flagged = first_bytes_equal(word, wanted);
                let found = (flagged != 0).then(|| flagged.trailing_zeros() as usize / 8);
                proptest::prop_assert_eq!(found, first, "{:016x} {:02x}", word, wanted);
                proptest::prop_assert_eq!(flagged & !HIGH, 0);
            }
        }

        #[test]
        fn bytes_are_found_as_a_byte_wise_search_finds_them(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", " ", "0", "9", ".", "é", "\u{10FFFF}", "plain words, more words", "\u{1}",
            ]), 0..30),
            from in 0usize..120,
        ) {
            let text = pieces.concat();
            let bytes = text.as_bytes();
            let by_byte = |wanted: fn(u8) -> bool| {
                bytes.get(from..).and_then(|rest| rest.iter().position(|&byte| wanted(byte))).map(|at| from + at)
            };
            let digit: fn(u8) -> bool = |byte| byte.is_ascii_digit();
            let dot: fn(u8) -> bool = |byte| byte == b'.';
            let high: fn(u8) -> bool = |byte| byte >= 0x80;
            for wanted in [digit, dot, high] {
                proptest::prop_assert_eq!(find_byte(bytes, from, wanted), by_byte(wanted), "{:?} from {}", text, from);
            }
        }
    }

    #[test]
    fn digit_clusters_join_digits_over_number_separators() {
        assert!(longest_digit_cluster("call (555) 010-2030") >= 10);
        assert!(longest_digit_cluster("AB 12 34 56 C") >= 6);
        assert!(longest_digit_cluster("12 people, 34 dogs and 56 cats") < 6);
        assert!(longest_digit_cluster("07700\u{a0}900123") >= 11);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2_000))]
        /// The shared first tests, skipped on the census's word, give what a full scan of the view gives.
        #[test]
        fn census_gated_tests_are_the_full_scans(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", " ", "\n", "7", "12", "555 0102", "!", ":", "#tag", "@user", "https://t.co/a1b2", "me@x.org",
                "`12`", "<b>3</b>", "[9](https://x.org/9)", "🎉", "’", "©", "\u{FE0F}", "é", "°", "`é`", "<i>🎉</i>",
                "[𝐁](https://x.org/°)", "https://x.org/é", "@ʀ", "**ǝ**", "~~€~~", "# º", "\n",
            ]), 0..16),
            markdown: bool,
        ) {
            let text = pieces.concat();
            let document = Document::new(&text, if markdown { Format::Markdown } else { Format::Text });
            let view = document.prose_view();
            proptest::prop_assert_eq!(document.byte_census(), ByteCensus::of(&text));
            // Each lead byte of the view is one of the source's, so the census bounds the view.
            let census_of_view = ByteCensus::of(view);
            proptest::prop_assert_eq!(census_of_view.leads & !document.byte_census().leads, 0, "{:?}", text);
            // The entity pass's signs bound the view, and say what the source holds for plain text.
            let signs = document.prose_signs();
            proptest::prop_assert!(signs.has_exclamation_mark() || !view.contains('!'), "{:?}", text);
            proptest::prop_assert_eq!(document.source_signs(), crate::twitter::Signs::of(&text), "{:?}", text);
            proptest::prop_assert_eq!(document.digit_cluster(), longest_digit_cluster(view), "{:?}", text);
            proptest::prop_assert_eq!(
                document.possible_emoji_count(),
                crate::emoji_tokens::possible_emoji_count(view),
                "{:?}",
                text
            );
        }
    }

    #[test]
    fn words_mark_entities_and_case() {
        let text = "HELLO #World it's \u{1}\u{1} OK";
        let found: Vec<(&str, bool, bool)> =
            words(text, 0).iter().map(|word| (word.span.slice(text), word.capitals, word.entity)).collect();
        assert_eq!(
            found,
            [("HELLO", true, false), ("World", false, true), ("it's", false, false), ("OK", true, false)]
        );
    }

    /// `words` as first written, one char at a time: the byte-wise one must agree.
    fn words_by_char(text: &str) -> Vec<(Span, bool, bool, bool)> {
        let mut found = Vec::new();
        let mut current: Option<(usize, bool, bool, bool)> = None;
        let mut flush = |current: &mut Option<(usize, bool, bool, bool)>, end: usize| {
            if let Some((start, upper, lower, uncased)) = current.take() {
                let end = start + text[start..end].trim_end_matches(['\'', '’']).len();
                let before = text[..start].chars().next_back();
                let after = text[end..].chars().next();
                let entity = matches!(before, Some('#' | '@' | '＃' | '\u{1}')) || after == Some('\u{1}');
                found.push((Span::new(start, end), upper && !lower && !uncased, lower, entity));
            }
        };
        for (offset, ch) in text.char_indices() {
            if ch.is_alphanumeric() || matches!(ch, '\'' | '’') && current.is_some() {
                let (start, upper, lower, uncased) = current.unwrap_or((offset, false, false, false));
                let (is_upper, is_lower) = (ch.is_uppercase(), ch.is_lowercase());
                let is_uncased = ch.is_alphabetic() && !is_upper && !is_lower;
                current = Some((start, upper || is_upper, lower || is_lower, uncased || is_uncased));
            } else {
                flush(&mut current, offset);
            }
        }
        flush(&mut current, text.len());
        found
    }

    proptest::proptest! {
        #[test]
        fn words_read_bytes_as_they_read_chars(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "a", "B", "7", " ", "'", "’", "#", "@", "＃", "\u{1}", "É", "é", "ß", "中", "ǅ", "ª", "١", "🎉", "-", "it's", "O’Neil",
        ]), 0..30)) {
            let text = pieces.concat();
            let found: Vec<(Span, bool, bool, bool)> =
                words(&text, 0).iter().map(|word| (word.span, word.capitals, word.lowercase, word.entity)).collect();
            proptest::prop_assert_eq!(found, words_by_char(&text), "{:?}", text);
        }
    }

    proptest::proptest! {
        #[test]
        fn capital_words_are_the_words_in_capitals(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "a", "B", "Z", "7", " ", "'", "’", "#", "@", "＃", "\u{1}", "É", "é", "ß", "中", "ǅ", "ª", "Ⅻ", "١", "🎉",
            "-", "NHS", "it's", "O’NEIL", "DON'T", "𝐀", "Ａ", "ÅB", "Ω", "ж", "Ж", "\n", "A1B2C", "xYZ", "''",
            "quite a long lowercase stretch ", "KEEP THE CLINIC OPEN ", "Thank You ", "iPhone", "McDONALD'S", "Ab'",
        ]), 0..30)) {
            let text = pieces.concat();
            let expected: Vec<Word> = words(&text, 0).into_iter().filter(|word| word.capitals && !word.entity).collect();
            proptest::prop_assert_eq!(capital_words(&text), expected, "{:?}", text);
        }
    }

    #[test]
    fn two_byte_chars_from_u0580_have_no_capitals() {
        assert!(('\u{580}'..='\u{7FF}').all(|ch| !ch.is_uppercase()));
        assert!("\u{580}".as_bytes()[0] == 0xD6 && "\u{57F}".as_bytes()[0] == 0xD5);
    }

    #[test]
    fn capital_bits_keep_each_byte_in_order() {
        for bits in 0..256usize {
            let high: u64 = (0..8).filter(|bit| bits >> bit & 1 == 1).map(|bit| 0x80u64 << (8 * bit)).sum();
            assert_eq!(capital_bits(high), bits, "{bits:08b}");
        }
        assert_eq!(CAPITAL_RUNS[0b0110_1110], (0, 0, 3));
        assert_eq!(CAPITAL_RUNS[0b1100_0111], (3, 2, 3));
        assert_eq!(CAPITAL_RUNS[0xFF], (8, 8, 8));
    }

    #[test]
    fn bytes_are_counted_in_chunks_and_the_rest() {
        for length in [0usize, 1, 31, 32, 33, 64, 95, 100] {
            let text: Vec<u8> = (0..length).map(|index| if index % 3 == 0 { b' ' } else { b'a' }).collect();
            assert_eq!(count_byte(&text, b' '), length.div_ceil(3), "{length}");
            assert_eq!(count_byte(&vec![b'!'; length], b'!'), length);
        }
        // More chunks than a lane's tally can hold before it is summed.
        for length in [255 * 32, 255 * 32 + 1, 600 * 32 + 45] {
            assert_eq!(count_byte(&vec![b' '; length], b' '), length, "{length}");
        }
    }

    proptest::proptest! {
        #[test]
        fn bytes_are_counted_as_one_at_a_time(
            bytes in proptest::collection::vec(proptest::sample::select(vec![0u8, 1, b' ', b'!', b'a', 0x7F, 0x80, 0xA0, 0xFF]), 0..120),
            wanted in proptest::sample::select(vec![0u8, b' ', b'!', 0x80, 0xFF]),
        ) {
            let one_at_a_time = bytes.iter().filter(|&&byte| byte == wanted).count();
            proptest::prop_assert_eq!(count_byte(&bytes, wanted), one_at_a_time);
            // What WebAssembly counts with, on its own.
            proptest::prop_assert_eq!(count_byte_by_words(&bytes, wanted), one_at_a_time);
        }
    }

    /// Capital runs counted char by char: ASCII and two-byte capitals count.
    fn longest_capital_run_by_char(text: &str) -> usize {
        let (mut run, mut longest) = (0, 0);
        for ch in text.chars() {
            run = if ch.len_utf8() <= 2 && ch.is_uppercase() { run + 1 } else { 0 };
            longest = longest.max(run);
        }
        longest
    }

    proptest::proptest! {
        #[test]
        fn capital_runs_read_bytes_as_they_read_chars(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "A", "B", "Z", "a", "z", "@", "[", " ", "É", "é", "Ω", "Ж", "Ա", "ب", "中", "🎉", "Ⓐ",
            // Longer than a chunk, so that whole chunks are skipped.
            "the quick brown fox jumps over the lazy dog, 0123456789", "NO LOWERCASE HERE AT ALL IN THIS PIECE OF TEXT",
            "AB", "ABC", "ABCDEFG", "@[`{", "\u{7F}", "xYz", "ÀÉÎ", "ÆØÅ ÐÞ", "\u{C0}\u{D7}\u{DE}", "ΑΒΓ", "ЖЗИЙ", "ԱԲ",
        ]), 0..24), enough in proptest::prop_oneof![1..10usize, proptest::strategy::Just(usize::MAX)]) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(
                longest_capital_run(&text, enough),
                longest_capital_run_by_char(&text).min(enough),
                "{:?} up to {}", text, enough
            );
        }
    }

    /// What the byte-by-byte loop of [`NormalizedText::new`] decides for
    /// eight bytes: all copied (and whether the last is a space), or not.
    fn plain_ascii_chunk_by_bytes(bytes: [u8; 8], mut space_allowed: bool) -> Option<bool> {
        for byte in bytes {
            let is_graphic = byte.is_ascii_graphic();
            if !(is_graphic || (byte == b' ' && space_allowed)) {
                return None;
            }
            space_allowed = is_graphic;
        }
        Some(!space_allowed)
    }

    proptest::proptest! {
        #[test]
        fn plain_ascii_chunks_are_read_as_bytes_are(
            // Mostly bytes that qualify, so that whole chunks often do.
            bytes in proptest::array::uniform8(proptest::sample::select(vec![
                b' ', b' ', b' ', b'a', b'Z', b'A', b'z', b'@', b'[', b'!', b'~', b'0', 0x7F, 0x1F, b'\t', 0x01, 0xC3,
            ])),
            space_allowed: bool,
        ) {
            proptest::prop_assert_eq!(
                plain_ascii_chunk(u64::from_le_bytes(bytes), space_allowed),
                plain_ascii_chunk_by_bytes(bytes, space_allowed),
                "{:?}", bytes
            );
        }
    }

    #[test]
    fn plain_ascii_chunks_of_five_bytes_in_every_order() {
        let alphabet = [b' ', b'a', b'~', 0x7F, 0x1F];
        for code in 0..alphabet.len().pow(8) {
            let mut bytes = [0; 8];
            let mut rest = code;
            for byte in &mut bytes {
                *byte = alphabet[rest % alphabet.len()];
                rest /= alphabet.len();
            }
            for space_allowed in [false, true] {
                assert_eq!(
                    plain_ascii_chunk(u64::from_le_bytes(bytes), space_allowed),
                    plain_ascii_chunk_by_bytes(bytes, space_allowed),
                    "{bytes:?}"
                );
            }
        }
    }

    /// [`NormalizedText::new`] a char at a time, with the `(0, 0)` anchor
    /// written out: the reference for its stretches, chunks and shortcuts.
    fn normalized_by_char(view: &str) -> (String, Vec<(usize, usize)>) {
        let mut text = String::new();
        let mut anchors = vec![(0, 0)];
        let mut delta: isize = 0;
        let (mut previous_space, mut previous_mask) = (true, false);
        for (index, ch) in view.char_indices() {
            let (is_space, is_mask) = (ch.is_whitespace(), ch == char::from(MASK));
            if is_space {
                if !previous_space {
                    text.push(' ');
                }
            } else if is_mask {
                if !previous_mask {
                    text.push(ch);
                }
            } else {
                match ch {
                    '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{FF07}' => text.push('\''),
                    '\u{2010}' | '\u{2011}' => text.push('-'),
                    _ => text.extend(ch.to_lowercase()),
                }
            }
            (previous_space, previous_mask) = (is_space, is_mask);
            let end = index + ch.len_utf8();
            let new_delta = text.len() as isize - end as isize;
            if new_delta != delta {
                match anchors.last_mut() {
                    Some(last) if last.0 == text.len() => last.1 = end,
                    _ => anchors.push((text.len(), end)),
                }
                delta = new_delta;
            }
        }
        (text, anchors)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3_000))]
        #[test]
        fn normalized_text_is_what_a_char_at_a_time_gives(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "a", "Z", " ", "  ", "\t", "\n", "\r\n", "\u{B}", "\u{1F}", "\u{7F}", "\u{1}", "\u{1}\u{1}\u{1}", "~", "#Tag",
            "The Quick Brown Fox, 12345", "ALL CAPS HERE AND THERE", "é", "É", "e\u{301}", "\u{A0}", "\u{2028}", "\u{3000}",
            "’", "‘", "ʼ", "＇", "‐", "‑", "—", "İ", "Σ", "ǅ", "Ω", "Ⅻ", "Ⓐ", "ⓐ", "→", "─", "✔", "⭐", "、", "中文", "한국",
            "Ａ", "ｆ", "\u{1F600}", "\u{1F44D}\u{1F3FD}", "\u{1F130}", "\u{1E900}", "\u{10400}", "\u{E0041}", "\u{FE0F}",
        ]), 0..30)) {
            let view = pieces.concat();
            let normalized = NormalizedText::new(&view);
            let (text, anchors) = normalized_by_char(&view);
            proptest::prop_assert_eq!(normalized.as_str(), text.as_str(), "{:?}", view);
            for offset in 0..=text.len() {
                let index = anchors.partition_point(|anchor| anchor.0 <= offset) - 1;
                let expected = anchors[index].1 + (offset - anchors[index].0);
                proptest::prop_assert_eq!(normalized.to_source(offset), expected, "{:?} at {}", view, offset);
            }
        }
    }

    #[test]
    fn chars_that_normalize_to_themselves() {
        let mut buffer = [0u8; 4];
        for ch in ('\u{80}'..=char::MAX).filter(|ch| !ch.is_ascii()) {
            let alone: &str = ch.encode_utf8(&mut buffer);
            assert_eq!(normalizes_to_itself(ch), NormalizedText::new(alone).as_str() == alone, "{ch:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2_000))]
        /// Where normalizing changes only case and runs, the normalized text
        /// is the view lowercased with its runs collapsed, and source spans
        /// of its words map back to their normalized spans.
        #[test]
        fn views_that_change_only_case_and_runs(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "a", "Z", " ", "  ", "\t", "\n", "\r\n", "\u{B}", "\u{1F}", "\u{1}", "\u{1}\u{1}", "~", "'", "Word",
            "é", "É", "ß", "÷", "\u{A0}", "’", "‐", "İ", "ǅ", "中文", "\u{1F600}", "\u{1F130}", "\u{10400}",
        ]), 0..20)) {
            let view = pieces.concat();
            let normalized = NormalizedText::new(&view);
            let only_case_and_runs = NormalizedText::changes_only_case_and_runs(&view);
            proptest::prop_assert_eq!(
                only_case_and_runs,
                view.chars().all(|ch| ch.is_ascii() || NormalizedText::new(&ch.to_string()).as_str() == ch.to_string()),
                "{:?}", view
            );
            if only_case_and_runs {
                let mut expected = String::new();
                for ch in view.to_ascii_lowercase().chars() {
                    let ch = if crate::term_dfa::is_collapsed_space(ch as u8) && ch.is_ascii() { ' ' } else { ch };
                    let repeated = expected.ends_with(ch) && (ch == ' ' || ch == char::from(MASK));
                    let leading_space = ch == ' ' && expected.is_empty();
                    if !repeated && !leading_space {
                        expected.push(ch);
                    }
                }
                proptest::prop_assert_eq!(normalized.as_str(), expected.as_str(), "{:?}", view);
                // Every span between chars other than white space and masks.
                let text = normalized.as_str();
                let bounds: Vec<usize> = (0..=text.len()).filter(|&at| text.is_char_boundary(at)).collect();
                let solid = |ch: Option<char>| ch.is_some_and(|ch| ch != ' ' && ch != char::from(MASK));
                for &start in bounds.iter().filter(|&&at| solid(text[at..].chars().next())) {
                    for &end in bounds.iter().filter(|&&at| at > start && solid(text[..at].chars().next_back())) {
                        let span = Span::new(start, end);
                        let source = normalized.span_to_source(span);
                        proptest::prop_assert_eq!(normalized.span_from_source(source), span, "{:?}", view);
                    }
                }
            }
        }
    }

    #[test]
    fn normalized_text_of_long_plain_stretches() {
        let source = "Plain ASCII text, Mixed Case  and double  spaces,\tTabs and 12345 digits; ending.";
        let normalized = NormalizedText::new(source);
        assert_eq!(
            normalized.as_str(),
            "plain ascii text, mixed case and double spaces, tabs and 12345 digits; ending."
        );
        let at = normalized.as_str().find("tabs").unwrap();
        assert_eq!(normalized.span_to_source(Span::new(at, at + 4)).slice(source), "Tabs");
        let at = normalized.as_str().find("ending").unwrap();
        assert_eq!(normalized.span_to_source(Span::new(at, at + 6)).slice(source), "ending");
    }

    fn masked(document: &Document) -> String {
        document.prose_view().replace('\u{1}', "#")
    }

    #[test]
    fn plain_text_masks_entities() {
        let document = Document::new("Hi @anna see https://x.org/man #man and me@x.org", Format::Text);
        assert_eq!(masked(&document), "Hi ##### see ################# #man and ########");
        assert!(document.hashtag_containing(Span::new(32, 35)).is_some());
        assert!(document.hashtag_containing(Span::new(36, 39)).is_none());
    }

    /// Drafts checked one after another on a thread reuse the entity list
    /// and the masked view the one before gave back: each gets what a
    /// fresh list and view give, whatever came before.
    #[test]
    fn reused_lists_and_views_hold_only_their_own_draft() {
        let many = "@a #b $C x.com ".repeat(40);
        let long = format!("{} @end", "word ".repeat(5_000));
        let texts = [
            "Hi @anna see https://x.org/man #man and me@x.org",
            &many,
            "#one",
            "",
            "no entities at all.",
            &long,
            "@short",
            "mail me@x.org",
            &many,
            "t.co/abc @x",
        ];
        for format in [Format::Text, Format::Markdown] {
            for text in texts.iter().chain(texts.iter().rev()) {
                let document = Document::new(text, format);
                let view_source = match format {
                    Format::Text => text.to_string(),
                    Format::Markdown => String::from_utf8(markdown::prose_view(text).view).unwrap(),
                };
                let expected = entities::find(&view_source);
                assert_eq!(document.entities(), &expected[..], "{text:?}");
                let mut fresh = view_source.clone();
                for entity in expected.iter().filter(|entity| entity.kind != EntityKind::Hashtag) {
                    fresh.replace_range(entity.span.start..entity.span.end, &"\u{1}".repeat(entity.span.len()));
                }
                assert_eq!(document.prose_view(), fresh, "{text:?}");
            }
        }
    }

    #[test]
    fn normalized_maps_back_through_collapsed_space_and_case() {
        let source = "Save  THE\n\tPoor İstanbul people";
        let document = Document::new(source, Format::Text);
        let normalized = document.normalized();
        assert_eq!(normalized.as_str(), "save the poor i\u{307}stanbul people");
        let at = normalized.as_str().find("poor").unwrap();
        let span = normalized.span_to_source(Span::new(at, at + 4));
        assert_eq!(span.slice(source), "Poor");
        let at = normalized.as_str().find("people").unwrap();
        let span = normalized.span_to_source(Span::new(at, at + 6));
        assert_eq!(span.slice(source), "people");
        let at = normalized.as_str().find("save the poor").unwrap();
        let span = normalized.span_to_source(Span::new(at, at + "save the poor".len()));
        assert_eq!(span.slice(source), "Save  THE\n\tPoor");
    }

    #[test]
    fn masked_entities_collapse_to_one_mask_and_map_back() {
        let source = "Read https://example.org/a  and  @team NOW";
        let document = Document::new(source, Format::Text);
        let normalized = document.normalized();
        let mask = char::from(MASK);
        assert_eq!(normalized.as_str(), format!("read {mask} and {mask} now"));
        let and = normalized.as_str().find("and").unwrap();
        assert_eq!(normalized.span_to_source(Span::new(and, and + 3)).slice(source), "and");
        let now = normalized.as_str().find("now").unwrap();
        assert_eq!(normalized.span_to_source(Span::new(now, now + 3)), Span::new(source.len() - 3, source.len()));
    }

    #[test]
    fn sentences_split_on_punctuation_and_line_breaks() {
        let source = "First one. Second one!\nThird line\nFourth 🎉\n\nFifth";
        let document = Document::new(source, Format::Text);
        let sentences: Vec<&str> = document.sentences().iter().map(|span| span.slice(source)).collect();
        assert_eq!(sentences, ["First one.", "Second one!", "Third line", "Fourth 🎉", "Fifth"]);
        assert_eq!(document.sentence_at(source.find("Second").unwrap()).unwrap().slice(source), "Second one!");
    }
}
