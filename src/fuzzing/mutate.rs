//! A tiny seeded mutator for the bounded fuzz tests that run inside `cargo test` on stable
//! (`tests/testsuite/fuzz.rs`): a xorshift generator and byte-level mutations of a seed file
//! (delete, insert a dictionary piece, overwrite, duplicate, splice from another seed, cut).
//!
//! Why not proptest: the targets take bytes, their seeds are the fixture files, and the
//! invariants live in [`super`]; a shrinking strategy would add a dependency and little else.
//! A failing case is reproduced by its seed number, printed by the test.

/// xorshift64: deterministic, no dependency. Never seed it with 0.
#[derive(Debug, Clone)]
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// One element of `items`, which must not be empty.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// `seed` changed in one to four places. `dict` holds pieces worth inserting (the format's own
/// punctuation); `other` is another seed to splice from.
pub fn mutate(rng: &mut Rng, seed: &[u8], dict: &[&[u8]], other: &[u8]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(b.len() + 1);
        match rng.below(7) {
            0 if !b.is_empty() => {
                let end = (at + 1 + rng.below(16)).min(b.len());
                b.drain(at.min(b.len())..end);
            }
            1 if !dict.is_empty() => {
                let piece = rng.pick(dict);
                b.splice(at..at, piece.iter().copied());
            }
            2 if at < b.len() => b[at] = rng.next_u64() as u8,
            3 if at < b.len() => {
                // Flip one bit: what a bad sector or a cut transfer does.
                b[at] ^= 1 << rng.below(8);
            }
            4 if !b.is_empty() => {
                let start = rng.below(b.len());
                let end = (start + 1 + rng.below(64)).min(b.len());
                let copy = b[start..end].to_vec();
                b.splice(at..at, copy);
            }
            5 if !other.is_empty() => {
                let start = rng.below(other.len());
                let end = (start + 1 + rng.below(256)).min(other.len());
                b.splice(at..at, other[start..end].iter().copied());
            }
            6 => b.truncate(at),
            _ => b.insert(at, *rng.pick(&[0x00, 0xFF, 0x80, b'\n', b'"', b'<'])),
        }
    }
    b
}
