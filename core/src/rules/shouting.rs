//! `style.shouting`: words in capitals for emphasis inside a normal sentence.

use crate::diagnostic::{Category, Fix, Severity};
use crate::document::{may_have_capital_run, words, Word, CAPITAL_RUN_NEEDS};
use crate::rule::{CheckContext, Facts, Reporter, Rule, RuleMeta};
use crate::rules::all_caps_sentence::is_known_acronym;
use crate::rules::hashtag_case::is_word_when_lowered;
use crate::rules::MetaBuilder;
use crate::settings::Settings;
use crate::span::Span;

/// Letters a word needs before capitals read as shouting rather than an
/// initialism (OK, FYI, CEO).
const MIN_LETTERS: usize = 4;

/// Words after which a word in capitals is something to type, not emphasis:
/// “code SUMMER”, “text HELP to 70085”, “reference WINTER”.
const IDENTIFIER_INTRODUCERS: &[&str] = &[
    "codeword",
    "code",
    "codes",
    "codigo",
    "código",
    "coupon",
    "cupom",
    "cupón",
    "hashtag",
    "iban",
    "keyword",
    "password",
    "promo",
    "ref",
    "reference",
    "reply",
    "send",
    "sms",
    "text",
    "txt",
    "type",
    "voucher",
    "word",
];

/// Separators after a leading word in capitals that make it a kicker
/// (“UPDATE: the clinic…”, “BREAKING | …”), a headline convention.
const KICKER_SEPARATORS: &[char] = &[':', '|', '-', '–', '—'];

/// Flags runs of words in capitals used for emphasis in an otherwise
/// mixed-case sentence, offering lowercase as a fix.
pub(crate) struct Shouting {
    meta: RuleMeta,
}

impl Shouting {
    pub(crate) fn new() -> Self {
        let meta = MetaBuilder::new(
            "style.shouting",
            Category::Style,
            Severity::Info,
            "Words in capitals for emphasis inside a sentence (“this is REALLY important”).",
        )
        .why(
            "Capitals read as shouting, and they are harder to read than lowercase because words lose their shape. \
             Emphasis is better carried by the words themselves, or by putting the key point first.",
            "plainlanguage.gov, Federal Plain Language Guidelines (avoid all capitals for emphasis); British Dyslexia \
             Association, Dyslexia Style Guide",
        )
        .fire(&["This is REALLY important, please read it.", "The clinic is OPEN again!"])
        .pass(&[
            "WHO, UNICEF and the NHS will join our panel.",
            "Text HELP to 70085 to give £5.",
            "Use code SUNSAFE for 15% off.",
            "UPDATE: the clinic opens at 9 tomorrow.",
            "WE NEED YOUR HELP TO KEEP THE CLINIC OPEN.",
            "Our account: IBAN GB82 WEST 1234 5698 7654 32.",
            "Our partners at UNAIDS and GAVI agree.",
            "Watch the official \"MAKE IT WORK\" video [VIDEO] now.",
        ])
        .fixed(&[("This is REALLY important.", "This is really important.")])
        .build();
        Shouting { meta }
    }
}

/// Whether `word` is shouted: capitals only, no digits, four letters or
/// more, an ordinary English word and not a known acronym.
fn is_shouted(word: &Word, text: &str) -> bool {
    if !word.capitals || word.entity {
        return false;
    }
    // Unknown words in capitals are names, brands and initialisms (GLOWLAB, NATO);
    // emphasis uses real words. Most words in capitals are not listed, so
    // the look-up, a walk of a few letters, comes first.
    let bare = text.split(['\'', '’']).next().unwrap_or(text);
    if !is_word_when_lowered(bare.as_bytes()) {
        return false;
    }
    let letters = text.chars().filter(|ch| ch.is_alphabetic()).count();
    letters >= MIN_LETTERS && !text.chars().any(|ch| ch.is_numeric()) && !is_known_acronym(text)
}

