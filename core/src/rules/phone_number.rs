//! `privacy.phone-number`: telephone numbers in a public post, in the text
//! or behind `tel:` links.
//!
//! Phone numbers have no checksum, so the detector reads their shape: digit
//! groups and separators, a leading `+`, `00` or trunk `0`, 7–15 digits in all
//! (ITU-T E.164). Shapes only phones have (`+44 7700 900123`,
//! `(555) 010-2030`, `020 7946 0018`) are enough on their own; shapes other
//! numbers share (`555 0102`, `5550102030`) need a word such as "call" or
//! "WhatsApp" nearby. Dates, years, amounts, counts and labelled references
//! (`Order`, `ISBN`, `Registered charity`) are refused.

use crate::diagnostic::{Category, Severity};
use crate::document::Document;
use crate::rule::{CheckContext, Facts, Reporter, Rule, RuleMeta};
use crate::rules::iban::find_ibans;
use crate::rules::privacy_scan::{char_at, char_before, has_digits, is_currency, link_targets, word_in};
use crate::rules::privacy_scan::{words_after, words_before};
use crate::rules::MetaBuilder;
use crate::settings::Settings;
use crate::span::Span;

/// Flags phone numbers; the organisation's own lines go in `[allow] terms`.
pub(crate) struct PhoneNumber {
    meta: RuleMeta,
}

impl PhoneNumber {
    /// The rule, with its documentation and examples.
    pub(crate) fn new() -> Self {
        let meta = MetaBuilder::new(
            "privacy.phone-number",
            Category::Privacy,
            Severity::Warning,
            "Telephone numbers in a public post.",
        )
        .why(
            "A phone number reaches one person directly and, once public, is scraped for spam calls, scams and \
             SIM-swap attempts. Post one only with the owner's consent; list the organisation's own published \
             lines under `[allow] terms`.",
            "EU GDPR, Article 4(1) (definition of personal data); ICO, guide to personal data (contact details); \
             ITU-T E.164 (the structure of international numbers)",
        )
        .fire(&[
            "Call Sam on +44 7700 900123 for tickets.",
            "Questions? (555) 010-2030",
            "WhatsApp me: 98765 43210",
            "Ring 020 7946 0018 after 6pm.",
            "Text 555 0102 to join.",
            "[Call us](tel:+15550102030)",
        ])
        .pass(&[
            "Tickets cost $1 250 000 in total",
            "Registered charity 1234567",
            "Ref 2024-118, Order #4521, ISBN 978-0-306-40615-7",
            "Open 12/05/2024 to 2024-05-19, 10-15 May, score 3-1",
            "We reached 1,000,000 readers and 12 000 people came.",
            "Version 10.0.19041.1234 is out; 99.5% uptime.",
        ])
        .build();
        PhoneNumber { meta }
    }
}

/// Words that, near a number, say it is a phone number.
#[rustfmt::skip]
const PHONE_WORDS: &[&str] = &[
    "call", "calls", "calling", "phone", "phones", "telephone", "tel", "tél", "tele", "ph", "mob", "mobile", "cell",
    "cellphone", "whatsapp", "whatsapps", "wa", "sms", "text", "txt", "texting", "ring", "dial", "contact",
    "contacts", "hotline", "helpline", "freephone", "fax", "landline", "telegram", "signal", "viber", "reach",
    "téléphone", "telefon", "telefono", "teléfono", "telefone", "tlf", "llama", "llámanos", "llamar", "llame",
    "contacto", "contáctanos", "appelez", "appeler", "appelle", "anrufen", "ruf", "ligue", "ligar", "chiama",
    "chiamare", "zap", "whats",
];

