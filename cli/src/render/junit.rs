//! `--format junit`: JUnit XML, which CI servers (GitLab, Jenkins, Azure
//! Pipelines, CircleCI, …) show as test reports.
//!
//! One `<testsuite>` per draft; one failing `<testcase>` per finding, or one
//! passing test case for a clean draft; a draft that could not be read is a
//! test case with an `<error>`.

use std::io::{self, Write};

use postlint_core::{Encoding, Locator};

use super::{Checked, Emitter, Summary};

/// JUnit XML.
#[derive(Default)]
pub struct JunitEmitter {
    started: bool,
}

/// Escapes text for XML content and attribute values. Characters XML 1.0
/// cannot hold at all (most control characters) become U+FFFD.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\n' => escaped.push_str("&#10;"),
            '\r' => escaped.push_str("&#13;"),
            '\t' => escaped.push_str("&#9;"),
            ch if (ch as u32) < 0x20 || ch == '\u{fffe}' || ch == '\u{ffff}' => escaped.push('\u{fffd}'),
            ch => escaped.push(ch),
        }
    }
    escaped
}

impl JunitEmitter {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
            writeln!(out, "<testsuites name=\"postlint\">")?;
        }
        Ok(())
    }
}

impl Emitter for JunitEmitter {
    fn emit(&mut self, out: &mut dyn Write, checked: &Checked) -> io::Result<()> {
        self.start(out)?;
        let name = escape(&checked.source);
        let report = match &checked.outcome {
            Ok(report) => report,
            Err(message) => {
                writeln!(out, "  <testsuite name=\"{name}\" tests=\"1\" failures=\"0\" errors=\"1\">")?;
                writeln!(out, "    <testcase name=\"read\" classname=\"{name}\">")?;
                writeln!(out, "      <error message=\"{}\" type=\"input\"/>", escape(message))?;
                writeln!(out, "    </testcase>")?;
                return writeln!(out, "  </testsuite>");
            }
        };
        let count = report.diagnostics.len();
        writeln!(out, "  <testsuite name=\"{name}\" tests=\"{}\" failures=\"{count}\" errors=\"0\">", count.max(1))?;
        if count == 0 {
            writeln!(out, "    <testcase name=\"postlint\" classname=\"{name}\"/>")?;
        }
        let locator = Locator::new(&checked.text, Encoding::Utf8);
        for diagnostic in &report.diagnostics {
            let (line, column) = locator.line_column(diagnostic.span.start);
            writeln!(
                out,
                "    <testcase name=\"{} at {line}:{column}\" classname=\"{name}\" file=\"{}\" line=\"{line}\">",
                escape(&diagnostic.rule),
                escape(checked.batch.as_ref().map_or(&checked.source, |batch| &batch.file)),
            )?;
            let mut details = format!(
                "{}:{line}:{column}: {} {}: {}",
                checked.source, diagnostic.severity, diagnostic.rule, diagnostic.message
            );
            if !diagnostic.help.is_empty() {
                details.push_str(&format!("\nhelp: {}", diagnostic.help));
            }
            for fix in &diagnostic.fixes {
                details.push_str(&format!("\nfix: {}{}", fix.title, if fix.safe { "" } else { " (review)" }));
            }
            let snippet: String = checked.text[diagnostic.span.start..diagnostic.span.end].chars().take(200).collect();
            if !snippet.is_empty() {
                details.push_str(&format!("\ntext: {snippet}"));
            }
            writeln!(
                out,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                escape(&diagnostic.message),
                diagnostic.severity,
                escape(&details)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        self.start(out)?;
        writeln!(out, "</testsuites>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_control_characters() {
        assert_eq!(escape("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
        assert_eq!(escape("a\u{1}b\nc"), "a\u{fffd}b&#10;c");
    }
}
