//! `privacy.payment-card`: payment card numbers (PANs) in a public post.

use crate::diagnostic::{Category, Fix, Severity};
use crate::rule::{CheckContext, Facts, Reporter, Rule, RuleMeta};
use crate::rules::privacy_scan::{char_at, char_before, is_currency, luhn_valid, mask_keeping_last};
use crate::rules::privacy_scan::{word_in, words_before};
use crate::rules::MetaBuilder;
use crate::settings::Settings;
use crate::span::Span;

/// Flags 13–19 digit numbers, written whole or in groups, that pass the Luhn
/// check and start with an issuer prefix in use; offers a masked version.
pub(crate) struct PaymentCard {
    meta: RuleMeta,
}

impl PaymentCard {
    /// The rule, with its documentation and examples.
    pub(crate) fn new() -> Self {
        let meta = MetaBuilder::new(
            "privacy.payment-card",
            Category::Privacy,
            Severity::Error,
            "Payment card numbers in a public post.",
        )
        .why(
            "A card number is all a fraudster needs to attempt card-not-present payments, and once posted it is \
             copied and archived beyond recall. Card data must never appear in clear text outside a secured \
             payment environment; at most the last four digits may be shown.",
            "PCI Security Standards Council, PCI DSS v4.0 Requirement 3.4 (render the PAN unreadable; display at most \
             the BIN and last four digits); ISO/IEC 7812-1 (issuer numbers and the Luhn check digit)",
        )
        .fire(&[
            "My card 4111 1111 1111 1111 was declined, can anyone help?",
            "Test with 5555-5555-5555-4444 please",
            "Amex 3782 822463 10005 works",
        ])
        .pass(&[
            "Order 4111 1111 1111 1112 shipped.",
            "We raised 1,234,567,890,123 cents",
            "Card ending •••• 1111 was charged.",
            "Tracking number 4111111111111111",
        ])
        .fixed(&[("Card: 4111 1111 1111 1111.", "Card: •••• •••• •••• 1111.")])
        .build();
        PaymentCard { meta }
    }
}

/// Words that, right before a number, say it is some other identifier.
#[rustfmt::skip]
const OTHER_IDENTIFIERS: &[&str] = &[
    "order", "tracking", "ref", "reference", "invoice", "isbn", "id", "serial", "imei", "iccid", "ticket", "case",
    "account", "acct", "policy", "transaction", "txn", "shipment", "parcel", "booking", "confirmation", "receipt",
];

/// Whether a number of `length` digits starting with `digits` belongs to a
/// card scheme that issues numbers of that length.
fn issuer_accepts(digits: &[u8], length: usize) -> bool {
    let prefix = |count: usize| -> u32 {
        digits.iter().take(count).fold(0, |value, digit| value * 10 + u32::from(digit - b'0'))
    };
    let (two, three, four) = (prefix(2), prefix(3), prefix(4));
    match digits[0] {
        b'4' => matches!(length, 13 | 16 | 19),           // Visa
        b'5' if (51..=55).contains(&two) => length == 16, // Mastercard
        b'5' if two == 50 || (56..=58).contains(&two) => (13..=19).contains(&length), // Maestro
        b'2' if (2221..=2720).contains(&four) => length == 16, // Mastercard 2-series
        b'2' if (2200..=2204).contains(&four) => length == 16, // Mir
        b'3' if two == 34 || two == 37 => length == 15,   // American Express
        b'3' if (3528..=3589).contains(&four) => (16..=19).contains(&length), // JCB
        b'3' if (300..=305).contains(&three) || two == 36 || two == 38 || two == 39 => (14..=19).contains(&length), // Diners
        b'6' if four == 6011 || (644..=649).contains(&three) || two == 65 => (16..=19).contains(&length), // Discover
        b'6' if two == 62 => (16..=19).contains(&length),                                                 // UnionPay
        b'6' if two == 63 || two == 67 => (13..=19).contains(&length),                                    // Maestro
        _ => false,
    }
}

