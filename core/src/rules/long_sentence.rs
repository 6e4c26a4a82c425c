//! `style.long-sentence`: sentences too long to read at a glance.

use unicode_segmentation::UnicodeSegmentation;

use crate::diagnostic::{Category, Severity};
use crate::document::{find_byte_by_words, first_bytes_equal};
use crate::rule::{CheckContext, Facts, Reporter, Rule, RuleMeta};
use crate::rules::MetaBuilder;
use crate::settings::Settings;
use crate::span::Span;

/// Word count above which a sentence is flagged.
pub(crate) const MAX_WORDS: usize = 35;

// The draft fact the rule needs counts no more spaces than the rule's first test.
const _: () = assert!(Facts::MANY as usize <= MAX_WORDS);

/// Flags sentences of more than [`MAX_WORDS`] words.
pub(crate) struct LongSentence {
    meta: RuleMeta,
}

impl LongSentence {
    pub(crate) fn new() -> Self {
        let meta = MetaBuilder::new(
            "style.long-sentence",
            Category::Style,
            Severity::Info,
            "Sentences of more than 35 words.",
        )
        .why(
            "Long sentences are hard to follow on a phone screen and for readers with cognitive disabilities or \
             who read in a second language. Plain-language guides recommend an average of 15–20 words.",
            "plainlanguage.gov, Federal Plain Language Guidelines (“Write short sentences”)",
        )
        .fire(&["We are delighted to announce that thanks to the generous support of our many partners and donors across the region we were able to open three new clinics this year and train more than two hundred community health workers."])
        .pass(&[
            "We opened three new clinics this year. Thanks to our partners and donors, we also trained 200 community health workers.",
            "our nurses walked to every village on the river road this spring to check on the families we met last winter. \
             of course the rains slowed them down, and the bridge near the school is still closed.",
            "Thank you to everyone who joined the river clean-up on Saturday morning and brought gloves, bags, flasks of tea \
             and plenty of good humour to the park \
             #CleanUpDay #Volunteers #Community #RiverCare #Thanks #Neighbours #Weekend #Together #Green #Local #Proud",
        ])
        .build();
        LongSentence { meta }
    }
}

impl Rule for LongSentence {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// A sentence of more than [`MAX_WORDS`] words has as many spaces: the
    /// source of plain text has the view's, and Markdown's view may have
    /// more, where syntax was blanked.
    fn needs(&self, _settings: &Settings) -> Facts {
        Facts::MANY_SPACES.or(Facts::MARKDOWN)
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        let view = context.document.prose_view();
        // Sentence splitting is the costly part: skip it for the drafts, nearly
        // all, where no sentence can reach the limit.
        if !may_have_long_sentence(view) {
            return;
        }
        for sentence in context.document.sentences() {
            // Cheap pre-check: fewer spaces than the limit means fewer words.
            let text = sentence.slice(view);
            if count_spaces(text.as_bytes()) < MAX_WORDS {
                continue;
            }
            for piece in pieces(text, sentence.start) {
                let words = counted_words(piece.slice(view));
                if words > MAX_WORDS {
                    reporter.report(
                        piece,
                        format!("This sentence has {words} words"),
                        format!("Split it; aim for {MAX_WORDS} words or fewer, 20 on average."),
                    );
                }
            }
        }
    }
}

/// Whether some sentence of `view` may hold [`MAX_WORDS`] spaces or more,
/// the test every sentence must pass before its words are counted.
///
/// Counts spaces between places where a sentence certainly ends: a line
/// break, or terminal punctuation, closing quotes or brackets and spaces
/// followed by a letter the Unicode rules always break before (any letter
/// or digit after `!` and `?`, a capital after `.`). Missing some ends only
/// makes a stretch longer, so the answer errs towards splitting.
fn may_have_long_sentence(view: &str) -> bool {
    let bytes = view.as_bytes();
    // Most drafts have too few spaces in all: counting them is quicker than walking sentences.
    if count_spaces(bytes) < MAX_WORDS {
        return false;
    }
    let mut spaces = 0;
    let mut index = 0;
    // The next `?`, found separately: memchr looks for three bytes at most.
    let mut next_question = memchr::memchr(b'?', bytes).unwrap_or(bytes.len());
    loop {
        if next_question < index {
            next_question = memchr::memchr(b'?', &bytes[index..]).map_or(bytes.len(), |offset| index + offset);
        }
        let stop = memchr::memchr3(b'\n', b'.', b'!', &bytes[index..])
            .map_or(bytes.len(), |offset| index + offset)
            .min(next_question);
        // Spaces between stops, counted in one go.
        spaces += count_spaces(&bytes[index..stop]);
        if spaces >= MAX_WORDS {
            return true;
        }
        let Some(&terminal) = bytes.get(stop) else {
            return false;
        };
        index = stop + 1;
        if terminal == b'\n' {
            spaces = 0;
            continue;
        }
        if let Some(next) = certain_sentence_start(bytes, stop) {
            spaces = 0;
            index = next;
        }
    }
}

