/*!
postlint-core: checks social-media drafts against an organisation's guidelines.

# Brief overview

A [`Guideline`] (built-in rule packs plus an organisation's TOML file) is
compiled once into a [`Checker`], which is then reused for many drafts. Checking
a [`Draft`] (text, format and target platforms) returns a [`Report`]: sorted
[`Diagnostic`]s with UTF-8 byte [`Span`]s and fixes.

```
use postlint_core::{Checker, Draft, Guideline};

let guideline = Guideline::from_toml("postlint.toml", "[severity]\n\"inclusion.gendered-greeting\" = \"error\"\n").unwrap();
let checker = Checker::new(&guideline).unwrap();
let report = checker.check(&Draft::text("Hey guys, we are live!"));
assert_eq!(report.diagnostics[0].rule, "inclusion.gendered-greeting");
assert_eq!(report.diagnostics[0].span.start, 0);
```

The core does no I/O: files, terminals and JavaScript belong to the shells
(`postlint-cli`, `postlint-wasm`).
*/
#![deny(missing_docs)]

mod byte_facts;
pub mod checker;
pub mod diagnostic;
pub mod document;
mod emoji_tokens;
pub mod entities;
pub mod error;
pub mod guideline;
pub mod kinds;
pub mod line_index;
pub mod located;
pub mod markdown;
pub mod metrics;
mod normalize;
pub mod packs;
pub mod platform;
pub mod rule;
mod rules;
mod sentence_bounds;
pub mod settings;
mod small_list;
mod sort;
pub mod span;
mod spec;
pub mod suggest;
mod term_dfa;
mod terms;
#[cfg(test)]
mod test_texts;
mod toml_reader;
pub mod twitter;

pub use checker::{measure, Checker, Draft, EntityList, Report};
pub use diagnostic::{apply_fixes, Category, Diagnostic, Edit, Fix, Severity};
pub use document::Format;
pub use error::{GuidelineError, SourceFile};
pub use guideline::{Guideline, GuidelineLoader, NoFiles};
pub use line_index::{utf16_len, LineColumn, LineIndex};
pub use located::{Encoding, LocatedDiagnostic, Locator};
pub use metrics::PlatformMetrics;
pub use platform::{LengthUnit, Platform, PlatformFacts, PlatformTarget, PLATFORM_FACTS};
pub use span::Span;
