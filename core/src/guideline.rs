//! Guideline files: what an organisation writes in `postlint.toml`, merged
//! over the built-in packs it extends.
//!
//! Parsing is pure: files named in `extends` are fetched through a
//! [`GuidelineLoader`] that the host provides (the CLI reads files; the
//! WebAssembly module has none).

use std::collections::{BTreeMap, BTreeSet};

use toml::de::DeValue;

use serde_spanned::Spanned;

use crate::diagnostic::Severity;
use crate::error::{GuidelineError, SourceFile};
use crate::packs;
use crate::platform::{Platform, PlatformTarget};
use crate::settings::{HashtagMax, Settings};
use crate::spec::{parse_severity, read_rules, RuleSpec};
use crate::toml_reader::{self, Fields, Item};

/// Fetches guideline files named in `extends`.
pub trait GuidelineLoader {
    /// Loads `reference` (as written in `extends`), named from the file
    /// `from`. Returns the file with a canonical name, used to detect cycles.
    fn load(&mut self, reference: &str, from: &str) -> Result<SourceFile, String>;
}

/// A loader for hosts without files: every file reference is an error.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoFiles;

impl GuidelineLoader for NoFiles {
    fn load(&mut self, reference: &str, _from: &str) -> Result<SourceFile, String> {
        Err(format!("cannot load `{reference}`: this host has no files; paste its rules into this guideline"))
    }
}

/// The keys a guideline file may have at its top level.
const GUIDELINE_KEYS: &[&str] =
    &["extends", "language", "platforms", "brand", "hashtags", "rules", "severity", "allow"];

/// A guideline file as written, read before it is merged.
struct GuidelineToml {
    extends: Option<Vec<Spanned<String>>>,
    language: Option<Spanned<String>>,
    platforms: Option<Vec<PlatformTarget>>,
    brand_names: Vec<Spanned<String>>,
    hashtags: Option<HashtagsToml>,
    rules: Vec<RuleSpec>,
    /// Rule id → severity, in rule id order.
    severity: Vec<(Spanned<String>, Spanned<String>)>,
    allow_terms: Vec<String>,
}

struct HashtagsToml {
    required: Vec<Spanned<String>>,
    in_preview: Option<bool>,
    banned: Vec<Spanned<String>>,
    max: Option<HashtagMax>,
    camel_case: Option<bool>,
}

impl GuidelineToml {
    fn read(file: &SourceFile) -> Result<GuidelineToml, GuidelineError> {
        let document = toml_reader::parse(file)?;
        let fields = Fields::root(file, &document, GUIDELINE_KEYS)?;
        let brand_names = match fields.table("brand", &["names"])? {
            Some(brand) => brand.strings("names")?,
            None => Vec::new(),
        };
        let hashtags = match fields.table("hashtags", &["required", "in_preview", "banned", "max", "camel_case"])? {
            Some(hashtags) => Some(HashtagsToml {
                required: hashtags.strings("required")?,
                in_preview: hashtags.bool("in_preview")?,
                banned: hashtags.strings("banned")?,
                max: hashtags.get("max").map(|max| read_hashtag_max(&max)).transpose()?,
                camel_case: hashtags.bool("camel_case")?,
            }),
            None => None,
        };
        let severity = match fields.get("severity") {
            Some(table) => table
                .entries("a table of rule ids and severities")?
                .into_iter()
                .map(|(rule, severity)| Ok((rule, severity.string()?)))
                .collect::<Result<_, GuidelineError>>()?,
            None => Vec::new(),
        };
        let allow_terms = match fields.table("allow", &["terms"])? {
            Some(allow) => allow.plain_strings("terms")?,
            None => Vec::new(),
        };
        Ok(GuidelineToml {
            // `extends = "default"` reads as well as `extends = ["default"]`.
            extends: fields.get("extends").map(|item| item.spanned_string_or_strings()).transpose()?,
            language: fields.string("language")?,
            platforms: fields.get("platforms").map(|item| read_platforms(&item)).transpose()?,
            brand_names,
            hashtags,
            rules: read_rules(&fields)?,
            severity,
            allow_terms,
        })
    }
}

/// A severity override from `[severity]`, with where it was written.
#[derive(Debug, Clone)]
pub(crate) struct SeverityOverride {
    pub(crate) rule: String,
    /// `None` turns the rule off.
    pub(crate) severity: Option<Severity>,
    pub(crate) file: usize,
    pub(crate) offset: usize,
}

/// A custom rule with the file it came from.
#[derive(Debug, Clone)]
pub(crate) struct CustomRule {
    pub(crate) spec: RuleSpec,
    pub(crate) file: usize,
    pub(crate) index: usize,
}