/// Where the next sentence starts when the `.`, `!` or `?` at `terminal`
/// certainly ends one: after closing quotes or brackets and spaces comes a
/// capital (after `.`) or any letter or digit (after `!` and `?`).
fn certain_sentence_start(bytes: &[u8], terminal: usize) -> Option<usize> {
    let mut next = terminal + 1;
    while bytes.get(next).is_some_and(|byte| matches!(byte, b'"' | b'\'' | b')' | b']' | b'}')) {
        next += 1;
    }
    let spaced = next;
    while bytes.get(next) == Some(&b' ') {
        next += 1;
    }
    let starts = bytes.get(next).is_some_and(|byte| {
        if bytes[terminal] == b'.' {
            byte.is_ascii_uppercase()
        } else {
            byte.is_ascii_alphanumeric()
        }
    });
    (next > spaced && starts).then_some(next)
}

fn count_spaces(bytes: &[u8]) -> usize {
    crate::document::count_byte(bytes, b' ')
}

/// Abbreviations that end in a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "al", "approx", "ca", "cf", "co", "dept", "dr", "etc", "fig", "inc", "jr", "ltd", "mr", "mrs", "ms", "no", "nos",
    "p", "pp", "prof", "rev", "sr", "st", "vol", "vs",
];

/// Whether a piece ends with `before`, the text since the last piece up to
/// a white space char: only at the first space after `.`, `!`, `?` or `…`,
/// and not after an abbreviation or a spaced ellipsis (“down … again”).
fn ends_piece(before: &str) -> bool {
    let words = before.trim_end_matches(['.', '!', '?', '…']);
    let stops = &before[words.len()..];
    if stops.is_empty() {
        return false;
    }
    let token = words.rsplit(char::is_whitespace).next().unwrap_or("");
    let bare = token.trim_start_matches(|ch: char| !ch.is_alphanumeric()).to_lowercase();
    let abbreviation =
        stops == "." && (bare.contains('.') || ABBREVIATIONS.contains(&bare.as_str()) || bare.chars().count() == 1);
    !token.is_empty() && !abbreviation
}

/// Splits a sentence where a post has already ended one but the Unicode
/// rules keep going because the next one does not start with a capital:
/// after `.`, `!`, `?` or `…` and a space (“…immigrant groups. of course…”).
/// A full stop after an abbreviation (“Dr.”, “e.g.”, “etc.”) does not split.
fn pieces(text: &str, offset: usize) -> Vec<Span> {
    let mut pieces = Vec::new();
    let mut start = 0;
    // Only a white space char right after a mark can split, so the bytes
    // that may end a mark are looked for, not every char: `.`, `!`, `?` and
    // the last byte of `…` (which other chars have too; the marks found
    // before the white space tell), eight bytes at a time.
    let bytes = text.as_bytes();
    let in_word = |word: u64| {
        first_bytes_equal(word, b'.')
            | first_bytes_equal(word, b'!')
            | first_bytes_equal(word, b'?')
            | first_bytes_equal(word, 0xA6)
    };
    let mut from = 0;
    while let Some(mark_end) =
        find_byte_by_words(bytes, from, in_word, |byte| matches!(byte, b'.' | b'!' | b'?' | 0xA6))
    {
        let index = mark_end + 1;
        from = index;
        if !text.get(index..).and_then(|rest| rest.chars().next()).is_some_and(char::is_whitespace) {
            continue;
        }
        if ends_piece(&text[start..index]) {
            push_trimmed(&mut pieces, text, start, index, offset);
            start = index;
        }
    }
    push_trimmed(&mut pieces, text, start, text.len(), offset);
    pieces
}

fn push_trimmed(pieces: &mut Vec<Span>, text: &str, start: usize, end: usize, offset: usize) {
    let piece = &text[start..end];
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let leading = piece.len() - piece.trim_start().len();
        let from = offset + start + leading;
        pieces.push(Span::new(from, from + trimmed.len()));
    }
}

