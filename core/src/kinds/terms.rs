//! The `terms` rule kind: literal words and phrases, with optional
//! suggestions, exceptions and context conditions.

use crate::diagnostic::Fix;
use crate::document::Document;
use crate::kinds::{collapse_whitespace, in_quotes, match_case, render_template};
use crate::rule::{CheckContext, Reporter, Rule, RuleMeta};
use crate::span::Span;
use crate::terms::{is_word_char, normalize_term, TermHit};

/// One term of a rule, with the replacements it suggests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term as the rule writes it.
    pub phrase: String,
    /// Replacements, preferred first; empty when there is none to offer.
    pub suggestions: Vec<String>,
}

/// When a match counts, beyond standing on word boundaries.
///
/// Each list holds words or phrases; an empty list imposes nothing. These are
/// how an ambiguous term ("blind", "crazy", "victims") fires only where its
/// sense is clear.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conditions {
    /// Fire only when the preceding word is one of these.
    pub if_previous: Vec<String>,
    /// Stay quiet when the preceding word is one of these.
    pub unless_previous: Vec<String>,
    /// Fire only when the following word is one of these.
    pub if_next: Vec<String>,
    /// Stay quiet when the following word is one of these.
    pub unless_next: Vec<String>,
    /// Fire only when the sentence also has one of these.
    pub if_sentence_has: Vec<String>,
    /// Stay quiet when the sentence has one of these.
    pub unless_sentence_has: Vec<String>,
}

impl Conditions {
    /// Whether any condition is set.
    pub fn is_empty(&self) -> bool {
        self.if_previous.is_empty()
            && self.unless_previous.is_empty()
            && self.if_next.is_empty()
            && self.unless_next.is_empty()
            && self.if_sentence_has.is_empty()
            && self.unless_sentence_has.is_empty()
    }

    fn normalized(&self) -> Conditions {
        let normalize = |list: &Vec<String>| list.iter().map(|term| normalize_term(term)).collect();
        Conditions {
            if_previous: normalize(&self.if_previous),
            unless_previous: normalize(&self.unless_previous),
            if_next: normalize(&self.if_next),
            unless_next: normalize(&self.unless_next),
            if_sentence_has: normalize(&self.if_sentence_has),
            unless_sentence_has: normalize(&self.unless_sentence_has),
        }
    }
}

/// How a terms rule treats quoted text, names and letter case.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TermOptions {
    /// Match only the exact letter case of the term.
    pub case_sensitive: bool,
    /// Also fire inside double quotes (quoted speech is skipped by default).
    pub in_quotes: bool,
    /// Also fire on capitalised words inside multi-word names
    /// ("Manpower Group" is skipped by default).
    pub proper_names: bool,
}

/// A rule that flags literal terms.
#[derive(Debug, Clone)]
pub struct TermsRule {
    meta: RuleMeta,
    pub(crate) slot: u32,
    terms: Vec<Term>,
    message: String,
    help: String,
    conditions: Conditions,
    options: TermOptions,
    /// For each term: exception phrases containing it, with the term's offset inside them.
    exceptions: Vec<Vec<(String, usize)>>,
}

impl TermsRule {
    /// Builds the rule. `message` and `help` may use `{match}`, `{suggestion}`
    /// and `{suggestions}`. Exceptions are phrases that contain a term and are fine.
    pub fn new(
        meta: RuleMeta,
        terms: Vec<Term>,
        message: String,
        help: String,
        exceptions: &[String],
        conditions: Conditions,
        options: TermOptions,
    ) -> Self {
        let normalized_exceptions: Vec<String> = exceptions.iter().map(|exception| normalize_term(exception)).collect();
        let exceptions = terms
            .iter()
            .map(|term| {
                if normalized_exceptions.is_empty() {
                    return Vec::new();
                }
                let needle = normalize_term(&term.phrase);
                normalized_exceptions
                    .iter()
                    .flat_map(|exception| {
                        exception.match_indices(needle.as_str()).map(|(offset, _)| (exception.clone(), offset))
                    })
                    .collect()
            })
            .collect();
        TermsRule {
            meta,
            slot: u32::MAX,
            terms,
            message,
            help,
            conditions: conditions.normalized(),
            options,
            exceptions,
        }
    }

    /// The rule's terms.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    fn counts(&self, document: &Document<'_>, hit: &TermHit) -> bool {
        let source = document.source();
        let exceptions = &self.exceptions[hit.term as usize];
        // The normalized text is read only for exceptions and conditions.
        if !exceptions.is_empty() {
            let (text, normalized) = (document.normalized().as_str(), hit.normalized(document));
            if exceptions.iter().any(|(exception, offset)| {
                normalized.start >= *offset && phrase_at(text, normalized.start - offset, exception)
            }) {
                return false;
            }
        }
        if self.options.case_sensitive
            && collapse_whitespace(hit.span.slice(source)) != collapse_whitespace(&self.terms[hit.term as usize].phrase)
        {
            return false;
        }
        if !self.options.in_quotes && in_quotes(document.prose_view(), hit.span) {
            return false;
        }
        if !self.options.proper_names && is_inside_name(document, hit.span) {
            return false;
        }
        let conditions = &self.conditions;
        if conditions.is_empty() {
            return true;
        }
        let (text, normalized) = (document.normalized().as_str(), hit.normalized(document));
        let before = text[..normalized.start].trim_end_matches(' ');
        let after = text[normalized.end..].trim_start_matches(' ');
        let previous_is = |list: &[String]| list.iter().any(|phrase| phrase_before(before, phrase));
        let next_is = |list: &[String]| list.iter().any(|phrase| phrase_at(after, 0, phrase));
        if !conditions.if_previous.is_empty() && !previous_is(&conditions.if_previous) {
            return false;
        }
        if previous_is(&conditions.unless_previous) {
            return false;
        }
        if !conditions.if_next.is_empty() && !next_is(&conditions.if_next) {
            return false;
        }
        if next_is(&conditions.unless_next) {
            return false;
        }
        if !conditions.if_sentence_has.is_empty() || !conditions.unless_sentence_has.is_empty() {
            // The sentence around the match, within a bounded window.
            let sentence = document.sentence_at(hit.span.start).unwrap_or(hit.span);
            let view = document.prose_view();
            let start = view.floor_char_boundary(sentence.start.max(hit.span.start.saturating_sub(SENTENCE_REACH)));
            let end = view.ceil_char_boundary(sentence.end.min(hit.span.end + SENTENCE_REACH)).max(start);
            let sentence = normalize_term(&view[start..end]);
            let has = |list: &[String]| {
                list.iter().any(|phrase| {
                    sentence.match_indices(phrase.as_str()).any(|(at, _)| phrase_at(&sentence, at, phrase))
                })
            };
            if !conditions.if_sentence_has.is_empty() && !has(&conditions.if_sentence_has) {
                return false;
            }
            if has(&conditions.unless_sentence_has) {
                return false;
            }
        }
        true
    }
}

