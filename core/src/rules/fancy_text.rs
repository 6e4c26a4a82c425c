//! `accessibility.fancy-text`: "fancy" Unicode letters that screen readers
//! spell out or skip.

use crate::diagnostic::{Category, Fix, Severity};
use crate::document::find_byte;
use crate::rule::{CheckContext, Facts, Reporter, Rule, RuleMeta};
use crate::rules::MetaBuilder;
use crate::settings::Settings;
use crate::span::Span;

/// Flags runs of mathematical, circled, fullwidth or small-capital lookalike
/// letters, with the plain text as a safe fix.
pub(crate) struct FancyText {
    meta: RuleMeta,
}

impl FancyText {
    pub(crate) fn new() -> Self {
        let meta = MetaBuilder::new(
            "accessibility.fancy-text",
            Category::Accessibility,
            Severity::Warning,
            "Lookalike “fancy” Unicode letters instead of plain text.",
        )
        .why(
            "Bold, italic or script letters made from mathematical symbols are separate characters, not styled text. \
             Screen readers read them one symbol at a time or not at all, and search cannot find them.",
            "W3C WAI, Understanding Success Criterion 1.3.1 (Info and Relationships); Apple and Microsoft accessibility guidance on Unicode styling",
        )
        .fire(&["𝐁𝐢𝐠 𝐧𝐞𝐰𝐬 today!", "Join us ⓝⓞⓦ"])
        .pass(&["Big news today!", "x² + y² = r²"])
        .fixed(&[("𝐁𝐢𝐠 news", "Big news")])
        .build();
        FancyText { meta }
    }
}

/// The plain letter or digit a lookalike stands for, if `ch` is one.
pub(crate) fn plain_equivalent(ch: char) -> Option<char> {
    let code = ch as u32;
    // Mathematical Alphanumeric Symbols: 13 alphabets of 52 letters
    // (A–Z then a–z), then digits in five styles. Holes in the block (letters
    // that live elsewhere, such as ℎ) are simply not matched here.
    if (0x1D400..=0x1D6A3).contains(&code) {
        let index = (code - 0x1D400) % 52;
        let base = if index < 26 { b'A' as u32 + index } else { b'a' as u32 + index - 26 };
        return char::from_u32(base);
    }
    if (0x1D7CE..=0x1D7FF).contains(&code) {
        return char::from_u32(b'0' as u32 + (code - 0x1D7CE) % 10);
    }
    let simple = |start: u32, base: u8| char::from_u32(base as u32 + code - start);
    match code {
        0x24B6..=0x24CF => simple(0x24B6, b'A'),    // circled capitals
        0x24D0..=0x24E9 => simple(0x24D0, b'a'),    // circled small letters
        0xFF21..=0xFF3A => simple(0xFF21, b'A'),    // fullwidth capitals
        0xFF41..=0xFF5A => simple(0xFF41, b'a'),    // fullwidth small letters
        0x1F130..=0x1F149 => simple(0x1F130, b'A'), // squared capitals
        0x1F150..=0x1F169 => simple(0x1F150, b'A'), // negative circled capitals
        0x1F170..=0x1F189 => simple(0x1F170, b'A'), // negative squared capitals
        _ => small_capital(ch),
    }
}

fn small_capital(ch: char) -> Option<char> {
    Some(match ch {
        'ᴀ' => 'a',
        'ʙ' => 'b',
        'ᴄ' => 'c',
        'ᴅ' => 'd',
        'ᴇ' => 'e',
        'ꜰ' => 'f',
        'ɢ' => 'g',
        'ʜ' => 'h',
        'ɪ' => 'i',
        'ᴊ' => 'j',
        'ᴋ' => 'k',
        'ʟ' => 'l',
        'ᴍ' => 'm',
        'ɴ' => 'n',
        'ᴏ' => 'o',
        'ᴘ' => 'p',
        'ʀ' => 'r',
        'ꜱ' => 's',
        'ᴛ' => 't',
        'ᴜ' => 'u',
        'ᴠ' => 'v',
        'ᴡ' => 'w',
        'ʏ' => 'y',
        'ᴢ' => 'z',
        _ => return None,
    })
}

/// Whether `bytes` may hold a char [`plain_equivalent`] maps, judged from
/// the first two or three bytes of each char: the blocks of styled letters
/// (IPA and phonetic small capitals, Latin Extended-D, enclosed and
/// fullwidth forms, mathematical letters, squared capitals). Emoji, curly
/// quotes and other scripts fail it, so most drafts skip the char walk.
/// The bytes that lead every char [`plain_equivalent`] maps: the first
/// bytes [`may_have_lookalikes`] looks for.
const LOOKALIKE_LEADS: [u8; 7] = [0xC9, 0xCA, 0xE1, 0xE2, 0xEA, 0xEF, 0xF0];

