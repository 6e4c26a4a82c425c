//! `postlint lsp`: a Language Server over standard input and output.
//!
//! It checks Markdown and plain-text documents as they are edited and
//! publishes the findings as diagnostics (positions in UTF-16, the LSP
//! default), offers fixes as quick fixes (the preferred one first, marked
//! `isPreferred`) plus a "fix all safe problems" source action, and reads
//! the guideline from the workspace root the way the CLI does, reloading it
//! when a guideline file is saved or changes on disk. A broken guideline is
//! shown as a diagnostic on the guideline file and with `window/showMessage`;
//! until it is mended the last good guideline (or the built-in default) is used.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;

use anyhow::{Context, Result};
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams, CodeActionProviderCapability,
    Diagnostic, DiagnosticSeverity, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams, InitializeParams, MessageType,
    NumberOrString, Position, PublishDiagnosticsParams, Range, ServerCapabilities, ServerInfo, ShowMessageParams,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, TextEdit,
    Uri, WorkspaceEdit,
};
use postlint_core::{Checker, Draft, Encoding, Format, Locator, Report, Severity};

use crate::guideline::{self, LoadError};

/// An open document.
struct Document {
    text: String,
    version: i32,
    format: Format,
    report: Report,
}

struct Server {
    connection: Connection,
    root: PathBuf,
    checker: Checker,
    /// The guideline file whose error is shown as a diagnostic, to clear it later.
    error_uri: Option<Uri>,
    documents: HashMap<Uri, Document>,
    next_request: i32,
}

/// Runs the server until the client says `exit`.
pub fn run() -> Result<ExitCode> {
    let (connection, io_threads) = Connection::stdio();
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            save: Some(TextDocumentSyncSaveOptions::Supported(true)),
            ..TextDocumentSyncOptions::default()
        })),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::SOURCE_FIX_ALL]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    };
    let (id, params) = connection.initialize_start().context("LSP: no initialize request")?;
    let params: InitializeParams = serde_json::from_value(params).context("LSP: bad initialize request")?;
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": ServerInfo { name: "postlint".to_owned(), version: Some(env!("CARGO_PKG_VERSION").to_owned()) },
    });
    connection.initialize_finish(id, result).context("LSP: initialize")?;
    let root = workspace_root(&params).unwrap_or_else(|| std::env::current_dir().unwrap_or_else(|_| ".".into()));
    let watch = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|workspace| workspace.did_change_watched_files.as_ref())
        .and_then(|watched| watched.dynamic_registration)
        .unwrap_or(false);
    let mut server = Server {
        connection,
        root,
        checker: Checker::default_guideline(),
        error_uri: None,
        documents: HashMap::new(),
        next_request: 0,
    };
    server.reload_guideline();
    if watch {
        server.watch_guidelines();
    }
    server.serve()?;
    drop(server);
    io_threads.join().context("LSP: I/O")?;
    Ok(ExitCode::SUCCESS)
}

#[allow(deprecated)] // `root_uri` and `root_path` are what older clients send.
fn workspace_root(params: &InitializeParams) -> Option<PathBuf> {
    params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .and_then(|folder| uri_to_path(&folder.uri))
        .or_else(|| params.root_uri.as_ref().and_then(uri_to_path))
        .or_else(|| params.root_path.as_ref().map(PathBuf::from))
}

/// The path of a `file:` URI.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let rest = text.strip_prefix("file://")?;
    // `file:///path` or `file://localhost/path`.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let bytes = rest.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' && index + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&rest[index + 1..index + 3], 16) {
                decoded.push(byte);
                index += 3;
                continue;
            }
        }
        decoded.push(bytes[index]);
        index += 1;
    }
    Some(PathBuf::from(String::from_utf8(decoded).ok()?))
}

/// The `file:` URI of a path.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let absolute = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().ok()?.join(path) };
    let mut text = String::from("file://");
    for byte in absolute.to_string_lossy().bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            text.push(byte as char);
        } else {
            text.push_str(&format!("%{byte:02X}"));
        }
    }
    Uri::from_str(&text).ok()
}

