//! The rule trait every check implements, and what a rule reports with.

use std::borrow::Cow;

use crate::diagnostic::{Category, Diagnostic, Fix, Severity};
use crate::document::Document;
use crate::entities::FoundEntity;
use crate::metrics::PlatformMetrics;
use crate::platform::PlatformTarget;
use crate::settings::Settings;
use crate::span::Span;
use crate::terms::TermHit;

/// How sure a rule is that a match is a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Sureness {
    /// The words are a problem wherever they appear.
    #[default]
    Certain,
    /// The words have harmless senses too: the rule fires only in a clear
    /// context (named words nearby), so it stays quiet when unsure.
    Ambiguous,
}

impl Sureness {
    /// The name used in rule files and docs.
    pub const fn as_str(self) -> &'static str {
        match self {
            Sureness::Certain => "certain",
            Sureness::Ambiguous => "ambiguous",
        }
    }
}

/// An example a rule ships with; the test suite runs every one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Examples {
    /// Drafts on which the rule must fire.
    pub fire: Vec<String>,
    /// Look-alike drafts on which it must stay quiet.
    pub pass: Vec<String>,
    /// `(draft, expected text after the preferred fix of every finding)`.
    pub fixed: Vec<(String, String)>,
    /// Platforms the examples target (none unless the rule needs them).
    pub platforms: Vec<PlatformTarget>,
    /// Guideline TOML the examples need (a required hashtag, say).
    pub guideline: Option<String>,
}

/// What a rule is, for listings, docs and output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleMeta {
    /// Stable kebab-case id, namespaced by pack (`inclusion.gendered-greeting`).
    pub id: Cow<'static, str>,
    /// The guideline area.
    pub category: Category,
    /// Severity unless the guideline overrides it.
    pub default_severity: Severity,
    /// One sentence: what the rule looks for.
    pub summary: String,
    /// Why it matters (Markdown).
    pub why: String,
    /// The public guide the rule rests on.
    pub source: String,
    /// How sure the rule is when it fires.
    pub sureness: Sureness,
    /// Whether the rule offers fixes.
    pub fixable: bool,
    /// Its examples.
    pub examples: Examples,
}

impl RuleMeta {
    /// The pack a rule belongs to: the part of its id before the first dot.
    pub fn pack(&self) -> &str {
        self.id.split_once('.').map_or(self.id.as_ref(), |(pack, _)| pack)
    }
}

/// Everything a rule may look at while checking one draft.
pub struct CheckContext<'a> {
    /// The prepared draft.
    pub document: &'a Document<'a>,
    /// The platforms the draft is meant for.
    pub platforms: &'a [PlatformTarget],
    /// How the draft measures up on each of them, in the same order.
    pub metrics: &'a [PlatformMetrics],
    /// Entities of the text as posted (for Markdown, of the raw source).
    pub raw_entities: &'a [FoundEntity],
    /// The guideline's settings (brand names, hashtag policy, …).
    pub settings: &'a Settings,
    pub(crate) term_hits: &'a [TermHit],
}

impl CheckContext<'_> {
    /// The literal-term matches of the rule with this term slot, in text order.
    pub(crate) fn term_hits(&self, slot: u32) -> &[TermHit] {
        let start = self.term_hits.partition_point(|hit| hit.slot < slot);
        let end = self.term_hits.partition_point(|hit| hit.slot <= slot);
        &self.term_hits[start..end]
    }
}

/// Collects one rule's diagnostics, stamping its id, category and severity.
pub struct Reporter<'a> {
    pub(crate) meta: &'a RuleMeta,
    pub(crate) severity: Severity,
    pub(crate) out: &'a mut Vec<Diagnostic>,
    /// Findings this rule reported in this draft.
    pub(crate) reported: usize,
    /// Where findings past [`MAX_FINDINGS_PER_RULE`] go, to be dropped.
    /// Borrowed from the check, so that a reporter needs no dropping.
    pub(crate) overflow: &'a mut Option<Diagnostic>,
}

/// Most findings one rule reports in one draft. No real post comes near it;
/// it bounds memory when a huge input repeats one mistake a million times.
pub const MAX_FINDINGS_PER_RULE: usize = 10_000;

impl<'a> Reporter<'a> {
    pub(crate) fn new(
        meta: &'a RuleMeta,
        severity: Severity,
        out: &'a mut Vec<Diagnostic>,
        overflow: &'a mut Option<Diagnostic>,
    ) -> Self {
        Reporter { meta, severity, out, reported: 0, overflow }
    }

