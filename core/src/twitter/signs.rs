//! Which entity signs a text holds, found in one pass over its bytes
//! (`crate::byte_facts`, which finds other facts in the same pass).
//!
//! Every extractor starts from a sign: `#` or `＃` for hashtags, `@` or `＠`
//! for mentions and e-mail addresses, `$` for cashtags, and a dot before a
//! letter for URLs. Most posts lack most of them, so one pass that notes
//! which are present lets the extractors of the others not run at all,
//! instead of each searching the text for its own sign.

/// `#`.
pub(crate) const HASH: u8 = 1;
/// `@`.
pub(crate) const AT: u8 = 1 << 1;
/// `$`.
pub(crate) const DOLLAR: u8 = 1 << 2;
/// `.` anywhere.
pub(crate) const DOT: u8 = 1 << 3;
/// `.` followed by an ASCII letter or a non-ASCII byte: where a top-level
/// domain may start.
pub(crate) const DOT_BEFORE_LETTER: u8 = 1 << 4;
/// 0xEF, the lead byte of the full-width `＃` and `＠` (and of other
/// characters, so it only says that they may be present).
pub(crate) const FULL_WIDTH_LEAD: u8 = 1 << 5;
/// `<` or `>`, which some platforms refuse.
pub(crate) const ANGLE_BRACKET: u8 = 1 << 6;
/// `!`, for the repeated-exclamation rule.
pub(crate) const EXCLAMATION: u8 = 1 << 7;

/// Which entity signs a text holds. Each `may_have_*` answer is `false` only
/// when the extractor of that kind is sure to find nothing in the text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Signs {
    bits: u8,
}

impl Signs {
    /// The signs of `text`, from the pass that finds a draft's byte facts.
    pub(crate) fn of(text: &str) -> Signs {
        crate::byte_facts::ByteFacts::of(text).signs
    }

    /// The signs whose bits are `bits`.
    pub(crate) const fn from_bits(bits: u8) -> Signs {
        Signs { bits }
    }

    /// Whether the text has `#`.
    pub(crate) fn has_number_sign(self) -> bool {
        self.bits & HASH != 0
    }

    /// Whether the text has `@`.
    pub(crate) fn has_at_sign(self) -> bool {
        self.bits & AT != 0
    }

    /// Whether the text has `<` or `>`.
    pub(crate) fn has_angle_bracket(self) -> bool {
        self.bits & ANGLE_BRACKET != 0
    }

    /// Whether the text has byte 0xEF, the lead byte of U+F000 to U+FFFF.
    pub(crate) fn has_lead_byte_ef(self) -> bool {
        self.bits & FULL_WIDTH_LEAD != 0
    }

    /// Whether the text has `!`.
    pub(crate) fn has_exclamation_mark(self) -> bool {
        self.bits & EXCLAMATION != 0
    }

    /// Whether the text may hold a hashtag: it has `#` or `＃`.
    pub(crate) fn may_have_hashtags(self) -> bool {
        self.bits & (HASH | FULL_WIDTH_LEAD) != 0
    }

    /// Whether the text may hold a mention: it has `@` or `＠`.
    pub(crate) fn may_have_mentions(self) -> bool {
        self.bits & (AT | FULL_WIDTH_LEAD) != 0
    }

    /// Whether the text may hold a cashtag: it has `$`.
    pub(crate) fn may_have_cashtags(self) -> bool {
        self.bits & DOLLAR != 0
    }

    /// Whether the text may hold a URL: it has a dot followed by an ASCII
    /// letter or a non-ASCII character, where a top-level domain may start.
    pub(crate) fn may_have_urls(self) -> bool {
        self.bits & DOT_BEFORE_LETTER != 0
    }

    /// Whether the text may hold an entity of any kind, e-mail addresses included.
    pub(crate) fn may_have_entities(self) -> bool {
        self.bits & (HASH | AT | DOLLAR | DOT_BEFORE_LETTER | FULL_WIDTH_LEAD) != 0
    }

    /// Whether the text may hold an (ASCII) e-mail address: it has `@` and `.`.
    pub(crate) fn may_have_emails(self) -> bool {
        self.bits & (AT | DOT) == AT | DOT
    }
}

