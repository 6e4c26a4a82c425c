//! `length.over-limit`: a post too long for a platform, by its own count.

use crate::diagnostic::{Category, Severity};
use crate::rule::{CheckContext, Reporter, Rule, RuleMeta};
use crate::rules::MetaBuilder;
use crate::span::Span;

/// Flags the part of a post past each target platform's limit.
pub(crate) struct OverLength {
    meta: RuleMeta,
}

impl OverLength {
    pub(crate) fn new() -> Self {
        let meta = MetaBuilder::new(
            "length.over-limit",
            Category::Length,
            Severity::Error,
            "Posts longer than a target platform accepts, counted the platform's way.",
        )
        .why(
            "Each network counts length its own way (X weighs characters, Bluesky counts graphemes and bytes, \
             LinkedIn UTF-16 units) and rejects or cuts a post that is even one unit too long. The finding \
             underlines exactly the part that does not fit.",
            "The platform facts table in postlint (core/src/platform.rs), with a source and date for each platform",
        )
        .platforms(&["x", "bluesky"])
        .fire(&["This sentence is repeated. This sentence is repeated. This sentence is repeated. This sentence is repeated. This sentence is repeated. This sentence is repeated. This sentence is repeated. This sentence is repeated. This sentence is repeated. This sentence is repeated. This one is past the limit."])
        .pass(&["A short post fits everywhere. 🎉 https://example.org/a/very/long/link/that/counts/as/twenty-three"])
        .build();
        OverLength { meta }
    }
}

/// A readable number: 63206 → "63,206".
pub(crate) fn thousands(number: usize) -> String {
    let digits = number.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

impl Rule for OverLength {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        let text = context.document.source();
        for metrics in context.metrics {
            let facts = metrics.platform.facts();
            if let Some(overflow) = metrics.overflow {
                let over = metrics.length - metrics.limit;
                reporter.report(
                    Span::new(overflow, text.len()),
                    format!(
                        "Too long for {} by {}: {} of {} ({})",
                        facts.display_name,
                        thousands(over),
                        thousands(metrics.length),
                        thousands(metrics.limit),
                        metrics.unit.as_str()
                    ),
                    format!("Cut {} or split the post; the underlined part does not fit.", thousands(over)),
                );
            }
            if let (Some(bytes), Some(byte_limit)) = (metrics.bytes, facts.byte_limit) {
                if bytes > byte_limit {
                    let mut start = byte_limit;
                    while !text.is_char_boundary(start) {
                        start -= 1;
                    }
                    reporter.report(
                        Span::new(start, text.len()),
                        format!(
                            "Too long for {} by {} bytes: {} of {} UTF-8 bytes",
                            facts.display_name,
                            thousands(bytes - byte_limit),
                            thousands(bytes),
                            thousands(byte_limit)
                        ),
                        "Shorten the post; scripts such as Chinese or Arabic use 2–3 bytes per character.",
                    );
                }
            }
        }
    }
}
