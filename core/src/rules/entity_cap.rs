//! `length.too-many-links` and `length.too-many-mentions`: more links or
//! @-tags than a platform accepts.

use crate::diagnostic::{Category, Severity};
use crate::entities::EntityKind;
use crate::rule::{CheckContext, Reporter, Rule, RuleMeta};
use crate::rules::MetaBuilder;
use crate::span::Span;

/// Flags the links or mentions past a platform's cap (Threads: 5 links;
/// Instagram: 20 @-tags).
pub(crate) struct EntityCap {
    meta: RuleMeta,
    kind: EntityKind,
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
        EntityCap { meta, kind: EntityKind::Url }
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
        EntityCap { meta, kind: EntityKind::Mention }
    }
}

impl Rule for EntityCap {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        let spans = || context.raw_entities.iter().filter(|entity| entity.kind == self.kind).map(|entity| entity.span);
        let count = spans().count();
        if count == 0 {
            return;
        }
        let noun = if self.kind == EntityKind::Url { "links" } else { "@-mentions" };
        for target in context.platforms {
            let facts = target.platform.facts();
            let cap = if self.kind == EntityKind::Url { facts.link_cap } else { facts.mention_cap };
            let Some(cap) = cap else { continue };
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
