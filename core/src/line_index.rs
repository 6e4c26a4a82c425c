//! Converting byte offsets to lines, columns and UTF-16 code units.
//!
//! The core speaks UTF-8 bytes only. Hosts that need other units (the CLI's
//! 1-based line and character column, JavaScript's UTF-16 code units) convert
//! through a [`LineIndex`] built once per text, so each conversion is a
//! binary search rather than a rescan.

/// Length of `text` in UTF-16 code units, what JavaScript's `length` gives.
pub fn utf16_len(text: &str) -> usize {
    if text.is_ascii() {
        // Most strings are; this test goes a word at a time.
        return text.len();
    }
    // Each char starts with one non-continuation byte and takes one unit, or
    // two when it is encoded in four bytes (outside the Basic Multilingual Plane).
    text.bytes().map(|byte| usize::from(byte & 0xC0 != 0x80) + usize::from(byte >= 0xF0)).sum()
}

/// Precomputed line starts and non-ASCII positions of one text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts; the first is always 0.
    line_starts: Vec<usize>,
    /// For every non-ASCII char: its byte offset, UTF-16 offset, byte length
    /// and UTF-16 length. Sorted by offset; empty for ASCII text, which is
    /// the common case. Keeping both offsets makes each conversion one
    /// binary search, however many wide chars come before it.
    wide_chars: Vec<WideChar>,
    len: usize,
}

#[derive(Debug, Clone, Copy)]
struct WideChar {
    offset: usize,
    utf16_offset: usize,
    utf8_len: u8,
    utf16_len: u8,
}

impl WideChar {
    fn end(&self) -> usize {
        self.offset + usize::from(self.utf8_len)
    }

    fn utf16_end(&self) -> usize {
        self.utf16_offset + usize::from(self.utf16_len)
    }
}

