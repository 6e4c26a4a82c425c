//! Lowercase multi-word hashtags: `#worldhealthday` should be `#WorldHealthDay`.

use std::sync::LazyLock;

use crate::diagnostic::{Category, Fix, Severity};
use crate::entities::EntityKind;
use crate::rule::{CheckContext, Facts, Reporter, Rule, RuleMeta};
use crate::rules::MetaBuilder;
use crate::settings::Settings;

/// Common English words, sorted: enough to split the hashtags people write
/// (`worldhealthday` → world health day) without odd splits. Edited in
/// `hashtag_words.txt`, one per line, and embedded front-coded, which makes
/// the WebAssembly module about 10 KB smaller gzipped (see [`decode_word_list`]).
const WORDS_FRONT_CODED: &str = include_str!("hashtag_words_front_coded.txt");

/// The common words one per line, decoded once. The word lists below borrow
/// from it, so it is a static of its own rather than a local of their builder.
static WORDS_TEXT: LazyLock<String> = LazyLock::new(|| decode_word_list(WORDS_FRONT_CODED));

/// The common words in order, for the automaton.
static WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| WORDS_TEXT.lines().collect());

/// Whether `candidate` is in the list of common English words (which are
/// lowercase ASCII).
pub(crate) fn is_word(candidate: &str) -> bool {
    WORD_TRIE.contains(candidate.bytes())
}

/// Whether `candidate` with its ASCII capitals lowered is in the list of
/// common English words: the capitals rules look words in capitals up as
/// written, with no lowered copy.
pub(crate) fn is_word_when_lowered(candidate: &[u8]) -> bool {
    WORD_TRIE.contains(candidate.iter().map(u8::to_ascii_lowercase))
}

/// Single English words that the splitter would cut into listed pieces
/// (`bulletproof` → bullet + proof, `hatred` → hat + red): a hashtag that is one
/// of them is one word, not several. Our own list, built by checking which
/// real words split, sorted, none of them in the common-word list. Edited in
/// `hashtag_single_words.txt`, embedded front-coded like the common words.
const SINGLE_WORDS_FRONT_CODED: &str = include_str!("hashtag_single_words_front_coded.txt");

/// The single words one per line, decoded once.
static SINGLE_WORDS_TEXT: LazyLock<String> = LazyLock::new(|| decode_word_list(SINGLE_WORDS_FRONT_CODED));

/// The single words in order, for a binary search.
static SINGLE_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| SINGLE_WORDS_TEXT.lines().collect());

/// Whether `candidate` (lowercase ASCII) is one dictionary word that the
/// common-word list alone would split.
fn is_single_word(candidate: &str) -> bool {
    SINGLE_WORDS.binary_search(&candidate).is_ok()
}

/// Decodes a front-coded word list into its words, one per line.
///
/// Each word is stored as one capital letter, how many letters to take off
/// the end of the previous word (`A` none, `B` one, …), then the letters to
/// add: `AzoneAsDo` is zone, zones, zoo. The capital also ends the word before
/// it. Counting the letters taken off rather than those kept repeats with the
/// suffixes (`walking`, `walks` is `D` then `s`), so it gzips better: both
/// lists take 20.7 KB gzipped, where counting letters kept takes 21.4 KB (22.7
/// KB as digits and a line per word) and the plain lists 30.6 KB. Total on any
/// input, though it only ever sees our own lists.
fn decode_word_list(front_coded: &str) -> String {
    let mut words = String::with_capacity(2 * front_coded.len());
    let mut word = String::new();
    // Each count ends the word before it; one more count ends the last word.
    for letter in front_coded.trim_end().chars().chain(['A']) {
        if letter.is_ascii_uppercase() {
            if !word.is_empty() {
                words.push_str(&word);
                words.push('\n');
            }
            // By letters, not bytes, so no cut can fall inside a character.
            for _ in 0..u32::from(letter) - u32::from('A') {
                word.pop();
            }
        } else {
            word.push(letter);
        }
    }
    words
}

/// Longest word the list may hold: [`split_words_with`] notes the words at
/// a position as a bit per length, in 32 bits.
const LONGEST_WORD: usize = 24;
const _: () = assert!(LONGEST_WORD <= 32);

