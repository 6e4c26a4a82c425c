//! Hashtags, mentions, lists, cashtags and URLs, with twitter-text's rules.
//!
//! Each extractor walks the trigger characters (`#`, `@`, `$`, or dots for URLs)
//! in order, the way twitter-text's global regular expressions do: a match
//! "consumes" its preceding character, so a character that ended one match
//! cannot be the preceding character of the next.

use super::chars::{
    ascii_word_len, char_at, char_before, has_letter, hashtag_body_len, is_directional_mark, is_hashtag_char,
    is_latin_accent, is_space,
};
use super::signs::Signs;
use super::url::url_spans;
use crate::Span;

/// What an [`Entity`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// `#tag`
    Hashtag,
    /// `@user` or `@user/list`
    Mention,
    /// A link, with or without protocol.
    Url,
    /// `$TICKER`
    Cashtag,
}

/// An entity found in a post; all spans are UTF-8 byte ranges of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Entity {
    /// What was found.
    pub kind: EntityKind,
    /// The whole entity, including its `#`, `@` or `$` sign (and a list slug).
    pub span: Span,
    /// The entity without its sign: the tag, the screen name, the symbol or the URL.
    pub value_span: Span,
    /// For `@user/list`, the slug after the slash (without the slash).
    pub list_slug: Option<Span>,
}

impl Entity {
    fn new(kind: EntityKind, span: Span, value_span: Span) -> Entity {
        Entity { kind, span, value_span, list_slug: None }
    }
}

/// What the extractors append to a list: [`Entity`] itself, or a type made
/// from one (the crate's `FoundEntity`), so that no list of one kind has
/// to be turned into a list of the other.
pub(crate) trait FromEntity {
    /// Made from `entity`.
    fn from_entity(entity: Entity) -> Self;
    /// The whole entity, sign included.
    fn span(&self) -> Span;
}

impl FromEntity for Entity {
    fn from_entity(entity: Entity) -> Self {
        entity
    }

    fn span(&self) -> Span {
        self.span
    }
}

/// All entities of `text`, sorted by start and non-overlapping (where a URL
/// and a hashtag or mention overlap, the one that starts first wins), like
/// twitter-text's `extractEntitiesWithIndices`.
pub fn extract_entities(text: &str) -> Vec<Entity> {
    extract_entities_with(text, Signs::of(text), Vec::new())
}

/// [`extract_entities`], given the signs of `text`: the extractors of
/// kinds whose sign is missing do not run. The entities are listed in
/// `entities`, which must be empty (its room is used).
pub(crate) fn extract_entities_with<T: FromEntity>(text: &str, signs: Signs, mut entities: Vec<T>) -> Vec<T> {
    debug_assert!(entities.is_empty());
    // One list for every kind: most posts have few entities or none.
    // How many kinds were found, to know whether the list needs sorting.
    let mut kinds_found = 0;
    let mut found_before = 0;
    let mut count_kind = |entities: &Vec<T>| {
        kinds_found += usize::from(entities.len() > found_before);
        found_before = entities.len();
    };
    if signs.may_have_urls() {
        push_urls(text, &mut entities);
        count_kind(&entities);
    }
    if signs.may_have_mentions() {
        push_mentions(text, &mut entities);
        count_kind(&entities);
    }
    if signs.may_have_hashtags() {
        push_hashtags_unchecked(text, &mut entities);
        count_kind(&entities);
    }
    if signs.may_have_cashtags() {
        push_cashtags(text, &mut entities);
        count_kind(&entities);
    }
    // Each kind comes sorted and without overlaps: only a mix needs sorting out.
    if kinds_found > 1 {
        remove_overlaps(&mut entities);
    }
    entities
}

/// [`extract_entities`] as it was before the signs: every extractor runs
/// and the list is always sorted out. The reference for the fast path.
#[cfg(test)]
pub(crate) fn extract_entities_by_reference(text: &str) -> Vec<Entity> {
    let mut entities = Vec::new();
    push_urls(text, &mut entities);
    push_mentions(text, &mut entities);
    push_hashtags_unchecked(text, &mut entities);
    push_cashtags(text, &mut entities);
    remove_overlaps(&mut entities);
    entities
}

/// Finds the entities of one kind in `text` and appends them, in order, to a list.
fn found_by(push: fn(&str, &mut Vec<Entity>), text: &str) -> Vec<Entity> {
    let mut found = Vec::new();
    push(text, &mut found);
    found
}

