//! Guideline settings that built-in rules read: brand names, hashtag policy,
//! allowed terms.

use std::collections::BTreeMap;

use crate::platform::Platform;

/// The hashtag maximum a guideline sets.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum HashtagMax {
    /// None set: the platforms' own advice applies.
    #[default]
    Unset,
    /// The same maximum everywhere.
    All(usize),
    /// A maximum per platform; platforms not named fall back to their advice.
    PerPlatform(BTreeMap<Platform, usize>),
}

impl HashtagMax {
    /// The maximum for `platform`, if the guideline sets one.
    pub fn for_platform(&self, platform: Platform) -> Option<usize> {
        match self {
            HashtagMax::Unset => None,
            HashtagMax::All(max) => Some(*max),
            HashtagMax::PerPlatform(map) => map.get(&platform).copied(),
        }
    }
}

/// The `[hashtags]` policy.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HashtagPolicy {
    /// At least one of these must appear (with their `#`).
    pub required: Vec<String>,
    /// The required hashtag must sit above the preview fold.
    pub in_preview: bool,
    /// These must not appear.
    pub banned: Vec<String>,
    /// The most hashtags a post may have.
    pub max: HashtagMax,
    /// Multi-word hashtags must be CamelCase.
    pub camel_case: bool,
}

/// Settings from a guideline that rules read while checking.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    /// Canonical spellings of the organisation's names (`[brand] names`).
    pub brand_names: Vec<String>,
    /// The hashtag policy.
    pub hashtags: HashtagPolicy,
    /// Terms never flagged (`[allow] terms`).
    pub allow_terms: Vec<String>,
    /// The guideline's main language (`en` unless set).
    pub language: Option<String>,
}
