//! One automaton for every literal term of every rule.
//!
//! Rules register their terms while the checker is compiled; checking a
//! draft then makes a single pass over its normalized text, whatever the
//! number of terms, and hands each rule the matches that stand on word
//! boundaries. The same pass finds the trigger words of code rules, so a
//! rule none of whose triggers occurs is skipped without reading the text.
//!
//! The automaton starts as aho-corasick's compact NFA, quick to build, which
//! is what a command that checks a few drafts wants. A checker that goes on
//! to search many drafts (a batch, an editor checking on every keystroke)
//! builds a DFA of the same patterns once ([`TermDfa`]): it takes a few
//! milliseconds and a megabyte or two, and then searches several times as
//! fast, with the same matches.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::document::{Document, NormalizedText};
use crate::span::Span;
use crate::term_dfa::TermDfa;

/// Where a term match is, and whose term it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TermHit {
    /// The registering rule's slot.
    pub(crate) slot: u32,
    /// Index of the term within that rule.
    pub(crate) term: u32,
    /// The match in the source text.
    pub(crate) span: Span,
    /// The match in the normalized text, when the search read that text
    /// (see [`TermHit::normalized`]).
    pub(crate) found_in_normalized: Option<Span>,
}

impl TermHit {
    /// The match in the normalized text. A search of the view leaves it to
    /// be mapped from the source only for the rules that read the
    /// normalized text around a match, so most drafts never make it.
    pub(crate) fn normalized(&self, document: &Document<'_>) -> Span {
        self.found_in_normalized.unwrap_or_else(|| document.normalized().span_from_source(self.span))
    }
}

/// Normalizes a term the way draft text is normalized, so the two compare.
pub(crate) fn normalize_term(term: &str) -> String {
    NormalizedText::new(term.trim()).as_str().to_owned()
}

/// Whether `ch` belongs to a word: letters, digits, marks and the underscore.
pub(crate) fn is_word_char(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '_' || crate::normalize::is_combining_mark(ch)
}

/// Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer,
/// Japanese kana, Han), where a term may start or end next to another letter
/// and an emoji sits inside a phrase rather than between words.
pub(crate) fn is_unspaced_script(ch: char) -> bool {
    matches!(ch,
        '\u{0E00}'..='\u{0EFF}' // Thai, Lao
        | '\u{1000}'..='\u{109F}' // Myanmar
        | '\u{1780}'..='\u{17FF}' // Khmer
        | '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' // Han
        | '\u{FF66}'..='\u{FF9F}' // halfwidth Katakana
        | '\u{20000}'..='\u{2FFFF}')
}

/// Whose a pattern is.
#[derive(Debug, Clone, Copy)]
enum Owner {
    /// Term number `term` of the terms rule in `slot`.
    Term { slot: u32, term: u32 },
    /// A trigger word of the code rule given this bit of a [`Triggered`] set.
    Trigger { bit: u32 },
}

/// Which gated rules had a trigger word in a draft: bit `n` for the rule
/// given bit `n`.
pub(crate) type Triggered = u64;

/// How many code rules can be gated by trigger words; rules past it just always run.
pub(crate) const MAX_GATED_RULES: u32 = Triggered::BITS;

/// Collects terms while rules are compiled.
#[derive(Default)]
pub(crate) struct TermIndexBuilder {
    patterns: Vec<String>,
    owners: Vec<Owner>,
    /// Whether each pattern must start / end on a word boundary.
    edges: Vec<(bool, bool)>,
}

/// Whether a pattern starting or ending with `ch` must meet a word boundary there.
fn needs_boundary(ch: Option<char>) -> bool {
    ch.is_some_and(|ch| is_word_char(ch) && !is_unspaced_script(ch))
}

impl TermIndexBuilder {
    /// Registers `term` as term number `term_index` of the rule in `slot`.
    /// Returns false for a term that normalizes to nothing.
    pub(crate) fn add(&mut self, slot: u32, term_index: u32, term: &str) -> bool {
        let normalized = normalize_term(term);
        if normalized.is_empty() {
            return false;
        }
        self.edges.push((needs_boundary(normalized.chars().next()), needs_boundary(normalized.chars().next_back())));
        self.patterns.push(normalized);
        self.owners.push(Owner::Term { slot, term: term_index });
        true
    }

