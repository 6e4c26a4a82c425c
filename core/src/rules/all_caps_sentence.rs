//! `accessibility.all-caps-sentence`: whole sentences written in capitals.

use crate::diagnostic::{Category, Fix, Severity};
use crate::document::{may_have_capital_run, words, Word, CAPITAL_RUN_NEEDS};
use crate::rule::{CheckContext, Facts, Reporter, Rule, RuleMeta};
use crate::rules::MetaBuilder;
use crate::settings::Settings;
use crate::span::Span;

/// Capitalised words in a sentence before it counts as written in capitals.
const MIN_WORDS: usize = 4;

/// Acronyms and initialisms common in the posts postlint checks, including
/// some that are also English words (AIDS, CARE). They are written in
/// capitals by convention, so they are never shouting. Sorted, for a
/// binary search: every capitalised word of a draft is looked up.
const ACRONYMS: &[&str] = &[
    "AIDS", "ASAP", "BAME", "BBC", "CARE", "CEO", "CNN", "COP", "COVID", "CPR", "DEI", "DIY", "DM", "EU", "FAQ",
    "FIFA", "GDPR", "GMT", "HIV", "HTML", "HTTP", "HTTPS", "IBAN", "ICRC", "ICU", "IFRC", "ILO", "IMF", "ISBN", "JPEG",
    "LGBT", "LGBTQ", "LGBTQI", "LGBTQIA", "MSF", "NASA", "NATO", "NGO", "NGOS", "NHS", "OECD", "OXFAM", "PDF", "PPE",
    "PTSD", "RSVP", "SARS", "SDG", "SDGS", "SMS", "STEM", "SWAT", "UEFA", "UK", "UN", "UNAIDS", "UNDP", "UNESCO",
    "UNFPA", "UNHCR", "UNICEF", "UNRWA", "URL", "US", "USA", "USAID", "WASH", "WFP", "WHO", "WWF", "YMCA",
];

/// Whether `word` (as written) is a known acronym.
pub(crate) fn is_known_acronym(word: &str) -> bool {
    // Every capitalised word of a draft is looked up: numbers compare in one
    // instruction where strings call a compare of their bytes.
    let Some(key) = acronym_key(word.as_bytes()) else { return false };
    ACRONYM_KEYS.binary_search(&key).is_ok_and(|index| ACRONYMS[index].len() == word.len())
}

/// [`ACRONYMS`] as [`acronym_key`]s, in the same order.
const ACRONYM_KEYS: [u64; ACRONYMS.len()] = acronym_keys();

const fn acronym_keys() -> [u64; ACRONYMS.len()] {
    let mut keys = [0; ACRONYMS.len()];
    let mut index = 0;
    while index < ACRONYMS.len() {
        keys[index] = match acronym_key(ACRONYMS[index].as_bytes()) {
            Some(key) => key,
            None => panic!("an acronym has more than eight bytes"),
        };
        index += 1;
    }
    keys
}

/// The bytes of a word of at most eight bytes as one number, first byte
/// highest and zeros after the last, so that keys sort as the words do; a
/// word with trailing NUL bytes shares its key, which the length tells apart.
const fn acronym_key(bytes: &[u8]) -> Option<u64> {
    if bytes.len() > 8 {
        return None;
    }
    let mut key = 0u64;
    let mut index = 0;
    while index < 8 {
        let byte = if index < bytes.len() { bytes[index] } else { 0 };
        key = key << 8 | byte as u64;
        index += 1;
    }
    Some(key)
}

/// Whether a sentence of the prose view may be all in capitals: it has no
/// lowercase ASCII letter outside hashtags (`#mlm` does not count). Most
/// sentences fail on their first word.
fn may_be_all_capitals(text: &str) -> bool {
    let mut in_hashtag = false;
    for &byte in text.as_bytes() {
        if byte == b'#' {
            in_hashtag = true;
        } else if !(byte.is_ascii_alphanumeric() || byte == b'_' || byte >= 0x80) {
            in_hashtag = false;
        } else if byte.is_ascii_lowercase() && !in_hashtag {
            return false;
        }
    }
    true
}

/// Whether `words` hold at least [`MIN_WORDS`] words in capitals, two of
/// them real words of three letters or more: codes and acronyms (“B-1, J-1”,
/// “NHS WHO”) are not shouting.
fn enough_capitals(source: &str, words: &[Word]) -> bool {
    let mut capitals = 0;
    let mut long_words = 0;
    for word in words.iter().filter(|word| word.capitals && !word.entity) {
        capitals += 1;
        let text = word.span.slice(source);
        if text.chars().filter(|ch| ch.is_alphabetic()).count() >= 3 && !is_known_acronym(text) {
            long_words += 1;
        }
    }
    capitals >= MIN_WORDS && long_words >= 2
}

/// `sentence` (source text) in sentence case: capitals lowered except in
/// the first letter, known acronyms, words with digits, “I” and entities.
fn sentence_case(source: &str, sentence: Span, sentence_words: &[Word]) -> String {
    let mut output = String::with_capacity(sentence.len());
    let mut cursor = sentence.start;
    let mut first = true;
    for word in sentence_words {
        output.push_str(&source[cursor..word.span.start]);
        let text = word.span.slice(source);
        let keep = word.entity
            || is_known_acronym(text)
            || text.chars().any(|ch| ch.is_ascii_digit())
            || text == "I"
            || text.starts_with("I'")
            || text.starts_with("I’");
        if keep {
            output.push_str(text);
        } else {
            let lowered = text.to_lowercase();
            if first {
                let mut chars = lowered.chars();
                if let Some(initial) = chars.next() {
                    output.extend(initial.to_uppercase());
                    output.push_str(chars.as_str());
                }
            } else {
                output.push_str(&lowered);
            }
        }
        if !word.entity {
            first = false;
        }
        cursor = word.span.end;
    }
    output.push_str(&source[cursor..sentence.end]);
    output
}

