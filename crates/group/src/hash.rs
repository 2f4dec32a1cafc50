//! Stable 64-bit hashes for words and shingles: FNV-1a over the bytes, then the SplitMix64
//! finaliser so that every output bit depends on every input bit.
//!
//! Entry points: [`hash_word`], [`mix64`]. Uses nothing.
//! Written here rather than taken from a hasher crate because the values are kept (in sketches,
//! buckets and test expectations) and must be the same on every run, machine and crate version.

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// The SplitMix64 finaliser: a bijection on `u64` with full avalanche.
pub fn mix64(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The hash of one word (its bytes as given).
pub fn hash_word(word: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in word.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    mix64(h)
}

/// Folds `next` into a running hash of a sequence; order matters (`a b` differs from `b a`).
pub fn combine(acc: u64, next: u64) -> u64 {
    mix64(acc.rotate_left(23) ^ next)
}

/// A small deterministic random number generator (SplitMix64), for sampling and synthetic edits.
#[derive(Debug, Clone)]
pub struct SplitMix(u64);

impl SplitMix {
    pub fn new(seed: u64) -> SplitMix {
        SplitMix(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix64(self.0)
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_hashes_are_fixed_values() {
        // Pinned so that a change of algorithm, which would invalidate kept sketches, fails here.
        let cases =
            [("", 0xf52a15e9a9b5e89b_u64), ("سلام", 0xcbdaf5967a45e27d), ("Marsad", 0x79f7e4e6614f4b85)];
        for (word, expected) in cases {
            assert_eq!(hash_word(word), expected, "hash of {word:?}");
        }
        assert_ne!(hash_word("سلام"), hash_word("سلم"));
    }

    #[test]
    fn combine_depends_on_order() {
        let (a, b) = (hash_word("a"), hash_word("b"));
        assert_ne!(combine(combine(0, a), b), combine(combine(0, b), a));
    }

    #[test]
    fn below_stays_in_range() {
        let mut rng = SplitMix::new(7);
        for n in [0usize, 1, 2, 10, 1000] {
            for _ in 0..100 {
                let x = rng.below(n);
                assert!(x < n.max(1));
            }
        }
    }
}
