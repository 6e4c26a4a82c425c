//! `--format sarif`: SARIF 2.1.0, the OASIS format code-scanning dashboards
//! (GitHub code scanning, Azure DevOps, many IDEs) read.
//!
//! Results stream: the run's `results` are written as they come, and
//! `tool.driver.rules` (only the rules that fired, indexed by `ruleIndex`)
//! after them, which JSON's unordered objects allow.
//!
//! Columns count Unicode code points (`columnKind: "unicodeCodePoints"`), the
//! same as postlint's text and JSON output. A batch item (`FILE:LINE`) is
//! located at its line in the batch file; where the finding sits inside the
//! draft is in the result's `properties`.

use std::collections::BTreeMap;
use std::io::{self, Write};

use postlint_core::{Diagnostic, Encoding, Locator, Severity};
use serde_json::{json, Value};

use super::{char_offset, Checked, Emitter, RuleDoc, Summary};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");

/// SARIF output.
pub struct SarifEmitter {
    rules: BTreeMap<String, RuleDoc>,
    /// Rules that fired, in order of first appearance.
    used: Vec<String>,
    written: usize,
    started: bool,
    notifications: Vec<Value>,
}

impl SarifEmitter {
    /// An emitter that documents rules from `rules`.
    pub fn new(rules: Vec<RuleDoc>) -> Self {
        SarifEmitter {
            rules: rules.into_iter().map(|doc| (doc.meta.id.to_string(), doc)).collect(),
            used: Vec::new(),
            written: 0,
            started: false,
            notifications: Vec::new(),
        }
    }

    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            write!(out, "{{\"$schema\":\"{SCHEMA}\",\"version\":\"2.1.0\",\"runs\":[{{\"results\":[")?;
        }
        Ok(())
    }

    fn rule_index(&mut self, id: &str) -> usize {
        match self.used.iter().position(|used| used == id) {
            Some(index) => index,
            None => {
                self.used.push(id.to_owned());
                self.used.len() - 1
            }
        }
    }

    fn rule_descriptor(&self, id: &str) -> Value {
        let Some(doc) = self.rules.get(id) else {
            return json!({ "id": id, "name": rule_name(id), "shortDescription": { "text": id } });
        };
        let meta = &doc.meta;
        let severity = doc.severity.unwrap_or(meta.default_severity);
        let mut full = meta.summary.clone();
        if !meta.why.trim().is_empty() {
            full.push_str("\n\n");
            full.push_str(meta.why.trim());
        }
        let markdown = postlint_core::rule::explain(meta, doc.severity);
        let mut tags = vec![meta.category.as_str().to_owned(), meta.sureness.as_str().to_owned()];
        if meta.fixable {
            tags.push("fixable".to_owned());
        }
        json!({
            "id": meta.id,
            "name": rule_name(&meta.id),
            "shortDescription": { "text": meta.summary },
            "fullDescription": { "text": full },
            "help": { "text": format!("{full}\n\nRun `postlint explain {}` for examples.", meta.id), "markdown": markdown },
            "defaultConfiguration": { "level": level(severity) },
            "properties": { "category": meta.category.as_str(), "tags": tags },
        })
    }
}

/// A SARIF rule `name`: the id's words in PascalCase (`inclusion.gendered-greeting` → `InclusionGenderedGreeting`).
fn rule_name(id: &str) -> String {
    id.split(['.', '-', '_'])
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
        })
        .collect()
}

/// SARIF's `level` for a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a SARIF URI reference: forward slashes, reserved bytes percent-encoded.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

fn region(checked: &Checked, locator: &Locator, diagnostic: &Diagnostic) -> Value {
    let (start_line, start_column) = locator.line_column(diagnostic.span.start);
    let (end_line, end_column) = locator.line_column(diagnostic.span.end);
    let char_start = char_offset(&checked.text, diagnostic.span.start);
    let char_end = char_offset(&checked.text, diagnostic.span.end);
    json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
        "charOffset": char_start,
        "charLength": char_end - char_start,
    })
}