/// Words that, right before a number, say it is something else.
#[rustfmt::skip]
const OTHER_NUMBER_WORDS: &[&str] = &[
    "ref", "reference", "order", "orders", "invoice", "isbn", "issn", "charity", "company", "companies",
    "registration", "registered", "reg", "account", "acct", "iban", "bic", "swift", "sort", "vat", "ein", "tax",
    "id", "case", "ticket", "tracking", "serial", "pin", "otp", "code", "model", "part", "sku", "item", "policy",
    "claim", "licence", "license", "membership", "member", "customer", "booking", "reservation", "confirmation",
    "receipt", "transaction", "txn", "batch", "lot", "patent", "flight", "route", "version", "build", "release",
    "population", "votes", "page", "pages", "vol", "volume", "issue", "doi", "pmid", "chapter", "section", "art",
    "article", "room", "zip", "postcode", "imei", "cpf", "dni", "nie", "nif", "ssn", "nino", "passport", "aadhaar",
    "aadhar", "pan", "card", "bank", "routing", "ifsc", "upi", "nhs", "student", "employee", "staff", "roll",
    "record", "file", "docket", "permit", "application", "voucher", "coupon", "promo", "tx", "block", "hash", "ip",
    "port", "ip.", "year", "years", "total", "rs", "usd", "eur", "gbp", "inr", "kes", "ksh", "ngn", "naira",
];

/// Words that stand for "number" and defer to the word before them
/// (`order number`, `phone no.`).
const NUMBER_WORDS: &[&str] =
    &["number", "numbers", "no", "nr", "num", "nos", "n°", "nº", "nmbr", "numero", "número", "numéro"];

/// Words before "number" that make it someone's number.
const OWNERS: &[&str] =
    &["my", "our", "your", "his", "her", "their", "this", "whatsapp", "mi", "nuestro", "mon", "notre"];

/// The separator between two digit groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Separator {
    Space,
    Dash,
    Dot,
    /// Involves a parenthesis: `(555) 010`, `+44 (0) 20`.
    Paren,
}

/// A run of digit groups that may be a phone number.
#[derive(Debug, Clone)]
struct Candidate {
    /// Where it starts: the `+`, an opening parenthesis or the first digit.
    start: usize,
    /// Whether it starts with `+`.
    plus: bool,
    /// The digit groups, as spans of the view.
    groups: Vec<Span>,
    /// `separators[i]` joins `groups[i]` and `groups[i + 1]`.
    separators: Vec<Separator>,
    /// The index of the group written in parentheses, if any.
    paren_group: Option<usize>,
}

impl Candidate {
    fn end(&self) -> usize {
        self.groups.last().map_or(self.start, |group| group.end)
    }
}

/// How a candidate's shape reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Not a phone number.
    Other,
    /// A shape only phone numbers have.
    Phone,
    /// Could be a phone number; only a phone word nearby says so.
    Ambiguous,
}

/// One space-like char at `index`: a space, a no-break space or a narrow one.
fn space_len(bytes: &[u8], index: usize) -> usize {
    match bytes.get(index..) {
        Some([b' ', ..]) => 1,
        Some([0xC2, 0xA0, ..]) => 2,
        Some([0xE2, 0x80, 0xAF | 0x89, ..]) => 3,
        _ => 0,
    }
}

/// Reads the candidate starting at `start` (a digit, `+` or `(`).
fn read_candidate(view: &str, start: usize) -> Option<Candidate> {
    let bytes = view.as_bytes();
    let mut index = start;
    let plus = bytes[index] == b'+';
    if plus {
        index += 1;
    }
    let mut paren_group = None;
    let mut open_paren = false;
    if bytes.get(index) == Some(&b'(') {
        open_paren = true;
        index += 1;
    }
    if !bytes.get(index).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let mut groups = Vec::new();
    let mut separators = Vec::new();
    loop {
        let group_start = index;
        while index < bytes.len() && bytes[index].is_ascii_digit() {
            index += 1;
        }
        groups.push(Span::new(group_start, index));
        let mut cursor = index;
        let mut kind = None;
        if open_paren {
            if bytes.get(cursor) != Some(&b')') {
                // An unclosed parenthesis: "(07700 900123)" is a number in brackets.
                if groups.len() == 1 && !plus && bytes[start] == b'(' {
                    return read_candidate(view, start + 1);
                }
                groups.pop();
                separators.pop();
                break;
            }
            paren_group = Some(groups.len() - 1);
            open_paren = false;
            cursor += 1;
            kind = Some(Separator::Paren);
        }
        let space = space_len(bytes, cursor);
        if space > 0 {
            cursor += space;
            kind = kind.or(Some(Separator::Space));
            // A spaced hyphen: "0800 - 123 456".
            if bytes.get(cursor) == Some(&b'-') && space_len(bytes, cursor + 1) > 0 {
                cursor += 1 + space_len(bytes, cursor + 1);
                kind =
                    Some(
                        kind.map_or(
                            Separator::Dash,
                            |kind| if kind == Separator::Paren { kind } else { Separator::Dash },
                        ),
                    );
            }
        } else if matches!(bytes.get(cursor), Some(b'-' | b'.')) && kind.is_none() {
            kind = Some(if bytes[cursor] == b'-' { Separator::Dash } else { Separator::Dot });
            cursor += 1;
        }
        if bytes.get(cursor) == Some(&b'(') && paren_group.is_none() && kind.is_some() {
            open_paren = true;
            cursor += 1;
            kind = Some(Separator::Paren);
        }
        match kind {
            Some(kind) if bytes.get(cursor).is_some_and(u8::is_ascii_digit) && groups.len() < 8 => {
                separators.push(kind);
                index = cursor;
            }
            _ => break,
        }
    }
    if groups.is_empty() {
        return None;
    }
    let start = if bytes[start] == b'(' && paren_group.is_none() { start + 1 } else { start };
    Some(Candidate { start, plus, groups, separators, paren_group })
}

