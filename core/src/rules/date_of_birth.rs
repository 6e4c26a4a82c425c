//! `privacy.date-of-birth`: a person's date of birth in a public post.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Category, Severity};
use crate::rule::{CheckContext, Reporter, Rule, RuleMeta, Triggers};
use crate::rules::privacy_scan::{has_digits, word_in, words_after, words_before};
use crate::rules::MetaBuilder;
use crate::span::Span;

/// Flags specific dates introduced as a birth date: `born on 12 March 2015`,
/// `DOB: 03/04/1988`, `birthday is 3 May`, `(b. 2016)`.
pub(crate) struct DateOfBirth {
    meta: RuleMeta,
    /// Compiled on first use: most drafts never get this far.
    birth_date: LazyLock<Regex>,
}

/// Nouns that, before "born" or "birthday", say the subject is not a person:
/// organisations and ideas have founding dates, not dates of birth.
#[rustfmt::skip]
const NOT_A_PERSON: &[&str] = &[
    "everyone", "everybody", "anyone", "anybody", "nobody", "people", "babies", "those", "whoever", "monde", "gens",
    "personas", "todos", "todas", "leute", "alle", "charity", "organisation", "organization", "company", "business",
    "firm", "club", "team", "brand", "project", "campaign", "idea", "movement", "band", "nhs", "school",
    "university", "college", "society", "foundation", "trust", "network", "association", "union", "initiative",
    "podcast", "newsletter", "blog", "channel", "page", "account", "group", "community", "festival", "event",
    "shop", "store", "restaurant", "cafe", "café", "startup", "product", "app", "website", "service", "programme",
    "program", "show", "series", "magazine", "newspaper", "hospital", "library", "museum", "church", "city", "town",
    "country", "nation", "republic", "party", "agency", "studio", "label", "league", "tradition", "concept",
    "partnership", "collective", "centre", "center", "venture", "charity's", "company's", "club's",
    "organisation's", "organization's", "nhs's", "business's", "brand's",
];

/// The words every birth-date phrase contains (see [`Rule::triggers`]).
#[rustfmt::skip]
const TRIGGERS: &[&str] =
    &["born", "birth", "dob", "d.o.b", "(b.", "umpleaños", "nacid", "née", "né le", "ne le", "naissance", "geb", "nascid"];

const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|sep?tiembre|octubre|noviembre|diciembre|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|januar|februar|m[äa]rz|juni|juli|oktober|dezember)(?-u:\b)\.?";

const DAY: &str = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|er|º|°)?";

/// The birth-date phrase with its date, compiled when a draft first needs it.
fn birth_date_regex() -> Regex {
    let date = format!(
        r"(?:{DAY}\.?\s+(?:of\s+|de\s+)?{MONTH}(?:,?\s+(?:de\s+)?(?:19|20)\d{{2}})?|{MONTH}\s+{DAY}(?-u:\b)(?:,?\s+(?:19|20)\d{{2}})?|\d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:\d{{4}}|\d{{2}})(?-u:\b)|(?:19|20)\d{{2}}-\d{{1,2}}-\d{{1,2}}(?-u:\b))"
    );
    let pattern = format!(
        r"(?i)(?:(?P<born>(?-u:\b)born(?:\s+on)?|(?-u:\b)nacid[oa]\s+el|(?-u:\b)n[ée]e?\s+le|(?-u:\b)geboren\s+am|(?-u:\b)nascid[oa]\s+em|(?-u:\b)birthday(?:\s+is|\s*:)?(?:\s+on)?|(?-u:\b)cumpleaños(?:\s+es)?(?:\s+el)?)|(?P<label>(?-u:\b)date\s+of\s+birth|(?-u:\b)birth\s*date|(?-u:\b)d\.\s?o\.\s?b(?-u:\b)\.?|(?-u:\b)dob(?-u:\b)|(?-u:\b)fecha\s+de\s+nacimiento|(?-u:\b)date\s+de\s+naissance|(?-u:\b)geburtsdatum|(?-u:\b)data\s+de\s+nascimento)|(?P<b>\(b\.))[\s:,\-–]*(?:(?:is|was|on|the|el|le|am|em)\s+){{0,2}}(?:(?P<date>{date})|(?P<year>(?:19|20)\d{{2}})\))"
    );
    Regex::new(&pattern).expect("built-in pattern compiles")
}

impl DateOfBirth {
    /// The rule with its documentation, examples and compiled patterns.
    pub(crate) fn new() -> Self {
        let meta = MetaBuilder::new(
            "privacy.date-of-birth",
            Category::Privacy,
            Severity::Warning,
            "A person's date of birth in a public post.",
        )
        .why(
            "A full date of birth, with a name, is one of the answers banks and services use to confirm identity, \
             and it stays true for life. Even a birthday without the year narrows a person down. Celebrate without \
             the date, or ask first; children's birth dates deserve special care.",
            "EU GDPR, Article 4(1) and Recital 38 (children's data); ICO, guide to personal data; UK National Cyber \
             Security Centre, advice on oversharing personal information online",
        )
        .fire(&[
            "Welcome to Ada, born on 12 March 2015!",
            "Applicant DOB: 03/04/1988",
            "Our volunteer Sam (b. 2016) painted this.",
            "Her birthday is 3 May 2010, send cards!",
            "Date of birth: 1990-07-21",
        ])
        .pass(&[
            "Our charity was born on 3 May 2010 in a kitchen.",
            "The NHS was born in 1948.",
            "The festival runs on 12 March 2025.",
            "Happy birthday, Sam!",
            "Born in Nairobi, raised in Leeds.",
            "Born on 5 July 1948, the NHS is still ours.",
            "Mozart was born on 27 January 1756 in Salzburg.",
        ])
        .build();
        DateOfBirth { meta, birth_date: LazyLock::new(birth_date_regex) }
    }

