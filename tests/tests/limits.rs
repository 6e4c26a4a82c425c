//! No hang, no stack overflow, bounded memory on pathological input:
//! deep nesting, a huge single line, a million hashtags, oversized patterns.

use std::time::{Duration, Instant};

use postlint_core::{Checker, Draft, Format, Guideline, Platform, PlatformTarget};

fn every_platform() -> Vec<PlatformTarget> {
    Platform::ALL.into_iter().map(PlatformTarget::from).collect()
}

/// Checks `text` and returns the number of findings, failing past `limit`.
/// Limits are generous for debug builds; release builds are ~10× faster.
#[track_caller]
fn check_within(text: &str, format: Format, limit: Duration) -> usize {
    let checker = Checker::default_guideline();
    let platforms = every_platform();
    let started = Instant::now();
    let report = checker.check(&Draft { text, format, platforms: &platforms });
    let elapsed = started.elapsed();
    println!("{} bytes: {} findings in {elapsed:?}", text.len(), report.diagnostics.len());
    assert!(elapsed < limit, "took {elapsed:?}");
    report.diagnostics.len()
}

#[test]
fn ten_thousand_nested_quotes_and_lists() {
    // Run on a thread with a small stack: deep nesting must not recurse deeply.
    let handle = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(|| {
            check_within(&format!("{} hey guys", ">".repeat(10_000)), Format::Markdown, Duration::from_secs(20));
            check_within(&format!("{}hey guys", "- ".repeat(10_000)), Format::Markdown, Duration::from_secs(20));
            check_within(&format!("{}hey guys", "1. ".repeat(10_000)), Format::Markdown, Duration::from_secs(20));
            check_within(
                &format!("{}hey guys{}", "*".repeat(10_000), "*".repeat(10_000)),
                Format::Markdown,
                Duration::from_secs(20),
            );
            check_within(
                &format!("{}hey guys{}", "[".repeat(10_000), "]".repeat(10_000)),
                Format::Markdown,
                Duration::from_secs(20),
            );
        })
        .unwrap();
    handle.join().expect("no stack overflow");
}

#[test]
fn a_one_megabyte_single_line() {
    let text = "Hey guys, the chairman said \"helpless\" #worldhealthday ".repeat(20_000);
    assert!(text.len() > 1_000_000 && !text.contains('\n'));
    assert!(check_within(&text, Format::Text, Duration::from_secs(60)) > 0);
}

#[test]
fn a_million_hashtags() {
    let text = "#worldhealthday ".repeat(1_000_000);
    let findings = check_within(&text, Format::Text, Duration::from_secs(120));
    // Each rule reports at most MAX_FINDINGS_PER_RULE findings per draft.
    assert!(findings <= 5 * postlint_core::rule::MAX_FINDINGS_PER_RULE, "{findings}");
}

#[test]
fn an_oversized_pattern_is_a_clear_error() {
    let toml = "[[rules]]\nid = \"acme.huge\"\ncategory = \"style\"\nmessage = \"m\"\npattern = \"(\\\\w{50}){50}\"\n";
    let error = Guideline::from_toml("g.toml", toml)
        .and_then(|guideline| Checker::new(&guideline).map(|_| ()))
        .expect_err("too large");
    let message = error.to_string();
    assert!(message.contains("acme.huge") && message.contains("too large"), "{message}");
}