fn group_value(view: &str, group: Span) -> u32 {
    group.slice(view).bytes().take(9).fold(0, |value, digit| value * 10 + u32::from(digit - b'0'))
}

fn is_year(view: &str, group: Span) -> bool {
    group.len() == 4 && (1900..=2099).contains(&group_value(view, group))
}

fn is_clock_time(view: &str, group: Span) -> bool {
    let value = group_value(view, group);
    group.len() == 4 && value / 100 <= 24 && value % 100 < 60
}

/// Reads a candidate's shape; see the module documentation.
fn classify(view: &str, candidate: &Candidate) -> Shape {
    let groups = &candidate.groups;
    let lengths: Vec<usize> = groups.iter().map(Span::len).collect();
    let digits: Vec<u8> = groups.iter().flat_map(|group| group.slice(view).bytes()).collect();
    let count = digits.len();
    let has = |kind: Separator| candidate.separators.contains(&kind);
    let (dot, dash, space, paren) =
        (has(Separator::Dot), has(Separator::Dash), has(Separator::Space), has(Separator::Paren));
    // Dotted numbers are phones only as 3+ uniform groups (555.010.2030,
    // 01.23.45.67.89); mixed with other separators they are dates, versions or CPFs.
    if dot && (dash || space || paren || groups.len() < 3) {
        return Shape::Other;
    }
    let international_prefix =
        !candidate.plus && digits.starts_with(b"00") && digits.get(2).is_some_and(|&digit| digit != b'0');
    if candidate.plus || (international_prefix && count >= 11) {
        let significant = if candidate.plus { count } else { count - 2 };
        let round = groups.len() >= 3
            && groups[groups.len() - 2..].iter().all(|group| group.slice(view).bytes().all(|digit| digit == b'0'));
        if !(9..=15).contains(&significant) || digits[usize::from(!candidate.plus) * 2] == b'0' || round {
            return Shape::Other;
        }
        return Shape::Phone;
    }
    if !(7..=12).contains(&count) {
        return Shape::Other;
    }
    if groups.len() == 3 && (dot || dash) {
        let day_month_year = lengths[0] <= 2 && lengths[1] <= 2 && matches!(lengths[2], 2 | 4);
        let year_month_day = lengths[0] == 4 && lengths[1] <= 2 && lengths[2] <= 2;
        if day_month_year || year_month_day {
            return Shape::Other;
        }
    }
    // 123-45-6789 is a US Social Security number (privacy.national-id).
    if lengths == [3, 2, 4] && dash && !space {
        return Shape::Other;
    }
    // 2019-2024, 0900-1730: a range of years or times.
    if groups.len() == 2 && dash && groups.iter().all(|&group| is_year(view, group) || is_clock_time(view, group)) {
        return Shape::Other;
    }
    // 1 234 567: thousands grouped with spaces or dots; a number, and
    // numbers written that way never start with 0.
    if digits[0] != b'0'
        && lengths.len() >= 2
        && lengths[0] <= 3
        && lengths[1..].iter().all(|&length| length == 3)
        && !dash
        && !paren
    {
        return Shape::Other;
    }
    if groups.len() >= 2 && groups.iter().all(|&group| is_year(view, group)) {
        return Shape::Other;
    }
    let nanp_with_one = lengths == [1, 3, 3, 4] && digits[0] == b'1';
    if lengths[1..].contains(&1) || (lengths[0] == 1 && !nanp_with_one) {
        return Shape::Other;
    }
    if paren && candidate.paren_group != Some(usize::from(nanp_with_one)) {
        return Shape::Other;
    }
    let uniform = candidate.separators.windows(2).all(|pair| pair[0] == pair[1] || pair[0] == Separator::Paren);
    let nanp =
        (lengths == [3, 3, 4] || nanp_with_one) && (uniform || paren) && digits[usize::from(nanp_with_one)] != b'0';
    let trunk = digits[0] == b'0' && digits[1] != b'0' && (9..=11).contains(&count);
    let first = digits[0];
    let indian_mobile = lengths == [5, 5] && space && (b'6'..=b'9').contains(&first);
    let spanish_mobile = lengths == [3, 2, 2, 2] && space && (b'6'..=b'9').contains(&first);
    if nanp || trunk || indian_mobile || spanish_mobile {
        Shape::Phone
    } else {
        Shape::Ambiguous
    }
}

