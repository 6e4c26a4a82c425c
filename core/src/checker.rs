//! The compiled checker: every rule of a guideline, ready for many drafts.

use std::collections::BTreeSet;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{DirectiveKind, Document, Format};
use crate::entities::{EntityKind, FoundEntity};
use crate::error::{GuidelineError, SourceFile};
use crate::guideline::Guideline;
use crate::metrics::{PlatformMetrics, PlatformPlans};
use crate::packs;
use crate::platform::PlatformTarget;
use crate::rule::{CheckContext, Facts, Reporter, Rule, RuleMeta};
use crate::rules;
use crate::settings::Settings;
use crate::small_list::SmallList;
use crate::span::Span;
use crate::spec::DataRule;
use crate::terms::{is_word_char, TermIndex, TermIndexBuilder, MAX_GATED_RULES};

/// A draft to check.
#[derive(Debug, Clone, Copy)]
pub struct Draft<'a> {
    /// The text.
    pub text: &'a str,
    /// How it is written.
    pub format: Format,
    /// Platforms it is meant for; empty means the guideline's platforms.
    pub platforms: &'a [PlatformTarget],
}

impl<'a> Draft<'a> {
    /// A plain-text draft for the guideline's platforms.
    pub fn text(text: &'a str) -> Self {
        Draft { text, format: Format::Text, platforms: &[] }
    }

    /// A Markdown draft for the guideline's platforms.
    pub fn markdown(text: &'a str) -> Self {
        Draft { text, format: Format::Markdown, platforms: &[] }
    }
}

/// What checking a draft found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// Findings, sorted by (start, end, rule).
    pub diagnostics: Vec<Diagnostic>,
    /// How the draft measures up on each target platform, in target order.
    pub platforms: Vec<PlatformMetrics>,
    /// The draft's hashtags, mentions, URLs and cashtags, as twitter-text extracts them.
    pub entities: EntityList,
}

/// The draft's hashtags, mentions, URLs and cashtags, each without its sign
/// (`#`, `@`, `$`), in text order.
///
/// The texts are kept one after another in one string, and the first few
/// entries in place, so a draft's entities cost one allocation when they
/// are few and two however many there are. Serialized as
/// `{"hashtags": [...], "mentions": [...], "urls": [...], "cashtags": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityList {
    /// Every entity's text.
    texts: String,
    /// Each entity's kind and where its text is in `texts`, in text order.
    entries: SmallList<(EntityKind, Span), 4>,
}

impl Default for EntityList {
    fn default() -> Self {
        EntityList { texts: String::new(), entries: SmallList::new((EntityKind::Hashtag, Span::new(0, 0))) }
    }
}

impl EntityList {
    fn from_entities(text: &str, entities: &[FoundEntity]) -> Self {
        let social = || entities.iter().filter(|entity| entity.kind != EntityKind::Email);
        let count = social().count();
        if count == 0 {
            return EntityList::default();
        }
        let length = social().map(|entity| entity.value.len()).sum();
        let mut list = EntityList { texts: String::with_capacity(length), ..EntityList::default() };
        for entity in social() {
            let start = list.texts.len();
            list.texts.push_str(entity.value.slice(text));
            list.entries.push((entity.kind, Span::new(start, list.texts.len())));
        }
        list
    }

    /// The texts of one kind of entity, in text order.
    fn of_kind(&self, kind: EntityKind) -> impl ExactSizeIterator<Item = &str> + Clone + '_ {
        let count = self.entries.as_slice().iter().filter(|(entry_kind, _)| *entry_kind == kind).count();
        KindTexts { list: self, kind, next: 0, left: count }
    }

    /// Hashtags, without `#`.
    pub fn hashtags(&self) -> impl ExactSizeIterator<Item = &str> + Clone + '_ {
        self.of_kind(EntityKind::Hashtag)
    }

    /// Mentioned names, without `@`.
    pub fn mentions(&self) -> impl ExactSizeIterator<Item = &str> + Clone + '_ {
        self.of_kind(EntityKind::Mention)
    }

    /// URLs as written.
    pub fn urls(&self) -> impl ExactSizeIterator<Item = &str> + Clone + '_ {
        self.of_kind(EntityKind::Url)
    }

    /// Cashtags, without `$`.
    pub fn cashtags(&self) -> impl ExactSizeIterator<Item = &str> + Clone + '_ {
        self.of_kind(EntityKind::Cashtag)
    }
}

/// The texts of one kind of entity in an [`EntityList`].
#[derive(Clone)]
struct KindTexts<'l> {
    list: &'l EntityList,
    kind: EntityKind,
    next: usize,
    left: usize,
}

