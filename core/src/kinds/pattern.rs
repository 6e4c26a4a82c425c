//! The `pattern` rule kind: a regular expression over the prose.

use regex::Regex;

use crate::diagnostic::Fix;
use crate::kinds::{collapse_whitespace, in_quotes, render_template};
use crate::rule::{CheckContext, Reporter, Rule, RuleMeta};
use crate::span::Span;

/// Largest compiled size allowed for a user pattern, so a guideline file
/// cannot make checking slow or memory-hungry.
pub const PATTERN_SIZE_LIMIT: usize = 1 << 20;

/// A rule that flags matches of a regular expression.
///
/// The pattern runs over the prose view, where code, URLs, mentions and
/// hashtags are masked, so it never matches inside them. The `regex` crate
/// guarantees linear time whatever the pattern.
#[derive(Debug, Clone)]
pub struct PatternRule {
    meta: RuleMeta,
    regex: Regex,
    message: String,
    help: String,
    suggestions: Vec<String>,
    in_quotes: bool,
}

impl PatternRule {
    /// Builds the rule from a compiled regex (see [`compile_pattern`]).
    pub fn new(
        meta: RuleMeta,
        regex: Regex,
        message: String,
        help: String,
        suggestions: Vec<String>,
        in_quotes: bool,
    ) -> Self {
        PatternRule { meta, regex, message, help, suggestions, in_quotes }
    }
}

/// Compiles a user pattern with the size limit; the error says what is wrong.
pub fn compile_pattern(pattern: &str, case_sensitive: bool) -> Result<Regex, String> {
    regex::RegexBuilder::new(pattern)
        .case_insensitive(!case_sensitive)
        .size_limit(PATTERN_SIZE_LIMIT)
        .dfa_size_limit(PATTERN_SIZE_LIMIT)
        .build()
        .map_err(|error| match error {
            regex::Error::CompiledTooBig(limit) => {
                format!("the pattern is too large (compiled size over {limit} bytes)")
            }
            other => other.to_string(),
        })
}

impl Rule for PatternRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        let view = context.document.prose_view();
        for found in self.regex.find_iter(view) {
            let span = Span::new(found.start(), found.end());
            if span.is_empty() || found.as_str().contains('\u{1}') {
                continue;
            }
            let in_hashtag = context.document.hashtag_containing(Span::new(span.start, span.start + 1)).is_some();
            if in_hashtag && !found.as_str().starts_with('#') {
                continue;
            }
            if !self.in_quotes && in_quotes(view, span) {
                continue;
            }
            let shown = collapse_whitespace(found.as_str());
            let message = render_template(&self.message, &shown, &self.suggestions);
            let help = render_template(&self.help, &shown, &self.suggestions);
            let fixes = self
                .suggestions
                .iter()
                .map(|suggestion| Fix::replace(format!("Replace with “{suggestion}”"), span, suggestion.clone()))
                .collect();
            reporter.report_with_fixes(span, message, help, fixes);
        }
    }
}
