//! Rule kinds that organisations write as data: literal terms and patterns.

pub mod pattern;
pub mod terms;

use std::borrow::Cow;

use crate::span::Span;

/// Applies the casing of `matched` to `replacement`: ALL CAPS stays all caps,
/// a capitalised word stays capitalised, anything else is left as written.
pub(crate) fn match_case(matched: &str, replacement: &str) -> String {
    // Counted as the chars go by, without collecting them: this runs for
    // every suggestion of every term finding.
    let mut letters = matched.chars().filter(|ch| ch.is_alphabetic());
    let all_caps = letters.clone().nth(1).is_some() && letters.all(char::is_uppercase);
    if all_caps {
        return replacement.to_uppercase();
    }
    // "HIV victims": an acronym leads, the phrase itself is not capitalised.
    let first_word = matched.split_whitespace().next().unwrap_or("");
    let acronym = first_word.chars().nth(1).is_some() && first_word.chars().all(|ch| !ch.is_lowercase());
    if matched.chars().next().is_some_and(char::is_uppercase) && !acronym {
        let mut chars = replacement.chars();
        if let Some(first) = chars.next() {
            return first.to_uppercase().chain(chars).collect();
        }
    }
    replacement.to_owned()
}

/// Fills `{match}`, `{suggestion}` and `{suggestions}` in a message template.
/// One pass: what is filled in is never read as a placeholder itself.
pub(crate) fn render_template(template: &str, matched: &str, suggestions: &[String]) -> String {
    let mut message = String::with_capacity(template.len() + matched.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        message.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let placeholder = after.find('}').map(|close| (&after[..close], &after[close + 1..]));
        rest = match placeholder {
            Some(("match", tail)) => {
                message.push_str(matched);
                tail
            }
            Some(("suggestion", tail)) => {
                message.push_str(suggestions.first().map_or("", String::as_str));
                tail
            }
            Some(("suggestions", tail)) => {
                for (index, suggestion) in suggestions.iter().enumerate() {
                    if index > 0 {
                        message.push_str(" or ");
                    }
                    message.push('“');
                    message.push_str(suggestion);
                    message.push('”');
                }
                tail
            }
            _ => {
                message.push('{');
                after
            }
        };
    }
    message.push_str(rest);
    message
}

/// The placeholders a message template may use.
pub(crate) const PLACEHOLDERS: [&str; 3] = ["match", "suggestion", "suggestions"];

/// Returns the first `{placeholder}` in `template` that is not known.
pub(crate) fn unknown_placeholder(template: &str) -> Option<String> {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}')?;
        let name = &after[..close];
        if !PLACEHOLDERS.contains(&name) {
            return Some(name.to_owned());
        }
        rest = &after[close + 1..];
    }
    None
}

/// Collapses white space runs in `text` to single spaces, for messages.
/// Most matches are already so (one word, or words with single spaces
/// between them) and are borrowed as they are.
pub(crate) fn collapse_whitespace(text: &str) -> Cow<'_, str> {
    let mut previous_space = true;
    let collapsed = text.chars().all(|ch| {
        let space = ch.is_whitespace();
        let fine = !space || (ch == ' ' && !previous_space);
        previous_space = space;
        fine
    }) && !previous_space;
    if collapsed || text.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut words = text.split_whitespace();
    let mut joined = String::with_capacity(text.len());
    if let Some(first) = words.next() {
        joined.push_str(first);
    }
    for word in words {
        joined.push(' ');
        joined.push_str(word);
    }
    Cow::Owned(joined)
}

/// How far from a match quotation marks are looked for, in bytes.
const QUOTE_REACH: usize = 400;