impl<'l> Iterator for KindTexts<'l> {
    type Item = &'l str;

    fn next(&mut self) -> Option<&'l str> {
        let entries = &self.list.entries.as_slice()[self.next..];
        let offset = entries.iter().position(|(kind, _)| *kind == self.kind)?;
        self.next += offset + 1;
        self.left -= 1;
        Some(entries[offset].1.slice(&self.list.texts))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for KindTexts<'_> {}

impl serde::Serialize for EntityList {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        /// One kind's texts, serialized as a list.
        struct Texts<I>(I);
        impl<'t, I: Iterator<Item = &'t str> + Clone> serde::Serialize for Texts<I> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.0.clone())
            }
        }
        let mut object = serializer.serialize_struct("EntityList", 4)?;
        object.serialize_field("hashtags", &Texts(self.hashtags()))?;
        object.serialize_field("mentions", &Texts(self.mentions()))?;
        object.serialize_field("urls", &Texts(self.urls()))?;
        object.serialize_field("cashtags", &Texts(self.cashtags()))?;
        object.end()
    }
}

struct ActiveRule {
    rule: Arc<dyn Rule>,
    severity: Severity,
    /// Where the rule's metadata is in the catalog: read without a call through the trait object.
    catalog_index: usize,
}

/// Which active rules a draft runs, found without visiting every rule: most
/// drafts match no term of most terms rules and no trigger of most gated
/// code rules, and a guideline may have hundreds of rules.
#[derive(Default)]
struct RuleSchedule {
    /// Rules that run on every draft with one of the facts they need, the
    /// lead bytes among them standing as bits of `lead_sets`.
    always: Vec<(usize, Facts)>,
    /// Each set of lead bytes that rules need, with the bit that stands for
    /// it: a rule's needs then take one test, the draft's a few.
    lead_sets: Vec<(u64, u32)>,
    /// Rules that cannot fire under the guideline's settings: never run.
    never: Vec<usize>,
    /// For each trigger bit, the rule it gates.
    by_trigger_bit: Vec<usize>,
    /// For each term slot, the rule that owns it, if that rule is on.
    by_term_slot: Vec<Option<usize>>,
}

impl RuleSchedule {
    /// `needs` with its lead bytes standing as the bit of their set, numbered
    /// on first sight; past the bits there are, the rule runs on every draft.
    fn leads_as_bits(&mut self, needs: Facts) -> Facts {
        let leads = needs.lead_bytes();
        if leads == 0 {
            return needs;
        }
        let bit = match self.lead_sets.iter().find(|(set, _)| *set == leads) {
            Some(&(_, bit)) => bit,
            None => {
                let position = Facts::FIRST_FREE_BIT + self.lead_sets.len() as u32;
                if position >= u32::BITS {
                    return Facts::EVERY_DRAFT;
                }
                self.lead_sets.push((leads, 1 << position));
                1 << position
            }
        };
        needs.with_leads_as(bit)
    }

    /// A draft's `facts` with the bit of each set of lead bytes it has one of.
    fn with_lead_bits(&self, facts: Facts) -> Facts {
        let leads = facts.lead_bytes();
        let bits = self.lead_sets.iter().fold(0, |bits, &(set, bit)| if leads & set != 0 { bits | bit } else { bits });
        facts.with_bits(bits)
    }
}

/// Every rule of a guideline, compiled once and reused for many drafts.
///
/// `Checker` is `Send + Sync`: share one across threads.
pub struct Checker {
    active: Vec<ActiveRule>,
    schedule: RuleSchedule,
    /// Every known rule, including those turned off, for listings and docs.
    catalog: Vec<(RuleMeta, Option<Severity>)>,
    term_index: TermIndex,
    allowed: Option<AhoCorasick>,
    settings: Settings,
    platforms: Vec<PlatformTarget>,
    /// What measuring needs from the platform lists, worked out once.
    platform_plans: PlatformPlans,
}

