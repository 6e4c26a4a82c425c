//! Spans through the public API: byte ranges into the original text, on
//! char boundaries, for Markdown and plain text with emoji, CJK and
//! combining marks; nothing matched inside words, URLs, mentions or code.

use postlint_core::{Checker, Draft, Format};

/// The text each finding of `rule` covers.
fn found(text: &str, format: Format, rule: &str) -> Vec<String> {
    let checker = Checker::default_guideline();
    let report = checker.check(&Draft { text, format, platforms: &[] });
    for diagnostic in &report.diagnostics {
        assert!(text.is_char_boundary(diagnostic.span.start) && text.is_char_boundary(diagnostic.span.end));
    }
    report
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.rule == rule)
        .map(|diagnostic| text[diagnostic.span.start..diagnostic.span.end].to_owned())
        .collect()
}

const JOB_TITLE: &str = "inclusion.gendered-job-title";

#[test]
fn markdown_code_blocks_and_inline_code_are_skipped() {
    let text = "# The chairman\n\nOur `chairman` variable.\n\n```\nchairman = 1\n```\n\n    chairman indented\n\nThe chairman spoke.";
    let spans = found(text, Format::Markdown, JOB_TITLE);
    assert_eq!(spans, ["chairman", "chairman"]);
    let offsets: Vec<usize> = text.match_indices("chairman").map(|(at, _)| at).collect();
    let checker = Checker::default_guideline();
    let report = checker.check(&Draft::markdown(text));
    let starts: Vec<usize> = report.diagnostics.iter().filter(|d| d.rule == JOB_TITLE).map(|d| d.span.start).collect();
    assert_eq!(starts, [offsets[0], offsets[4]], "heading and last paragraph only");
}

#[test]
fn markdown_links_emphasis_and_images() {
    let text = "Read **the chairman's** note in [a letter from the chairman](https://example.org/chairman) ![the chairman smiling](chairman.jpg) <https://chairman.org> <!-- chairman -->";
    let spans = found(text, Format::Markdown, JOB_TITLE);
    assert_eq!(spans, ["chairman", "chairman", "chairman"], "emphasis, link text and alt text; not URLs or HTML");
}

#[test]
fn emoji_cjk_and_combining_marks_keep_byte_offsets() {
    let text = "👩‍👩‍👧‍👦 中文 Cafe\u{301} the chairman 🎉 spoke";
    let checker = Checker::default_guideline();
    let report = checker.check(&Draft::text(text));
    let diagnostic = report.diagnostics.iter().find(|d| d.rule == JOB_TITLE).unwrap();
    assert_eq!(diagnostic.span.start, text.find("chairman").unwrap());
    assert_eq!(&text[diagnostic.span.start..diagnostic.span.end], "chairman");
}

#[test]
fn no_match_inside_words_urls_mentions_hashtags_or_emails() {
    let text = "Germany humanity woman https://example.org/man @man_utd #mankind man@example.org example.org/man";
    assert!(found(text, Format::Text, "inclusion.gendered-generic").is_empty());
    assert!(found(text, Format::Text, JOB_TITLE).is_empty());
}

#[test]
fn plain_text_has_no_markdown_rules() {
    // In plain text, backticks are just characters.
    assert_eq!(found("Our `chairman` spoke", Format::Text, JOB_TITLE), ["chairman"]);
}
