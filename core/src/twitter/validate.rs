//! Whole-string validity checks: is this text exactly one hashtag, username,
//! list or URL?

use super::entities::{hashtag_entities, mention_entities};
use crate::Span;

/// Whether `text` is exactly one hashtag, sign included (`#tag`).
pub fn is_valid_hashtag(text: &str) -> bool {
    matches!(hashtag_entities(text).as_slice(), [only] if only.span == Span::new(0, text.len()))
}

/// Whether `text` is exactly one mention (`@user`, 1–20 of `A-Za-z0-9_`).
pub fn is_valid_username(text: &str) -> bool {
    matches!(
        mention_entities(text).as_slice(),
        [only] if only.list_slug.is_none() && only.span == Span::new(0, text.len())
    )
}

/// Whether `text` is exactly one list reference (`@user/list`).
pub fn is_valid_list(text: &str) -> bool {
    matches!(
        mention_entities(text).as_slice(),
        [only] if only.list_slug.is_some() && only.span == Span::new(0, text.len())
    )
}

/// Whether `text` is a well-formed `http`/`https` URL (international domain
/// names allowed), following RFC 3986 as twitter-text's `isValidUrl` does.
pub fn is_valid_url(text: &str) -> bool {
    is_valid_url_with(text, true)
}

/// Like [`is_valid_url`]; with `require_protocol` false, `example.com/path`
/// is accepted too.
pub fn is_valid_url_with(text: &str, require_protocol: bool) -> bool {
    if text.is_empty() {
        return false;
    }
    let (scheme, rest) = split_scheme(text);
    let scheme_ok = match scheme {
        Some(scheme) => scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"),
        None => !require_protocol,
    };
    if !scheme_ok {
        return false;
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, rest) = rest.split_at(authority_end);
    let path_end = rest.find(['?', '#']).unwrap_or(rest.len());
    let (path, rest) = rest.split_at(path_end);
    let (query, fragment) = match rest.strip_prefix('?') {
        Some(after) => match after.split_once('#') {
            Some((query, fragment)) => (Some(query), Some(fragment)),
            None => (Some(after), None),
        },
        None => (None, rest.strip_prefix('#')),
    };
    let path_ok =
        path.is_empty() || (path.starts_with('/') && path.split('/').skip(1).all(|segment| all_pchars(segment, "")));
    path_ok
        && query.is_none_or(|query| all_pchars(query, "/?"))
        && fragment.is_none_or(|fragment| {
            // The reference pattern uses `.`, which does not match line breaks.
            !fragment.contains(['\n', '\r', '\u{2028}', '\u{2029}']) && all_pchars(fragment, "/?")
        })
        && is_valid_authority(authority)
}

/// Splits `scheme://` off the front, when the text has one.
fn split_scheme(text: &str) -> (Option<&str>, &str) {
    if let Some(index) = text.find("://") {
        let scheme = &text[..index];
        if !scheme.is_empty() && !scheme.contains([':', '/', '?', '#']) {
            return (Some(scheme), &text[index + 3..]);
        }
    }
    (None, text)
}

