//! Word shingles: every run of `n` consecutive `ar_search` terms, hashed to a `u64`, and the
//! compact sample of them that a canonical article keeps for confirming copies.
//!
//! Entry points: [`Shingles::from_text`] (runs the `ar_search` chain), [`Shingles::from_terms`]
//! (terms already analysed), [`Shingles::sample`] and [`sample_jaccard`]. Uses `marsad-text`.
//!
//! The sample is the `k` smallest 32-bit shingle keys (a bottom-k sketch). For texts with at most
//! `k` distinct shingles it is the whole set, so [`sample_jaccard`] is the exact Jaccard
//! similarity; for longer texts it is the standard unbiased bottom-k estimate, and memory per
//! article stays at `4 k` bytes whatever its length.

use marsad_text::Analyzer;

use crate::hash::{combine, hash_word};

/// The distinct shingle hashes of one text, sorted, and the distinct hashes of its words (for the
/// word confirmation of [`crate::DupConfig::confirm_by_words`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shingles {
    hashes: Vec<u64>,
    words: Vec<u64>,
}

impl Shingles {
    /// The `words`-word shingles of `text` after the `ar_search` chain (stopwords dropped, clitics
    /// split, light stems). A text with fewer than `words` terms has no shingles.
    pub fn from_text(text: &str, words: usize) -> Shingles {
        let mut term_hashes = Vec::new();
        Analyzer::ar_search().for_each_token(text, |t| term_hashes.push(hash_word(&t.text)));
        Shingles::from_term_hashes(&term_hashes, words)
    }

    /// The `words`-word shingles of terms already analysed.
    pub fn from_terms<S: AsRef<str>>(terms: &[S], words: usize) -> Shingles {
        let term_hashes: Vec<u64> = terms.iter().map(|t| hash_word(t.as_ref())).collect();
        Shingles::from_term_hashes(&term_hashes, words)
    }

    /// The `words`-word shingles of a sequence of term hashes (see [`crate::hash::hash_word`]).
    /// `words` of 0 is taken as 1.
    pub fn from_term_hashes(term_hashes: &[u64], words: usize) -> Shingles {
        let words = words.max(1);
        if term_hashes.len() < words {
            return Shingles::default();
        }
        let mut distinct_words = term_hashes.to_vec();
        distinct_words.sort_unstable();
        distinct_words.dedup();
        let mut hashes: Vec<u64> = term_hashes
            .windows(words)
            .map(|window| window.iter().fold(words as u64, |acc, &h| combine(acc, h)))
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        Shingles { hashes, words: distinct_words }
    }

    /// The sorted distinct hashes.
    pub fn hashes(&self) -> &[u64] {
        &self.hashes
    }

    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// The `k` smallest distinct 32-bit keys (the top half of each hash), sorted.
    pub fn sample(&self, k: usize) -> Vec<u32> {
        bottom_k(&self.hashes, k)
    }

    /// The same sample of the text's distinct words instead of its shingles.
    pub fn word_sample(&self, k: usize) -> Vec<u32> {
        bottom_k(&self.words, k)
    }
}

/// The `k` smallest distinct 32-bit keys (the top half of each hash) of sorted hashes, sorted.
fn bottom_k(hashes: &[u64], k: usize) -> Vec<u32> {
    // The hashes are sorted, so their top halves come out sorted too.
    let mut keys: Vec<u32> = Vec::with_capacity(hashes.len().min(k));
    for &h in hashes {
        let key = (h >> 32) as u32;
        if keys.last() != Some(&key) {
            if keys.len() == k {
                break;
            }
            keys.push(key);
        }
    }
    keys
}

/// The Jaccard similarity of two texts from their samples (see [`Shingles::sample`], same `k`):
/// exact when both texts have at most `k` shingles, a bottom-k estimate otherwise. 0 when either
/// sample is empty.
pub fn sample_jaccard(a: &[u32], b: &[u32], k: usize) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut seen, mut both) = (0, 0, 0usize, 0usize);
    // Walk the union in order; its first k elements lie in both samples when they lie in both sets.
    while seen < k {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                both += 1;
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => i += 1,
            (Some(_), Some(_)) | (None, Some(_)) => j += 1,
            (Some(_), None) => i += 1,
            (None, None) => break,
        }
        seen += 1;
    }
    both as f64 / seen as f64
}

