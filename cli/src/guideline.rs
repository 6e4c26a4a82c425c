//! Finding and loading the guideline file.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use postlint_core::{Checker, Guideline, GuidelineError, GuidelineLoader, SourceFile};

use crate::args::GuidelineArgs;

/// Names a guideline file may have, in order of preference.
pub const FILE_NAMES: [&str; 2] = ["postlint.toml", ".postlint.toml"];

/// Loads files named in `extends`, relative to the file that names them.
struct FileLoader;

impl GuidelineLoader for FileLoader {
    fn load(&mut self, reference: &str, from: &str) -> Result<SourceFile, String> {
        let base = Path::new(from).parent().unwrap_or(Path::new("."));
        let path = base.join(reference);
        let text =
            std::fs::read_to_string(&path).map_err(|error| format!("cannot read `{}`: {error}", path.display()))?;
        Ok(SourceFile::new(display_path(&path), text))
    }
}

/// A path as the user should see it: relative to the current directory when
/// it is inside it, with `.` and `..` resolved so that cycles are detected.
fn display_path(path: &Path) -> String {
    let resolved = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let current = std::env::current_dir().ok().and_then(|dir| std::fs::canonicalize(dir).ok());
    match current.as_deref().and_then(|dir| resolved.strip_prefix(dir).ok()) {
        Some(relative) => relative.display().to_string(),
        None => resolved.display().to_string(),
    }
}

/// The guideline file that applies: `--config`, else the nearest
/// `postlint.toml` or `.postlint.toml` upwards from the current directory.
pub fn discover(args: &GuidelineArgs) -> Result<Option<PathBuf>> {
    if args.isolated {
        return Ok(None);
    }
    if let Some(path) = &args.config {
        return Ok(Some(path.clone()));
    }
    let directory = std::env::current_dir().context("cannot read the current directory")?;
    Ok(discover_from(directory))
}

/// The nearest `postlint.toml` or `.postlint.toml` in `directory` or a parent.
pub fn discover_from(mut directory: PathBuf) -> Option<PathBuf> {
    loop {
        for name in FILE_NAMES {
            let candidate = directory.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        if !directory.pop() {
            return None;
        }
    }
}

/// Why a guideline file could not be used.
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be read.
    Read(String),
    /// A mistake in it (or in a file it extends), with file, line, column and key.
    Guideline(GuidelineError),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Read(message) => f.write_str(message),
            LoadError::Guideline(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// Loads and compiles the guideline file at `path`.
pub fn load_path(path: &Path) -> Result<Checker, LoadError> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| LoadError::Read(format!("cannot read guideline file `{}`: {error}", path.display())))?;
    let guideline =
        Guideline::parse(SourceFile::new(display_path(path), text), &mut FileLoader).map_err(LoadError::Guideline)?;
    Checker::new(&guideline).map_err(LoadError::Guideline)
}

/// Loads the guideline that applies and compiles it, with the file it came from.
pub fn load(args: &GuidelineArgs) -> Result<(Checker, Option<PathBuf>)> {
    match discover(args)? {
        None => Ok((Checker::new(&Guideline::default())?, None)),
        Some(path) => Ok((load_path(&path)?, Some(path))),
    }
}

/// Loads the guideline that applies and compiles it.
pub fn load_checker(args: &GuidelineArgs) -> Result<Checker> {
    Ok(load(args)?.0)
}
