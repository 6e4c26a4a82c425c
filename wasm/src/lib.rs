//! postlint for JavaScript: a thin wasm-bindgen shell around `postlint-core`.
//!
//! Results are plain objects, so they survive `postMessage` to and from a
//! Web Worker and need no `.free()`. `check`, which runs on every keystroke,
//! builds them in JavaScript from one array of numbers and one string
//! (`result.rs` and `result.js`); the rarer calls go through JSON. Offsets
//! are UTF-16 code units by default, what JavaScript strings, textareas and
//! editors use.

mod result;

use std::cell::RefCell;
use std::sync::Once;

use postlint_core::{
    Checker as CoreChecker, Draft, Edit, Encoding, Fix, Format, Guideline, GuidelineError, LineIndex, Locator,
    PlatformTarget, Span,
};
use result::CompactResult;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** Options for `Checker.check`. */
export interface CheckOptions {
  /** How the text is written (default "text"). */
  format?: "text" | "markdown";
  /** Platforms to measure and check for, e.g. ["x", "mastodon:1000"]; default: the guideline's. */
  platforms?: string[];
  /** Unit of offsets and columns: "utf16" (default, for JavaScript) or "utf8" (bytes). */
  offsets?: "utf16" | "utf8";
}

export type Severity = "error" | "warning" | "info";
export type Category = "ethics" | "inclusion" | "privacy" | "disclosure" | "branding" | "length" | "hashtags" | "accessibility" | "style";

/** One replacement. */
export interface Edit { start: number; end: number; replacement: string; }

/** One way to fix a finding. `safe` fixes may be applied without review. */
export interface Fix { title: string; safe: boolean; edits: Edit[]; }

/** A finding. `start`/`end` are in the requested unit (UTF-16 by default); lines and columns are 1-based. */
export interface Diagnostic {
  rule: string;
  category: Category;
  severity: Severity;
  message: string;
  help: string;
  start: number;
  end: number;
  line: number;
  column: number;
  end_line: number;
  end_column: number;
  fixes: Fix[];
}

/** How the draft measures up on one platform. `fold` is an offset in the requested unit, or null. */
export interface PlatformMetrics {
  platform: string;
  unit: string;
  length: number;
  limit: number;
  remaining: number;
  valid: boolean;
  hashtags: number;
  mentions: number;
  links: number;
  fold: number | null;
  bytes?: number;
}

/** Entities without their sign, as twitter-text extracts them. */
export interface Entities { hashtags: string[]; mentions: string[]; urls: string[]; cashtags: string[]; }

export interface CheckResult { diagnostics: Diagnostic[]; platforms: PlatformMetrics[]; entities: Entities; }

/** A rule, as `Checker.rules()` lists it. */
export interface RuleInfo {
  id: string;
  category: Category;
  /** Effective severity, or "off". */
  severity: Severity | "off";
  defaultSeverity: Severity;
  summary: string;
  fixable: boolean;
  sureness: "certain" | "ambiguous";
}

/** Platform facts, as `platforms()` lists them. */
export interface PlatformInfo {
  name: string;
  displayName: string;
  limit: number;
  unit: string;
  hashtagCap: number | null;
  fold: number | null;
}

/** A bad guideline throws an `Error` carrying these fields besides `message`. */
export interface GuidelineErrorFields { file: string; line: number; column: number; key: string | null; }
"#;

/// Runs once per module: turns a panic into a JavaScript exception with its
/// message, instead of an anonymous `unreachable` trap, and gives the
/// JavaScript half of `check` the names results refer to.
fn prepare_module() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            wasm_bindgen::throw_str(&format!("postlint internal error: {info}"));
        }));
        define_names(&result::names().collect::<Vec<_>>().join("\n"));
    });
}

fn js_error(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

fn guideline_error(error: &GuidelineError) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    let set = |key: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(&js, &JsValue::from_str(key), &value);
    };
    set("file", JsValue::from_str(&error.file));
    set("line", JsValue::from_f64(error.line as f64));
    set("column", JsValue::from_f64(error.column as f64));
    set("key", error.key.as_deref().map_or(JsValue::NULL, JsValue::from_str));
    js.into()
}

/// Serializes to a plain JavaScript object through JSON.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let json = serde_json::to_string(value).map_err(|error| js_error(&error.to_string()))?;
    js_sys::JSON::parse(&json)
}

