//! Byte ↔ UTF-16 ↔ line/column conversion round-trips on any text, a
//! UTF-16 offset from anywhere (even past the end) maps to a char boundary,
//! and a byte offset from anywhere (inside a char, past the end) converts
//! without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postlint_core::LineIndex;

fuzz_target!(|input: (&str, u16)| {
    let (text, probe) = input;
    let index = LineIndex::new(text);
    for (byte, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let units = index.utf16_offset(byte);
        assert_eq!(index.byte_offset_from_utf16(units), byte);
        let position = index.line_column(byte);
        assert!(position.line >= 1 && position.column >= 1);
    }
    let mapped = index.byte_offset_from_utf16(probe as usize);
    assert!(text.is_char_boundary(mapped));
    // Inside a char counts as its start.
    let start = text.floor_char_boundary((probe as usize).min(text.len()));
    assert_eq!(index.utf16_offset(probe as usize), index.utf16_offset(start));
    assert_eq!(index.line_column(probe as usize), index.line_column(start));
});
