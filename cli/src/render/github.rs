//! `--format github`: GitHub Actions workflow commands, which GitHub shows as
//! annotations on the pull request's changed lines.
//!
//! `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::MESSAGE`.
//! As GitHub documents, data escapes `%`, `\r` and `\n`; property values
//! also escape `:` and `,`.

use std::io::{self, Write};

use postlint_core::{Encoding, Locator, Severity};

use super::{message_with_help, Checked, Emitter, Summary};

/// GitHub Actions annotations.
pub struct GithubEmitter;

/// Escapes a command's message.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

impl Emitter for GithubEmitter {
    fn emit(&mut self, out: &mut dyn Write, checked: &Checked) -> io::Result<()> {
        let file = match &checked.batch {
            Some(batch) => batch.file.as_str(),
            None => checked.source.as_str(),
        };
        let file_property = (file != "-").then(|| format!("file={}", escape_property(file)));
        let report = match &checked.outcome {
            Ok(report) => report,
            Err(message) => {
                let mut properties: Vec<String> = file_property.into_iter().collect();
                if let Some(batch) = &checked.batch {
                    properties.push(format!("line={}", batch.line.max(1)));
                }
                properties.push(format!("title={}", escape_property("postlint: cannot check")));
                let text = format!("{}: {message}", checked.source);
                return writeln!(out, "::error {}::{}", properties.join(","), escape_data(&text));
            }
        };
        let locator = Locator::new(&checked.text, Encoding::Utf8);
        for diagnostic in &report.diagnostics {
            let mut properties: Vec<String> = file_property.iter().cloned().collect();
            let mut message = message_with_help(diagnostic);
            match &checked.batch {
                None => {
                    let (line, column) = locator.line_column(diagnostic.span.start);
                    let (end_line, end_column) = locator.line_column(diagnostic.span.end);
                    properties.push(format!("line={line},col={column},endLine={end_line},endColumn={end_column}"));
                }
                Some(batch) => {
                    // Columns inside the draft do not match the batch file's.
                    properties.push(format!("line={}", batch.line.max(1)));
                    let (line, column) = locator.line_column(diagnostic.span.start);
                    message = format!("{} (line {line}, column {column} of the draft): {message}", checked.source);
                }
            }
            properties.push(format!("title={}", escape_property(&diagnostic.rule)));
            writeln!(out, "::{} {}::{}", command(diagnostic.severity), properties.join(","), escape_data(&message))?;
        }
        Ok(())
    }

    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50% off\r\nnow: yes, really"), "50%25 off%0D%0Anow: yes, really");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