/// Short words that glue hashtags together; a split that uses them is more likely right.
/// Sorted, none longer than four letters: every word found in a hashtag is looked up.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "my", "no", "not", "of", "on",
    "or", "our", "so", "the", "to", "up", "us", "we", "with", "you", "your",
];

/// Every listed word in one trie, so a hashtag's words starting at each
/// letter are found by walking forward from it, with no automaton search,
/// no list of matches to sort and no allocation. Built the first time a
/// draft has a lowercase hashtag: 18,000 nodes of 8 bytes, where
/// aho-corasick's NFA of the same words took 0.4 MB.
static WORD_TRIE: LazyLock<WordTrie> = LazyLock::new(|| WordTrie::new(&WORDS));

/// A trie of lowercase ASCII words. Each node keeps a bit per letter that
/// has a child, and its children side by side in letter order, so a child
/// is found by counting the bits below its letter.
struct WordTrie {
    /// The root first; every node's children are contiguous.
    nodes: Vec<TrieNode>,
}

#[derive(Debug, Clone, Copy, Default)]
struct TrieNode {
    /// Bit `n` for a child on letter `a + n`, and [`WORD_ENDS_HERE`].
    children: u32,
    /// Index of the first child in [`WordTrie::nodes`].
    first_child: u32,
}

/// The bit of [`TrieNode::children`] set where a word ends.
const WORD_ENDS_HERE: u32 = 1 << 31;

impl WordTrie {
    /// Builds the trie of `words`; words with anything but the letters a
    /// to z are left out, as a lowercase hashtag can never hold them, and
    /// so are words longer than [`LONGEST_WORD`] (the list has none).
    fn new(words: &[&str]) -> WordTrie {
        let mut words: Vec<&[u8]> = words
            .iter()
            .map(|word| word.as_bytes())
            .filter(|word| word.len() <= LONGEST_WORD && word.iter().all(u8::is_ascii_lowercase))
            .collect();
        words.sort_unstable();
        words.dedup();
        let mut nodes = vec![TrieNode::default()];
        // Breadth first, each node with the sorted words under it (which
        // share their first `depth` letters): the words one letter longer
        // group by that letter, and each group is a child.
        let mut queue = std::collections::VecDeque::from([(0usize, 0usize, words.len(), 0usize)]);
        while let Some((node, first, end, depth)) = queue.pop_front() {
            let mut index = first;
            if words.get(index).is_some_and(|word| word.len() == depth) {
                nodes[node].children |= WORD_ENDS_HERE;
                index += 1;
            }
            nodes[node].first_child = nodes.len() as u32;
            while index < end {
                let letter = words[index][depth];
                let group_end = index + words[index..end].iter().take_while(|word| word[depth] == letter).count();
                nodes[node].children |= 1 << (letter - b'a');
                queue.push_back((nodes.len(), index, group_end, depth + 1));
                nodes.push(TrieNode::default());
                index = group_end;
            }
        }
        WordTrie { nodes }
    }
}

/// Where [`split_words_with`] gets the listed words that start at a letter.
trait WordSource {
    /// Calls `found(end)` for every listed word `text[start..end]`; no word
    /// is longer than [`LONGEST_WORD`].
    fn for_each_word_from(&self, text: &[u8], start: usize, found: impl FnMut(usize));
}

impl WordTrie {
    /// The node `byte` leads to from `node`, if any word goes on with it.
    fn child(&self, node: TrieNode, byte: u8) -> Option<TrieNode> {
        let letter = byte.wrapping_sub(b'a');
        if letter >= 26 {
            return None;
        }
        let bit = 1u32 << letter;
        if node.children & bit == 0 {
            return None;
        }
        let child = node.first_child + (node.children & (bit - 1)).count_ones();
        self.nodes.get(child as usize).copied()
    }