impl Checker {
    /// Compiles a guideline: built-in packs, custom rules and overrides.
    pub fn new(guideline: &Guideline) -> Result<Checker, GuidelineError> {
        let mut data_rules: Vec<DataRule> = Vec::new();
        for pack in packs::PACK_FILES {
            if !guideline.packs.contains(pack.name) {
                continue;
            }
            let (file, specs) = packs::parsed_pack(pack)?;
            for (index, spec) in specs.into_iter().enumerate() {
                data_rules.push(spec.compile(&file, index)?);
            }
        }
        let mut candidates: Vec<Arc<dyn Rule>> =
            rules::builtin_rules().into_iter().filter(|rule| guideline.packs.contains(rule.meta().pack())).collect();
        let mut seen: BTreeSet<String> = candidates.iter().map(|rule| rule.meta().id.to_string()).collect();
        seen.extend(data_rules.iter().map(|rule| rule.meta().id.to_string()));
        for custom in &guideline.custom_rules {
            let file = &guideline.files[custom.file];
            let id = custom.spec.id.get_ref().clone();
            if !seen.insert(id.clone()) {
                return Err(file.error_at(
                    Some(custom.spec.id.span().start),
                    Some(format!("rules[{}].id", custom.index)),
                    format!("rule id `{id}` is already used by another rule; choose another id"),
                ));
            }
            data_rules.push(custom.spec.clone().compile(file, custom.index)?);
        }
        let mut terms_rules = Vec::new();
        for rule in data_rules {
            match rule {
                DataRule::Terms(rule) => terms_rules.push(rule),
                DataRule::Pattern(rule) => candidates.push(Arc::new(rule)),
            }
        }

        let mut builder = TermIndexBuilder::default();
        for (slot, rule) in terms_rules.iter_mut().enumerate() {
            rule.slot = slot as u32;
            for (index, term) in rule.terms().iter().enumerate() {
                builder.add(slot as u32, index as u32, &term.phrase);
            }
        }
        candidates.extend(terms_rules.into_iter().map(|rule| Arc::new(rule) as Arc<dyn Rule>));
        crate::sort::sort_by(&mut candidates, |a, b| a.meta().id.cmp(&b.meta().id));

        // Severity overrides, validated against the rules that exist:
        // `severities[i]` is the severity of `candidates[i]`.
        let mut severities: Vec<Option<Severity>> =
            candidates.iter().map(|rule| Some(rule.meta().default_severity)).collect();
        let ids: Vec<&str> = candidates.iter().map(|rule| rule.meta().id.as_ref()).collect();
        for override_ in &guideline.overrides {
            let file: &SourceFile = &guideline.files[override_.file];
            let pack_prefix = format!("{}.", override_.rule);
            let matching: Vec<usize> = (0..ids.len())
                .filter(|&index| ids[index] == override_.rule || ids[index].starts_with(&pack_prefix))
                .collect();
            if matching.is_empty() {
                let hint = crate::suggest::closest(&override_.rule, ids.iter().copied())
                    .map(|best| format!("; did you mean `{best}`?"))
                    .unwrap_or_else(|| "; `postlint rules` lists them".to_owned());
                return Err(file.error_at(
                    Some(override_.offset),
                    Some(format!("severity.\"{}\"", override_.rule)),
                    format!("unknown rule or pack `{}`{hint}", override_.rule),
                ));
            }
            for index in matching {
                severities[index] = override_.severity;
            }
        }
        let mut catalog = Vec::new();
        let mut active = Vec::new();
        for (rule, severity) in candidates.into_iter().zip(severities) {
            catalog.push((rule.meta().clone(), severity));
            if let Some(severity) = severity {
                active.push(ActiveRule { rule, severity, catalog_index: catalog.len() - 1 });
            }
        }
        let mut schedule = RuleSchedule::default();
        for (index, active) in active.iter().enumerate() {
            let triggers = active.rule.triggers();
            let bit = schedule.by_trigger_bit.len() as u32;
            if !triggers.is_empty() && bit < MAX_GATED_RULES {
                for word in triggers.anywhere {
                    builder.add_trigger(bit, word, false);
                }
                for word in triggers.word_starts {
                    builder.add_trigger(bit, word, true);
                }
                schedule.by_trigger_bit.push(index);
            } else if let Some(slot) = active.rule.term_slot() {
                let slot = slot as usize;
                if schedule.by_term_slot.len() <= slot {
                    schedule.by_term_slot.resize(slot + 1, None);
                }
                schedule.by_term_slot[slot] = Some(index);
            } else {
                match active.rule.needs(&guideline.settings) {
                    Facts::NONE => schedule.never.push(index),
                    needs => {
                        let needs = schedule.leads_as_bits(needs);
                        schedule.always.push((index, needs));
                    }
                }
            }
        }
        let allowed = (!guideline.settings.allow_terms.is_empty())
            .then(|| {
                let terms: Vec<&str> = guideline.settings.allow_terms.iter().map(|term| term.trim()).collect();
                crate::terms::build_aho_corasick(
                    AhoCorasickBuilder::new().ascii_case_insensitive(true).match_kind(MatchKind::LeftmostLongest),
                    &terms,
                )
                .ok()
            })
            .flatten();
        Ok(Checker {
            active,
            schedule,
            catalog,
            term_index: builder.build(),
            allowed,
            settings: guideline.settings.clone(),
            platforms: guideline.platforms.clone(),
            platform_plans: PlatformPlans::new(&guideline.platforms),
        })
    }