/// Card numbers in `view`: their spans, in order. A card number is a
/// cluster of 13 digits or more, which callers test first with
/// [`Document::digit_cluster`](crate::document::Document::digit_cluster).
pub(crate) fn find_cards(view: &str) -> Vec<Span> {
    let mut found = Vec::new();
    let bytes = view.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        if !bytes[index].is_ascii_digit() {
            index += 1;
            continue;
        }
        let start = index;
        // Groups of digits joined by one consistent separator (space or hyphen).
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut separator = None;
        let mut cursor = index;
        loop {
            let group_start = cursor;
            while cursor < bytes.len() && bytes[cursor].is_ascii_digit() {
                cursor += 1;
            }
            groups.push((group_start, cursor));
            let next = bytes.get(cursor).copied();
            let joins = matches!(next, Some(b' ' | b'-'))
                && separator.is_none_or(|kind| Some(kind) == next)
                && bytes.get(cursor + 1).is_some_and(u8::is_ascii_digit)
                && groups.len() < 6;
            if !joins {
                break;
            }
            separator = next;
            cursor += 1;
        }
        index = groups.last().map_or(cursor, |group| group.1).max(start + 1);
        if !standalone_start(view, start) {
            continue;
        }
        // The longest run of leading groups that makes a valid card number:
        // a trailing year or count after the number must not hide it.
        for count in (1..=groups.len()).rev() {
            let used = &groups[..count];
            let digits: Vec<u8> = used.iter().flat_map(|&(from, to)| bytes[from..to].iter().copied()).collect();
            if !(13..=19).contains(&digits.len()) || !plausible_grouping(used) {
                continue;
            }
            let end = used[count - 1].1;
            if !standalone_end(view, end) || !issuer_accepts(&digits, digits.len()) || !luhn_valid(&digits) {
                continue;
            }
            // A 13-19 digit run with no grouping is only a card when nothing
            // says it is an order, parcel or reference number.
            let labelled_other = words_before(view, start, 2).iter().any(|word| word_in(word, OTHER_IDENTIFIERS));
            if !labelled_other {
                found.push(Span::new(start, end));
            }
            break;
        }
    }
    found
}

/// Cards are printed in groups of four (Amex and Diners: 4-6-5, 4-6-4), or
/// written without separators.
fn plausible_grouping(groups: &[(usize, usize)]) -> bool {
    let lengths: Vec<usize> = groups.iter().map(|(from, to)| to - from).collect();
    match lengths.as_slice() {
        [_] => true,
        [4, rest @ ..] => {
            let (last, middle) = rest.split_last().map_or((0, &[][..]), |(last, middle)| (*last, middle));
            middle.iter().all(|length| (4..=6).contains(length)) && (1..=6).contains(&last)
        }
        _ => false,
    }
}

/// Nothing glued before the number: not part of a word, a decimal, a longer
/// number, a signed value or an amount.
fn standalone_start(view: &str, start: usize) -> bool {
    match char_before(view, start) {
        None => true,
        Some(ch) => !(ch.is_alphanumeric() || matches!(ch, '+' | '.' | ',' | '-' | '/' | '#' | '_') || is_currency(ch)),
    }
}

/// Nothing glued after the number: not followed by letters, more digits
/// after a decimal point, or a percent sign.
fn standalone_end(view: &str, end: usize) -> bool {
    match char_at(view, end) {
        None => true,
        Some(ch) if ch.is_alphanumeric() || matches!(ch, '%' | '_') => false,
        Some('.' | ',' | '-' | '/') => !view.as_bytes().get(end + 1).is_some_and(u8::is_ascii_digit),
        Some(_) => true,
    }
}

impl Rule for PaymentCard {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// A card number is digits.
    fn needs(&self, _settings: &Settings) -> Facts {
        Facts::DIGIT
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        if context.document.digit_cluster() < 13 {
            return;
        }
        let view = context.document.prose_view();
        for span in find_cards(view) {
            let number = span.slice(view);
            let masked = mask_keeping_last(number, 4);
            reporter.report_with_fixes(
                span,
                "This looks like a payment card number (it passes the card check digit)",
                "Never post card numbers; remove it, or show at most the last four digits.",
                vec![Fix::replace(format!("Mask as “{masked}”"), span, masked.clone())],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::find_cards;

    fn cards(text: &str) -> Vec<&str> {
        find_cards(text).iter().map(|span| span.slice(text)).collect()
    }

    #[test]
    fn finds_grouped_and_whole_card_numbers() {
        assert_eq!(cards("4111 1111 1111 1111"), ["4111 1111 1111 1111"]);
        assert_eq!(cards("4111-1111-1111-1111 2024"), ["4111-1111-1111-1111"]);
        assert_eq!(cards("pay 378282246310005."), ["378282246310005"]);
        assert_eq!(cards("6011111111111117"), ["6011111111111117"]);
        assert_eq!(cards("2223003122003222"), ["2223003122003222"]);
    }

    #[test]
    fn ignores_look_alikes() {
        assert!(cards("4111 1111 1111 1112").is_empty(), "fails Luhn");
        assert!(cards("4111-1111 1111-1111").is_empty(), "mixed separators");
        assert!(cards("9111111111111111").is_empty(), "no issuer");
        assert!(cards("$4111111111111111").is_empty());
        assert!(cards("4111111111111111.50").is_empty());
        assert!(cards("+4111111111111111").is_empty());
        assert!(cards("٤١١١").is_empty());
    }
}
