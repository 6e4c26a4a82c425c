//! `privacy.email-address`: personal e-mail addresses in a public post.

use crate::diagnostic::{Category, Severity};
use crate::entities::EntityKind;
use crate::rule::{CheckContext, Reporter, Rule, RuleMeta};
use crate::rules::MetaBuilder;

/// Flags e-mail addresses; the organisation's own contacts go in `[allow] terms`.
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
        .fire(&["Contact maria.lopez@gmail.com for details."])
        .pass(&["Contact us through the form at example.org/contact.", "Follow @maria on every network."])
        .build();
        EmailAddress { meta }
    }
}

impl Rule for EmailAddress {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        for email in context.document.entities_of(EntityKind::Email) {
            reporter.report(
                email.span,
                format!("“{}” is an e-mail address in a public post", email.span.slice(context.document.source())),
                "Remove it, or add the organisation's own address to `[allow] terms` in the guideline.",
            );
        }
    }
}
