//! Output formats. Each format is an [`Emitter`] that receives results one
//! at a time, in input order, so batches stream.

mod count;
mod github;
mod json;
mod junit;
mod sarif;
mod text;

use std::collections::BTreeMap;
use std::io::{self, Write};

use postlint_core::rule::RuleMeta;
use postlint_core::{Category, Checker, Platform, Report, Severity};

use crate::args::OutputFormat;
use crate::input::{BatchOrigin, Input};

pub use count::CountTable;

/// A checked draft, or the error that kept it from being checked.
pub struct Checked {
    /// Path, `-`, or `FILE:LINE` / `FILE:ROW` for a batch item.
    pub source: String,
    /// The batch id, if any.
    pub id: Option<serde_json::Value>,
    /// A calendar row's date, if any.
    pub date: Option<String>,
    /// Where a batch item sits in its file.
    pub batch: Option<BatchOrigin>,
    /// The draft text (empty on error).
    pub text: String,
    /// The findings, or why there are none.
    pub outcome: Result<Report, String>,
}

impl Checked {
    /// Runs `check` on an input's text, keeping where it came from.
    pub fn from_input(input: Input, check: impl FnOnce(&Input, &str) -> Report) -> Checked {
        let outcome = match &input.text {
            Ok(text) => Ok(check(&input, text)),
            Err(message) => Err(message.clone()),
        };
        Checked {
            text: input.text.unwrap_or_default(),
            source: input.source,
            id: input.id,
            date: input.date,
            batch: input.batch,
            outcome,
        }
    }
}

/// Per-platform totals.
#[derive(Debug, Default, Clone, Copy)]
pub struct PlatformTally {
    /// Drafts checked for this platform.
    pub drafts: usize,
    /// Drafts that do not fit it (too long, too many hashtags, …).
    pub not_fitting: usize,
}

/// Totals over a run.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    /// Drafts checked (errors excluded).
    pub drafts: usize,
    /// Drafts that could not be checked.
    pub errors: usize,
    /// Findings by severity: info, warning, error.
    pub findings: [usize; 3],
    /// Drafts with at least one finding.
    pub drafts_with_findings: usize,
    /// Drafts with at least one error-level finding.
    pub drafts_with_errors: usize,
    /// Findings by category, in `Category::ALL` order.
    pub by_category: [usize; Category::ALL.len()],
    /// Drafts per platform, and how many do not fit.
    pub by_platform: BTreeMap<Platform, PlatformTally>,
    /// Problems fixed by `--fix` (or that `--diff` would fix).
    pub fixed: usize,
    /// Files changed by `--fix` (or that `--diff` would change).
    pub fixed_files: usize,
}

impl Summary {
    /// Adds one result.
    pub fn add(&mut self, checked: &Checked) {
        match &checked.outcome {
            Err(_) => self.errors += 1,
            Ok(report) => {
                self.drafts += 1;
                if !report.diagnostics.is_empty() {
                    self.drafts_with_findings += 1;
                }
                if report.diagnostics.iter().any(|diagnostic| diagnostic.severity == Severity::Error) {
                    self.drafts_with_errors += 1;
                }
                for diagnostic in &report.diagnostics {
                    self.findings[diagnostic.severity as usize] += 1;
                    if let Some(index) = Category::ALL.iter().position(|category| *category == diagnostic.category) {
                        self.by_category[index] += 1;
                    }
                }
                for metrics in &report.platforms {
                    let tally = self.by_platform.entry(metrics.platform).or_default();
                    tally.drafts += 1;
                    if !metrics.valid {
                        tally.not_fitting += 1;
                    }
                }
            }
        }
    }

    /// The most serious severity found.
    pub fn worst(&self) -> Option<Severity> {
        Severity::ALL.into_iter().rev().find(|severity| self.findings[*severity as usize] > 0)
    }

