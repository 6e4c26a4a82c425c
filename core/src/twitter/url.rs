//! URL extraction with twitter-text's rules, as a linear-time scanner.
//!
//! twitter-text finds URLs with one large backtracking regular expression
//! (preceding character, optional `http(s)://`, domain ending in a known TLD,
//! optional port, path and query) followed by a few checks. This module gets
//! the same matches without backtracking over the domain:
//!
//! * A domain lives inside a *run*: a maximal stretch of domain characters,
//!   `-`, `_` and `.`. Runs are split at dots into labels once, and a few
//!   arrays computed right to left answer "which is the longest valid domain
//!   starting here" in constant time for every start position.
//! * The path and query, whose grammar has balanced parentheses (one level
//!   nested at most), are matched by hand in one forward pass; a test compares
//!   the result with twitter-text's regular expression on generated text.

use super::chars::{char_at, char_before, is_directional_mark, is_domain_char, is_invalid_character, is_latin_accent};
use super::tld::{labels_fit_dns, tld_len};
use crate::small_list::SmallList;
use crate::{utf16_len, Span};

/// Longest URL (protocol included, UTF-16 units) that the service accepts.
const MAX_URL_LENGTH: usize = 4096;

/// Longest slug of a `t.co` link.
const MAX_TCO_SLUG_LENGTH: usize = 40;

/// Length of the protocol assumed for URLs written without one (`https://`).
const DEFAULT_PROTOCOL_LENGTH: usize = 8;

/// Whether `c` may appear in a URL path outside parentheses.
fn is_path_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '!' | '*' | '\'' | ';' | ':' | '=' | '+' | ',' | '.' | '$' | '/' | '%' | '#' | '[' | ']' | '-' => true,
        '\u{2013}' | '_' | '~' | '@' | '|' | '&' => true,
        _ => is_cyrillic(c) || is_latin_accent(c),
    }
}

/// Whether a URL path may end with `c`: trailing punctuation (`.`, `,`,
/// `!`, …) belongs to the sentence, not to the link.
fn is_path_end_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '+' | '-' | '=' | '_' | '#' | '/' => true,
        _ => is_cyrillic(c) || is_latin_accent(c),
    }
}

fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{4FF}').contains(&c)
}

/// Whether `byte` may appear in a URL query.
fn is_query_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!?*'();:&=+$/%#[]-_.,~|@".contains(&byte)
}

/// Whether a URL query may end with `byte`.
fn is_query_end_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"-_&=#/".contains(&byte)
}

/// Length of the balanced parentheses `rest` starts with, as twitter-text
/// allows them in a path: `(` path chars `)`, with at most one non-empty
/// pair nested inside (`a_(b)`, `(a(b)c)`).
fn parentheses_length(rest: &str) -> Option<usize> {
    let path_chars =
        |from: usize| -> usize { rest[from..].chars().take_while(|&c| is_path_char(c)).map(char::len_utf8).sum() };
    let mut at = 1 + path_chars(1);
    match rest[at..].chars().next()? {
        ')' if at > 1 => Some(at + 1),
        '(' => {
            let inner = path_chars(at + 1);
            if inner == 0 || !rest[at + 1 + inner..].starts_with(')') {
                return None;
            }
            at += 1 + inner + 1;
            at += path_chars(at);
            rest[at..].starts_with(')').then_some(at + 1)
        }
        _ => None,
    }
}

/// Length of the path and query a URL's host (and port) is followed by at
/// the start of `rest`: twitter-text's grammar, matched by hand in one pass.
///
/// The path is `/` then path chars and balanced parentheses, cut back to its
/// last char that may end a path (or closing parenthesis); the query is `?`
/// then query chars, cut back to its last char that may end a query, and is
/// left out when it has none. Neither can contain the other's first char
/// (`?` is no path char), so taking each longest is what twitter-text's
/// leftmost-first regular expression takes; a test compares the two.
fn path_and_query_length(rest: &str) -> usize {
    let mut end = 0;
    if rest.starts_with('/') {
        end = 1;
        let mut at = 1;
        while let Some(c) = rest[at..].chars().next() {
            if is_path_char(c) {
                at += c.len_utf8();
                if is_path_end_char(c) {
                    end = at;
                }
            } else if let Some(length) = (c == '(').then(|| parentheses_length(&rest[at..])).flatten() {
                at += length;
                end = at;
            } else {
                break;
            }
        }
    }
    if rest[end..].starts_with('?') {
        let query = &rest.as_bytes()[end..];
        let run = 1 + query[1..].iter().take_while(|&&byte| is_query_byte(byte)).count();
        if let Some(last) = query[1..run].iter().rposition(|&byte| is_query_end_byte(byte)) {
            end += 1 + last + 1;
        }
    }
    end
}