/// The draft format of a document, or `None` for documents postlint does not check.
fn document_format(language: &str, uri: &Uri) -> Option<Format> {
    match language {
        "markdown" | "mdx" => return Some(Format::Markdown),
        "plaintext" | "text" => return Some(Format::Text),
        _ => {}
    }
    let path = uri.as_str().to_ascii_lowercase();
    if path.ends_with(".md") || path.ends_with(".markdown") {
        Some(Format::Markdown)
    } else if path.ends_with(".txt") || path.ends_with(".text") {
        Some(Format::Text)
    } else {
        None
    }
}

/// The byte offset of an LSP position (UTF-16 column) in `text`, clamped.
pub fn byte_offset(text: &str, position: Position) -> usize {
    let mut line_start = 0;
    for _ in 0..position.line {
        match text[line_start..].find('\n') {
            Some(at) => line_start += at + 1,
            None => return text.len(),
        }
    }
    let line_end = text[line_start..].find('\n').map_or(text.len(), |at| line_start + at);
    let mut units = 0;
    for (offset, ch) in text[line_start..line_end].char_indices() {
        if units >= position.character as usize {
            return line_start + offset;
        }
        units += ch.len_utf16();
    }
    line_end
}

fn position(locator: &Locator, byte: usize) -> Position {
    let (line, column) = locator.line_column(byte);
    Position { line: (line - 1) as u32, character: (column - 1) as u32 }
}

fn lsp_diagnostic(locator: &Locator, diagnostic: &postlint_core::Diagnostic) -> Diagnostic {
    let severity = match diagnostic.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    };
    let message = if diagnostic.help.is_empty() {
        diagnostic.message.clone()
    } else {
        format!("{}\n{}", diagnostic.message, diagnostic.help)
    };
    Diagnostic {
        range: Range { start: position(locator, diagnostic.span.start), end: position(locator, diagnostic.span.end) },
        severity: Some(severity),
        code: Some(NumberOrString::String(diagnostic.rule.to_string())),
        source: Some("postlint".to_owned()),
        message,
        ..Diagnostic::default()
    }
}

impl Server {
    fn send(&self, message: Message) {
        // A closed connection ends the loop in `serve`; nothing to do here.
        let _ = self.connection.sender.send(message);
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        let params = serde_json::to_value(params).unwrap_or_default();
        self.send(Message::Notification(Notification::new(method.to_owned(), params)));
    }

    fn show(&self, kind: MessageType, message: String) {
        self.notify("window/showMessage", ShowMessageParams { typ: kind, message });
    }

    fn watch_guidelines(&mut self) {
        self.next_request += 1;
        let params = serde_json::json!({
            "registrations": [{
                "id": "postlint-guidelines",
                "method": "workspace/didChangeWatchedFiles",
                "registerOptions": { "watchers": [{ "globPattern": "**/*.toml" }] },
            }]
        });
        let id = RequestId::from(format!("postlint-{}", self.next_request));
        self.send(Message::Request(Request::new(id, "client/registerCapability".to_owned(), params)));
    }

    /// Loads the guideline that applies to the workspace root; on a mistake,
    /// shows it and keeps the previous guideline. Returns whether the
    /// guideline in use changed.
    fn reload_guideline(&mut self) -> bool {
        if let Some(uri) = self.error_uri.take() {
            self.notify(
                "textDocument/publishDiagnostics",
                PublishDiagnosticsParams { uri, diagnostics: vec![], version: None },
            );
        }
        let Some(path) = guideline::discover_from(self.root.clone()) else {
            self.checker = Checker::default_guideline();
            return true;
        };
        match guideline::load_path(&path) {
            Ok(checker) => {
                self.checker = checker;
                true
            }
            Err(error) => {
                self.show(MessageType::ERROR, format!("postlint: {error}"));
                if let LoadError::Guideline(error) = &error {
                    let file = PathBuf::from(&error.file);
                    let file =
                        if file.is_absolute() { file } else { std::env::current_dir().unwrap_or_default().join(file) };
                    if let Some(uri) = path_to_uri(&file) {
                        let at = Position {
                            line: error.line.saturating_sub(1) as u32,
                            character: error.column.saturating_sub(1) as u32,
                        };
                        let message = match &error.key {
                            Some(key) => format!("key `{key}`: {}", error.message),
                            None => error.message.clone(),
                        };
                        let diagnostic = Diagnostic {
                            range: Range { start: at, end: Position { line: at.line, character: at.character + 1 } },
                            severity: Some(DiagnosticSeverity::ERROR),
                            code: Some(NumberOrString::String("guideline".to_owned())),
                            source: Some("postlint".to_owned()),
                            message,
                            ..Diagnostic::default()
                        };
                        self.notify(
                            "textDocument/publishDiagnostics",
                            PublishDiagnosticsParams { uri: uri.clone(), diagnostics: vec![diagnostic], version: None },
                        );
                        self.error_uri = Some(uri);
                    }
                }
                false
            }
        }
    }