    /// Registers `word` as a trigger of the rule given `bit`: matched
    /// anywhere in the normalized text, or only where a word starts.
    pub(crate) fn add_trigger(&mut self, bit: u32, word: &str, at_word_start: bool) {
        debug_assert!(bit < MAX_GATED_RULES);
        let normalized = normalize_term(word);
        if !normalized.is_empty() {
            self.edges.push((at_word_start && needs_boundary(normalized.chars().next()), false));
            self.patterns.push(normalized);
            self.owners.push(Owner::Trigger { bit });
        }
    }

    /// Builds the automaton.
    pub(crate) fn build(self) -> TermIndex {
        let automaton = if self.patterns.is_empty() { None } else { build_automaton(&self.patterns) };
        let hashtags = self.patterns.iter().map(|pattern| pattern.starts_with('#')).collect();
        TermIndex {
            automaton,
            faster: OnceLock::new(),
            searched: AtomicUsize::new(0),
            faster_after: FASTER_AFTER_BYTES,
            owners: self.owners,
            edges: self.edges,
            hashtags,
            patterns: self.patterns,
        }
    }
}

/// Text searched with the NFA after which the DFA is built: about 10 ms of
/// searching, a few times what building the DFA costs.
const FASTER_AFTER_BYTES: usize = 1 << 20;

fn build_automaton(patterns: &[String]) -> Option<AhoCorasick> {
    let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
    build_aho_corasick(AhoCorasickBuilder::new().match_kind(MatchKind::Standard), &patterns).ok()
}

/// Builds an automaton of `patterns`. Every automaton of the core is built
/// here, from the one pattern type: `AhoCorasickBuilder::build` is generic over
/// the patterns, and each type compiled a copy of its compiler into the
/// WebAssembly module.
pub(crate) fn build_aho_corasick(
    builder: &AhoCorasickBuilder,
    patterns: &[&str],
) -> Result<AhoCorasick, aho_corasick::BuildError> {
    builder.build(patterns)
}

/// The compiled automaton with each pattern's owner.
pub(crate) struct TermIndex {
    /// The automaton every checker starts with.
    automaton: Option<AhoCorasick>,
    /// A DFA of the same patterns, built once `faster_after` bytes were searched.
    faster: OnceLock<Option<TermDfa>>,
    /// Bytes searched so far, until `faster` is built.
    searched: AtomicUsize,
    faster_after: usize,
    owners: Vec<Owner>,
    /// Whether each pattern must start / end on a word boundary.
    edges: Vec<(bool, bool)>,
    /// Whether each pattern is a hashtag, which must match a whole hashtag.
    hashtags: Vec<bool>,
    patterns: Vec<String>,
}

impl TermIndex {
    /// The normalized patterns.
    pub(crate) fn patterns(&self) -> &[String] {
        &self.patterns
    }

    /// The DFA, once enough text was searched to repay building it
    /// (`length` more bytes are about to be).
    fn faster(&self, length: usize) -> Option<&TermDfa> {
        if let Some(faster) = self.faster.get() {
            return faster.as_ref();
        }
        if self.searched.fetch_add(length, Ordering::Relaxed) < self.faster_after {
            return None;
        }
        // Another thread may be building it: wait, it takes milliseconds.
        self.faster.get_or_init(|| TermDfa::new(&self.patterns)).as_ref()
    }

    /// Finds every term match on word boundaries, sorted by (slot, start,
    /// longest first), and returns which gated rules had a trigger word.
    pub(crate) fn find(&self, document: &Document<'_>, hits: &mut Vec<TermHit>) -> Triggered {
        let mut triggered: Triggered = 0;
        if self.automaton.is_none() {
            // No term and no trigger: the normalized text is not needed.
            return triggered;
        }
        let view = document.prose_view();
        match self.faster(view.len()) {
            // Most drafts normalize to their view in lowercase with a few runs
            // collapsed: the DFA reads the view as it would read the
            // normalized text, which is then made only for a draft with a hit.
            Some(dfa) if dfa.searches_views() && NormalizedText::changes_only_case_and_runs(view) => {
                self.search_view(dfa, document, hits, &mut triggered);
            }
            faster => self.search_normalized(faster, document, hits, &mut triggered),
        }
        crate::sort::sort_by_key(hits, |hit| (hit.slot, hit.span.start, std::cmp::Reverse(hit.span.end), hit.term));
        triggered
    }

