//! `postlint check`: the documented contract of the command line.

use postlint_tests::{stderr, stdout, Cli};

fn postlint() -> Cli {
    Cli::new(env!("CARGO_BIN_EXE_postlint"))
}
use serde_json::Value;

fn json(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| panic!("not JSON ({error}): {}", stdout(output)))
}

#[test]
fn hey_guys_reports_inclusion_with_span_line_and_column() {
    let output = postlint().run(&["check", "--format", "json"], "Hey guys");
    assert_eq!(output.status.code(), Some(0), "warnings do not fail by default");
    let value = json(&output);
    assert_eq!(value["version"], 1);
    let result = &value["results"][0];
    assert_eq!(result["source"], "-");
    let diagnostic = &result["diagnostics"][0];
    assert_eq!(diagnostic["rule"], "inclusion.gendered-greeting");
    assert_eq!(diagnostic["category"], "inclusion");
    assert_eq!((diagnostic["start"].as_u64(), diagnostic["end"].as_u64()), (Some(0), Some(8)));
    assert_eq!((diagnostic["line"].as_u64(), diagnostic["column"].as_u64()), (Some(1), Some(1)));
    for field in ["severity", "message", "help", "fixes"] {
        assert!(!diagnostic[field].is_null(), "missing {field}");
    }
    assert_eq!(diagnostic["fixes"][0]["edits"][0]["replacement"], "Hey everyone");
}

#[test]
fn offsets_are_bytes_and_columns_are_characters() {
    let text = "Ça va 😀 — hey guys";
    let output = postlint().run(&["check", "--format", "jsonl"], text);
    let value: Value = serde_json::from_str(stdout(&output).lines().next().unwrap()).unwrap();
    let diagnostic = &value["diagnostics"][0];
    let start = text.find("hey guys").unwrap() as u64;
    assert_eq!(diagnostic["start"].as_u64(), Some(start));
    assert_eq!(diagnostic["column"].as_u64(), Some(11), "10 characters precede the match");
}

#[test]
fn fail_on_sets_the_exit_code() {
    assert_eq!(postlint().run(&["check", "--fail-on", "warning"], "Hey guys").status.code(), Some(1));
    assert_eq!(postlint().run(&["check", "--fail-on", "error"], "Hey guys").status.code(), Some(0));
    assert_eq!(postlint().run(&["check", "--fail-on", "info"], "Great!!").status.code(), Some(1));
    assert_eq!(postlint().run(&["check", "--fail-on", "never"], "He committed suicide").status.code(), Some(0));
    assert_eq!(postlint().run(&["check"], "He committed suicide").status.code(), Some(1), "errors fail by default");
    assert_eq!(postlint().run(&["check"], "All good here.").status.code(), Some(0));
}

#[test]
fn text_output_underlines_the_span_and_summarises() {
    let output = postlint().run(&["check"], "Thanks so much.\nOur chairman 🎉 spoke!!!");
    let text = stdout(&output);
    let expected = "\
-:2:5  warning  inclusion.gendered-job-title  “chairman” assumes the person is a man or a woman
  |
2 | Our chairman 🎉 spoke!!!
  |     ^^^^^^^^
  = help: Use “chair” or “chairperson”.
  = fix: Replace with “chair” (review)
  = fix: Replace with “chairperson” (review)

-:2:21  info  style.repeated-exclamation  3 exclamation marks in a row
  |
2 | Our chairman 🎉 spoke!!!
  |                      ^^^
  = help: Use one exclamation mark at most.
  = fix: Replace with “!”

Found 2 problems (0 errors, 1 warning, 1 info) in 1 of 1 draft.
";
    assert_eq!(text, expected);
    assert!(!text.contains('\x1b'), "no colour when not on a terminal");
}

#[test]
fn markdown_by_extension_and_stdin_format() {
    let directory = tempfile::tempdir().unwrap();
    std::fs::write(directory.path().join("post.md"), "Use `mankind` in code.\n\n```\nhey guys\n```\n").unwrap();
    std::fs::write(directory.path().join("post.txt"), "Use `mankind` in code.").unwrap();
    let output = postlint().run_in(directory.path(), &["check", "--format", "json", "post.md", "post.txt"], "");
    let value = json(&output);
    assert_eq!(value["results"][0]["diagnostics"].as_array().unwrap().len(), 0, "code is skipped in Markdown");
    assert_eq!(value["results"][1]["diagnostics"].as_array().unwrap().len(), 1, "plain text has no code");
    let from_stdin = postlint().run(&["check", "--format", "json", "--stdin-format", "markdown"], "`mankind`");
    assert_eq!(json(&from_stdin)["results"][0]["diagnostics"].as_array().unwrap().len(), 0);
}

#[test]
fn directories_are_walked_honouring_gitignore() {
    let directory = tempfile::tempdir().unwrap();
    let root = directory.path();
    std::fs::create_dir_all(root.join("drafts/old")).unwrap();
    std::fs::write(root.join("drafts/a.md"), "Hey guys").unwrap();
    std::fs::write(root.join("drafts/b.txt"), "Fine.").unwrap();
    std::fs::write(root.join("drafts/image.png"), "not a draft").unwrap();
    std::fs::write(root.join("drafts/old/c.md"), "Hey guys").unwrap();
    std::fs::write(root.join("drafts/.gitignore"), "old/\n").unwrap();
    let output = postlint().run_in(root, &["check", "--format", "json", "drafts"], "");
    let sources: Vec<String> = json(&output)["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|result| result["source"].as_str().unwrap().replace('\\', "/"))
        .collect();
    assert_eq!(sources, ["drafts/a.md", "drafts/b.txt"]);
}

#[test]
fn platforms_are_validated() {
    let output = postlint().run(&["check", "--platform", "myspace"], "hi");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown platform `myspace`"), "{}", stderr(&output));
    assert_eq!(
        postlint().run(&["check", "--platform", "x", "--platform", "mastodon:1000"], "hi").status.code(),
        Some(0)
    );
}

#[test]
fn rules_and_explain() {
    let output = postlint().run(&["rules"], "");
    let text = stdout(&output);
    assert!(text.contains("inclusion.gendered-greeting") && text.contains("privacy.email-address"));
    let listed: Value = serde_json::from_slice(&postlint().run(&["rules", "--json"], "").stdout).unwrap();
    assert!(listed.as_array().unwrap().iter().all(|rule| rule["summary"].as_str().is_some_and(|s| !s.is_empty())));
    let explained = stdout(&postlint().run(&["explain", "inclusion.gendered-greeting"], ""));
    assert!(explained.starts_with("# inclusion.gendered-greeting") && explained.contains("## Why"));
    let unknown = postlint().run(&["explain", "inclusion.gendered-greting"], "");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("did you mean `inclusion.gendered-greeting`?"));
}
