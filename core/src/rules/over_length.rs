//! `length.over-limit`: a post too long for a platform, by its own count.

use crate::diagnostic::{Category, Severity};
use crate::metrics::PlatformMetrics;
use crate::platform::{smallest_limit, LengthUnit};
use crate::rule::{CheckContext, Facts, Reporter, Rule, RuleMeta};
use crate::rules::{push_decimal, MetaBuilder};
use crate::settings::Settings;
use crate::span::Span;

/// Flags the part of a post past each target platform's limit.
pub(crate) struct OverLength {
    meta: RuleMeta,
    /// The smallest byte limit of any platform: no draft within it is over one.
    smallest_byte_limit: usize,
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
        OverLength { meta, smallest_byte_limit: smallest_limit(|facts| facts.byte_limit) }
    }
}

/// How every length message starts.
const PREFIX: &str = "Too long for ";

/// Help for a finding past a length limit.
const CUT_HELP: &str = "Cut the underlined part, which does not fit, or split the post.";

/// Writes "Too long for {name} by {over}: {length} of {limit} ({unit})".
/// This runs for most long drafts, where the formatting machinery cost more
/// than the rest of the rule; the pieces are pushed one after the other so
/// that the constant ones are copied without a call.
fn over_limit_message(name: &str, metrics: &PlatformMetrics) -> String {
    let mut message = String::with_capacity(96);
    message.push_str(PREFIX);
    message.push_str(name);
    message.push_str(" by ");
    push_grouped(&mut message, metrics.length - metrics.limit);
    message.push_str(": ");
    push_grouped(&mut message, metrics.length);
    message.push_str(" of ");
    push_grouped(&mut message, metrics.limit);
    message.push_str(" (");
    message.push_str(metrics.unit.as_str());
    message.push(')');
    message
}

/// The same message for `name` from `previous`, another platform's message
/// with the same length, limit and unit, whose name ends at `name_end`: the
/// YouTube and Pinterest titles share a limit and a unit, so a long post is
/// usually over both by the same count, and its numbers are written once.
fn over_limit_message_like(name: &str, previous: &str, name_end: usize) -> String {
    let tail = &previous[name_end..];
    let mut message = String::with_capacity(PREFIX.len() + name.len() + tail.len());
    message.push_str(PREFIX);
    message.push_str(name);
    message.push_str(tail);
    message
}

/// Writes "Too long for {name} by {over} bytes: {bytes} of {byte_limit} UTF-8 bytes".
fn over_byte_limit_message(name: &str, bytes: usize, byte_limit: usize) -> String {
    let mut message = String::with_capacity(96);
    message.push_str(PREFIX);
    message.push_str(name);
    message.push_str(" by ");
    push_grouped(&mut message, bytes - byte_limit);
    message.push_str(" bytes: ");
    push_grouped(&mut message, bytes);
    message.push_str(" of ");
    push_grouped(&mut message, byte_limit);
    message.push_str(" UTF-8 bytes");
    message
}

/// Appends `number` with a comma before every third digit from the right.
/// Digit by digit from the left, as chars: a buffer filled from the right
/// cost more than the rest of the message, and checking its digits were
/// UTF-8 more still.
fn push_grouped(message: &mut String, number: usize) {
    if number < 1000 {
        push_decimal(message, number);
        return;
    }
    push_grouped(message, number / 1000);
    message.push(',');
    let group = number % 1000;
    for digit in [group / 100, group / 10 % 10, group % 10] {
        message.push(char::from(b'0' + digit as u8));
    }
}

/// A finding past a platform's limit, written and not yet reported: the
/// next platform's message may copy its numbers.
struct Held {
    span: Span,
    message: String,
    /// Length, limit and unit the message states.
    numbers: (usize, usize, LengthUnit),
    /// Where the platform's name ends in `message`.
    name_end: usize,
}

impl Rule for OverLength {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// Without a target platform there is no limit.
    fn needs(&self, _settings: &Settings) -> Facts {
        Facts::PLATFORMS
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        if fits_everywhere(context.metrics, self.smallest_byte_limit) {
            return;
        }
        let text = context.document.source();
        // Findings are reported in platform order, each once the next one
        // has been written, so the order of equal spans does not change.
        let mut held: Option<Held> = None;
        for metrics in context.metrics {
            if let Some(overflow) = metrics.overflow() {
                let name = metrics.platform.facts().display_name;
                let numbers = (metrics.length, metrics.limit, metrics.unit);
                let message = match &held {
                    Some(previous) if previous.numbers == numbers => {
                        over_limit_message_like(name, &previous.message, previous.name_end)
                    }
                    _ => over_limit_message(name, metrics),
                };
                let span = Span::new(overflow, text.len());
                let next = Held { span, message, numbers, name_end: PREFIX.len() + name.len() };
                if let Some(previous) = held.replace(next) {
                    reporter.report(previous.span, previous.message, CUT_HELP);
                }
            }
            if metrics.bytes().is_some() {
                check_bytes(text, metrics, &mut held, reporter);
            }
        }
        if let Some(previous) = held {
            reporter.report(previous.span, previous.message, CUT_HELP);
        }
    }
}