    /// Whether `word` is one of the trie's words: a walk of its letters,
    /// cheaper than hashing it.
    fn contains(&self, word: impl IntoIterator<Item = u8>) -> bool {
        let Some(mut node) = self.nodes.first().copied() else { return false };
        for byte in word {
            let Some(next) = self.child(node, byte) else { return false };
            node = next;
        }
        node.children & WORD_ENDS_HERE != 0
    }
}

impl WordSource for WordTrie {
    fn for_each_word_from(&self, text: &[u8], start: usize, mut found: impl FnMut(usize)) {
        let Some(mut node) = self.nodes.first().copied() else { return };
        for (end, &byte) in text.iter().enumerate().skip(start) {
            let Some(next) = self.child(node, byte) else { return };
            node = next;
            if node.children & WORD_ENDS_HERE != 0 {
                found(end + 1);
            }
        }
    }
}

/// The longest hashtag that [`split_words`] splits.
const LONGEST_SPLIT: usize = 80;

/// Splits a lowercase ASCII run into the fewest listed words (ties: the
/// split whose first word is longest), or `None` when it is one word or
/// cannot be split. A one-letter word inside a split makes it too unsure.
pub(crate) fn split_words(text: &str) -> Option<Vec<&str>> {
    split_words_with(text, &*WORD_TRIE)
}

/// [`split_words`], with the listed words found by `words`.
///
/// Only the positions that listed words lead to from the start can be on a
/// split, so they are found first, and the dynamic programme looks only at
/// them: most lowercase hashtags are one listed word, or have no split at
/// all, and end there. Tests compare it with [`split_words_at_every_start`],
/// the programme over every position.
fn split_words_with<'t>(text: &'t str, words: &impl WordSource) -> Option<Vec<&'t str>> {
    let length = text.len();
    if !(5..=LONGEST_SPLIT).contains(&length) || !text.bytes().all(|byte| byte.is_ascii_lowercase()) {
        return None;
    }
    // Bit `i`: a split of text[..i] into listed words exists.
    let mut reachable: u128 = 1;
    // The words found at each reachable start, for the programme to use
    // without walking the trie again.
    let mut found = FoundWords { lengths: [0; LONGEST_SPLIT] };
    let mut start = 0;
    loop {
        let mut lengths = 0u32;
        words.for_each_word_from(text.as_bytes(), start, |end| {
            reachable |= 1 << end;
            lengths |= 1u32.checked_shl((end - start - 1) as u32).unwrap_or(0);
        });
        found.lengths[start] = lengths;
        // One listed word: no split has fewer words.
        if start == 0 && reachable >> length & 1 != 0 {
            return None;
        }
        let later = reachable & !((2 << start) - 1);
        if later == 0 {
            break;
        }
        start = later.trailing_zeros() as usize;
        if start >= length {
            break;
        }
    }
    if reachable >> length & 1 == 0 {
        return None;
    }
    best_split(text, &found, reachable)
}

/// The listed words at each position of a text, as [`split_words_with`]
/// found them: bit `k` of `lengths[start]` for the word of `k + 1` letters.
struct FoundWords {
    lengths: [u32; LONGEST_SPLIT],
}

impl WordSource for FoundWords {
    fn for_each_word_from(&self, _: &[u8], start: usize, mut found: impl FnMut(usize)) {
        let mut lengths = self.lengths.get(start).copied().unwrap_or(0);
        while lengths != 0 {
            found(start + lengths.trailing_zeros() as usize + 1);
            lengths &= lengths - 1;
        }
    }
}

