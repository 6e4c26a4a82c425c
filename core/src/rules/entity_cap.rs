//! `length.too-many-links` and `length.too-many-mentions`: more links or
//! @-tags than a platform accepts.

use crate::diagnostic::{Category, Severity};
use crate::entities::EntityKind;
use crate::platform::{smallest_limit, PlatformFacts};
use crate::rule::{CheckContext, Facts, Reporter, Rule, RuleMeta};
use crate::rules::MetaBuilder;
use crate::settings::Settings;
use crate::span::Span;

/// Flags the links or mentions past a platform's cap (Threads: 5 links;
/// Instagram: 20 @-tags).
pub(crate) struct EntityCap {
    meta: RuleMeta,
    kind: EntityKind,
    /// A count no platform's cap is under, found once from the facts table.
    fewest_that_can_pass: usize,
}

impl EntityCap {
    pub(crate) fn links() -> Self {
        let meta = MetaBuilder::new(
            "length.too-many-links",
            Category::Length,
            Severity::Error,
            "More links than a target platform accepts (Threads: 5).",
        )
        .why("Threads rejects posts with more than five links.", "Meta developer documentation, Threads API “Posts”")
        .platforms(&["threads"])
        .fire(&["a.org b.org c.org d.org e.org f.org"])
        .pass(&["a.org b.org c.org d.org e.org"])
        .build();
        EntityCap::with(meta, EntityKind::Url)
    }

    pub(crate) fn mentions() -> Self {
        let meta = MetaBuilder::new(
            "length.too-many-mentions",
            Category::Length,
            Severity::Error,
            "More @-mentions than a target platform accepts (Instagram: 20).",
        )
        .why("Instagram accepts at most 20 @-tags in a caption.", "Instagram Help Center, captions and tags")
        .platforms(&["instagram"])
        .fire(&["@a1 @a2 @a3 @a4 @a5 @a6 @a7 @a8 @a9 @a10 @a11 @a12 @a13 @a14 @a15 @a16 @a17 @a18 @a19 @a20 @a21"])
        .pass(&["Thanks @a1 and @a2"])
        .build();
        EntityCap::with(meta, EntityKind::Mention)
    }
}

impl EntityCap {
    fn with(meta: RuleMeta, kind: EntityKind) -> Self {
        let mut rule = EntityCap { meta, kind, fewest_that_can_pass: 0 };
        rule.fewest_that_can_pass = smallest_limit(|facts| rule.cap(facts));
        rule
    }

    /// The platform's cap on this rule's entities.
    fn cap(&self, facts: &PlatformFacts) -> Option<usize> {
        if self.kind == EntityKind::Url {
            facts.link_cap
        } else {
            facts.mention_cap
        }
    }
}

impl Rule for EntityCap {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// A draft without the rule's kind of entity has none too many.
    fn needs(&self, _settings: &Settings) -> Facts {
        if self.kind == EntityKind::Url {
            Facts::URL_SIGN
        } else {
            Facts::MENTION_SIGN
        }
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        let spans = || context.raw_entities.iter().filter(|entity| entity.kind == self.kind).map(|entity| entity.span);
        let count = spans().count();
        // Most posts with a link have fewer than any platform accepts.
        if count <= self.fewest_that_can_pass {
            return;
        }
        let noun = if self.kind == EntityKind::Url { "links" } else { "@-mentions" };
        for target in context.platforms {
            let facts = target.platform.facts();
            let Some(cap) = self.cap(facts) else { continue };
            if count > cap {
                let (Some(first_over), Some(last)) = (spans().nth(cap), spans().next_back()) else { continue };
                reporter.report(
                    Span::new(first_over.start, last.end),
                    format!("{} accepts at most {cap} {noun}; this post has {count}", facts.display_name),
                    format!("Remove {} {noun}.", count - cap),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::PLATFORM_FACTS;

    /// The early return skips only counts within every platform's cap.
    #[test]
    fn fewer_entities_than_can_pass_are_within_every_cap() {
        for rule in [EntityCap::links(), EntityCap::mentions()] {
            let fewest = rule.fewest_that_can_pass;
            for facts in &PLATFORM_FACTS {
                assert!(rule.cap(facts).is_none_or(|cap| cap >= fewest), "{} {:?}", rule.meta.id, facts.platform);
            }
            assert!(PLATFORM_FACTS.iter().any(|facts| rule.cap(facts) == Some(fewest)), "{}", rule.meta.id);
        }
    }
}
