//! Too many hashtags: over a platform's hard cap, over the guideline's
//! maximum, or over the platform's own advice.

use crate::diagnostic::{Category, Severity};
use crate::entities::EntityKind;
use crate::platform::{smallest_limit, PlatformFacts, PlatformTarget};
use crate::rule::{CheckContext, Facts, Reporter, Rule, RuleMeta};
use crate::rules::{push_decimal, MetaBuilder};
use crate::settings::{HashtagMax, Settings};
use crate::small_list::SmallList;
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
    /// A count no platform's cap or advice is under, found once from the facts table.
    fewest_over_platform_limit: usize,
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
        HashtagCount::with(meta, Limit::PlatformCap)
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
        HashtagCount::with(meta, Limit::GuidelineMax)
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
        HashtagCount::with(meta, Limit::PlatformAdvice)
    }
}

impl HashtagCount {
    fn with(meta: RuleMeta, limit: Limit) -> Self {
        let platform_limit = |facts: &PlatformFacts| match limit {
            Limit::PlatformCap => facts.hashtag_cap,
            Limit::PlatformAdvice => facts.hashtag_advice,
            Limit::GuidelineMax => None,
        };
        HashtagCount { meta, limit, fewest_over_platform_limit: smallest_limit(platform_limit) }
    }

    /// The limit `target` has, when `count` hashtags are over it.
    fn limit_passed(&self, settings: &Settings, target: &PlatformTarget, count: usize) -> Option<usize> {
        let facts = target.platform.facts();
        let limit = match self.limit {
            Limit::PlatformCap => facts.hashtag_cap,
            Limit::GuidelineMax => settings.hashtags.max.for_platform(target.platform),
            Limit::PlatformAdvice => {
                if settings.hashtags.max.for_platform(target.platform).is_some() {
                    None
                } else {
                    facts.hashtag_advice
                }
            }
        };
        limit.filter(|&limit| count > limit)
    }

    /// A count of hashtags no target's limit is under: every platform's cap
    /// or advice is at least the smallest, and a guideline without a maximum
    /// has none.
    fn fewest_that_can_pass(&self, settings: &Settings) -> usize {
        match self.limit {
            Limit::PlatformCap | Limit::PlatformAdvice => self.fewest_over_platform_limit,
            Limit::GuidelineMax if settings.hashtags.max == HashtagMax::Unset => usize::MAX,
            Limit::GuidelineMax => 0,
        }
    }
}

impl Rule for HashtagCount {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// A draft without hashtags is under every limit.
    fn needs(&self, _settings: &Settings) -> Facts {
        Facts::NUMBER_SIGN
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        // Every target's metrics count the same hashtags; without a target
        // no limit applies.
        let Some(count) = context.metrics.first().map(|metrics| metrics.hashtags) else { return };
        // Most posts have a hashtag or two: under every limit there is.
        if count == 0 || count <= self.fewest_that_can_pass(context.settings) {
            return;
        }
        self.report_over(context, reporter, count);
    }
}

