//! What a check reports: diagnostics, their severity and category, and fixes.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A hint; never fails a check by default.
    Info,
    /// Should be fixed before publishing.
    Warning,
    /// Breaks a guideline or a platform limit.
    Error,
}

impl Severity {
    /// Every severity, most serious last.
    pub const ALL: [Severity; 3] = [Severity::Info, Severity::Warning, Severity::Error];

    /// The lowercase name used in files and output.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Severity::ALL.into_iter().find(|severity| severity.as_str() == s).ok_or(())
    }
}

/// The guideline area a rule belongs to. A fixed set, so that reports can be
/// grouped the same way everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Dignity of the people shown, no sensationalism, consent.
    Ethics,
    /// Inclusive language.
    Inclusion,
    /// Personal data.
    Privacy,
    /// Advertising and sponsorship disclosure.
    Disclosure,
    /// Names, terms, handles and tone of the organisation.
    Branding,
    /// Platform length limits.
    Length,
    /// Hashtag rules.
    Hashtags,
    /// Accessibility of the post.
    Accessibility,
    /// Readability hints.
    Style,
}

impl Category {
    /// Every category, in display order.
    pub const ALL: [Category; 9] = [
        Category::Ethics,
        Category::Inclusion,
        Category::Privacy,
        Category::Disclosure,
        Category::Branding,
        Category::Length,
        Category::Hashtags,
        Category::Accessibility,
        Category::Style,
    ];

    /// The lowercase name used in files and output.
    pub const fn as_str(self) -> &'static str {
        match self {
            Category::Ethics => "ethics",
            Category::Inclusion => "inclusion",
            Category::Privacy => "privacy",
            Category::Disclosure => "disclosure",
            Category::Branding => "branding",
            Category::Length => "length",
            Category::Hashtags => "hashtags",
            Category::Accessibility => "accessibility",
            Category::Style => "style",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Category {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Category::ALL.into_iter().find(|category| category.as_str() == s).ok_or(())
    }
}

/// One replacement: the bytes of `span` become `replacement`.
///
/// An empty `replacement` deletes; an empty `span` inserts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Edit {
    /// The bytes to replace.
    #[serde(flatten)]
    pub span: Span,
    /// The new text.
    pub replacement: String,
}

/// One way to fix a finding: a title and the edits it makes, sorted by start.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Fix {
    /// What the fix does, in the imperative ("Replace with “everyone”").
    pub title: String,
    /// The edits, sorted and non-overlapping.
    pub edits: Vec<Edit>,
    /// Whether `--fix` may apply it without a human looking. Word substitutions
    /// change meaning in subtle ways, so only mechanical fixes are safe.
    pub safe: bool,
}

impl Fix {
    /// A fix that replaces one span.
    pub fn replace(title: impl Into<String>, span: Span, replacement: impl Into<String>) -> Self {
        Fix { title: title.into(), edits: vec![Edit { span, replacement: replacement.into() }], safe: false }
    }

    /// Marks the fix as safe to apply automatically.
    pub fn safe(mut self) -> Self {
        self.safe = true;
        self
    }
}

/// A finding: which rule, how serious, where, what is wrong, what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Stable rule id, kebab-case, namespaced by pack (`inclusion.gendered-greeting`).
    pub rule: Cow<'static, str>,
    /// The guideline area.
    pub category: Category,
    /// How serious, after the guideline's overrides.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// What to do about it (most rules' advice is fixed text, kept without a copy).
    pub help: Cow<'static, str>,
    /// Where, in UTF-8 bytes of the original text.
    pub span: Span,
    /// Ways to fix it, preferred first.
    pub fixes: Vec<Fix>,
}

/// Applies the fixes in order, skipping any whose edits overlap an edit
/// already taken, and returns the new text.
///
/// Edits that do not lie on char boundaries of `text` are skipped rather
/// than allowed to corrupt it.
pub fn apply_fixes<'f>(text: &str, fixes: impl IntoIterator<Item = &'f Fix>) -> String {
    let mut taken: Vec<&Edit> = Vec::new();
    for fix in fixes {
        let valid = fix.edits.iter().all(|edit| {
            edit.span.start <= edit.span.end
                && text.is_char_boundary(edit.span.start)
                && text.is_char_boundary(edit.span.end)
                && edit.span.end <= text.len()
        });
        let clashes = fix.edits.iter().any(|edit| {
            taken.iter().any(|other| {
                edit.span.overlaps(other.span)
                    || (edit.span.is_empty() && other.span.is_empty() && edit.span.start == other.span.start)
                    || (edit.span.is_empty() && other.span.start < edit.span.start && edit.span.start < other.span.end)
                    || (other.span.is_empty() && edit.span.start < other.span.start && other.span.start < edit.span.end)
            })
        });
        if valid && !clashes {
            taken.extend(fix.edits.iter());
        }
    }
    crate::sort::sort_by_key(&mut taken, |edit| (edit.span.start, edit.span.end));
    let mut output = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in taken {
        output.push_str(&text[cursor..edit.span.start]);
        output.push_str(&edit.replacement);
        cursor = edit.span.end;
    }
    output.push_str(&text[cursor..]);
    output
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for category in Category::ALL {
            assert_eq!(category.as_str().parse::<Category>(), Ok(category));
        }
        for severity in Severity::ALL {
            assert_eq!(severity.as_str().parse::<Severity>(), Ok(severity));
        }
        assert!("fatal".parse::<Severity>().is_err());
        assert!(Severity::Info < Severity::Warning && Severity::Warning < Severity::Error);
    }

    #[test]
    fn overlapping_fixes_keep_the_first() {
        let text = "hey guys and gals";
        let first = Fix::replace("a", Span::new(0, 8), "hi all");
        let second = Fix::replace("b", Span::new(4, 8), "folks");
        let third = Fix::replace("c", Span::new(13, 17), "pals");
        assert_eq!(apply_fixes(text, [&first, &second, &third]), "hi all and pals");
    }

    #[test]
    fn bad_edits_are_skipped() {
        let text = "héllo";
        let mid_char = Fix::replace("x", Span::new(0, 2), "");
        let past_end = Fix::replace("x", Span::new(3, 40), "");
        assert_eq!(apply_fixes(text, [&mid_char, &past_end]), text);
    }
}
