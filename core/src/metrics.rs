//! Per-platform metrics: length in each platform's own unit, entity counts,
//! where the text stops fitting and where the preview fold falls.

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

use crate::entities::{EntityKind, FoundEntity};
use crate::platform::{LengthUnit, Platform, PlatformTarget};
use crate::span::Span;

/// How a draft measures up on one platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlatformMetrics {
    /// The platform.
    #[serde(serialize_with = "serialize_platform")]
    pub platform: Platform,
    /// The unit of `length` and `limit`.
    #[serde(serialize_with = "serialize_unit")]
    pub unit: LengthUnit,
    /// The length, in `unit`.
    pub length: usize,
    /// The limit, in `unit` (the platform's, or the override).
    pub limit: usize,
    /// `limit - length`; negative when too long.
    pub remaining: i64,
    /// Whether the platform accepts the text as it is (length, byte limit, forbidden characters).
    pub valid: bool,
    /// Hashtags.
    pub hashtags: usize,
    /// @-mentions.
    pub mentions: usize,
    /// Links.
    pub links: usize,
    /// Byte offset of the preview fold, when the text is longer than the preview.
    pub fold: Option<usize>,
    /// Byte offset where the text stops fitting, when it is too long.
    #[serde(skip)]
    pub overflow: Option<usize>,
    /// UTF-8 bytes, when the platform has a byte limit too.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bytes: Option<usize>,
}

fn serialize_platform<S: serde::Serializer>(platform: &Platform, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(platform.as_str())
}

fn serialize_unit<S: serde::Serializer>(unit: &LengthUnit, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(unit.as_str())
}

/// Sums weights of consecutive pieces of a text, remembering where the
/// running total first passed a limit.
struct Tally {
    total: usize,
    limit: usize,
    overflow: Option<usize>,
}

impl Tally {
    fn new(limit: usize) -> Self {
        Tally { total: 0, limit, overflow: None }
    }

    fn add(&mut self, start: usize, weight: usize) {
        self.total += weight;
        if self.overflow.is_none() && self.total > self.limit {
            self.overflow = Some(start);
        }
    }
}

/// Measures `text` in `unit` against `limit`: (length, byte offset where it stops fitting).
/// `entities` are the text's entities (URLs and mentions change some counts).
pub fn measure(text: &str, unit: LengthUnit, limit: usize, entities: &[FoundEntity]) -> (usize, Option<usize>) {
    let mut tally = Tally::new(limit);
    match unit {
        LengthUnit::Weighted => {
            let length = crate::twitter::weighted_length(text);
            let overflow = (length.weighted_length > limit).then_some(length.valid_range.1);
            if limit == 280 {
                return (length.weighted_length, overflow);
            }
            // A raised limit: recount with the same weights.
            let config = crate::twitter::Config { max_weighted_tweet_length: limit, ..crate::twitter::Config::v3() };
            let length = crate::twitter::weighted_length_with(text, &config);
            return (length.weighted_length, (length.weighted_length > limit).then_some(length.valid_range.1));
        }
        LengthUnit::Bytes => {
            for (offset, ch) in text.char_indices() {
                tally.add(offset, ch.len_utf8());
            }
        }
        LengthUnit::Utf16 => {
            for (offset, ch) in text.char_indices() {
                tally.add(offset, ch.len_utf16());
            }
        }
        LengthUnit::Graphemes => {
            for (offset, _) in text.grapheme_indices(true) {
                tally.add(offset, 1);
            }
        }
        LengthUnit::MastodonGraphemes => {
            // URLs weigh 23; the `@domain` of a remote mention weighs nothing.
            let remote = remote_mentions(text);
            let mut special: Vec<(Span, usize)> = entities
                .iter()
                .filter(|entity| entity.kind == EntityKind::Url)
                .filter(|entity| !remote.iter().any(|(whole, _)| whole.overlaps(entity.span)))
                .map(|entity| (entity.span, 23))
                .chain(remote.iter().map(|(_, domain)| (*domain, 0)))
                .collect();
            special.sort_by_key(|(span, _)| span.start);
            let mut cursor = 0;
            for (span, weight) in special {
                if span.start < cursor {
                    continue;
                }
                for (offset, _) in text[cursor..span.start].grapheme_indices(true) {
                    tally.add(cursor + offset, 1);
                }
                tally.add(span.start, weight);
                cursor = span.end;
            }
            for (offset, _) in text[cursor..].grapheme_indices(true) {
                tally.add(cursor + offset, 1);
            }
        }
        LengthUnit::ThreadsCharacters => {
            let mut offset = 0;
            while offset < text.len() {
                let rest = &text[offset..];
                if let Some(length) = crate::twitter::emoji_sequence_length(rest) {
                    tally.add(offset, length);
                    offset += length;
                } else {
                    let ch = rest.chars().next().map_or(1, char::len_utf8);
                    tally.add(offset, 1);
                    offset += ch;
                }
            }
        }
    }
    (tally.total, tally.overflow)
}

