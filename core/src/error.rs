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

    /// An error from the TOML parser or from deserializing into our schema,
    /// with the key it concerns found from its position.
    pub(crate) fn toml_error(&self, error: &toml::de::Error) -> GuidelineError {
        let offset = error.span().map(|span| span.start);
        let key = offset.and_then(|offset| key_path_at(&self.text, offset));
        let mut message = error.message().trim().to_owned();
        // serde says "unknown field `x`, expected one of `a`, `b`": add the likely one.
        if let Some(unknown) = message.strip_prefix("unknown field `").and_then(|rest| rest.split('`').next()) {
            let expected: Vec<&str> = message.split('`').skip(3).step_by(2).collect();
            if let Some(best) = crate::suggest::closest(unknown, expected.iter().copied()) {
                message = format!("{message}; did you mean `{best}`?");
            }
        }
        self.error_at(offset, key, message)
    }
}

/// The dotted key path whose key or value contains `offset`, such as
/// `rules[1].severity` or `hashtags.max`.
fn key_path_at(text: &str, offset: usize) -> Option<String> {
    let table = toml::de::DeTable::parse(text).ok()?;
    let mut path = String::new();
    find_in_table(table.get_ref(), offset, &mut path).then_some(path)
}

/// Depth-first search for the innermost entry holding `offset`. Every entry
/// is visited, because a `[table]` header's value span does not cover its body.
fn find_in_table(table: &toml::de::DeTable<'_>, offset: usize, path: &mut String) -> bool {
    for (key, value) in table.iter() {
        let length = path.len();
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key.get_ref());
        let key_span = key.span();
        if key_span.start <= offset && offset < key_span.end {
            return true;
        }
        if find_in_value(value, offset, path) {
            return true;
        }
        path.truncate(length);
    }
    false
}

fn find_in_value(value: &serde_spanned::Spanned<toml::de::DeValue<'_>>, offset: usize, path: &mut String) -> bool {
    use toml::de::DeValue;
    let span = value.span();
    match value.get_ref() {
        DeValue::Table(table) => find_in_table(table, offset, path),
        DeValue::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let length = path.len();
                path.push_str(&format!("[{index}]"));
                if find_in_value(item, offset, path) {
                    return true;
                }
                path.truncate(length);
            }
            span.start <= offset && offset < span.end
        }
        _ => span.start <= offset && offset < span.end,
    }
}

/// The byte offset of the key (or, for an indexed path, the element) at a key path such as `platforms[1]` or
/// `hashtags.max.x`, for errors found after deserializing.
pub(crate) fn offset_of(text: &str, key_path: &str) -> Option<usize> {
    use toml::de::DeValue;
    let table = toml::de::DeTable::parse(text).ok()?;
    let mut segments = key_path.split('.').peekable();
    let mut current = table.get_ref();
    while let Some(segment) = segments.next() {
        let (name, indices) = match segment.find('[') {
            Some(at) => (&segment[..at], &segment[at..]),
            None => (segment, ""),
        };
        let (key, mut value) = current.iter().find(|(key, _)| key.get_ref() == name)?;
        for index in indices.split(['[', ']']).filter(|part| !part.is_empty()) {
            let index: usize = index.parse().ok()?;
            match value.get_ref() {
                DeValue::Array(items) => value = items.get(index)?,
                _ => return None,
            }
        }
        if segments.peek().is_none() {
            // An indexed element points at the value; a named key at the key.
            return Some(if indices.is_empty() { key.span().start } else { value.span().start });
        }
        match value.get_ref() {
            DeValue::Table(table) => current = table,
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_paths() {
        let text = "platforms = [\"x\"]\n[hashtags]\nmax = \"three\"\n[[rules]]\nid = \"a\"\n[[rules]]\nid = \"b\"\nseverity = \"loud\"\n";
        assert_eq!(key_path_at(text, text.find("three").unwrap()).as_deref(), Some("hashtags.max"));
        assert_eq!(key_path_at(text, text.find("loud").unwrap()).as_deref(), Some("rules[1].severity"));
        assert_eq!(key_path_at(text, text.find("\"x\"").unwrap()).as_deref(), Some("platforms[0]"));
        assert_eq!(offset_of(text, "platforms[0]"), text.find("\"x\""));
        assert_eq!(offset_of(text, "rules[1].severity"), text.find("severity"));
    }

    #[test]
    fn display_names_file_line_column_and_key() {
        let file = SourceFile::new("postlint.toml", "a = 1\nbb = 2\n");
        let error = file.error_at(Some(7), Some("bb".into()), "bad");
        assert_eq!(error.to_string(), "postlint.toml:2:2: key `bb`: bad");
    }
}