/// The length of the `t.co` link `url` starts with, and of its slug: only
/// the slug and a query belong to such a link. The link is `http://` or
/// `https://` then `t.co/` (in any case), the slug (ASCII letters and
/// digits) and an optional query read as [`path_and_query_length`] reads it.
fn tco_link(url: &str) -> Option<(usize, usize)> {
    let bytes = url.as_bytes();
    let protocol = if bytes.get(..8).is_some_and(|start| start.eq_ignore_ascii_case(b"https://")) {
        8
    } else if bytes.get(..7).is_some_and(|start| start.eq_ignore_ascii_case(b"http://")) {
        7
    } else {
        return None;
    };
    if !bytes.get(protocol..protocol + 5)?.eq_ignore_ascii_case(b"t.co/") {
        return None;
    }
    let slug_start = protocol + 5;
    let slug_length = bytes[slug_start..].iter().take_while(|byte| byte.is_ascii_alphanumeric()).count();
    if slug_length == 0 {
        return None;
    }
    let mut end = slug_start + slug_length;
    if bytes.get(end) == Some(&b'?') {
        let query = &bytes[end + 1..];
        let run = query.iter().take_while(|&&byte| is_query_byte(byte)).count();
        if let Some(last) = query[..run].iter().rposition(|&byte| is_query_end_byte(byte)) {
            end += 1 + last + 1;
        }
    }
    Some((end, slug_length))
}

/// Whether `c` may stand right before a URL (it must not glue the URL to a word,
/// a mention, a hashtag or a cashtag).
fn may_precede_url(c: char) -> bool {
    if is_directional_mark(c) {
        return true;
    }
    !(c.is_ascii_alphanumeric() || matches!(c, '@' | '\u{FF20}' | '$' | '#' | '\u{FF03}') || is_invalid_character(c))
}

/// Characters of a run: domain characters plus the label punctuation.
fn is_run_char(c: char) -> bool {
    is_domain_char(c) || matches!(c, '-' | '_' | '.')
}

/// One label of a run, between dots.
struct Label {
    start: usize,
    end: usize,
    /// Offset of the last `_`, which names (unlike subdomains) may not contain.
    last_underscore: Option<usize>,
    /// Whether the last character is a domain character (labels may not end in `-`/`_`).
    ends_well: bool,
    /// Whether the whole label is a valid subdomain label.
    valid_subdomain: bool,
    /// Whether the whole label is a valid domain-name label (no `_`).
    valid_name: bool,
    /// Byte length of the TLD at the start of the label (0 if none).
    tld: usize,
    /// The first label at or after this one that is not a valid subdomain
    /// (the label count if there is none).
    first_bad_subdomain: usize,
    /// The last label at or before this one that can be the name label of a
    /// domain (valid name, followed by a TLD).
    last_good_name: Option<usize>,
}

/// A run split into labels, with what the domain matcher needs of each.
#[derive(Default)]
struct Run {
    end: usize,
    labels: Vec<Label>,
}

