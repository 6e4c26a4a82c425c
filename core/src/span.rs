//! Byte ranges into the original draft text.

use serde::{Deserialize, Serialize};

/// A half-open range of UTF-8 byte offsets into the original draft text.
///
/// Every span the core produces lies on `char` boundaries of the text it was
/// produced from; that is an invariant the property tests check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; `start` must not be greater than `end`.
    pub const fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// An empty span at `offset`, used for insertions and for "missing" findings.
    pub const fn empty(offset: usize) -> Self {
        Span { start: offset, end: offset }
    }

    /// Number of bytes covered.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no byte.
    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Whether `other` lies entirely inside this span.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers.
    ///
    /// Returns an empty string when the span does not fit `text`, so that a
    /// stale span can never cause a panic.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(range: std::ops::Range<usize>) -> Self {
        Span::new(range.start, range.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_and_containment() {
        let outer = Span::new(2, 10);
        assert!(outer.contains(Span::new(2, 10)));
        assert!(outer.contains(Span::new(3, 4)));
        assert!(!outer.contains(Span::new(1, 4)));
        assert!(outer.overlaps(Span::new(9, 12)));
        assert!(!outer.overlaps(Span::new(10, 12)));
        assert!(!Span::empty(5).overlaps(Span::new(5, 5)));
    }

    #[test]
    fn slice_never_panics() {
        let text = "héllo";
        assert_eq!(Span::new(0, 3).slice(text), "hé");
        assert_eq!(Span::new(0, 2).slice(text), "", "mid-char span yields empty");
        assert_eq!(Span::new(4, 99).slice(text), "");
    }
}
