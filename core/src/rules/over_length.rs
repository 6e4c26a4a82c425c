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

/// One part of a length message.
enum Part<'a> {
    Text(&'a str),
    /// A number, its thousands separated by commas (`63,206`).
    Number(usize),
}

/// Writes a message from its parts. This runs for most long drafts, where
/// the formatting machinery cost more than the rest of the rule.
fn message(parts: &[Part<'_>]) -> String {
    let mut message = String::with_capacity(96);
    for part in parts {
        match *part {
            Part::Text(text) => message.push_str(text),
            Part::Number(number) => push_grouped(&mut message, number),
        }
    }
    message
}

/// Appends `number` with a comma before every third digit from the right.
fn push_grouped(message: &mut String, mut number: usize) {
    let mut buffer = [0u8; 32];
    let mut at = buffer.len();
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
    // Pushed as chars: checking the digits are UTF-8 cost more than the rest.
    message.extend(buffer[at..].iter().map(|&byte| char::from(byte)));
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
                    message(&[
                        Part::Text("Too long for "),
                        Part::Text(facts.display_name),
                        Part::Text(" by "),
                        Part::Number(over),
                        Part::Text(": "),
                        Part::Number(metrics.length),
                        Part::Text(" of "),
                        Part::Number(metrics.limit),
                        Part::Text(" ("),
                        Part::Text(metrics.unit.as_str()),
                        Part::Text(")"),
                    ]),
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
                        message(&[
                            Part::Text("Too long for "),
                            Part::Text(facts.display_name),
                            Part::Text(" by "),
                            Part::Number(bytes - byte_limit),
                            Part::Text(" bytes: "),
                            Part::Number(bytes),
                            Part::Text(" of "),
                            Part::Number(byte_limit),
                            Part::Text(" UTF-8 bytes"),
                        ]),
                        "Shorten the post; scripts such as Chinese or Arabic use 2–3 bytes per character.",
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{message, Part};

    #[test]
    fn thousands_are_grouped_by_commas() {
        let shown = |number: usize| message(&[Part::Number(number)]);
        assert_eq!(shown(0), "0");
        assert_eq!(shown(999), "999");
        assert_eq!(shown(1000), "1,000");
        assert_eq!(shown(63_206), "63,206");
        assert_eq!(shown(1_000_007), "1,000,007");
        assert_eq!(shown(100_000), "100,000");
        assert_eq!(shown(4_294_967_295), "4,294,967,295");
        assert_eq!(message(&[Part::Text("a "), Part::Number(12_345), Part::Text(" b")]), "a 12,345 b");
    }
}