/// Whether no target of `metrics` can have a finding: a finding needs a
/// length over its limit or bytes over the smallest byte limit. Most drafts
/// have neither, and this one pass rules them out before the full walk.
fn fits_everywhere(metrics: &[PlatformMetrics], smallest_byte_limit: usize) -> bool {
    metrics.iter().all(|metrics| {
        metrics.length <= metrics.limit && metrics.bytes().is_none_or(|bytes| bytes <= smallest_byte_limit)
    })
}

/// Reports a draft over `metrics`' byte limit, after the finding held.
fn check_bytes(text: &str, metrics: &PlatformMetrics, held: &mut Option<Held>, reporter: &mut Reporter<'_>) {
    let facts = metrics.platform.facts();
    let (Some(bytes), Some(byte_limit)) = (metrics.bytes(), facts.byte_limit) else { return };
    if bytes <= byte_limit {
        return;
    }
    if let Some(previous) = held.take() {
        reporter.report(previous.span, previous.message, CUT_HELP);
    }
    let mut start = byte_limit;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    reporter.report(
        Span::new(start, text.len()),
        over_byte_limit_message(facts.display_name, bytes, byte_limit),
        "Shorten the post; scripts such as Chinese or Arabic use 2–3 bytes per character.",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// When the quick test says a draft fits everywhere, no target has what
    /// the full walk reports: an overflow or bytes over its byte limit.
    #[test]
    fn fitting_everywhere_means_no_overflow_and_no_byte_overflow() {
        use crate::platform::{Platform, PlatformTarget};
        let smallest_byte_limit = smallest_limit(|facts| facts.byte_limit);
        let every: Vec<PlatformTarget> = Platform::ALL.into_iter().map(PlatformTarget::from).collect();
        let small: Vec<PlatformTarget> =
            Platform::ALL.into_iter().map(|platform| PlatformTarget { platform, limit: Some(5) }).collect();
        // A long piece takes some texts past Bluesky's byte limit.
        let long = "中文".repeat(60);
        let pieces =
            ["a", "bc ", "é", "👩\u{200D}👩\u{200D}👧", &long, " https://example.org/a ", " @bob ", "\u{FEFF}"];
        let mut fitting = 0;
        // A raised limit: a draft can be over Bluesky's bytes and within its graphemes.
        let raised = vec![PlatformTarget { platform: Platform::Bluesky, limit: Some(100_000) }];
        for text in crate::test_texts::from_pieces(&pieces, 7, 3200, 90) {
            let entities = crate::entities::find(&text);
            for list in [&every, &small, &raised] {
                let metrics = crate::metrics::measure_platforms(&text, list, &entities);
                let would_report = metrics.iter().any(|metrics| {
                    let byte_limit = metrics.platform.facts().byte_limit;
                    metrics.overflow().is_some()
                        || metrics.bytes().zip(byte_limit).is_some_and(|(bytes, limit)| bytes > limit)
                });
                if fits_everywhere(&metrics, smallest_byte_limit) {
                    fitting += 1;
                    assert!(!would_report, "{text:?} {list:?}");
                }
            }
        }
        assert!(fitting > 0);
    }

    #[test]
    fn thousands_are_grouped_by_commas() {
        let shown = |number: usize| {
            let mut message = String::new();
            push_grouped(&mut message, number);
            message
        };
        assert_eq!(shown(0), "0");
        assert_eq!(shown(999), "999");
        assert_eq!(shown(1000), "1,000");
        assert_eq!(shown(63_206), "63,206");
        assert_eq!(shown(1_000_007), "1,000,007");
        assert_eq!(shown(100_000), "100,000");
        assert_eq!(shown(4_294_967_295), "4,294,967,295");
        assert_eq!(shown(10), "10");
        assert_eq!(shown(1_010), "1,010");
        assert_eq!(shown(20_005_000), "20,005,000");
        for number in (0..200_000).step_by(7) {
            assert_eq!(shown(number).replace(',', ""), number.to_string(), "{number}");
        }
    }

    #[test]
    fn a_message_copied_from_another_platform_reads_as_if_written() {
        let metrics =
            crate::metrics::platform_metrics(&"a".repeat(112), crate::platform::Platform::YoutubeTitle.into(), &[]);
        let first = over_limit_message("YouTube title", &metrics);
        assert_eq!(first, "Too long for YouTube title by 12: 112 of 100 (utf16)");
        let copied = over_limit_message_like("Pinterest title", &first, PREFIX.len() + "YouTube title".len());
        assert_eq!(copied, over_limit_message("Pinterest title", &metrics));
        assert_eq!(
            over_byte_limit_message("Bluesky", 3_003, 3_000),
            "Too long for Bluesky by 3 bytes: 3,003 of 3,000 UTF-8 bytes"
        );
    }
}
