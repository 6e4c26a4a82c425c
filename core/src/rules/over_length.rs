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

/// A number with its thousands separated by commas (`63,206`), written
/// straight into the message rather than through a string of its own.
struct Thousands(usize);

impl std::fmt::Display for Thousands {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Digits from the right, with a comma before every third: written
        // into a buffer and passed on once, which costs far less than a
        // formatting call per group (this runs for most long drafts).
        let mut buffer = [0u8; 32];
        let mut at = buffer.len();
        let Thousands(mut number) = *self;
        let mut digits = 0;
        loop {
            if digits > 0 && digits % 3 == 0 {
                at -= 1;
                buffer[at] = b',';
            }
            at -= 1;
            buffer[at] = b'0' + (number % 10) as u8;
            number /= 10;
            digits += 1;
            if number == 0 {
                break;
            }
        }
        f.write_str(std::str::from_utf8(&buffer[at..]).unwrap_or_default())
    }
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
                    message!(
                        "Too long for {} by {}: {} of {} ({})",
                        facts.display_name,
                        Thousands(over),
                        Thousands(metrics.length),
                        Thousands(metrics.limit),
                        metrics.unit.as_str()
                    ),
                    "Cut the underlined part, which does not fit, or split the post.",
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
                        message!(
                            "Too long for {} by {} bytes: {} of {} UTF-8 bytes",
                            facts.display_name,
                            Thousands(bytes - byte_limit),
                            Thousands(bytes),
                            Thousands(byte_limit)
                        ),
                        "Shorten the post; scripts such as Chinese or Arabic use 2–3 bytes per character.",
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Thousands;

    #[test]
    fn thousands_are_grouped_by_commas() {
        let shown = |number: usize| Thousands(number).to_string();
        assert_eq!(shown(0), "0");
        assert_eq!(shown(999), "999");
        assert_eq!(shown(1000), "1,000");
        assert_eq!(shown(63_206), "63,206");
        assert_eq!(shown(1_000_007), "1,000,007");
        assert_eq!(shown(100_000), "100,000");
        assert_eq!(shown(4_294_967_295), "4,294,967,295");
    }
}
