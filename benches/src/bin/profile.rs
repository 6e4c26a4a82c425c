//! Checks the benchmark corpus in a loop, for profilers (`perf record`).
//! Run: `cargo build --release -p postlint-benches --bin profile` then profile
//! `target/release/profile [seconds] [typical]`; `typical` checks the
//! typical post of benchmark case 1 instead of the corpus.
//!
//! `target/release/profile instructions` checks 2,000 posts sampled across
//! the corpus once, after 20,000 to warm up, inside `checked_sample`, for an
//! exact instruction count that this machine's drifting clock cannot give:
//! `valgrind --tool=callgrind --collect-atstart=no
//! --toggle-collect=profile::checked_sample target/release/profile instructions`
//! (divide the collected count by 2,000).
//! `POSTLINT_PROFILE_TEXT=…` checks that one text 2,000 times instead (an empty
//! one gives a check's fixed cost); `POSTLINT_PROFILE_NO_PLATFORMS=1` checks for
//! no platform, so the difference is what the 12 platforms cost.

use std::hint::black_box;
use std::time::{Duration, Instant};

use postlint_benches::{corpus, every_platform};
use postlint_core::{Checker, Draft, Format};

fn main() {
    let seconds: u64 = std::env::args().nth(1).and_then(|arg| arg.parse().ok()).unwrap_or(10);
    // POSTLINT_PROFILE_GUIDELINE narrows the profile to some packs, e.g. `extends = []`.
    let checker = match std::env::var("POSTLINT_PROFILE_GUIDELINE") {
        Ok(toml) => {
            Checker::new(&postlint_core::Guideline::from_toml("profile", &toml).expect("guideline")).expect("checker")
        }
        Err(_) => Checker::default_guideline(),
    };
    let platforms =
        if std::env::var_os("POSTLINT_PROFILE_NO_PLATFORMS").is_some() { Vec::new() } else { every_platform() };
    if std::env::args().nth(1).as_deref() == Some("instructions") {
        let posts = corpus(usize::MAX).0;
        for post in posts.iter().take(20_000) {
            black_box(checker.check(&Draft { text: post, format: Format::Text, platforms: &platforms }));
        }
        let fixed = std::env::var("POSTLINT_PROFILE_TEXT").ok();
        let sample: Vec<&str> = match &fixed {
            Some(text) => vec![text.as_str(); 2_000],
            None => posts.iter().step_by((posts.len() / 2_000).max(1)).take(2_000).map(String::as_str).collect(),
        };
        checked_sample(&checker, &sample, &platforms);
        return;
    }
    let posts = match std::env::args().nth(2).as_deref() {
        Some("typical") => vec![postlint_benches::TYPICAL_POST.to_owned()],
        _ => corpus(20_000).0,
    };
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(seconds) {
        for post in &posts {
            black_box(checker.check(&Draft { text: post, format: Format::Text, platforms: &platforms }));
        }
    }
}

/// Checks each post of `sample` once: the region an instruction count measures.
#[inline(never)]
fn checked_sample(checker: &Checker, sample: &[&str], platforms: &[postlint_core::PlatformTarget]) {
    for post in sample {
        black_box(checker.check(&Draft { text: post, format: Format::Text, platforms }));
    }
}