/// How far around a match its sentence is read for context words, in bytes.
const SENTENCE_REACH: usize = 400;

/// Whether `phrase` stands at `offset` of `text` on word boundaries.
fn phrase_at(text: &str, offset: usize, phrase: &str) -> bool {
    let Some(rest) = text.get(offset..) else {
        return false;
    };
    rest.starts_with(phrase)
        && !rest[phrase.len()..].chars().next().is_some_and(is_word_char)
        && !text[..offset].chars().next_back().is_some_and(is_word_char)
}

/// Whether `text` ends with `phrase` on a word boundary.
fn phrase_before(text: &str, phrase: &str) -> bool {
    text.ends_with(phrase) && !text[..text.len() - phrase.len()].chars().next_back().is_some_and(is_word_char)
}

/// Whether the match is a capitalised word inside a multi-word name, such as
/// "Manpower" in "Manpower Group": not at the start of a sentence, and next
/// to another capitalised word that is not itself the sentence's first word.
fn is_inside_name(document: &Document<'_>, span: Span) -> bool {
    let view = document.prose_view();
    let matched = span.slice(view);
    if !matched.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    // A draft in capitals throughout is shouting, not naming.
    if matched.chars().filter(|ch| ch.is_alphabetic()).all(char::is_uppercase) && matched.len() > 1 {
        // Read the sentence near the match only: a long sentence must not be rescanned per match.
        let sentence = document.sentence_at(span.start).unwrap_or(span);
        let from = view.floor_char_boundary(sentence.start.max(span.start.saturating_sub(200)));
        let to = view.ceil_char_boundary(sentence.end.min(span.end + 200)).max(from);
        if !view[from..to].chars().any(char::is_lowercase) {
            return false;
        }
    }
    let sentence_start = document.sentence_at(span.start).map_or(span.start, |sentence| sentence.start);
    // Only the stretch just before a word is looked at, so long sentences stay cheap.
    let starts_sentence = |offset: usize| {
        offset - sentence_start <= 200 && view[sentence_start..offset].chars().all(|ch| !is_word_char(ch))
    };
    if starts_sentence(span.start) {
        // "Manpower Group hires" at the start of a sentence: still a name
        // when the next word is capitalised too.
        return next_word_capitalised(view, span.end);
    }
    if next_word_capitalised(view, span.end) {
        return true;
    }
    let before = view[..span.start].trim_end();
    let word_start = before.char_indices().rev().take_while(|(_, ch)| is_word_char(*ch)).last().map(|(index, _)| index);
    match word_start {
        Some(index) if index < before.len() => {
            before[index..].chars().next().is_some_and(char::is_uppercase)
                && index >= sentence_start
                && !starts_sentence(index)
        }
        _ => false,
    }
}

fn next_word_capitalised(view: &str, offset: usize) -> bool {
    let mut after = &view[offset..];
    // "Chairman's Club": the possessive belongs to the name.
    for possessive in ["'s", "’s"] {
        if let Some(rest) = after.strip_prefix(possessive) {
            after = rest;
        }
    }
    let trimmed = after.trim_start_matches([' ', '\t']);
    // Only across a single space: "Manpower, Group" is not a name.
    trimmed.len() < after.len() && trimmed.chars().next().is_some_and(char::is_uppercase)
}

impl Rule for TermsRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn term_slot(&self) -> Option<u32> {
        Some(self.slot)
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        let document = context.document;
        let mut reported_until = 0;
        for hit in context.term_hits(self.slot) {
            if hit.span.start < reported_until || !self.counts(document, hit) {
                continue;
            }
            reported_until = hit.span.end;
            let term = &self.terms[hit.term as usize];
            let matched = hit.span.slice(document.source());
            let shown = collapse_whitespace(matched);
            let suggestions: Vec<String> =
                term.suggestions.iter().map(|suggestion| match_case(matched, suggestion)).collect();
            let message = render_template(&self.message, &shown, &suggestions);
            let help = render_template(&self.help, &shown, &suggestions);
            let fixes = suggestions
                .iter()
                .map(|suggestion| {
                    let title = if suggestion.is_empty() {
                        format!("Remove “{shown}”")
                    } else {
                        format!("Replace with “{suggestion}”")
                    };
                    Fix::replace(title, hit.span, suggestion.clone())
                })
                .collect();
            reporter.report_with_fixes(hit.span, message, help, fixes);
        }
    }
}