/// The best split of `text`, from the dynamic programme over the starts
/// whose bit `reachable` sets (bit `i` for `text[i..]`); the others are
/// left out as if no split started there.
fn best_split<'t>(text: &'t str, words: &impl WordSource, reachable: u128) -> Option<Vec<&'t str>> {
    let length = text.len();
    // best[i]: the best split of text[i..] as (words, function words, end of
    // the first word). Fewest words wins; among equals, the split with more
    // function words reads right ("be the shine", not "bet he shine";
    // "for the", not "fort he"), then the longer first word. Every
    // candidate of a start has its own end, so the order they come in does
    // not matter.
    let mut best: [Option<(u8, u8, u8)>; LONGEST_SPLIT + 1] = [None; LONGEST_SPLIT + 1];
    best[length] = Some((0, 0, length as u8));
    for start in (0..length).rev() {
        if reachable >> start & 1 == 0 {
            continue;
        }
        let mut best_here: Option<(u8, u8, u8)> = None;
        words.for_each_word_from(text.as_bytes(), start, |end| {
            let Some((count, function, _)) = best[end] else { return };
            let candidate = (count + 1, function + u8::from(is_function_word(&text[start..end])), end as u8);
            let better = match best_here {
                None => true,
                Some(current) => {
                    (candidate.0, std::cmp::Reverse(candidate.1), std::cmp::Reverse(candidate.2))
                        < (current.0, std::cmp::Reverse(current.1), std::cmp::Reverse(current.2))
                }
            };
            if better {
                best_here = Some(candidate);
            }
        });
        best[start] = best_here;
    }
    let (count, _, _) = best[0]?;
    if count < 2 {
        return None;
    }
    let mut split = Vec::with_capacity(usize::from(count));
    let mut start = 0;
    while start < length {
        let (_, _, end) = best[start]?;
        let end = usize::from(end);
        split.push(&text[start..end]);
        start = end;
    }
    if split.iter().any(|word| word.len() == 1) {
        return None;
    }
    Some(split)
}

/// [`split_words_with`] the plain way, the dynamic programme over every
/// start: the reference for the tests.
#[cfg(test)]
fn split_words_at_every_start<'t>(text: &'t str, words: &impl WordSource) -> Option<Vec<&'t str>> {
    if !(5..=LONGEST_SPLIT).contains(&text.len()) || !text.bytes().all(|byte| byte.is_ascii_lowercase()) {
        return None;
    }
    best_split(text, words, u128::MAX)
}

/// Whether `word` is one of [`FUNCTION_WORDS`].
fn is_function_word(word: &str) -> bool {
    word.len() <= 4 && FUNCTION_WORDS.binary_search(&word).is_ok()
}

/// CamelCase of a split: `["world", "health", "day"]` → `WorldHealthDay`.
#[cfg(test)]
fn camel_case(words: &[&str]) -> String {
    let mut camel = String::new();
    push_camel_case(&mut camel, words);
    camel
}

/// Appends the CamelCase of a split to `out`, with no string per word.
fn push_camel_case(out: &mut String, words: &[&str]) {
    for word in words {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.push_str(chars.as_str());
        }
    }
}

/// Flags lowercase hashtags made of several words, with the CamelCase form as
/// a safe fix. One type, two rules: the accessibility advice (on by default),
/// and the guideline's `camel_case = true` policy, which takes over when set.
pub(crate) struct HashtagCase {
    meta: RuleMeta,
    policy: bool,
}

impl HashtagCase {
    pub(crate) fn accessibility() -> Self {
        let meta = MetaBuilder::new(
            "accessibility.lowercase-hashtag",
            Category::Accessibility,
            Severity::Warning,
            "Lowercase multi-word hashtags, which screen readers cannot split into words.",
        )
        .why(
            "Screen readers read `#worldhealthday` as one long nonsense word; `#WorldHealthDay` is read as three \
             words. Capitalising each word (CamelCase) also makes hashtags easier for everyone to read.",
            "Perkins School for the Blind, “How to write accessible hashtags”; US Section 508, social media accessibility guidance",
        )
        .fire(&["Join us for #worldhealthday"])
        .pass(&[
            "Join us for #WorldHealthDay",
            "Join us for #health",
            "#tbt to our first clinic",
            "Our volunteers are #fearless",
        ])
        .fixed(&[("Join us for #worldhealthday", "Join us for #WorldHealthDay")])
        .build();
        HashtagCase { meta, policy: false }
    }

    pub(crate) fn policy() -> Self {
        let meta = MetaBuilder::new(
            "hashtags.lowercase-multiword",
            Category::Hashtags,
            Severity::Warning,
            "Multi-word hashtags not in CamelCase, when the guideline sets `camel_case = true`.",
        )
        .why(
            "The guideline asks for CamelCase hashtags: they are readable by screen readers and by people.",
            "The organisation's guideline file (`[hashtags] camel_case`)",
        )
        .guideline("[hashtags]\ncamel_case = true\n")
        .fire(&["Join us for #mentalhealthawareness week"])
        .pass(&["Join us for #MentalHealthAwareness week"])
        .fixed(&[("#givingtuesday is here", "#GivingTuesday is here")])
        .build();
        HashtagCase { meta, policy: true }
    }
}

