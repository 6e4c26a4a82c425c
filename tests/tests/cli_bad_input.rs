//! The bad-input catalogue: every kind of broken input gets a clear message
//! and exit code 2 (or a per-item error), and the rest of a run still happens.

use std::path::Path;

use postlint_tests::{stderr, stdout, Cli};
use serde_json::Value;

fn postlint() -> Cli {
    Cli::new(env!("CARGO_BIN_EXE_postlint"))
}

/// Runs `check --format jsonl ARGS` in `root`; returns the exit code and the results by source.
fn check_jsonl(root: &Path, args: &[&str], stdin: &str) -> (Option<i32>, Vec<Value>) {
    let mut all = vec!["check", "--format", "jsonl"];
    all.extend_from_slice(args);
    let output = postlint().run_in(root, &all, stdin);
    let results = stdout(&output).lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    (output.status.code(), results)
}

fn error_of<'a>(results: &'a [Value], source: &str) -> &'a str {
    let result =
        results.iter().find(|result| result["source"] == source).unwrap_or_else(|| panic!("no result for {source}"));
    result["error"].as_str().unwrap_or_else(|| panic!("no error for {source}: {result}"))
}

/// A good draft next to the bad one proves the rest of the run happened.
fn assert_good_draft_checked(results: &[Value]) {
    let good = results.iter().find(|result| result["source"] == "good.md").expect("good.md was checked");
    assert_eq!(good["diagnostics"][0]["rule"], "inclusion.gendered-greeting");
}

fn directory_with_good_draft() -> tempfile::TempDir {
    let directory = tempfile::tempdir().unwrap();
    std::fs::write(directory.path().join("good.md"), "Hey guys").unwrap();
    directory
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let directory = directory_with_good_draft();
    std::fs::write(directory.path().join("latin1.txt"), b"Caf\xe9 opening").unwrap();
    let (code, results) = check_jsonl(directory.path(), &["latin1.txt", "good.md"], "");
    assert_eq!(code, Some(2));
    assert_eq!(error_of(&results, "latin1.txt"), "invalid UTF-8 at byte offset 3; save the draft as UTF-8");
    assert_good_draft_checked(&results);
}

#[test]
fn missing_file() {
    let directory = directory_with_good_draft();
    let (code, results) = check_jsonl(directory.path(), &["nope.md", "good.md"], "");
    assert_eq!(code, Some(2));
    assert_eq!(error_of(&results, "nope.md"), "no such file or directory");
    assert_good_draft_checked(&results);
}

#[test]
fn directory_without_drafts() {
    let directory = directory_with_good_draft();
    std::fs::create_dir(directory.path().join("images")).unwrap();
    std::fs::write(directory.path().join("images/logo.png"), "png").unwrap();
    let (code, results) = check_jsonl(directory.path(), &["images", "good.md"], "");
    assert_eq!(code, Some(2));
    assert!(error_of(&results, "images")
        .starts_with("no drafts in this directory (looked for .md, .markdown, .txt, .text files)"));
    assert_good_draft_checked(&results);
}

#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        println!("skipped: running as root, which can read a file whatever its permissions");
        return;
    }
    let directory = directory_with_good_draft();
    let path = directory.path().join("secret.md");
    std::fs::write(&path, "text").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    let (code, results) = check_jsonl(directory.path(), &["secret.md", "good.md"], "");
    assert_eq!(code, Some(2));
    assert!(error_of(&results, "secret.md").starts_with("cannot read: Permission denied"), "{results:?}");
    assert_good_draft_checked(&results);
}

#[test]
fn empty_input_is_a_clean_empty_draft_and_an_empty_batch_is_fine() {
    let output = postlint().run(&["check"], "");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "No problems found in 1 draft.\n");
    let directory = tempfile::tempdir().unwrap();
    std::fs::write(directory.path().join("empty.md"), "").unwrap();
    let (code, results) = check_jsonl(directory.path(), &["empty.md"], "");
    assert_eq!((code, results[0]["diagnostics"].as_array().unwrap().len()), (Some(0), 0));
    for format in ["jsonl", "csv"] {
        let stdin = if format == "csv" { "Date,Message\n" } else { "" };
        let output = postlint().run(&["check", "--input-format", format, "--format", "json"], stdin);
        assert_eq!(output.status.code(), Some(0), "an empty {format} batch: {}", stderr(&output));
        assert_eq!(stdout(&output), "{\"version\":1,\"results\":[]}\n");
    }
}