impl Run {
    /// Splits the run that starts at `start` into labels, reusing the buffers
    /// of the previous run.
    fn fill(&mut self, text: &str, start: usize) {
        let labels = &mut self.labels;
        labels.clear();
        let mut label_start = start;
        let mut last_underscore = None;
        let mut first_ok = None;
        let mut last_ok = false;
        let mut end = text.len();
        let finish = |labels: &mut Vec<Label>,
                      label_start: usize,
                      label_end: usize,
                      last_underscore: Option<usize>,
                      first_ok: Option<bool>,
                      last_ok: bool| {
            let valid_subdomain = first_ok == Some(true) && last_ok;
            labels.push(Label {
                start: label_start,
                end: label_end,
                last_underscore,
                ends_well: last_ok,
                valid_subdomain,
                valid_name: valid_subdomain && last_underscore.is_none(),
                tld: 0,
                first_bad_subdomain: 0,
                last_good_name: None,
            });
        };
        for (offset, c) in text[start..].char_indices() {
            let at = start + offset;
            if !is_run_char(c) {
                end = at;
                break;
            }
            if c == '.' {
                finish(labels, label_start, at, last_underscore, first_ok, last_ok);
                label_start = at + 1;
                last_underscore = None;
                first_ok = None;
                last_ok = false;
                continue;
            }
            let good = is_domain_char(c);
            if first_ok.is_none() {
                first_ok = Some(good);
            }
            last_ok = good;
            if c == '_' {
                last_underscore = Some(at);
            }
        }
        finish(labels, label_start, end, last_underscore, first_ok, last_ok);

        let count = labels.len();
        self.end = end;
        let mut first_bad = count;
        for index in (0..count).rev() {
            let label = &mut labels[index];
            label.tld = tld_len(&text[label.start..]);
            if !label.valid_subdomain {
                first_bad = index;
            }
            label.first_bad_subdomain = first_bad;
        }
        let mut last = None;
        for index in 0..count {
            // Only labels followed by a dot (all but the last) can be names.
            if index + 1 < count && labels[index].valid_name && labels[index + 1].tld > 0 {
                last = Some(index);
            }
            labels[index].last_good_name = last;
        }
    }

    /// End of the domain that starts at `start`, inside label `index`, if any.
    ///
    /// The domain is `subdomain* name TLD`; like the greedy regex, the longest
    /// chain of subdomains that still leaves a valid name and TLD wins.
    fn domain_end(&self, index: usize, start: usize, text: &str) -> Option<usize> {
        let count = self.labels.len();
        if index + 1 >= count {
            return None; // the last label has no dot after it
        }
        let label = &self.labels[index];
        if !label.ends_well || !char_at(text, start).is_some_and(is_domain_char) {
            return None;
        }
        // The partial first label is a valid subdomain; look for a name further on.
        let limit = self.labels[index + 1].first_bad_subdomain.min(count - 2);
        if limit > index {
            if let Some(name) = self.labels[limit].last_good_name.filter(|name| *name > index) {
                return Some(self.labels[name + 1].start + self.labels[name + 1].tld);
            }
        }
        let valid_name = label.last_underscore.is_none_or(|underscore| underscore < start);
        let next = &self.labels[index + 1];
        if valid_name && next.tld > 0 {
            return Some(next.start + next.tld);
        }
        None
    }
}

/// Spans of URLs: the first few in place, as a draft has one or two at most
/// in nearly every case.
pub(crate) type UrlSpans = SmallList<Span, 4>;

/// Finds URLs the way twitter-text's `extractUrlsWithIndices` does.
///
/// Returns byte spans into `text`, sorted and non-overlapping.
pub(crate) fn url_spans(text: &str) -> UrlSpans {
    let mut found = UrlSpans::new(Span::new(0, 0));
    let bytes = text.as_bytes();
    // `consumed`: where the previous regex match ended; the character before a
    // new URL must lie at or after it (a match consumes its preceding character).
    let mut consumed = 0;
    let mut search_from = 0;
    let mut run = Run::default();
    let mut scratch = AsciiScratch::default();
    while let Some(dot) = memchr_dot(bytes, search_from) {
        // A top-level domain starts with a letter (or a non-ASCII char), so
        // a dot before white space, the end of the text or other ASCII
        // (`...`, `3.5`) starts none. If its run has a dot that does, the
        // run is scanned from that dot: it reaches back to the same start.
        if bytes.get(dot + 1).is_none_or(|&next| next.is_ascii() && !next.is_ascii_alphabetic()) {
            search_from = dot + 1;
            continue;
        }
        let mut run_start = dot;
        while let Some((previous_start, previous)) = char_before(text, run_start) {
            if previous_start < consumed || !is_run_char(previous) {
                break;
            }
            run_start = previous_start;
        }
        run.fill(text, run_start);
        let mut scanner = Scanner { text, found: &mut found, consumed, scratch: &mut scratch };
        scanner.scan_run(&run, run_start);
        consumed = scanner.consumed;
        search_from = run.end.max(consumed).max(dot + 1);
    }
    found
}

/// Next `.` at or after `from`.
fn memchr_dot(bytes: &[u8], from: usize) -> Option<usize> {
    memchr::memchr(b'.', bytes.get(from..)?).map(|offset| from + offset)
}

/// State of one pass over the text.
struct Scanner<'t, 'v> {
    text: &'t str,
    found: &'v mut UrlSpans,
    consumed: usize,
    scratch: &'v mut AsciiScratch,
}

