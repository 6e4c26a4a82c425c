//! A JSONL batch line, decoded the way the CLI does (a JSON object with `text`,
//! `format` and `platform`), then checked: never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postlint_core::{Checker, Draft, Format, PlatformTarget};
use std::sync::LazyLock;

static CHECKER: LazyLock<Checker> = LazyLock::new(Checker::default_guideline);

fuzz_target!(|line: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(line) else { return };
    let Some(text) = value.get("text").and_then(|text| text.as_str()) else { return };
    let format = value.get("format").and_then(|f| f.as_str()).and_then(Format::from_name).unwrap_or_default();
    let platforms: Vec<PlatformTarget> = match value.get("platform") {
        Some(serde_json::Value::String(name)) => name.parse().into_iter().collect(),
        Some(serde_json::Value::Array(names)) => {
            names.iter().filter_map(|name| name.as_str()?.parse().ok()).collect()
        }
        _ => Vec::new(),
    };
    let _ = CHECKER.check(&Draft { text, format, platforms: &platforms });
});