    /// Searches the normalized text, with `dfa` or else the first automaton.
    fn search_normalized(
        &self,
        dfa: Option<&TermDfa>,
        document: &Document<'_>,
        hits: &mut Vec<TermHit>,
        triggered: &mut Triggered,
    ) {
        let normalized = document.normalized();
        let text = normalized.as_str();
        let mut found = |pattern: usize, start: usize, end: usize| {
            let normalized_span = Span::new(start, end);
            let span = || normalized.span_to_source(normalized_span);
            self.record(document, (text, false), pattern, normalized_span, span, hits, triggered);
        };
        match (dfa, &self.automaton) {
            (Some(dfa), _) => dfa.for_each_match(text.as_bytes(), found),
            (None, Some(automaton)) => {
                for matched in automaton.find_overlapping_iter(text) {
                    found(matched.pattern().as_usize(), matched.start(), matched.end());
                }
            }
            (None, None) => {}
        }
    }

    /// Searches the prose view with `dfa`, which must
    /// [`TermDfa::searches_views`], for a view that
    /// [`NormalizedText::changes_only_case_and_runs`]: the same matches as
    /// [`TermIndex::search_normalized`] finds.
    fn search_view(&self, dfa: &TermDfa, document: &Document<'_>, hits: &mut Vec<TermHit>, triggered: &mut Triggered) {
        let view = document.prose_view();
        let bytes = view.as_bytes();
        dfa.for_each_match(bytes, |pattern, _, end| {
            let span = Span::new(start_in_view(bytes, self.patterns[pattern].as_bytes(), end), end);
            self.record(document, (view, true), pattern, span, || span, hits, triggered);
        });
    }

    /// Records a match of `pattern` at `found` in `text` (the normalized
    /// text, or the view when the search read it and `in_view`) if it stands
    /// on the word boundaries the pattern needs: a trigger sets its bit, a
    /// term outside hashtags (or a hashtag term on a whole hashtag) becomes a
    /// hit. `source` maps the match to the source, when `text` is not the view.
    #[allow(clippy::too_many_arguments)]
    fn record(
        &self,
        document: &Document<'_>,
        (text, in_view): (&str, bool),
        pattern: usize,
        found: Span,
        source: impl FnOnce() -> Span,
        hits: &mut Vec<TermHit>,
        triggered: &mut Triggered,
    ) {
        let (start_edge, end_edge) = self.edges[pattern];
        // The char next to a match is the same in both texts, but for
        // case and white space, neither of which decides a word char.
        if start_edge && text[..found.start].chars().next_back().is_some_and(is_word_char) {
            return;
        }
        if end_edge && text[found.end..].chars().next().is_some_and(is_word_char) {
            return;
        }
        let (slot, term) = match self.owners[pattern] {
            Owner::Term { slot, term } => (slot, term),
            Owner::Trigger { bit } => {
                *triggered |= 1 << bit;
                return;
            }
        };
        let (span, found_in_normalized) = if in_view { (found, None) } else { (source(), Some(found)) };
        let hashtag = document.hashtag_containing(span);
        let fits = if self.hashtags[pattern] {
            hashtag.is_some_and(|hashtag| hashtag.span == span)
        } else {
            hashtag.is_none()
        };
        if fits {
            hits.push(TermHit { slot, term, span, found_in_normalized });
        }
    }
}

