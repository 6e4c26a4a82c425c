//! `accessibility.emoji-between-words`: an emoji between every word
//! (“Join 👏 the 👏 march”).

use crate::diagnostic::{Category, Fix, Severity};
use crate::emoji_tokens::Piece;
use crate::rule::{CheckContext, Facts, Reporter, Rule, RuleMeta};
use crate::rules::MetaBuilder;
use crate::settings::Settings;
use crate::span::Span;
use crate::terms::is_unspaced_script;

/// Words in a row, each separated from the next by emoji, before it is flagged.
const MIN_WORDS: usize = 4;

/// Characters beyond which a run of text is a phrase, not one word.
const MAX_WORD_CHARS: usize = 20;

/// Flags stretches where every word is separated from the next by emoji,
/// offering to replace the separators with spaces.
pub(crate) struct EmojiBetweenWords {
    meta: RuleMeta,
}

impl EmojiBetweenWords {
    pub(crate) fn new() -> Self {
        let meta = MetaBuilder::new(
            "accessibility.emoji-between-words",
            Category::Accessibility,
            Severity::Warning,
            "An emoji between every word (“Join 👏 the 👏 march”).",
        )
        .why(
            "Screen readers read each emoji's name between the words: “Join clapping hands the clapping hands march”. \
             The message is lost, and the sentence takes several times as long to hear.",
            "Perkins School for the Blind, “How to make emoji accessible”; American Foundation for the Blind, \
             guidance on emoji and screen readers",
        )
        .fire(&["Join👏the👏march👏today", "Vaccines 💉 save 🙌 lives 🌍 every ⏰ day 🎉"])
        .pass(&[
            "Our volunteers in Kenya 🇰🇪, Uganda 🇺🇬 and Tanzania 🇹🇿 are ready.",
            "Our newsletter lands in your inbox 📬 every Friday.",
            "✅ Water\n✅ Sun hat\n✅ Good shoes",
            "Sun ☀️ sea 🌊 sand",
            "Vote 🇺🇸#MAGA🇺🇸 🇺🇸#KAG🇺🇸 🇺🇸#VOTE🇺🇸 today",
            "フジロックの森にカラフルなウサギ🐇達が記憶にある。よく見ると👀ウサギの瞳がガイコツ💀になっていて🌈",
        ])
        .fixed(&[("Join 👏 the 👏 march 👏 today", "Join the march today")])
        .build();
        EmojiBetweenWords { meta }
    }
}

/// A stretch of words joined by emoji: its span and the gaps between words.
struct Stretch {
    first_word: Span,
    last_word: Span,
    gaps: Vec<Span>,
}

impl Rule for EmojiBetweenWords {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// No emoji without one of their lead bytes.
    fn needs(&self, _settings: &Settings) -> Facts {
        Facts::leads(&crate::emoji_tokens::EMOJI_LEADS)
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        // Cheap bound first: most drafts have too few emoji to matter.
        if context.document.possible_emoji_count() < 3 {
            return;
        }
        let view = context.document.prose_view();
        // Cutting the prose into pieces is the costly part, and most drafts with emoji have none between words.
        if !may_have_emoji_between_words(view) {
            return;
        }
        for stretch in stretches(view, context.document.emoji_pieces()) {
            let span = Span::new(stretch.first_word.start, stretch.last_word.end);
            let fix = Fix {
                title: "Replace the emoji between words with spaces".to_owned(),
                edits: stretch
                    .gaps
                    .iter()
                    .map(|gap| crate::diagnostic::Edit { span: *gap, replacement: " ".to_owned() })
                    .collect(),
                safe: false,
            };
            reporter.report_with_fixes(
                span,
                format!(
                    "{} words separated by emoji: screen readers read each emoji's name between the words",
                    stretch.gaps.len() + 1
                ),
                "Write the sentence with spaces, and keep one emoji at the end if it adds meaning.",
                vec![fix],
            );
        }
    }
}