/// Fediverse mentions `@user@example.social`: (the whole mention, its `@domain` part).
pub fn remote_mentions(text: &str) -> Vec<(Span, Span)> {
    let bytes = text.as_bytes();
    let is_user_byte = |byte: u8| byte.is_ascii_alphanumeric() || byte == b'_';
    let is_domain_byte = |byte: u8| byte.is_ascii_alphanumeric() || byte == b'.' || byte == b'-';
    let mut found = Vec::new();
    let mut index = 0;
    while let Some(relative) = bytes[index..].iter().position(|&byte| byte == b'@') {
        let start = index + relative;
        index = start + 1;
        if start > 0 && (is_user_byte(bytes[start - 1]) || bytes[start - 1] == b'@') {
            continue;
        }
        let user_end = start + 1 + bytes[start + 1..].iter().take_while(|&&byte| is_user_byte(byte)).count();
        if user_end == start + 1 || bytes.get(user_end) != Some(&b'@') {
            continue;
        }
        let mut domain_end =
            user_end + 1 + bytes[user_end + 1..].iter().take_while(|&&byte| is_domain_byte(byte)).count();
        while domain_end > user_end + 1 && matches!(bytes[domain_end - 1], b'.' | b'-') {
            domain_end -= 1;
        }
        if text[user_end + 1..domain_end].contains('.') {
            found.push((Span::new(start, domain_end), Span::new(user_end, domain_end)));
            index = domain_end;
        }
    }
    found
}

/// Byte offset after the first `characters` user-perceived characters, if
/// the text is longer than that.
fn fold_offset(text: &str, characters: usize) -> Option<usize> {
    text.grapheme_indices(true).nth(characters).map(|(offset, _)| offset)
}

