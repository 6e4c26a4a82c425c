//! Hashtags, mentions, URLs, cashtags and e-mail addresses in a text.
//!
//! Social entities are found the way X's twitter-text finds them (see
//! [`crate::twitter`]); e-mail addresses, which twitter-text does not
//! extract, are found here.

use crate::span::Span;

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
    let mut found = find_emails(text);
    for entity in social_entities(text) {
        // An e-mail address is not also a mention or a link.
        if found.iter().any(|email| email.span.overlaps(entity.span)) {
            continue;
        }
        found.push(entity);
    }
    found.sort_by_key(|entity| (entity.span.start, entity.span.end));
    found
}

/// Interim scanner until the twitter-text extractor lands: `#tag`, `@user`,
/// `$TICK` after a non-word char, and `http(s)://` or `www.` links.
fn social_entities(text: &str) -> Vec<FoundEntity> {
    let mut found = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut previous: Option<char> = None;
    while let Some((offset, ch)) = chars.next() {
        let after_boundary = previous.is_none_or(|p| !p.is_alphanumeric() && p != '_' && p != '&');
        let rest = &text[offset..];
        let url = after_boundary
            && (rest.starts_with("http://")
                || rest.starts_with("https://")
                || rest.starts_with("www."));
        if url {
            let mut end = offset + rest.find(char::is_whitespace).unwrap_or(rest.len());
            while end > offset
                && text[..end].ends_with(['.', ',', '!', '?', ')', ':', ';', '"', '\''])
            {
                end -= 1;
            }
            let span = Span::new(offset, end);
            found.push(FoundEntity {
                kind: EntityKind::Url,
                span,
                value: span,
            });
            while chars.peek().is_some_and(|&(next, _)| next < end) {
                chars.next();
            }
            previous = text[..end].chars().next_back();
            continue;
        }
        let kind = match ch {
            '#' | '＃' => Some(EntityKind::Hashtag),
            '@' | '＠' => Some(EntityKind::Mention),
            '$' => Some(EntityKind::Cashtag),
            _ => None,
        };
        if let (Some(kind), true) = (kind, after_boundary) {
            let value_start = offset + ch.len_utf8();
            let value_len = text[value_start..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || is_mark(c)))
                .unwrap_or(text.len() - value_start);
            let value = Span::new(value_start, value_start + value_len);
            let has_letter = value.slice(text).chars().any(|c| !c.is_ascii_digit());
            if value_len > 0 && has_letter {
                found.push(FoundEntity {
                    kind,
                    span: Span::new(offset, value.end),
                    value,
                });
                while chars.peek().is_some_and(|&(next, _)| next < value.end) {
                    chars.next();
                }
                previous = value.slice(text).chars().next_back();
                continue;
            }
        }
        previous = Some(ch);
    }
    found
}

fn is_mark(ch: char) -> bool {
    matches!(ch, '\u{300}'..='\u{36F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}' | '\u{200C}' | '\u{200D}')
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
    while let Some(relative) = bytes[search_from..].iter().position(|&byte| byte == b'@') {
        let at = search_from + relative;
        search_from = at + 1;
        let mut start = at;
        while start > 0 && is_local_part_byte(bytes[start - 1]) {
            start -= 1;
        }
        while start < at && bytes[start] == b'.' {
            start += 1;
        }
        if start == at
            || found
                .last()
                .is_some_and(|last: &FoundEntity| last.span.end > start)
        {
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
        if dot == 0
            || top_level.len() < 2
            || !top_level.bytes().all(|byte| byte.is_ascii_alphabetic())
        {
            continue;
        }
        let span = Span::new(start, end);
        found.push(FoundEntity {
            kind: EntityKind::Email,
            span,
            value: span,
        });
        search_from = end;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emails(text: &str) -> Vec<&str> {
        find_emails(text)
            .iter()
            .map(|entity| entity.span.slice(text))
            .collect()
    }

    #[test]
    fn finds_email_addresses() {
        assert_eq!(
            emails("Write to press@harbor-health.org."),
            ["press@harbor-health.org"]
        );
        assert_eq!(emails("a.b+c@x.co.uk, d@e.fr"), ["a.b+c@x.co.uk", "d@e.fr"]);
        assert!(emails("@user hi, me@x, a@b.c, @@, x@.com").is_empty());
    }
}
