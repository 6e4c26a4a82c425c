//! Diagnostics with positions a host can use: offsets in the host's unit
//! plus 1-based lines and columns. The CLI and the WebAssembly module both
//! serialize these, so their field names are the same by construction.

use serde::Serialize;

use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::line_index::LineIndex;

/// The unit of offsets and columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// Offsets in UTF-8 bytes, columns in characters (Rust, the CLI).
    #[default]
    Utf8,
    /// Offsets and columns in UTF-16 code units (JavaScript strings, editors).
    Utf16,
}

/// An edit with converted offsets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocatedEdit {
    /// Start offset.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// The new text.
    pub replacement: String,
}

/// A fix with converted offsets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocatedFix {
    /// What the fix does.
    pub title: String,
    /// Whether it may be applied without review.
    pub safe: bool,
    /// The edits.
    pub edits: Vec<LocatedEdit>,
}

/// A diagnostic with converted offsets, lines and columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocatedDiagnostic {
    /// Rule id.
    pub rule: String,
    /// Guideline area.
    pub category: Category,
    /// Severity.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: String,
    /// Start offset.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// 1-based line of the start.
    pub line: usize,
    /// 1-based column of the start.
    pub column: usize,
    /// 1-based line of the end.
    pub end_line: usize,
    /// 1-based column of the end (exclusive).
    pub end_column: usize,
    /// Ways to fix it, preferred first.
    pub fixes: Vec<LocatedFix>,
}

/// Converts byte offsets of one text to a host's unit.
pub struct Locator {
    index: LineIndex,
    encoding: Encoding,
}

impl Locator {
    /// A locator for `text`.
    pub fn new(text: &str, encoding: Encoding) -> Self {
        Locator { index: LineIndex::new(text), encoding }
    }

    /// The line index behind the locator.
    pub fn line_index(&self) -> &LineIndex {
        &self.index
    }

    /// Converts a byte offset.
    pub fn offset(&self, byte: usize) -> usize {
        match self.encoding {
            Encoding::Utf8 => byte,
            Encoding::Utf16 => self.index.utf16_offset(byte),
        }
    }

    /// The 1-based line and column of a byte offset.
    pub fn line_column(&self, byte: usize) -> (usize, usize) {
        let position = self.index.line_column(byte);
        match self.encoding {
            Encoding::Utf8 => (position.line, position.column),
            Encoding::Utf16 => {
                let line_start = self.index.line_start(position.line);
                (position.line, self.index.utf16_offset(byte) - self.index.utf16_offset(line_start) + 1)
            }
        }
    }

    /// Converts a diagnostic.
    pub fn locate(&self, diagnostic: &Diagnostic) -> LocatedDiagnostic {
        let (line, column) = self.line_column(diagnostic.span.start);
        let (end_line, end_column) = self.line_column(diagnostic.span.end);
        LocatedDiagnostic {
            rule: diagnostic.rule.to_string(),
            category: diagnostic.category,
            severity: diagnostic.severity,
            message: diagnostic.message.clone(),
            help: diagnostic.help.to_string(),
            start: self.offset(diagnostic.span.start),
            end: self.offset(diagnostic.span.end),
            line,
            column,
            end_line,
            end_column,
            fixes: diagnostic
                .fixes
                .iter()
                .map(|fix| LocatedFix {
                    title: fix.title.clone(),
                    safe: fix.safe,
                    edits: fix
                        .edits
                        .iter()
                        .map(|edit| LocatedEdit {
                            start: self.offset(edit.span.start),
                            end: self.offset(edit.span.end),
                            replacement: edit.replacement.clone(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn diagnostic(span: Span) -> Diagnostic {
        Diagnostic {
            rule: "a.b".into(),
            category: Category::Style,
            severity: Severity::Info,
            message: String::new(),
            help: "".into(),
            span,
            fixes: vec![crate::Fix::replace("t", span, "x")],
        }
    }

    #[test]
    fn utf8_and_utf16_positions() {
        let text = "😀 ok\nà guys";
        let start = text.find("guys").unwrap();
        let found = diagnostic(Span::new(start, start + 4));
        let utf8 = Locator::new(text, Encoding::Utf8).locate(&found);
        assert_eq!((utf8.start, utf8.line, utf8.column, utf8.end_column), (start, 2, 3, 7));
        let utf16 = Locator::new(text, Encoding::Utf16).locate(&found);
        assert_eq!((utf16.start, utf16.end), (8, 12));
        assert_eq!((utf16.line, utf16.column), (2, 3));
        assert_eq!(utf16.fixes[0].edits[0].start, 8);
    }
}
