//! The social networks postlint knows, and which of them a draft targets.

use std::fmt;
use std::str::FromStr;

/// A social network (or one field of it, for YouTube and Pinterest, whose
/// titles and descriptions have different limits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Platform {
    /// X (formerly Twitter).
    X,
    /// Bluesky.
    Bluesky,
    /// Mastodon (server limits vary; 500 by default).
    Mastodon,
    /// Threads.
    Threads,
    /// Instagram captions.
    Instagram,
    /// TikTok video captions.
    Tiktok,
    /// LinkedIn posts.
    Linkedin,
    /// Facebook posts.
    Facebook,
    /// YouTube video descriptions.
    Youtube,
    /// YouTube video titles.
    YoutubeTitle,
    /// Pinterest pin descriptions.
    Pinterest,
    /// Pinterest pin titles.
    PinterestTitle,
}

impl Platform {
    /// Every platform, in display order.
    pub const ALL: [Platform; 12] = [
        Platform::X,
        Platform::Bluesky,
        Platform::Mastodon,
        Platform::Threads,
        Platform::Instagram,
        Platform::Tiktok,
        Platform::Linkedin,
        Platform::Facebook,
        Platform::Youtube,
        Platform::YoutubeTitle,
        Platform::Pinterest,
        Platform::PinterestTitle,
    ];

    /// The lowercase name used in options and output.
    pub const fn as_str(self) -> &'static str {
        match self {
            Platform::X => "x",
            Platform::Bluesky => "bluesky",
            Platform::Mastodon => "mastodon",
            Platform::Threads => "threads",
            Platform::Instagram => "instagram",
            Platform::Tiktok => "tiktok",
            Platform::Linkedin => "linkedin",
            Platform::Facebook => "facebook",
            Platform::Youtube => "youtube",
            Platform::YoutubeTitle => "youtube-title",
            Platform::Pinterest => "pinterest",
            Platform::PinterestTitle => "pinterest-title",
        }
    }

    /// Parses a platform name; `twitter` is accepted for X.
    pub fn from_name(name: &str) -> Option<Platform> {
        let name = name.trim().to_ascii_lowercase();
        if name == "twitter" {
            return Some(Platform::X);
        }
        Platform::ALL.into_iter().find(|platform| platform.as_str() == name)
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a platform counts a post's length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum LengthUnit {
    /// X's weighted count (twitter-text v3): most scripts 1, CJK and emoji 2, URLs 23.
    Weighted,
    /// User-perceived characters (extended grapheme clusters).
    Graphemes,
    /// Graphemes, where every URL counts 23 and `@user@domain` counts as `@user` (Mastodon).
    MastodonGraphemes,
    /// Code points, where an emoji counts as its UTF-8 bytes (Threads).
    ThreadsCharacters,
    /// UTF-16 code units, what JavaScript's `length` counts. The conservative
    /// choice where a platform does not say: never less than code points or graphemes.
    Utf16,
    /// UTF-8 bytes.
    Bytes,
}

impl LengthUnit {
    /// The name used in output.
    pub const fn as_str(self) -> &'static str {
        match self {
            LengthUnit::Weighted => "weighted",
            LengthUnit::Graphemes => "graphemes",
            LengthUnit::MastodonGraphemes => "graphemes",
            LengthUnit::ThreadsCharacters => "characters",
            LengthUnit::Utf16 => "utf16",
            LengthUnit::Bytes => "bytes",
        }
    }
}

/// What a platform allows, and where the fact comes from. These facts change:
/// every entry says when it was last checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlatformFacts {
    /// The platform.
    pub platform: Platform,
    /// Its name for people.
    pub display_name: &'static str,
    /// The length limit, in `unit`.
    pub limit: usize,
    /// How length is counted.
    pub unit: LengthUnit,
    /// A second limit in UTF-8 bytes (Bluesky stores both).
    pub byte_limit: Option<usize>,
    /// Most hashtags the platform accepts; more breaks the post.
    pub hashtag_cap: Option<usize>,
    /// Most hashtags the platform advises.
    pub hashtag_advice: Option<usize>,
    /// Most @-mentions the platform accepts.
    pub mention_cap: Option<usize>,
    /// Most links the platform accepts.
    pub link_cap: Option<usize>,
    /// Characters shown before the feed's "more" link, on the narrowest view.
    pub fold: Option<usize>,
    /// Characters the platform rejects.
    pub forbidden: &'static [char],
    /// Where the facts come from.
    pub source: &'static str,
    /// When they were last checked (YYYY-MM).
    pub checked: &'static str,
}

