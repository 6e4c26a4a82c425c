//! `ethics.identifying-details`: a child or patient named in full next to
//! their age (or bed, ward, date of birth) and a health condition.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::diagnostic::{Category, Severity};
use crate::rule::{CheckContext, Reporter, Rule, RuleMeta, Triggers};
use crate::rules::MetaBuilder;
use crate::span::Span;
use crate::terms::is_word_char;

/// Health conditions and treatments that, next to a full name and an age,
/// identify a patient.
const CONDITIONS: &[&str] = &[
    "hiv",
    "aids",
    "cancer",
    "leukaemia",
    "leukemia",
    "tumour",
    "tumor",
    "tuberculosis",
    "malaria",
    "cholera",
    "diabetes",
    "malnutrition",
    "malnourished",
    "chemo",
    "chemotherapy",
    "radiotherapy",
    "dialysis",
    "polio",
    "measles",
    "epilepsy",
    "autism",
    "cerebral palsy",
    "sickle cell",
    "hepatitis",
    "pneumonia",
    "meningitis",
    "ebola",
    "covid",
    "heart defect",
    "hydrocephalus",
    "spina bifida",
    "cleft lip",
    "cleft palate",
    "fistula",
    "depression",
    "schizophrenia",
    "anorexia",
    "paralysed",
    "paralyzed",
    "amputee",
    "amputated",
    "disabled",
    "diagnosed",
    "diagnosis",
    "terminally ill",
    "transplant",
    "surgery",
    "admitted",
    "icu",
    "intensive care",
    "hiv-positive",
    "hiv positive",
    "pregnant",
    "miscarriage",
    "trauma",
];

/// Number words for ages a post might spell out.
const AGE_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
];

/// Capitalised words that start sentences or name things, not people.
const NOT_NAMES: &[&str] = &[
    "The",
    "Our",
    "We",
    "Meet",
    "This",
    "Today",
    "Patient",
    "Update",
    "Little",
    "Baby",
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Dr",
    "Here",
    "She",
    "He",
    "They",
    "Please",
    "Thanks",
    "Thank",
    "Read",
    "Help",
    "Your",
    "Her",
    "His",
    "When",
    "After",
    "Before",
    "Every",
    "Last",
    "Next",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Hospital",
    "Children",
    "Ward",
    "Clinic",
    "Centre",
    "Center",
    "Health",
    "Foundation",
    "University",
    "Street",
    "Road",
    "Camp",
    "Day",
    "Week",
    "World",
    "International",
    "National",
    "Photo",
];

/// Flags posts that identify a child or patient: a full name with an age
/// (or bed, ward or date of birth) and a health condition nearby.
pub(crate) struct IdentifyingDetails {
    meta: RuleMeta,
    /// Built on first use: only drafts with a condition word get this far.
    conditions: LazyLock<AhoCorasick>,
}

impl IdentifyingDetails {
    pub(crate) fn new() -> Self {
        let meta = MetaBuilder::new(
            "ethics.identifying-details",
            Category::Ethics,
            Severity::Warning,
            "A child or patient identified by full name together with their age and health condition.",
        )
        .why(
            "A full name with an age, a place or a bed number and a diagnosis identifies a person, often a child, \
             for anyone who reads or searches the post, for years. Health data is special-category personal data, \
             and ethical storytelling guides ask for changed or first names, fewer identifying details and \
             documented consent from the person or their guardian.",
            "Dóchas Code of Conduct on Images and Messages; Bond, ethical guidance on collecting and using images and stories; \
             EU GDPR Article 9 (health data); UNICEF, ethical guidelines for reporting on children",
        )
        .fire(&[
            "Meet Grace Otieno, 7, from Kibera. Grace was diagnosed with HIV last year.",
            "Patient update: Mr. Daniel Mensah, bed 12 on Ward C, is recovering from tuberculosis.",
            "Eight-year-old Kwame Asante has severe acute malnutrition.",
        ])
        .pass(&[
            "Dr. Sofia Alvarez, 52, has led our paediatric unit for a decade.",
            "Grace, 7, loves football and dreams of becoming a pilot.",
            "Maria shares how a support group helped her manage diabetes after her diagnosis at 40.",
            "Polio cases have fallen by more than 99% since 1988.",
        ])
        .build();
        let conditions: LazyLock<AhoCorasick> = LazyLock::new(|| {
            crate::terms::build_aho_corasick(
                AhoCorasickBuilder::new()
                    .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostLongest),
                CONDITIONS,
            )
            .expect("built-in condition list compiles")
        });
        IdentifyingDetails { meta, conditions }
    }
}

