//! The built-in rule packs: names, and the data files embedded in the binary.
//!
//! A pack is a TOML file under `core/packs/` holding `[[rules]]` in the same
//! shape a guideline file uses; built-in code rules join the pack named by
//! the first segment of their id. A new language pack is one more file here
//! and one more line in [`PACK_FILES`].

use std::sync::OnceLock;

use crate::error::{GuidelineError, SourceFile};
use crate::spec::{read_rules, RuleSpec};
use crate::toml_reader::{self, Fields};

/// Packs that `default` turns on.
pub const DEFAULT_PACKS: &[&str] =
    &["accessibility", "branding", "disclosure", "ethics", "hashtags", "inclusion", "length", "privacy", "style"];

/// Packs for other languages, turned on by `language = "…"` or by name.
pub const LANGUAGE_PACKS: &[&str] = &["es"];

/// Every name `extends` accepts besides file paths.
pub const PACK_NAMES: &[&str] = &[
    "default",
    "accessibility",
    "branding",
    "disclosure",
    "ethics",
    "hashtags",
    "inclusion",
    "length",
    "privacy",
    "style",
    "es",
];

/// A built-in pack file.
pub(crate) struct PackFile {
    pub(crate) name: &'static str,
    pub(crate) text: &'static str,
}

/// The embedded pack files. A test checks this list against `core/packs/`.
pub(crate) const PACK_FILES: &[PackFile] = &[
    PackFile { name: "disclosure", text: include_str!("../packs/disclosure.toml") },
    PackFile { name: "es", text: include_str!("../packs/es.toml") },
    PackFile { name: "ethics", text: include_str!("../packs/ethics.toml") },
    PackFile { name: "inclusion", text: include_str!("../packs/inclusion.toml") },
    PackFile { name: "style", text: include_str!("../packs/style.toml") },
];

/// The packs a name in `extends` stands for, if it is a built-in name.
pub(crate) fn resolve_pack_name(name: &str) -> Option<&'static [&'static str]> {
    if name == "default" {
        return Some(DEFAULT_PACKS);
    }
    let index = PACK_NAMES.iter().position(|pack| *pack == name)?;
    Some(std::slice::from_ref(&PACK_NAMES[index]))
}

/// The pack for a language code, if one ships.
pub(crate) fn language_pack(code: &str) -> Option<&'static str> {
    LANGUAGE_PACKS.iter().copied().find(|pack| *pack == code)
}

/// The keys a pack file may have at its top level.
const PACK_KEYS: &[&str] = &["pack", "summary", "rules"];

/// A pack file's rules, with the file they come from (for error positions).
pub(crate) type ParsedPack = (SourceFile, Vec<RuleSpec>);

/// A built-in pack file, parsed once per process, when a guideline first
/// uses it (so the default guideline never parses the language packs).
pub(crate) fn parsed_pack(pack: &PackFile) -> Result<ParsedPack, GuidelineError> {
    static PARSED: [OnceLock<Result<ParsedPack, GuidelineError>>; PACK_FILES.len()] =
        [const { OnceLock::new() }; PACK_FILES.len()];
    match PACK_FILES.iter().position(|file| file.name == pack.name) {
        Some(index) => PARSED[index].get_or_init(|| parse_pack(pack)).clone(),
        None => parse_pack(pack),
    }
}

/// Parses a built-in pack file.
pub(crate) fn parse_pack(pack: &PackFile) -> Result<ParsedPack, GuidelineError> {
    let file = SourceFile::new(format!("built-in pack {}", pack.name), pack.text);
    let document = toml_reader::parse(&file)?;
    let fields = Fields::root(&file, &document, PACK_KEYS)?;
    fields.required_string("pack")?;
    fields.required_string("summary")?;
    let rules = read_rules(&fields)?;
    Ok((file, rules))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pack_file_is_embedded() {
        let directory = concat!(env!("CARGO_MANIFEST_DIR"), "/packs");
        let mut on_disk: Vec<String> = std::fs::read_dir(directory)
            .unwrap()
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter_map(|name| name.strip_suffix(".toml").map(str::to_owned))
            .collect();
        on_disk.sort();
        let embedded: Vec<&str> = PACK_FILES.iter().map(|pack| pack.name).collect();
        assert_eq!(on_disk, embedded, "add the missing line to PACK_FILES in core/src/packs.rs");
    }

    #[test]
    fn pack_rule_ids_carry_the_pack_name() {
        for pack in PACK_FILES {
            let (_, rules) = parse_pack(pack).unwrap_or_else(|error| panic!("{error}"));
            for rule in rules {
                let id = rule.id.get_ref();
                assert!(id.starts_with(&format!("{}.", pack.name)), "rule `{id}` in pack `{}`", pack.name);
            }
        }
    }
}
