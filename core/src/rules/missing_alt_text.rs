//! `accessibility.missing-alt-text`: Markdown images without a description.

use crate::diagnostic::{Category, Severity};
use crate::rule::{CheckContext, Facts, Reporter, Rule, RuleMeta};
use crate::rules::MetaBuilder;
use crate::settings::Settings;

/// Flags `![](image.png)` with empty alt text.
pub(crate) struct MissingAltText {
    meta: RuleMeta,
}

impl MissingAltText {
    pub(crate) fn new() -> Self {
        let meta = MetaBuilder::new(
            "accessibility.missing-alt-text",
            Category::Accessibility,
            Severity::Warning,
            "Markdown images without alt text.",
        )
        .why(
            "People who use screen readers hear an image's alt text instead of seeing it. Without one, they \
             miss what the image shows, or hear its file name.",
            "W3C WCAG 2.2, Success Criterion 1.1.1 Non-text Content",
        )
        .build();
        MissingAltText { meta }
    }
}

impl Rule for MissingAltText {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// Only Markdown has images.
    fn needs(&self, _settings: &Settings) -> Facts {
        Facts::MARKDOWN
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        for image in &context.document.markdown_facts().images {
            if !image.has_alt {
                reporter.report(
                    image.span,
                    "This image has no alt text",
                    "Describe what the image shows between the brackets: ![a nurse vaccinating a child](photo.jpg).",
                );
            }
        }
    }
}
