//! `privacy.national-id`: national identity numbers in a public post.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Category, Fix, Severity};
use crate::rule::{CheckContext, Facts, Reporter, Rule, RuleMeta};
use crate::rules::privacy_scan::{char_at, char_before, mask_keeping_last, words_before};
use crate::rules::MetaBuilder;
use crate::settings::Settings;
use crate::span::Span;

/// Flags US Social Security numbers, UK National Insurance numbers, Spanish
/// DNI/NIE and Brazilian CPF numbers that pass their format and check rules,
/// and any number introduced as an ID, passport or social security number.
pub(crate) struct NationalId {
    meta: RuleMeta,
    /// Compiled on first use: most drafts have no identity number.
    patterns: LazyLock<Patterns>,
}

/// The compiled shapes, built once per checker.
struct Patterns {
    ssn: Regex,
    ssn_spaced: Regex,
    nino: Regex,
    dni: Regex,
    nie: Regex,
    cpf: Regex,
    labelled: Regex,
}

/// Which kind of number was found, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IdKind {
    UsSocialSecurity,
    UkNationalInsurance,
    SpanishDni,
    BrazilianCpf,
    Labelled,
}

impl IdKind {
    fn message(self) -> &'static str {
        match self {
            IdKind::UsSocialSecurity => "This looks like a US Social Security number",
            IdKind::UkNationalInsurance => "This looks like a UK National Insurance number",
            IdKind::SpanishDni => "This looks like a Spanish DNI/NIE number (its check letter is valid)",
            IdKind::BrazilianCpf => "This looks like a Brazilian CPF number (its check digits are valid)",
            IdKind::Labelled => "This is introduced as an identity document number",
        }
    }
}

impl Patterns {
    fn compile() -> Patterns {
        let compile = |pattern: &str| Regex::new(pattern).expect("built-in pattern compiles");
        Patterns {
            ssn: compile(r"(?-u:\b)(\d{3})-(\d{2})-(\d{4})(?-u:\b)"),
            ssn_spaced: compile(r"(?-u:\b)(\d{3}) (\d{2}) (\d{4})(?-u:\b)"),
            nino: compile(r"(?-u:\b)([A-Z]{2}) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])(?-u:\b)"),
            dni: compile(r"(?-u:\b)(\d{8}|\d{1,2}\.\d{3}\.\d{3})-?([A-Z])(?-u:\b)"),
            nie: compile(r"(?-u:\b)([XYZ])-?(\d{7})-?([A-Z])(?-u:\b)"),
            cpf: compile(r"(?-u:\b)(\d{3})\.(\d{3})\.(\d{3})-(\d{2})(?-u:\b)"),
            labelled: compile(
                r"(?i)(?-u:\b)(?:national\s+(?:id|identity|insurance)(?:\s+card)?(?:\s+(?:number|no\.?|#))?|(?:id|identity)\s+(?:card\s+)?(?:number|no\.?|#)|passport(?:\s+(?:number|no\.?|#))?|social\s+security(?:\s+(?:number|no\.?|#))?|aadhaa?r(?:\s+(?:card|number|no\.?))*|driver'?s?\s+licen[cs]e(?:\s+(?:number|no\.?|#))?|tax\s+(?:id|identification\s+number)|(?-i:SSN|NINO|NI\s+number|DNI|NIE|CPF|NIF|PESEL|BSN|NRIC|SIN))(?:\s*(?:is|:|#|=|-|–))*\s*((?-i:[A-Z]{0,2}\d[\d \-]{3,16}\d[A-Z]?))",
            ),
        }
    }
}

impl NationalId {
    /// The rule with its documentation, examples and compiled patterns.
    pub(crate) fn new() -> Self {
        let meta = MetaBuilder::new(
            "privacy.national-id",
            Category::Privacy,
            Severity::Error,
            "National identity, social security and passport numbers in a public post.",
        )
        .why(
            "Identity numbers are keys to a person's tax, health, benefit and credit records; with a name and a date \
             of birth they are enough to open accounts in someone else's name. They cannot be changed the way a \
             password can, so a leak is permanent. Never publish one.",
            "EU GDPR, Article 87 (national identification numbers) and Article 4(1); US Social Security \
             Administration, Social Security Number Randomization (valid number ranges); HMRC National Insurance \
             Manual NIM39110 (number format); Spanish Real Decreto 1553/2005 (DNI check letter); Receita Federal \
             do Brasil (CPF check digits)",
        )
        .fire(&[
            "My SSN is 219-45-6789, please keep it safe",
            "NI number AB 12 34 56 C on the form",
            "DNI 12345678Z perdido en la estación",
            "Meu CPF é 111.444.777-35",
            "Passport number: X1234567",
        ])
        .pass(&[
            "Call 555-010-2030 today",
            "Example NI number QQ 12 34 56 C (not a real prefix)",
            "Invalid SSN 000-12-3456 and 666-12-3456",
            "DNI 12345678A (wrong letter)",
            "Meeting on 2024-05-12 at 10:30",
        ])
        .fixed(&[("SSN: 219-45-6789.", "SSN: •••-••-6789.")])
        .build();
        NationalId { meta, patterns: LazyLock::new(Patterns::compile) }
    }