/// Reads a plain JavaScript object through JSON; `undefined` and `null` give the default.
fn from_js<T: for<'de> Deserialize<'de> + Default>(value: &JsValue, what: &str) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    let json: String =
        js_sys::JSON::stringify(value).map_err(|_| js_error(&format!("{what} must be a plain object")))?.into();
    serde_json::from_str(&json).map_err(|error| js_error(&format!("invalid {what}: {error}")))
}

#[wasm_bindgen(module = "/src/result.js")]
extern "C" {
    /// Reads `check`'s options: `None` when they are those `memo` last saw, else the JSON
    /// text `[format, platforms, offsets]`, which `memo` then remembers; throws for a bad shape.
    #[wasm_bindgen(js_name = encodeOptions, catch)]
    fn encode_options(options: &JsValue, memo: &js_sys::Object) -> Result<Option<String>, JsValue>;

    /// Gives `decodeResult` the names results refer to by index.
    #[wasm_bindgen(js_name = defineNames)]
    fn define_names(joined: &str);

    /// Builds the result objects from what [`CompactResult`] wrote.
    #[wasm_bindgen(js_name = decodeResult)]
    fn decode_result(numbers: &[f64], strings: &str) -> JsValue;
}

/// `check`'s options, parsed.
struct CheckOptions {
    format: Format,
    platforms: Vec<PlatformTarget>,
    encoding: Encoding,
}

impl CheckOptions {
    fn parse(key: &str) -> Result<CheckOptions, JsValue> {
        let (format, platforms, offsets): (Option<String>, Vec<String>, Option<String>) =
            serde_json::from_str(key).map_err(|error| js_error(&format!("invalid options: {error}")))?;
        let format = match format.as_deref() {
            None => Format::Text,
            Some(name) => Format::from_name(name)
                .ok_or_else(|| js_error(&format!("invalid format `{name}`: use \"text\" or \"markdown\"")))?,
        };
        let platforms = platforms
            .iter()
            .map(|name| name.parse::<PlatformTarget>().map_err(|error| js_error(&error.to_string())))
            .collect::<Result<Vec<_>, _>>()?;
        let encoding = encoding(offsets.as_deref())?;
        Ok(CheckOptions { format, platforms, encoding })
    }
}

#[derive(Deserialize, Default)]
struct JsEdit {
    start: usize,
    end: usize,
    replacement: String,
}

#[derive(Deserialize, Default)]
struct JsFix {
    #[serde(default)]
    edits: Vec<JsEdit>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleInfo<'a> {
    id: &'a str,
    category: postlint_core::Category,
    severity: &'a str,
    default_severity: postlint_core::Severity,
    summary: &'a str,
    fixable: bool,
    sureness: &'a str,
}

fn encoding(name: Option<&str>) -> Result<Encoding, JsValue> {
    match name.unwrap_or("utf16") {
        "utf16" => Ok(Encoding::Utf16),
        "utf8" => Ok(Encoding::Utf8),
        other => Err(js_error(&format!("invalid offsets `{other}`: use \"utf16\" or \"utf8\""))),
    }
}

/// A compiled guideline: create once, check many drafts.
#[wasm_bindgen]
pub struct Checker {
    inner: CoreChecker,
    /// Reused by every check, so a check allocates no result buffers.
    result: RefCell<CompactResult>,
    /// The options of the last check.
    options: RefCell<Option<CheckOptions>>,
    /// What `encodeOptions` compares a check's options with, to tell they did not change.
    options_memo: RefCell<js_sys::Object>,
}

#[wasm_bindgen]
impl Checker {
    /// Compiles a guideline TOML text, or the built-in default when none is given.
    /// A bad guideline throws an `Error` whose message names the line, column and key,
    /// which are also set as `line`, `column` and `key` properties.
    #[wasm_bindgen(constructor)]
    pub fn new(guideline_toml: Option<String>) -> Result<Checker, JsValue> {
        prepare_module();
        let guideline = match guideline_toml {
            None => Guideline::default(),
            Some(text) => Guideline::from_toml("postlint.toml", &text).map_err(|error| guideline_error(&error))?,
        };
        let inner = CoreChecker::new(&guideline).map_err(|error| guideline_error(&error))?;
        Ok(Checker {
            inner,
            result: RefCell::default(),
            options: RefCell::default(),
            options_memo: RefCell::new(js_sys::Object::new()),
        })
    }

