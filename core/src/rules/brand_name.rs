//! `branding.brand-name`: the organisation's names written differently from
//! their canonical spelling (`[brand] names`).

use crate::diagnostic::{Category, Fix, Severity};
use crate::normalize::{is_combining_mark, nfc, nfd};
use crate::rule::{CheckContext, Facts, Reporter, Rule, RuleMeta};
use crate::rules::hashtag_case::is_word;
use crate::rules::MetaBuilder;
use crate::settings::Settings;
use crate::span::Span;

/// Characters a brand name's words may be joined or split by in a variant
/// (“Care Link”, “care-link”, “Womens Aid”): ignored when comparing.
fn is_joiner(ch: char) -> bool {
    matches!(ch, ' ' | '\t' | '\u{A0}' | '-' | '‐' | '‑' | '–' | '\'' | '’')
}

/// Whether `ch` belongs to a word: letters, digits and combining marks
/// (a decomposed “é” is `e` plus a mark).
fn is_word_char(ch: char) -> bool {
    ch.is_alphanumeric() || is_combining_mark(ch)
}

/// The comparison key of a name or word: lowercase, without diacritics,
/// spaces, hyphens or apostrophes. `Médecins Sans-Frontières` → `medecinssansfrontieres`.
fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.chars().filter(|ch| !is_joiner(*ch)).map(|ch| ch.to_ascii_lowercase()).collect();
    }
    nfd(text).chars().filter(|ch| !is_combining_mark(*ch) && !is_joiner(*ch)).flat_map(char::to_lowercase).collect()
}

/// Letters of `text` for [`is_variant`]: decomposed, lowercase, without joiners.
fn decomposed_letters(text: &str) -> Vec<char> {
    nfd(text).chars().filter(|ch| !is_joiner(*ch)).flat_map(char::to_lowercase).collect()
}

/// Whether `written` is `canonical` with other casing, spacing or
/// hyphenation, or with diacritics missing. A diacritic the canonical form
/// lacks makes another word: “über” is not a misspelt “Uber”.
fn is_variant(written: &str, canonical: &str) -> bool {
    let written = decomposed_letters(written);
    let canonical = decomposed_letters(canonical);
    let (mut i, mut j) = (0, 0);
    while i < canonical.len() {
        let wanted = canonical[i];
        match written.get(j) {
            Some(&got) if got == wanted => j += 1,
            Some(&got) if is_combining_mark(got) => return false,
            _ if is_combining_mark(wanted) => {} // a dropped accent
            _ => return false,
        }
        i += 1;
    }
    j == written.len()
}

/// One brand name, ready for matching.
struct Brand<'a> {
    canonical: &'a str,
    /// The canonical form composed (NFC), for comparing with what is written.
    composed: String,
    key: String,
    /// Whether the name is one ordinary English word (“Care”): its lowercase
    /// use is then the word, not the brand.
    ordinary_word: bool,
}

/// A word of the prose and its key.
struct ProseWord {
    span: Span,
    key: String,
    /// Part of a hashtag: the hashtag rules own its spelling.
    in_hashtag: bool,
}

/// Flags the guideline's brand names written with other casing, spacing,
/// hyphenation or without their diacritics, offering the canonical form.
pub(crate) struct BrandName {
    meta: RuleMeta,
}

impl BrandName {
    pub(crate) fn new() -> Self {
        let meta = MetaBuilder::new(
            "branding.brand-name",
            Category::Branding,
            Severity::Warning,
            "The organisation's names (`[brand] names`) spelled differently from their canonical form.",
        )
        .why(
            "A name written three ways looks careless and splits search results and analytics. Dropped accents \
             also misspell names in the languages they come from.",
            "The organisation's guideline file (`[brand] names`); brand style guides",
        )
        .guideline("[brand]\nnames = [\"CareLink\", \"Médecins Sans Frontières\"]\n")
        .fire(&[
            "Download the Care Link app today",
            "Thanks to care-link for the data",
            "Medecins Sans Frontieres teams are on the ground",
        ])
        .pass(&[
            "Download the CareLink app today",
            "Médecins Sans Frontières teams are on the ground",
            "Follow @carelink and visit carelink.org #carelink",
            "We take care. Link your account in settings.",
        ])
        .fixed(&[("Download the Care Link app", "Download the CareLink app")])
        .build();
        BrandName { meta }
    }
}