/// A resolved guideline: which packs, which platforms, custom rules,
/// overrides and settings. Compile it into a [`crate::Checker`].
#[derive(Debug, Clone)]
pub struct Guideline {
    pub(crate) packs: BTreeSet<String>,
    pub(crate) platforms: Vec<PlatformTarget>,
    pub(crate) settings: Settings,
    pub(crate) custom_rules: Vec<CustomRule>,
    pub(crate) overrides: Vec<SeverityOverride>,
    pub(crate) files: Vec<SourceFile>,
}

impl Default for Guideline {
    /// Every built-in pack, no custom rule, no platform preference.
    fn default() -> Self {
        Guideline {
            packs: packs::DEFAULT_PACKS.iter().map(|pack| (*pack).to_owned()).collect(),
            platforms: Vec::new(),
            settings: Settings::default(),
            custom_rules: Vec::new(),
            overrides: Vec::new(),
            files: Vec::new(),
        }
    }
}

impl Guideline {
    /// Parses a guideline file, loading the files it extends through `loader`.
    pub fn parse(file: SourceFile, loader: &mut dyn GuidelineLoader) -> Result<Guideline, GuidelineError> {
        let mut guideline = Guideline { packs: BTreeSet::new(), ..Guideline::default() };
        let mut stack = Vec::new();
        guideline.merge_file(file, loader, &mut stack)?;
        Ok(guideline)
    }

    /// Parses a guideline text that may not extend other files.
    pub fn from_toml(name: &str, text: &str) -> Result<Guideline, GuidelineError> {
        Guideline::parse(SourceFile::new(name, text), &mut NoFiles)
    }

    /// The platforms the guideline targets when the caller names none.
    pub fn platforms(&self) -> &[PlatformTarget] {
        &self.platforms
    }

    /// The settings rules read.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The built-in packs in use.
    pub fn packs(&self) -> impl Iterator<Item = &str> {
        self.packs.iter().map(String::as_str)
    }

    fn merge_file(
        &mut self,
        file: SourceFile,
        loader: &mut dyn GuidelineLoader,
        stack: &mut Vec<String>,
    ) -> Result<(), GuidelineError> {
        if stack.contains(&file.name) {
            let chain = stack.iter().chain(std::iter::once(&file.name)).cloned().collect::<Vec<_>>();
            return Err(GuidelineError {
                file: file.name.clone(),
                line: 0,
                column: 0,
                key: Some("extends".to_owned()),
                message: format!("the guideline extends itself: {}", chain.join(" → ")),
            });
        }
        let parsed = GuidelineToml::read(&file)?;
        stack.push(file.name.clone());
        let file_index = self.files.len();
        self.files.push(file);

        // Bases first, so this file's settings win.
        let default_extends = [Spanned::new(0..0, "default".to_owned())];
        let extends = parsed.extends.as_deref().unwrap_or(&default_extends);
        for (index, reference) in extends.iter().enumerate() {
            let name = reference.get_ref();
            if let Some(pack_names) = packs::resolve_pack_name(name) {
                self.packs.extend(pack_names.iter().map(|pack| (*pack).to_owned()));
            } else if looks_like_path(name) {
                let from = self.files[file_index].name.clone();
                let base = loader.load(name, &from).map_err(|message| {
                    self.files[file_index].error_at(
                        Some(reference.span().start),
                        Some(format!("extends[{index}]")),
                        message,
                    )
                })?;
                self.merge_file(base, loader, stack)?;
            } else {
                let hint = crate::suggest::closest(name, packs::PACK_NAMES.iter().copied())
                    .map(|best| format!("did you mean `{best}`? "))
                    .unwrap_or_default();
                return Err(self.files[file_index].error_at(
                    Some(reference.span().start),
                    Some(format!("extends[{index}]")),
                    format!(
                        "unknown pack `{name}`; {hint}built-in packs are {}; a file path must end in `.toml`",
                        packs::PACK_NAMES.join(", ")
                    ),
                ));
            }
        }
        let file = &self.files[file_index];
        if let Some(language) = &parsed.language {
            let code = language.get_ref().to_ascii_lowercase();
            if let Some(pack) = packs::language_pack(&code) {
                self.packs.insert(pack.to_owned());
            } else if code != "en" {
                return Err(file.error_at(
                    Some(language.span().start),
                    Some("language".into()),
                    format!(
                        "no built-in pack for language `{code}`; available: en, {}",
                        packs::LANGUAGE_PACKS.join(", ")
                    ),
                ));
            }
            self.settings.language = Some(code);
        }
        if let Some(platforms) = parsed.platforms {
            self.platforms = platforms;
        }
        for name in parsed.brand_names {
            if name.get_ref().trim().is_empty() {
                return Err(file.error_at(Some(name.span().start), Some("brand.names".into()), "empty brand name"));
            }
            self.settings.brand_names.push(name.into_inner());
        }
        if let Some(hashtags) = parsed.hashtags {
            let policy = &mut self.settings.hashtags;
            for (key, list, target) in [
                ("hashtags.required", hashtags.required, &mut policy.required),
                ("hashtags.banned", hashtags.banned, &mut policy.banned),
            ] {
                for tag in list {
                    target.push(normalize_hashtag(file, key, tag)?);
                }
            }
            if let Some(in_preview) = hashtags.in_preview {
                policy.in_preview = in_preview;
            }
            if let Some(camel_case) = hashtags.camel_case {
                policy.camel_case = camel_case;
            }
            if let Some(max) = hashtags.max {
                policy.max = max;
            }
        }
        self.settings.allow_terms.extend(parsed.allow_terms.into_iter().filter(|term| !term.trim().is_empty()));
        for (index, spec) in parsed.rules.into_iter().enumerate() {
            self.custom_rules.push(CustomRule { spec, file: file_index, index });
        }
        for (rule, severity) in parsed.severity {
            let value = severity.get_ref();
            let level = if value == "off" {
                None
            } else {
                Some(parse_severity(value).ok_or_else(|| {
                    file.error_at(
                        Some(severity.span().start),
                        Some(format!("severity.\"{}\"", rule.get_ref())),
                        format!("unknown severity `{value}`; use error, warning, info or off"),
                    )
                })?)
            };
            self.overrides.push(SeverityOverride {
                rule: rule.get_ref().clone(),
                severity: level,
                file: file_index,
                offset: rule.span().start,
            });
        }
        stack.pop();
        Ok(())
    }
}

