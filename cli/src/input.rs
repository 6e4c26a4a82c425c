//! Where drafts come from: files, directories, standard input, JSONL batches.

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use postlint_core::{Format, PlatformTarget};
use serde::Deserialize;

/// File extensions that are drafts when a directory is walked.
pub const DRAFT_EXTENSIONS: [&str; 4] = ["md", "markdown", "txt", "text"];

/// One draft to check, or the reason it could not be read.
#[derive(Debug)]
pub struct Input {
    /// Where it came from: a path, `-`, or `FILE:LINE` for a batch line.
    pub source: String,
    /// The batch id, if any.
    pub id: Option<serde_json::Value>,
    /// The publication date of a calendar row, as written.
    pub date: Option<String>,
    /// For a batch item: the file and the line it starts on.
    pub batch: Option<BatchOrigin>,
    /// The text, or why there is none.
    pub text: Result<String, String>,
    /// How it is written.
    pub format: Format,
    /// Platforms it names itself (batch lines); empty means the run's.
    pub platforms: Vec<PlatformTarget>,
}

/// Where a batch item sits in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchOrigin {
    /// The batch file as given (`-` for standard input).
    pub file: String,
    /// The 1-based line of the file where the item starts.
    pub line: u64,
}

impl Input {
    /// A draft read from `source`.
    pub fn new(source: String, text: Result<String, String>, format: Format) -> Self {
        Input { source, id: None, date: None, batch: None, text, format, platforms: Vec::new() }
    }

    /// An input that could not be read.
    pub fn failed(source: String, message: String) -> Self {
        Input::new(source, Err(message), Format::Text)
    }

    /// Marks the input as item of a batch `file`, starting on `line`.
    pub fn in_batch(mut self, file: &str, line: u64) -> Self {
        self.batch = Some(BatchOrigin { file: file.to_owned(), line });
        self
    }
}

/// The format a path's extension implies.
pub fn format_of(path: &Path) -> Format {
    match path.extension().and_then(|extension| extension.to_str()) {
        Some(extension) if extension.eq_ignore_ascii_case("md") || extension.eq_ignore_ascii_case("markdown") => {
            Format::Markdown
        }
        _ => Format::Text,
    }
}

/// Decodes a draft's bytes: UTF-8 only, with a clear error naming the first
/// bad byte, and binary files refused.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.contains(&0) {
        return Err("binary file (it contains NUL bytes); drafts must be UTF-8 text".to_owned());
    }
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|error| {
        format!("invalid UTF-8 at byte offset {}; save the draft as UTF-8", error.utf8_error().valid_up_to())
    })
}

/// Reads one file as a draft.
pub fn read_file(path: &Path) -> Input {
    let source = path.display().to_string();
    let text = std::fs::read(path).map_err(|error| format!("cannot read: {error}")).and_then(decode);
    Input::new(source, text, format_of(path))
}

/// Reads standard input as one draft.
pub fn read_stdin(format: Format) -> Input {
    let mut bytes = Vec::new();
    let text = std::io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .map_err(|error| format!("cannot read standard input: {error}"))
        .and_then(|_| decode(bytes));
    Input::new("-".to_owned(), text, format)
}

/// Expands the command line's paths into draft files, walking directories
/// (honouring `.gitignore`). Errors become inputs, so the rest still runs.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<Result<PathBuf, Input>> {
    let mut expanded = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            let walker = ignore::WalkBuilder::new(path).hidden(true).git_ignore(true).require_git(false).build();
            for entry in walker {
                match entry {
                    Ok(entry) => {
                        let is_draft = entry.file_type().is_some_and(|kind| kind.is_file())
                            && entry.path().extension().and_then(|e| e.to_str()).is_some_and(|extension| {
                                DRAFT_EXTENSIONS.iter().any(|known| known.eq_ignore_ascii_case(extension))
                            });
                        if is_draft {
                            found.push(entry.into_path());
                        }
                    }
                    Err(error) => expanded.push(Err(Input::failed(path.display().to_string(), error.to_string()))),
                }
            }
            found.sort();
            if found.is_empty() {
                expanded.push(Err(Input::failed(
                    path.display().to_string(),
                    format!("no drafts in this directory (looked for .{} files)", DRAFT_EXTENSIONS.join(", .")),
                )));
            }
            expanded.extend(found.into_iter().map(Ok));
        } else if path.exists() || path.as_os_str() == "-" {
            expanded.push(Ok(path.clone()));
        } else {
            expanded.push(Err(Input::failed(path.display().to_string(), "no such file or directory".to_owned())));
        }
    }
    expanded
}