    /// The same checker, running every rule it would skip for lacking what
    /// the rule needs: the slow path that the tests compare gating with.
    #[cfg(test)]
    fn ungated(mut self) -> Checker {
        let never = std::mem::take(&mut self.schedule.never);
        for entry in &mut self.schedule.always {
            entry.1 = Facts::EVERY_DRAFT;
        }
        self.schedule.always.extend(never.into_iter().map(|index| (index, Facts::EVERY_DRAFT)));
        self
    }

    /// A checker for the built-in default guideline.
    pub fn default_guideline() -> Checker {
        // The built-in packs are tested to compile, so this cannot fail.
        Checker::new(&Guideline::default()).unwrap_or_else(|error| panic!("built-in packs are broken: {error}"))
    }

    /// The platforms a draft is checked for when it names none.
    pub fn platforms(&self) -> &[PlatformTarget] {
        &self.platforms
    }

    /// Every known rule with its effective severity (`None` when off), sorted by id.
    pub fn rules(&self) -> impl Iterator<Item = (&RuleMeta, Option<Severity>)> {
        self.catalog.iter().map(|(meta, severity)| (meta, *severity))
    }

    /// One rule by id.
    pub fn rule(&self, id: &str) -> Option<(&RuleMeta, Option<Severity>)> {
        self.catalog.iter().find(|(meta, _)| meta.id == id).map(|(meta, severity)| (meta, *severity))
    }

    /// Every literal term the rules look for, as the term automaton sees them
    /// (normalized). For benchmarks and tools that compare against a plain
    /// multi-pattern search.
    pub fn literal_terms(&self) -> &[String] {
        self.term_index.patterns()
    }

    /// Checks a draft.
    pub fn check(&self, draft: &Draft<'_>) -> Report {
        let document = Document::new(draft.text, draft.format);
        let platforms = if draft.platforms.is_empty() { &self.platforms[..] } else { draft.platforms };
        let mut term_hits = Vec::new();
        let triggered = self.term_index.find(&document, &mut term_hits);
        let markdown_entities;
        let raw_entities = match draft.format {
            Format::Text => document.entities(),
            Format::Markdown => {
                markdown_entities = crate::entities::find(draft.text);
                &markdown_entities[..]
            }
        };
        let metrics = self.platform_plans.measure(draft.text, document.byte_facts(), platforms, raw_entities);
        let facts = Facts::of_draft(document.byte_facts(), draft.format, !platforms.is_empty());
        let facts = self.schedule.with_lead_bits(facts);
        let context = CheckContext {
            document: &document,
            platforms,
            metrics: &metrics,
            raw_entities,
            settings: &self.settings,
            term_hits: &term_hits,
        };
        let mut diagnostics = Vec::new();
        let mut overflow = None;
        let mut run = |index: usize| {
            let active = &self.active[index];
            let meta = &self.catalog[active.catalog_index].0;
            let mut reporter = Reporter::new(meta, active.severity, &mut diagnostics, &mut overflow);
            active.rule.check(&context, &mut reporter);
        };
        // Findings are sorted below, so the order rules run in does not show.
        // A rule whose needs the draft lacks is sure to find nothing: its call is saved.
        for &(index, needs) in &self.schedule.always {
            if needs.shares_bits(facts) {
                run(index);
            }
        }
        let mut bits = triggered;
        while bits != 0 {
            if let Some(&index) = self.schedule.by_trigger_bit.get(bits.trailing_zeros() as usize) {
                run(index);
            }
            bits &= bits - 1;
        }
        // Hits are sorted by slot: each rule with a hit runs once.
        let mut previous_slot = None;
        for hit in &term_hits {
            if previous_slot != Some(hit.slot) {
                previous_slot = Some(hit.slot);
                if let Some(&Some(index)) = self.schedule.by_term_slot.get(hit.slot as usize) {
                    run(index);
                }
            }
        }
        self.remove_allowed(&document, &mut diagnostics);
        remove_suppressed(&document, &mut diagnostics);
        // The standard sort, not `crate::sort`: findings can run to hundreds of
        // thousands in a long text, and it merges the runs rules report in order.
        diagnostics.sort_by(|a, b| (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule)));
        let entities = EntityList::from_entities(draft.text, raw_entities);
        Report { diagnostics, platforms: metrics, entities }
    }

    fn remove_allowed(&self, document: &Document<'_>, diagnostics: &mut Vec<Diagnostic>) {
        let Some(allowed) = &self.allowed else { return };
        if diagnostics.is_empty() {
            return;
        }
        let source = document.source();
        let spans: Vec<Span> = allowed
            .find_iter(source)
            .filter(|found| {
                !source[..found.start()].chars().next_back().is_some_and(is_word_char)
                    && !source[found.end()..].chars().next().is_some_and(is_word_char)
            })
            .map(|found| Span::new(found.start(), found.end()))
            .collect();
        diagnostics.retain(|diagnostic| {
            diagnostic.span.is_empty() || !spans.iter().any(|allowed| allowed.contains(diagnostic.span))
        });
    }
}

