//! `disclosure.missing-ad-label`: a post that reads as paid or gifted
//! promotion (discount codes, “link in bio to shop”, affiliate links, gifts
//! from a brand) but carries no clear advertising label.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Category, Fix, Severity};
use crate::document::Document;
use crate::entities::EntityKind;
use crate::rule::{CheckContext, Reporter, Rule, RuleMeta, Triggers};
use crate::rules::ad_label::find_labels;
use crate::rules::MetaBuilder;
use crate::span::Span;

/// Words without which no signal can match (see [`Rule::triggers`]): most
/// posts never reach the regular expressions.
const TRIGGERS: &[&str] = &[
    "code",
    "digo", // código, codigo
    "cupo", // cupom, cupón
    "cupón",
    "coupon",
    "voucher",
    "gutschein",
    "rabatt",
    "codice",
    "link",
    "swipe up",
    "affiliate",
    "commission",
    "gifted",
    "pr package",
    "pr box",
    "pr haul",
    "pr parcel",
    "pr gift",
    "sent me",
    "sponsored by",
    "for sending",
    "for gifting",
    "for kitting",
    "for my new",
    "for the free",
    "hamper",
    "package",
    "parcel",
    "goodies",
    "samples",
    "products",
    "bundle",
];

/// A promotion code's name: “code”, in the languages the packs cover.
static CODE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:code|c[óo]digo|cupom|cup[óo]n|coupon|voucher|gutscheincode|rabattcode|codice)(?-u:\b)")
        .expect("the code-word pattern is valid")
});

/// Names of codes that are promotion codes whatever follows them (“DM me
/// for a discount code”). Personal ones (“my code”) are never first-party.
static CODE_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:my\s+(?:(?:promo|discount|referral|coupon|affiliate)\s+)?code(?:\s+of(?-u:\b))?",
        r"|(?:promo|discount|referral|coupon|voucher)\s*code",
        r"|code\s+(?:promo|de\s+r[ée]duction)",
        r"|c[óo]digo\s+(?:de\s+descuento|de\s+desconto|promocional)",
        r"|cup[óo]n\s+de\s+descuento|cupom\s+de\s+desconto|codice\s+sconto|rabattcode|gutscheincode)(?-u:\b)",
    ))
    .expect("the code-phrase pattern is valid")
});

/// Pointers to a link: they sell only when the sentence also speaks of
/// buying (“link in bio to shop”, not “link in bio to register”).
static LINK_POINTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)links?\s+(?:(?:is|are)\s+)?(?:in|en|na|dans)\s+(?:(?:my|our|the|la|ma|a|mi|minha)\s+)?(?:bio|profile)(?-u:\b)",
        r"|(?-u:\b)swipe\s+up(?-u:\b)",
        r"|(?-u:\b)(?:with|through|via|using|use|on)\s+my\s+links?(?-u:\b)|(?-u:\b)my\s+links?\s+below(?-u:\b)",
    ))
    .expect("the link-pointer pattern is valid")
});

/// Words of buying, for [`LINK_POINTER`]'s sentence.
static BUYING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:shop|shopping|shoppen|buy|purchase|order|comprar|compra|acheter|achetez|kaufen|discount|descuento|desconto|sale)(?-u:\b)",
        r"|(?-u:\b)(?:get|grab)\s+(?:yours|one|a\s+pair)(?-u:\b)|(?-u:\b)open\s+an\s+account(?-u:\b)|(?-u:\b)save\s+\d|\d\s*%\s*off(?-u:\b)",
    ))
    .expect("the buying pattern is valid")
});

/// Signals that need no further context.
static PLAIN_SIGNAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)affiliate\s+(?:link|links|code|codes)(?-u:\b)|(?-u:\b)my\s+affiliate(?-u:\b)",
        r"|(?-u:\b)(?:earn|earns|make|receive|get)\s+(?:a\s+)?(?:small\s+)?commission(?-u:\b)",
        r"|#gifted(?-u:\b)|[(\[]\s*gifted\s*[)\]]|(?-u:\b)gifted\s+(?:but|items?|products?)(?-u:\b)",
        r"|(?-u:\b)pr\s+(?:package|packages|box|haul|parcel|gifts?)(?-u:\b)",
        r"|@\w+\s+(?:(?:kindly|just|has|have)\s+)?sent\s+me(?-u:\b)",
        r"|(?-u:\b)i(?:'m|’m|\s+am)\s+sponsored\s+by(?-u:\b)",
        r"|(?-u:\b)(?:thanks|thank\s+you)(?:\s+so\s+much)?\s+(?:to\s+)?@\w+\s+for\s+",
        r"(?:sending|gifting|kitting|my\s+new|the\s+(?:free|gifted)(?-u:\b)",
        r"|(?:the|this|these|my)\s+(?:\w+\s+){0,2}(?:hamper|package|parcel|box|goodies|samples|products|bundle)(?-u:\b))",
    ))
    .expect("the signal pattern is valid")
});