impl Scanner<'_, '_> {
    /// Whether a URL may start at `start`: its preceding character must be
    /// allowed and not already consumed, or the URL starts the text.
    fn may_start_at(&self, start: usize) -> bool {
        match char_before(self.text, start) {
            Some((previous_start, previous)) => previous_start >= self.consumed && may_precede_url(previous),
            None => self.consumed == 0,
        }
    }

    /// Tries every start position of `run` in the order the regex would.
    fn scan_run(&mut self, run: &Run, run_start: usize) {
        let text = self.text;
        // A protocol right before the run comes first.
        if let Some(protocol_start) = protocol_before(text, run_start) {
            if self.may_start_at(protocol_start) {
                if let Some(domain_end) = run.domain_end(0, run_start, text) {
                    let end = self.finish(protocol_start, run_start, domain_end);
                    if end >= run.end {
                        return;
                    }
                }
            }
        }
        // At the very start of the text the regex first tries the first
        // character as the "preceding" one, and only then the start itself.
        let mut position = run_start;
        if run_start == 0 && self.consumed == 0 {
            if let Some(first) = char_at(text, 0).filter(|first| may_precede_url(*first)) {
                let second = first.len_utf8();
                for candidate in [second, 0] {
                    if let Some(end) = self.try_start(run, candidate) {
                        if end >= run.end {
                            return;
                        }
                        break;
                    }
                }
                position = second + char_at(text, second).map_or(1, char::len_utf8);
            }
        }
        let mut label_index = 0;
        while position < run.end {
            // Candidates only move forward, so the containing label does too.
            while label_index + 1 < run.labels.len() && run.labels[label_index].end < position {
                label_index += 1;
            }
            if let Some(end) = self.try_start_in(run, label_index, position) {
                if end >= run.end {
                    return;
                }
                position = end;
                continue;
            }
            position += char_at(text, position).map_or(1, char::len_utf8);
        }
    }

    /// Tries a URL without protocol starting at `start`; returns the match end.
    fn try_start(&mut self, run: &Run, start: usize) -> Option<usize> {
        self.try_start_in(run, label_of(run, start), start)
    }

    /// Like [`Scanner::try_start`], with the label containing `start` known.
    fn try_start_in(&mut self, run: &Run, label: usize, start: usize) -> Option<usize> {
        if start >= run.end || !self.may_start_at(start) {
            return None;
        }
        let domain_end = run.domain_end(label, start, self.text)?;
        Some(self.finish(start, start, domain_end))
    }

    /// Completes a match whose domain spans `domain_start..domain_end` and whose
    /// URL starts at `url_start` (before the protocol, if any). Records the URL
    /// if it passes twitter-text's checks and returns where the match ends.
    fn finish(&mut self, url_start: usize, domain_start: usize, domain_end: usize) -> usize {
        let text = self.text;
        let mut end = domain_end;
        // Optional port.
        if text.as_bytes().get(end) == Some(&b':') {
            let digits = text.as_bytes()[end + 1..].iter().take_while(|byte| byte.is_ascii_digit()).count();
            if digits > 0 {
                end += 1 + digits;
            }
        }
        let next = text.as_bytes().get(end).copied();
        let has_path = next == Some(b'/');
        if has_path || next == Some(b'?') {
            end += path_and_query_length(&text[end..]);
        }
        self.consumed = end;

        let before = char_before(text, url_start).map(|(_, c)| c);
        let protocol_length = domain_start - url_start;
        let protocol_for_length = if protocol_length == 0 { DEFAULT_PROTOCOL_LENGTH } else { protocol_length };
        if !host_is_valid(text, domain_start, domain_end, self.scratch)
            || utf16_len(&text[url_start..end]) + protocol_for_length > MAX_URL_LENGTH
        {
            return end;
        }
        if protocol_length == 0 {
            // Without a protocol only ASCII domains count, and not right after
            // characters that suggest a longer token (`-`, `_`, `.`, `/`).
            if before.is_some_and(|c| matches!(c, '-' | '_' | '.' | '/')) {
                return end;
            }
            let first_new = self.found.len();
            ascii_domains(text, domain_start, domain_end, self.scratch, self.found);
            if has_path && self.found.len() > first_new {
                if let Some(last) = self.found.last_mut() {
                    last.end = end;
                }
            }
        } else if let Some((link_length, slug_length)) = text[domain_start..domain_end]
            .eq_ignore_ascii_case("t.co")
            .then(|| tco_link(&text[url_start..end]))
            .flatten()
        {
            if slug_length <= MAX_TCO_SLUG_LENGTH {
                self.found.push(Span::new(url_start, url_start + link_length));
            }
        } else {
            self.found.push(Span::new(url_start, end));
        }
        end
    }
}

