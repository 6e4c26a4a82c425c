//! Markdown through pulldown-cmark: which bytes are prose, which are code,
//! HTML or link targets, and the suppression comments.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::document::{Directive, DirectiveKind, MASK};
use crate::span::Span;

/// An inline image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// The whole `![alt](src)` construct.
    pub span: Span,
    /// Whether the alt text has any letter or digit.
    pub has_alt: bool,
}

/// A link with its visible text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The whole `[text](url)` construct.
    pub span: Span,
    /// The visible text, spanning from its first to its last text byte.
    pub text: Span,
}

/// What Markdown tells about a draft beyond its prose.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// Inline images, in order.
    pub images: Vec<Image>,
    /// Links with visible text (autolinks excluded), in order.
    pub links: Vec<Link>,
}

pub(crate) struct Parsed {
    pub(crate) view: Vec<u8>,
    pub(crate) directives: Vec<Directive>,
    pub(crate) facts: Facts,
}

/// Builds the prose view of a Markdown source: prose bytes are kept, Markdown
/// syntax becomes spaces (line breaks kept), and code, HTML, front matter and
/// autolinks become [`MASK`].
pub(crate) fn prose_view(source: &str) -> Parsed {
    let mut view: Vec<u8> = source.bytes().map(|byte| if byte == b'\n' { b'\n' } else { b' ' }).collect();
    let mut directives = Vec::new();
    let mut facts = Facts::default();
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    // Depth counters rather than flags: these constructs can nest.
    let mut hidden_depth = 0usize;
    let mut open_images: Vec<(usize, bool)> = Vec::new();
    let mut open_links: Vec<(usize, Option<Span>, bool)> = Vec::new();
    let mask = |view: &mut Vec<u8>, start: usize, end: usize| {
        for byte in &mut view[start..end] {
            if *byte != b'\n' {
                *byte = MASK;
            }
        }
    };
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        let (start, end) = (range.start.min(source.len()), range.end.min(source.len()));
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_)) => {
                hidden_depth += 1;
                mask(&mut view, start, end);
            }
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_)) => {
                hidden_depth = hidden_depth.saturating_sub(1);
            }
            Event::Start(Tag::Link { link_type: LinkType::Autolink | LinkType::Email, .. }) => {
                hidden_depth += 1;
                mask(&mut view, start, end);
                open_links.push((start, None, true));
            }
            Event::Start(Tag::Link { .. }) => open_links.push((start, None, false)),
            Event::End(TagEnd::Link) => match open_links.pop() {
                Some((_, _, true)) => hidden_depth = hidden_depth.saturating_sub(1),
                Some((link_start, Some(text), false)) if hidden_depth == 0 => {
                    facts.links.push(Link { span: Span::new(link_start, end), text })
                }
                _ => {}
            },
            Event::Start(Tag::Image { .. }) => open_images.push((start, false)),
            Event::End(TagEnd::Image) => {
                if let Some((image_start, has_alt)) = open_images.pop() {
                    facts.images.push(Image { span: Span::new(image_start, end), has_alt });
                }
            }
            Event::Text(text) if hidden_depth == 0 => {
                if source.get(start..end).is_some() {
                    view[start..end].copy_from_slice(&source.as_bytes()[start..end]);
                }
                if let Some((_, has_alt)) = open_images.last_mut() {
                    *has_alt |= text.chars().any(char::is_alphanumeric);
                }
                if let Some((_, link_text, _)) = open_links.last_mut() {
                    *link_text = Some(match link_text {
                        Some(previous) => Span::new(previous.start, end),
                        None => Span::new(start, end),
                    });
                }
            }
            Event::Code(_) => mask(&mut view, start, end),
            Event::Html(html) | Event::InlineHtml(html) => {
                mask(&mut view, start, end);
                if let Some(directive) = parse_directive(&html, Span::new(start, end)) {
                    directives.push(directive);
                }
            }
            _ => {}
        }
    }
    Parsed { view, directives, facts }
}

/// Reads `<!-- postlint-disable RULE, RULE -->` and its siblings.
fn parse_directive(html: &str, span: Span) -> Option<Directive> {
    let inner = html.trim().strip_prefix("<!--")?.trim_end().strip_suffix("-->")?.trim();
    let mut words = inner.split(|ch: char| ch.is_whitespace() || ch == ',').filter(|w| !w.is_empty());
    let kind = match words.next()? {
        "postlint-disable" => DirectiveKind::Disable,
        "postlint-enable" => DirectiveKind::Enable,
        "postlint-disable-next-line" => DirectiveKind::DisableNextLine,
        _ => return None,
    };
    Some(Directive { kind, rules: words.map(str::to_owned).collect(), span })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(source: &str) -> String {
        String::from_utf8(prose_view(source).view).unwrap().replace('\u{1}', "#")
    }

    #[test]
    fn keeps_prose_and_blanks_syntax() {
        assert_eq!(view("# Title\n\nSome *bold* text"), "  Title\n\nSome  bold  text");
        assert_eq!(view("See [the docs](https://x.org) now"), "See  the docs                 now");
    }

    #[test]
    fn masks_code_html_and_autolinks() {
        assert_eq!(view("a `man` b"), "a ##### b");
        assert_eq!(view("```\nman\n```\nok"), "###\n###\n###\nok");
        assert_eq!(view("x <https://man.org> y"), "x ################# y");
        assert_eq!(view("x <b>man</b> y"), "x ###man#### y");
    }

    #[test]
    fn front_matter_is_not_prose() {
        assert_eq!(view("+++\ntitle = \"man\"\n+++\nHello"), "###\n#############\n###\nHello");
    }

    #[test]
    fn directives_and_images() {
        let parsed = prose_view(
            "<!-- postlint-disable inclusion.x, ethics -->\n\n![](a.png) ![A dog](b.png)\n\n[click here](u)",
        );
        assert_eq!(parsed.directives.len(), 1);
        assert_eq!(parsed.directives[0].kind, DirectiveKind::Disable);
        assert_eq!(parsed.directives[0].rules, ["inclusion.x", "ethics"]);
        let alts: Vec<bool> = parsed.facts.images.iter().map(|image| image.has_alt).collect();
        assert_eq!(alts, [false, true]);
        assert_eq!(parsed.facts.links.len(), 1);
    }
}
