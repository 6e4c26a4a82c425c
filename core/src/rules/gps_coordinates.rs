//! `privacy.gps-coordinates`: precise map coordinates in a public post.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::diagnostic::{Category, Severity};
use crate::rule::{CheckContext, Facts, Reporter, Rule, RuleMeta};
use crate::rules::privacy_scan::{char_at, char_before, find_byte, is_currency, word_in, words_before};
use crate::rules::MetaBuilder;
use crate::settings::Settings;
use crate::span::Span;

/// Flags latitude/longitude pairs precise to a street or a building: decimal
/// degrees with three or more decimals (about 100 m), or degrees, minutes
/// and seconds.
pub(crate) struct GpsCoordinates {
    meta: RuleMeta,
    /// Compiled on first use: most drafts have no coordinates.
    decimal_pair: LazyLock<Regex>,
    sexagesimal_pair: LazyLock<Regex>,
}

/// Words before a pair of numbers that say they are a place.
#[rustfmt::skip]
const PLACE_WORDS: &[&str] = &[
    "coordinates", "coords", "coordinate", "gps", "lat", "latitude", "location", "located", "pin", "map", "geo",
    "position", "address", "coordenadas", "ubicación", "koordinaten",
];

impl GpsCoordinates {
    /// The rule with its documentation, examples and compiled patterns.
    pub(crate) fn new() -> Self {
        let meta = MetaBuilder::new(
            "privacy.gps-coordinates",
            Category::Privacy,
            Severity::Warning,
            "Precise GPS coordinates in a public post.",
        )
        .why(
            "Three decimals of a degree pin a place to about a hundred metres, four to a single building. Posted \
             next to a person, that is where they live, work or are right now. Location data is personal data; \
             give a neighbourhood or a public venue instead.",
            "EU GDPR, Article 4(1) (location data as an identifier); ICO, guidance on location data; \
             ePrivacy Directive 2002/58/EC, Article 9",
        )
        .fire(&[
            "Find us at -1.2921, 36.8219 tonight",
            "Meet at 51.5072° N, 0.1276° W",
            "The nest is at 1°17'31.6\"S 36°49'18.8\"E",
        ])
        .pass(&[
            "Version 1.2.3, 2.3.4 released",
            "We won 3-1, then 2-0",
            "Doors 19.30, 21.45",
            "Prices: €12.500, €3.750",
            "Nairobi is about 1° south of the equator",
        ])
        .build();
        let decimal_pair: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"(?x)
            (?:(?-u:\b)(?P<lat_h1>[NS])\s?)?
            (?P<lat>[-−]?\d{1,2}\.\d{3,})\s?(?P<lat_deg>[°º])?(?:\s?(?P<lat_h2>[NS])(?-u:\b))?
            (?:\s*[,;/]\s*|\s+)
            (?:(?i:lon|lng|long|longitude)\s*[:=]?\s*)?
            (?:(?-u:\b)(?P<lon_h1>[EW])\s?)?
            (?P<lon>[-−]?\d{1,3}\.\d{3,})\s?(?P<lon_deg>[°º])?(?:\s?(?P<lon_h2>[EW])(?-u:\b))?",
            )
            .expect("built-in pattern compiles")
        });
        let sexagesimal_pair: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r#"(?x)
            (?:(?-u:\b)(?P<lat_h1>[NS])\s?)?
            (?P<lat_d>\d{1,2})\s?[°º]\s?(?P<lat_m>\d{1,2}(?:[.,]\d+)?)\s?['′’]
            (?:\s?(?P<lat_s>\d{1,2}(?:[.,]\d+)?)\s?(?:"|″|”|''|′′))?
            \s?(?P<lat_h2>[NS])?
            (?:\s*[,;/]\s*|\s*)
            (?:(?-u:\b)(?P<lon_h1>[EW])\s?)?
            (?P<lon_d>\d{1,3})\s?[°º]\s?(?P<lon_m>\d{1,2}(?:[.,]\d+)?)\s?['′’]
            (?:\s?(?P<lon_s>\d{1,2}(?:[.,]\d+)?)\s?(?:"|″|”|''|′′))?
            \s?(?P<lon_h2>[EW])?"#,
            )
            .expect("built-in pattern compiles")
        });
        GpsCoordinates { meta, decimal_pair, sexagesimal_pair }
    }

    /// Coordinate pairs in `view`, in order.
    fn find(&self, view: &str) -> Vec<Span> {
        let mut found = Vec::new();
        let has_degrees = has_degree_sign(view);
        let has_decimals = has_precise_decimal(view);
        if !has_decimals && !has_degrees {
            return found;
        }
        if has_decimals {
            for captures in self.decimal_pair.captures_iter(view) {
                if let Some(span) = decimal_pair(view, &captures) {
                    found.push(span);
                }
            }
        }
        if has_degrees {
            for captures in self.sexagesimal_pair.captures_iter(view) {
                if let Some(span) = sexagesimal_pair(view, &captures) {
                    if !found.iter().any(|other: &Span| other.overlaps(span)) {
                        found.push(span);
                    }
                }
            }
            crate::sort::sort_by(&mut found, Ord::cmp);
        }
        found
    }
}

/// The lead byte of the degree sign and of the ordinal that stands in for it.
const DEGREE_LEAD: u8 = 0xC2;

/// Whether `view` has a degree sign `°` or an ordinal `º` (both `C2` and one
/// more byte): a byte search, where `str::contains` runs a substring search
/// for each.
fn has_degree_sign(view: &str) -> bool {
    let bytes = view.as_bytes();
    memchr::memchr_iter(DEGREE_LEAD, bytes).any(|at| matches!(bytes.get(at + 1), Some(0xB0 | 0xBA)))
}

/// Whether `view` has a decimal number with three or more decimals, which
/// every decimal coordinate pair needs: a cheap test before the pattern runs.
fn has_precise_decimal(view: &str) -> bool {
    let bytes = view.as_bytes();
    let mut from = 1;
    while let Some(dot) = find_byte(bytes, from, |byte| byte == b'.') {
        if bytes[dot - 1].is_ascii_digit()
            && bytes.get(dot + 1..dot + 4).is_some_and(|after| after.iter().all(u8::is_ascii_digit))
        {
            return true;
        }
        from = dot + 1;
    }
    false
}

/// A number as the patterns capture it (`-1.2921`, `−36.8`, `12,5`, `45`),
/// read for the comparisons the checks make. Not an `f64`: parsing floats
/// brings about 13 KB (gzip) of tables and code into the WebAssembly module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Decimal {
    /// Written with a minus sign.
    minus: bool,
    /// The whole part; the patterns allow at most three digits.
    whole: u32,
    /// Whether a digit after the point is not zero.
    fraction: bool,
}