/// The words of the prose view with their keys.
fn prose_words(view: &str) -> Vec<ProseWord> {
    let mut found = Vec::new();
    let mut start: Option<usize> = None;
    let push = |start: usize, end: usize, found: &mut Vec<ProseWord>| {
        let in_hashtag = view[..start].ends_with(['#', '＃']);
        found.push(ProseWord { span: Span::new(start, end), key: fold(&view[start..end]), in_hashtag });
    };
    for (offset, ch) in view.char_indices() {
        if is_word_char(ch) {
            start.get_or_insert(offset);
        } else if let Some(word_start) = start.take() {
            push(word_start, offset, &mut found);
        }
    }
    if let Some(word_start) = start {
        push(word_start, view.len(), &mut found);
    }
    found
}

impl Rule for BrandName {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// Without brand names there is nothing to check.
    fn needs(&self, settings: &Settings) -> Facts {
        if settings.brand_names.is_empty() {
            Facts::NONE
        } else {
            Facts::EVERY_DRAFT
        }
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        let names = &context.settings.brand_names;
        if names.is_empty() {
            return;
        }
        let brands: Vec<Brand<'_>> = names
            .iter()
            .map(|name| {
                let key = fold(name);
                let ordinary_word = !name.contains(is_joiner) && key.is_ascii() && is_word(&key);
                Brand { canonical: name, composed: nfc(name), key, ordinary_word }
            })
            .filter(|brand| !brand.key.is_empty())
            .collect();
        let view = context.document.prose_view();
        let source = context.document.source();
        let words = prose_words(view);
        let mut index = 0;
        while index < words.len() {
            // The longest window of words starting here whose joined key is a brand's key.
            let mut key = String::new();
            let mut best: Option<(usize, &Brand<'_>)> = None;
            for (end, word) in words.iter().enumerate().skip(index) {
                if word.in_hashtag {
                    break;
                }
                if end > index {
                    let gap = &view[words[end - 1].span.end..word.span.start];
                    if gap.chars().count() > 2 || !gap.chars().all(is_joiner) {
                        break;
                    }
                }
                key.push_str(&word.key);
                if let Some(brand) = brands.iter().find(|brand| brand.key == key) {
                    best = Some((end, brand));
                }
                if !brands.iter().any(|brand| brand.key.starts_with(key.as_str())) {
                    break;
                }
            }
            let Some((end, brand)) = best else {
                index += 1;
                continue;
            };
            let span = Span::new(words[index].span.start, words[end].span.end);
            let written = span.slice(source);
            let single_lowercase_word = end == index && !written.chars().any(char::is_uppercase);
            // A one-letter piece makes an ordinary phrase, not a split name: “so I phone” is not “iPhone”.
            let has_stray_letter = end > index
                && words[index..=end].iter().any(|word| word.span.slice(view).chars().count() == 1)
                && !brand.canonical.contains(is_joiner);
            let differs = nfc(written) != brand.composed;
            if differs
                && !(brand.ordinary_word && single_lowercase_word)
                && !has_stray_letter
                && is_variant(written, brand.canonical)
            {
                reporter.report_with_fixes(
                    span,
                    format!("“{written}” should be written “{}”", brand.canonical),
                    format!("Use the organisation's spelling: {}.", brand.canonical),
                    vec![Fix::replace(format!("Replace with “{}”", brand.canonical), span, brand.canonical)],
                );
            }
            index = end + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_spacing_and_diacritics() {
        assert_eq!(fold("Médecins Sans-Frontières"), "medecinssansfrontieres");
        assert_eq!(fold("Me\u{301}decins"), "medecins");
        assert_eq!(fold("Care Link"), "carelink");
    }

    #[test]
    fn variants_may_drop_accents_but_not_add_them() {
        assert!(is_variant("Medecins Sans-Frontieres", "Médecins Sans Frontières"));
        assert!(is_variant("Me\u{301}decins", "Médecins"));
        assert!(is_variant("care link", "CareLink"));
        assert!(!is_variant("über", "Uber"));
        assert!(!is_variant("Médecins", "Medecins"));
    }
}