fn looks_like_path(reference: &str) -> bool {
    reference.ends_with(".toml") || reference.contains('/') || reference.contains('\\')
}

fn unknown_platform_message(name: &str) -> String {
    match name.parse::<PlatformTarget>() {
        Err(error) => error.to_string(),
        Ok(_) => format!("unknown platform `{name}`"),
    }
}

/// `platforms = ["x", "bluesky:250"]` or `[platforms.x]` tables with an optional `limit`.
fn read_platforms(platforms: &Item<'_, '_>) -> Result<Vec<PlatformTarget>, GuidelineError> {
    let mut targets = Vec::new();
    match platforms.value() {
        DeValue::Array(_) => {
            for item in platforms.elements("a list of platform names")? {
                let name = item.string()?;
                let target = name.get_ref().parse::<PlatformTarget>().map_err(|error| item.error(error.to_string()))?;
                targets.push(target);
            }
        }
        DeValue::Table(_) => {
            for (name, item) in platforms.entries("a table of platforms")? {
                let platform = Platform::from_name(name.get_ref())
                    .ok_or_else(|| item.key_error(unknown_platform_message(name.get_ref())))?;
                let settings = item.table(&["limit"])?;
                let limit = match settings.get("limit") {
                    Some(limit) => match limit.count()? {
                        0 => return Err(limit.key_error("the limit must be a positive whole number")),
                        count => Some(count),
                    },
                    None => None,
                };
                targets.push(PlatformTarget { platform, limit });
            }
        }
        _ => return Err(platforms.invalid_type("a list of platform names or a table of platforms")),
    }
    crate::sort::sort_by(&mut targets, Ord::cmp);
    targets.dedup();
    Ok(targets)
}

/// `max = 3` for every platform, or `max = { x = 2, instagram = 5 }`.
fn read_hashtag_max(max: &Item<'_, '_>) -> Result<HashtagMax, GuidelineError> {
    match max.value() {
        DeValue::Table(_) => {
            let mut per_platform = BTreeMap::new();
            for (name, item) in max.entries("a number or a table of platforms and numbers")? {
                let platform = Platform::from_name(name.get_ref())
                    .ok_or_else(|| item.key_error(unknown_platform_message(name.get_ref())))?;
                per_platform.insert(platform, item.count()?);
            }
            Ok(HashtagMax::PerPlatform(per_platform))
        }
        DeValue::Integer(_) => Ok(HashtagMax::All(max.count()?)),
        _ => Err(max.invalid_type("a number or a table of platforms and numbers")),
    }
}

