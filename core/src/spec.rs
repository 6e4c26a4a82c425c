//! Rules as data: the TOML shape of one rule, shared by built-in packs and
//! guideline files, and its compilation into a rule kind.

use serde_spanned::Spanned;

use crate::diagnostic::{Category, Severity};
use crate::error::{GuidelineError, SourceFile};
use crate::kinds::pattern::{compile_pattern, PatternRule};
use crate::kinds::terms::{Conditions, Term, TermOptions, TermsRule};
use crate::kinds::unknown_placeholder;
use crate::rule::{Examples, RuleMeta, Sureness};
use crate::toml_reader::Fields;

/// The keys a rule may have.
const RULE_KEYS: &[&str] = &[
    "id",
    "category",
    "severity",
    "message",
    "help",
    "summary",
    "why",
    "source",
    "sureness",
    "terms",
    "swap",
    "suggest",
    "pattern",
    "exceptions",
    "if_previous",
    "unless_previous",
    "if_next",
    "unless_next",
    "if_sentence_has",
    "unless_sentence_has",
    "case_sensitive",
    "in_quotes",
    "proper_names",
    "fire",
    "pass",
    "fixed",
];

/// A rule as written in TOML (`[[rules]]` in a guideline or a pack).
#[derive(Debug, Clone)]
pub(crate) struct RuleSpec {
    pub(crate) id: Spanned<String>,
    category: Spanned<String>,
    severity: Option<Spanned<String>>,
    message: Spanned<String>,
    help: Option<Spanned<String>>,
    summary: Option<String>,
    why: Option<String>,
    source: Option<String>,
    sureness: Option<Spanned<String>>,
    terms: Option<Spanned<Vec<String>>>,
    /// Phrase → its replacements, in phrase order.
    swap: Vec<(String, Vec<String>)>,
    suggest: Vec<String>,
    pattern: Option<Spanned<String>>,
    exceptions: Vec<String>,
    if_previous: Vec<String>,
    unless_previous: Vec<String>,
    if_next: Vec<String>,
    unless_next: Vec<String>,
    if_sentence_has: Vec<String>,
    unless_sentence_has: Vec<String>,
    case_sensitive: bool,
    in_quotes: bool,
    proper_names: bool,
    fire: Vec<String>,
    pass: Vec<String>,
    fixed: Vec<(String, String)>,
}

/// Reads the `rules` list of a guideline or pack file.
pub(crate) fn read_rules(fields: &Fields<'_, '_>) -> Result<Vec<RuleSpec>, GuidelineError> {
    let Some(rules) = fields.get("rules") else { return Ok(Vec::new()) };
    rules
        .elements("a list of rules (`[[rules]]`)")?
        .iter()
        .map(|rule| RuleSpec::read(&rule.table(RULE_KEYS)?))
        .collect()
}

impl RuleSpec {
    /// Reads one rule's table.
    fn read(fields: &Fields<'_, '_>) -> Result<RuleSpec, GuidelineError> {
        let text = |name: &str| Ok::<_, GuidelineError>(fields.string(name)?.map(Spanned::into_inner));
        let terms = match fields.get("terms") {
            Some(item) => {
                Some(Spanned::new(item.span(), item.strings()?.into_iter().map(Spanned::into_inner).collect()))
            }
            None => None,
        };
        let swap = match fields.get("swap") {
            Some(item) => item
                .entries("a table of phrases and their replacements")?
                .into_iter()
                .map(|(phrase, replacements)| Ok((phrase.into_inner(), replacements.string_or_strings()?)))
                .collect::<Result<_, GuidelineError>>()?,
            None => Vec::new(),
        };
        let fixed = match fields.get("fixed") {
            Some(item) => item
                .elements("a list of [before, after] pairs")?
                .iter()
                .map(|pair| match pair.strings()?.as_slice() {
                    [before, after] => Ok((before.get_ref().clone(), after.get_ref().clone())),
                    _ => Err(pair.invalid_type("a pair of strings [before, after]")),
                })
                .collect::<Result<_, GuidelineError>>()?,
            None => Vec::new(),
        };
        Ok(RuleSpec {
            id: fields.required_string("id")?,
            category: fields.required_string("category")?,
            severity: fields.string("severity")?,
            message: fields.required_string("message")?,
            help: fields.string("help")?,
            summary: text("summary")?,
            why: text("why")?,
            source: text("source")?,
            sureness: fields.string("sureness")?,
            terms,
            swap,
            suggest: fields.get("suggest").map(|item| item.string_or_strings()).transpose()?.unwrap_or_default(),
            pattern: fields.string("pattern")?,
            exceptions: fields.plain_strings("exceptions")?,
            if_previous: fields.plain_strings("if_previous")?,
            unless_previous: fields.plain_strings("unless_previous")?,
            if_next: fields.plain_strings("if_next")?,
            unless_next: fields.plain_strings("unless_next")?,
            if_sentence_has: fields.plain_strings("if_sentence_has")?,
            unless_sentence_has: fields.plain_strings("unless_sentence_has")?,
            case_sensitive: fields.bool("case_sensitive")?.unwrap_or(false),
            in_quotes: fields.bool("in_quotes")?.unwrap_or(false),
            proper_names: fields.bool("proper_names")?.unwrap_or(false),
            fire: fields.plain_strings("fire")?,
            pass: fields.plain_strings("pass")?,
            fixed,
        })
    }
}

