//! `postlint check --fix` and `--diff`.

use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Stdio;

use postlint_tests::{stderr, stdout, Cli};

fn postlint() -> Cli {
    Cli::new(env!("CARGO_BIN_EXE_postlint"))
}

const DRAFT: &str = "Hey guys, great news!!!\n\nSee 𝐁𝐨𝐥𝐝 text\n";
const SAFELY_FIXED: &str = "Hey guys, great news!\n\nSee Bold text\n";

fn mtime(path: &Path) -> std::time::SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn fix_applies_safe_fixes_in_place_keeping_permissions() {
    let directory = tempfile::tempdir().unwrap();
    let root = directory.path();
    std::fs::write(root.join("post.md"), DRAFT).unwrap();
    std::fs::set_permissions(root.join("post.md"), std::fs::Permissions::from_mode(0o640)).unwrap();
    std::fs::write(root.join("clean.md"), "All good here.\n").unwrap();
    let clean_mtime = mtime(&root.join("clean.md"));
    std::thread::sleep(std::time::Duration::from_millis(20));

    let output = postlint().run_in(root, &["check", "--fix", "post.md", "clean.md"], "");
    assert_eq!(output.status.code(), Some(0), "only a warning remains: {}", stderr(&output));
    assert_eq!(std::fs::read_to_string(root.join("post.md")).unwrap(), SAFELY_FIXED);
    let mode = std::fs::metadata(root.join("post.md")).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "permissions are kept");
    assert_eq!(mtime(&root.join("clean.md")), clean_mtime, "files without changes are not touched");
    assert!(stderr(&output).contains("Fixed 2 problems in 1 file."), "{}", stderr(&output));
    let remaining = stdout(&output);
    assert!(remaining.contains("inclusion.gendered-greeting"), "remaining findings are reported: {remaining}");
    assert!(!remaining.contains("style.repeated-exclamation"));
    let leftovers: Vec<_> = std::fs::read_dir(root).unwrap().map(|entry| entry.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 2, "no temporary files are left: {leftovers:?}");

    let fixed_mtime = mtime(&root.join("post.md"));
    let again = postlint().run_in(root, &["check", "--fix", "post.md"], "");
    assert!(stderr(&again).contains("Nothing to fix."), "{}", stderr(&again));
    assert_eq!(mtime(&root.join("post.md")), fixed_mtime, "a second --fix changes nothing");
}

#[test]
fn unsafe_fixes_apply_the_preferred_fix_that_needs_review() {
    let directory = tempfile::tempdir().unwrap();
    std::fs::write(directory.path().join("post.txt"), DRAFT).unwrap();
    let output = postlint().run_in(directory.path(), &["check", "--fix", "--unsafe-fixes", "post.txt"], "");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(directory.path().join("post.txt")).unwrap(),
        "Hey everyone, great news!\n\nSee Bold text\n"
    );
    assert!(stdout(&output).contains("No problems found"), "{}", stdout(&output));
}

#[test]
fn diff_previews_without_writing_and_exits_1_when_there_are_changes() {
    let directory = tempfile::tempdir().unwrap();
    let root = directory.path();
    std::fs::write(root.join("post.md"), DRAFT).unwrap();
    let output = postlint().run_in(root, &["check", "--diff", "post.md"], "");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "--- a/post.md\n+++ b/post.md\n@@ -1,3 +1,3 @@\n-Hey guys, great news!!!\n+Hey guys, great news!\n \n-See 𝐁𝐨𝐥𝐝 text\n+See Bold text\n"
    );
    assert!(stderr(&output).contains("Would fix 2 problems in 1 file."));
    assert_eq!(std::fs::read_to_string(root.join("post.md")).unwrap(), DRAFT, "--diff writes nothing");

    std::fs::write(root.join("clean.md"), "All good here.\n").unwrap();
    let clean = postlint().run_in(root, &["check", "--diff", "clean.md"], "");
    assert_eq!((clean.status.code(), stdout(&clean).as_str()), (Some(0), ""));
}

#[test]
fn fix_refuses_stdin_and_batches() {
    for args in [
        &["check", "--fix"][..],
        &["check", "--fix", "-"],
        &["check", "--diff", "--input-format", "jsonl", "batch.jsonl"],
        &["check", "--fix", "--input-format", "csv", "calendar.csv"],
        &["check", "--unsafe-fixes", "post.md"],
    ] {
        let output = postlint().run(args, "Great!!!");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).starts_with("postlint: error: --"), "{args:?}: {}", stderr(&output));
    }
}

#[test]
fn fix_keeps_a_byte_order_mark_and_crlf() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("post.txt");
    std::fs::write(&path, b"\xEF\xBB\xBFGreat!!!\r\nThanks\r\n").unwrap();
    postlint().run_in(directory.path(), &["check", "--fix", "post.txt"], "");
    assert_eq!(std::fs::read(&path).unwrap(), b"\xEF\xBB\xBFGreat!\r\nThanks\r\n");
}

#[test]
fn fix_refuses_a_file_that_changed_during_the_run() {
    let directory = tempfile::tempdir().unwrap();
    let root = directory.path();
    std::fs::write(root.join("post.md"), DRAFT).unwrap();
    std::fs::write(root.join("other.md"), "Great!!!\n").unwrap();
    // The test hook makes postlint announce each write and wait, so the file
    // can be changed in between, as an editor saving it would.
    let mut child = postlint()
        .command()
        .args(["check", "--fix", "post.md", "other.md"])
        .current_dir(root)
        .env("POSTLINT_TEST_FIX_DELAY_MS", "300")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut errors = BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    let mut line = String::new();
    while errors.read_line(&mut line).unwrap() > 0 {
        if line.contains("about to write") && line.contains("post.md") {
            std::fs::write(root.join("post.md"), "Edited by someone else!!!\n").unwrap();
        }
        seen.push_str(&line);
        line.clear();
    }
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{seen}");
    assert!(stdout(&output).contains("post.md: error: the file changed on disk"), "{}", stdout(&output));
    assert_eq!(
        std::fs::read_to_string(root.join("post.md")).unwrap(),
        "Edited by someone else!!!\n",
        "not overwritten"
    );
    assert_eq!(std::fs::read_to_string(root.join("other.md")).unwrap(), "Great!\n", "the other file is fixed");
}