/// One line of a JSONL batch. Other fields (a scheduler's `date`, a
/// dataset's `lang`) are ignored, so exported calendars load as they are.
#[derive(Debug, Deserialize)]
struct BatchLine {
    #[serde(default)]
    id: Option<serde_json::Value>,
    text: String,
    #[serde(default)]
    platform: Option<PlatformField>,
    #[serde(default)]
    format: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum PlatformField {
    One(String),
    Many(Vec<String>),
}

/// Parses one JSONL line into an input; `source` names the file and line.
pub fn parse_batch_line(source: String, line: &str) -> Input {
    let parsed: BatchLine = match serde_json::from_str(line) {
        Ok(parsed) => parsed,
        Err(error) => {
            let message = if error.to_string().contains("missing field `text`") {
                "this line has no \"text\" field".to_owned()
            } else {
                format!("malformed JSON: {error}")
            };
            return Input::failed(source, message);
        }
    };
    let mut input = Input::new(source, Ok(parsed.text), Format::Text);
    input.id = parsed.id;
    if let Some(name) = parsed.format {
        match Format::from_name(&name) {
            Some(format) => input.format = format,
            None => {
                input.text = Err(format!("unknown format `{name}`: use \"text\" or \"markdown\""));
                return input;
            }
        }
    }
    let names = match parsed.platform {
        None => Vec::new(),
        Some(PlatformField::One(name)) => vec![name],
        Some(PlatformField::Many(names)) => names,
    };
    for name in names {
        match name.parse::<PlatformTarget>() {
            Ok(target) => input.platforms.push(target),
            Err(error) => {
                input.text = Err(error.to_string());
                return input;
            }
        }
    }
    input
}

/// Reads a JSONL batch in chunks of `chunk` lines, so memory stays flat
/// whatever the file's size. Blank lines are skipped.
pub struct BatchReader<R> {
    reader: R,
    name: String,
    line_number: usize,
    done: bool,
}

impl<R: BufRead> BatchReader<R> {
    /// Reads from `reader`, naming inputs `name:LINE`.
    pub fn new(reader: R, name: String) -> Self {
        BatchReader { reader, name, line_number: 0, done: false }
    }

    /// The next chunk of up to `size` raw lines with their sources and line
    /// numbers; empty at the end.
    pub fn next_chunk(&mut self, size: usize) -> Vec<(String, u64, Result<String, String>)> {
        let mut chunk = Vec::new();
        let mut buffer = Vec::new();
        while !self.done && chunk.len() < size {
            buffer.clear();
            match self.reader.read_until(b'\n', &mut buffer) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    self.line_number += 1;
                    let source = format!("{}:{}", self.name, self.line_number);
                    if buffer.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let line = String::from_utf8(std::mem::take(&mut buffer)).map_err(|error| {
                        format!("invalid UTF-8 at byte {} of this line", error.utf8_error().valid_up_to())
                    });
                    chunk.push((source, self.line_number as u64, line));
                }
                Err(error) => {
                    self.line_number += 1;
                    let source = format!("{}:{}", self.name, self.line_number);
                    chunk.push((source, self.line_number as u64, Err(format!("cannot read: {error}"))));
                    self.done = true;
                }
            }
        }
        chunk
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_names_the_bad_byte() {
        assert_eq!(decode(b"ok \xff".to_vec()).unwrap_err(), "invalid UTF-8 at byte offset 3; save the draft as UTF-8");
        assert!(decode(b"a\0b".to_vec()).unwrap_err().starts_with("binary file"));
        assert_eq!(decode(b"\xEF\xBB\xBFhi".to_vec()).unwrap(), "hi");
    }

    #[test]
    fn batch_lines() {
        let input = parse_batch_line("f:1".into(), r#"{"id": 7, "text": "hi", "platform": "x", "format": "markdown"}"#);
        assert_eq!(input.text.as_deref(), Ok("hi"));
        assert_eq!(input.format, Format::Markdown);
        assert_eq!(input.platforms.len(), 1);
        assert_eq!(parse_batch_line("f:2".into(), r#"{"id": 1}"#).text.unwrap_err(), "this line has no \"text\" field");
        assert!(parse_batch_line("f:3".into(), "{oops").text.unwrap_err().starts_with("malformed JSON"));
        assert!(parse_batch_line("f:4".into(), r#"{"text": "a", "platform": "myspace"}"#).text.is_err());
    }

    #[test]
    fn batch_reader_chunks_and_numbers_lines() {
        let data = "{\"text\":\"a\"}\n\n{\"text\":\"b\"}\n{\"text\":\"c\"}";
        let mut reader = BatchReader::new(data.as_bytes(), "batch.jsonl".into());
        let first = reader.next_chunk(2);
        assert_eq!(
            first.iter().map(|(source, _, _)| source.as_str()).collect::<Vec<_>>(),
            ["batch.jsonl:1", "batch.jsonl:3"]
        );
        let second = reader.next_chunk(2);
        assert_eq!(second.len(), 1);
        assert_eq!(second[0].0, "batch.jsonl:4");
        assert!(reader.next_chunk(2).is_empty());
    }
}