fn normalize_hashtag(file: &SourceFile, key: &str, tag: Spanned<String>) -> Result<String, GuidelineError> {
    let text = tag.get_ref().trim();
    let body = text.strip_prefix(['#', '＃']).unwrap_or(text);
    if body.is_empty() || !body.chars().all(|ch| ch.is_alphanumeric() || ch == '_') {
        return Err(file.error_at(
            Some(tag.span().start),
            Some(key.to_owned()),
            format!("`{text}` is not a hashtag: write `#` followed by letters, digits or `_`"),
        ));
    }
    Ok(format!("#{body}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_example_parses() {
        let text = r##"
extends = ["default"]
platforms = ["x", "instagram"]

[brand]
names = ["Harbor Health Alliance", "HHA", "CareLink"]

[hashtags]
required = ["#HarborHealth"]
banned = ["#blessed"]
max = { x = 2, instagram = 5 }
camel_case = true

[[rules]]
id = "hha.cheap"
category = "branding"
severity = "warning"
message = "Say 'affordable', not 'cheap'."
terms = ["cheap"]
suggest = ["affordable"]

[severity]
"inclusion.gendered-greeting" = "error"

[allow]
terms = ["Manpower Group"]
"##;
        let guideline = Guideline::from_toml("postlint.toml", text).unwrap();
        assert_eq!(guideline.platforms.len(), 2);
        assert_eq!(guideline.settings.brand_names.len(), 3);
        assert_eq!(guideline.settings.hashtags.max.for_platform(Platform::X), Some(2));
        assert_eq!(guideline.settings.hashtags.required, ["#HarborHealth"]);
        assert_eq!(guideline.custom_rules.len(), 1);
        assert_eq!(guideline.overrides[0].severity, Some(Severity::Error));
        assert!(guideline.packs.contains("inclusion"));
    }

    #[test]
    fn platform_table_form_sets_limits() {
        let guideline = Guideline::from_toml("g.toml", "[platforms.mastodon]\nlimit = 1000\n[platforms.x]\n").unwrap();
        assert_eq!(
            guideline.platforms,
            [
                PlatformTarget { platform: Platform::X, limit: None },
                PlatformTarget { platform: Platform::Mastodon, limit: Some(1000) }
            ]
        );
    }

    fn error(text: &str) -> String {
        Guideline::from_toml("g.toml", text).unwrap_err().to_string()
    }

    #[test]
    fn errors_name_file_line_column_and_key() {
        assert_eq!(
            error("platfroms = [\"x\"]"),
            "g.toml:1:1: key `platfroms`: unknown field `platfroms`, expected one of `extends`, `language`, `platforms`, `brand`, `hashtags`, `rules`, `severity`, `allow`; did you mean `platforms`?"
        );
        assert!(error("platforms = [\"x\", \"tiktk\"]")
            .starts_with("g.toml:1:19: key `platforms[1]`: unknown platform `tiktk` (did you mean `tiktok`?)"));
        assert!(error("extends = [\"inclusoin\"]").contains("did you mean `inclusion`?"));
        assert!(error("extends = \"inclusoin\"").starts_with("g.toml:1:11: key `extends[0]`: unknown pack `inclusoin`"));
        assert!(Guideline::from_toml("g.toml", "extends = \"ethics\"").unwrap().packs().eq(["ethics"]));
        assert!(error("[severity]\n\"a.b\" = \"loud\"")
            .starts_with("g.toml:2:9: key `severity.\"a.b\"`: unknown severity `loud`"));
        assert!(error("[hashtags]\nbanned = [\"#no way\"]").starts_with("g.toml:2:11: key `hashtags.banned`"));
        assert!(error("extends = [\"other.toml\"]").contains("this host has no files"));
        assert_eq!(
            error("[hashtags]\nmax = \"three\""),
            "g.toml:2:7: key `hashtags.max`: invalid type: expected a number or a table of platforms and numbers, \
             found the string \"three\""
        );
        assert!(error("[hashtags]\nmax = { x = 2, tiktk = 3 }").starts_with("g.toml:2:16: key `hashtags.max.tiktk`"));
        assert!(error("[platforms.x]\nlimit = 0")
            .starts_with("g.toml:2:1: key `platforms.x.limit`: the limit must be a positive whole number"));
        let rule = "[[rules]]\nid = \"a.b\"\ncategory = \"style\"\nmessage = \"m\"\nterms = [\"x\"]\n";
        assert!(error(&format!("{rule}{rule}severity = 4"))
            .starts_with("g.toml:11:12: key `rules[1].severity`: invalid type: expected a string, found the number 4"));
        assert!(error(&format!("{rule}[[rules]]\nid = \"c\""))
            .starts_with("g.toml:6:1: key `rules[1]`: missing field `category`"));
    }

    #[test]
    fn a_guideline_that_extends_itself_is_an_error() {
        struct Loop;
        impl GuidelineLoader for Loop {
            fn load(&mut self, reference: &str, _from: &str) -> Result<SourceFile, String> {
                Ok(SourceFile::new(reference, format!("extends = [\"{reference}\"]")))
            }
        }
        let error = Guideline::parse(SourceFile::new("a.toml", "extends = [\"a.toml\"]"), &mut Loop).unwrap_err();
        assert!(error.to_string().contains("extends itself: a.toml → a.toml"), "{error}");
    }
}