/// Nothing glued before the candidate makes it part of another token.
fn starts_cleanly(view: &str, start: usize) -> bool {
    let Some(before) = char_before(view, start) else { return true };
    let before_that = char_before(view, start - before.len_utf8());
    match before {
        '.' | ',' | ':' => !before_that.is_some_and(|ch| ch.is_ascii_digit()),
        '-' => !before_that.is_some_and(char::is_alphanumeric),
        '+' | '_' | '#' | '/' | '\\' | '\'' | '=' | '*' | '^' | '×' | '~' | '%' | '&' | '@' | '°' | '№' | '$' => {
            false
        }
        ch => !(ch.is_alphanumeric() || is_currency(ch)),
    }
}

/// Nothing glued after the candidate makes it part of another token.
fn ends_cleanly(view: &str, end: usize) -> bool {
    let bytes = view.as_bytes();
    match char_at(view, end) {
        None => true,
        Some(ch)
            if ch.is_alphanumeric() || is_currency(ch) || matches!(ch, '%' | '_' | '°' | '@' | '#' | '$' | '+') =>
        {
            false
        }
        Some('.' | ',' | ':' | '-' | '/') => !bytes.get(end + 1).is_some_and(u8::is_ascii_digit),
        Some(' ') => !char_at(view, end + 1).is_some_and(|ch| is_currency(ch) || ch == '%'),
        Some(_) => true,
    }
}

/// What the words before a candidate say: `Some(true)` a phone word,
/// `Some(false)` a label of another kind of number, `None` nothing.
fn label_before(view: &str, start: usize) -> Option<bool> {
    let words = words_before(view, start, 2);
    let nearest = words.first()?;
    if word_in(nearest, OTHER_NUMBER_WORDS) {
        return Some(false);
    }
    if word_in(nearest, NUMBER_WORDS) {
        // "phone number 0770…", "my number 0770…" but "order number 1234…".
        let owner = words.get(1)?;
        if word_in(owner, OTHER_NUMBER_WORDS) {
            return Some(false);
        }
        return (word_in(owner, PHONE_WORDS) || word_in(owner, OWNERS)).then_some(true);
    }
    None
}

fn has_phone_word_near(view: &str, candidate: &Candidate) -> bool {
    words_before(view, candidate.start, 8).iter().any(|word| word_in(word, PHONE_WORDS))
        || words_after(view, candidate.end(), 3).iter().any(|word| word_in(word, PHONE_WORDS))
}