/// Whether `span` of `text` is enclosed in double quotation marks on its
/// line: quoted speech and words mentioned as words are not the author's usage.
pub(crate) fn in_quotes(text: &str, span: Span) -> bool {
    // Quotes are looked for on the same line and nearby only, so that a huge
    // single-line draft does not make every match scan the whole line.
    let mut reach_start = span.start.saturating_sub(QUOTE_REACH);
    while !text.is_char_boundary(reach_start) {
        reach_start += 1;
    }
    // Every way of being quoted needs an opening mark before the match on
    // its line: `"`, or ‘ “ „ « , whose UTF-8 starts with 0xE2 or 0xC2. Most
    // matches have none of these bytes near them, and then the line is not
    // worth finding.
    if memchr::memchr3(b'"', 0xE2, 0xC2, &text.as_bytes()[reach_start..span.start]).is_none() {
        return false;
    }
    quoted_on_line(text, span, reach_start)
}

/// Whether `span` of `text` is enclosed in quotation marks on its line,
/// looking back no further than `reach_start` (a char boundary) and ahead
/// no further than [`QUOTE_REACH`].
fn quoted_on_line(text: &str, span: Span, reach_start: usize) -> bool {
    let mut reach_end = (span.end + QUOTE_REACH).min(text.len());
    while !text.is_char_boundary(reach_end) {
        reach_end -= 1;
    }
    let line_start = text[reach_start..span.start].rfind('\n').map_or(reach_start, |index| reach_start + index + 1);
    let line_end = text[span.end..reach_end].find('\n').map_or(reach_end, |index| span.end + index);
    let before = &text[line_start..span.start];
    let after = &text[span.end..line_end];
    // Curly single quotes: ‘quoted’, where ’ is also the apostrophe, so the
    // closing one must not be followed by a letter.
    if let Some(open) = before.rfind('‘') {
        let closed_before = before[open..].char_indices().any(|(index, ch)| {
            ch == '’' && !before[open + index + ch.len_utf8()..].chars().next().is_some_and(char::is_alphabetic)
        });
        let closes_after = after.char_indices().any(|(index, ch)| {
            ch == '’' && !after[index + ch.len_utf8()..].chars().next().is_some_and(char::is_alphabetic)
        });
        if !closed_before && closes_after {
            return true;
        }
    }
    // Curly and guillemet quotes are directional: an opening one before
    // with no closing one in between, and a closing one after.
    let open_curly = before.rfind(['“', '«', '„']);
    let close_curly = before.rfind(['”', '»']);
    let curly_open = match (open_curly, close_curly) {
        (Some(open), Some(close)) => open > close,
        (Some(_), None) => true,
        _ => false,
    };
    if curly_open && after.contains(['”', '»', '“']) {
        return true;
    }
    // Straight quotes: an odd number before and at least one after.
    before.matches('"').count() % 2 == 1 && after.contains('"')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_follows_the_match() {
        assert_eq!(match_case("Guys", "everyone"), "Everyone");
        assert_eq!(match_case("GUYS", "everyone"), "EVERYONE");
        assert_eq!(match_case("guys", "everyone"), "everyone");
        assert_eq!(match_case("I", "we"), "We");
        assert_eq!(match_case("HIV victims", "people living with HIV"), "people living with HIV");
    }

    /// [`match_case`] as first written, collecting the letters: the
    /// reference the counting version must agree with.
    fn match_case_collecting(matched: &str, replacement: &str) -> String {
        let letters: Vec<char> = matched.chars().filter(|ch| ch.is_alphabetic()).collect();
        if letters.len() > 1 && letters.iter().all(|ch| ch.is_uppercase()) {
            return replacement.to_uppercase();
        }
        let first_word: Vec<char> = matched.split_whitespace().next().unwrap_or("").chars().collect();
        let acronym = first_word.len() > 1 && first_word.iter().all(|ch| !ch.is_lowercase());
        if matched.chars().next().is_some_and(char::is_uppercase) && !acronym {
            let mut chars = replacement.chars();
            if let Some(first) = chars.next() {
                return first.to_uppercase().chain(chars).collect();
            }
        }
        replacement.to_owned()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2_000))]
        /// On texts of words in every case, white space of every kind and
        /// signs, collapsing gives what splitting and joining gives, borrowed
        /// exactly when nothing changes, and the casing of a suggestion is
        /// the collecting version's.
        #[test]
        fn collapsing_and_casing_agree_with_the_simple_versions(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "guys", "GUYS", "Guys", "I", "a", "HIV", "é", "É", "ß", "1", "-", " ", "  ", "\t", "\n", "\r\n",
                "\u{a0}", "\u{3000}", "\u{2028}", "\u{1F600}", "ǅ",
            ]), 0..12),
            replacement in proptest::sample::select(vec!["everyone", "", "people living with HIV", "ǆx", "ßa"]),
        ) {
            let text = pieces.concat();
            let simple = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let collapsed = collapse_whitespace(&text);
            proptest::prop_assert_eq!(collapsed.as_ref(), simple.as_str());
            proptest::prop_assert_eq!(matches!(collapsed, Cow::Borrowed(_)), simple == text);
            proptest::prop_assert_eq!(match_case(&text, replacement), match_case_collecting(&text, replacement));
        }
    }

    #[test]
    fn templates() {
        let suggestions = vec!["chair".to_owned(), "chairperson".to_owned()];
        assert_eq!(
            render_template("“{match}”: try “{suggestion}” ({suggestions})", "chairman", &suggestions),
            "“chairman”: try “chair” (“chair” or “chairperson”)"
        );
        assert_eq!(render_template("no placeholder", "x", &suggestions), "no placeholder");
        assert_eq!(render_template("{{match}} {other} {", "x", &suggestions), "{x} {other} {");
        assert_eq!(render_template("{suggestions}{suggestion}", "x", &[]), "");
        // A match that looks like a placeholder is shown as written.
        assert_eq!(render_template("“{match}” → {suggestion}", "{suggestion}", &suggestions), "“{suggestion}” → chair");
        assert_eq!(unknown_placeholder("{match} {count}"), Some("count".to_owned()));
        assert_eq!(unknown_placeholder("{match} and {suggestions}"), None);
    }

    /// [`in_quotes`] without its look for opening marks first: the
    /// reference that shortcut must agree with.
    fn in_quotes_reading_the_line(text: &str, span: Span) -> bool {
        let mut reach_start = span.start.saturating_sub(QUOTE_REACH);
        while !text.is_char_boundary(reach_start) {
            reach_start += 1;
        }
        quoted_on_line(text, span, reach_start)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2_000))]
        /// On texts of quotation marks, letters, line breaks and other chars
        /// that share the marks' first UTF-8 byte, every word's answer is the
        /// one reading the line gives.
        #[test]
        fn quote_marks_looked_for_first_change_nothing(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "\"", "‘", "’", "“", "”", "„", "«", "»", "guys", "a", " ", "  ", "\n", "\r\n", "é", "…", "€",
                "\u{a0}", "©", "—", "\u{1F600}", "ｆ", "e\u{301}",
            ]), 0..40),
            reach in 0usize..3,
        ) {
            let text = pieces.concat();
            // A short reach too, so that marks fall outside it.
            let paddings = [String::new(), "x".repeat(QUOTE_REACH - 3), "y ".repeat(QUOTE_REACH)];
            let padding = &paddings[reach];
            let text = format!("{padding}{text}{padding}");
            for (at, word) in text.match_indices(['g', 'a', 'é']) {
                let span = Span::new(at, at + word.len());
                proptest::prop_assert_eq!(in_quotes(&text, span), in_quotes_reading_the_line(&text, span), "{:?} {:?}", text, span);
            }
        }
    }

    #[test]
    fn quotes() {
        let text = "She said “hey guys” and \"guys\" and guys";
        let spans: Vec<bool> =
            text.match_indices("guys").map(|(at, _)| in_quotes(text, Span::new(at, at + 4))).collect();
        assert_eq!(spans, [true, true, false]);
        let single = "A ‘helpless’ label, and helpless we’re not";
        let flags: Vec<bool> =
            single.match_indices("helpless").map(|(at, _)| in_quotes(single, Span::new(at, at + 8))).collect();
        assert_eq!(flags, [true, false]);
    }
}
