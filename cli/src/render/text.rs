//! `--format text`: rustc/ruff-style findings with the source line underlined.

use std::io::{self, Write};

use postlint_core::{LineIndex, Severity};
use unicode_width::UnicodeWidthStr;

use super::{Checked, Emitter, Summary};

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const CYAN: &str = "\x1b[36m";

fn severity_color(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "\x1b[1;31m",
        Severity::Warning => "\x1b[1;33m",
        Severity::Info => "\x1b[1;34m",
    }
}

/// Human-readable output.
pub struct TextEmitter {
    color: bool,
    quiet: bool,
}

impl TextEmitter {
    /// A text emitter, coloured or not.
    pub fn new(color: bool, quiet: bool) -> Self {
        TextEmitter { color, quiet }
    }

    fn paint(&self, style: &str, text: &str) -> String {
        if self.color {
            format!("{style}{text}{RESET}")
        } else {
            text.to_owned()
        }
    }
}

/// Tabs and other control characters would shift the underline; show them as spaces.
fn printable(line: &str) -> String {
    line.chars().map(|ch| if ch.is_control() { ' ' } else { ch }).collect()
}

impl Emitter for TextEmitter {
    fn emit(&mut self, out: &mut dyn Write, checked: &Checked) -> io::Result<()> {
        let report = match &checked.outcome {
            Err(message) => {
                writeln!(
                    out,
                    "{}: {} {message}",
                    checked.source,
                    self.paint(severity_color(Severity::Error), "error:")
                )?;
                return Ok(());
            }
            Ok(report) => report,
        };
        if report.diagnostics.is_empty() {
            return Ok(());
        }
        let index = LineIndex::new(&checked.text);
        for diagnostic in &report.diagnostics {
            let start = index.line_column(diagnostic.span.start);
            writeln!(
                out,
                "{}  {}  {}  {}",
                self.paint(BOLD, &format!("{}:{}:{}", checked.source, start.line, start.column)),
                self.paint(severity_color(diagnostic.severity), diagnostic.severity.as_str()),
                self.paint(DIM, &diagnostic.rule),
                diagnostic.message
            )?;
            // The first line of the span, underlined.
            let line_start = index.line_start(start.line);
            let line_end = checked.text[line_start..].find('\n').map_or(checked.text.len(), |at| line_start + at);
            let line = checked.text[line_start..line_end].trim_end_matches('\r');
            let number = start.line.to_string();
            let gutter = " ".repeat(number.len());
            let underline_start = diagnostic.span.start.clamp(line_start, line_start + line.len());
            let underline_end = diagnostic.span.end.clamp(underline_start, line_start + line.len());
            let pad = printable(&checked.text[line_start..underline_start]).width();
            let carets = printable(&checked.text[underline_start..underline_end]).width().max(1);
            writeln!(out, "{} {}", gutter, self.paint(CYAN, "|"))?;
            writeln!(out, "{} {} {}", self.paint(CYAN, &number), self.paint(CYAN, "|"), printable(line))?;
            writeln!(
                out,
                "{} {} {}{}",
                gutter,
                self.paint(CYAN, "|"),
                " ".repeat(pad),
                self.paint(severity_color(diagnostic.severity), &"^".repeat(carets))
            )?;
            if !diagnostic.help.is_empty() {
                writeln!(out, "{} {} help: {}", gutter, self.paint(CYAN, "="), diagnostic.help)?;
            }
            for fix in diagnostic.fixes.iter().take(3) {
                let safety = if fix.safe { "" } else { " (review)" };
                writeln!(out, "{} {} fix: {}{safety}", gutter, self.paint(CYAN, "="), fix.title)?;
            }
            writeln!(out)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        let [info, warnings, errors] = summary.findings;
        let total = info + warnings + errors;
        let plural = |count: usize, word: &str| format!("{count} {word}{}", if count == 1 { "" } else { "s" });
        let mut line = if total == 0 {
            format!("No problems found in {}.", plural(summary.drafts, "draft"))
        } else {
            format!(
                "Found {} ({}, {}, {info} info) in {} of {}.",
                plural(total, "problem"),
                plural(errors, "error"),
                plural(warnings, "warning"),
                summary.drafts_with_findings,
                plural(summary.drafts, "draft"),
            )
        };
        if summary.errors > 0 {
            line.push_str(&format!(" {} could not be checked.", plural(summary.errors, "input")));
        }
        writeln!(out, "{}", self.paint(BOLD, &line))
    }
}
