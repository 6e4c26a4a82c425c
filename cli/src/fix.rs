//! `postlint check --fix` and `--diff`: apply fixes to draft files.
//!
//! Only the *preferred* fix of each finding is applied, and only when it is
//! safe (mechanical), unless `--unsafe-fixes` is given. Fixes whose edits
//! overlap one already taken wait for the next pass; passes repeat, re-checking
//! the text each time, until nothing changes (at most [`MAX_PASSES`]).
//!
//! Files are written atomically (a temporary file in the same directory,
//! renamed over the original, permissions kept), and only when they did not
//! change on disk while postlint was working on them.

use std::io::Write;
use std::path::Path;
use std::time::SystemTime;

use postlint_core::{apply_fixes, Checker, Diagnostic, Draft, Edit, Fix, Format, PlatformTarget, Report};

/// Passes before giving up on reaching a stable text.
pub const MAX_PASSES: usize = 10;

/// The result of fixing one text.
pub struct Fixed {
    /// The text after every pass.
    pub text: String,
    /// The findings that remain in it.
    pub report: Report,
    /// How many fixes were applied.
    pub fixed: usize,
}

fn clashes(edit: &Edit, other: &Edit) -> bool {
    let (a, b) = (edit.span, other.span);
    (a.start < b.end && b.start < a.end)
        || (a.is_empty() && b.is_empty() && a.start == b.start)
        || (a.is_empty() && b.start < a.start && a.start < b.end)
        || (b.is_empty() && a.start < b.start && b.start < a.end)
}

/// The preferred fix of each diagnostic that may be applied, skipping those
/// that overlap a fix already chosen.
pub fn choose_fixes(diagnostics: &[Diagnostic], unsafe_fixes: bool) -> Vec<&Fix> {
    let mut chosen: Vec<&Fix> = Vec::new();
    for diagnostic in diagnostics {
        let Some(fix) = diagnostic.fixes.first() else { continue };
        if !(fix.safe || unsafe_fixes) || fix.edits.is_empty() {
            continue;
        }
        let overlaps =
            fix.edits.iter().any(|edit| chosen.iter().flat_map(|taken| &taken.edits).any(|other| clashes(edit, other)));
        if !overlaps {
            chosen.push(fix);
        }
    }
    chosen
}

/// Applies fixes to `text` until it is stable.
pub fn fix_text(
    checker: &Checker,
    text: &str,
    format: Format,
    platforms: &[PlatformTarget],
    unsafe_fixes: bool,
) -> Fixed {
    let mut current = text.to_owned();
    let mut fixed = 0;
    for _ in 0..MAX_PASSES {
        let report = checker.check(&Draft { text: &current, format, platforms });
        let chosen = choose_fixes(&report.diagnostics, unsafe_fixes);
        let next = apply_fixes(&current, chosen.iter().copied());
        if chosen.is_empty() || next == current {
            return Fixed { text: current, report, fixed };
        }
        fixed += chosen.len();
        current = next;
    }
    let report = checker.check(&Draft { text: &current, format, platforms });
    Fixed { text: current, report, fixed }
}

/// A unified diff of a file's old and new text.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    let path = path.replace('\\', "/");
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// What was on disk when postlint read a file.
pub struct Snapshot {
    /// The bytes read.
    pub bytes: Vec<u8>,
    /// The modification time then.
    pub modified: Option<SystemTime>,
}

impl Snapshot {
    /// Reads a file and its modification time.
    pub fn read(path: &Path) -> std::io::Result<Snapshot> {
        let modified = std::fs::metadata(path)?.modified().ok();
        let bytes = std::fs::read(path)?;
        Ok(Snapshot { bytes, modified })
    }
}

/// Environment variable for tests: print a marker on standard error and
/// wait this many milliseconds before writing, so a test can change the
/// file in between.
const TEST_DELAY: &str = "POSTLINT_TEST_FIX_DELAY_MS";

/// Writes `contents` to `path` in place of `before`, atomically, keeping
/// permissions; refuses if the file changed since `before` was read.
pub fn write_fixed(path: &Path, before: &Snapshot, contents: &[u8]) -> Result<(), String> {
    if let Some(delay) = std::env::var(TEST_DELAY).ok().and_then(|value| value.parse::<u64>().ok()) {
        eprintln!("postlint: test: about to write {}", path.display());
        std::thread::sleep(std::time::Duration::from_millis(delay));
    }
    let now = Snapshot::read(path).map_err(|error| format!("cannot read again before writing: {error}"))?;
    if now.modified != before.modified || now.bytes != before.bytes {
        return Err("the file changed on disk while postlint was fixing it; nothing was written, run again".into());
    }
    let permissions = std::fs::metadata(path).map_err(|error| format!("cannot read: {error}"))?.permissions();
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temporary = tempfile::Builder::new()
        .prefix(".postlint-fix-")
        .tempfile_in(directory)
        .map_err(|error| format!("cannot create a temporary file next to it: {error}"))?;
    temporary.write_all(contents).map_err(|error| format!("cannot write: {error}"))?;
    temporary.as_file().sync_all().map_err(|error| format!("cannot write: {error}"))?;
    std::fs::set_permissions(temporary.path(), permissions)
        .map_err(|error| format!("cannot keep the file's permissions: {error}"))?;
    temporary.persist(path).map_err(|error| format!("cannot replace the file: {}", error.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_fixes_only_unless_asked() {
        let checker = Checker::default_guideline();
        let fixed = fix_text(&checker, "Great!!! Hey guys", Format::Text, &[], false);
        assert_eq!(fixed.text, "Great! Hey guys");
        assert_eq!(fixed.fixed, 1);
        assert!(fixed.report.diagnostics.iter().any(|d| d.rule == "inclusion.gendered-greeting"));
        let all = fix_text(&checker, "Great!!! Hey guys", Format::Text, &[], true);
        assert_eq!(all.text, "Great! Hey everyone");
        let again = fix_text(&checker, &fixed.text, Format::Text, &[], false);
        assert_eq!((again.text.as_str(), again.fixed), (fixed.text.as_str(), 0), "a second run changes nothing");
    }

    #[test]
    fn diff_has_headers_and_hunks() {
        let diff = unified_diff("post.md", "a\nGreat!!!\n", "a\nGreat!\n");
        assert!(diff.starts_with("--- a/post.md\n+++ b/post.md\n@@ -1,2 +1,2 @@\n a\n-Great!!!\n+Great!\n"), "{diff}");
    }
}