/// A 1-based line and column, the column counted in Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineColumn {
    /// Line number, starting at 1.
    pub line: usize,
    /// Column in characters (Unicode scalar values), starting at 1.
    pub column: usize,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|offset| offset + 1));
        let mut wide_chars = Vec::new();
        // Stretches of ASCII are skipped eight bytes at a time; a wide char's
        // lengths follow from its lead byte.
        let (mut offset, mut utf16_offset) = (0, 0);
        loop {
            let ascii = crate::metrics::ascii_prefix_length(&bytes[offset..]);
            offset += ascii;
            utf16_offset += ascii;
            let Some(&lead) = bytes.get(offset) else { break };
            let utf8_len: u8 = match lead {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            let utf16_len = if utf8_len == 4 { 2 } else { 1 };
            let wide = WideChar { offset, utf16_offset, utf8_len, utf16_len };
            offset = wide.end();
            utf16_offset = wide.utf16_end();
            wide_chars.push(wide);
        }
        LineIndex { line_starts, wide_chars, len: text.len() }
    }

    /// Length of the indexed text in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the indexed text is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The 1-based line and character column of a byte offset.
    ///
    /// Offsets past the end are clamped to the end; an offset inside a
    /// multi-byte character counts as that character.
    pub fn line_column(&self, offset: usize) -> LineColumn {
        let offset = self.char_start(offset.min(self.len));
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.line_starts[line];
        let column = self.chars_between(line_start, offset) + 1;
        LineColumn { line: line + 1, column }
    }

    /// Byte offset of the start of a 1-based line (the end of the text for lines past the last).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line.saturating_sub(1)).copied().unwrap_or(self.len)
    }

    /// Number of lines (a trailing newline starts one more, empty line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The start of the char `offset` is in: `offset` itself on a char boundary.
    fn char_start(&self, offset: usize) -> usize {
        match self.last_wide_char_before(offset) {
            Some(wide) if offset < wide.end() => wide.offset,
            _ => offset,
        }
    }

    /// The last wide char that starts before byte `offset`.
    fn last_wide_char_before(&self, offset: usize) -> Option<WideChar> {
        let before = self.wide_chars.partition_point(|wide| wide.offset < offset);
        before.checked_sub(1).map(|last| self.wide_chars[last])
    }

    /// Number of Unicode scalar values in the bytes `from..to`, both char boundaries.
    fn chars_between(&self, from: usize, to: usize) -> usize {
        let bytes = to - from;
        let first = self.wide_chars.partition_point(|w| w.offset < from);
        let last = self.wide_chars.partition_point(|w| w.offset < to);
        // Each wide char is one character but several bytes.
        let extra: usize = self.wide_chars[first..last].iter().map(|w| w.utf8_len as usize - 1).sum();
        bytes - extra
    }

    /// Converts a UTF-8 byte offset to a UTF-16 code-unit offset.
    ///
    /// Offsets past the end are clamped to the end; an offset inside a
    /// multi-byte character counts as the start of that character.
    pub fn utf16_offset(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.last_wide_char_before(offset) {
            None => offset,
            Some(wide) if offset < wide.end() => wide.utf16_offset,
            // ASCII from the end of the last wide char: one unit per byte.
            Some(wide) => wide.utf16_end() + (offset - wide.end()),
        }
    }

    /// Converts a UTF-16 code-unit offset to a UTF-8 byte offset.
    ///
    /// An offset that falls between the two halves of a surrogate pair
    /// rounds down to the start of that character, so the result is always
    /// a char boundary.
    pub fn byte_offset_from_utf16(&self, units: usize) -> usize {
        let before = self.wide_chars.partition_point(|wide| wide.utf16_offset < units);
        let byte = match before.checked_sub(1).map(|last| self.wide_chars[last]) {
            None => units,
            Some(wide) if units < wide.utf16_end() => wide.offset,
            Some(wide) => wide.end() + (units - wide.utf16_end()),
        };
        byte.min(self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        let text = "ab\nçd😀e\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_column(0), LineColumn { line: 1, column: 1 });
        assert_eq!(index.line_column(3), LineColumn { line: 2, column: 1 });
        // 'ç' is 2 bytes, 'd' 1 byte, so '😀' starts at byte 6 and is column 3.
        assert_eq!(index.line_column(6), LineColumn { line: 2, column: 3 });
        assert_eq!(index.line_column(10), LineColumn { line: 2, column: 4 });
        assert_eq!(index.line_column(text.len()), LineColumn { line: 3, column: 1 });
        assert_eq!(index.line_column(999), LineColumn { line: 3, column: 1 });
    }

    #[test]
    fn utf16_round_trip() {
        let text = "a😀b中c\u{301}d👩‍👩‍👧";
        let index = LineIndex::new(text);
        for (byte, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            let units = index.utf16_offset(byte);
            assert_eq!(units, text[..byte].encode_utf16().count());
            assert_eq!(index.byte_offset_from_utf16(units), byte);
        }
    }

    #[test]
    fn utf16_length_counts_two_units_outside_the_basic_plane() {
        for text in ["", "plain", "é", "中文", "😀", "a\u{10FFFF}b\u{FFFF}c\u{7FF}\u{800}\u{80}\u{7F}", "👩‍👩‍👧"]
        {
            assert_eq!(utf16_len(text), text.encode_utf16().count(), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn utf16_length_matches_encoding(text in "\\PC*") {
            proptest::prop_assert_eq!(utf16_len(&text), text.encode_utf16().count());
        }
    }

    proptest::proptest! {
        /// Every conversion, at every offset (inside chars and past the end
        /// too), agrees with counting from the start of the text.
        #[test]
        fn conversions_match_counting_from_the_start(text in "(\\PC|\n){0,40}") {
            let index = LineIndex::new(&text);
            let units_before = |byte: usize| text[..byte].encode_utf16().count();
            for offset in 0..text.len() + 3 {
                let boundary = text.floor_char_boundary(offset.min(text.len()));
                proptest::prop_assert_eq!(index.utf16_offset(offset), units_before(boundary), "byte {}", offset);
                let line = text[..boundary].matches('\n').count() + 1;
                let line_start = text[..boundary].rfind('\n').map_or(0, |newline| newline + 1);
                let column = text[line_start..boundary].chars().count() + 1;
                proptest::prop_assert_eq!(index.line_column(offset), LineColumn { line, column });
            }
            let total = units_before(text.len());
            for units in 0..total + 3 {
                let expected = text
                    .char_indices()
                    .map(|(byte, _)| byte)
                    .chain(std::iter::once(text.len()))
                    .take_while(|&byte| units_before(byte) <= units)
                    .last()
                    .unwrap_or(0);
                proptest::prop_assert_eq!(index.byte_offset_from_utf16(units), expected, "unit {}", units);
            }
        }
    }

    #[test]
    fn utf16_inside_surrogate_pair_rounds_down() {
        let text = "x😀y";
        let index = LineIndex::new(text);
        assert_eq!(index.byte_offset_from_utf16(2), 1);
        assert_eq!(index.byte_offset_from_utf16(3), 5);
        assert_eq!(index.byte_offset_from_utf16(99), text.len());
    }
}
