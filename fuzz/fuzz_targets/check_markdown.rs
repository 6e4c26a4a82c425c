//! Checking arbitrary Markdown with the default guideline and every platform never panics,
//! and every span lies on char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postlint_core::{Checker, Draft, Format, Platform, PlatformTarget};
use std::sync::LazyLock;

static CHECKER: LazyLock<Checker> = LazyLock::new(Checker::default_guideline);
static PLATFORMS: LazyLock<Vec<PlatformTarget>> =
    LazyLock::new(|| Platform::ALL.into_iter().map(PlatformTarget::from).collect());

fuzz_target!(|text: &str| {
    let report = CHECKER.check(&Draft { text, format: Format::Markdown, platforms: &PLATFORMS });
    for diagnostic in &report.diagnostics {
        assert!(text.is_char_boundary(diagnostic.span.start) && text.is_char_boundary(diagnostic.span.end));
    }
    let fixed = postlint_core::apply_fixes(text, report.diagnostics.iter().filter_map(|d| d.fixes.first()));
    let _ = CHECKER.check(&Draft { text: &fixed, format: Format::Markdown, platforms: &PLATFORMS });
});
