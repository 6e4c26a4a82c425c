//! postlint for JavaScript: a thin wasm-bindgen shell around `postlint-core`.
//!
//! Results are plain objects, so they survive `postMessage` to and from a
//! Web Worker and need no `.free()`. `check`, which runs on every keystroke,
//! builds them in JavaScript from one array of numbers and one string
//! (`result.rs` and `result.js`); the rarer calls build and read objects
//! property by property, which needs no JSON code in the module. Offsets
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

/// Sets the property `name` of an object this module made, which cannot refuse it.
fn set_property(object: &js_sys::Object, name: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(name), value);
}

/// Reads the property `name` of `object` (an object): `undefined` when it has none;
/// an exception thrown by a getter is passed on.
fn property(object: &JsValue, name: &str) -> Result<JsValue, JsValue> {
    js_sys::Reflect::get(object, &JsValue::from_str(name))
}

/// Whether `value` is an object other than an array, as a fix and its edits must be.
fn is_object_other_than_array(value: &JsValue) -> bool {
    value.is_object() && !js_sys::Array::is_array(value)
}

#[wasm_bindgen(module = "/src/result.js")]
extern "C" {
    /// Reads `check`'s options: `None` when they are those `memo` last saw, else the array
    /// `[format, offsets, ...platforms]` of strings (`null` for an absent format or offsets),
    /// which `memo` then remembers; throws for a bad shape.
    #[wasm_bindgen(js_name = readOptions, catch)]
    fn read_options(options: &JsValue, memo: &js_sys::Object) -> Result<Option<js_sys::Array>, JsValue>;

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
    /// Parses what `readOptions` returned, `[format, offsets, ...platforms]`.
    fn parse(values: &js_sys::Array) -> Result<CheckOptions, JsValue> {
        let format = match values.get(0).as_string() {
            None => Format::Text,
            Some(name) => Format::from_name(&name)
                .ok_or_else(|| js_error(&format!("invalid format `{name}`: use \"text\" or \"markdown\"")))?,
        };
        let encoding = encoding(values.get(1).as_string().as_deref())?;
        let platforms = values
            .iter()
            .skip(2)
            .map(|name| {
                // `readOptions` let only strings through; this guards against it changing.
                let name = name
                    .as_string()
                    .ok_or_else(|| js_error("invalid options: `platforms` must be an array of strings"))?;
                name.parse::<PlatformTarget>().map_err(|error| js_error(&error.to_string()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(CheckOptions { format, platforms, encoding })
    }
}

/// One replacement of a fix given to `applyFix`.
struct FixEdit {
    /// UTF-16 offsets, whole and not negative. Still JavaScript numbers, so
    /// that one too large for `usize` shows as given when it does not fit.
    start: f64,
    end: f64,
    replacement: String,
}

impl FixEdit {
    /// Reads the edits of a fix, `{title, safe, edits: [{start, end, replacement}]}` as
    /// `check` returns it; other properties are ignored. `undefined`, `null` and a fix
    /// without `edits` have none.
    fn read_all(fix: &JsValue) -> Result<Vec<FixEdit>, JsValue> {
        if fix.is_undefined() || fix.is_null() {
            return Ok(Vec::new());
        }
        if !is_object_other_than_array(fix) {
            return Err(js_error("fix must be a plain object"));
        }
        let edits = property(fix, "edits")?;
        if edits.is_undefined() {
            return Ok(Vec::new());
        }
        let edits: js_sys::Array = edits.dyn_into().map_err(|_| js_error("invalid fix: `edits` must be an array"))?;
        edits.iter().enumerate().map(|(index, edit)| FixEdit::read(&edit, index)).collect()
    }

    /// Reads the edit at `index` in a fix's `edits`.
    fn read(edit: &JsValue, index: usize) -> Result<FixEdit, JsValue> {
        if !is_object_other_than_array(edit) {
            return Err(js_error(&format!(
                "invalid fix: `edits[{index}]` must be an object with `start`, `end` and `replacement`"
            )));
        }
        let offset = |name: &str| -> Result<f64, JsValue> {
            match property(edit, name)?.as_f64() {
                Some(offset) if offset >= 0.0 && offset.fract() == 0.0 => Ok(offset),
                _ => Err(js_error(&format!(
                    "invalid fix: `edits[{index}].{name}` must be a whole number of UTF-16 code units, 0 or more"
                ))),
            }
        };
        let start = offset("start")?;
        let end = offset("end")?;
        let replacement = property(edit, "replacement")?
            .as_string()
            .ok_or_else(|| js_error(&format!("invalid fix: `edits[{index}].replacement` must be a string")))?;
        Ok(FixEdit { start, end, replacement })
    }
}

/// A whole number of zero or more, written out without float formatting,
/// which would bring about 6 KB (gzip) of code into the module for this one message.
fn whole_number_text(value: f64) -> String {
    // Every whole f64 below 2^64 converts exactly.
    if value < 18_446_744_073_709_551_616.0 {
        (value as u64).to_string()
    } else {
        "a number of 2^64 or more".to_owned()
    }
}

/// The unit of offsets named by `check`'s `offsets` option; UTF-16 when it is not given.
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
    /// What `readOptions` compares a check's options with, to tell they did not change.
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
        let changed = read_options(&options, &self.options_memo.borrow())?;
        let mut options = self.options.borrow_mut();
        if let Some(values) = changed {
            *options = None;
            match CheckOptions::parse(&values) {
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
        let fix_edits = FixEdit::read_all(&fix)?;
        let index = LineIndex::new(text);
        let units = postlint_core::utf16_len(text);
        let mut edits = Vec::new();
        for edit in fix_edits {
            if edit.start > edit.end || edit.end > units as f64 {
                return Err(js_error(&format!(
                    "fix edit {}..{} does not fit the text ({units} UTF-16 units): was the text changed?",
                    whole_number_text(edit.start),
                    whole_number_text(edit.end)
                )));
            }
            // Whole numbers no larger than `units`, so exact as `usize`.
            let (start, end) = (edit.start as usize, edit.end as usize);
            let span = Span::new(index.byte_offset_from_utf16(start), index.byte_offset_from_utf16(end));
            edits.push(Edit { span, replacement: edit.replacement });
        }
        let fix = Fix { title: String::new(), edits, safe: false };
        Ok(postlint_core::apply_fixes(text, [&fix]))
    }

    /// Every rule with its effective severity.
    #[wasm_bindgen(unchecked_return_type = "RuleInfo[]")]
    pub fn rules(&self) -> js_sys::Array {
        self.inner
            .rules()
            .map(|(meta, severity)| {
                let rule = js_sys::Object::new();
                set_property(&rule, "id", &JsValue::from_str(&meta.id));
                set_property(&rule, "category", &JsValue::from_str(meta.category.as_str()));
                let severity = severity.map_or("off", |severity| severity.as_str());
                set_property(&rule, "severity", &JsValue::from_str(severity));
                set_property(&rule, "defaultSeverity", &JsValue::from_str(meta.default_severity.as_str()));
                set_property(&rule, "summary", &JsValue::from_str(&meta.summary));
                set_property(&rule, "fixable", &JsValue::from_bool(meta.fixable));
                set_property(&rule, "sureness", &JsValue::from_str(meta.sureness.as_str()));
                rule
            })
            .collect()
    }

    /// A rule's documentation, as Markdown. Throws for an unknown id.
    pub fn explain(&self, id: &str) -> Result<String, JsValue> {
        let (meta, severity) = self.inner.rule(id).ok_or_else(|| js_error(&format!("unknown rule `{id}`")))?;
        Ok(postlint_core::rule::explain(meta, severity))
    }
}

/// The platform facts table.
#[wasm_bindgen(unchecked_return_type = "PlatformInfo[]")]
pub fn platforms() -> js_sys::Array {
    let number = |value: usize| JsValue::from_f64(value as f64);
    let optional_number = |value: Option<usize>| value.map_or(JsValue::NULL, number);
    postlint_core::PLATFORM_FACTS
        .iter()
        .map(|facts| {
            // In alphabetical order, as earlier versions (through JSON) gave them.
            let platform = js_sys::Object::new();
            set_property(&platform, "displayName", &JsValue::from_str(facts.display_name));
            set_property(&platform, "fold", &optional_number(facts.fold));
            set_property(&platform, "hashtagCap", &optional_number(facts.hashtag_cap));
            set_property(&platform, "limit", &number(facts.limit));
            set_property(&platform, "name", &JsValue::from_str(facts.platform.as_str()));
            set_property(&platform, "unit", &JsValue::from_str(facts.unit.as_str()));
            platform
        })
        .collect()
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