/// URLs of `text`, with and without protocol.
pub fn url_entities(text: &str) -> Vec<Entity> {
    found_by(push_urls, text)
}

fn push_urls<T: FromEntity>(text: &str, found: &mut Vec<T>) {
    found.extend(
        url_spans(text).as_slice().iter().map(|&span| T::from_entity(Entity::new(EntityKind::Url, span, span))),
    );
}

/// Hashtags of `text`, leaving out those that are part of a URL.
pub fn hashtag_entities(text: &str) -> Vec<Entity> {
    let mut hashtags = found_by(push_hashtags_unchecked, text);
    if hashtags.is_empty() {
        return hashtags;
    }
    let urls = url_entities(text);
    if urls.is_empty() {
        return hashtags;
    }
    hashtags.extend(urls);
    remove_overlaps(&mut hashtags);
    hashtags.retain(|entity| entity.kind == EntityKind::Hashtag);
    hashtags
}

/// Mentions (`@user`) and lists (`@user/list`) of `text`.
pub fn mention_entities(text: &str) -> Vec<Entity> {
    found_by(push_mentions, text)
}

fn push_mentions<T: FromEntity>(text: &str, found: &mut Vec<T>) {
    let bytes = text.as_bytes();
    let mut consumed = 0;
    let mut search_from = 0;
    while let Some((at, sign_length)) = next_sign(text, search_from, b'@', "\u{FF20}") {
        search_from = at + sign_length;
        if !mention_may_start(text, at, consumed) {
            continue;
        }
        let name_start = at + sign_length;
        let name_length = ascii_word_len(&bytes[name_start..], 20);
        if name_length == 0 {
            continue;
        }
        let name_end = name_start + name_length;
        let mut end = name_end;
        let mut list_slug = None;
        if bytes.get(end) == Some(&b'/') && bytes.get(end + 1).is_some_and(u8::is_ascii_alphabetic) {
            let slug_length = 1 + bytes[end + 2..]
                .iter()
                .take(24)
                .take_while(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-'))
                .count();
            list_slug = Some(Span::new(end + 1, end + 1 + slug_length));
            end += 1 + slug_length;
        }
        consumed = end;
        search_from = end;
        // A mention glued to another `@`, an accented letter or `://` is not one
        // (e-mail addresses, `@http://…`).
        let rest = &text[end..];
        let glued = rest.starts_with("://")
            || char_at(text, end).is_some_and(|c| c == '@' || c == '\u{FF20}' || (!c.is_ascii() && is_latin_accent(c)));
        if glued {
            continue;
        }
        found.push(T::from_entity(Entity {
            kind: EntityKind::Mention,
            span: Span::new(at, end),
            value_span: Span::new(name_start, name_end),
            list_slug,
        }));
    }
}

/// Characters after which an at sign starts no mention (letters and
/// digits, and signs that make it part of something else).
fn may_not_precede_mention(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '!' | '#' | '$' | '%' | '&' | '*' | '@' | '\u{FF20}')
}

/// Whether a mention may start with the at sign at `at`.
fn mention_may_start(text: &str, at: usize, consumed: usize) -> bool {
    let Some((previous_start, previous)) = char_before(text, at) else {
        return consumed == 0;
    };
    if previous_start >= consumed && !may_not_precede_mention(previous) {
        return true;
    }
    // "RT@user" and "RT:@user": a retweet marker may sit right before the sign.
    let before = &text.as_bytes()[..at];
    let marker_start = if before.len() >= 3 && before[before.len() - 1] == b':' {
        before.len() - 3
    } else if before.len() >= 2 {
        before.len() - 2
    } else {
        return false;
    };
    if !before[marker_start..marker_start + 2].eq_ignore_ascii_case(b"rt") {
        return false;
    }
    if marker_start < consumed {
        return false;
    }
    match char_before(text, marker_start) {
        None => consumed == 0,
        Some((start, c)) => start >= consumed && !(c.is_ascii_alphanumeric() || "_+~.-".contains(c)),
    }
}

/// Cashtags (`$` and 1–6 ASCII letters, optionally `.` or `_` and 1–2 more).
pub fn cashtag_entities(text: &str) -> Vec<Entity> {
    found_by(push_cashtags, text)
}

