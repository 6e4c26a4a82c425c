//! `hashtags.broken-hashtag`: text that looks like a hashtag but is not
//! linked whole.

use crate::diagnostic::{Category, Fix, Severity};
use crate::entities::EntityKind;
use crate::rule::{CheckContext, Facts, Reporter, Rule, RuleMeta};
use crate::rules::MetaBuilder;
use crate::settings::Settings;
use crate::span::Span;

/// Flags `#2024` (digits only: not a hashtag) and hashtags cut short by
/// punctuation (`#Women's` links only `#Women`; `#covid-19` only `#covid`).
pub(crate) struct BrokenHashtag {
    meta: RuleMeta,
}

impl BrokenHashtag {
    pub(crate) fn new() -> Self {
        let meta = MetaBuilder::new(
            "hashtags.broken-hashtag",
            Category::Hashtags,
            Severity::Warning,
            "Things that look like hashtags but are not linked whole: all digits, or cut short by punctuation.",
        )
        .why(
            "Networks link a hashtag only up to the first character that cannot be in one: `#Women's` links \
             `#Women`, `#covid-19` links `#covid`, and `#2024` is not linked at all because a hashtag needs a letter.",
            "twitter-text hashtag rules; Instagram and LinkedIn help pages on hashtags",
        )
        .fire(&["Happy #Women's Day!", "Back in #2024", "Stay safe #covid-19"])
        .pass(&["Happy #WomensDay!", "Issue #42 is fixed", "Back in 2024 #Throwback", "See https://example.org/#2024"])
        .fixed(&[("Happy #Women's Day!", "Happy #Womens Day!"), ("Stay safe #covid-19", "Stay safe #covid19")])
        .build();
        BrokenHashtag { meta }
    }
}

impl Rule for BrokenHashtag {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// Both kinds of broken hashtag start with a number sign.
    fn needs(&self, _settings: &Settings) -> Facts {
        Facts::NUMBER_SIGN
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        let text = context.document.source();
        let entities = context.raw_entities;
        // Hashtags cut short.
        for tag in entities.iter().filter(|entity| entity.kind == EntityKind::Hashtag) {
            let rest = &text[tag.span.end..];
            let mut chars = rest.chars();
            let (Some(joiner), Some(next)) = (chars.next(), chars.next()) else { continue };
            let cut = match joiner {
                '\'' | '’' => next.is_alphabetic(),
                '-' => next.is_alphanumeric(),
                _ => false,
            };
            if !cut {
                continue;
            }
            let tail_length = rest
                .char_indices()
                .skip(1)
                .find(|(_, ch)| !(ch.is_alphanumeric() || *ch == '_'))
                .map_or(rest.len(), |(index, _)| index);
            let whole = Span::new(tag.span.start, tag.span.end + tail_length);
            let linked = tag.span.slice(text);
            let joined: String =
                whole.slice(text).chars().filter(|ch| ch.is_alphanumeric() || *ch == '_' || *ch == '#').collect();
            reporter.report_with_fixes(
                whole,
                format!("Only {linked} will be linked: the hashtag stops at “{joiner}”"),
                format!("Write it without punctuation, such as {joined}."),
                vec![Fix::replace(format!("Replace with {joined}"), whole, joined.clone())],
            );
        }
        // `#` followed by digits only. Most drafts have no `#`, and many of
        // the others no digit, which the pass over the draft's bytes knows.
        let facts = context.document.byte_facts();
        if !facts.signs.has_number_sign() || !facts.has_digit() {
            return;
        }
        let bytes = text.as_bytes();
        for index in memchr::memchr_iter(b'#', bytes) {
            let digits = bytes[index + 1..].iter().take_while(|byte| byte.is_ascii_digit()).count();
            if digits == 0 {
                continue;
            }
            let end = index + 1 + digits;
            let after = text[end..].chars().next();
            let before = text[..index].chars().next_back();
            let boundary_before = before.is_none_or(|ch| ch.is_whitespace() || "([{\"“".contains(ch));
            let boundary_after = after.is_none_or(|ch| !(ch.is_alphanumeric() || ch == '_'));
            let inside_entity = entities.iter().any(|entity| entity.span.contains(Span::new(index, end)));
            // "Issue #42", "No. #3": a number sign after a word is not a hashtag attempt.
            let previous_word = text[..index].trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
            let numbering = previous_word.chars().next().is_some_and(char::is_alphabetic)
                && ["issue", "no", "no.", "number", "pr", "ticket", "item", "step", "part", "room", "ranked", "rank"]
                    .contains(&previous_word.to_lowercase().as_str());
            if boundary_before && boundary_after && !inside_entity && !numbering && digits >= 2 {
                let span = Span::new(index, end);
                reporter.report(
                    span,
                    format!("{} is not a hashtag: a hashtag needs at least one letter", span.slice(text)),
                    "Add a word (#Class2024) or drop the #.",
                );
            }
        }
    }
}
