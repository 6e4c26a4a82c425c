//! Hashtags, mentions, URLs, cashtags and e-mail addresses in a text.
//!
//! Social entities are found the way X's twitter-text finds them (see
//! [`crate::twitter`]); e-mail addresses, which twitter-text does not
//! extract, are found here.

use crate::span::Span;
use crate::twitter::Signs;

/// What kind of entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    /// `#tag`
    Hashtag,
    /// `@user` or `@user/list`
    Mention,
    /// A link, with or without scheme.
    Url,
    /// `$TICKER`
    Cashtag,
    /// `name@example.org`
    Email,
}

/// An entity found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundEntity {
    /// The kind.
    pub kind: EntityKind,
    /// The whole entity, sign included (`#tag`).
    pub span: Span,
    /// The entity without its sign (`tag`); the whole entity for URLs and e-mails.
    pub value: Span,
}

/// Finds every entity in `text`, sorted by start, non-overlapping.
pub fn find(text: &str) -> Vec<FoundEntity> {
    find_with(text, Signs::of(text), Vec::new())
}

/// Finds every entity in `text`, as [`find`] does, given signs that `text`
/// holds no more of than `signs` says (those of `text`, or of a text whose
/// bytes it shares): the extractors of kinds whose sign is missing do not
/// run. They list the entities in `list`, which must be empty (its room is
/// used).
pub(crate) fn find_with(text: &str, signs: Signs, list: Vec<FoundEntity>) -> Vec<FoundEntity> {
    let emails = if signs.may_have_emails() { find_emails(text) } else { Vec::new() };
    // Hashtags, mentions, URLs and cashtags as twitter-text extracts them.
    with_emails(crate::twitter::extract_entities_with(text, signs, list), emails)
}

/// The social entities and the e-mail addresses of a text in one list,
/// sorted by start, without the social entities that overlap an address.
fn with_emails(social: Vec<FoundEntity>, emails: Vec<FoundEntity>) -> Vec<FoundEntity> {
    if emails.is_empty() {
        return social;
    }
    // Both lists are sorted and each is non-overlapping: walk them together.
    // An e-mail address is not also a mention or a link.
    let mut found = Vec::with_capacity(emails.len());
    let mut next_email = 0;
    for entity in social {
        while next_email < emails.len() && emails[next_email].span.end <= entity.span.start {
            next_email += 1;
        }
        let clashes = emails[next_email..]
            .iter()
            .take_while(|email| email.span.start < entity.span.end)
            .any(|email| email.span.overlaps(entity.span));
        if !clashes {
            found.push(entity);
        }
    }
    found.extend(emails);
    crate::sort::sort_by_key(&mut found, |entity| (entity.span.start, entity.span.end));
    found
}

/// Social entities are listed as found entities straight away.
impl crate::twitter::FromEntity for FoundEntity {
    fn from_entity(entity: crate::twitter::Entity) -> Self {
        let kind = match entity.kind {
            crate::twitter::EntityKind::Hashtag => EntityKind::Hashtag,
            crate::twitter::EntityKind::Mention => EntityKind::Mention,
            crate::twitter::EntityKind::Url => EntityKind::Url,
            crate::twitter::EntityKind::Cashtag => EntityKind::Cashtag,
        };
        FoundEntity { kind, span: entity.span, value: entity.value_span }
    }

    fn span(&self) -> Span {
        self.span
    }
}

fn is_local_part_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'_' | b'%' | b'+' | b'-')
}

fn is_domain_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'-')
}

/// Finds e-mail addresses: `local@domain.tld` with an alphabetic top-level
/// domain of two letters or more. ASCII only, which covers nearly every
/// address in use and keeps this a single linear pass.
pub fn find_emails(text: &str) -> Vec<FoundEntity> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut search_from = 0;
    while let Some(relative) = memchr::memchr(b'@', &bytes[search_from..]) {
        let at = search_from + relative;
        search_from = at + 1;
        let mut start = at;
        while start > 0 && is_local_part_byte(bytes[start - 1]) {
            start -= 1;
        }
        while start < at && bytes[start] == b'.' {
            start += 1;
        }
        if start == at || found.last().is_some_and(|last: &FoundEntity| last.span.end > start) {
            continue;
        }
        let mut end = at + 1;
        while end < bytes.len() && is_domain_byte(bytes[end]) {
            end += 1;
        }
        // A sentence's full stop or a dash is not part of the domain.
        while end > at + 1 && matches!(bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        let domain = &text[at + 1..end];
        let Some(dot) = domain.rfind('.') else {
            continue;
        };
        let top_level = &domain[dot + 1..];
        if dot == 0 || top_level.len() < 2 || !top_level.bytes().all(|byte| byte.is_ascii_alphabetic()) {
            continue;
        }
        let span = Span::new(start, end);
        found.push(FoundEntity { kind: EntityKind::Email, span, value: span });
        search_from = end;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emails(text: &str) -> Vec<&str> {
        find_emails(text).iter().map(|entity| entity.span.slice(text)).collect()
    }

    /// `find` as it was before the signs and the direct listing: every
    /// extractor run, twitter-text's entities converted afterwards.
    fn find_by_reference(text: &str) -> Vec<FoundEntity> {
        use crate::twitter::FromEntity;
        let social =
            crate::twitter::extract_entities_by_reference(text).into_iter().map(FoundEntity::from_entity).collect();
        with_emails(social, find_emails(text))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2_000))]
        /// On text made of the pieces every extractor reacts to, `find`
        /// lists what the reference lists.
        #[test]
        fn find_agrees_with_the_reference(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "#", "＃", "@", "＠", "$", ".", "/", ":", "-", "_", " ", "\r\n", "https://", "t.co/", "com",
                    "jp", "a", "Z", "1", "é", "\u{301}", "日本", "😀", "\u{FE0F}", "RT", "me@x.org", "@a.b.co",
                ]),
                0..40,
            )
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(find(&text), find_by_reference(&text), "{:?}", text);
        }

        #[test]
        fn find_agrees_with_the_reference_on_any_text(text in proptest::prelude::any::<String>()) {
            proptest::prop_assert_eq!(find(&text), find_by_reference(&text), "{:?}", text);
        }
    }

    #[test]
    fn finds_email_addresses() {
        assert_eq!(emails("Write to press@harbor-health.org."), ["press@harbor-health.org"]);
        assert_eq!(emails("a.b+c@x.co.uk, d@e.fr"), ["a.b+c@x.co.uk", "d@e.fr"]);
        assert!(emails("@user hi, me@x, a@b.c, @@, x@.com").is_empty());
    }
}