impl Emitter for SarifEmitter {
    fn emit(&mut self, out: &mut dyn Write, checked: &Checked) -> io::Result<()> {
        self.start(out)?;
        let report = match &checked.outcome {
            Ok(report) => report,
            Err(message) => {
                let mut location =
                    json!({ "physicalLocation": { "artifactLocation": { "uri": uri(artifact(checked)) } } });
                if let Some(batch) = &checked.batch {
                    location["physicalLocation"]["region"] = json!({ "startLine": batch.line.max(1) });
                }
                self.notifications.push(json!({
                    "level": "error",
                    "message": { "text": format!("{}: {message}", checked.source) },
                    "locations": [location],
                }));
                return Ok(());
            }
        };
        let locator = Locator::new(&checked.text, Encoding::Utf8);
        for diagnostic in &report.diagnostics {
            let rule_index = self.rule_index(&diagnostic.rule);
            let message = super::message_with_help(diagnostic);
            let mut result = json!({
                "ruleId": diagnostic.rule,
                "ruleIndex": rule_index,
                "level": level(diagnostic.severity),
                "message": { "text": message },
            });
            let draft_region = region(checked, &locator, diagnostic);
            let artifact_location = json!({ "uri": uri(artifact(checked)) });
            match &checked.batch {
                None => {
                    result["locations"] = json!([{ "physicalLocation": {
                        "artifactLocation": artifact_location,
                        "region": draft_region,
                    }}]);
                    let fixes: Vec<Value> = diagnostic
                        .fixes
                        .iter()
                        .map(|fix| {
                            let replacements: Vec<Value> = fix
                                .edits
                                .iter()
                                .map(|edit| {
                                    let start = char_offset(&checked.text, edit.span.start);
                                    let end = char_offset(&checked.text, edit.span.end);
                                    let (start_line, start_column) = locator.line_column(edit.span.start);
                                    let (end_line, end_column) = locator.line_column(edit.span.end);
                                    json!({
                                        "deletedRegion": {
                                            "startLine": start_line, "startColumn": start_column,
                                            "endLine": end_line, "endColumn": end_column,
                                            "charOffset": start, "charLength": end - start,
                                        },
                                        "insertedContent": { "text": edit.replacement },
                                    })
                                })
                                .collect();
                            json!({
                                "description": { "text": fix.title },
                                "artifactChanges": [{ "artifactLocation": { "uri": uri(artifact(checked)) }, "replacements": replacements }],
                                "properties": { "safe": fix.safe },
                            })
                        })
                        .collect();
                    if !fixes.is_empty() {
                        result["fixes"] = Value::Array(fixes);
                    }
                }
                Some(batch) => {
                    // The draft is one line (or row) of the batch file: point there,
                    // and say where inside the draft the finding is.
                    result["locations"] = json!([{
                        "physicalLocation": { "artifactLocation": artifact_location, "region": { "startLine": batch.line.max(1) } },
                        "logicalLocations": [{ "name": checked.source, "kind": "member" }],
                    }]);
                    let mut properties = json!({ "source": checked.source, "draftRegion": draft_region });
                    if let Some(id) = &checked.id {
                        properties["id"] = id.clone();
                    }
                    if let Some(date) = &checked.date {
                        properties["date"] = json!(date);
                    }
                    result["properties"] = properties;
                }
            }
            out.write_all(if self.written == 0 { b"" } else { b"," })?;
            serde_json::to_writer(&mut *out, &result)?;
            self.written += 1;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        self.start(out)?;
        let rules: Vec<Value> = self.used.iter().map(|id| self.rule_descriptor(id)).collect();
        let driver = json!({
            "name": "postlint",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "informationUri": INFORMATION_URI,
            "rules": rules,
        });
        let invocation = json!({
            "executionSuccessful": self.notifications.is_empty(),
            "toolExecutionNotifications": self.notifications,
        });
        writeln!(
            out,
            "],\"tool\":{{\"driver\":{driver}}},\"invocations\":[{invocation}],\"columnKind\":\"unicodeCodePoints\"}}]}}"
        )
    }
}

/// The file a result belongs to: the path, or the batch file.
fn artifact(checked: &Checked) -> &str {
    match &checked.batch {
        Some(batch) => &batch.file,
        None if checked.source == "-" => "stdin",
        None => &checked.source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_uris() {
        assert_eq!(rule_name("inclusion.gendered-greeting"), "InclusionGenderedGreeting");
        assert_eq!(uri("drafts\\my post.md"), "drafts/my%20post.md");
        assert_eq!(uri("café.md"), "caf%C3%A9.md");
    }
}
