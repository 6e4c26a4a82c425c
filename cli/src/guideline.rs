//! Finding and loading the guideline file.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use postlint_core::{Checker, Guideline, GuidelineLoader, SourceFile};

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
    let mut directory = std::env::current_dir().context("cannot read the current directory")?;
    loop {
        for name in FILE_NAMES {
            let candidate = directory.join(name);
            if candidate.is_file() {
                return Ok(Some(candidate));
            }
        }
        if !directory.pop() {
            return Ok(None);
        }
    }
}

/// Loads the guideline that applies and compiles it.
pub fn load_checker(args: &GuidelineArgs) -> Result<Checker> {
    let guideline = match discover(args)? {
        None => Guideline::default(),
        Some(path) => {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read guideline file `{}`", path.display()))?;
            Guideline::parse(SourceFile::new(display_path(&path), text), &mut FileLoader)?
        }
    };
    Ok(Checker::new(&guideline)?)
}