    /// Every identity number in `view`, in order, overlaps removed.
    fn find(&self, view: &str) -> Vec<(Span, IdKind)> {
        let mut found = Vec::new();
        let patterns = &self.patterns;
        for captures in patterns.ssn.captures_iter(view) {
            let Some(whole) = captures.get(0) else { continue };
            let span = Span::new(whole.start(), whole.end());
            if standalone(view, span) && valid_ssn(&captures[1], &captures[2], &captures[3]) {
                found.push((span, IdKind::UsSocialSecurity));
            }
        }
        for captures in patterns.ssn_spaced.captures_iter(view) {
            let Some(whole) = captures.get(0) else { continue };
            let span = Span::new(whole.start(), whole.end());
            let labelled = words_before(view, span.start, 4)
                .iter()
                .any(|word| matches!(word.trim_end_matches([':', '.']), "ssn" | "security" | "ss#"));
            if labelled && standalone(view, span) && valid_ssn(&captures[1], &captures[2], &captures[3]) {
                found.push((span, IdKind::UsSocialSecurity));
            }
        }
        for captures in patterns.nino.captures_iter(view) {
            let Some(whole) = captures.get(0) else { continue };
            let span = Span::new(whole.start(), whole.end());
            if standalone(view, span) && valid_nino_prefix(&captures[1]) {
                found.push((span, IdKind::UkNationalInsurance));
            }
        }
        for captures in patterns.dni.captures_iter(view) {
            let Some(whole) = captures.get(0) else { continue };
            let span = Span::new(whole.start(), whole.end());
            let number: String = captures[1].chars().filter(char::is_ascii_digit).collect();
            if standalone(view, span) && dni_letter(&number) == captures[2].chars().next() {
                found.push((span, IdKind::SpanishDni));
            }
        }
        for captures in patterns.nie.captures_iter(view) {
            let Some(whole) = captures.get(0) else { continue };
            let span = Span::new(whole.start(), whole.end());
            // The NIE's leading X, Y or Z counts as 0, 1 or 2 in the check.
            let lead = match &captures[1] {
                "X" => '0',
                "Y" => '1',
                _ => '2',
            };
            let number: String = std::iter::once(lead).chain(captures[2].chars()).collect();
            if standalone(view, span) && dni_letter(&number) == captures[3].chars().next() {
                found.push((span, IdKind::SpanishDni));
            }
        }
        for captures in patterns.cpf.captures_iter(view) {
            let Some(whole) = captures.get(0) else { continue };
            let span = Span::new(whole.start(), whole.end());
            let digits: Vec<u8> = whole.as_str().bytes().filter(u8::is_ascii_digit).map(|digit| digit - b'0').collect();
            if standalone(view, span) && valid_cpf(&digits) {
                found.push((span, IdKind::BrazilianCpf));
            }
        }
        for captures in patterns.labelled.captures_iter(view) {
            let Some(token) = captures.get(1) else { continue };
            let trimmed = token.as_str().trim_end_matches([' ', '-']);
            let span = Span::new(token.start(), token.start() + trimmed.len());
            // A token with a shape the checks above know is theirs to judge:
            // "SSN 000-12-3456" is no Social Security number.
            let checked_shape = [&patterns.ssn, &patterns.dni, &patterns.nie, &patterns.cpf, &patterns.nino]
                .iter()
                .any(|pattern| pattern.find(trimmed).is_some_and(|found| found.len() == trimmed.len()));
            if !checked_shape && trimmed.bytes().filter(u8::is_ascii_digit).count() >= 6 && standalone(view, span) {
                found.push((span, IdKind::Labelled));
            }
        }
        // Several shapes can see one number ("SSN 219-45-6789"); keep the first, longest.
        crate::sort::sort_by_key(&mut found, |(span, _)| (span.start, std::cmp::Reverse(span.end)));
        let mut kept: Vec<(Span, IdKind)> = Vec::with_capacity(found.len());
        for (span, kind) in found {
            if kept.last().is_none_or(|(last, _)| !last.overlaps(span)) {
                kept.push((span, kind));
            }
        }
        kept
    }
}