/// Where a match of `pattern` (normalized) that ends at `end` of the view
/// `bytes` starts, when the search read the view: each space of the pattern
/// stands for a run of white space there, each other byte for one byte.
fn start_in_view(bytes: &[u8], pattern: &[u8], end: usize) -> usize {
    let mut start = end;
    for &byte in pattern.iter().rev() {
        start = start.saturating_sub(1);
        if byte == b' ' {
            while start > 0 && bytes.get(start - 1).copied().is_some_and(crate::term_dfa::is_collapsed_space) {
                start -= 1;
            }
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::term_dfa::TermDfa;

    fn matches(terms: &[&str], text: &str) -> Vec<String> {
        let mut builder = TermIndexBuilder::default();
        for (index, term) in terms.iter().enumerate() {
            builder.add(0, index as u32, term);
        }
        let index = builder.build();
        let document = Document::new(text, Format::Text);
        let mut hits = Vec::new();
        index.find(&document, &mut hits);
        hits.iter().map(|hit| hit.span.slice(text).to_owned()).collect()
    }

    #[test]
    fn triggers_match_anywhere_and_set_their_bit() {
        let mut builder = TermIndexBuilder::default();
        builder.add(0, 0, "man");
        builder.add_trigger(3, "Born", false);
        builder.add_trigger(5, "digo", false);
        builder.add_trigger(7, "ad", true);
        let index = builder.build();
        let find = |text: &str| {
            let mut hits = Vec::new();
            let triggered = index.find(&Document::new(text, Format::Text), &mut hits);
            (triggered, hits.len())
        };
        assert_eq!(find("REBORN man"), (1 << 3, 1));
        assert_eq!(find("Usa el código"), (1 << 5, 0));
        assert_eq!(find("Read it (Ad) #ad"), (1 << 7, 0));
        assert_eq!(find("Read it, made of bread"), (0, 0));
        assert_eq!(find("nothing here"), (0, 0));
    }

    #[test]
    fn the_faster_automaton_finds_the_same_matches() {
        let terms = ["man", "third world", "world", "#spon", "残疾", "café", "don't"];
        let text = "A man, the Third World, #spon and #Spon, 他是残疾人, Cafe\u{301}, don’t; manpower world-wide";
        let mut builder = TermIndexBuilder::default();
        for (index, term) in terms.iter().enumerate() {
            builder.add(0, index as u32, term);
        }
        builder.add_trigger(2, "worl", false);
        let mut index = builder.build();
        index.faster_after = 2 * text.len();
        let document = Document::new(text, Format::Text);
        let mut runs = Vec::new();
        for _ in 0..4 {
            let mut hits = Vec::new();
            let triggered = index.find(&document, &mut hits);
            runs.push((triggered, hits));
        }
        assert!(index.faster.get().is_some_and(Option::is_some), "the DFA was built");
        assert_eq!(runs[0].1.len(), 8, "{:?}", runs[0]);
        assert_eq!(runs[0].0, 1 << 2);
        assert!(runs.iter().all(|run| *run == runs[0]));
    }

    /// The index of `terms_and_triggers` (a trigger is marked by a leading `^`).
    fn index_of(terms_and_triggers: &[&str]) -> TermIndex {
        let mut builder = TermIndexBuilder::default();
        for (index, term) in terms_and_triggers.iter().enumerate() {
            match term.strip_prefix('^') {
                Some(trigger) => builder.add_trigger(index as u32 % MAX_GATED_RULES, trigger, index % 2 == 0),
                None => {
                    builder.add(index as u32 % 3, index as u32, term);
                }
            }
        }
        builder.build()
    }

    /// A hit as the tests compare them: slot, term, span, normalized span.
    type ListedHit = (u32, u32, Span, Span);

    /// Hits and triggers as a search of the view finds them, and as a
    /// search of the normalized text does, when the view is one the search
    /// may read.
    fn both_searches(index: &TermIndex, text: &str) -> Option<[(Vec<ListedHit>, Triggered); 2]> {
        let dfa = TermDfa::new(&index.patterns).filter(TermDfa::searches_views)?;
        let document = Document::new(text, Format::Text);
        if !NormalizedText::changes_only_case_and_runs(document.prose_view()) {
            return None;
        }
        let (mut in_view, mut in_normalized) = ((Vec::new(), 0), (Vec::new(), 0));
        index.search_view(&dfa, &document, &mut in_view.0, &mut in_view.1);
        index.search_normalized(Some(&dfa), &document, &mut in_normalized.0, &mut in_normalized.1);
        assert!(in_view.0.iter().all(|hit| hit.found_in_normalized.is_none()), "normalized spans are mapped later");
        // Each hit with its span in both texts, in one order.
        let listed = |hits: &[TermHit]| {
            let mut listed: Vec<_> =
                hits.iter().map(|hit| (hit.slot, hit.term, hit.span, hit.normalized(&document))).collect();
            listed.sort_unstable_by_key(|&(slot, term, span, _)| (slot, term, span.start, span.end));
            listed
        };
        Some([(listed(&in_view.0), in_view.1), (listed(&in_normalized.0), in_normalized.1)])
    }

    #[test]
    fn the_view_is_searched_as_its_normalized_text() {
        let index = index_of(&["man", "third world", "save the poor", "#spon", "café", "don't", "^worl", "^ad"]);
        let text = "A MAN,  the Third\n\n  World; SAVE  the\tpoor #SPON café DON'T \u{1}\u{1}man https://x.org AD";
        let [in_view, in_normalized] = both_searches(&index, text).expect("a view the search reads");
        assert_eq!(in_view, in_normalized);
        assert_eq!(in_view.0.len(), 7, "{:?}", in_view.0);
        let spans: Vec<&str> = in_view.0.iter().map(|hit| hit.2.slice(text)).collect();
        assert!(spans.contains(&"Third\n\n  World") && spans.contains(&"SAVE  the\tpoor"), "{spans:?}");
        for text in ["Don’t", "CAFÉ", "a\u{A0}man", "İman"] {
            assert!(both_searches(&index, text).is_none(), "{text:?} normalizes more than case and runs");
        }
        assert!(TermDfa::new(&["a\u{1}b".to_owned()]).is_some_and(|dfa| !dfa.searches_views()));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3_000))]
        /// Wherever the search reads the view, it finds what a search of
        /// the normalized text finds: the same hits, spans in both texts
        /// and triggers.
        #[test]
        fn views_are_searched_as_normalized_texts(pieces in proptest::collection::vec((
            proptest::sample::select(vec![
                "man", "MAN", "Man", "a", "A", "the", "The", "world", "WORLD", "save", "poor", "'s", "-", "#", "#spon", "@",
                "x.org", "é", "É", "ß", "’", "\u{A0}", "残疾", "人", "😀", "ǅ", "\u{212A}", "_", "9", "",
            ]),
            proptest::sample::select(vec![" ", " ", "  ", "\n", "\t", "\r\n", " \u{B}\u{C}", "\u{1}", "\u{1}\u{1}", ".", ""]),
        ), 0..16)) {
            let text: String = pieces.iter().flat_map(|(word, separator)| [*word, *separator]).collect();
            let index = index_of(&[
                "man", "a man", "the world", "world", "save the poor", "#spon", "残疾", "é", "ß man", "^orl", "^the", "^a",
                "'s", "a-b",
            ]);
            if let Some([in_view, in_normalized]) = both_searches(&index, &text) {
                proptest::prop_assert_eq!(in_view, in_normalized, "{:?}", text);
            }
        }
    }

    proptest::proptest! {
        /// Rule files are checked for empty terms with `trim`, without normalizing.
        #[test]
        fn terms_normalize_to_nothing_exactly_when_all_white_space(
            term in "[ \t\n\r\u{0B}\u{0C}\u{1}\u{1C}\u{85}\u{A0}\u{2028}\u{3000}aÉ’-]{0,6}"
        ) {
            proptest::prop_assert_eq!(normalize_term(&term).is_empty(), term.trim().is_empty());
        }
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(matches(&["man"], "A man from Germany, a human, a MAN."), ["man", "MAN"]);
        assert_eq!(matches(&["man"], "The man's hat; man-made"), ["man", "man"]);
        assert!(matches(&["man"], "manpower mankind woman").is_empty());
    }

    #[test]
    fn never_inside_entities() {
        let text = "man.org @man #man https://x.org/man hi@man.org";
        assert!(matches(&["man"], text).is_empty(), "{:?}", matches(&["man"], text));
    }

    #[test]
    fn phrases_span_line_breaks_and_case() {
        assert_eq!(matches(&["save the poor"], "We SAVE the\n  poor."), ["SAVE the\n  poor"]);
        assert_eq!(matches(&["don't"], "Don’t go"), ["Don’t"]);
    }

    #[test]
    fn hashtag_terms_match_whole_hashtags_only() {
        assert_eq!(matches(&["#spon"], "#spon #sponsored #Spon."), ["#spon", "#Spon"]);
        assert!(matches(&["spon"], "#spon").is_empty());
    }

    #[test]
    fn overlapping_terms_all_reported() {
        assert_eq!(matches(&["third world", "world"], "Third World"), ["Third World", "World"]);
    }

    #[test]
    fn unspaced_scripts_match_inside_runs() {
        assert_eq!(matches(&["残疾"], "他是残疾人"), ["残疾"]);
        assert_eq!(matches(&["ñoño"], "el Ñoño dijo"), ["Ñoño"]);
        assert_eq!(matches(&["café"], "Cafe\u{301} café"), ["café"]);
    }
}