    /// Dates of birth in `view`: the spans of the dates, in order.
    fn find(&self, view: &str) -> Vec<Span> {
        let mut found = Vec::new();
        // Every date has a digit; most drafts have none, and finding one is cheaper than the phrases.
        if !has_digits(view, 1) {
            return found;
        }
        for captures in self.birth_date.captures_iter(view) {
            let Some(date) = captures.name("date").or_else(|| captures.name("year")) else { continue };
            // A year alone is a date of birth only in the "(b. 2016)" notation.
            if captures.name("year").is_some() && captures.name("b").is_none() {
                continue;
            }
            // "The charity was born on …", "Born on 5 July 1948, the NHS …":
            // the subject comes before the phrase or right after the date.
            if let Some(trigger) = captures.name("born").or_else(|| captures.name("b")) {
                let about_organisation = words_before(view, trigger.start(), 8)
                    .iter()
                    .chain(&words_after(view, date.end(), 4))
                    .any(|word| word_in(word, NOT_A_PERSON));
                if about_organisation {
                    continue;
                }
            }
            if year_of(view, Span::new(date.start(), date.end())).is_some_and(|year| year < HISTORICAL_BEFORE) {
                continue;
            }
            let date = date.as_str().trim_end_matches('.');
            let start = captures.name("date").or_else(|| captures.name("year")).map_or(0, |found| found.start());
            found.push(Span::new(start, start + date.len()));
        }
        found
    }
}

/// Someone born before this year would be over a hundred: a birth date
/// older than that is history (“Mozart, born on 27 January 1756”), not a
/// private detail.
const HISTORICAL_BEFORE: u32 = 1920;

/// The year of a date, written in it or right after it: the pattern's own
/// years stop at 19xx and 20xx, so “27 January 1756” matches without its year.
fn year_of(view: &str, date: Span) -> Option<u32> {
    let last_year = |text: &str| {
        text.split(|ch: char| !ch.is_ascii_digit()).rfind(|run| run.len() == 4).and_then(|run| run.parse().ok())
    };
    last_year(date.slice(view)).or_else(|| {
        let rest = &view[date.end..];
        let rest = rest.trim_start_matches([',', ' ']);
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        (digits == 4).then(|| rest[..4].parse().ok()).flatten()
    })
}

impl Rule for DateOfBirth {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn triggers(&self) -> Triggers {
        Triggers { anywhere: TRIGGERS, ..Triggers::default() }
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        let view = context.document.prose_view();
        for span in self.find(view) {
            reporter.report(
                span,
                format!("“{}” is given as someone's date of birth", span.slice(view)),
                "Leave out the date (or at least the year) unless the person agreed to share it.",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DateOfBirth;

    fn dates(text: &str) -> Vec<String> {
        DateOfBirth::new().find(text).iter().map(|span| span.slice(text).to_owned()).collect()
    }

    #[test]
    fn historical_birth_dates_are_not_private() {
        assert!(dates("Mozart was born on 27 January 1756 in Salzburg.").is_empty());
        assert!(dates("Florence Nightingale (born 12 May 1820) trained nurses.").is_empty());
        assert!(dates("Our founder, born 3/4/1911, would be proud.").is_empty());
        assert_eq!(dates("Ada, born on 12 March 2015!"), ["12 March 2015"]);
        assert_eq!(dates("born on 12 March, 1995"), ["12 March, 1995"]);
    }

    #[test]
    fn finds_birth_dates() {
        assert_eq!(dates("born on 12 March 2015."), ["12 March 2015"]);
        assert_eq!(dates("D.O.B. 3rd of May 1990"), ["3rd of May 1990"]);
        assert_eq!(dates("born 12/03/2015"), ["12/03/2015"]);
        assert_eq!(dates("Sam (b. 2016)"), ["2016"]);
        assert_eq!(dates("birthday is on the 3rd of May"), ["3rd of May"]);
        assert_eq!(dates("born on March 12, 2015"), ["March 12, 2015"]);
        assert_eq!(dates("nacido el 5 de mayo de 2001"), ["5 de mayo de 2001"]);
    }

    #[test]
    fn ignores_other_dates() {
        for text in [
            "born in 1948",
            "born in May 2010",
            "The club was born on 3 May 2010",
            "birthday party on 3 May",
            "Born to run, 3 May tour",
            "the dobby 12/03/2015",
        ] {
            assert!(dates(text).is_empty(), "{text}: {:?}", dates(text));
        }
    }
}