/// Whether `text` consists of RFC 3986 `pchar`s (plus `extra` characters).
/// Unreserved characters include Cyrillic letters, as in twitter-text.
fn all_pchars(text: &str, extra: &str) -> bool {
    let bytes = text.as_bytes();
    let mut chars = text.char_indices();
    while let Some((offset, c)) = chars.next() {
        let ok = c.is_ascii_alphanumeric()
            || matches!(c, '\u{400}'..='\u{4FF}')
            || "-._~!$&'()*+,;=:|@".contains(c)
            || extra.contains(c);
        if ok {
            continue;
        }
        let percent_encoded = c == '%'
            && bytes.get(offset + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(offset + 2).is_some_and(u8::is_ascii_hexdigit);
        if !percent_encoded {
            return false;
        }
        chars.next();
        chars.next();
    }
    true
}

/// `[userinfo@]host[:port]` with an IPv4, bracketed IPv6 or (Unicode) domain host.
fn is_valid_authority(authority: &str) -> bool {
    let (userinfo, host_and_port) = match authority.split_once('@') {
        Some((userinfo, rest)) => (Some(userinfo), rest),
        None => (None, authority),
    };
    if let Some(userinfo) = userinfo {
        if !all_pchars(userinfo, "") || userinfo.contains(['@', '|']) {
            return false;
        }
    }
    let (host, port) = if host_and_port.starts_with('[') {
        match host_and_port.find(']') {
            Some(close) => {
                let (host, rest) = host_and_port.split_at(close + 1);
                match rest {
                    "" => (host, None),
                    _ => match rest.strip_prefix(':') {
                        Some(port) => (host, Some(port)),
                        None => return false,
                    },
                }
            }
            None => return false,
        }
    } else {
        match host_and_port.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (host_and_port, None),
        }
    };
    let port_ok =
        port.is_none_or(|port| (1..=5).contains(&port.len()) && port.bytes().all(|byte| byte.is_ascii_digit()));
    port_ok && (is_ipv4(host) || is_ipv6(host) || is_unicode_domain(host))
}

fn is_ipv4(host: &str) -> bool {
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets.iter().all(|octet| {
            !octet.is_empty()
                && octet.len() <= 3
                && octet.bytes().all(|byte| byte.is_ascii_digit())
                && !(octet.len() > 1 && octet.starts_with('0'))
                && octet.parse::<u16>().is_ok_and(|value| value <= 255)
        })
}

fn is_ipv6(host: &str) -> bool {
    host.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')).is_some_and(|inner| {
        !inner.is_empty() && inner.bytes().all(|byte| byte.is_ascii_hexdigit() || byte == b':' || byte == b'.')
    })
}

/// `sub.…domain.tld` where labels use letters, digits and non-ASCII characters,
/// `-` inside labels, `_` inside subdomain labels only, and the TLD starts with
/// a letter.
fn is_unicode_domain(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    let count = labels.len();
    if count < 2 {
        return false;
    }
    let edge = |c: char| c.is_ascii_alphanumeric() || !c.is_ascii();
    let label_ok = |label: &str, inner_underscore: bool, tld: bool| {
        let (Some(first), Some(last)) = (label.chars().next(), label.chars().next_back()) else {
            return false;
        };
        let first_ok = if tld { first.is_ascii_alphabetic() || !first.is_ascii() } else { edge(first) };
        first_ok && edge(last) && label.chars().all(|c| edge(c) || c == '-' || (inner_underscore && c == '_'))
    };
    labels.iter().enumerate().all(|(index, label)| {
        if index + 1 == count {
            label_ok(label, false, true)
        } else if index + 2 == count {
            label_ok(label, false, false)
        } else {
            label_ok(label, true, false)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert!(is_valid_url("https://example.com/path?q=1#top"));
        assert!(is_valid_url("http://☃.net/"));
        assert!(is_valid_url("http://192.168.0.1:8080/"));
        assert!(!is_valid_url("ftp://example.com/"));
        assert!(!is_valid_url("example.com"));
        assert!(is_valid_url_with("example.com", false));
        assert!(!is_valid_url("http://256.1.2.3/"));
        assert!(!is_valid_url("http://example.com/a b"));
        assert!(!is_valid_url("http://-bad.com"));
        assert!(!is_valid_url(""));
    }

    #[test]
    fn hashtags_usernames_lists() {
        assert!(is_valid_hashtag("#rust"));
        assert!(!is_valid_hashtag("#123"));
        assert!(!is_valid_hashtag("rust"));
        assert!(is_valid_username("@user_1"));
        assert!(!is_valid_username("@user-1"));
        assert!(is_valid_list("@user/list"));
        assert!(!is_valid_list("@user"));
        assert!(!is_valid_list(" @user/list"));
    }
}