    /// The totals block of `--stats` and of batches, for standard error.
    pub fn stats(&self) -> String {
        let mut text = String::from("Summary\n");
        let row = |text: &mut String, label: &str, value: usize| text.push_str(&format!("  {label:<22}{value:>8}\n"));
        row(&mut text, "posts checked", self.drafts);
        row(&mut text, "posts with errors", self.drafts_with_errors);
        row(&mut text, "posts with findings", self.drafts_with_findings);
        if self.errors > 0 {
            row(&mut text, "could not be checked", self.errors);
        }
        let [info, warnings, errors] = self.findings;
        let plural = |count: usize, word: &str| format!("{count} {word}{}", if count == 1 { "" } else { "s" });
        text.push_str(&format!(
            "  findings              {:>8}  ({}, {}, {info} info)\n",
            info + warnings + errors,
            plural(errors, "error"),
            plural(warnings, "warning")
        ));
        if self.by_category.iter().any(|count| *count > 0) {
            text.push_str("  by category\n");
            for (category, count) in Category::ALL.iter().zip(self.by_category) {
                if count > 0 {
                    text.push_str(&format!("    {:<20}{count:>8}\n", category.as_str()));
                }
            }
        }
        if !self.by_platform.is_empty() {
            text.push_str(&format!("  by platform           {:>8}  {:>8}\n", "posts", "too long"));
            for (platform, tally) in &self.by_platform {
                text.push_str(&format!("    {:<20}{:>8}  {:>8}\n", platform.as_str(), tally.drafts, tally.not_fitting));
            }
        }
        if self.fixed > 0 {
            row(&mut text, "fixed", self.fixed);
        }
        text
    }
}

/// Writes results in one format.
pub trait Emitter {
    /// Writes one result.
    fn emit(&mut self, out: &mut dyn Write, checked: &Checked) -> io::Result<()>;
    /// Writes what comes after the last result.
    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}

/// What an emitter may need beyond the results.
pub struct RenderOptions<'a> {
    /// Colour text output.
    pub color: bool,
    /// Leave out the closing summary line of text output (`--quiet`).
    pub quiet: bool,
    /// The guideline, for rule documentation (SARIF).
    pub checker: Option<&'a Checker>,
}

/// A rule's documentation as output formats need it.
#[derive(Debug, Clone)]
pub struct RuleDoc {
    /// The rule's metadata.
    pub meta: RuleMeta,
    /// Its severity in this guideline (`None`: off).
    pub severity: Option<Severity>,
}

/// The emitter for a format.
pub fn emitter(format: OutputFormat, options: &RenderOptions<'_>) -> Box<dyn Emitter> {
    match format {
        OutputFormat::Text => Box::new(text::TextEmitter::new(options.color, options.quiet)),
        OutputFormat::Json => Box::new(json::JsonEmitter::document()),
        OutputFormat::Jsonl => Box::new(json::JsonEmitter::lines()),
        OutputFormat::Sarif => {
            let rules = options
                .checker
                .map(|checker| {
                    checker.rules().map(|(meta, severity)| RuleDoc { meta: meta.clone(), severity }).collect()
                })
                .unwrap_or_default();
            Box::new(sarif::SarifEmitter::new(rules))
        }
        OutputFormat::Github => Box::new(github::GithubEmitter),
        OutputFormat::Junit => Box::new(junit::JunitEmitter::default()),
    }
}

/// Whether to colour output written to standard output: only on a terminal,
/// and never when `NO_COLOR` is set to anything non-empty.
pub fn use_color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty()) && std::io::stdout().is_terminal()
}

/// The 0-based character offset of a byte offset (SARIF counts characters).
pub fn char_offset(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |prefix| prefix.chars().count())
}

/// A diagnostic's message and help as one sentence sequence, for formats
/// with a single message field.
pub fn message_with_help(diagnostic: &postlint_core::Diagnostic) -> String {
    let message = diagnostic.message.trim_end();
    if diagnostic.help.is_empty() {
        return message.to_owned();
    }
    let stop = if message.ends_with(['.', '!', '?', '…', ':']) { "" } else { "." };
    format!("{message}{stop} {}", diagnostic.help)
}