    fn check(&mut self, uri: &Uri) {
        let Some(document) = self.documents.get_mut(uri) else { return };
        document.report = self.checker.check(&Draft { text: &document.text, format: document.format, platforms: &[] });
        let locator = Locator::new(&document.text, Encoding::Utf16);
        let diagnostics = document.report.diagnostics.iter().map(|d| lsp_diagnostic(&locator, d)).collect();
        let params = PublishDiagnosticsParams { uri: uri.clone(), diagnostics, version: Some(document.version) };
        self.notify("textDocument/publishDiagnostics", params);
    }

    fn check_all(&mut self) {
        let uris: Vec<Uri> = self.documents.keys().cloned().collect();
        for uri in uris {
            self.check(&uri);
        }
    }

    fn is_guideline(uri: &Uri) -> bool {
        uri.as_str().ends_with(".toml")
    }

    fn code_actions(&self, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = &params.text_document.uri;
        let Some(document) = self.documents.get(uri) else { return Vec::new() };
        let text = &document.text;
        let locator = Locator::new(text, Encoding::Utf16);
        let start = byte_offset(text, params.range.start);
        let end = byte_offset(text, params.range.end);
        let only = params.context.only.as_ref();
        let wants = |kind: &CodeActionKind| {
            only.is_none_or(|kinds| kinds.iter().any(|wanted| kind.as_str().starts_with(wanted.as_str())))
        };
        let edit_of = |fix: &postlint_core::Fix| WorkspaceEdit {
            changes: Some(HashMap::from([(
                uri.clone(),
                fix.edits
                    .iter()
                    .map(|edit| TextEdit {
                        range: Range {
                            start: position(&locator, edit.span.start),
                            end: position(&locator, edit.span.end),
                        },
                        new_text: edit.replacement.clone(),
                    })
                    .collect(),
            )])),
            ..WorkspaceEdit::default()
        };
        let mut actions = Vec::new();
        if wants(&CodeActionKind::QUICKFIX) {
            for diagnostic in &document.report.diagnostics {
                if diagnostic.span.start > end || start > diagnostic.span.end {
                    continue;
                }
                let lsp = lsp_diagnostic(&locator, diagnostic);
                for (index, fix) in diagnostic.fixes.iter().enumerate() {
                    actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                        title: fix.title.clone(),
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![lsp.clone()]),
                        edit: Some(edit_of(fix)),
                        is_preferred: Some(index == 0),
                        ..CodeAction::default()
                    }));
                }
            }
        }
        if wants(&CodeActionKind::SOURCE_FIX_ALL) {
            let fixed = crate::fix::fix_text(&self.checker, text, document.format, &[], false);
            if fixed.text != *text {
                let whole = postlint_core::Fix {
                    title: String::new(),
                    edits: vec![postlint_core::Edit {
                        span: postlint_core::Span::new(0, text.len()),
                        replacement: fixed.text,
                    }],
                    safe: true,
                };
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("Fix all safe postlint problems ({})", fixed.fixed),
                    kind: Some(CodeActionKind::SOURCE_FIX_ALL),
                    edit: Some(edit_of(&whole)),
                    ..CodeAction::default()
                }));
            }
        }
        actions
    }

    fn on_request(&mut self, request: Request) {
        let response = match request.method.as_str() {
            "textDocument/codeAction" => match serde_json::from_value::<CodeActionParams>(request.params) {
                Ok(params) => Response::new_ok(request.id, self.code_actions(&params)),
                Err(error) => Response::new_err(
                    request.id,
                    lsp_server::ErrorCode::InvalidParams as i32,
                    format!("bad codeAction params: {error}"),
                ),
            },
            _ => Response::new_err(
                request.id,
                lsp_server::ErrorCode::MethodNotFound as i32,
                format!("postlint does not handle `{}`", request.method),
            ),
        };
        self.send(Message::Response(response));
    }

    fn on_notification(&mut self, notification: Notification) {
        match notification.method.as_str() {
            "textDocument/didOpen" => {
                let Ok(params) = serde_json::from_value::<DidOpenTextDocumentParams>(notification.params) else {
                    return;
                };
                let item = params.text_document;
                let Some(format) = document_format(&item.language_id, &item.uri) else { return };
                let document = Document { text: item.text, version: item.version, format, report: Report::default() };
                self.documents.insert(item.uri.clone(), document);
                self.check(&item.uri);
            }
            "textDocument/didChange" => {
                let Ok(params) = serde_json::from_value::<DidChangeTextDocumentParams>(notification.params) else {
                    return;
                };
                let uri = params.text_document.uri;
                let Some(document) = self.documents.get_mut(&uri) else { return };
                for change in params.content_changes {
                    match change.range {
                        None => document.text = change.text,
                        Some(range) => {
                            let start = byte_offset(&document.text, range.start);
                            let end = byte_offset(&document.text, range.end).max(start);
                            document.text.replace_range(start..end, &change.text);
                        }
                    }
                }
                document.version = params.text_document.version;
                self.check(&uri);
            }
            "textDocument/didClose" => {
                let Ok(params) = serde_json::from_value::<DidCloseTextDocumentParams>(notification.params) else {
                    return;
                };
                if self.documents.remove(&params.text_document.uri).is_some() {
                    let uri = params.text_document.uri;
                    self.notify(
                        "textDocument/publishDiagnostics",
                        PublishDiagnosticsParams { uri, diagnostics: vec![], version: None },
                    );
                }
            }
            "textDocument/didSave" => {
                let Ok(params) = serde_json::from_value::<DidSaveTextDocumentParams>(notification.params) else {
                    return;
                };
                if Self::is_guideline(&params.text_document.uri) && self.reload_guideline() {
                    self.check_all();
                }
            }
            "workspace/didChangeWatchedFiles" => {
                let Ok(params) = serde_json::from_value::<DidChangeWatchedFilesParams>(notification.params) else {
                    return;
                };
                if params.changes.iter().any(|change| Self::is_guideline(&change.uri)) && self.reload_guideline() {
                    self.check_all();
                }
            }
            _ => {}
        }
    }

    fn serve(&mut self) -> Result<()> {
        while let Ok(message) = self.connection.receiver.recv() {
            match message {
                Message::Request(request) => {
                    if self.connection.handle_shutdown(&request).context("LSP: shutdown")? {
                        return Ok(());
                    }
                    self.on_request(request);
                }
                Message::Notification(notification) => self.on_notification(notification),
                Message::Response(_) => {}
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_utf16() {
        let text = "a😀b\nhey guys";
        assert_eq!(byte_offset(text, Position { line: 0, character: 3 }), 5, "the emoji is two UTF-16 units");
        assert_eq!(byte_offset(text, Position { line: 1, character: 4 }), 11);
        assert_eq!(byte_offset(text, Position { line: 1, character: 99 }), text.len());
        assert_eq!(byte_offset(text, Position { line: 9, character: 0 }), text.len());
    }

    #[test]
    fn uris_round_trip() {
        let path = PathBuf::from("/tmp/my drafts/post é.md");
        let uri = path_to_uri(&path).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/my%20drafts/post%20%C3%A9.md");
        assert_eq!(uri_to_path(&uri), Some(path));
    }
}
