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
    /// For every non-ASCII char: its byte offset, byte length and UTF-16 length.
    /// Sorted by offset; empty for ASCII text, which is the common case.
    wide_chars: Vec<WideChar>,
    len: usize,
}

#[derive(Debug, Clone, Copy)]
struct WideChar {
    offset: usize,
    utf8_len: u8,
    utf16_len: u8,
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
        let mut line_starts = vec![0];
        let mut wide_chars = Vec::new();
        let bytes = text.as_bytes();
        for (offset, &byte) in bytes.iter().enumerate() {
            if byte == b'\n' {
                line_starts.push(offset + 1);
            }
        }
        if !text.is_ascii() {
            for (offset, ch) in text.char_indices() {
                if !ch.is_ascii() {
                    wide_chars.push(WideChar {
                        offset,
                        utf8_len: ch.len_utf8() as u8,
                        utf16_len: ch.len_utf16() as u8,
                    });
                }
            }
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
        let offset = offset.min(self.len);
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

    /// Number of Unicode scalar values in the bytes `from..to`.
    fn chars_between(&self, from: usize, to: usize) -> usize {
        let bytes = to - from;
        let first = self.wide_chars.partition_point(|w| w.offset < from);
        let last = self.wide_chars.partition_point(|w| w.offset < to);
        // Each wide char is one character but several bytes.
        let extra: usize = self.wide_chars[first..last].iter().map(|w| w.utf8_len as usize - 1).sum();
        bytes - extra
    }

    /// Converts a UTF-8 byte offset to a UTF-16 code-unit offset.
    pub fn utf16_offset(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        let count = self.wide_chars.partition_point(|w| w.offset < offset);
        let mut units = offset;
        for wide in &self.wide_chars[..count] {
            units = units + wide.utf16_len as usize - wide.utf8_len as usize;
        }
        units
    }

    /// Converts a UTF-16 code-unit offset to a UTF-8 byte offset.
    ///
    /// An offset that falls between the two halves of a surrogate pair
    /// rounds down to the start of that character, so the result is always
    /// a char boundary.
    pub fn byte_offset_from_utf16(&self, units: usize) -> usize {
        let mut byte = 0usize;
        let mut unit = 0usize;
        for wide in &self.wide_chars {
            // ASCII stretch before this wide char: one byte per unit.
            let ascii = wide.offset - byte;
            if unit + ascii >= units {
                return byte + (units - unit);
            }
            unit += ascii;
            byte = wide.offset;
            if unit + wide.utf16_len as usize > units {
                return byte;
            }
            unit += wide.utf16_len as usize;
            byte += wide.utf8_len as usize;
        }
        (byte + (units - unit)).min(self.len)
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

    #[test]
    fn utf16_inside_surrogate_pair_rounds_down() {
        let text = "x😀y";
        let index = LineIndex::new(text);
        assert_eq!(index.byte_offset_from_utf16(2), 1);
        assert_eq!(index.byte_offset_from_utf16(3), 5);
        assert_eq!(index.byte_offset_from_utf16(99), text.len());
    }
}