#[cfg(test)]
mod tests {
    use super::super::entities::{
        cashtag_entities, extract_entities, extract_entities_by_reference, hashtag_entities, mention_entities,
        url_entities,
    };
    use super::*;
    use proptest::prelude::*;

    /// Whether a missing sign ever hides an entity that the extractor of
    /// its kind finds, and whether the gated extraction equals the full one.
    fn check_signs(text: &str) -> Result<(), TestCaseError> {
        let signs = Signs::of(text);
        prop_assert!(signs.may_have_urls() || url_entities(text).is_empty(), "urls in {:?}", text);
        prop_assert!(signs.may_have_mentions() || mention_entities(text).is_empty(), "mentions in {:?}", text);
        prop_assert!(signs.may_have_hashtags() || hashtag_entities(text).is_empty(), "hashtags in {:?}", text);
        prop_assert!(signs.may_have_cashtags() || cashtag_entities(text).is_empty(), "cashtags in {:?}", text);
        prop_assert!(signs.may_have_emails() || crate::entities::find_emails(text).is_empty(), "e-mails in {:?}", text);
        prop_assert!(signs.may_have_entities() || crate::entities::find(text).is_empty(), "entities in {:?}", text);
        prop_assert_eq!(extract_entities(text), extract_entities_by_reference(text), "{:?}", text);
        // The exact answers say what a byte search says.
        prop_assert_eq!(signs.has_number_sign(), text.contains('#'), "# in {:?}", text);
        prop_assert_eq!(signs.has_at_sign(), text.contains('@'), "@ in {:?}", text);
        prop_assert_eq!(signs.has_angle_bracket(), text.contains(['<', '>']), "<> in {:?}", text);
        prop_assert_eq!(signs.has_lead_byte_ef(), text.bytes().any(|byte| byte == 0xEF), "0xEF in {:?}", text);
        prop_assert_eq!(signs.has_exclamation_mark(), text.contains('!'), "! in {:?}", text);
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]
        #[test]
        fn signs_hide_no_entity_in_tricky_text(text in super::super::tests::tricky_text()) {
            check_signs(&text)?;
        }

        #[test]
        fn signs_hide_no_entity_in_any_text(text in any::<String>()) {
            check_signs(&text)?;
        }
    }

    /// Each sign is seen at every offset of texts of every length around
    /// the chunk width, and nothing is seen where there is none.
    #[test]
    fn signs_are_seen_at_every_offset() {
        let none = Signs::of("plain text, no signs: 3.5 … é 日本 😀\r\n".repeat(3).as_str());
        assert_eq!(
            none.bits & (HASH | AT | DOLLAR | DOT_BEFORE_LETTER | FULL_WIDTH_LEAD | ANGLE_BRACKET | EXCLAMATION),
            0
        );
        assert_eq!(Signs::of(";=?=;").bits & ANGLE_BRACKET, 0);
        type MayHave = fn(Signs) -> bool;
        let cases: [(&str, MayHave); 15] = [
            ("#", Signs::has_number_sign),
            ("@", Signs::has_at_sign),
            ("<", Signs::has_angle_bracket),
            (">", Signs::has_angle_bracket),
            ("\u{FEFF}", Signs::has_lead_byte_ef),
            ("!", Signs::has_exclamation_mark),
            ("#", Signs::may_have_hashtags),
            ("＃", Signs::may_have_hashtags),
            ("@", Signs::may_have_mentions),
            ("＠", Signs::may_have_mentions),
            ("$", Signs::may_have_cashtags),
            (".a", Signs::may_have_urls),
            (".Z", Signs::may_have_urls),
            (".é", Signs::may_have_urls),
            ("@.", Signs::may_have_emails),
        ];
        for length in 0..3 * 16 + 2 {
            let filler = |count: usize| "1 é".chars().cycle().take(count).collect::<String>();
            for offset in 0..=length {
                for (sign, may_have) in cases {
                    let text = format!("{}{sign}{}", filler(offset), filler(length - offset));
                    assert!(may_have(Signs::of(&text)), "{sign:?} in {text:?}");
                }
                for no_letter in [".", ".1", ". ", ".\r\n"] {
                    let text = format!("{}{no_letter}{}", filler(offset), filler(length - offset));
                    assert!(!Signs::of(&text).may_have_urls(), "{text:?}");
                }
            }
        }
    }
}