/// Per-platform metrics of a text as it will be posted.
fn measure_platforms(text: &str, platforms: &[PlatformTarget], entities: &[FoundEntity]) -> Vec<PlatformMetrics> {
    crate::metrics::measure_platforms(text, platforms, entities)
}

/// Measures a draft on its platforms without checking any rule: what
/// `postlint count` shows. Platforms see the text as it will be posted (for
/// Markdown, the raw source with its link targets and code).
pub fn measure(draft: &Draft<'_>) -> Report {
    let entities = crate::entities::find(draft.text);
    Report {
        diagnostics: Vec::new(),
        platforms: measure_platforms(draft.text, draft.platforms, &entities),
        entities: EntityList::from_entities(draft.text, &entities),
    }
}

/// Drops findings switched off by `postlint-disable` comments.
fn remove_suppressed(document: &Document<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let directives = document.directives();
    if directives.is_empty() || diagnostics.is_empty() {
        return;
    }
    let source = document.source();
    let names = |rules: &[String], id: &str| {
        rules.is_empty() || rules.iter().any(|rule| rule == id || id.starts_with(&format!("{rule}.")))
    };
    // Each directive becomes a byte range where its rules are off.
    let mut off: Vec<(Span, &[String])> = Vec::new();
    for (index, directive) in directives.iter().enumerate() {
        match directive.kind {
            DirectiveKind::Disable => {
                let end = directives[index + 1..]
                    .iter()
                    .find(|later| {
                        later.kind == DirectiveKind::Enable
                            && (later.rules.is_empty() || later.rules == directive.rules)
                    })
                    .map_or(source.len(), |later| later.span.start);
                off.push((Span::new(directive.span.end, end), &directive.rules));
            }
            DirectiveKind::DisableNextLine => {
                // The next line with content after the comment's own line
                // (a block comment's span may already include its line break).
                let comment_end =
                    directive.span.start + source[directive.span.start..directive.span.end].trim_end().len();
                let mut line_start =
                    source[comment_end..].find('\n').map_or(source.len(), |index| comment_end + index + 1);
                while line_start < source.len() {
                    let line_end = source[line_start..].find('\n').map_or(source.len(), |index| line_start + index);
                    if !source[line_start..line_end].trim().is_empty() {
                        off.push((Span::new(line_start, line_end), &directive.rules));
                        break;
                    }
                    line_start = line_end + 1;
                }
            }
            DirectiveKind::Enable => {}
        }
    }
    diagnostics.retain(|diagnostic| {
        !off.iter().any(|(span, rules)| {
            span.start <= diagnostic.span.start
                && diagnostic.span.start < span.end.max(span.start + 1)
                && names(rules, &diagnostic.rule)
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::apply_fixes;

    fn checker() -> Checker {
        let mut guideline = Guideline::default();
        guideline.packs.extend(packs::LANGUAGE_PACKS.iter().map(|pack| (*pack).to_owned()));
        Checker::new(&guideline).unwrap()
    }

    fn findings(checker: &Checker, rule: &str, text: &str, platforms: &[PlatformTarget]) -> Vec<Diagnostic> {
        // Examples with Markdown syntax are checked as Markdown.
        let markdown = ["](", "`", "**", "\n#", "<!--"].iter().any(|marker| text.contains(marker));
        let format = if markdown { Format::Markdown } else { Format::Text };
        let draft = Draft { text, format, platforms };
        checker.check(&draft).diagnostics.into_iter().filter(|diagnostic| diagnostic.rule == rule).collect()
    }

    #[test]
    fn entity_list_keeps_each_kind_in_text_order() {
        let text = "Hi @ana and @bo! #One $ACME see https://example.org/x #Two, write to me@example.org";
        let report = Checker::default_guideline().check(&Draft::text(text));
        let entities = &report.entities;
        assert_eq!(entities.hashtags().collect::<Vec<_>>(), ["One", "Two"]);
        assert_eq!(entities.mentions().collect::<Vec<_>>(), ["ana", "bo"]);
        assert_eq!(entities.urls().collect::<Vec<_>>(), ["https://example.org/x"]);
        assert_eq!(entities.cashtags().collect::<Vec<_>>(), ["ACME"]);
        assert_eq!(entities.mentions().len(), 2);
        assert_eq!(
            serde_json::to_string(entities).unwrap(),
            r#"{"hashtags":["One","Two"],"mentions":["ana","bo"],"urls":["https://example.org/x"],"cashtags":["ACME"]}"#
        );
        // Four entries or fewer are kept in place, more on the heap: both read the same.
        let few = Checker::default_guideline().check(&Draft::text("Hi @ana! #One $ACME #Two")).entities;
        assert_eq!(few.hashtags().collect::<Vec<_>>(), ["One", "Two"]);
        assert_eq!((few.mentions().collect::<Vec<_>>(), few.urls().len()), (vec!["ana"], 0));
        assert_eq!(few.cashtags().collect::<Vec<_>>(), ["ACME"]);
        let empty = Checker::default_guideline().check(&Draft::text("No entities here.")).entities;
        assert_eq!(empty, EntityList::default());
        assert_eq!(serde_json::to_string(&empty).unwrap(), r#"{"hashtags":[],"mentions":[],"urls":[],"cashtags":[]}"#);
    }

    /// Every rule's own examples: it fires on each `fire`, stays quiet on
    /// each `pass`, and its preferred fixes turn each `fixed` input into the output.
    #[test]
    fn every_rule_example_holds() {
        let default_checker = checker();
        let mut failures = Vec::new();
        for (meta, _) in default_checker.rules() {
            let examples = &meta.examples;
            let own_checker;
            let checker = match &examples.guideline {
                None => &default_checker,
                Some(toml) => {
                    let mut guideline = Guideline::from_toml(&meta.id, toml).unwrap();
                    guideline.packs.extend(packs::LANGUAGE_PACKS.iter().map(|pack| (*pack).to_owned()));
                    own_checker = Checker::new(&guideline).unwrap();
                    &own_checker
                }
            };
            let platforms = &examples.platforms[..];
            for text in &examples.fire {
                if findings(checker, &meta.id, text, platforms).is_empty() {
                    failures.push(format!("{}: did not fire on {text:?}", meta.id));
                }
            }
            for text in &examples.pass {
                let found = findings(checker, &meta.id, text, platforms);
                if !found.is_empty() {
                    failures.push(format!("{}: fired on {text:?}: {:?}", meta.id, found[0].span.slice(text)));
                }
            }
            for (text, expected) in &examples.fixed {
                let found = findings(checker, &meta.id, text, platforms);
                let output = apply_fixes(text, found.iter().filter_map(|diagnostic| diagnostic.fixes.first()));
                if &output != expected {
                    failures.push(format!("{}: fixing {text:?} gave {output:?}, expected {expected:?}", meta.id));
                }
            }
        }
        assert!(failures.is_empty(), "{} example failures:\n{}", failures.len(), failures.join("\n"));
    }

    #[test]
    fn every_rule_is_documented() {
        for (meta, _) in checker().rules() {
            assert!(!meta.summary.is_empty(), "{} has no summary", meta.id);
            assert!(!meta.why.is_empty(), "{} has no why", meta.id);
            assert!(!meta.source.is_empty(), "{} has no source", meta.id);
        }
    }

    #[test]
    fn diagnostics_are_sorted_and_deterministic() {
        let checker = checker();
        let text = "Hey guys!!! The chairman of mankind wrote to maria@gmail.com!!";
        let first = checker.check(&Draft::text(text));
        assert_eq!(first, checker.check(&Draft::text(text)));
        let keys: Vec<_> = first.diagnostics.iter().map(|d| (d.span.start, d.span.end, d.rule.clone())).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        assert!(keys.len() >= 5, "{keys:?}");
    }

    #[test]
    fn severity_overrides_and_off() {
        let guideline = Guideline::from_toml(
            "g.toml",
            "[severity]\n\"inclusion.gendered-greeting\" = \"error\"\nstyle = \"off\"\n",
        )
        .unwrap();
        let checker = Checker::new(&guideline).unwrap();
        let report = checker.check(&Draft::text("Hey guys!!!"));
        assert_eq!(report.diagnostics.len(), 1);
        assert_eq!(report.diagnostics[0].severity, Severity::Error);
        assert_eq!(checker.rule("style.repeated-exclamation").unwrap().1, None);
    }

    #[test]
    fn unknown_rule_in_severity_is_an_error() {
        let guideline =
            Guideline::from_toml("g.toml", "[severity]\n\"inclusion.gendered-greting\" = \"error\"\n").unwrap();
        let error = Checker::new(&guideline).err().unwrap().to_string();
        assert!(
            error.starts_with("g.toml:2:1: key `severity.\"inclusion.gendered-greting\"`: unknown rule or pack")
                && error.contains("did you mean `inclusion.gendered-greeting`?"),
            "{error}"
        );
    }

    #[test]
    fn custom_rules_terms_and_patterns() {
        let guideline = Guideline::from_toml(
            "g.toml",
            r#"
[[rules]]
id = "hha.cheap"
category = "branding"
message = "Say 'affordable', not '{match}'."
terms = ["cheap"]
suggest = ["affordable"]

[[rules]]
id = "hha.year"
category = "style"
severity = "info"
message = "Spell out “{match}”"
pattern = '\b20\d\d/\d\d\b'
"#,
        )
        .unwrap();
        let checker = Checker::new(&guideline).unwrap();
        let report = checker.check(&Draft::text("Cheap care in 2025/26 at cheap.org"));
        let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule.as_ref()).collect();
        assert_eq!(rules, ["hha.cheap", "hha.year"]);
        assert_eq!(report.diagnostics[0].message, "Say 'affordable', not 'Cheap'.");
        assert_eq!(report.diagnostics[0].fixes[0].edits[0].replacement, "Affordable");
    }

    #[test]
    fn bad_custom_rules_name_the_rule_and_position() {
        let error = |rule: &str| {
            let text = format!("[[rules]]\nid = \"acme.x\"\ncategory = \"style\"\nmessage = \"m\"\n{rule}\n");
            let guideline = Guideline::from_toml("g.toml", &text);
            match guideline {
                Err(error) => error.to_string(),
                Ok(guideline) => Checker::new(&guideline).err().map(|e| e.to_string()).unwrap_or_default(),
            }
        };
        let bad_regex = error("pattern = \"(unclosed\"");
        assert!(
            bad_regex.starts_with("g.toml:5:11: key `rules[0].pattern`: bad regular expression in rule `acme.x`"),
            "{bad_regex}"
        );
        let too_big = error("pattern = \"\\\\w{1000}{1000}\"");
        assert!(too_big.contains("too large"), "{too_big}");
        assert!(error("terms = [\"a\"]\npattern = \"b\"").contains("both `pattern` and `terms`"));
        assert!(error("").contains("needs `terms`, `swap` or `pattern`"));
        for blank in ["\"\"", "\" \\t\"", "\"\\u3000\""] {
            let empty = error(&format!("terms = [\"a\", {blank}]"));
            assert!(empty.starts_with("g.toml:5:9: key `rules[0].terms`: rule `acme.x` has an empty term"), "{empty}");
        }
        assert!(error("terms = [\"a\"]\nsureness = \"ambiguous\"").contains("sets no context condition"));
        assert!(error("terms = [\"a\"]\nfoo = 1").contains("unknown field `foo`"));
        assert!(error("terms = [\"inclusion.x\"]\nmessage2 = \"{count}\"").contains("unknown field"));
    }

    #[test]
    fn allow_terms_are_never_flagged() {
        let guideline =
            Guideline::from_toml("g.toml", "[allow]\nterms = [\"Manpower\", \"press@harbor.org\"]\n").unwrap();
        let checker = Checker::new(&guideline).unwrap();
        assert!(checker.check(&Draft::text("We lack manpower. Write to press@harbor.org")).diagnostics.is_empty());
        assert_eq!(checker.check(&Draft::text("Write to jo@harbor.org")).diagnostics.len(), 1);
    }

    #[test]
    fn inline_suppression_in_markdown() {
        let checker = checker();
        let text = "<!-- postlint-disable-next-line inclusion -->\nHey guys\n\nHey guys\n\n<!-- postlint-disable -->\nHey guys!!!\n<!-- postlint-enable -->\nHey guys";
        let report = checker.check(&Draft::markdown(text));
        let lines: Vec<usize> =
            report.diagnostics.iter().map(|d| text[..d.span.start].matches('\n').count() + 1).collect();
        assert_eq!(lines, [4, 9]);
    }

    /// Skipping the rules whose needs a draft lacks changes no report: for
    /// many generated drafts, in both formats, with no platform, some and
    /// all, under guidelines that turn every rule on, the gated checker
    /// reports what the checker that runs every rule reports.
    #[test]
    fn gating_changes_no_report() {
        let pieces = [
            "",
            " ",
            "  ",
            "\n",
            "\n\n",
            ". ",
            "? ",
            "a",
            "word ",
            "the quick brown fox ",
            "Hello ",
            "HELLO WORLD ",
            "THIS IS LOUD ",
            "NHS ",
            "AB",
            "Z",
            "ÉCOLE ",
            "ΩMEGA ",
            "Ωμέγα ",
            "é",
            "日本 ",
            "🎉",
            "🎉🎉🎉",
            "Join 👏 the 👏 march 👏 now ",
            "😀 ",
            "𝐁𝐨𝐥𝐝 ",
            "ʜᴇʟʟᴏ ",
            "ＡＢＣ",
            "\u{FEFF}",
            "\u{FFFE}",
            "<",
            ">",
            "<b>x</b>",
            "!",
            "!!",
            "?!",
            "#",
            "#tag ",
            "#Tag ",
            "#tag",
            "#42 ",
            "#Tag's ",
            "#multiwordtag ",
            "#HarborHealth ",
            "#banned ",
            "＃tag ",
            "@user ",
            "＠user ",
            "@",
            "$ACME ",
            "x.org ",
            "https://x.org/a ",
            ".a",
            "me@x.org ",
            "mailto:me@x.org",
            "tel:+447700900123",
            ":",
            "1",
            "12",
            "2024 ",
            "1.2921, 36.8219 ",
            "40°26′46″N ",
            "DE89 3704 0044 0532 0130 00 ",
            "4111 1111 1111 1111 ",
            "+44 7700 900123 ",
            "AB 12 34 56 C ",
            "carelink ",
            "CareLink ",
            "Care Link ",
            "[click here](https://x.org) ",
            "![](a.png) ",
            "![a cat](a.png) ",
            "`code` ",
            "**bold** ",
            "# Title\n",
            "<!-- postlint-disable -->\n",
            "a.org b.org c.org d.org e.org f.org ",
            "@a1 @a2 @a3 @a4 @a5 @a6 @a7 @a8 @a9 @a10 @a11 @a12 @a13 @a14 @a15 @a16 @a17 @a18 @a19 @a20 @a21 ",
            "Loving the #sun #beach #summer vibes ",
            "guys ",
            "Hey guys!!! ",
            "#ad ",
            "link in bio ",
            "Grace Otieno, 7, has asthma ",
            "born 12 March 2015 ",
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen ",
        ];
        let settings = "[brand]\nnames = [\"CareLink\", \"Médecins Sans Frontières\"]\n\
            [hashtags]\nrequired = [\"#HarborHealth\"]\nin_preview = true\nbanned = [\"#banned\"]\ncamel_case = true\nmax = 2\n";
        let mut guideline = Guideline::from_toml("g.toml", settings).unwrap();
        guideline.packs.extend(packs::LANGUAGE_PACKS.iter().map(|pack| (*pack).to_owned()));
        let checkers = [checker(), Checker::new(&guideline).unwrap()];
        let ungated: Vec<Checker> = [checker(), Checker::new(&guideline).unwrap()].map(Checker::ungated).into();
        let every: Vec<PlatformTarget> = crate::platform::Platform::ALL.into_iter().map(PlatformTarget::from).collect();
        let platform_sets = [&[][..], &every[..2], &every[..]];
        let mut fired = BTreeSet::new();
        for text in crate::test_texts::from_pieces(&pieces, 13, 1_500, 24) {
            for format in [Format::Text, Format::Markdown] {
                for platforms in platform_sets {
                    for (gated, ungated) in checkers.iter().zip(&ungated) {
                        let draft = Draft { text: &text, format, platforms };
                        let report = gated.check(&draft);
                        assert_eq!(
                            report,
                            ungated.check(&draft),
                            "{format:?} {text:?} on {} platforms",
                            platforms.len()
                        );
                        fired.extend(report.diagnostics.into_iter().map(|diagnostic| diagnostic.rule));
                    }
                }
            }
        }
        // The drafts make every rule that declares its needs fire.
        let gated = &checkers[1];
        let silent: Vec<&str> = gated
            .schedule
            .always
            .iter()
            .filter(|(_, needs)| *needs != Facts::EVERY_DRAFT)
            .map(|&(index, _)| gated.catalog[gated.active[index].catalog_index].0.id.as_ref())
            .filter(|id| !fired.contains(*id))
            .collect();
        assert!(silent.is_empty(), "never fired: {silent:?}");
    }

    #[test]
    fn checker_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Checker>();
    }
}