#[test]
fn binary_file() {
    let directory = directory_with_good_draft();
    std::fs::write(directory.path().join("photo.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let (code, results) = check_jsonl(directory.path(), &["photo.txt", "good.md"], "");
    assert_eq!(code, Some(2));
    assert_eq!(error_of(&results, "photo.txt"), "binary file (it contains NUL bytes); drafts must be UTF-8 text");
    assert_good_draft_checked(&results);
}

#[test]
fn bad_batch_lines_get_their_own_errors() {
    let batch = "{\"id\":1,\"text\":\"Hey guys\"}\n{\"id\":2,\"text\":\n{\"id\":3}\n{\"id\":4,\"text\":\"hi\",\"platform\":\"myspace\"}\n\"just a string\"\n{\"id\":6,\"text\":\"fine\"}\n";
    let (code, results) = check_jsonl(Path::new("."), &["--input-format", "jsonl"], batch);
    assert_eq!(code, Some(2));
    assert!(
        error_of(&results, "-:2").starts_with("malformed JSON: EOF while parsing"),
        "{}",
        error_of(&results, "-:2")
    );
    assert_eq!(error_of(&results, "-:3"), "this line has no \"text\" field");
    assert!(error_of(&results, "-:4").starts_with("unknown platform `myspace`"));
    assert!(error_of(&results, "-:5").starts_with("malformed JSON"));
    assert_eq!(results[0]["diagnostics"][0]["rule"], "inclusion.gendered-greeting");
    assert_eq!(results[5]["id"], 6);
    assert!(results[5]["error"].is_null());
    let directory = tempfile::tempdir().unwrap();
    std::fs::write(directory.path().join("bad.jsonl"), b"{\"text\":\"caf\xe9\"}\n").unwrap();
    let (_, results) = check_jsonl(directory.path(), &["--input-format", "jsonl", "bad.jsonl", "."], "");
    assert_eq!(error_of(&results, "bad.jsonl:1"), "invalid UTF-8 at byte 12 of this line");
    assert_eq!(error_of(&results, "."), "is a directory; a batch is a file");
}

#[test]
fn bad_calendar_rows_get_their_own_errors() {
    let calendar = b"Network,Message\nx,Hey guys\nmyspace,hi\nx\nx,caf\xe9\nx,fine\n";
    let directory = tempfile::tempdir().unwrap();
    std::fs::write(directory.path().join("cal.csv"), calendar).unwrap();
    let (code, results) = check_jsonl(directory.path(), &["--input-format", "csv", "cal.csv"], "");
    assert_eq!(code, Some(2));
    assert!(error_of(&results, "cal.csv:3").starts_with("column `Network`: unknown platform `myspace`"));
    assert!(error_of(&results, "cal.csv:4").starts_with("malformed row"));
    assert!(error_of(&results, "cal.csv:5").starts_with("invalid UTF-8 in column `Message` at byte offset 3"));
    assert!(results[4]["error"].is_null(), "the last row is still checked");
}

#[test]
fn bad_guidelines_stop_the_run_with_their_location() {
    let directory = tempfile::tempdir().unwrap();
    std::fs::write(directory.path().join("postlint.toml"), "[brand\nnames = []\n").unwrap();
    let output = postlint().run_in(directory.path(), &["check"], "hello");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("postlint: error: postlint.toml:1:"), "{}", stderr(&output));
    assert_eq!(stdout(&output), "", "nothing is checked with a broken guideline");

    // A guideline that extends itself: see cli_guideline.rs.

    let missing = postlint().run(&["check", "--config", "nope.toml"], "hello");
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("cannot read guideline file `nope.toml`"), "{}", stderr(&missing));
}

#[test]
fn unknown_platform_on_the_command_line() {
    let output = postlint().run(&["check", "--platform", "instagarm"], "hi");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("--platform: unknown platform `instagarm` (did you mean `instagram`?)"),
        "{}",
        stderr(&output)
    );
}
