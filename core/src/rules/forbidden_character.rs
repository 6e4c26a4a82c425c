//! `length.forbidden-character`: characters a target platform rejects.

use crate::diagnostic::{Category, Fix, Severity};
use crate::platform::Platform;
use crate::rule::{CheckContext, Facts, Reporter, Rule, RuleMeta};
use crate::rules::MetaBuilder;
use crate::settings::Settings;
use crate::span::Span;

/// Characters X rejects in a post.
const X_INVALID: [char; 3] = ['\u{FFFE}', '\u{FEFF}', '\u{FFFF}'];

/// Flags characters a platform refuses (`<` and `>` on YouTube; U+FFFE,
/// U+FEFF and U+FFFF on X), with their removal as a safe fix.
pub(crate) struct ForbiddenCharacter {
    meta: RuleMeta,
}

impl ForbiddenCharacter {
    pub(crate) fn new() -> Self {
        let meta = MetaBuilder::new(
            "length.forbidden-character",
            Category::Length,
            Severity::Error,
            "Characters a target platform rejects, such as < and > in YouTube titles and descriptions.",
        )
        .why(
            "YouTube refuses titles and descriptions containing angle brackets, and X refuses posts containing \
             the non-characters U+FFFE and U+FFFF or a byte-order mark; the upload fails.",
            "YouTube Data API, videos resource; twitter-text validation rules",
        )
        .platforms(&["youtube", "x"])
        .fire(&["Watch <live> now", "Zero\u{FEFF}width"])
        .pass(&["Watch live now → 10 am"])
        .fixed(&[("Watch <live> now", "Watch live now")])
        .build();
        ForbiddenCharacter { meta }
    }
}

impl Rule for ForbiddenCharacter {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// Every refused char is `<`, `>` or starts with byte 0xEF.
    fn needs(&self, _settings: &Settings) -> Facts {
        Facts::ANGLE_BRACKET.or(Facts::leads(&[0xEF]))
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        let text = context.document.source();
        // Every char any platform refuses is `<`, `>`, or starts with byte
        // 0xEF (U+FFFE, U+FEFF, U+FFFF): one scan rules most drafts out, and
        // only chars at those bytes are looked at.
        let bytes = text.as_bytes();
        // The pass over the draft's bytes already knows.
        let signs = context.document.source_signs();
        if !(signs.has_angle_bracket() || signs.has_lead_byte_ef()) {
            return;
        }
        let mut forbidden: Vec<(char, &str)> = Vec::new();
        for target in context.platforms {
            let facts = target.platform.facts();
            for &ch in facts.forbidden {
                forbidden.push((ch, facts.display_name));
            }
            if target.platform == Platform::X {
                forbidden.extend(X_INVALID.iter().map(|&ch| (ch, facts.display_name)));
            }
        }
        if forbidden.is_empty() {
            return;
        }
        for offset in memchr::memchr3_iter(b'<', b'>', 0xEF, bytes) {
            let Some(ch) = text[offset..].chars().next() else { continue };
            let platforms: Vec<&str> =
                forbidden.iter().filter(|(bad, _)| *bad == ch).map(|(_, platform)| *platform).collect();
            if platforms.is_empty() {
                continue;
            }
            let span = Span::new(offset, offset + ch.len_utf8());
            let shown = if ch.is_control() || !ch.is_alphanumeric() && ch as u32 > 0xFFF0 || ch == '\u{FEFF}' {
                format!("U+{:04X}", ch as u32)
            } else {
                format!("“{ch}”")
            };
            reporter.report_with_fixes(
                span,
                format!("{shown} is not accepted by {}", platforms.join(" and ")),
                "Remove the character.",
                vec![Fix::replace(format!("Remove {shown}"), span, "").safe()],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::X_INVALID;

    #[test]
    fn the_byte_scan_knows_every_forbidden_char() {
        for facts in crate::platform::PLATFORM_FACTS {
            for ch in facts.forbidden.iter().chain(&X_INVALID) {
                let mut buffer = [0; 4];
                let lead = ch.encode_utf8(&mut buffer).as_bytes()[0];
                assert!(matches!(lead, b'<' | b'>' | 0xEF), "{ch:?} of {}", facts.display_name);
            }
        }
    }
}