/// Measures a draft on one platform. `entities` are found in `text`.
pub fn platform_metrics(text: &str, target: PlatformTarget, entities: &[FoundEntity]) -> PlatformMetrics {
    let facts = target.platform.facts();
    let limit = target.limit.unwrap_or(facts.limit);
    let (length, overflow) = measure(text, facts.unit, limit, entities);
    let count = |kind: EntityKind| entities.iter().filter(|entity| entity.kind == kind).count();
    let mut mentions = count(EntityKind::Mention);
    let mut links = count(EntityKind::Url);
    if target.platform == Platform::Mastodon {
        // twitter-text reads `@user@example.social` as a link to `example.social`;
        // Mastodon reads it as a mention.
        for (whole, _) in remote_mentions(text) {
            let overlapping = |kind: EntityKind| {
                entities.iter().filter(|entity| entity.kind == kind && entity.span.overlaps(whole)).count()
            };
            links -= overlapping(EntityKind::Url);
            if overlapping(EntityKind::Mention) == 0 {
                mentions += 1;
            }
        }
    }
    let bytes = facts.byte_limit.map(|_| text.len());
    let fits_bytes = facts.byte_limit.is_none_or(|byte_limit| text.len() <= byte_limit);
    let forbidden = !facts.forbidden.is_empty() && text.contains(facts.forbidden);
    let x_invalid = target.platform == Platform::X
        && !crate::twitter::is_valid_tweet_with(
            text,
            &crate::twitter::Config { max_weighted_tweet_length: limit, ..crate::twitter::Config::v3() },
        );
    PlatformMetrics {
        platform: target.platform,
        unit: facts.unit,
        length,
        limit,
        remaining: limit as i64 - length as i64,
        valid: length <= limit && fits_bytes && !forbidden && !x_invalid,
        hashtags: count(EntityKind::Hashtag),
        mentions,
        links,
        fold: facts.fold.and_then(|characters| fold_offset(text, characters)),
        overflow,
        bytes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metrics(text: &str, target: &str) -> PlatformMetrics {
        let entities = crate::entities::find(text);
        platform_metrics(text, target.parse().unwrap(), &entities)
    }

    #[test]
    fn each_platform_counts_its_own_way() {
        let family = "👩‍👩‍👧‍👦";
        assert_eq!(metrics(family, "x").length, 2, "an emoji sequence weighs 2 on X");
        assert_eq!(metrics(family, "bluesky").length, 1, "one grapheme");
        assert_eq!(metrics(family, "mastodon").length, 1);
        assert_eq!(metrics(family, "threads").length, family.len(), "emoji count their UTF-8 bytes on Threads");
        assert_eq!(metrics(family, "linkedin").length, 11, "UTF-16 code units");
        assert_eq!(metrics(family, "youtube").length, 25, "bytes");
        assert_eq!(metrics("e\u{301}", "bluesky").length, 1, "combining mark joins its letter");
        assert_eq!(metrics("中文", "x").length, 4, "CJK weighs 2 on X");
        assert_eq!(metrics("🇰🇪 1️⃣", "threads").length, 8 + 1 + 7);
    }

    #[test]
    fn urls_and_remote_mentions_on_mastodon() {
        let text = "See https://example.org/a/very/long/path/indeed and @anna@example.social";
        let mastodon = metrics(text, "mastodon");
        assert_eq!(mastodon.length, "See ".len() + 23 + " and @anna".len());
        assert_eq!(mastodon.links, 1);
        assert_eq!(mastodon.mentions, 1);
    }

    #[test]
    fn overflow_points_at_the_first_character_past_the_limit() {
        let text = format!("{}é and more", "a".repeat(298));
        let bluesky = metrics(&text, "bluesky");
        assert_eq!(bluesky.length, 308);
        assert_eq!(bluesky.overflow, Some(301), "the 301st character");
        assert!(!bluesky.valid);
        let x = metrics(&"a".repeat(281), "x");
        assert_eq!((x.length, x.overflow, x.remaining), (281, Some(280), -1));
        assert!(metrics(&"a".repeat(281), "x:500").valid);
    }

    #[test]
    fn bluesky_byte_limit_and_youtube_forbidden_characters() {
        let wide = "中".repeat(1001);
        let bluesky = metrics(&wide, "bluesky");
        assert!(bluesky.length <= 1001 && !bluesky.valid, "3003 bytes is over the byte limit");
        assert_eq!(bluesky.bytes, Some(3003));
        assert!(!metrics("a <b> tag", "youtube").valid);
        assert!(metrics("a tag", "youtube-title").valid);
    }

    #[test]
    fn fold_falls_after_the_preview_characters() {
        let text = "x".repeat(130);
        assert_eq!(metrics(&text, "instagram").fold, Some(125));
        assert_eq!(metrics("short", "instagram").fold, None);
        assert_eq!(metrics(&text, "x").fold, None, "X has no fold");
    }
}