impl Decimal {
    /// Reads an optional minus (`-` or `−`), digits, and optionally a point or
    /// comma followed by digits; `None` for anything else.
    fn parse(text: &str) -> Option<Decimal> {
        let (minus, unsigned) = match text.strip_prefix(['-', '−']) {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = match unsigned.split_once(['.', ',']) {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (unsigned, None),
        };
        let digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
        if !digits(whole) || whole.len() > 9 || fraction.is_some_and(|fraction| !digits(fraction)) {
            return None;
        }
        Some(Decimal {
            minus,
            whole: whole.parse().ok()?,
            fraction: fraction.is_some_and(|fraction| fraction.bytes().any(|byte| byte != b'0')),
        })
    }

    /// Whether it is below zero (`-0.000` is not).
    fn is_negative(self) -> bool {
        self.minus && (self.whole > 0 || self.fraction)
    }

    /// Whether its absolute value is above `limit`.
    fn magnitude_above(self, limit: u32) -> bool {
        self.whole > limit || (self.whole == limit && self.fraction)
    }

    /// Whether its absolute value is below `limit`.
    fn magnitude_below(self, limit: u32) -> bool {
        self.whole < limit
    }
}

fn number(captures: &Captures<'_>, name: &str) -> Option<Decimal> {
    Decimal::parse(captures.name(name)?.as_str())
}

fn decimals(captures: &Captures<'_>, name: &str) -> usize {
    captures.name(name).and_then(|found| found.as_str().split_once('.')).map_or(0, |(_, fraction)| fraction.len())
}

/// A decimal pair that is precise, in range, and not one number of a list.
fn decimal_pair(view: &str, captures: &Captures<'_>) -> Option<Span> {
    let whole = captures.get(0)?;
    // Optional marks after the numbers may have taken a trailing space.
    let span = Span::new(whole.start(), whole.start() + whole.as_str().trim_end().len());
    if !isolated(view, span) {
        return None;
    }
    let (latitude, longitude) = (number(captures, "lat")?, number(captures, "lon")?);
    let lat_hemisphere = captures.name("lat_h1").is_some() || captures.name("lat_h2").is_some();
    let lon_hemisphere = captures.name("lon_h1").is_some() || captures.name("lon_h2").is_some();
    if latitude.magnitude_above(90) || longitude.magnitude_above(180) {
        return None;
    }
    if (lat_hemisphere && latitude.is_negative())
        || (lon_hemisphere && longitude.is_negative())
        || lat_hemisphere != lon_hemisphere
    {
        return None;
    }
    let marked = lat_hemisphere || captures.name("lat_deg").is_some() || captures.name("lon_deg").is_some();
    if !marked {
        // Two small decimals are prices or rates more often than a point in the Gulf of Guinea.
        if latitude.magnitude_below(1) && longitude.magnitude_below(1) {
            return None;
        }
        let very_precise = decimals(captures, "lat") >= 4 && decimals(captures, "lon") >= 4;
        let named = words_before(view, span.start, 6).iter().any(|word| word_in(word, PLACE_WORDS));
        if !(very_precise || named) {
            return None;
        }
    }
    Some(span)
}

/// A degrees-minutes(-seconds) pair with a hemisphere on each half, precise
/// to seconds or decimal minutes.
fn sexagesimal_pair(view: &str, captures: &Captures<'_>) -> Option<Span> {
    let whole = captures.get(0)?;
    // Optional marks after the numbers may have taken a trailing space.
    let span = Span::new(whole.start(), whole.start() + whole.as_str().trim_end().len());
    let one_hemisphere = |first: &str, second: &str| captures.name(first).is_some() != captures.name(second).is_some();
    if !isolated(view, span) || !one_hemisphere("lat_h1", "lat_h2") || !one_hemisphere("lon_h1", "lon_h2") {
        return None;
    }
    let within = |degrees: &str, limit: u32| {
        number(captures, degrees).is_some_and(|value| !value.magnitude_above(limit))
            && number(captures, &degrees.replace("_d", "_m")).is_some_and(|value| value.magnitude_below(60))
            && number(captures, &degrees.replace("_d", "_s")).is_none_or(|value| value.magnitude_below(60))
    };
    let precise = |half: &str| {
        captures.name(&format!("{half}_s")).is_some()
            || captures.name(&format!("{half}_m")).is_some_and(|minutes| minutes.as_str().contains(['.', ',']))
    };
    (within("lat_d", 90) && within("lon_d", 180) && (precise("lat") || precise("lon"))).then_some(span)
}

/// Not glued to a longer token, not money, and not two values out of a list
/// of numbers (`1.234, 1.456, 1.789`).
fn isolated(view: &str, span: Span) -> bool {
    let before = char_before(view, span.start);
    let after = char_at(view, span.end);
    if before.is_some_and(|ch| ch.is_alphanumeric() || is_currency(ch) || matches!(ch, '.' | '_' | '/' | '#' | '+'))
        || after.is_some_and(|ch| ch.is_alphanumeric() || is_currency(ch) || matches!(ch, '%' | '_' | '°'))
    {
        return false;
    }
    let continues_list = |text: &str| {
        let text = text.trim_start_matches([' ', ',', ';', '/']);
        let text = text.strip_prefix(['-', '−']).unwrap_or(text);
        text.bytes().next().is_some_and(|byte| byte.is_ascii_digit())
    };
    let rest = &view[span.end..];
    let glued_decimal = rest.starts_with('.') && rest[1..].starts_with(|ch: char| ch.is_ascii_digit());
    let head = view[..span.start].trim_end_matches([' ', '-', '−']);
    let list_before =
        head.ends_with([',', ';']) && head[..head.len() - 1].trim_end().ends_with(|ch: char| ch.is_ascii_digit());
    let list_after = rest.starts_with([',', ';']) && continues_list(rest);
    !(glued_decimal || list_after || list_before)
}

impl Rule for GpsCoordinates {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// Coordinates have digits, or a degree sign.
    fn needs(&self, _settings: &Settings) -> Facts {
        Facts::DIGIT.or(Facts::leads(&[DEGREE_LEAD]))
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        let view = context.document.prose_view();
        // A precise decimal (`1.2921`) is a cluster of four digits or more, counted once per
        // draft for every detector; the other form needs a degree sign, whose lead byte the
        // draft's census records.
        if context.document.digit_cluster() < 4
            && !(context.document.byte_census().has_lead_among(&[DEGREE_LEAD]) && has_degree_sign(view))
        {
            return;
        }
        for span in self.find(view) {
            reporter.report(
                span,
                format!("“{}” are precise map coordinates", span.slice(view)),
                "Name a neighbourhood, town or public venue instead, unless the place is meant to be public.",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{has_degree_sign, Decimal, GpsCoordinates, DEGREE_LEAD};
    use proptest::prelude::*;

    proptest! {
        /// The comparisons answer as they would on the number read as an `f64`.
        #[test]
        fn decimals_compare_like_floats(
            minus in "[-−]?",
            whole in "[0-9]{1,3}",
            fraction in proptest::option::of(("[.,]", "[0-9]{1,6}")),
            limit in prop_oneof![Just(1u32), Just(60), Just(90), Just(180), 0u32..200],
        ) {
            let fraction_text = fraction.as_ref().map_or(String::new(), |(point, digits)| format!("{point}{digits}"));
            let text = format!("{minus}{whole}{fraction_text}");
            let value: f64 = text.replace('−', "-").replace(',', ".").parse().unwrap();
            let decimal = Decimal::parse(&text).unwrap();
            prop_assert_eq!(decimal.is_negative(), value < 0.0, "{}", text);
            prop_assert_eq!(decimal.magnitude_above(limit), value.abs() > f64::from(limit), "{} > {}", text, limit);
            prop_assert_eq!(decimal.magnitude_below(limit), value.abs() < f64::from(limit), "{} < {}", text, limit);
        }
    }

    #[test]
    fn degree_signs_start_with_the_lead_the_census_is_asked_for() {
        for sign in ["°", "º"] {
            assert_eq!(sign.as_bytes()[0], DEGREE_LEAD);
            assert!(has_degree_sign(sign));
        }
    }

    #[test]
    fn only_numbers_are_read() {
        for text in ["", "-", "1.", ".5", "1.2.3", "1a", "+1", "1 2", "1234567890"] {
            assert_eq!(Decimal::parse(text), None, "{text}");
        }
        assert_eq!(Decimal::parse("−0,000"), Some(Decimal { minus: true, whole: 0, fraction: false }));
    }

    fn pairs(text: &str) -> Vec<String> {
        let rule = GpsCoordinates::new();
        rule.find(text).iter().map(|span| span.slice(text).to_owned()).collect()
    }

    #[test]
    fn finds_precise_pairs() {
        assert_eq!(pairs("at -1.2921, 36.8219."), ["-1.2921, 36.8219"]);
        assert_eq!(pairs("51.5072° N, 0.1276° W"), ["51.5072° N, 0.1276° W"]);
        assert_eq!(pairs("1°17'31.6\"S 36°49'18.8\"E"), ["1°17'31.6\"S 36°49'18.8\"E"]);
        assert_eq!(pairs("location: 40.713, -74.006"), ["40.713, -74.006"]);
        assert_eq!(pairs("N 48°51.4' E 2°17.7'"), ["N 48°51.4' E 2°17.7'"]);
    }

    #[test]
    fn ignores_other_numbers() {
        for text in [
            "v1.2.3 and 2.3.4",
            "rates 0.1234, 0.5678",
            "times 1.234, 1.456, 1.789",
            "scores 12.500 3.750",
            "95.123, 36.8219",
            "40.7128N 74.0060",
            "about 51° north",
        ] {
            assert!(pairs(text).is_empty(), "{text}: {:?}", pairs(text));
        }
    }
}
