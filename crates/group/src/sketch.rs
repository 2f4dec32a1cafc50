//! The two ways of finding candidate copies without comparing against every article: MinHash
//! with LSH banding, and SimHash with pigeonhole blocks. Both turn a text's shingles into bucket
//! keys; two texts that share a key are candidates, which [`crate::DupIndex`] then confirms.
//!
//! Entry points: [`Method`] (the choice and its parameters), [`MinHasher`], [`simhash`].
//! Uses nothing outside this crate.
//!
//! - MinHash: `bands × rows` minima (by one-permutation hashing, see [`MinHasher`]); a band's
//!   key is the hash of its `rows` minima. Two texts with Jaccard `J` share some band with
//!   probability about `1 - (1 - J^rows)^bands`.
//! - SimHash: one 64-bit fingerprint whose bits are the signs of the summed shingle hash bits;
//!   texts within Hamming distance `d` agree on at least one of `d + 1` blocks (pigeonhole).

use crate::hash::mix64;

/// How candidates are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// MinHash signatures of `bands * rows` values, one bucket key per band.
    MinHash { bands: usize, rows: usize },
    /// 64-bit SimHash fingerprints; candidates differ in at most `max_distance` bits.
    SimHash { max_distance: u32 },
}

impl Method {
    /// How many bucket tables the method uses (bands, or SimHash blocks).
    pub fn tables(&self) -> usize {
        match *self {
            Method::MinHash { bands, .. } => bands.max(1),
            Method::SimHash { max_distance } => (max_distance.min(63) + 1) as usize,
        }
    }

    /// A short name for reports: `minhash-16x4`, `simhash-d3`.
    pub fn label(&self) -> String {
        match *self {
            Method::MinHash { bands, rows } => format!("minhash-{bands}x{rows}"),
            Method::SimHash { max_distance } => format!("simhash-d{max_distance}"),
        }
    }
}

/// Computes MinHash signatures and band keys by one-permutation hashing: each shingle is hashed
/// once and falls into one of `bands × rows` bins, whose minimum is that position's value; an
/// empty bin borrows the value of the next non-empty bin to its right, shifted by the distance
/// ("rotation" densification). Equal positions still estimate Jaccard, at one hash per shingle
/// instead of one per shingle and position (Li, Owen and Zhang 2012; Shrivastava and Li 2014).
#[derive(Debug, Clone)]
pub struct MinHasher {
    bands: usize,
    rows: usize,
}

/// Keeps bin values apart from the `Shingles::sample` keys, which use the same shingle hashes.
const BIN_SEED: u64 = 0x6d61_7273_6164_2121;
/// What an empty bin adds per bin of distance to the value it borrows.
const DENSIFY_STEP: u64 = 0x9e37_79b9_7f4a_7c15;

impl MinHasher {
    pub fn new(bands: usize, rows: usize) -> MinHasher {
        MinHasher { bands: bands.max(1), rows: rows.max(1) }
    }

    /// The signature of `bands × rows` values (all `u64::MAX` when there are no shingles).
    pub fn signature(&self, shingles: &[u64]) -> Vec<u64> {
        let bins = self.bands * self.rows;
        let mut mins = vec![u64::MAX; bins];
        for &x in shingles {
            let h = mix64(x ^ BIN_SEED);
            // The top bits choose the bin (a multiply-shift range reduction), so values within a
            // bin still compare fairly.
            let bin = ((u128::from(h) * bins as u128) >> 64) as usize;
            mins[bin] = mins[bin].min(h);
        }
        if shingles.is_empty() {
            return mins;
        }
        let filled = mins.clone();
        for (i, value) in mins.iter_mut().enumerate() {
            if *value != u64::MAX {
                continue;
            }
            if let Some((distance, &borrowed)) =
                (1..bins).map(|d| (d, &filled[(i + d) % bins])).find(|(_, v)| **v != u64::MAX)
            {
                *value = mix64(borrowed.wrapping_add(DENSIFY_STEP.wrapping_mul(distance as u64)));
            }
        }
        mins
    }

    /// One key per band of a signature.
    pub fn band_keys(&self, signature: &[u64]) -> Vec<u64> {
        signature
            .chunks(self.rows)
            .take(self.bands)
            .map(|rows| rows.iter().fold(0, |acc, &v| mix64(acc ^ v)))
            .collect()
    }