/// A compiled data rule.
pub(crate) enum DataRule {
    Terms(TermsRule),
    Pattern(PatternRule),
}

impl DataRule {
    pub(crate) fn meta(&self) -> &RuleMeta {
        use crate::rule::Rule;
        match self {
            DataRule::Terms(rule) => rule.meta(),
            DataRule::Pattern(rule) => rule.meta(),
        }
    }
}

/// Whether `id` is kebab-case segments joined by dots (`hha.cheap-words`).
pub(crate) fn is_valid_rule_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('.').all(|segment| {
            !segment.is_empty()
                && !segment.starts_with('-')
                && !segment.ends_with('-')
                && segment.bytes().all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-')
        })
}

impl RuleSpec {
    /// Compiles the rule; `index` is its position in the file's `[[rules]]`.
    pub(crate) fn compile(self, file: &SourceFile, index: usize) -> Result<DataRule, GuidelineError> {
        let key = |name: &str| Some(format!("rules[{index}].{name}"));
        let at = |span: std::ops::Range<usize>| Some(span.start);
        let id = self.id.get_ref().clone();
        if !is_valid_rule_id(&id) {
            return Err(file.error_at(
                at(self.id.span()),
                key("id"),
                format!("rule id `{id}` must be lowercase kebab-case words joined by dots, such as `acme.cheap-words`"),
            ));
        }
        let category: Category = self.category.get_ref().parse().map_err(|()| {
            let names = Category::ALL.map(Category::as_str);
            let hint = crate::suggest::closest(self.category.get_ref(), names)
                .map(|best| format!("did you mean `{best}`? "))
                .unwrap_or_default();
            file.error_at(
                at(self.category.span()),
                key("category"),
                format!(
                    "unknown category `{}` in rule `{id}`; {hint}categories are: {}",
                    self.category.get_ref(),
                    names.join(", ")
                ),
            )
        })?;
        let severity = match &self.severity {
            None => Severity::Warning,
            Some(severity) => parse_severity(severity.get_ref()).ok_or_else(|| {
                file.error_at(
                    at(severity.span()),
                    key("severity"),
                    format!("unknown severity `{}` in rule `{id}`; use error, warning or info", severity.get_ref()),
                )
            })?,
        };
        let sureness = match &self.sureness {
            None => Sureness::Certain,
            Some(sureness) => match sureness.get_ref().as_str() {
                "certain" => Sureness::Certain,
                "ambiguous" => Sureness::Ambiguous,
                other => {
                    return Err(file.error_at(
                        at(sureness.span()),
                        key("sureness"),
                        format!("unknown sureness `{other}` in rule `{id}`; use certain or ambiguous"),
                    ))
                }
            },
        };
        for (name, template) in [("message", Some(&self.message)), ("help", self.help.as_ref())] {
            if let Some(template) = template {
                if let Some(unknown) = unknown_placeholder(template.get_ref()) {
                    return Err(file.error_at(
                        at(template.span()),
                        key(name),
                        format!(
                            "unknown placeholder `{{{unknown}}}` in rule `{id}`; use {{match}}, {{suggestion}} or {{suggestions}}"
                        ),
                    ));
                }
            }
        }
        let conditions = Conditions {
            if_previous: self.if_previous,
            unless_previous: self.unless_previous,
            if_next: self.if_next,
            unless_next: self.unless_next,
            if_sentence_has: self.if_sentence_has,
            unless_sentence_has: self.unless_sentence_has,
        };
        if sureness == Sureness::Ambiguous && conditions.is_empty() {
            return Err(file.error_at(
                at(self.id.span()),
                key("sureness"),
                format!(
                    "rule `{id}` is ambiguous but sets no context condition (if_previous, if_next, if_sentence_has, unless_…)"
                ),
            ));
        }
        let suggestions = self.suggest;
        let mut terms: Vec<Term> = Vec::new();
        if let Some(list) = &self.terms {
            terms.extend(
                list.get_ref().iter().map(|phrase| Term { phrase: phrase.clone(), suggestions: suggestions.clone() }),
            );
        }
        terms.extend(self.swap.into_iter().map(|(phrase, suggestions)| Term { phrase, suggestions }));
        let fixable = terms.iter().any(|term| !term.suggestions.is_empty()) || !suggestions.is_empty();
        let meta = RuleMeta {
            id: id.clone().into(),
            category,
            default_severity: severity,
            summary: self.summary.unwrap_or_else(|| self.message.get_ref().replace(['{', '}'], "")),
            why: self.why.unwrap_or_default(),
            source: self.source.unwrap_or_default(),
            sureness,
            fixable,
            examples: Examples { fire: self.fire, pass: self.pass, fixed: self.fixed, ..Examples::default() },
        };
        let message = self.message.into_inner();
        let help = self.help.map(Spanned::into_inner).unwrap_or_else(|| {
            if fixable {
                "Use {suggestions} instead.".to_owned()
            } else {
                "Rephrase this.".to_owned()
            }
        });
        match (self.pattern, terms.is_empty()) {
            (Some(pattern), true) => {
                let regex = compile_pattern(pattern.get_ref(), self.case_sensitive).map_err(|error| {
                    file.error_at(
                        at(pattern.span()),
                        key("pattern"),
                        format!("bad regular expression in rule `{id}`: {error}"),
                    )
                })?;
                Ok(DataRule::Pattern(PatternRule::new(meta, regex, message, help, suggestions, self.in_quotes)))
            }
            (None, false) => {
                // A term normalizes to nothing exactly when it is all white space.
                if terms.iter().any(|term| term.phrase.trim().is_empty()) {
                    return Err(file.error_at(
                        at(self.terms.as_ref().map_or(self.id.span(), Spanned::span)),
                        key("terms"),
                        format!("rule `{id}` has an empty term"),
                    ));
                }
                let options = TermOptions {
                    case_sensitive: self.case_sensitive,
                    in_quotes: self.in_quotes,
                    proper_names: self.proper_names,
                };
                Ok(DataRule::Terms(TermsRule::new(meta, terms, message, help, &self.exceptions, conditions, options)))
            }
            (Some(pattern), false) => Err(file.error_at(
                at(pattern.span()),
                key("pattern"),
                format!("rule `{id}` has both `pattern` and `terms`/`swap`; a rule is one kind, so split it in two"),
            )),
            (None, true) => Err(file.error_at(
                at(self.id.span()),
                key("terms"),
                format!("rule `{id}` needs `terms`, `swap` or `pattern`"),
            )),
        }
    }
}

/// Parses `error`, `warning` or `info`.
pub(crate) fn parse_severity(name: &str) -> Option<Severity> {
    name.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids() {
        assert!(is_valid_rule_id("inclusion.gendered-greeting"));
        assert!(is_valid_rule_id("hha.cheap"));
        assert!(!is_valid_rule_id("HHA.cheap"));
        assert!(!is_valid_rule_id("hha..cheap"));
        assert!(!is_valid_rule_id("hha.cheap-"));
        assert!(!is_valid_rule_id("hha cheap"));
    }
}
