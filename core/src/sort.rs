//! One small stable sort for the core's lists.
//!
//! The standard library's sorts are fast, but each element type and
//! comparison compiles to its own copy of several kilobytes: the core's
//! fifteen sorts came to 78 KB of the WebAssembly module. Here each call
//! site compiles to a short insertion sort, and longer lists share one
//! standard sort of positions. The lists sorted per draft (entities, term
//! hits) are nearly always short, where insertion sort is also the fastest.
//! Findings, which a long text can have by the hundred thousand, keep the
//! standard sort in place (`Checker::check`).

use std::cmp::Ordering;

/// Lists up to this long are insertion-sorted in place.
const SHORT: usize = 16;

/// Sorts `items` by `key`, keeping equal items in their order.
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` with `compare`, keeping equal items in their order.
pub(crate) fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() <= SHORT {
        insertion_sort(items, &mut |a: &T, b: &T| compare(a, b) == Ordering::Greater);
        return;
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut order, &mut |a, b| compare(&items[a], &items[b]));
    permute(items, order);
}

/// Sorts `items` in place; `greater(a, b)` says `a` must come after `b`.
fn insertion_sort<T>(items: &mut [T], greater: &mut impl FnMut(&T, &T) -> bool) {
    for end in 1..items.len() {
        let mut at = end;
        while at > 0 && greater(&items[at - 1], &items[at]) {
            items.swap(at - 1, at);
            at -= 1;
        }
    }
}

/// Stable sort of positions with the standard library's sort, which
/// merges the runs already in order. Not generic, so every caller shares
/// one copy of it; `compare` compares the items at two positions.
fn sort_positions(order: &mut [usize], compare: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| compare(a, b));
}

/// Reorders `items` so that position `i` holds the item that was at
/// `order[i]`, by following the cycles of the permutation.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..items.len() {
        let mut current = start;
        while order[current] != DONE {
            let source = order[current];
            order[current] = DONE;
            if source == start {
                break;
            }
            items.swap(current, source);
            current = source;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Same order as the standard library's stable sort, equal keys
        /// included: the second field tells equal keys apart.
        #[test]
        fn matches_the_standard_stable_sort(keys in proptest::collection::vec(0u8..12, 0..200)) {
            let mut items: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            sort_by_key(&mut items, |item| item.0);
            prop_assert_eq!(items, expected);
        }
    }

    #[test]
    fn sorts_lists_longer_than_a_run_of_every_length() {
        for length in 0..=4 * SHORT + 3 {
            let mut items: Vec<String> = (0..length).map(|index| format!("{:03}", (index * 37) % 101)).collect();
            let mut expected = items.clone();
            expected.sort();
            sort_by(&mut items, Ord::cmp);
            assert_eq!(items, expected, "length {length}");
        }
    }

    #[test]
    fn reversed_and_equal_lists() {
        let mut reversed: Vec<usize> = (0..1000).rev().collect();
        sort_by_key(&mut reversed, |&value| value);
        assert!(reversed.iter().copied().eq(0..1000));
        let mut equal: Vec<(u8, usize)> = (0..100).map(|index| (7, index)).collect();
        sort_by_key(&mut equal, |item| item.0);
        assert!(equal.iter().map(|item| item.1).eq(0..100));
    }
}
