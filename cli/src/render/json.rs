//! `--format json` and `--format jsonl`.

use std::io::{self, Write};

use postlint_core::{Encoding, EntityList, LocatedDiagnostic, Locator, PlatformMetrics};
use serde::Serialize;
use serde_json::Value;

use super::{Checked, Emitter, Summary};

/// Writes results as JSON: one document, or one line per result.
pub struct JsonEmitter {
    lines: bool,
    written: usize,
    /// One result's JSON, written out in one call: serde writes a token at a
    /// time, which through `dyn Write` cost more than making the JSON.
    buffer: Vec<u8>,
}

impl JsonEmitter {
    /// `{"version":1,"results":[…]}`.
    pub fn document() -> Self {
        JsonEmitter { lines: false, written: 0, buffer: Vec::new() }
    }

    /// One result per line.
    pub fn lines() -> Self {
        JsonEmitter { lines: true, written: 0, buffer: Vec::new() }
    }
}

/// One result as the JSON formats write it (field order is the documented one).
#[derive(Serialize)]
pub struct ResultRecord<'a> {
    /// Path, `-`, or `FILE:LINE`.
    pub source: &'a str,
    /// The batch id, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a Value>,
    /// A calendar row's date, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<&'a str>,
    /// Why the draft could not be checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'a str>,
    /// Findings with UTF-8 byte offsets and 1-based lines and character columns.
    pub diagnostics: Vec<LocatedDiagnostic>,
    /// Per-platform metrics.
    pub platforms: &'a [PlatformMetrics],
    /// Hashtags, mentions, URLs and cashtags, as twitter-text extracts them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entities: Option<&'a EntityList>,
}

/// The record for one result.
pub fn result_record(checked: &Checked) -> ResultRecord<'_> {
    match &checked.outcome {
        Ok(report) => {
            let locator = Locator::new(&checked.text, Encoding::Utf8);
            ResultRecord {
                source: &checked.source,
                id: checked.id.as_ref(),
                date: checked.date.as_deref(),
                error: None,
                diagnostics: report.diagnostics.iter().map(|diagnostic| locator.locate(diagnostic)).collect(),
                platforms: &report.platforms,
                entities: Some(&report.entities),
            }
        }
        Err(message) => ResultRecord {
            source: &checked.source,
            id: checked.id.as_ref(),
            date: checked.date.as_deref(),
            error: Some(message),
            diagnostics: Vec::new(),
            platforms: &[],
            entities: None,
        },
    }
}

impl Emitter for JsonEmitter {
    fn emit(&mut self, out: &mut dyn Write, checked: &Checked) -> io::Result<()> {
        self.buffer.clear();
        if !self.lines {
            self.buffer.extend_from_slice(if self.written == 0 { b"{\"version\":1,\"results\":[" } else { b"," });
        }
        serde_json::to_writer(&mut self.buffer, &result_record(checked))?;
        if self.lines {
            self.buffer.push(b'\n');
        }
        self.written += 1;
        out.write_all(&self.buffer)
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        if !self.lines {
            out.write_all(if self.written == 0 { b"{\"version\":1,\"results\":[]}\n" } else { b"]}\n" })?;
        }
        Ok(())
    }
}