/// Words read as the sentence: not the reply mentions before it
/// (“@user @user”) nor a closing block of two or more hashtags and mentions
/// (a single closing hashtag is often part of the sentence: “Join us for #WorldHealthDay”).
fn counted_words(text: &str) -> usize {
    // About one token per space: one allocation for most sentences.
    let mut tokens: Vec<&str> = Vec::with_capacity(count_spaces(text.as_bytes()) + 1);
    tokens.extend(text.split_whitespace());
    let leading = tokens.iter().take_while(|token| token.starts_with('@')).count();
    let tokens = &tokens[leading..];
    let is_tag = |token: &str| token.starts_with('#') || token.starts_with('@');
    let (mut closing, mut closing_tags) = (0, 0);
    for &token in tokens.iter().rev() {
        let tag = is_tag(token);
        if !tag && token.chars().any(char::is_alphanumeric) {
            break;
        }
        closing += 1;
        closing_tags += usize::from(tag);
    }
    let counted = if closing_tags >= 2 { &tokens[..tokens.len() - closing] } else { tokens };
    counted.iter().map(|token| token_words(token)).sum()
}

/// How many words `token` holds, as `unicode_words` counts them. An ASCII
/// token with at most one run of letters and digits, most tokens, holds that
/// many: the Unicode rules never break inside such a run, and a part
/// without a letter or digit is no word.
fn token_words(token: &str) -> usize {
    let bytes = token.as_bytes();
    if bytes.is_ascii() {
        let mut runs = 0;
        let mut previous_alphanumeric = false;
        for &byte in bytes {
            let alphanumeric = byte.is_ascii_alphanumeric();
            runs += usize::from(alphanumeric && !previous_alphanumeric);
            previous_alphanumeric = alphanumeric;
        }
        if runs <= 1 {
            return runs;
        }
    }
    token.unicode_words().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`pieces`] as first written, at every white space char.
    fn pieces_at_every_space(text: &str) -> Vec<Span> {
        let mut pieces = Vec::new();
        let mut start = 0;
        for (index, ch) in text.char_indices() {
            if !ch.is_whitespace() {
                continue;
            }
            if ends_piece(&text[start..index]) {
                push_trimmed(&mut pieces, text, start, index, 0);
                start = index;
            }
        }
        push_trimmed(&mut pieces, text, start, text.len(), 0);
        pieces
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn pieces_split_where_a_look_at_every_space_splits(pieces_of_text in proptest::collection::vec(proptest::sample::select(vec![
            "a", "word", "Word", " ", " ", "  ", "\n", "\t", "\u{a0}", "\u{3000}", ".", "!", "?", "…", "?!", "...", "Dr.",
            "e.g.", "etc.", "x.", "U.S.", "3.5", "é", "Ŧ", "⦀", "\u{2029}", "\u{1}", "#Tag", "'", "\"", "(", ")", "中文。",
        ]), 0..40)) {
            let text = pieces_of_text.concat();
            proptest::prop_assert_eq!(pieces(&text, 0), pieces_at_every_space(&text), "{:?}", text);
        }
    }

    #[test]
    fn splits_after_a_full_stop_before_lowercase_but_not_after_abbreviations() {
        let text = "We met Dr. Osei and the team, e.g. nurses. then we left!! and the van broke down … again";
        let found: Vec<&str> = pieces(text, 0).iter().map(|span| span.slice(text)).collect();
        assert_eq!(
            found,
            ["We met Dr. Osei and the team, e.g. nurses.", "then we left!!", "and the van broke down … again"]
        );
    }

    /// Whether a sentence of `text` has [`MAX_WORDS`] spaces or more, found the slow way.
    fn has_long_sentence(text: &str) -> bool {
        let document = crate::document::Document::new(text, crate::document::Format::Text);
        let view = document.prose_view();
        document.sentences().iter().any(|sentence| sentence.slice(view).matches(' ').count() >= MAX_WORDS)
    }

    #[test]
    fn the_precheck_passes_long_sentences_and_skips_short_ones() {
        let long = "word ".repeat(MAX_WORDS + 1);
        assert!(may_have_long_sentence(&long));
        let short = "One two three four five six seven. ".repeat(10);
        assert!(!may_have_long_sentence(&short));
        // “Dr. Osei” does not end a sentence for this rule's pieces, but it does
        // for the Unicode rules that split sentences first.
        assert!(!may_have_long_sentence(&"We met Dr. Osei and the team today. ".repeat(8)));
        // A lowercase letter after a full stop may continue the sentence.
        assert!(may_have_long_sentence(&"one two three four five. six ".repeat(8)));
        // Only `.`, `!` and `?` end sentences, wherever the first `?` is: the first space counts.
        assert!(may_have_long_sentence(&format!(": {}", "word ".repeat(MAX_WORDS - 1))));
        assert!(!may_have_long_sentence(&format!("{}? Word {}", "word ".repeat(20), "word ".repeat(20))));
    }

    /// The precheck as first written, one byte at a time: the one that jumps between stops must agree with it.
    fn may_have_long_sentence_byte_by_byte(view: &str) -> bool {
        let bytes = view.as_bytes();
        // Most drafts have too few spaces in all: counting them is quicker than walking sentences.
        if count_spaces(bytes) < MAX_WORDS {
            return false;
        }
        let mut spaces = 0;
        let mut index = 0;
        while index < bytes.len() {
            match bytes[index] {
                b' ' => {
                    spaces += 1;
                    if spaces >= MAX_WORDS {
                        return true;
                    }
                }
                b'\n' => spaces = 0,
                b'.' | b'!' | b'?' => {
                    if let Some(next) = certain_sentence_start(bytes, index) {
                        spaces = 0;
                        index = next;
                        continue;
                    }
                }
                _ => {}
            }
            index += 1;
        }
        false
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn the_precheck_never_skips_a_long_sentence(
            // Mostly plain words, so that sentences near the limit are common.
            tokens in proptest::collection::vec(proptest::prop_oneof![
                17 => proptest::strategy::Just("word"),
                3 => proptest::sample::select(vec![
                    "Word", "a", "Dr.", "e.g.", "3.5", "end.", "End.", "wow!", "why?", "!", "...", "…", "\"Quote.\"",
                    "(aside.)", "ok.'", "\n", "\n\n", "- item", "#Tag", "@user", "https://example.org/a.b", "É", "é.",
                    "x.Y", "A.B.", ".", "?!", "\t", "\u{a0}", ":", ";", ",", "ÉCOLE.", "日本。", "\u{1}",
                ]),
            ], 0..120),
            separators in proptest::collection::vec(
                proptest::sample::select([vec![" "; 40], vec!["", "  ", "\n"]].concat()),
                120,
            ),
        ) {
            let mut text = String::new();
            for (token, separator) in tokens.iter().zip(&separators) {
                text.push_str(token);
                text.push_str(separator);
            }
            if has_long_sentence(&text) {
                proptest::prop_assert!(may_have_long_sentence(&text), "{text:?}");
            }
            proptest::prop_assert_eq!(may_have_long_sentence(&text), may_have_long_sentence_byte_by_byte(&text), "{:?}", text);
        }
    }

    /// [`counted_words`] as first written, every token counted by the Unicode rules.
    fn counted_words_by_unicode_rules(text: &str) -> usize {
        let mut tokens: Vec<&str> = text.split_whitespace().collect();
        let leading = tokens.iter().take_while(|token| token.starts_with('@')).count();
        tokens.drain(..leading);
        let is_tag = |token: &str| token.starts_with('#') || token.starts_with('@');
        let closing =
            tokens.iter().rev().take_while(|token| is_tag(token) || !token.chars().any(char::is_alphanumeric));
        let closing: Vec<&str> = closing.copied().collect();
        if closing.iter().filter(|token| is_tag(token)).count() >= 2 {
            tokens.truncate(tokens.len() - closing.len());
        }
        tokens.iter().map(|token| token.unicode_words().count()).sum()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn words_are_counted_as_the_unicode_rules_count_them(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "a", "Word", "7", "3.5", " ", " ", "  ", "\n", "\t", "\u{a0}", "'", "’", ".", ",", ":", ";", "_", "-", "e.g.",
            "don't", "#", "#Tag", "@", "@user", "\u{1}", "!", "?", "\"", "(", ")", "…", "é", "É", "中文", "🎉", "👍🏽",
            "\u{301}", "x_y", "a:b", "1,000", "U.S.", "ok.'", "-",
        ]), 0..40)) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(counted_words(&text), counted_words_by_unicode_rules(&text), "{:?}", text);
            for token in text.split_whitespace() {
                proptest::prop_assert_eq!(token_words(token), token.unicode_words().count(), "{:?}", token);
            }
        }
    }

    #[test]
    fn counts_neither_reply_mentions_nor_a_closing_hashtag_block() {
        assert_eq!(counted_words("@user @user Thanks for the help today #Grateful #Team"), 5);
        assert_eq!(counted_words("Join #WorldHealthDay with us"), 4);
        assert_eq!(counted_words("Join us for #WorldHealthDay"), 4);
    }
}