/// The share of the smaller text's shingles found in the larger one, from their Jaccard
/// similarity and sizes: `|A ∩ B| = J (|A| + |B|) / (1 + J)`. 0 when either text is empty.
pub fn containment(jaccard: f64, size_a: usize, size_b: usize) -> f64 {
    let smaller = size_a.min(size_b);
    if smaller == 0 {
        return 0.0;
    }
    let shared = jaccard * (size_a + size_b) as f64 / (1.0 + jaccard);
    (shared / smaller as f64).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<&str> {
        text.split_whitespace().collect()
    }

    #[test]
    fn shingle_counts() {
        let cases = [
            ("", 3, 0),
            ("كلمة", 3, 0),
            ("واحد اثنان", 3, 0),
            ("أ ب ج", 3, 1),
            ("أ ب ج د ه", 3, 3),
            ("أ ب أ ب", 2, 2),
        ];
        for (text, words, expected) in cases {
            assert_eq!(Shingles::from_terms(&terms(text), words).len(), expected, "{text:?} n={words}");
        }
    }

    #[test]
    fn shingles_follow_word_order() {
        let a = Shingles::from_terms(&terms("أ ب ج"), 3);
        let b = Shingles::from_terms(&terms("ج ب أ"), 3);
        assert_ne!(a, b);
    }

    #[test]
    fn from_text_uses_search_terms() {
        // Clitics and the article do not change the terms, so the shingles are the same.
        let a = Shingles::from_text("المحادثات الحدودية بين لبنان وسوريا", 2);
        let b = Shingles::from_text("ومحادثات الحدودية بين لبنان وسوريا", 2);
        assert!(!a.is_empty());
        assert_eq!(a, b);
    }

    #[test]
    fn jaccard_of_samples() {
        let k = 64;
        let cases: [(&[u32], &[u32], f64); 5] = [
            (&[], &[1, 2], 0.0),
            (&[1, 2, 3], &[1, 2, 3], 1.0),
            (&[1, 2], &[3, 4], 0.0),
            (&[1, 2, 3], &[2, 3, 4], 0.5),
            (&[1, 5], &[1], 0.5),
        ];
        for (a, b, expected) in cases {
            assert!((sample_jaccard(a, b, k) - expected).abs() < 1e-9, "{a:?} {b:?}");
        }
    }

    #[test]
    fn containment_from_jaccard() {
        // (J, |A|, |B|, containment)
        let cases = [
            (1.0, 10, 10, 1.0),
            (0.5, 100, 50, 1.0),
            (0.0, 10, 10, 0.0),
            (0.5, 0, 10, 0.0),
            (1.0 / 3.0, 20, 20, 0.5),
        ];
        for (j, a, b, expected) in cases {
            assert!((containment(j, a, b) - expected).abs() < 1e-9, "J={j} |A|={a} |B|={b}");
        }
    }

    #[test]
    fn sample_keeps_the_smallest_keys() {
        let words: Vec<String> = (0..500).map(|i| format!("w{i}")).collect();
        let shingles = Shingles::from_terms(&words, 2);
        let sample = shingles.sample(100);
        assert_eq!(sample.len(), 100);
        assert!(sample.windows(2).all(|w| w[0] < w[1]));
        let mut all: Vec<u32> = shingles.hashes().iter().map(|h| (h >> 32) as u32).collect();
        all.dedup();
        assert_eq!(&all[..100], &sample[..]);
    }

    #[test]
    fn bottom_k_estimate_is_close_for_long_texts() {
        // Two 2,000-word texts sharing their first half: true Jaccard about 1/3.
        let a: Vec<String> = (0..2000).map(|i| format!("w{i}")).collect();
        let b: Vec<String> =
            (0..2000).map(|i| if i < 1000 { format!("w{i}") } else { format!("v{i}") }).collect();
        let (sa, sb) = (Shingles::from_terms(&a, 1), Shingles::from_terms(&b, 1));
        let estimate = sample_jaccard(&sa.sample(512), &sb.sample(512), 512);
        assert!((estimate - 1.0 / 3.0).abs() < 0.08, "estimate {estimate}");
    }
}
