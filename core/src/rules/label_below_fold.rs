//! `disclosure.label-below-fold`: the only clear ad label sits after a
//! platform's “more” fold, where most readers never see it.

use crate::diagnostic::{Category, Severity};
use crate::rule::{CheckContext, Reporter, Rule, RuleMeta, Triggers};
use crate::rules::ad_label::{find_labels, LABEL_TRIGGERS};
use crate::rules::MetaBuilder;

/// Flags a post whose first clear ad label starts at or after the preview
/// fold of a target platform that has one.
pub(crate) struct LabelBelowFold {
    meta: RuleMeta,
}

impl LabelBelowFold {
    pub(crate) fn new() -> Self {
        let meta = MetaBuilder::new(
            "disclosure.label-below-fold",
            Category::Disclosure,
            Severity::Warning,
            "The ad label comes only after a platform's “more” fold.",
        )
        .why(
            "Feeds show the first line or two of a post and hide the rest behind “more”. A label below that fold \
             is not seen by most readers, so it does not tell them the post is advertising before they engage.",
            "US FTC, Disclosures 101 for Social Media Influencers (2019): “don't make people click ‘more’”; UK CMA/ASA, \
             Influencers' guide to making clear that ads are ads (2023)",
        )
        .platforms(&["instagram"])
        .fire(&["Morning routine with my favourite serum from @GlowLab: cleanse, tone, two drops, then sunscreen. \
                 My skin has never felt calmer and the glow lasts all day long. Use code MAYA15 for 15% off. #ad"])
        .pass(&[
            "#ad Morning routine with my favourite serum from @GlowLab: cleanse, tone, two drops, then sunscreen. \
             My skin has never felt calmer and the glow lasts all day long. Use code MAYA15 for 15% off.",
            "Short post with a code MAYA15 #ad",
        ])
        .build();
        LabelBelowFold { meta }
    }
}

impl Rule for LabelBelowFold {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn triggers(&self) -> Triggers {
        Triggers { word_starts: LABEL_TRIGGERS, ..Triggers::default() }
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        let Some(earliest_fold) = context.metrics.iter().filter_map(|metrics| metrics.fold()).min() else { return };
        let labels = find_labels(context.document);
        let Some(first) = labels.first() else { return };
        if first.span.start < earliest_fold {
            return;
        }
        // One finding for the platform with the earliest fold: the label is below every later fold too, or above it.
        let Some(metrics) = context.metrics.iter().find(|metrics| metrics.fold() == Some(earliest_fold)) else {
            return;
        };
        let facts = metrics.platform.facts();
        let shown = first.span.slice(context.document.source());
        reporter.report(
            first.span,
            format!(
                "“{shown}” comes after {}'s “more” fold ({} characters), so most readers will not see it",
                facts.display_name,
                facts.fold.unwrap_or_default()
            ),
            "Put the label at the start of the post, before the fold.",
        );
    }
}
