//! Errors in guideline files and rule packs.

use std::fmt;

use crate::line_index::LineIndex;

/// A mistake in a guideline file or rule pack, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct GuidelineError {
    /// The file's name as the user knows it (a path, or `built-in pack inclusion`).
    pub file: String,
    /// 1-based line, 0 when the error has no position.
    pub line: usize,
    /// 1-based column in characters, 0 when the error has no position.
    pub column: usize,
    /// The key in error, as a dotted path (`rules[2].pattern`), when known.
    pub key: Option<String>,
    /// What is wrong, and what to do where that is clear.
    pub message: String,
}

impl fmt::Display for GuidelineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        if let Some(key) = &self.key {
            write!(f, ": key `{key}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A guideline or pack text with its name, for positioned errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The name errors show.
    pub name: String,
    /// The TOML text.
    pub text: String,
}

impl SourceFile {
    /// A named text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile { name: name.into(), text: text.into() }
    }

    /// An error at a byte offset of this file.
    pub fn error_at(&self, offset: Option<usize>, key: Option<String>, message: impl Into<String>) -> GuidelineError {
        let (line, column) = match offset {
            Some(offset) => {
                let position = LineIndex::new(&self.text).line_column(offset);
                (position.line, position.column)
            }
            None => (0, 0),
        };
        GuidelineError { file: self.name.clone(), line, column, key, message: message.into() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_column_and_key() {
        let file = SourceFile::new("postlint.toml", "a = 1\nbb = 2\n");
        let error = file.error_at(Some(7), Some("bb".into()), "bad");
        assert_eq!(error.to_string(), "postlint.toml:2:2: key `bb`: bad");
    }
}
