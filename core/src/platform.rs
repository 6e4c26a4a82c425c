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
        Platform::ALL
            .into_iter()
            .find(|platform| platform.as_str() == name)
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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
        PlatformTarget {
            platform,
            limit: None,
        }
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
    Platform::ALL
        .iter()
        .map(|platform| platform.as_str())
        .collect::<Vec<_>>()
        .join(", ")
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
        let platform = Platform::from_name(name).ok_or_else(|| PlatformError::Unknown {
            name: name.to_owned(),
        })?;
        let limit = match limit {
            None => None,
            Some(limit) => match limit.trim().parse::<usize>() {
                Ok(value) if value > 0 => Some(value),
                _ => {
                    return Err(PlatformError::BadLimit {
                        platform: name.to_owned(),
                        limit: limit.to_owned(),
                    })
                }
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
        assert_eq!(
            "Twitter".parse::<PlatformTarget>().unwrap().platform,
            Platform::X
        );
        let mastodon: PlatformTarget = "mastodon:1000".parse().unwrap();
        assert_eq!(
            (mastodon.platform, mastodon.limit),
            (Platform::Mastodon, Some(1000))
        );
        assert!(matches!(
            "mastodon:0".parse::<PlatformTarget>(),
            Err(PlatformError::BadLimit { .. })
        ));
        let error = "instagarm"
            .parse::<PlatformTarget>()
            .unwrap_err()
            .to_string();
        assert!(error.contains("did you mean `instagram`"), "{error}");
        for platform in Platform::ALL {
            assert_eq!(Platform::from_name(platform.as_str()), Some(platform));
        }
    }
}