fn may_have_lookalikes(bytes: &[u8]) -> bool {
    let mut index = 0;
    // Jump between bytes that can lead a styled letter: ASCII and most scripts have none.
    while let Some(at) = find_byte(bytes, index, |byte| byte >= 0xC9) {
        let second = bytes.get(at + 1).copied().unwrap_or(0);
        let third = bytes.get(at + 2).copied().unwrap_or(0);
        if matches!(
            (bytes[at], second, third),
            (0xC9 | 0xCA, _, _)
                | (0xE1, 0xB4..=0xB5, _)
                | (0xEA, 0x9C, _)
                | (0xE2, 0x92..=0x93, _)
                | (0xEF, 0xBC..=0xBD, _)
                | (0xF0, 0x9D, _)
                | (0xF0, 0x9F, 0x84..=0x86)
        ) {
            return true;
        }
        index = at + 1;
    }
    false
}

impl Rule for FancyText {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// No lookalike letter without one of their lead bytes.
    fn needs(&self, _settings: &Settings) -> Facts {
        Facts::leads(&LOOKALIKE_LEADS)
    }

    fn check(&self, context: &CheckContext<'_>, reporter: &mut Reporter<'_>) {
        let view = context.document.prose_view();
        // The lead bytes come from the census the draft shares; most drafts have none of them.
        if !context.document.byte_census().has_lead_among(&LOOKALIKE_LEADS) || !may_have_lookalikes(view.as_bytes()) {
            return;
        }
        let mut run: Option<(usize, usize, usize)> = None; // (start, end, fancy letters)
        let flush = |run: &mut Option<(usize, usize, usize)>, reporter: &mut Reporter<'_>| {
            if let Some((start, end, fancy)) = run.take() {
                // Small capitals alone are real letters in phonetics; ask for two or more.
                if fancy >= 2 {
                    let span = Span::new(start, end);
                    let plain: String = span.slice(view).chars().map(|ch| plain_equivalent(ch).unwrap_or(ch)).collect();
                    reporter.report_with_fixes(
                        span,
                        "Styled Unicode letters are read out as symbols, or skipped, by screen readers",
                        "Write plain text; use the platform's formatting, if any, for emphasis.",
                        vec![Fix::replace(format!("Replace with “{plain}”"), span, plain.clone()).safe()],
                    );
                }
            }
        };
        for (offset, ch) in view.char_indices() {
            let end = offset + ch.len_utf8();
            // ASCII is never fancy: letters and digits end a run, spaces and
            // punctuation may sit inside one.
            if ch.is_ascii() {
                if !(ch == ' ' || ch.is_ascii_punctuation()) {
                    flush(&mut run, reporter);
                }
                continue;
            }
            if plain_equivalent(ch).is_some() {
                run = Some(match run {
                    Some((start, _, fancy)) => (start, end, fancy + 1),
                    None => (offset, end, 1),
                });
            } else if run.is_some() && (ch == ' ' || ch.is_ascii_punctuation()) {
                // Spaces and punctuation inside a styled phrase belong to it;
                // trailing ones are trimmed when the run ends.
            } else {
                flush(&mut run, reporter);
            }
        }
        flush(&mut run, reporter);
    }
}

#[cfg(test)]
mod tests {
    use super::{may_have_lookalikes, plain_equivalent, LOOKALIKE_LEADS};

    #[test]
    fn the_precheck_passes_every_lookalike() {
        let mut buffer = [0u8; 4];
        for ch in (0..=0x10FFFF).filter_map(char::from_u32).filter(|&ch| plain_equivalent(ch).is_some()) {
            let bytes = ch.encode_utf8(&mut buffer).as_bytes();
            assert!(LOOKALIKE_LEADS.contains(&bytes[0]), "{ch:?} U+{:04X}", ch as u32);
            assert!(may_have_lookalikes(bytes), "{ch:?} U+{:04X}", ch as u32);
        }
        assert!(!may_have_lookalikes("Thanks ’n’ “cheers” … 🎉👏🏽🇰🇪 Ünïcödé 日本 — नमस्ते".as_bytes()));
        assert!(may_have_lookalikes("So 𝐁𝐢𝐠 news".as_bytes()));
    }

    #[test]
    fn maps_styles_to_plain_letters() {
        let plain: String = "𝐁𝐨𝐥𝐝 𝘐𝘵𝘢𝘭𝘪𝘤 𝓢𝓬𝓻𝓲𝓹𝓽 ⓒⓘⓡⓒⓛⓔ ＦＵＬＬ 𝟙𝟚𝟛 ꜱᴍᴀʟʟ"
            .chars()
            .map(|ch| plain_equivalent(ch).unwrap_or(ch))
            .collect();
        assert_eq!(plain, "Bold Italic Script circle FULL 123 small");
        assert_eq!(plain_equivalent('é'), None);
        assert_eq!(plain_equivalent('²'), None);
    }
}