fn push_cashtags<T: FromEntity>(text: &str, found: &mut Vec<T>) {
    let bytes = text.as_bytes();
    let mut consumed = 0;
    let mut search_from = 0;
    while let Some(dollar) =
        bytes.get(search_from..).and_then(|rest| memchr::memchr(b'$', rest)).map(|offset| search_from + offset)
    {
        search_from = dollar + 1;
        let preceded_well = match char_before(text, dollar) {
            None => consumed == 0,
            Some((start, c)) => start >= consumed && (is_space(c) || is_directional_mark(c)),
        };
        if !preceded_well {
            continue;
        }
        let symbol_start = dollar + 1;
        let letters = ascii_letters(bytes, symbol_start);
        if letters == 0 || letters > 6 {
            continue;
        }
        let mut end = symbol_start + letters;
        if matches!(bytes.get(end), Some(b'.' | b'_')) {
            let suffix = ascii_letters(bytes, end + 1);
            if (1..=2).contains(&suffix) && ends_cashtag(text, end + 1 + suffix) {
                end += 1 + suffix;
            }
        } else if !ends_cashtag(text, end) {
            continue;
        }
        consumed = end;
        search_from = end;
        found.push(T::from_entity(Entity::new(
            EntityKind::Cashtag,
            Span::new(dollar, end),
            Span::new(symbol_start, end),
        )));
    }
}

/// Number of ASCII letters starting at `from`.
fn ascii_letters(bytes: &[u8], from: usize) -> usize {
    bytes.get(from..).map_or(0, |rest| rest.iter().take_while(|byte| byte.is_ascii_alphabetic()).count())
}

/// Whether a cashtag may end at `at`: end of text, a space or punctuation.
fn ends_cashtag(text: &str, at: usize) -> bool {
    match char_at(text, at) {
        None => true,
        Some(c) => c.is_whitespace() || c == '\u{FEFF}' || c.is_ascii_punctuation(),
    }
}

/// Hashtags without the URL-overlap check.
fn push_hashtags_unchecked<T: FromEntity>(text: &str, found: &mut Vec<T>) {
    let mut consumed = 0;
    let mut search_from = 0;
    while let Some((hash, sign_length)) = next_sign(text, search_from, b'#', "\u{FF03}") {
        search_from = hash + sign_length;
        let preceded_well = match char_before(text, hash) {
            None => consumed == 0,
            Some((start, c)) => {
                start >= consumed && (c == '\u{FE0E}' || c == '\u{FE0F}' || !(c == '&' || is_hashtag_char(c)))
            }
        };
        if !preceded_well {
            continue;
        }
        let body_start = hash + sign_length;
        // "#️⃣" is a keycap emoji, not a hashtag.
        if matches!(char_at(text, body_start), Some('\u{FE0F}' | '\u{20E3}')) {
            continue;
        }
        let body_end = body_start + hashtag_body_len(&text[body_start..]);
        if !has_letter(&text[body_start..body_end]) {
            continue;
        }
        consumed = body_end;
        search_from = body_end;
        // "#tag#tag" and "#http://" are not hashtags.
        let rest = &text[body_end..];
        if rest.starts_with('#') || rest.starts_with('\u{FF03}') || rest.starts_with("://") {
            continue;
        }
        found.push(T::from_entity(Entity::new(
            EntityKind::Hashtag,
            Span::new(hash, body_end),
            Span::new(body_start, body_end),
        )));
    }
}

/// Next occurrence at or after `from` of the ASCII sign or its full-width form,
/// with its byte length.
fn next_sign(text: &str, from: usize, ascii: u8, full_width: &str) -> Option<(usize, usize)> {
    let rest = text.get(from..)?.as_bytes();
    let full_width = full_width.as_bytes();
    let mut offset = 0;
    loop {
        offset += memchr::memchr2(ascii, full_width[0], &rest[offset..])?;
        if rest[offset] == ascii {
            return Some((from + offset, 1));
        }
        if rest[offset..].starts_with(full_width) {
            return Some((from + offset, full_width.len()));
        }
        offset += 1;
    }
}

/// Sorts by start and drops every entity that overlaps the one kept before it.
fn remove_overlaps<T: FromEntity>(entities: &mut Vec<T>) {
    crate::sort::sort_by_key(entities, |entity| entity.span().start);
    let mut kept_end = 0;
    let mut first = true;
    entities.retain(|entity| {
        if first || entity.span().start >= kept_end {
            first = false;
            kept_end = entity.span().end;
            true
        } else {
            false
        }
    });
}

/// The tags (without `#`) of the hashtags of `text`.
pub fn extract_hashtags(text: &str) -> Vec<&str> {
    values(text, hashtag_entities(text))
}