/// Signals of a gift that only count when the post mentions an account
/// (the brand): “gifted me” from a colleague is not advertising.
static GIFT_SIGNAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:was|were|been|got|kindly)\s+gifted(?-u:\b)|(?-u:\b)gifted\s+(?:by|to\s+(?:me|us)|me)(?-u:\b)|(?-u:\b)kindly\s+sent\s+me(?-u:\b)",
    )
    .expect("the gift pattern is valid")
});

/// Words a “code” follows when it is not a promotion code (“dress code”,
/// “QR code”, “US Code 1325”).
const NOT_PROMOTION: &[&str] = &[
    "access",
    "area",
    "bar",
    "booking",
    "building",
    "civil",
    "colour",
    "color",
    "country",
    "criminal",
    "dress",
    "education",
    "error",
    "ethic",
    "ethics",
    "genetic",
    "health",
    "hex",
    "highway",
    "honor",
    "honour",
    "housing",
    "legal",
    "moral",
    "morse",
    "penal",
    "post",
    "postal",
    "qr",
    "security",
    "source",
    "tax",
    "us",
    "verification",
    "zip",
];

/// Colour words that follow “code” in alert names (“code red”).
const ALERT_COLOURS: &[&str] =
    &["black", "blue", "brown", "gold", "green", "grey", "gray", "orange", "pink", "purple", "red", "white", "yellow"];

/// Words before a code phrase that deny it (“no discount code”).
const NEGATIONS: &[&str] = &["no", "not", "without", "sin", "sans", "sem", "ohne"];

/// Words of a first-person plural speaker: an organisation's own offer.
const FIRST_PERSON_PLURAL: &[&str] = &[
    "we", "our", "us", "ours", "we're", "we’re", "nuestro", "nuestra", "notre", "nos", "nosso", "nossa", "unser",
    "unsere",
];

/// Flags the first commercial signal in a post without a clear ad label,
/// offering to add `#ad` at the start.
pub(crate) struct MissingAdLabel {
    meta: RuleMeta,
}

impl MissingAdLabel {
    pub(crate) fn new() -> Self {
        let meta = MetaBuilder::new(
            "disclosure.missing-ad-label",
            Category::Disclosure,
            Severity::Warning,
            "Signs of paid or gifted promotion (discount codes, “link in bio to shop”, affiliate links, gifts) without a clear ad label.",
        )
        .why(
            "When a brand pays, gifts or rewards a poster, readers are entitled to know before they read on: a \
             discount code or a “link in bio to shop” tells them to buy, but not that the poster profits. \
             Regulators expect a clear label such as #ad at the start of the post; mentioning the brand, or \
             thanking it, is not enough.",
            "US FTC, Disclosures 101 for Social Media Influencers (2019) and Guides Concerning the Use of Endorsements \
             and Testimonials in Advertising (16 CFR Part 255); UK CMA/ASA, Influencers' guide to making clear that ads are ads (2023)",
        )
        .fire(&[
            "Obsessed with my new @GlowLab serum 😍 Use code MAYA15 for 15% off your first order.",
            "Link in bio to shop my @TrailFit favourites for autumn runs",
            "Grab a pair with my affiliate link: stride.co/r/maya",
            "Unboxing the PR package @LuxeLash sent me 💕",
            "Usa el código LUCIA10 para un 10% de descuento en @BioNatura",
        ])
        .pass(&[
            "#ad Obsessed with my new @GlowLab serum. Use code MAYA15 for 15% off your first order.",
            "Paid partnership with @TrailFit: my favourite autumn running kit, all linked in my bio.",
            "Our code of conduct for volunteers has been updated.",
            "Scan the QR code at the door to check in.",
            "Link in bio to register for Saturday's beach clean-up.",
            "Our scholarship supports gifted students from rural schools.",
            "Sponsor me! I'm running the Harbor 10K for the children's ward.",
            "Thanks to @HarborCityCouncil for letting us use the town hall.",
            "Our 14 affiliate organisations met in Nairobi this week.",
            "Use code GALA10 for 10% off tickets to our fundraising gala.",
        ])
        .fixed(&[(
            "Use code SUMMER20 for 20% off at @SunCo",
            "#ad Use code SUMMER20 for 20% off at @SunCo",
        )])
        .build();
        MissingAdLabel { meta }
    }
}

