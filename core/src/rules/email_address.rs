//! `privacy.email-address`: personal e-mail addresses in a public post.

use crate::diagnostic::{Category, Severity};
use crate::entities::{find_emails, EntityKind};
use crate::rule::{CheckContext, Facts, Reporter, Rule, RuleMeta};
use crate::rules::privacy_scan::link_targets;
use crate::rules::MetaBuilder;
use crate::settings::Settings;
use crate::span::Span;

/// Flags e-mail addresses, in the text and behind `mailto:` links; the
/// organisation's own contacts go in `[allow] terms`.
pub(crate) struct EmailAddress {
    meta: RuleMeta,
}

impl EmailAddress {
    pub(crate) fn new() -> Self {
        let meta = MetaBuilder::new(
            "privacy.email-address",
            Category::Privacy,
            Severity::Warning,
            "E-mail addresses in a public post.",
        )
        .why(
            "An e-mail address in a public post is personal data: it can identify a person and invites spam. \
             Publish one only with consent, and list the organisation's own contact addresses under `[allow] terms`.",
            "EU GDPR, Article 4(1) (definition of personal data); ICO, guide to personal data",
        )
        .fire(&["Contact maria.lopez@gmail.com for details.", "[Write to Maria](mailto:maria.lopez@gmail.com)"])
        .pass(&["Contact us through the form at example.org/contact.", "Follow @maria on every network."])
        .build();
        EmailAddress { meta }
    }
}

impl Rule for EmailAddress {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// Every address, shown or behind a link, has an `@`.
    fn needs(&self, _settings: &Settings) -> Facts {
        Facts::AT_SIGN
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        // Every address, shown or behind a link, has an `@`, which the
        // pass over the draft's bytes looked for.
        if !context.document.source_signs().has_at_sign() {
            return;
        }
        let source = context.document.source();
        let help = "Remove it, or add the organisation's own address to `[allow] terms` in the guideline.";
        let mut reported = Vec::new();
        for email in context.document.entities_of(EntityKind::Email) {
            let address = email.span.slice(source);
            reporter.report(email.span, format!("“{address}” is an e-mail address in a public post"), help);
            reported.push(address);
        }
        // Markdown blanks link targets in the prose view, but a `mailto:`
        // target is published with the post. One address written both as
        // the link text and as its target is reported once.
        // The draft's census says whether it has a colon, which every link target follows.
        let targets =
            if context.document.byte_census().has_colon() { link_targets(source, "mailto") } else { Vec::new() };
        for target in targets {
            for email in find_emails(target.slice(source)) {
                let span = Span::new(target.start + email.span.start, target.start + email.span.end);
                let address = span.slice(source);
                if reported.iter().any(|done| done.eq_ignore_ascii_case(address)) {
                    continue;
                }
                reporter.report(span, format!("“{address}” is an e-mail address behind a link"), help);
                reported.push(address);
            }
        }
    }
}