/// The number is not glued to a longer token (`x-219-45-6789`, `1.23`).
fn standalone(view: &str, span: Span) -> bool {
    let glued = |ch: Option<char>| ch.is_some_and(|ch| ch.is_alphanumeric() || matches!(ch, '-' | '/' | '_'));
    let decimal = |ch: Option<char>, digit_beyond: bool| ch == Some('.') && digit_beyond;
    let before = char_before(view, span.start);
    let after = char_at(view, span.end);
    let digit_before_dot = span.start >= 2 && view.as_bytes()[span.start - 2].is_ascii_digit();
    let digit_after_dot = view.as_bytes().get(span.end + 1).is_some_and(u8::is_ascii_digit);
    !glued(before) && !glued(after) && !decimal(before, digit_before_dot) && !decimal(after, digit_after_dot)
}

/// SSA rules: no area 000, 666 or 900–999, no group 00, no serial 0000.
fn valid_ssn(area: &str, group: &str, serial: &str) -> bool {
    area != "000" && area != "666" && !area.starts_with('9') && group != "00" && serial != "0000"
}

/// HMRC rules: the first letter is not D, F, I, Q, U or V; the second is not
/// D, F, I, O, Q, U or V; and BG, GB, KN, NK, NT, TN and ZZ are never issued.
fn valid_nino_prefix(prefix: &str) -> bool {
    let bytes = prefix.as_bytes();
    bytes.len() == 2
        && !b"DFIQUV".contains(&bytes[0])
        && !b"DFIOQUV".contains(&bytes[1])
        && !["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].contains(&prefix)
}

/// The DNI check letter of an eight-digit number: the number modulo 23
/// indexes the letter table.
fn dni_letter(number: &str) -> Option<char> {
    const LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";
    let value: u64 = number.parse().ok()?;
    Some(char::from(LETTERS[(value % 23) as usize]))
}

/// The two CPF check digits: weighted sums modulo 11 over the nine and then
/// ten digits before them. Numbers of one repeated digit are not issued.
fn valid_cpf(digits: &[u8]) -> bool {
    if digits.len() != 11 || digits.iter().all(|&digit| digit == digits[0]) {
        return false;
    }
    let check = |count: usize| -> u8 {
        let sum: u32 = digits[..count]
            .iter()
            .enumerate()
            .map(|(index, &digit)| u32::from(digit) * (count as u32 + 1 - index as u32))
            .sum();
        let remainder = (sum * 10 % 11) as u8;
        if remainder == 10 {
            0
        } else {
            remainder
        }
    };
    check(9) == digits[9] && check(10) == digits[10]
}

impl Rule for NationalId {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// Every identity number it knows has digits.
    fn needs(&self, _settings: &Settings) -> Facts {
        Facts::DIGIT
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        let view = context.document.prose_view();
        if context.document.digit_cluster() < 6 {
            return;
        }
        for (span, kind) in self.find(view) {
            let masked = mask_keeping_last(span.slice(view), 4);
            reporter.report_with_fixes(
                span,
                kind.message(),
                "Never post identity numbers; remove it, or mask all but the last four characters.",
                vec![Fix::replace(format!("Mask as “{masked}”"), span, masked.clone())],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<(String, IdKind)> {
        NationalId::new().find(text).into_iter().map(|(span, kind)| (span.slice(text).to_owned(), kind)).collect()
    }

    #[test]
    fn check_rules() {
        assert!(valid_cpf(&[1, 1, 1, 4, 4, 4, 7, 7, 7, 3, 5]));
        assert!(!valid_cpf(&[1, 1, 1, 4, 4, 4, 7, 7, 7, 3, 6]));
        assert!(!valid_cpf(&[1; 11]));
        assert_eq!(dni_letter("12345678"), Some('Z'));
        assert!(valid_nino_prefix("AB") && !valid_nino_prefix("QQ") && !valid_nino_prefix("GB"));
        assert!(!valid_ssn("900", "12", "3456") && valid_ssn("219", "45", "6789"));
    }

    #[test]
    fn finds_each_kind_once() {
        assert_eq!(ids("SSN 219-45-6789"), [("219-45-6789".to_owned(), IdKind::UsSocialSecurity)]);
        assert_eq!(ids("SSN: 219 45 6789"), [("219 45 6789".to_owned(), IdKind::UsSocialSecurity)]);
        assert_eq!(ids("AB123456C"), [("AB123456C".to_owned(), IdKind::UkNationalInsurance)]);
        assert_eq!(ids("NIE X-1234567-L"), [("X-1234567-L".to_owned(), IdKind::SpanishDni)]);
        assert_eq!(ids("12.345.678-Z"), [("12.345.678-Z".to_owned(), IdKind::SpanishDni)]);
        assert_eq!(ids("Aadhaar number 1234 5678 9012."), [("1234 5678 9012".to_owned(), IdKind::Labelled)]);
    }

    #[test]
    fn ignores_look_alikes() {
        assert!(ids("call 555-010-2030 or 219-45-6789-1").is_empty());
        assert!(ids("219 45 6789 people").is_empty());
        assert!(ids("passport photos 2 for 10").is_empty());
        assert!(ids("QQ 12 34 56 C").is_empty());
    }
}