/// The stretches of `pieces` (cut from `view`) with at least [`MIN_WORDS`]
/// words, each separated from the next by emoji.
fn stretches(view: &str, pieces: &[Piece]) -> Vec<Stretch> {
    let mut stretches: Vec<Stretch> = Vec::new();
    let mut current: Option<Stretch> = None;
    // The word before the gap being read, and whether the gap so far holds an emoji.
    let mut last_word: Option<Span> = None;
    let mut gap_has_emoji = false;
    let mut gap_is_clean = true;
    for &piece in pieces {
        match piece {
            Piece::Text(span, true) => {
                let word = span.slice(view);
                // Hashtags, entities, long runs and text in scripts written without spaces are not words of a sentence.
                let joinable = !word.starts_with(['#', '@', '＃'])
                    && !word.contains('\u{1}')
                    && word.chars().count() <= MAX_WORD_CHARS
                    && !word.chars().any(is_unspaced_script);
                match (last_word, gap_has_emoji && gap_is_clean && joinable) {
                    (Some(previous), true) => {
                        let gap = Span::new(previous.end, span.start);
                        let stretch = current.get_or_insert(Stretch {
                            first_word: previous,
                            last_word: previous,
                            gaps: Vec::new(),
                        });
                        stretch.last_word = span;
                        stretch.gaps.push(gap);
                    }
                    _ => stretches.extend(current.take()),
                }
                // A word that ends a sentence ends the stretch: the next word starts another sentence.
                let ends_sentence = word.ends_with(['.', '!', '?', ':', ';', '…', '。', '！', '？']);
                if joinable && !ends_sentence {
                    last_word = Some(span);
                } else {
                    stretches.extend(current.take());
                    last_word = None;
                }
                gap_has_emoji = false;
                gap_is_clean = true;
            }
            // A keycap before a word numbers it (“3️⃣ Taylor”): a list, not spacing.
            Piece::Emoji(_, true) => gap_is_clean = false,
            Piece::Emoji(_, false) => gap_has_emoji = true,
            Piece::Space => {}
            Piece::Text(_, false) | Piece::LineBreak => {
                // Punctuation or a line break between words: a list or a sentence, not emoji as spacing.
                gap_is_clean = false;
                if piece == Piece::LineBreak {
                    stretches.extend(current.take());
                    last_word = None;
                }
            }
        }
    }
    stretches.extend(current.take());
    stretches.retain(|stretch| stretch.gaps.len() + 1 >= MIN_WORDS);
    stretches
}