impl Rule for HashtagCase {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// Only the rule the guideline's policy picks runs, on drafts with hashtags.
    fn needs(&self, settings: &Settings) -> Facts {
        if settings.hashtags.camel_case == self.policy {
            Facts::NUMBER_SIGN
        } else {
            Facts::NONE
        }
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        if context.settings.hashtags.camel_case == self.policy {
            report_lowercase_hashtags(context, reporter);
        }
    }
}

/// Reports the lowercase hashtags made of several words. A function of its
/// own, so the rule of the two that the guideline turns off returns without
/// setting up this one's frame.
#[inline(never)]
fn report_lowercase_hashtags(context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
    let text = context.document.source();
    for tag in context.raw_entities.iter().filter(|entity| entity.kind == EntityKind::Hashtag) {
        let value = tag.value.slice(text);
        let Some(words) = split_words(value) else { continue };
        if is_single_word(value) {
            continue;
        }
        // Joined pieces rather than `format!`, whose machinery costs more
        // than the copying for strings this short.
        let mut fixed = String::with_capacity(value.len() + 1);
        fixed.push('#');
        push_camel_case(&mut fixed, &words);
        let shown = tag.span.slice(text);
        reporter.report_with_fixes(
            tag.span,
            [shown, " is several words in lowercase; screen readers read it as one word"].concat(),
            ["Capitalise each word: ", &fixed, "."].concat(),
            vec![Fix::replace(["Replace with ", &fixed].concat(), tag.span, fixed.clone()).safe()],
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_are_sorted_and_short_for_their_look_up() {
        assert!(FUNCTION_WORDS.windows(2).all(|pair| pair[0] < pair[1]), "FUNCTION_WORDS must be sorted");
        assert!(FUNCTION_WORDS.iter().all(|word| word.len() <= 4 && is_function_word(word)));
        assert!(!is_function_word("th") && !is_function_word("them") && !is_function_word("yours"));
    }

    /// The common words as edited, one per line: the source of the front-coded file.
    const WORDS_SOURCE: &str = include_str!("hashtag_words.txt");

    /// The single words as edited, one per line.
    const SINGLE_WORDS_SOURCE: &str = include_str!("hashtag_single_words.txt");

    /// The command that rewrites the front-coded files from the edited lists.
    const REGENERATE_COMMAND: &str =
        "UPDATE_WORD_LISTS=1 cargo test -p postlint-core --lib front_coded_lists_are_up_to_date";

    /// Front-codes a sorted list of lowercase words, one per line, as
    /// [`decode_word_list`] reads it, ending the file with a newline.
    fn encode_word_list(source: &str) -> String {
        let mut front_coded = String::with_capacity(source.len());
        let mut previous = "";
        for word in source.lines() {
            let shared = previous.bytes().zip(word.bytes()).take_while(|(left, right)| left == right).count();
            let taken_off = u8::try_from(previous.len() - shared).ok().filter(|count| *count < 26);
            front_coded.push(char::from(b'A' + taken_off.expect("a word longer than 25 letters")));
            front_coded.push_str(&word[shared..]);
            previous = word;
        }
        front_coded.push('\n');
        front_coded
    }

    /// The first line where two word lists differ, for a short failure message.
    fn first_difference<'a>(
        decoded: &[&'a str],
        source: &[&'a str],
    ) -> Option<(usize, Option<&'a str>, Option<&'a str>)> {
        (0..decoded.len().max(source.len()))
            .map(|index| (index, decoded.get(index).copied(), source.get(index).copied()))
            .find(|(_, decoded, source)| decoded != source)
    }

    #[test]
    fn word_list_is_sorted_lowercase_and_unique() {
        let words: Vec<&str> = WORDS_SOURCE.lines().collect();
        assert!(words.windows(2).all(|pair| pair[0] < pair[1]), "sort with LC_ALL=C sort -u");
        assert!(words.iter().all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase())));
        assert!(words.iter().all(|word| word.len() <= LONGEST_WORD));
        let single: Vec<&str> = SINGLE_WORDS_SOURCE.lines().collect();
        assert!(single.windows(2).all(|pair| pair[0] < pair[1]), "sort with LC_ALL=C sort -u");
        assert!(single.iter().all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase())));
        assert!(single.iter().all(|word| word.len() <= LONGEST_WORD));
        assert!(single.iter().all(|word| !is_word(word)), "a single word is already in hashtag_words.txt");
    }

    /// The embedded files are what the encoder makes of the edited lists; with
    /// `UPDATE_WORD_LISTS` set, the test rewrites them instead.
    #[test]
    fn front_coded_lists_are_up_to_date() {
        let regenerate = std::env::var_os("UPDATE_WORD_LISTS").is_some();
        for (source, front_coded, file) in [
            (WORDS_SOURCE, WORDS_FRONT_CODED, "hashtag_words_front_coded.txt"),
            (SINGLE_WORDS_SOURCE, SINGLE_WORDS_FRONT_CODED, "hashtag_single_words_front_coded.txt"),
        ] {
            let expected = encode_word_list(source);
            if regenerate {
                let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules").join(file);
                std::fs::write(&path, expected).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            } else {
                // Not assert_eq!, which would print both lists whole.
                assert!(
                    front_coded == expected,
                    "core/src/rules/{file} is out of date; regenerate with `{REGENERATE_COMMAND}`"
                );
            }
        }
    }

    /// The words the rules use are exactly those of the edited lists, so
    /// `is_word` and `is_single_word` answer as the plain lists would.
    #[test]
    fn decoded_lists_equal_the_edited_lists() {
        for (decoded, source) in [(&*WORDS, WORDS_SOURCE), (&*SINGLE_WORDS, SINGLE_WORDS_SOURCE)] {
            let source: Vec<&str> = source.lines().collect();
            let difference = first_difference(decoded, &source);
            assert!(difference.is_none(), "(line, decoded, edited): {difference:?}");
        }
        assert!(WORDS_SOURCE.lines().all(is_word));
        assert!(SINGLE_WORDS_SOURCE.lines().all(is_single_word));
    }

    proptest::proptest! {
        /// The trie answers as the sorted list does, for listed words, their
        /// prefixes and extensions, capitals and non-ASCII chars.
        #[test]
        fn words_are_looked_up_in_the_trie_as_in_the_list(
            index in 0..10_000usize,
            cut in 0..30usize,
            tail in "[a-zA-Z\u{e9}'0-9]{0,3}",
        ) {
            let listed = WORDS[index % WORDS.len()];
            let candidate = [&listed[..cut.min(listed.len())], &tail].concat();
            let in_list = |word: &str| WORDS.binary_search(&word).is_ok();
            proptest::prop_assert_eq!(is_word(&candidate), in_list(&candidate), "{:?}", candidate);
            let lowered = candidate.to_ascii_lowercase();
            proptest::prop_assert_eq!(is_word_when_lowered(candidate.as_bytes()), in_list(&lowered), "{:?}", candidate);
            let upper = candidate.to_ascii_uppercase();
            proptest::prop_assert_eq!(is_word_when_lowered(upper.as_bytes()), in_list(&lowered), "{:?}", upper);
        }

        /// Decoding stays in bounds on any text, not only on our lists.
        #[test]
        fn decoding_any_text_does_not_panic(text in "[A-Za-z\u{e9}\n]{0,40}|\\PC{0,40}") {
            decode_word_list(&text);
        }
    }

    /// The listed words as the split found them before the trie: from
    /// aho-corasick's overlapping search over the whole text.
    struct AutomatonWords(Vec<(usize, usize)>);

    impl AutomatonWords {
        fn of(text: &str) -> AutomatonWords {
            static AUTOMATON: LazyLock<aho_corasick::AhoCorasick> =
                LazyLock::new(|| aho_corasick::AhoCorasick::new(&*WORDS).unwrap());
            AutomatonWords(AUTOMATON.find_overlapping_iter(text).map(|word| (word.start(), word.end())).collect())
        }
    }

    impl WordSource for AutomatonWords {
        fn for_each_word_from(&self, _: &[u8], start: usize, mut found: impl FnMut(usize)) {
            self.0.iter().filter(|word| word.0 == start).for_each(|word| found(word.1));
        }
    }

    /// The split with the words the automaton finds, from the dynamic
    /// programme over every start: the reference the trie's split must equal.
    fn split_words_by_automaton(text: &str) -> Option<Vec<&str>> {
        split_words_at_every_start(text, &AutomatonWords::of(text))
    }

    #[test]
    fn the_trie_finds_exactly_the_listed_words() {
        let text = b"worldhealthdaybetheshinezzzqforthehelpa";
        for start in 0..text.len() {
            let mut ends = Vec::new();
            WORD_TRIE.for_each_word_from(text, start, |end| ends.push(end));
            let expected: Vec<usize> = (start + 1..=text.len())
                .filter(|&end| WORDS.binary_search(&std::str::from_utf8(&text[start..end]).unwrap()).is_ok())
                .collect();
            assert_eq!(ends, expected, "from {start}");
        }
        let mut ends = Vec::new();
        WORD_TRIE.for_each_word_from("caf\u{e9}s".as_bytes(), 0, |end| ends.push(end));
        WORD_TRIE.for_each_word_from(b"Health", 0, |end| ends.push(end));
        WORD_TRIE.for_each_word_from(b"health", 7, |end| ends.push(end));
        assert!(ends.is_empty(), "{ends:?}");
        assert!(WordTrie::new(&[]).nodes.len() == 1);
        let small = WordTrie::new(&["b", "ab", "a", "ab", "A", "abc"]);
        let mut ends = Vec::new();
        small.for_each_word_from(b"abcab", 0, |end| ends.push(end));
        assert_eq!(ends, [1, 2, 3]);
    }

    /// Hashtag-like texts: listed words glued together, with letters,
    /// capitals, digits and non-ASCII chars thrown in.
    fn hashtag_like() -> impl proptest::strategy::Strategy<Value = String> {
        let piece = proptest::prop_oneof![
            6 => proptest::sample::select(WORDS.clone()).prop_map(str::to_owned),
            2 => "[a-z]{1,3}",
            1 => proptest::sample::select(vec!["A", "1", "_", "é", "\u{1F600}", "\r\n", "ｆ", "\u{301}"])
                .prop_map(str::to_owned),
        ];
        proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3_000))]
        #[test]
        fn trie_splits_as_the_automaton_did(text in hashtag_like()) {
            proptest::prop_assert_eq!(split_words(&text), split_words_by_automaton(&text), "{:?}", text);
        }
    }

    #[test]
    fn trie_splits_as_the_automaton_did_at_every_length() {
        let words: Vec<&str> = WORDS.iter().copied().step_by(97).collect();
        for length in 0..=90 {
            for offset in 0..words.len() {
                let mut text = String::new();
                let mut index = offset;
                while text.len() < length {
                    text.push_str(words[index % words.len()]);
                    index += 7;
                }
                text.truncate(length);
                assert_eq!(split_words(&text), split_words_by_automaton(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn splits_common_hashtags() {
        for (tag, expected) in [
            ("worldhealthday", "WorldHealthDay"),
            ("internationalwomensday", "InternationalWomensDay"),
            ("givingtuesday", "GivingTuesday"),
            ("blacklivesmatter", "BlackLivesMatter"),
            ("savethedate", "SaveTheDate"),
            ("betheshine", "BeTheShine"),
            ("thanksforthehelp", "ThanksForTheHelp"),
        ] {
            assert_eq!(split_words(tag).map(|words| camel_case(&words)).as_deref(), Some(expected), "{tag}");
        }
        for single in ["health", "tbt", "ootd", "volunteering", "xqzvbn"] {
            assert_eq!(split_words(single), None, "{single}");
        }
    }
}