    /// The fraction of equal positions of two signatures: the MinHash estimate of Jaccard.
    pub fn estimate(a: &[u64], b: &[u64]) -> f64 {
        let n = a.len().min(b.len());
        if n == 0 {
            return 0.0;
        }
        a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / n as f64
    }
}

/// The 64-bit SimHash of a set of shingle hashes (each shingle weighs 1). 0 for no shingles.
pub fn simhash(shingles: &[u64]) -> u64 {
    let mut votes = [0i32; 64];
    for &h in shingles {
        for (bit, vote) in votes.iter_mut().enumerate() {
            *vote += if (h >> bit) & 1 == 1 { 1 } else { -1 };
        }
    }
    votes.iter().enumerate().filter(|(_, &v)| v > 0).fold(0u64, |acc, (bit, _)| acc | (1 << bit))
}

/// The bucket keys of a SimHash fingerprint: `blocks` disjoint bit ranges, each tagged with its
/// block number.
pub fn simhash_block_keys(fingerprint: u64, blocks: usize) -> Vec<u64> {
    let blocks = blocks.clamp(1, 64);
    let width = 64 / blocks;
    (0..blocks)
        .map(|i| {
            let start = i * width;
            let end = if i + 1 == blocks { 64 } else { start + width };
            let mask = if end - start == 64 { u64::MAX } else { ((1u64 << (end - start)) - 1) << start };
            // Shifted down so the value fits below the block tag (blocks of 2 or more are at most 32 bits).
            mix64(((fingerprint & mask) >> start) ^ ((i as u64) << 57))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Shingles;

    fn words(prefix: &str, n: usize) -> Vec<String> {
        (0..n).map(|i| format!("{prefix}{i}")).collect()
    }

    #[test]
    fn minhash_estimate_tracks_jaccard() {
        let hasher = MinHasher::new(32, 4);
        let a = Shingles::from_terms(&words("a", 400), 1);
        let mut half = words("a", 200);
        half.extend(words("b", 200));
        let b = Shingles::from_terms(&half, 1);
        let (sa, sb) = (hasher.signature(a.hashes()), hasher.signature(b.hashes()));
        assert_eq!(MinHasher::estimate(&sa, &sa), 1.0);
        let estimate = MinHasher::estimate(&sa, &sb);
        assert!((estimate - 1.0 / 3.0).abs() < 0.12, "estimate {estimate}");
    }

    #[test]
    fn short_texts_fill_every_bin() {
        let hasher = MinHasher::new(32, 2);
        let cases = [(0usize, true), (1, false), (3, false), (500, false)];
        for (n, all_empty) in cases {
            let s = Shingles::from_terms(&words("s", n), 1);
            let signature = hasher.signature(s.hashes());
            assert_eq!(signature.len(), 64);
            assert_eq!(signature.iter().all(|&v| v == u64::MAX), all_empty, "{n} shingles");
            assert_eq!(signature.contains(&u64::MAX), all_empty, "{n} shingles");
        }
    }

    #[test]
    fn equal_texts_share_every_band() {
        let hasher = MinHasher::new(8, 2);
        let s = Shingles::from_terms(&words("x", 50), 3);
        let keys = hasher.band_keys(&hasher.signature(s.hashes()));
        assert_eq!(keys.len(), 8);
        assert_eq!(keys, hasher.band_keys(&hasher.signature(s.hashes())));
    }

    #[test]
    fn simhash_of_near_copies_is_close() {
        let a = Shingles::from_terms(&words("a", 300), 2);
        let mut edited = words("a", 300);
        edited[150] = "changed".to_string();
        let b = Shingles::from_terms(&edited, 2);
        let c = Shingles::from_terms(&words("c", 300), 2);
        let near = (simhash(a.hashes()) ^ simhash(b.hashes())).count_ones();
        let far = (simhash(a.hashes()) ^ simhash(c.hashes())).count_ones();
        assert!(near <= 4, "near {near}");
        assert!(far > 10, "far {far}");
    }

    #[test]
    fn block_keys_differ_by_block() {
        let cases = [(0u64, 4usize), (u64::MAX, 1), (0x1234_5678_9abc_def0, 7), (42, 64)];
        for (fp, blocks) in cases {
            let keys = simhash_block_keys(fp, blocks);
            assert_eq!(keys.len(), blocks);
            let mut distinct = keys.clone();
            distinct.sort_unstable();
            distinct.dedup();
            assert_eq!(distinct.len(), blocks, "{fp:x} in {blocks} blocks");
        }
    }
}