    /// Reports a finding at `span` and returns it, so fixes can be added.
    pub fn report(
        &mut self,
        span: Span,
        message: impl Into<String>,
        help: impl Into<Cow<'static, str>>,
    ) -> &mut Diagnostic {
        let diagnostic = Diagnostic {
            rule: self.meta.id.clone(),
            category: self.meta.category,
            severity: self.severity,
            message: message.into(),
            help: help.into(),
            span,
            fixes: Vec::new(),
        };
        self.reported += 1;
        if self.reported > MAX_FINDINGS_PER_RULE {
            return self.overflow.insert(diagnostic);
        }
        self.out.push(diagnostic);
        let last = self.out.len() - 1;
        &mut self.out[last]
    }

    /// Reports a finding with fixes.
    pub fn report_with_fixes(
        &mut self,
        span: Span,
        message: impl Into<String>,
        help: impl Into<Cow<'static, str>>,
        fixes: Vec<Fix>,
    ) {
        self.report(span, message, help).fixes = fixes;
    }
}

/// A check. Data rules (terms, patterns) and built-in structural rules
/// (length, hashtags, privacy detectors, …) all implement it.
///
/// Rules take `&self` and are `Send + Sync`: one compiled checker serves
/// many drafts, on many threads.
pub trait Rule: Send + Sync {
    /// What the rule is.
    fn meta(&self) -> &RuleMeta;
    /// Checks one draft, reporting findings.
    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>);
    /// Words every draft the rule can fire on contains at least one of. The
    /// checker looks for them in its one pass over the normalized text
    /// (lowercased, white space collapsed) and skips the rule when none
    /// occurs. None: always run.
    fn triggers(&self) -> Triggers {
        Triggers::default()
    }
    /// The rule's slot in the term index when it reports only term matches:
    /// the checker then skips it for drafts with no match of its terms.
    fn term_slot(&self) -> Option<u32> {
        None
    }
}

/// A rule's trigger words (see [`Rule::triggers`]), written in lowercase.
#[derive(Debug, Clone, Copy, Default)]
pub struct Triggers {
    /// Words matched anywhere, inside other words too (`digo` in “código”).
    pub anywhere: &'static [&'static str],
    /// Words matched only where a word starts (`ad` in “(ad)” or “#ad”, not in “read”).
    pub word_starts: &'static [&'static str],
}

impl Triggers {
    /// Whether there is no trigger, so the rule always runs.
    pub fn is_empty(&self) -> bool {
        self.anywhere.is_empty() && self.word_starts.is_empty()
    }
}

/// A rule's documentation as Markdown: what it looks for, why, its source
/// and examples. `postlint explain`, the WebAssembly module and
/// `docs/rules.md` all use this text.
pub fn explain(meta: &RuleMeta, severity: Option<Severity>) -> String {
    let mut text = format!("# {}\n\n{}\n\n", meta.id, meta.summary);
    let severity_note = match severity {
        Some(severity) if severity != meta.default_severity => {
            format!("{severity} (default {})", meta.default_severity)
        }
        Some(severity) => severity.to_string(),
        None => format!("off (default {})", meta.default_severity),
    };
    text.push_str(&format!(
        "- Category: {}\n- Severity: {severity_note}\n- Sureness: {}\n- Fix: {}\n\n",
        meta.category,
        meta.sureness.as_str(),
        if meta.fixable { "offered" } else { "none" }
    ));
    if !meta.why.is_empty() {
        text.push_str(&format!("## Why\n\n{}\n\n", meta.why.trim()));
    }
    if !meta.source.is_empty() {
        text.push_str(&format!("## Source\n\n{}\n\n", meta.source.trim()));
    }
    let examples = &meta.examples;
    if !examples.fire.is_empty() {
        text.push_str("## Flagged\n\n");
        for example in &examples.fire {
            text.push_str(&format!("- {}\n", example.replace('\n', " ")));
        }
        text.push('\n');
    }
    if !examples.pass.is_empty() {
        text.push_str("## Not flagged\n\n");
        for example in &examples.pass {
            text.push_str(&format!("- {}\n", example.replace('\n', " ")));
        }
        text.push('\n');
    }
    if !examples.fixed.is_empty() {
        text.push_str("## Fixed\n\n");
        for (before, after) in &examples.fixed {
            text.push_str(&format!("- {before} → {after}\n"));
        }
        text.push('\n');
    }
    text
}
