//! Clear advertising labels (`#ad`, “Advertisement”, “Paid partnership”, …),
//! shared by the disclosure rules: one says a label is missing, the others
//! say where a label sits.

use std::sync::LazyLock;

use regex::Regex;

use crate::document::Document;
use crate::entities::EntityKind;
use crate::span::Span;

/// Hashtags that label a post as advertising in the languages regulators and
/// self-regulatory codes accept them (UK ASA/CMA, US FTC, Spain's Autocontrol,
/// France's ARPP, Germany's Landesmedienanstalten, Brazil's CONAR, Italy's IAP).
/// Lowercase, without `#`.
const LABEL_HASHTAGS: &[&str] = &[
    "ad",
    "adv",
    "advert",
    "advertisement",
    "anuncio",
    "anzeige",
    "bezahltepartnerschaft",
    "paidad",
    "paidpartnership",
    "pubblicità",
    "publi",
    "publicidad",
    "publicidade",
    "publicite",
    "publicité",
    "sponsored",
    "sponsorisé",
    "sponsorizzato",
    "werbung",
];

/// Label words and phrases in prose. The bare word “ad” is only a label
/// when it is set off as one (“Ad:”, “(ad)”, “AD |”); elsewhere it is just
/// a word (“an ad campaign”).
static LABEL_PHRASES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:advertisement|advertorial|publicidad|publicidade|werbung|anuncio)(?-u:\b)",
        // An ASCII word boundary never follows a final é or à: no boundary asked.
        r"|(?-u:\b)(?:publicité|pubblicità|partenariat\s+rémunéré)",
        r"|(?-u:\b)(?:ad|advert|sponsored|anzeige)\s*[:|]",
        r"|[(\[]\s*(?:ad|advert|sponsored|anzeige|werbung)\s*[)\]]",
        r"|(?-u:\b)paid\s+(?:partnership|promotion|partner|post)(?-u:\b)",
        r"|(?-u:\b)sponsored\s+(?:post|content)(?-u:\b)",
        r"|(?-u:\b)(?:this|the)\s+(?:post|video|reel|story|content)\s+is\s+sponsored(?-u:\b)",
        r"|(?-u:\b)(?:bezahlte\s+partnerschaft|collaboration\s+commerciale|colaboración\s+pagada|parceria\s+paga|patrocinado\s+por)(?-u:\b)",
    ))
    .expect("the label pattern is valid")
});

/// Words one of which starts every clear label, hashtag or phrase: rules
/// that need a label name them as their triggers (see [`crate::rule::Rule::triggers`]).
pub(crate) const LABEL_TRIGGERS: &[&str] = &[
    "ad",
    "anuncio",
    "anzeige",
    "bezahlte",
    "colaboración",
    "collaboration",
    "paid",
    "parceria",
    "partenariat",
    "patrocinado",
    "pubbl",
    "publi",
    "sponsor",
    "werbung",
];

/// Where one clear label is, and whether it is a hashtag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Label {
    /// The label's bytes in the source.
    pub(crate) span: Span,
    /// Whether the label is a hashtag (`#ad`) rather than words.
    pub(crate) hashtag: bool,
}

/// Whether a hashtag's text (without `#`) is a clear advertising label.
pub(crate) fn is_label_hashtag(value: &str) -> bool {
    let lowered = value.to_lowercase();
    LABEL_HASHTAGS.contains(&lowered.as_str())
}

/// Every clear label in the draft, in text order. Words are looked for in
/// the prose view, so a URL or a code sample never counts as a label.
pub(crate) fn find_labels(document: &Document<'_>) -> Vec<Label> {
    let source = document.source();
    let mut labels: Vec<Label> = document
        .entities_of(EntityKind::Hashtag)
        .filter(|tag| is_label_hashtag(tag.value.slice(source)))
        .map(|tag| Label { span: tag.span, hashtag: true })
        .collect();
    let view = document.prose_view();
    for found in LABEL_PHRASES.find_iter(view) {
        let span = Span::new(found.start(), found.end());
        // A phrase starting inside a hashtag (`#sponsoredpost`, `#Ad |`) is the hashtag's business.
        if document.hashtag_containing(Span::new(span.start, span.start + 1)).is_none() {
            labels.push(Label { span, hashtag: false });
        }
    }
    crate::sort::sort_by_key(&mut labels, |label| (label.span.start, label.span.end));
    labels
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    #[test]
    fn every_label_starts_with_a_trigger_word() {
        let hashtags = LABEL_HASHTAGS.iter().map(|tag| format!("#{tag}"));
        let phrases = [
            "Advertorial",
            "PUBLICIDAD",
            "Publicité",
            "Werbung",
            "anuncio",
            "Pubblicità",
            "Ad: ",
            "advert |",
            "Sponsored:",
            "Anzeige |",
            "( ad )",
            "[Werbung]",
            "Paid promotion",
            "sponsored content",
            "This video is sponsored",
            "bezahlte Partnerschaft",
            "partenariat rémunéré",
            "collaboration commerciale",
            "colaboración pagada",
            "parceria paga",
            "patrocinado por",
        ];
        for text in hashtags.chain(phrases.iter().map(|phrase| phrase.to_string())) {
            let document = Document::new(&text, Format::Text);
            assert!(!find_labels(&document).is_empty(), "{text:?} is a label");
            let normalized = document.normalized().as_str();
            let starts_with_trigger = normalized.char_indices().any(|(at, _)| {
                let at_word_start = !normalized[..at].chars().next_back().is_some_and(crate::terms::is_word_char);
                at_word_start && LABEL_TRIGGERS.iter().any(|word| normalized[at..].starts_with(word))
            });
            assert!(starts_with_trigger, "{text:?} has no trigger word");
        }
    }

    fn labels(text: &str) -> Vec<&str> {
        let document = Document::new(text, Format::Text);
        find_labels(&document).into_iter().map(|label| label.span.slice(text)).collect()
    }

    #[test]
    fn finds_clear_labels() {
        assert_eq!(labels("#ad Great serum"), ["#ad"]);
        assert_eq!(labels("#Ad | Great serum"), ["#Ad"]);
        assert_eq!(labels("Advertisement: great serum"), ["Advertisement"]);
        assert_eq!(labels("AD: great serum"), ["AD:"]);
        assert_eq!(labels("Paid partnership with @brand"), ["Paid partnership"]);
        assert_eq!(labels("Publicidad | Mi rutina"), ["Publicidad"]);
        assert_eq!(labels("Great serum (ad)"), ["(ad)"]);
        assert_eq!(labels("Candles #sponsored"), ["#sponsored"]);
    }

    #[test]
    fn ignores_look_alikes() {
        assert!(labels("Our new ad campaign launches today").is_empty());
        assert!(labels("#sp #spon #collab #adventure").is_empty());
        assert!(labels("Read https://example.org/advertisement now").is_empty());
        assert!(labels("Our sponsored walk raised £3,200").is_empty());
    }
}