    /// Checks a draft. Returns `{diagnostics, platforms, entities}`.
    #[wasm_bindgen(unchecked_return_type = "CheckResult")]
    pub fn check(
        &self,
        text: &str,
        #[wasm_bindgen(unchecked_param_type = "CheckOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        // An editor passes the same options on every keystroke: read them once.
        let changed = encode_options(&options, &self.options_memo.borrow())?;
        let mut options = self.options.borrow_mut();
        if let Some(key) = changed {
            *options = None;
            match CheckOptions::parse(&key) {
                Ok(parsed) => *options = Some(parsed),
                Err(error) => {
                    // The memo took these options in; forget them so the next call reads them again.
                    *self.options_memo.borrow_mut() = js_sys::Object::new();
                    return Err(error);
                }
            }
        }
        let Some(CheckOptions { format, platforms, encoding, .. }) = options.as_ref() else {
            return Err(js_error("options were not read"));
        };
        let report = self.inner.check(&Draft { text, format: *format, platforms });
        let mut result = self.result.borrow_mut();
        result.write_report(&report, &Locator::new(text, *encoding));
        Ok(decode_result(&result.numbers, &result.strings))
    }

    /// Applies one fix (as returned by `check`, offsets in UTF-16 code units) and returns the new text.
    #[wasm_bindgen(js_name = applyFix)]
    pub fn apply_fix(
        &self,
        text: &str,
        #[wasm_bindgen(unchecked_param_type = "Fix")] fix: JsValue,
    ) -> Result<String, JsValue> {
        let fix: JsFix = from_js(&fix, "fix")?;
        let index = LineIndex::new(text);
        let units = postlint_core::utf16_len(text);
        let mut edits = Vec::new();
        for edit in fix.edits {
            if edit.start > edit.end || edit.end > units {
                return Err(js_error(&format!(
                    "fix edit {}..{} does not fit the text ({units} UTF-16 units): was the text changed?",
                    edit.start, edit.end
                )));
            }
            let span = Span::new(index.byte_offset_from_utf16(edit.start), index.byte_offset_from_utf16(edit.end));
            edits.push(Edit { span, replacement: edit.replacement });
        }
        let fix = Fix { title: String::new(), edits, safe: false };
        Ok(postlint_core::apply_fixes(text, [&fix]))
    }

    /// Every rule with its effective severity.
    #[wasm_bindgen(unchecked_return_type = "RuleInfo[]")]
    pub fn rules(&self) -> Result<JsValue, JsValue> {
        let rules: Vec<RuleInfo<'_>> = self
            .inner
            .rules()
            .map(|(meta, severity)| RuleInfo {
                id: &meta.id,
                category: meta.category,
                severity: severity.map_or("off", |severity| severity.as_str()),
                default_severity: meta.default_severity,
                summary: &meta.summary,
                fixable: meta.fixable,
                sureness: meta.sureness.as_str(),
            })
            .collect();
        to_js(&rules)
    }

    /// A rule's documentation, as Markdown. Throws for an unknown id.
    pub fn explain(&self, id: &str) -> Result<String, JsValue> {
        let (meta, severity) = self.inner.rule(id).ok_or_else(|| js_error(&format!("unknown rule `{id}`")))?;
        Ok(postlint_core::rule::explain(meta, severity))
    }
}

/// The platform facts table.
#[wasm_bindgen(unchecked_return_type = "PlatformInfo[]")]
pub fn platforms() -> Result<JsValue, JsValue> {
    let list: Vec<serde_json::Value> = postlint_core::PLATFORM_FACTS
        .iter()
        .map(|facts| {
            serde_json::json!({
                "name": facts.platform.as_str(),
                "displayName": facts.display_name,
                "limit": facts.limit,
                "unit": facts.unit.as_str(),
                "hashtagCap": facts.hashtag_cap,
                "fold": facts.fold,
            })
        })
        .collect();
    to_js(&list)
}

/// Panics on purpose, so tests can check that a panic reaches JavaScript
/// as an exception with a message. Not part of the API.
#[doc(hidden)]
#[wasm_bindgen(js_name = __panicForTests)]
pub fn panic_for_tests() {
    prepare_module();
    panic!("a test asked for a panic");
}

/// The version of postlint.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