/// The screen names (without `@`) mentioned in `text`, lists excluded.
pub fn extract_mentions(text: &str) -> Vec<&str> {
    let mentions = mention_entities(text).into_iter().filter(|entity| entity.list_slug.is_none()).collect();
    values(text, mentions)
}

/// The URLs of `text`.
pub fn extract_urls(text: &str) -> Vec<&str> {
    values(text, url_entities(text))
}

/// The symbols (without `$`) of the cashtags of `text`.
pub fn extract_cashtags(text: &str) -> Vec<&str> {
    values(text, cashtag_entities(text))
}

fn values(text: &str, entities: Vec<Entity>) -> Vec<&str> {
    entities.iter().map(|entity| entity.value_span.slice(text)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashtags() {
        assert_eq!(extract_hashtags("I love #Rust and #日本語!"), ["Rust", "日本語"]);
        assert_eq!(extract_hashtags("#Women's day"), ["Women"]);
        assert!(extract_hashtags("#123 and #1_2").is_empty(), "all-digit tags are not hashtags");
        assert_eq!(extract_hashtags("#1st"), ["1st"]);
        assert_eq!(extract_hashtags("x#not a&#39;"), Vec::<&str>::new());
        assert_eq!(extract_hashtags("#\u{20021}\u{20022}"), ["\u{20021}\u{20022}"], "astral letters");
        assert!(extract_hashtags("#tag#tag").is_empty());
        assert!(extract_hashtags("see http://example.com/#anchor").is_empty());
        assert_eq!(extract_hashtags("＃ｔａｇ"), ["ｔａｇ"]);
    }

    #[test]
    fn hashtag_spans_include_the_sign() {
        let text = "go #café now";
        let entities = hashtag_entities(text);
        assert_eq!(entities.len(), 1);
        assert_eq!(entities[0].span.slice(text), "#café");
        assert_eq!(entities[0].value_span.slice(text), "café");
    }

    #[test]
    fn mentions_and_lists() {
        assert_eq!(extract_mentions("hi @alice and @bob_2!"), ["alice", "bob_2"]);
        assert!(extract_mentions("mail a@b.com").is_empty(), "e-mail addresses are not mentions");
        assert_eq!(extract_mentions("RT@alice RT:@bob"), ["alice", "bob"]);
        let text = "see @user/list-name!";
        let entities = mention_entities(text);
        assert_eq!(entities.len(), 1);
        assert_eq!(entities[0].span.slice(text), "@user/list-name");
        assert_eq!(entities[0].value_span.slice(text), "user");
        assert_eq!(entities[0].list_slug.map(|slug| slug.slice(text)), Some("list-name"));
        assert!(extract_mentions("@user/list").is_empty(), "lists are not plain mentions");
    }

    #[test]
    fn cashtags() {
        assert_eq!(extract_cashtags("buy $TWTR now"), ["TWTR"]);
        assert_eq!(extract_cashtags("$BRK.B and $ab_cd."), ["BRK.B", "ab_cd"]);
        assert!(extract_cashtags("$123 $TOOLONGX a$B").is_empty());
    }

    #[test]
    fn entities_are_sorted_and_disjoint() {
        let text = "@a #b $C http://x.com/#d example.com";
        let entities = extract_entities(text);
        let kinds: Vec<EntityKind> = entities.iter().map(|entity| entity.kind).collect();
        assert_eq!(
            kinds,
            [EntityKind::Mention, EntityKind::Hashtag, EntityKind::Cashtag, EntityKind::Url, EntityKind::Url]
        );
        assert!(entities.windows(2).all(|pair| pair[0].span.end <= pair[1].span.start));
    }

    /// The mention checks written as matches agree with the lists they
    /// replaced, on every char of the first planes.
    #[test]
    fn mention_char_checks_agree_with_their_lists() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let listed = c.is_ascii_alphanumeric() || "_!#$%&*@\u{FF20}".contains(c);
            assert_eq!(may_not_precede_mention(c), listed, "{c:?}");
            if c.is_ascii() {
                assert!(!is_latin_accent(c), "{c:?}");
            }
        }
    }

    #[test]
    fn many_entities_stay_linear() {
        let text = "#a @b $C ".repeat(100_000);
        assert_eq!(extract_entities(&text).len(), 300_000);
        let hashes = "#".repeat(1_000_000);
        assert!(extract_entities(&hashes).is_empty());
        let ats = "@".repeat(1_000_000);
        assert!(extract_entities(&ats).is_empty());
    }
}
