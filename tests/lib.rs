//! Cross-crate and CLI tests live in `tests/tests/`; this library holds the
//! helpers they share.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ has a parent").to_path_buf()
}

/// The `postlint` binary under test. CLI tests are targets of the
/// `postlint-cli` package (declared in `cli/Cargo.toml`, kept in this folder),
/// so cargo builds the binary first and tells them where it is:
/// `Cli::new(env!("CARGO_BIN_EXE_postlint"))`.
pub struct Cli {
    binary: PathBuf,
}

impl Cli {
    /// The binary at `path`.
    pub fn new(path: &str) -> Self {
        Cli { binary: PathBuf::from(path) }
    }

    /// A command for the binary, without colour.
    pub fn command(&self) -> Command {
        let mut command = Command::new(&self.binary);
        command.env("NO_COLOR", "1");
        command
    }

    /// Runs with `args` in `directory`, feeding `stdin`.
    pub fn run_in(&self, directory: &Path, args: &[&str], stdin: &str) -> Output {
        let mut child = self
            .command()
            .args(args)
            .current_dir(directory)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn postlint");
        let mut input = child.stdin.take().expect("stdin");
        let stdin = stdin.to_owned();
        let writer = std::thread::spawn(move || {
            let _ = input.write_all(stdin.as_bytes());
        });
        let output = child.wait_with_output().expect("wait for postlint");
        writer.join().expect("stdin writer");
        output
    }

    /// Runs in an empty temporary directory, so no guideline file applies.
    pub fn run(&self, args: &[&str], stdin: &str) -> Output {
        let directory = tempfile::tempdir().expect("temporary directory");
        self.run_in(directory.path(), args, stdin)
    }
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