/// Phone numbers in the prose view: their spans, in order. A phone number
/// is a cluster of 7 digits or more, which callers test first with
/// [`Document::digit_cluster`](crate::document::Document::digit_cluster).
pub(crate) fn find_phone_numbers(view: &str) -> Vec<Span> {
    let mut found = Vec::new();
    let bytes = view.as_bytes();
    let mut ibans: Option<Vec<Span>> = None;
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        let opens = (byte == b'+' || byte == b'(')
            && bytes.get(index + 1).is_some_and(|next| next.is_ascii_digit() || *next == b'(');
        if !(byte.is_ascii_digit() || opens) {
            index += 1;
            continue;
        }
        let Some(mut candidate) = read_candidate(view, index) else {
            index += 1;
            continue;
        };
        index = candidate.end().max(index + 1);
        if !starts_cleanly(view, candidate.start) {
            continue;
        }
        // Try the whole run, then without trailing space-separated groups:
        // "call 0161 496 0000 2 times" still holds a phone number.
        loop {
            let end = candidate.end();
            let shape = if ends_cleanly(view, end) { classify(view, &candidate) } else { Shape::Other };
            let accepted = match (shape, label_before(view, candidate.start)) {
                (Shape::Other, _) => false,
                (Shape::Phone, None | Some(true)) | (Shape::Ambiguous, Some(true)) => true,
                // "Text us to order 216.224.1718": a phone-only shape with a
                // phone word nearby outweighs a label-like word.
                (Shape::Phone, Some(false)) => has_phone_word_near(view, &candidate),
                (Shape::Ambiguous, Some(false)) => false,
                (Shape::Ambiguous, None) => has_phone_word_near(view, &candidate),
            };
            let span = Span::new(candidate.start, end);
            if accepted && !ibans.get_or_insert_with(|| find_ibans(view)).iter().any(|iban| iban.overlaps(span)) {
                found.push(span);
                break;
            }
            let droppable = candidate.separators.last() == Some(&Separator::Space) && candidate.groups.len() > 1;
            if !droppable {
                break;
            }
            candidate.groups.pop();
            candidate.separators.pop();
            if candidate.paren_group.is_some_and(|group| group >= candidate.groups.len()) {
                break;
            }
        }
    }
    found
}

/// The digits of a `tel:` target, skipping `%20`-style escapes.
fn target_digits(target: &str) -> Vec<u8> {
    let bytes = target.as_bytes();
    let mut digits = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            index += 3;
            continue;
        }
        if bytes[index].is_ascii_digit() {
            digits.push(bytes[index]);
        }
        index += 1;
    }
    digits
}

/// Whether two numbers are the same line: their last nine digits agree
/// (`+44 7700 900123` and `07700 900123`).
fn same_number(left: &[u8], right: &[u8]) -> bool {
    let tail = left.len().min(right.len()).min(9);
    tail >= 7 && left[left.len() - tail..] == right[right.len() - tail..]
}

impl Rule for PhoneNumber {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// A phone number, in the prose or behind a link, has seven digits.
    fn needs(&self, _settings: &Settings) -> Facts {
        Facts::DIGIT
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        let help =
            "Remove it unless its owner agreed to publish it; add the organisation's own lines to `[allow] terms`.";
        for (span, message) in phone_findings(context.document, true) {
            reporter.report(span, message, help);
        }
    }
}

