//! Scores the default guideline against the labelled drafts in
//! `tests/labelled/`: precision and recall per category, printed, and held
//! to the bar the rule packs promise (precision ≥ 95%, recall ≥ 90%).
//!
//! `POSTLINT_LABELLED_VERBOSE=1` prints every miss and false alarm.

use std::collections::BTreeSet;

use postlint_core::{Category, Checker, Draft, Format};
use serde::Deserialize;

#[derive(Deserialize)]
struct LabelledFile {
    draft: Vec<LabelledDraft>,
}

#[derive(Deserialize)]
struct LabelledDraft {
    text: String,
    #[serde(default)]
    format: Option<String>,
    expect: Vec<String>,
    #[serde(default)]
    note: Option<String>,
}

/// The categories the labelled set measures (branding, hashtags and length
/// depend on an organisation's settings and platforms, tested elsewhere).
const SCORED: [Category; 6] = [
    Category::Ethics,
    Category::Inclusion,
    Category::Privacy,
    Category::Disclosure,
    Category::Accessibility,
    Category::Style,
];

#[derive(Default, Clone, Copy)]
struct Score {
    true_positive: usize,
    false_positive: usize,
    false_negative: usize,
}

impl Score {
    fn precision(self) -> f64 {
        let flagged = self.true_positive + self.false_positive;
        if flagged == 0 {
            1.0
        } else {
            self.true_positive as f64 / flagged as f64
        }
    }

    fn recall(self) -> f64 {
        let expected = self.true_positive + self.false_negative;
        if expected == 0 {
            1.0
        } else {
            self.true_positive as f64 / expected as f64
        }
    }
}

fn load() -> Vec<LabelledDraft> {
    let directory = concat!(env!("CARGO_MANIFEST_DIR"), "/labelled");
    let mut paths: Vec<_> = std::fs::read_dir(directory)
        .expect("tests/labelled exists")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|extension| extension == "toml"))
        .collect();
    paths.sort();
    let mut drafts = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let file: LabelledFile = toml::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        drafts.extend(file.draft);
    }
    drafts
}

#[test]
fn precision_and_recall_per_category() {
    let drafts = load();
    assert!(drafts.len() >= 300, "the labelled set has {} drafts", drafts.len());
    let checker = Checker::default_guideline();
    let verbose = std::env::var_os("POSTLINT_LABELLED_VERBOSE").is_some();
    let mut scores = [Score::default(); SCORED.len()];
    for draft in &drafts {
        let format = match draft.format.as_deref() {
            Some("markdown") => Format::Markdown,
            _ => Format::Text,
        };
        let report = checker.check(&Draft { text: &draft.text, format, platforms: &[] });
        let found: BTreeSet<Category> = report.diagnostics.iter().map(|diagnostic| diagnostic.category).collect();
        for (index, category) in SCORED.iter().enumerate() {
            let expected = draft.expect.iter().any(|name| name == category.as_str());
            let flagged = found.contains(category);
            let score = &mut scores[index];
            match (expected, flagged) {
                (true, true) => score.true_positive += 1,
                (false, true) => score.false_positive += 1,
                (true, false) => score.false_negative += 1,
                (false, false) => {}
            }
            if verbose && expected != flagged {
                let kind = if flagged { "FALSE ALARM" } else { "MISSED" };
                let rules: Vec<&str> = report
                    .diagnostics
                    .iter()
                    .filter(|diagnostic| diagnostic.category == *category)
                    .map(|diagnostic| diagnostic.rule.as_ref())
                    .collect();
                println!(
                    "{kind} {category}: {:?} {rules:?} ({})",
                    draft.text.chars().take(140).collect::<String>(),
                    draft.note.as_deref().unwrap_or("")
                );
            }
        }
    }
    println!("{} labelled drafts", drafts.len());
    println!("{:<14} {:>9} {:>7} {:>4} {:>4} {:>4}", "category", "precision", "recall", "tp", "fp", "fn");
    let mut failures = Vec::new();
    for (category, score) in SCORED.iter().zip(scores) {
        println!(
            "{:<14} {:>8.1}% {:>6.1}% {:>4} {:>4} {:>4}",
            category.as_str(),
            score.precision() * 100.0,
            score.recall() * 100.0,
            score.true_positive,
            score.false_positive,
            score.false_negative
        );
        if score.precision() < 0.95 || score.recall() < 0.90 {
            failures.push(category.as_str());
        }
    }
    assert!(failures.is_empty(), "below precision 95% or recall 90%: {failures:?}");
}