/// Flags sentences of four or more words written entirely in capitals,
/// offering sentence case as a fix.
pub(crate) struct AllCapsSentence {
    meta: RuleMeta,
}

impl AllCapsSentence {
    pub(crate) fn new() -> Self {
        let meta = MetaBuilder::new(
            "accessibility.all-caps-sentence",
            Category::Accessibility,
            Severity::Warning,
            "A whole sentence of four or more words in capitals.",
        )
        .why(
            "Text in capitals loses the shapes of words that readers rely on, so it is slower to read for everyone \
             and much harder for people with dyslexia or low vision; some screen readers spell capitalised words \
             letter by letter. It also reads as shouting.",
            "W3C WAI, Understanding WCAG 2.2 Success Criterion 1.4.8 (Visual Presentation); British Dyslexia \
             Association, Dyslexia Style Guide; plainlanguage.gov, Federal Plain Language Guidelines",
        )
        .fire(&[
            "WE NEED YOUR HELP TO KEEP THE CLINIC OPEN THIS WINTER. Every gift makes a difference.",
            "Registration is open. ONLY FIFTY PLACES LEFT, SO DON'T WAIT.",
        ])
        .pass(&[
            "WHO, UNICEF and the NHS Confederation will join our panel on HIV and TB services.",
            "The clinic is OPEN again!",
            "BIG NEWS TODAY",
            "NHS WHO UNICEF HIV",
            "0-9 : B-1, J-1, R-1, B-2, Q-2, B-3, BX-3",
            "RT: 7年前の今日はTVシリーズ『Ｇ-レコ』第21話",
        ])
        .fixed(&[("WE NEED YOUR HELP TO FIGHT AIDS. Thank you.", "We need your help to fight AIDS. Thank you.")])
        .build();
        AllCapsSentence { meta }
    }
}

impl Rule for AllCapsSentence {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// A run of three capitals: two capitals in a row.
    fn needs(&self, _settings: &Settings) -> Facts {
        CAPITAL_RUN_NEEDS
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        let document = context.document;
        let view = document.prose_view();
        let source = document.source();
        // Splitting sentences is the costly part: first ask whether the whole draft has enough words in capitals.
        if !document.has_capital_run(3) || !enough_capitals(source, document.capital_words()) {
            return;
        }
        for &sentence in document.sentences() {
            let text = sentence.slice(view);
            if !may_be_all_capitals(text) || !may_have_capital_run(text, 2) {
                continue;
            }
            let sentence_words: Vec<Word> =
                words(text, sentence.start).into_iter().filter(|word| !word.entity).collect();
            let has_letters = |word: &&Word| word.span.slice(view).chars().any(char::is_alphabetic);
            // Every word with letters in capitals: a sentence in Chinese or with one lowercase word is not shouting.
            if !sentence_words.iter().filter(has_letters).all(|word| word.capitals) {
                continue;
            }
            if !enough_capitals(source, &sentence_words) {
                continue;
            }
            let Some(first) = sentence_words.first() else { continue };
            let span = Span::new(first.span.start, sentence.end);
            let all_words = words(span.slice(view), span.start);
            let fixed = sentence_case(source, span, &all_words);
            reporter.report_with_fixes(
                span,
                "This sentence is written in capitals, which is harder to read and reads as shouting",
                "Write it in sentence case; keep capitals for acronyms.",
                vec![Fix::replace("Write in sentence case", span, fixed)],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_are_sorted_for_the_binary_search() {
        assert!(ACRONYMS.windows(2).all(|pair| pair[0] < pair[1]), "ACRONYMS must be sorted and without repeats");
        assert!(ACRONYMS.iter().all(|acronym| is_known_acronym(acronym)));
        assert!(!is_known_acronym("NG") && !is_known_acronym("Nhs") && !is_known_acronym("ZZZ"));
        assert!(!is_known_acronym("US\0") && !is_known_acronym("") && !is_known_acronym("UNICEFXYZ"));
    }

    proptest::proptest! {
        #[test]
        fn acronyms_are_found_by_key_as_by_string(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "A", "U", "N", "S", "I", "D", "C", "E", "F", "H", "\0", "a", "É", "UN", "US", "NHS", "AIDS", "UNICEF", "LGBTQIA",
        ]), 0..5)) {
            let word = pieces.concat();
            proptest::prop_assert_eq!(is_known_acronym(&word), ACRONYMS.binary_search(&word.as_str()).is_ok(), "{:?}", word);
        }
    }

    #[test]
    fn sentence_case_keeps_acronyms_and_digits() {
        let text = "USE CODE GLOW30 AT THE NHS, I SAID.";
        let span = Span::new(0, text.len());
        assert_eq!(sentence_case(text, span, &words(text, 0)), "Use code GLOW30 at the NHS, I said.");
    }
}
