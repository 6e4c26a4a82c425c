//! Too many hashtags: over a platform's hard cap, over the guideline's
//! maximum, or over the platform's own advice.

use crate::diagnostic::{Category, Severity};
use crate::entities::EntityKind;
use crate::rule::{CheckContext, Reporter, Rule, RuleMeta};
use crate::rules::MetaBuilder;
use crate::span::Span;

/// Which limit the rule enforces.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Limit {
    /// The platform refuses or breaks the post (Instagram 5, TikTok 5, Threads 1).
    PlatformCap,
    /// The organisation's `[hashtags] max`.
    GuidelineMax,
    /// The platform's advice (X 2, LinkedIn 3), when the guideline sets no maximum.
    PlatformAdvice,
}

/// Counts hashtags against one kind of limit, per target platform.
pub(crate) struct HashtagCount {
    meta: RuleMeta,
    limit: Limit,
}

impl HashtagCount {
    pub(crate) fn platform_cap() -> Self {
        let meta = MetaBuilder::new(
            "hashtags.over-platform-cap",
            Category::Hashtags,
            Severity::Error,
            "More hashtags than a target platform accepts (Instagram and TikTok: 5; Threads: 1 topic tag).",
        )
        .why(
            "Since December 2025 Instagram accepts at most five hashtags (it was 30); a caption with more fails \
             to post or loses its tags. TikTok caps hashtags at five and Threads allows one topic tag.",
            "Instagram announcement of the 5-hashtag limit (December 2025); TikTok and Threads help pages",
        )
        .platforms(&["instagram"])
        .fire(&["Spring! #a1 #b2 #c3 #d4 #e5 #f6"])
        .pass(&["Spring! #a1 #b2 #c3 #d4 #e5"])
        .build();
        HashtagCount { meta, limit: Limit::PlatformCap }
    }

    pub(crate) fn guideline_max() -> Self {
        let meta = MetaBuilder::new(
            "hashtags.over-guideline-max",
            Category::Hashtags,
            Severity::Warning,
            "More hashtags than the guideline's `[hashtags] max`.",
        )
        .why(
            "Organisations set a hashtag maximum to keep posts readable and on-brand.",
            "The organisation's guideline file (`[hashtags] max`)",
        )
        .platforms(&["x", "instagram"])
        .guideline("[hashtags]\nmax = { x = 1, instagram = 3 }\n")
        .fire(&["Hello #One #Two"])
        .pass(&["Hello #One"])
        .build();
        HashtagCount { meta, limit: Limit::GuidelineMax }
    }

    pub(crate) fn platform_advice() -> Self {
        let meta = MetaBuilder::new(
            "hashtags.over-platform-advice",
            Category::Hashtags,
            Severity::Info,
            "More hashtags than the platform advises (X: 2, LinkedIn: 3), when the guideline sets no maximum.",
        )
        .why(
            "X advises no more than two hashtags per post and LinkedIn about three; more reads as spam and \
             lowers reach.",
            "X Help Center, “How to use hashtags”; LinkedIn Help, “Use hashtags”",
        )
        .platforms(&["x"])
        .fire(&["Hello #One #Two #Three"])
        .pass(&["Hello #One #Two"])
        .build();
        HashtagCount { meta, limit: Limit::PlatformAdvice }
    }
}

impl Rule for HashtagCount {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        let count = context.raw_entities.iter().filter(|entity| entity.kind == EntityKind::Hashtag).count();
        if count == 0 {
            return;
        }
        let policy = &context.settings.hashtags;
        // Platforms with the same limit share one finding.
        let mut groups: Vec<(usize, String)> = Vec::new();
        for target in context.platforms {
            let facts = target.platform.facts();
            let limit = match self.limit {
                Limit::PlatformCap => facts.hashtag_cap,
                Limit::GuidelineMax => policy.max.for_platform(target.platform),
                Limit::PlatformAdvice => {
                    if policy.max.for_platform(target.platform).is_some() {
                        None
                    } else {
                        facts.hashtag_advice
                    }
                }
            };
            let Some(limit) = limit else { continue };
            if count <= limit {
                continue;
            }
            match groups.iter_mut().find(|(existing, _)| *existing == limit) {
                Some((_, names)) => {
                    names.push_str(" and ");
                    names.push_str(facts.display_name);
                }
                None => groups.push((limit, facts.display_name.to_owned())),
            }
        }
        if groups.is_empty() {
            return;
        }
        let hashtags = || context.raw_entities.iter().filter(|entity| entity.kind == EntityKind::Hashtag);
        let last_end = hashtags().next_back().map_or(0, |hashtag| hashtag.span.end);
        for (limit, names) in groups {
            // From the first hashtag past the limit to the last one.
            let first_over = hashtags().nth(limit).map_or(last_end, |hashtag| hashtag.span.start);
            let span = Span::new(first_over, last_end);
            let plural = plural(limit);
            let message = match self.limit {
                Limit::PlatformCap => {
                    message!("{names} accepts at most {limit} hashtag{plural}; this post has {count}")
                }
                Limit::GuidelineMax => {
                    message!("The guideline allows at most {limit} hashtag{plural} on {names}; this post has {count}")
                }
                Limit::PlatformAdvice => {
                    message!("{names} advises at most {limit} hashtag{plural}; this post has {count}")
                }
            };
            reporter.report(span, message, "Keep the most relevant hashtags and remove the rest.");
        }
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}
