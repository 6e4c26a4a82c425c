//! `accessibility.emoji-between-words`: an emoji between every word
//! (“Join 👏 the 👏 march”).

use crate::diagnostic::{Category, Fix, Severity};
use crate::emoji_tokens::Piece;
use crate::rule::{CheckContext, Reporter, Rule, RuleMeta};
use crate::rules::MetaBuilder;
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

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        // Cheap bound first: most drafts have too few emoji to matter.
        if context.document.possible_emoji_count() < 3 {
            return;
        }
        let view = context.document.prose_view();
        let mut stretches: Vec<Stretch> = Vec::new();
        let mut current: Option<Stretch> = None;
        // The word before the gap being read, and whether the gap so far holds an emoji.
        let mut last_word: Option<Span> = None;
        let mut gap_has_emoji = false;
        let mut gap_is_clean = true;
        for &piece in context.document.emoji_pieces() {
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
        for stretch in stretches.into_iter().filter(|stretch| stretch.gaps.len() + 1 >= MIN_WORDS) {
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