/// The phone numbers of `document`, in the prose and behind `tel:` and
/// `callto:` links, with their messages. With `first_test`, drafts that
/// have neither a cluster of seven digits nor a colon are skipped at once
/// (the tests turn it off to see that it changes nothing).
fn phone_findings(document: &Document<'_>, first_test: bool) -> Vec<(Span, String)> {
    let source = document.source();
    // Numbers in the prose are clusters of seven digits or more, measured
    // once per draft for every detector; a link target needs a colon, which
    // the draft's census records.
    let has_colon = document.byte_census().has_colon();
    let mut found = Vec::new();
    if first_test && document.digit_cluster() < 7 && !has_colon {
        return found;
    }
    if !has_digits(source, 7) {
        return found;
    }
    let view = document.prose_view();
    let mut reported: Vec<Vec<u8>> = Vec::new();
    let numbers = if document.digit_cluster() >= 7 { find_phone_numbers(view) } else { Vec::new() };
    for span in numbers {
        let number = span.slice(view);
        reported.push(number.bytes().filter(u8::is_ascii_digit).collect());
        found.push((span, format!("“{number}” looks like a phone number in a public post")));
    }
    // Link targets are blanked in the prose view but published with the post.
    let schemes: &[&str] = if has_colon { &["tel", "callto"] } else { &[] };
    for scheme in schemes {
        for target in link_targets(source, scheme) {
            let digits = target_digits(target.slice(source));
            if !(7..=15).contains(&digits.len()) || reported.iter().any(|done| same_number(done, &digits)) {
                continue;
            }
            found.push((target, format!("“{}” is a phone number behind a link", target.slice(source))));
            reported.push(digits);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::{find_phone_numbers, phone_findings};
    use crate::document::{Document, Format};

    fn phones(text: &str) -> Vec<&str> {
        find_phone_numbers(text).iter().map(|span| span.slice(text)).collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The first test, a cluster of seven digits or a colon, never skips a draft with a phone number.
        #[test]
        fn the_first_test_never_skips_a_number(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "Call ", "+44 7700 900123", "07700", " ", "900123", "555-0102", "12", "3", "-", "(", ")", ".", "tel:",
                "callto:", "[ring](tel:+447700900123)", "<tel:07700900123>", "tel", ":", "@user", "https://x.org/7700900",
                "phone ", "\u{a0}", "/", "`555 0102`",
            ]), 0..12),
            markdown: bool,
        ) {
            let text = pieces.concat();
            let document = Document::new(&text, if markdown { Format::Markdown } else { Format::Text });
            proptest::prop_assert_eq!(phone_findings(&document, true), phone_findings(&document, false), "{:?}", text);
        }
    }

    #[test]
    fn finds_international_numbers() {
        assert_eq!(phones("Call +44 7700 900123."), ["+44 7700 900123"]);
        assert_eq!(phones("+1 (555) 010-2030"), ["+1 (555) 010-2030"]);
        assert_eq!(phones("on +254 712 345 678!"), ["+254 712 345 678"]);
        assert_eq!(phones("0044 7700 900123"), ["0044 7700 900123"]);
        assert_eq!(phones("+44 (0) 20 7946 0018"), ["+44 (0) 20 7946 0018"]);
        assert_eq!(phones("+447700900123"), ["+447700900123"]);
        assert_eq!(phones("Tel:+33 1 23 45 67 89"), ["+33 1 23 45 67 89"]);
    }

    #[test]
    fn finds_national_numbers() {
        assert_eq!(phones("07700 900123"), ["07700 900123"]);
        assert_eq!(phones("(555) 010-2030"), ["(555) 010-2030"]);
        assert_eq!(phones("555-010-2030"), ["555-010-2030"]);
        assert_eq!(phones("020 7946 0018"), ["020 7946 0018"]);
        assert_eq!(phones("01 23 45 67 89"), ["01 23 45 67 89"]);
        assert_eq!(phones("98765 43210"), ["98765 43210"]);
        assert_eq!(phones("(07700 900123)"), ["07700 900123"]);
        assert_eq!(phones("1-800-555-0199"), ["1-800-555-0199"]);
        assert_eq!(phones("call 0161 496 0000 2 times"), ["0161 496 0000"]);
        assert_eq!(phones("text 555 0102"), ["555 0102"]);
        assert_eq!(phones("phone no. 5550102"), ["5550102"]);
        assert_eq!(phones("My number 07700 900123"), ["07700 900123"]);
        assert_eq!(phones("Text for details on how to order 216.224.1718"), ["216.224.1718"]);
    }

    #[test]
    fn ignores_other_numbers() {
        for text in [
            "$1 250 000",
            "1 000 000 people",
            "12 000 people",
            "1,000,000",
            "12/05/2024",
            "12.05.2024",
            "2024-05-12",
            "Ref 2024-118",
            "Order #4521",
            "ISBN 978-0-306-40615-7",
            "10.0.19041.1234",
            "99.5%",
            "Registered charity 1234567",
            "charity no. 1234567",
            "order number 07700 900123",
            "call about order 5550102",
            "2019-2024",
            "call 0900-1730",
            "123-45-6789",
            "123.456.789-09",
            "12345678Z",
            "GB82 WEST 1234 5698 7654 32",
            "+150 000 000 views",
            "Score 3-1 in 2024 2025",
            "-1.2921, 36.8219",
            "5550102030",
            "pi is 3.14159265358",
        ] {
            assert!(phones(text).is_empty(), "{text}: {:?}", phones(text));
        }
    }
}
