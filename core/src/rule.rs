//! The rule trait every check implements, and what a rule reports with.

use std::borrow::Cow;

use crate::diagnostic::{Category, Diagnostic, Fix, Severity};
use crate::document::{Document, Format};
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
    /// Facts at least one of which every draft the rule can fire on has,
    /// under `settings`: the checker skips the rule, without calling it,
    /// for drafts with none of them. [`Facts::NONE`] when the rule cannot
    /// fire at all under `settings`. Default: [`Facts::EVERY_DRAFT`].
    fn needs(&self, _settings: &Settings) -> Facts {
        Facts::EVERY_DRAFT
    }
}

/// Facts about a draft that rules' first tests ask about, found once per
/// draft, mostly in one pass over its bytes (see [`Rule::needs`]). A set of
/// them: a draft's facts, or the facts any one of which a rule needs.
///
/// Each fact is about the source: a byte absent from the source is absent
/// from the prose view too, whose bytes are the source's, spaces, line
/// breaks or [`crate::document::MASK`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    bits: u32,
    /// Lead bytes from 0xC0, byte `0xC0 + i` as bit `i`.
    leads: u64,
}

impl Facts {
    /// No fact: as a need, the rule never runs.
    pub const NONE: Facts = Facts::bit(0);
    /// A fact of every draft: as a need, the rule always runs.
    pub const EVERY_DRAFT: Facts = Facts::bit(1);
    /// `#`, or the lead byte of the full-width `＃`: hashtags may be present.
    pub const NUMBER_SIGN: Facts = Facts::bit(1 << 1);
    /// `@`, or the lead byte of the full-width `＠`: mentions may be present.
    pub const MENTION_SIGN: Facts = Facts::bit(1 << 2);
    /// `@` itself, which every e-mail address has.
    pub const AT_SIGN: Facts = Facts::bit(1 << 3);
    /// A dot before a letter or a non-ASCII char: URLs may be present.
    pub const URL_SIGN: Facts = Facts::bit(1 << 4);
    /// `!`.
    pub const EXCLAMATION_MARK: Facts = Facts::bit(1 << 5);
    /// `<` or `>`.
    pub const ANGLE_BRACKET: Facts = Facts::bit(1 << 6);
    /// `:`.
    pub const COLON: Facts = Facts::bit(1 << 7);
    /// An ASCII digit.
    pub const DIGIT: Facts = Facts::bit(1 << 8);
    /// Two ASCII capitals in a row.
    pub const CAPITAL_PAIR: Facts = Facts::bit(1 << 9);
    /// Markdown format.
    pub const MARKDOWN: Facts = Facts::bit(1 << 10);
    /// At least one target platform.
    pub const PLATFORMS: Facts = Facts::bit(1 << 11);
    /// At least [`Facts::MANY`] spaces (U+0020).
    pub const MANY_SPACES: Facts = Facts::bit(1 << 12);
    /// The first bit no fact uses: the checker numbers the sets of lead
    /// bytes that rules need from here (see [`Facts::with_leads_as`]).
    pub(crate) const FIRST_FREE_BIT: u32 = 13;
    /// How many spaces make [`Facts::MANY_SPACES`]: as many as the longest
    /// sentence `style.long-sentence` lets pass has words.
    pub const MANY: u32 = 35;

    const fn bit(bits: u32) -> Facts {
        Facts { bits, leads: 0 }
    }

    /// Any of `leads`, lead bytes of multi-byte chars (bytes below 0xC0 are
    /// no lead and are left out).
    pub const fn leads(leads: &[u8]) -> Facts {
        Facts { bits: 0, leads: crate::byte_facts::lead_set(leads) }
    }

    /// The facts of both sets.
    pub const fn or(self, other: Facts) -> Facts {
        Facts { bits: self.bits | other.bits, leads: self.leads | other.leads }
    }

    /// Whether the two sets share a fact: whether a draft with facts
    /// `draft` has one of the facts `self` names as a need.
    #[inline]
    pub fn any_in(self, draft: Facts) -> bool {
        (self.bits & draft.bits) | ((self.leads & draft.leads) != 0) as u32 != 0
    }

    /// The lead bytes of the set, byte `0xC0 + i` as bit `i`.
    pub(crate) fn lead_bytes(self) -> u64 {
        self.leads
    }

    /// The set with its lead bytes replaced by `bits`, which stand for them.
    pub(crate) fn with_leads_as(self, bits: u32) -> Facts {
        Facts { bits: self.bits | bits, leads: 0 }
    }

    /// The set with `bits` added.
    pub(crate) fn with_bits(self, bits: u32) -> Facts {
        Facts { bits: self.bits | bits, leads: self.leads }
    }

    /// Whether the two sets share a fact other than a lead byte: a quicker
    /// [`Facts::any_in`] once lead bytes stand as bits on both sides.
    #[inline]
    pub(crate) fn shares_bits(self, draft: Facts) -> bool {
        self.bits & draft.bits != 0
    }

    /// A draft's facts, from the pass over its source's bytes.
    pub(crate) fn of_draft(bytes: crate::byte_facts::ByteFacts, format: Format, has_platforms: bool) -> Facts {
        let signs = bytes.signs;
        let bit_if = |condition: bool, fact: Facts| if condition { fact.bits } else { 0 };
        let bits = Facts::EVERY_DRAFT.bits
            | bit_if(signs.may_have_hashtags(), Facts::NUMBER_SIGN)
            | bit_if(signs.may_have_mentions(), Facts::MENTION_SIGN)
            | bit_if(signs.has_at_sign(), Facts::AT_SIGN)
            | bit_if(signs.may_have_urls(), Facts::URL_SIGN)
            | bit_if(signs.has_exclamation_mark(), Facts::EXCLAMATION_MARK)
            | bit_if(signs.has_angle_bracket(), Facts::ANGLE_BRACKET)
            | bit_if(bytes.census.has_colon(), Facts::COLON)
            | bit_if(bytes.has_digit(), Facts::DIGIT)
            | bit_if(bytes.has_capital_pair(), Facts::CAPITAL_PAIR)
            | bit_if(format == Format::Markdown, Facts::MARKDOWN)
            | bit_if(has_platforms, Facts::PLATFORMS)
            | bit_if(bytes.has_spaces(Facts::MANY), Facts::MANY_SPACES);
        Facts { bits, leads: bytes.census.leads }
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