/// The prose view with @-mentions put back: signals such as “thanks to
/// @brand for” need to see them; URLs, e-mails and code stay masked.
fn view_with_mentions<'document>(document: &'document Document<'_>) -> Cow<'document, str> {
    // Most drafts have no mention: the view is the prose view as it is.
    if document.entities_of(EntityKind::Mention).next().is_none() {
        return Cow::Borrowed(document.prose_view());
    }
    let mut bytes = document.prose_view().as_bytes().to_vec();
    let source = document.source().as_bytes();
    for mention in document.entities_of(EntityKind::Mention) {
        bytes[mention.span.start..mention.span.end].copy_from_slice(&source[mention.span.start..mention.span.end]);
    }
    // Whole entities were copied over whole masked chars, so the bytes stay UTF-8.
    Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| document.prose_view().to_owned()))
}

/// The word just before `offset` (letters, digits, `.`), lowercased.
fn previous_word(text: &str, offset: usize) -> String {
    let before = text[..offset].trim_end();
    let start = before
        .char_indices()
        .rev()
        .find(|(_, ch)| !(ch.is_alphanumeric() || *ch == '.'))
        .map_or(0, |(index, ch)| index + ch.len_utf8());
    before[start..].trim_matches('.').to_lowercase()
}

/// The promotion code after a code word ending at `offset`, if one follows:
/// `code MAYA15`, `Code promo CLAIRE15`, `código: LUCIA10`. A code has a
/// letter and either a digit or only capitals; capitals alone do not count
/// after an all-capitals “CODE”, which may be shouting (“CODE BLUE”).
fn code_after(text: &str, offset: usize, code_word: &str) -> Option<Span> {
    let mut rest_start = offset;
    let qualifiers = ["promo", "promocional", "de", "descuento", "desconto", "réduction", "reduction", "sconto"];
    loop {
        let rest = &text[rest_start..];
        let trimmed = rest.trim_start_matches([' ', '\t', ':']);
        rest_start += rest.len() - trimmed.len();
        let word_end = trimmed.find(|ch: char| !ch.is_alphanumeric()).unwrap_or(trimmed.len());
        let word = &trimmed[..word_end];
        if word.is_empty() {
            return None;
        }
        if qualifiers.contains(&word.to_lowercase().as_str()) {
            rest_start += word_end;
            continue;
        }
        break;
    }
    let rest = &text[rest_start..];
    let token_end = rest.find(|ch: char| !(ch.is_alphanumeric() || ch == '-' || ch == '_')).unwrap_or(rest.len());
    let token = rest[..token_end].trim_end_matches(['-', '_']);
    if token.chars().count() < 3 || !token.chars().any(char::is_alphabetic) {
        return None;
    }
    let has_digit = token.chars().any(|ch| ch.is_ascii_digit());
    let letters_all_capitals = token.chars().filter(|ch| ch.is_alphabetic()).all(char::is_uppercase);
    let shouted_code_word = !code_word.chars().any(char::is_lowercase);
    let is_code = if has_digit {
        true
    } else {
        letters_all_capitals && !shouted_code_word && !ALERT_COLOURS.contains(&token.to_lowercase().as_str())
    };
    is_code.then(|| Span::new(rest_start, rest_start + token.len()))
}

/// Whether `span`'s sentence is an organisation speaking of its own offer:
/// no other account is mentioned and the sentence says “we” or “our”.
fn is_first_party(document: &Document<'_>, view: &str, span: Span) -> bool {
    if document.entities_of(EntityKind::Mention).next().is_some() {
        return false;
    }
    let sentence = document.sentence_at(span.start).unwrap_or(span);
    sentence
        .slice(view)
        .split(|ch: char| !(ch.is_alphanumeric() || ch == '\'' || ch == '’'))
        .any(|word| FIRST_PERSON_PLURAL.contains(&word.to_lowercase().as_str()))
}