const NONE: PlatformFacts = PlatformFacts {
    platform: Platform::X,
    display_name: "",
    limit: 0,
    unit: LengthUnit::Utf16,
    byte_limit: None,
    hashtag_cap: None,
    hashtag_advice: None,
    mention_cap: None,
    link_cap: None,
    fold: None,
    forbidden: &[],
    source: "",
    checked: "2026-11",
};

/// The platform facts table: the one place these numbers live. The CLI, the
/// WebAssembly module and the web page all read it.
pub const PLATFORM_FACTS: [PlatformFacts; 12] = [
    PlatformFacts {
        platform: Platform::X,
        display_name: "X",
        limit: 280,
        unit: LengthUnit::Weighted,
        hashtag_advice: Some(2),
        source: "twitter-text v3 configuration and conformance suite; X Help Center, “Counting characters”",
        ..NONE
    },
    PlatformFacts {
        platform: Platform::Bluesky,
        display_name: "Bluesky",
        limit: 300,
        unit: LengthUnit::Graphemes,
        byte_limit: Some(3000),
        source: "AT Protocol lexicon app.bsky.feed.post (text: maxGraphemes 300, maxLength 3000)",
        ..NONE
    },
    PlatformFacts {
        platform: Platform::Mastodon,
        display_name: "Mastodon",
        limit: 500,
        unit: LengthUnit::MastodonGraphemes,
        source: "Mastodon documentation, “Posting statuses” (500 by default; servers may raise it; URLs count 23)",
        ..NONE
    },
    PlatformFacts {
        platform: Platform::Threads,
        display_name: "Threads",
        limit: 500,
        unit: LengthUnit::ThreadsCharacters,
        hashtag_cap: Some(1),
        link_cap: Some(5),
        source: "Meta developer documentation, Threads API “Posts” (500 characters, emoji counted by UTF-8 bytes; 5 links; 1 topic tag)",
        ..NONE
    },
    PlatformFacts {
        platform: Platform::Instagram,
        display_name: "Instagram",
        limit: 2200,
        unit: LengthUnit::Utf16,
        hashtag_cap: Some(5),
        mention_cap: Some(20),
        fold: Some(125),
        source: "Instagram Help Center (captions 2,200 characters, 20 @-tags); hashtag cap of 5 enforced since December 2025 (was 30)",
        ..NONE
    },
    PlatformFacts {
        platform: Platform::Tiktok,
        display_name: "TikTok",
        limit: 2200,
        unit: LengthUnit::Utf16,
        hashtag_cap: Some(5),
        source: "TikTok Content Posting API documentation (caption: 2,200 UTF-16 runes); TikTok hashtag cap of 5",
        ..NONE
    },
    PlatformFacts {
        platform: Platform::Linkedin,
        display_name: "LinkedIn",
        limit: 3000,
        unit: LengthUnit::Utf16,
        hashtag_advice: Some(3),
        fold: Some(140),
        source: "LinkedIn Help (posts up to 3,000 characters); feed fold about 210 characters on desktop, 140 on mobile",
        ..NONE
    },
    PlatformFacts {
        platform: Platform::Facebook,
        display_name: "Facebook",
        limit: 63_206,
        unit: LengthUnit::Utf16,
        fold: Some(125),
        source: "Facebook post limit 63,206 characters; mobile feed fold about 125 characters",
        ..NONE
    },
    PlatformFacts {
        platform: Platform::Youtube,
        display_name: "YouTube description",
        limit: 5000,
        unit: LengthUnit::Bytes,
        forbidden: &['<', '>'],
        source: "YouTube Data API, videos resource (snippet.description: 5,000 bytes, no < or >)",
        ..NONE
    },
    PlatformFacts {
        platform: Platform::YoutubeTitle,
        display_name: "YouTube title",
        limit: 100,
        unit: LengthUnit::Utf16,
        forbidden: &['<', '>'],
        source: "YouTube Data API, videos resource (snippet.title: 100 characters, no < or >)",
        ..NONE
    },
    PlatformFacts {
        platform: Platform::Pinterest,
        display_name: "Pinterest description",
        limit: 800,
        unit: LengthUnit::Utf16,
        source: "Pinterest API v5, pins (description: 800 characters)",
        ..NONE
    },
    PlatformFacts {
        platform: Platform::PinterestTitle,
        display_name: "Pinterest title",
        limit: 100,
        unit: LengthUnit::Utf16,
        source: "Pinterest API v5, pins (title: 100 characters)",
        ..NONE
    },
];

