/*!
postlint-core: checks social-media drafts against an organisation's guidelines.

# Brief overview

A [`Guideline`] (built-in rule packs plus an organisation's TOML file) is
compiled once into a [`Checker`], which is then reused for many drafts. Checking
a [`Draft`] (text, format and target platforms) returns a [`Report`]: sorted
[`Diagnostic`]s with UTF-8 byte [`Span`]s and fixes, plus per-platform metrics.

The core does no I/O: files, terminals and JavaScript belong to the shells
(`postlint-cli`, `postlint-wasm`).
*/
#![deny(missing_docs)]

pub mod diagnostic;
pub mod line_index;
pub mod span;
pub mod twitter;

pub use diagnostic::{apply_fixes, Category, Diagnostic, Edit, Fix, Severity};
pub use line_index::{LineColumn, LineIndex};
pub use span::Span;
