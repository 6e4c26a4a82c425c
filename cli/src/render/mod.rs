//! Output formats. Each format is an [`Emitter`] that receives results one
//! at a time, in input order, so batches stream.

mod json;
mod text;

use std::io::{self, Write};

use postlint_core::{Report, Severity};

use crate::args::OutputFormat;

/// A checked draft, or the error that kept it from being checked.
pub struct Checked {
    /// Path, `-`, or `FILE:LINE`.
    pub source: String,
    /// The batch id, if any.
    pub id: Option<serde_json::Value>,
    /// The draft text (empty on error).
    pub text: String,
    /// The findings, or why there are none.
    pub outcome: Result<Report, String>,
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
                for diagnostic in &report.diagnostics {
                    self.findings[diagnostic.severity as usize] += 1;
                }
            }
        }
    }

    /// The most serious severity found.
    pub fn worst(&self) -> Option<Severity> {
        Severity::ALL.into_iter().rev().find(|severity| self.findings[*severity as usize] > 0)
    }
}

/// Writes results in one format.
pub trait Emitter {
    /// Writes one result.
    fn emit(&mut self, out: &mut dyn Write, checked: &Checked) -> io::Result<()>;
    /// Writes what comes after the last result.
    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}

/// The emitter for a format; `color` applies to text output only.
pub fn emitter(format: OutputFormat, color: bool) -> Box<dyn Emitter> {
    match format {
        OutputFormat::Text => Box::new(text::TextEmitter::new(color)),
        OutputFormat::Json => Box::new(json::JsonEmitter::document()),
        OutputFormat::Jsonl => Box::new(json::JsonEmitter::lines()),
    }
}

/// Whether to colour output written to standard output: only on a terminal,
/// and never when `NO_COLOR` is set to anything non-empty.
pub fn use_color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty()) && std::io::stdout().is_terminal()
}

mod count;
pub use count::CountTable;