/// The smallest of one limit over every platform that has it (`usize::MAX`
/// when none has): a count up to it is within every platform's limit, so a
/// rule can stop before walking the targets.
pub(crate) fn smallest_limit(limit: impl Fn(&PlatformFacts) -> Option<usize>) -> usize {
    PLATFORM_FACTS.iter().filter_map(limit).min().unwrap_or(usize::MAX)
}

impl Platform {
    /// This platform's facts.
    pub fn facts(self) -> &'static PlatformFacts {
        // The table is in `Platform::ALL` order; a test keeps it so.
        &PLATFORM_FACTS[self as usize]
    }
}

/// A platform a draft is checked for, with an optional limit override
/// (a Mastodon server with a 1,000-character limit is `mastodon:1000`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PlatformTarget {
    /// The platform.
    pub platform: Platform,
    /// Replaces the platform's usual length limit.
    pub limit: Option<usize>,
}

impl From<Platform> for PlatformTarget {
    fn from(platform: Platform) -> Self {
        PlatformTarget { platform, limit: None }
    }
}

/// Why a platform name did not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlatformError {
    /// Not a known platform.
    #[error("unknown platform `{name}`{}; known platforms: {}", did_you_mean(.name), known_names())]
    Unknown {
        /// The name given.
        name: String,
    },
    /// The `:limit` part is not a positive whole number.
    #[error("bad limit `{limit}` for platform `{platform}`: expected a positive whole number")]
    BadLimit {
        /// The platform.
        platform: String,
        /// The limit given.
        limit: String,
    },
}

fn known_names() -> String {
    Platform::ALL.iter().map(|platform| platform.as_str()).collect::<Vec<_>>().join(", ")
}

fn did_you_mean(name: &str) -> String {
    crate::suggest::closest(name, Platform::ALL.iter().map(|platform| platform.as_str()))
        .map(|best| format!(" (did you mean `{best}`?)"))
        .unwrap_or_default()
}

impl FromStr for PlatformTarget {
    type Err = PlatformError;

    fn from_str(text: &str) -> Result<Self, PlatformError> {
        let (name, limit) = match text.split_once(':') {
            Some((name, limit)) => (name, Some(limit)),
            None => (text, None),
        };
        let platform = Platform::from_name(name).ok_or_else(|| PlatformError::Unknown { name: name.to_owned() })?;
        let limit = match limit {
            None => None,
            Some(limit) => match limit.trim().parse::<usize>() {
                Ok(value) if value > 0 => Some(value),
                _ => return Err(PlatformError::BadLimit { platform: name.to_owned(), limit: limit.to_owned() }),
            },
        };
        Ok(PlatformTarget { platform, limit })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_and_limits() {
        assert_eq!("x".parse::<PlatformTarget>().unwrap().platform, Platform::X);
        assert_eq!("Twitter".parse::<PlatformTarget>().unwrap().platform, Platform::X);
        let mastodon: PlatformTarget = "mastodon:1000".parse().unwrap();
        assert_eq!((mastodon.platform, mastodon.limit), (Platform::Mastodon, Some(1000)));
        assert!(matches!("mastodon:0".parse::<PlatformTarget>(), Err(PlatformError::BadLimit { .. })));
        let error = "instagarm".parse::<PlatformTarget>().unwrap_err().to_string();
        assert!(error.contains("did you mean `instagram`"), "{error}");
        for platform in Platform::ALL {
            assert_eq!(Platform::from_name(platform.as_str()), Some(platform));
        }
    }

    #[test]
    fn facts_table_is_in_platform_order_and_complete() {
        for (index, platform) in Platform::ALL.into_iter().enumerate() {
            let facts = &PLATFORM_FACTS[index];
            assert_eq!(facts.platform, platform);
            assert_eq!(platform.facts().platform, platform);
            assert!(facts.limit > 0 && !facts.display_name.is_empty() && !facts.source.is_empty());
        }
    }
}