/// Which label of `run` contains byte offset `at`.
fn label_of(run: &Run, at: usize) -> usize {
    run.labels.partition_point(|label| label.end < at).min(run.labels.len().saturating_sub(1))
}

/// Start of an `http://` or `https://` that ends exactly at `at`.
fn protocol_before(text: &str, at: usize) -> Option<usize> {
    let before = text.as_bytes().get(..at)?;
    if !before.ends_with(b"://") {
        return None;
    }
    let scheme = &before[..before.len() - 3];
    if scheme.len() >= 5 && scheme[scheme.len() - 5..].eq_ignore_ascii_case(b"https") {
        return Some(at - 8);
    }
    if scheme.len() >= 4 && scheme[scheme.len() - 4..].eq_ignore_ascii_case(b"http") {
        return Some(at - 7);
    }
    None
}

/// The IDNA check: Punycode-encoded labels must fit DNS, and a host written
/// in Punycode must contain some plain ASCII domain.
fn host_is_valid(text: &str, start: usize, end: usize, scratch: &mut AsciiScratch) -> bool {
    let domain = &text[start..end];
    if domain.starts_with("xn--") {
        let mut ascii = UrlSpans::new(Span::new(0, 0));
        ascii_domains(text, start, end, scratch, &mut ascii);
        if ascii.as_slice().is_empty() {
            return false;
        }
    }
    labels_fit_dns(domain)
}

/// Characters of the ASCII domains twitter-text accepts without a protocol.
fn is_ascii_domain_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || is_latin_accent(c)
}

/// A dot-separated part of a matched domain, for [`ascii_domains`].
struct Part {
    start: usize,
    end: usize,
    /// Where the trailing run of ASCII-domain characters begins.
    ascii_from: usize,
}

/// Buffers of [`ascii_domains`], kept between calls to avoid allocations.
#[derive(Default)]
struct AsciiScratch {
    parts: Vec<Part>,
    tld_at: Vec<usize>,
    chain_end: Vec<usize>,
    last_tld: Vec<Option<usize>>,
}