impl Rule for Shouting {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// A run of four capitals: two capitals in a row.
    fn needs(&self, _settings: &Settings) -> Facts {
        CAPITAL_RUN_NEEDS
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        let document = context.document;
        let view = document.prose_view();
        if !document.has_capital_run(MIN_LETTERS) {
            return;
        }
        let source = document.source();
        // Splitting sentences is the costly part: first ask whether the draft has a word that looks shouted.
        if !document.capital_words().iter().any(|word| is_shouted(word, word.span.slice(view))) {
            return;
        }
        for &sentence in document.sentences() {
            let text = sentence.slice(view);
            if !may_have_capital_run(text, MIN_LETTERS) {
                continue;
            }
            let sentence_words: Vec<Word> = words(text, sentence.start);
            // A sentence all in capitals is accessibility.all-caps-sentence's business (or a short heading).
            if !sentence_words.iter().any(|word| word.lowercase && !word.entity) {
                continue;
            }
            let kicker_length = kicker_length(view, &sentence_words);
            let mut run: Option<(usize, usize)> = None; // (first, last) shouted word indexes
            let mut runs = Vec::new();
            for (index, word) in sentence_words.iter().enumerate().skip(kicker_length) {
                let word_text = word.span.slice(view);
                // Cheapest test first: nearly every word is not shouted.
                let shouted = is_shouted(word, word_text) && {
                    let is_identifier = index > 0 && {
                        let previous = sentence_words[index - 1].span.slice(view).to_lowercase();
                        IDENTIFIER_INTRODUCERS.contains(&previous.as_str())
                    };
                    let next_to_number = [index.checked_sub(1), Some(index + 1)]
                        .into_iter()
                        .flatten()
                        .filter_map(|neighbour| sentence_words.get(neighbour))
                        .any(|neighbour| neighbour.span.slice(view).chars().any(|ch| ch.is_ascii_digit()));
                    !is_identifier && !next_to_number
                };
                if shouted {
                    run = Some(match run {
                        Some((first, _)) => (first, index),
                        None => (index, index),
                    });
                } else if !(word.capitals && run.is_some()) {
                    // Short words in capitals (“SO”, “TO”) between shouted ones stay in the run.
                    runs.extend(run.take());
                }
            }
            runs.extend(run.take());
            for (first, last) in runs {
                // Trim trailing short capital words that only joined the run.
                let last = (first..=last)
                    .rev()
                    .find(|&index| is_shouted(&sentence_words[index], sentence_words[index].span.slice(view)));
                let Some(last) = last else { continue };
                let span = Span::new(sentence_words[first].span.start, sentence_words[last].span.end);
                if is_enclosed(view, span) {
                    continue;
                }
                let shown = span.slice(source);
                let lowered = shown.to_lowercase();
                reporter.report_with_fixes(
                    span,
                    format!("“{shown}” in capitals reads as shouting"),
                    "Write it in lowercase; let the words carry the emphasis.",
                    vec![Fix::replace(format!("Replace with “{lowered}”"), span, lowered.clone())],
                );
            }
        }
    }
}

/// Whether `span` is all there is inside quotes or brackets: a title
/// (“"MAKE IT WORK" official video”) or a tag (“[VIDEO]”), not emphasis.
fn is_enclosed(view: &str, span: Span) -> bool {
    let before = view[..span.start].chars().next_back();
    let after = view[span.end..].chars().next();
    matches!(
        (before, after),
        (Some('"'), Some('"'))
            | (Some('“'), Some('”'))
            | (Some('\''), Some('\''))
            | (Some('‘'), Some('’'))
            | (Some('«'), Some('»'))
            | (Some('('), Some(')'))
            | (Some('['), Some(']'))
    )
}

/// How many leading words form a kicker (“BREAKING NEWS:”): words in
/// capitals at the start of the sentence followed by a separator.
fn kicker_length(view: &str, sentence_words: &[Word]) -> usize {
    let leading = sentence_words.iter().take_while(|word| word.capitals && !word.entity).count();
    if leading == 0 {
        return 0;
    }
    let after = view[sentence_words[leading - 1].span.end..].trim_start_matches([' ', '!']);
    if after.starts_with(KICKER_SEPARATORS) {
        leading
    } else {
        0
    }
}
