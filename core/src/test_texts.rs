//! Repeatable generated texts for tests that compare a fast path with a slow one.

/// Texts joined from `pieces`, one per round for `rounds` rounds: round `r`
/// joins `r % longest` pieces, chosen by a fixed pseudo-random sequence that
/// starts from `seed`, so a failure names a text that comes back every run.
pub(crate) fn from_pieces<'p>(
    pieces: &'p [&'p str],
    seed: u64,
    rounds: usize,
    longest: usize,
) -> impl Iterator<Item = String> + 'p {
    let mut state = seed;
    (0..rounds).map(move |round| {
        let mut text = String::new();
        for _ in 0..round % longest {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
        }
        text
    })
}