/// Whether `bytes` hold `Xx… Yy`: an ASCII capital and a lowercase letter,
/// a space, then another capital and lowercase letter, or any non-ASCII byte
/// (names in other scripts are checked the full way).
fn has_capitalised_pair(bytes: &[u8]) -> bool {
    if !bytes.is_ascii() {
        return true;
    }
    bytes.windows(5).any(|window| {
        window[0].is_ascii_lowercase()
            && window[1] == b' '
            && window[2].is_ascii_uppercase()
            && window[3].is_ascii_lowercase()
            && bytes.len() > 5
    }) && bytes.windows(2).any(|pair| pair[0].is_ascii_uppercase() && pair[1].is_ascii_lowercase())
}

/// Words of `text` with their byte offsets: runs of word characters and apostrophes.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut start = None;
    for (offset, ch) in text.char_indices() {
        let inside = is_word_char(ch) || ch == '\'' || ch == '’';
        match (inside, start) {
            (true, None) => start = Some(offset),
            (false, Some(begin)) => {
                found.push((begin, &text[begin..offset]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(begin) = start {
        found.push((begin, &text[begin..]));
    }
    found
}

fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let rest: Vec<char> = chars.collect();
    first_upper
        && rest.len() >= 2
        && rest.iter().all(|ch| ch.is_lowercase() || *ch == '\'' || *ch == '-')
        && !NOT_NAMES.contains(&word)
}

/// The first full name (two or more name words in a row) in `words`.
fn full_name(text: &str, words: &[(usize, &str)]) -> Option<Span> {
    words.windows(2).find_map(|pair| {
        let ((first_at, first), (second_at, second)) = (pair[0], pair[1]);
        let gap = &text[first_at + first.len()..second_at];
        (is_name_word(first) && is_name_word(second) && gap == " ")
            .then(|| Span::new(first_at, second_at + second.len()))
    })
}

/// Whether the window states an age, a bed or ward, or a date of birth.
fn has_identifying_detail(words: &[(usize, &str)], text: &str) -> bool {
    let lower = text.to_lowercase();
    if lower.contains("year-old") || lower.contains("years old") || lower.contains("year old") {
        return true;
    }
    if lower.contains("dob") || lower.contains("date of birth") || lower.contains("born on") {
        return true;
    }
    words.windows(2).any(|pair| {
        let (first, second) = (pair[0].1.to_lowercase(), pair[1].1);
        let number = second.bytes().all(|byte| byte.is_ascii_digit()) && second.len() <= 3;
        (matches!(first.as_str(), "aged" | "age" | "bed" | "ward" | "room") && (number || second.len() <= 2))
            || (AGE_WORDS.contains(&first.as_str()) && second.eq_ignore_ascii_case("years"))
    }) || {
        // "Grace Otieno, 7," — a small number set off by commas right after a name.
        let bytes = text.as_bytes();
        text.match_indices(", ").any(|(at, _)| {
            let digits = bytes[at + 2..].iter().take_while(|byte| byte.is_ascii_digit()).count();
            (1..=2).contains(&digits) && matches!(bytes.get(at + 2 + digits), Some(b',') | Some(b' ') | None)
        })
    }
}

impl Rule for IdentifyingDetails {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn triggers(&self) -> Triggers {
        Triggers { anywhere: CONDITIONS, ..Triggers::default() }
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        let view = context.document.prose_view();
        // A full name needs two capitalised words in a row ("Grace Otieno"):
        // a cheap byte scan skips most drafts before the condition search.
        if !has_capitalised_pair(view.as_bytes()) {
            return;
        }
        for condition in self.conditions.find_iter(view) {
            let (start, end) = (condition.start(), condition.end());
            let boundary = !view[..start].chars().next_back().is_some_and(is_word_char)
                && !view[end..].chars().next().is_some_and(is_word_char);
            if !boundary {
                continue;
            }
            // The paragraph around the condition, at most 300 bytes before it.
            // Searched within the bounds only, so long drafts stay linear.
            let mut window_start = start.saturating_sub(300);
            while !view.is_char_boundary(window_start) {
                window_start += 1;
            }
            if let Some(at) = view[window_start..start].rfind("\n\n") {
                window_start += at + 2;
            }
            let mut window_end = (end + 150).min(view.len());
            while !view.is_char_boundary(window_end) {
                window_end -= 1;
            }
            if let Some(at) = view[end..window_end].find("\n\n") {
                window_end = end + at;
            }
            let window = &view[window_start..window_end];
            let listed = words(window);
            let Some(name) = full_name(window, &listed) else { continue };
            if !has_identifying_detail(&listed, window) {
                continue;
            }
            let span = Span::new(window_start + name.start, window_start + name.end);
            reporter.report(
                span,
                format!(
                    "“{}” is named in full next to an age or ward and a health condition, which identifies them",
                    span.slice(view)
                ),
                "Use a first name or a changed name (and say so), leave out the age, place or bed, and keep \
                 the person's or guardian's documented consent.",
            );
            return;
        }
    }
}
