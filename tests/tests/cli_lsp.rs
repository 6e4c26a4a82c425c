//! `postlint lsp`, driven by a scripted client over pipes.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use postlint_tests::Cli;
use serde_json::{json, Value};

fn postlint() -> Cli {
    Cli::new(env!("CARGO_BIN_EXE_postlint"))
}

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Messages read while waiting for another one.
    pending: Vec<Value>,
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display()).replace(' ', "%20")
}

impl Client {
    fn start(root: &Path) -> Client {
        let mut child = postlint()
            .command()
            .arg("lsp")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (sender, messages) = channel();
        std::thread::spawn(move || loop {
            let mut length = 0;
            loop {
                let mut line = String::new();
                if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(value) = line.strip_prefix("Content-Length: ") {
                    length = value.parse().unwrap();
                }
            }
            let mut body = vec![0; length];
            stdout.read_exact(&mut body).unwrap();
            if sender.send(serde_json::from_slice(&body).unwrap()).is_err() {
                return;
            }
        });
        Client { child, stdin, messages, pending: Vec::new() }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn request(&mut self, id: i64, method: &str, params: Value) -> Value {
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|message| message["id"] == id && message.get("method").is_none())
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The first message (already read or coming) that matches.
    fn wait_for(&mut self, matches: impl Fn(&Value) -> bool) -> Value {
        if let Some(index) = self.pending.iter().position(&matches) {
            return self.pending.remove(index);
        }
        loop {
            let message = self.messages.recv_timeout(Duration::from_secs(20)).expect("a message from the server");
            if matches(&message) {
                return message;
            }
            self.pending.push(message);
        }
    }

    fn diagnostics_for(&mut self, uri: &str) -> Value {
        let uri = uri.to_owned();
        self.wait_for(|message| {
            message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri.as_str()
        })["params"]
            .clone()
    }
}

fn rules(diagnostics: &Value) -> Vec<String> {
    diagnostics["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn diagnostics_code_actions_and_guideline_reload() {
    let directory = tempfile::tempdir().unwrap();
    let root = directory.path().canonicalize().unwrap();
    std::fs::write(root.join("postlint.toml"), "[severity]\n\"style\" = \"warning\"\n").unwrap();
    let post = file_uri(&root.join("post.md"));
    let guideline = file_uri(&root.join("postlint.toml"));
    let mut client = Client::start(&root);

    let initialized = client.request(
        1,
        "initialize",
        json!({"processId": null, "rootUri": file_uri(&root),
               "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}}),
    );
    let capabilities = &initialized["result"]["capabilities"];
    assert_eq!(capabilities["textDocumentSync"]["change"], 2, "incremental sync");
    assert!(capabilities["codeActionProvider"]["codeActionKinds"].as_array().unwrap().contains(&json!("quickfix")));
    assert_eq!(initialized["result"]["serverInfo"]["name"], "postlint");
    client.notify("initialized", json!({}));
    let registration = client.wait_for(|message| message["method"] == "client/registerCapability");
    assert_eq!(registration["params"]["registrations"][0]["method"], "workspace/didChangeWatchedFiles");
    client.send(json!({"jsonrpc": "2.0", "id": registration["id"], "result": null}));

    // didOpen: findings with UTF-16 positions; the guideline's override applies.
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": post, "languageId": "markdown", "version": 1, "text": "Hey guys 😀 great!!!"}}),
    );
    let published = client.diagnostics_for(&post);
    assert_eq!(published["version"], 1);
    assert_eq!(rules(&published), ["inclusion.gendered-greeting", "style.repeated-exclamation"]);
    let exclamation = &published["diagnostics"][1];
    assert_eq!(
        exclamation["range"],
        json!({"start": {"line": 0, "character": 17}, "end": {"line": 0, "character": 20}})
    );
    assert_eq!(exclamation["severity"], 2, "the guideline made style a warning");
    assert_eq!(exclamation["source"], "postlint");
    assert_eq!(published["diagnostics"][0]["severity"], 2);

    // Incremental change: "Hey guys" → "Hello all"; positions move by one.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": post, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 8}}, "text": "Hello all"}]}),
    );
    let published = client.diagnostics_for(&post);
    assert_eq!(published["version"], 2);
    assert_eq!(rules(&published), ["style.repeated-exclamation"]);
    assert_eq!(published["diagnostics"][0]["range"]["start"]["character"], 18);

    let actions = client.request(
        2,
        "textDocument/codeAction",
        json!({"textDocument": {"uri": post},
               "range": {"start": {"line": 0, "character": 18}, "end": {"line": 0, "character": 18}},
               "context": {"diagnostics": []}}),
    );
    let actions = actions["result"].as_array().unwrap();
    assert_eq!(actions[0]["title"], "Replace with “!”");
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(
        actions[0]["edit"]["changes"][&post][0],
        json!({"range": {"start": {"line": 0, "character": 18}, "end": {"line": 0, "character": 21}}, "newText": "!"})
    );
    assert_eq!(actions.last().unwrap()["kind"], "source.fixAll");

    // Full-text change; several fixes: the preferred one first.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": post, "version": 3}, "contentChanges": [{"text": "Thanks!\nHey guys"}]}),
    );
    assert_eq!(rules(&client.diagnostics_for(&post)), ["inclusion.gendered-greeting"]);
    let actions = client.request(
        3,
        "textDocument/codeAction",
        json!({"textDocument": {"uri": post},
               "range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 3}},
               "context": {"diagnostics": [], "only": ["quickfix"]}}),
    );
    let actions = actions["result"].as_array().unwrap();
    let preferred: Vec<bool> = actions.iter().map(|action| action["isPreferred"].as_bool().unwrap()).collect();
    assert_eq!(preferred, [true, false, false]);
    assert_eq!(actions[0]["title"], "Replace with “Hey everyone”");
    assert_eq!(actions[0]["diagnostics"][0]["code"], "inclusion.gendered-greeting");

    // A broken guideline: shown, as a diagnostic on the file and as a message.
    std::fs::write(root.join("postlint.toml"), "[severity]\n\"inclusion\" = \"loud\"\n").unwrap();
    client.notify("textDocument/didSave", json!({"textDocument": {"uri": guideline}}));
    let shown = client.wait_for(|message| message["method"] == "window/showMessage");
    assert!(shown["params"]["message"].as_str().unwrap().contains("unknown severity `loud`"), "{shown}");
    let on_guideline = client.diagnostics_for(&guideline);
    assert_eq!(on_guideline["diagnostics"][0]["range"]["start"], json!({"line": 1, "character": 14}));

    // Mended, as a file watcher reports it: reloaded, documents re-checked, error cleared.
    std::fs::write(root.join("postlint.toml"), "[severity]\n\"inclusion\" = \"off\"\n").unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": guideline, "type": 2}]}));
    assert_eq!(client.diagnostics_for(&guideline)["diagnostics"], json!([]));
    assert_eq!(rules(&client.diagnostics_for(&post)), Vec::<String>::new());

    let shutdown = client.request(4, "shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null);
    client.notify("exit", Value::Null);
    drop(client.stdin);
    let status = client.child.wait().unwrap();
    assert!(status.success(), "{status}");
}