impl HashtagCount {
    /// Reports the post's `count` hashtags against each target's limit. A
    /// function of its own, so the early returns most posts take do not set
    /// up its frame.
    #[inline(never)]
    fn report_over(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>, count: usize) {
        let hashtags = || context.raw_entities.iter().filter(|entity| entity.kind == EntityKind::Hashtag);
        // The targets whose limit the post is over, with that limit: one or
        // two of them, which the messages go through again for the names.
        // In place for any usual list of targets: most posts with hashtags
        // are over one limit or two, and the list lived only for this call.
        let Some(first_target) = context.platforms.first() else { return };
        let mut over: SmallList<(usize, &PlatformTarget), 12> = SmallList::new((0, first_target));
        for target in context.platforms {
            if let Some(limit) = self.limit_passed(context.settings, target, count) {
                over.push((limit, target));
            }
        }
        let over = over.as_slice();
        let last_end = hashtags().next_back().map_or(0, |hashtag| hashtag.span.end);
        // Platforms with the same limit share one finding, in the order of
        // the first platform with each limit.
        for (index, &(limit, _)) in over.iter().enumerate() {
            if over[..index].iter().any(|&(earlier, _)| earlier == limit) {
                continue;
            }
            // From the first hashtag past the limit to the last one.
            let first_over = hashtags().nth(limit).map_or(last_end, |hashtag| hashtag.span.start);
            let span = Span::new(first_over, last_end);
            let push_names = |message: &mut String| {
                let names = over.iter().filter(|&&(passed, _)| passed == limit);
                for (index, (_, target)) in names.enumerate() {
                    if index > 0 {
                        message.push_str(" and ");
                    }
                    message.push_str(target.platform.facts().display_name);
                }
            };
            let mut message = String::with_capacity(128);
            match self.limit {
                Limit::PlatformCap => {
                    push_names(&mut message);
                    message.push_str(" accepts at most ");
                }
                Limit::GuidelineMax => message.push_str("The guideline allows at most "),
                Limit::PlatformAdvice => {
                    push_names(&mut message);
                    message.push_str(" advises at most ");
                }
            }
            push_decimal(&mut message, limit);
            message.push_str(" hashtag");
            message.push_str(plural(limit));
            if self.limit == Limit::GuidelineMax {
                message.push_str(" on ");
                push_names(&mut message);
            }
            message.push_str("; this post has ");
            push_decimal(&mut message, count);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::Platform;

    /// The early return for few hashtags skips only posts no target's limit
    /// is under.
    #[test]
    fn fewer_hashtags_than_can_pass_are_under_every_limit() {
        let per_platform = HashtagMax::PerPlatform([(Platform::X, 1), (Platform::Threads, 0)].into_iter().collect());
        for max in [HashtagMax::Unset, HashtagMax::All(0), HashtagMax::All(3), per_platform] {
            let mut settings = Settings::default();
            settings.hashtags.max = max;
            for rule in [HashtagCount::platform_cap(), HashtagCount::guideline_max(), HashtagCount::platform_advice()] {
                let fewest = rule.fewest_that_can_pass(&settings);
                for count in 0..40 {
                    for platform in Platform::ALL {
                        let passed = rule.limit_passed(&settings, &platform.into(), count);
                        assert!(count > fewest || passed.is_none(), "{} {count} {platform}", rule.meta.id);
                    }
                }
            }
        }
    }

    /// The rule takes the count from the first target's metrics instead of
    /// counting the entities: every target's metrics count them all.
    #[test]
    fn the_metrics_count_every_hashtag() {
        let pieces = [
            "#a",
            " ",
            "#B2",
            "＃tag",
            "#é",
            "a#b",
            "#1",
            "@x",
            "https://example.org/#frag",
            "#_",
            "中#中",
            "\r\n",
            " $ABC ",
            "$xyz",
        ];
        let targets: Vec<PlatformTarget> = Platform::ALL.into_iter().map(PlatformTarget::from).collect();
        for text in crate::test_texts::from_pieces(&pieces, 3, 3000, 30) {
            let entities = crate::entities::find(&text);
            let count = entities.iter().filter(|entity| entity.kind == EntityKind::Hashtag).count();
            for metrics in crate::metrics::measure_platforms(&text, &targets, &entities) {
                assert_eq!(metrics.hashtags, count, "{text:?} {}", metrics.platform);
            }
        }
        let checker = crate::Checker::default_guideline();
        let draft = crate::Draft { text: "#a #b #c #d #e #f #g", format: crate::Format::Text, platforms: &[] };
        assert!(checker.check(&draft).diagnostics.iter().all(|found| !found.rule.starts_with("hashtags.over-")));
    }

    fn messages(guideline: &str, platforms: &str, text: &str) -> Vec<String> {
        let checker = crate::Checker::new(&crate::Guideline::from_toml("t.toml", guideline).unwrap()).unwrap();
        let platforms: Vec<PlatformTarget> = platforms.split(' ').map(|name| name.parse().unwrap()).collect();
        let draft = crate::Draft { text, format: crate::Format::Text, platforms: &platforms };
        let report = checker.check(&draft);
        let found = report.diagnostics.into_iter().filter(|diagnostic| diagnostic.rule.starts_with("hashtags.over-"));
        let mut messages: Vec<String> = found.map(|diagnostic| diagnostic.message).collect();
        messages.sort();
        messages
    }

    #[test]
    fn platforms_with_one_limit_share_a_message() {
        assert_eq!(
            messages("", "x threads linkedin instagram", "Hi #a #b #c #d"),
            [
                "LinkedIn advises at most 3 hashtags; this post has 4",
                "Threads accepts at most 1 hashtag; this post has 4",
                "X advises at most 2 hashtags; this post has 4",
            ]
        );
        assert_eq!(
            messages(
                "[hashtags]\nmax = { x = 1, instagram = 1, tiktok = 3 }\n",
                "x tiktok instagram threads",
                "#a #b #c #d"
            ),
            [
                "The guideline allows at most 1 hashtag on X and Instagram; this post has 4",
                "The guideline allows at most 3 hashtags on TikTok; this post has 4",
                "Threads accepts at most 1 hashtag; this post has 4",
            ]
        );
    }
}
