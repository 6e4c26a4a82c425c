//! A list whose first few items are kept in place, for lists that a check
//! makes for most drafts and that are short in most: it then allocates
//! nothing, where a `Vec` would allocate (and grow) once a draft.

/// A list of `Copy` items, the first `N` kept in place, all on the heap past that.
#[derive(Clone)]
pub(crate) enum SmallList<T: Copy, const N: usize> {
    /// Up to `N` items: the first `count` of `items` (the rest are filler).
    Inline { items: [T; N], count: usize },
    /// More than `N`.
    Heap(Vec<T>),
}

impl<T: Copy, const N: usize> SmallList<T, N> {
    /// An empty list; `filler` fills the unused places and is never read.
    pub(crate) const fn new(filler: T) -> Self {
        SmallList::Inline { items: [filler; N], count: 0 }
    }

    /// The items, in the order pushed.
    pub(crate) fn as_slice(&self) -> &[T] {
        match self {
            SmallList::Inline { items, count } => &items[..*count],
            SmallList::Heap(items) => items,
        }
    }

    /// How many items there are.
    pub(crate) fn len(&self) -> usize {
        self.as_slice().len()
    }

    /// The last item, to change in place.
    pub(crate) fn last_mut(&mut self) -> Option<&mut T> {
        match self {
            SmallList::Inline { items, count } => count.checked_sub(1).map(|last| &mut items[last]),
            SmallList::Heap(items) => items.last_mut(),
        }
    }

    /// Appends `item`.
    pub(crate) fn push(&mut self, item: T) {
        match self {
            SmallList::Inline { items, count } if *count < N => {
                items[*count] = item;
                *count += 1;
            }
            SmallList::Inline { items, .. } => {
                let mut heap = Vec::with_capacity(N * 4);
                heap.extend_from_slice(items);
                heap.push(item);
                *self = SmallList::Heap(heap);
            }
            SmallList::Heap(items) => items.push(item),
        }
    }
}

impl<T: Copy + PartialEq, const N: usize> PartialEq for SmallList<T, N> {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T: Copy + Eq, const N: usize> Eq for SmallList<T, N> {}

impl<T: Copy + std::fmt::Debug, const N: usize> std::fmt::Debug for SmallList<T, N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pushing and changing the last item give what a `Vec` gives, on both
    /// sides of the in-place capacity, and lists compare by their items only.
    #[test]
    fn behaves_as_a_vec() {
        for length in 0..12 {
            let mut list: SmallList<(usize, usize), 4> = SmallList::new((7, 7));
            let mut vec = Vec::new();
            for item in 0..length {
                list.push((item, item * 2));
                vec.push((item, item * 2));
                if item % 3 == 0 {
                    if let (Some(last), Some(expected)) = (list.last_mut(), vec.last_mut()) {
                        last.1 += 1;
                        expected.1 += 1;
                    }
                }
                assert_eq!(list.as_slice(), vec.as_slice());
            }
            assert_eq!(list.last_mut().is_none(), vec.is_empty());
            assert_eq!(list.len(), vec.len());
            let mut other: SmallList<(usize, usize), 4> = SmallList::new((9, 9));
            for &item in &vec {
                other.push(item);
            }
            assert_eq!(list, other, "the fillers differ, the items do not");
            assert_eq!(format!("{list:?}"), format!("{vec:?}"));
        }
    }
}