/// Finds the ASCII-only domains (`label.` repeated, then a TLD) inside the
/// matched domain `start..end`, left to right, and appends their spans.
fn ascii_domains(text: &str, start: usize, end: usize, scratch: &mut AsciiScratch, found: &mut UrlSpans) {
    let domain = &text[start..end];
    let AsciiScratch { parts, tld_at, chain_end, last_tld } = scratch;
    parts.clear();
    let mut part_start = start;
    for piece in domain.split('.') {
        let part_end = part_start + piece.len();
        let ascii_from = piece
            .char_indices()
            .rev()
            .find(|(_, c)| !is_ascii_domain_char(*c))
            .map_or(part_start, |(offset, c)| part_start + offset + c.len_utf8());
        parts.push(Part { start: part_start, end: part_end, ascii_from });
        part_start = part_end + 1;
    }
    let count = parts.len();
    // TLD at the start of each part; the domain's end counts as a clean end.
    tld_at.clear();
    tld_at.extend(parts.iter().map(|part| tld_len(&text[part.start..end])));
    // chain_end[i]: the last part reachable from part i through parts that are
    // entirely ASCII and followed by a dot.
    chain_end.clear();
    chain_end.resize(count, 0);
    for index in (0..count).rev() {
        let next_extends = index + 2 < count
            && parts[index + 1].ascii_from == parts[index + 1].start
            && parts[index + 1].start < parts[index + 1].end;
        chain_end[index] = if next_extends { chain_end[index + 1] } else { index };
    }
    // last_tld[i]: the last part j <= i followed by a part that starts with a TLD.
    last_tld.clear();
    let mut last = None;
    for index in 0..count {
        if index + 1 < count && tld_at[index + 1] > 0 {
            last = Some(index);
        }
        last_tld.push(last);
    }
    let mut cursor = start;
    let mut index = 0;
    while index + 1 < count {
        let part = &parts[index];
        let from = cursor.max(part.ascii_from).max(part.start);
        if from < part.end {
            if let Some(name) = last_tld[chain_end[index]].filter(|name| *name >= index) {
                let tld_end = parts[name + 1].start + tld_at[name + 1];
                found.push(Span::new(from, tld_end));
                cursor = tld_end;
                index = name + 1;
                continue;
            }
        }
        index += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(text: &str) -> Vec<&str> {
        url_spans(text).as_slice().iter().map(|span| span.slice(text)).collect()
    }

    #[test]
    fn urls_with_and_without_protocol() {
        assert_eq!(urls("see http://example.com/path?q=1 now"), ["http://example.com/path?q=1"]);
        assert_eq!(urls("example.com"), ["example.com"]);
        assert_eq!(urls("example.invalidtld"), Vec::<&str>::new());
        assert_eq!(urls("www.foo.co.uk and foo.jp"), ["www.foo.co.uk", "foo.jp"]);
        assert_eq!(urls("t.co/abcde bit.ly/x"), ["t.co/abcde", "bit.ly/x"]);
    }

    /// twitter-text's path and query expression, as this scanner first used
    /// it through the `regex` crate: the reference for the hand-written matcher.
    fn path_and_query_reference() -> &'static regex::Regex {
        static REFERENCE: std::sync::LazyLock<regex::Regex> =
            std::sync::LazyLock::new(compile_path_and_query_reference);
        &REFERENCE
    }

    fn compile_path_and_query_reference() -> regex::Regex {
        let latin_accents = "\u{C0}-\u{D6}\u{D8}-\u{F6}\u{F8}-\u{24F}\u{253}\u{254}\u{256}\u{257}\
             \u{259}\u{25B}\u{263}\u{268}\u{26F}\u{272}\u{289}\u{28B}\u{2BB}\u{300}-\u{36F}\u{1E00}-\u{1EFF}";
        let path_char = format!(r"[a-zA-Z0-9!*';:=+,.$/%#\[\]\-\u{{2013}}_~@|&\u{{400}}-\u{{4FF}}{latin_accents}]");
        let parens = format!(r"\((?:{path_char}+|{path_char}*\({path_char}+\){path_char}*)\)");
        let path_end = format!(r"(?:[+\-a-zA-Z0-9=_#/\u{{400}}-\u{{4FF}}{latin_accents}]|{parens})");
        let path_segment = format!("(?:{path_char}*(?:{parens}{path_char}*)*{path_end}|@{path_char}+/)");
        let query_char = r"[a-zA-Z0-9!?*'();:&=+$/%#\[\]\-_.,~|@]";
        let query_end = r"[a-zA-Z0-9\-_&=#/]";
        regex::Regex::new(&format!(r"^(?:/{path_segment}*)?(?:\?{query_char}*{query_end})?")).unwrap()
    }

    #[test]
    fn paths_and_queries_match_the_reference_expression() {
        let reference = path_and_query_reference();
        for text in [
            "/path?q=1 now",
            "/a_(b)) x",
            "/.",
            "/",
            "?",
            "?q=1.",
            "/a/b.html?x=1&y=2#top, then",
            "/wiki/Caf\u{e9}_(Paris)",
            "/(a(b)c)d",
            "/(a(b)c",
            "/()x",
            "/(a()b)",
            "/\u{436}\u{436}.",
            "/a\u{2013}",
            "/@user/list",
            "/a?",
            "/a?(",
        ] {
            let expected = reference.find(text).map_or(0, |found| found.end());
            assert_eq!(path_and_query_length(text), expected, "{text:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2_000))]
        /// On text made of every kind of char the grammar tells apart, the
        /// hand-written matcher ends where twitter-text's expression does.
        #[test]
        fn path_and_query_agree_with_the_reference_expression(
            text in "(/|/[a(]|[?])?[/?()a.,!@#&=_~\\-\u{2013}\u{e9}\u{301}\u{436}\u{4e00} 9%'\\[\\]:;*+|$]{0,24}"
        ) {
            let reference = path_and_query_reference();
            let expected = reference.find(&text).map_or(0, |found| found.end());
            proptest::prop_assert_eq!(path_and_query_length(&text), expected, "{:?}", text);
        }
    }

    /// twitter-text's `t.co` expression, as this scanner first used it
    /// through the `regex` crate: the reference for [`tco_link`].
    fn tco_reference() -> &'static regex::Regex {
        static REFERENCE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            regex::Regex::new(
                r"^[hH][tT][tT][pP][sS]?://[tT]\.[cC][oO]/([a-zA-Z0-9]+)(?:\?[a-zA-Z0-9!?*'();:&=+$/%#\[\]\-_.,~|@]*[a-zA-Z0-9\-_&=#/])?",
            )
            .unwrap()
        });
        &REFERENCE
    }

    fn tco_by_reference(url: &str) -> Option<(usize, usize)> {
        tco_reference().captures(url).map(|found| (found[0].len(), found[1].len()))
    }

    #[test]
    fn tco_links_match_the_reference_expression() {
        for url in [
            "http://t.co/abc",
            "https://t.co/abc's",
            "HTTPS://T.CO/AbC?amp=1&x=2.",
            "https://t.co/abc??",
            "https://t.co/abc?.",
            "https://t.co/?x",
            "https://t.co",
            "https://t.co:80/abc",
            "httpss://t.co/abc",
            "https:/t.co/abc",
            "http://t.cox/abc",
            "http://t.co/ab\u{e9}c",
            "http://t.co/abc?q=\u{e9}",
            "",
            "h",
        ] {
            assert_eq!(tco_link(url), tco_by_reference(url), "{url:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4_000))]
        /// On text made of the pieces the expression tells apart, the
        /// hand-written matcher finds the link and slug the expression finds.
        #[test]
        fn tco_links_agree_with_the_reference_expression(
            url in "([hH][tT][tT][pP][sS]{0,2}(://|:/|//)?)?([tT][.][cC][oO]/?)?[a-zA-Z0-9?&=#/.,!:@~|\\-_'()\u{e9}\u{436}\u{1F600} ]{0,30}"
        ) {
            proptest::prop_assert_eq!(tco_link(&url), tco_by_reference(&url), "{:?}", url);
        }

        /// The same on links that nearly all start well, to reach the slug and query.
        #[test]
        fn tco_slugs_and_queries_agree_with_the_reference_expression(
            url in "(https?|HTTP|hTtPs)://[tT][.][cC][oO]/[a-zA-Z0-9]{0,3}[?a-z0-9&=#/.,!:@~|\\-_'()\u{e9} ]{0,20}"
        ) {
            proptest::prop_assert_eq!(tco_link(&url), tco_by_reference(&url), "{:?}", url);
        }
    }

    #[test]
    fn trailing_punctuation_is_not_part_of_the_url() {
        assert_eq!(urls("go to http://example.com/path.... now"), ["http://example.com/path"]);
        assert_eq!(urls("(http://example.com/a_(b))"), ["http://example.com/a_(b)"]);
        assert_eq!(urls("http://twitter.com/."), ["http://twitter.com/"]);
    }

    #[test]
    fn emails_and_tokens_are_not_urls() {
        assert!(urls("mail a@b.com or name.al-lastname@foo.com").is_empty());
        assert!(urls("#test.com @test.com $test.com").is_empty());
        assert!(urls("long.test.tar.bz2").is_empty());
    }

    #[test]
    fn unicode_hosts_need_a_protocol() {
        assert_eq!(urls("http://ああ.com"), ["http://ああ.com"]);
        assert!(urls("ああ.com").is_empty());
        assert_eq!(urls("example.comてすとtwitter.みんなです"), ["example.com", "twitter.みんな"]);
    }

    #[test]
    fn tco_links_stop_after_the_slug() {
        assert_eq!(urls("http://t.co/abc's"), ["http://t.co/abc"]);
        assert_eq!(urls("https://t.co/abc?amp=1"), ["https://t.co/abc?amp=1"]);
        let long = format!("http://t.co/{}", "a".repeat(41));
        assert!(urls(&long).is_empty());
    }

    #[test]
    fn overlong_labels_are_rejected() {
        let long = format!("http://{}.com", "a".repeat(64));
        assert!(urls(&long).is_empty());
    }

    #[test]
    fn pathological_inputs_stay_fast() {
        let dots = "a.".repeat(200_000);
        assert!(urls(&dots).is_empty());
        let cjk = "あ.".repeat(100_000);
        assert!(urls(&cjk).is_empty());
        let many = "x.com ".repeat(50_000);
        assert_eq!(urls(&many).len(), 50_000);
        let path = format!("http://a.com/{}", "(".repeat(100_000));
        assert_eq!(urls(&path), ["http://a.com/"]);
    }
}