/// The first commercial signal in the draft, if any.
fn first_signal(document: &Document<'_>, view: &str) -> Option<Span> {
    let mut found: Vec<Span> = Vec::new();
    if let Some(signal) = PLAIN_SIGNAL.find(view) {
        found.push(Span::new(signal.start(), signal.end()));
    }
    if document.entities_of(EntityKind::Mention).next().is_some() {
        if let Some(signal) = GIFT_SIGNAL.find(view) {
            found.push(Span::new(signal.start(), signal.end()));
        }
    }
    for phrase in CODE_PHRASE.find_iter(view) {
        let text = phrase.as_str().to_lowercase();
        // “my code of conduct”; “no discount code needed”.
        if text.ends_with(" of") || NEGATIONS.contains(&previous_word(view, phrase.start()).as_str()) {
            continue;
        }
        let span = Span::new(phrase.start(), phrase.end());
        if text.starts_with("my") || !is_first_party(document, view, span) {
            found.push(span);
            break;
        }
    }
    for word in CODE_WORD.find_iter(view) {
        if NOT_PROMOTION.contains(&previous_word(view, word.start()).as_str()) {
            continue;
        }
        let Some(code) = code_after(view, word.end(), word.as_str()) else { continue };
        let span = Span::new(word.start(), code.end);
        if !is_first_party(document, view, span) {
            found.push(span);
            break;
        }
    }
    for pointer in LINK_POINTER.find_iter(view) {
        let span = Span::new(pointer.start(), pointer.end());
        let sentence = document.sentence_at(span.start).unwrap_or(span);
        if BUYING.is_match(sentence.slice(view)) {
            found.push(span);
            break;
        }
    }
    found.into_iter().min_by_key(|span| (span.start, span.end))
}

impl Rule for MissingAdLabel {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn triggers(&self) -> Triggers {
        Triggers { anywhere: TRIGGERS, ..Triggers::default() }
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        let document = context.document;
        let view = view_with_mentions(document);
        let Some(signal) = first_signal(document, &view) else { return };
        if !find_labels(document).is_empty() {
            return;
        }
        let shown = signal.slice(document.source());
        let prose = document.prose_view();
        let start = prose.len() - prose.trim_start().len();
        reporter.report_with_fixes(
            signal,
            format!("“{shown}” reads as paid or gifted promotion, but the post has no clear ad label"),
            "Add “#ad” at the start of the post (or “Paid partnership” / “Advertisement”); #sp, #spon or thanking the brand are not enough.",
            vec![Fix::replace("Add “#ad” at the start", Span::empty(start), "#ad ")],
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn signal(text: &str) -> Option<&str> {
        let document = Document::new(text, Format::Text);
        let view = view_with_mentions(&document);
        first_signal(&document, &view).map(|span| span.slice(text))
    }

    #[test]
    fn finds_signals() {
        assert_eq!(signal("Use code MAYA15 for 15% off"), Some("code MAYA15"));
        assert_eq!(signal("Code promo CLAIRE15 pour 15 %"), Some("Code promo"));
        assert_eq!(signal("Use o cupom RAFA10 e ganhe"), Some("cupom RAFA10"));
        assert_eq!(signal("USE CODE GLOW30 FOR 30% OFF"), Some("CODE GLOW30"));
        assert_eq!(signal("Thanks to @CoolCool for sending me these"), Some("Thanks to @CoolCool for sending"));
        assert_eq!(signal("Tap the link in bio to shop the rug"), Some("link in bio"));
        assert_eq!(signal("Get 30% off @SleepWell mattresses with my link below."), Some("with my link"));
        assert_eq!(signal("They were gifted to us by @TinyTrek"), Some("were gifted"));
    }

    #[test]
    fn ignores_look_alikes() {
        for text in [
            "Our code of conduct",
            "CODE BLUE at the hospital",
            "8 US Code 1325 applies",
            "access code: 685783",
            "Dress code: BLACK TIE",
            "Use the code word “sunflower” at reception.",
            "Our Code Club teaches girls to code",
            "Link in bio to read the report",
            "Thanks to our volunteers for giving up their Saturday",
            "Don't discount the power of a text reminder",
            "Use code GALA10 for 10% off tickets to our gala.",
            "One of my coworkers gifted me this label printer",
            "Gifted by the gods, improved with skills",
            "Thank you @user for this perfect gift!",
            "EVERYTHING MARKED DOWN, NO DISCOUNT CODE NEEDED",
        ] {
            assert_eq!(signal(text), None, "{text}");
        }
    }

    #[test]
    fn survives_odd_text() {
        for text in ["code", "code:", "código ", "my code", "link in bio", "é code ÉÉÉ1", "\u{1}code\u{1}"] {
            let _ = signal(text);
        }
    }
}