/// Whether `view` may hold [`MIN_WORDS`] words separated by emoji: it has
/// one fewer gaps in a row that may hold one, each a run of white space and
/// non-ASCII chars that are not letters or digits, with at least one
/// non-ASCII char, between two chars that may end and start a word (ASCII
/// other than white space, or a non-ASCII letter or digit), and with only
/// such chars between one gap and the next.
///
/// Every gap between words of a stretch is such a run or inside one: its
/// emoji and spaces are in the run, and the words around it each have a
/// letter or digit, which ends the run before it leaves them. So two gaps
/// are never in the same run, and what lies between the runs of two gaps
/// of a stretch is part of one word, without white space or a line break. A
/// letter or digit that may be part of an emoji (Ⓜ️, 🅰️) answers yes at once.
fn may_have_emoji_between_words(view: &str) -> bool {
    let bytes = view.as_bytes();
    let is_space = |byte: u8| matches!(byte, b' ' | b'\t' | 0x0B | 0x0C);
    // Whether the char at `index` (not ASCII) is a letter or digit, and its length.
    let decode = |index: usize| {
        let ch = view[index..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
        let alphanumeric = crate::emoji_tokens::is_alphanumeric(ch);
        // Only a letter or digit is asked whether it is also a pictograph.
        (alphanumeric, alphanumeric && crate::twitter::is_extended_pictographic(ch), ch.len_utf8())
    };
    // Gaps in a row so far, and where the last one's run ends.
    let mut gaps = 0;
    let mut previous_end = 0;
    let mut index = 0;
    // `index` is always on a char boundary, so a byte from 0x80 found from it leads a char.
    while let Some(found) = crate::document::find_byte(bytes, index, |byte| byte >= 0x80) {
        let (alphanumeric, pictographic, length) = decode(found);
        if alphanumeric {
            if pictographic {
                return true;
            }
            index = found + length;
            continue;
        }
        // The run around it. What stops it before is not in it: a line
        // break, ASCII that may end a word, or a non-ASCII letter or digit
        // (any other non-ASCII char would have started the run earlier).
        let mut start = found;
        while start > 0 && is_space(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = found + length;
        while let Some(&byte) = bytes.get(end) {
            if byte < 0x80 {
                if !is_space(byte) {
                    break;
                }
                end += 1;
            } else {
                let (alphanumeric, pictographic, length) = decode(end);
                if alphanumeric {
                    if pictographic {
                        return true;
                    }
                    break;
                }
                end += length;
            }
        }
        let word_before = start > 0 && !matches!(bytes[start - 1], b'\n' | b'\r');
        let word_after = end < bytes.len() && !matches!(bytes[end], b'\n' | b'\r');
        if !(word_before && word_after) {
            gaps = 0;
        } else {
            let one_word_between = gaps > 0
                && !bytes[previous_end..start].iter().any(|&byte| is_space(byte) || byte == b'\n' || byte == b'\r');
            gaps = if one_word_between { gaps + 1 } else { 1 };
            if gaps + 1 >= MIN_WORDS {
                return true;
            }
        }
        previous_end = end;
        index = end;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_precheck_passes_emoji_between_words_and_skips_others() {
        assert!(may_have_emoji_between_words("Join 👏 the 👏 march 👏 today"));
        assert!(may_have_emoji_between_words("Vaccines 💉 save 🙌 lives 🌍 every ⏰ day 🎉"));
        assert!(may_have_emoji_between_words("Ça 👏 été 👏 très 👏 bien"));
        assert!(!may_have_emoji_between_words("Join the march today 👏👏👏"));
        assert!(!may_have_emoji_between_words("✅ Water\n✅ Sun hat\n✅ Good shoes"));
        assert!(!may_have_emoji_between_words("Join 👏 the 👏 march"));
        // Three gaps, but not in a row: more than one word between them.
        assert!(!may_have_emoji_between_words("One 👏 two three 👏 four five 👏 six"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The precheck never skips a draft whose pieces hold a stretch.
        #[test]
        fn the_precheck_never_skips_emoji_between_words(pieces_of_text in proptest::collection::vec(
            proptest::prop_oneof![
                6 => proptest::sample::select(vec!["word", "Join", "a", "7", "été", "Ça", "中文", "über"]),
                6 => proptest::sample::select(vec![" ", " ", "  ", "\t"]),
                5 => proptest::sample::select(vec!["👏", "🎉", "🙌🏽", "👨‍👩‍👧", "🇰🇪", "⏰", "❤️", "☀️", "©️", "Ⓜ️", "🅰️", "🅰", "ℹ️"]),
                2 => proptest::sample::select(vec![
                    "\n", "\r\n", "\u{2028}", "\u{a0}", "\u{2003}", "\u{FE0F}", "\u{200D}", "1️⃣", "#️⃣", ",", ".", "…",
                    "’", "“", "#tag", "@user", "\u{1}", "★", "©", "Ⓜ", "ℓ", "Ⅻ", "\u{85}", "\u{b}",
                ]),
            ],
            0..40,
        )) {
            let view = pieces_of_text.concat();
            let found = stretches(&view, &crate::emoji_tokens::pieces(&view));
            if !found.is_empty() {
                proptest::prop_assert!(may_have_emoji_between_words(&view), "{:?}", view);
            }
        }
    }
}
