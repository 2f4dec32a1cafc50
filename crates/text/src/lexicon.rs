//! The word-frequency lexicon that settles clitic and suffix ambiguity: how often each Arabic word
//! (in search form) occurs in the licensed corpora Marsad may ship with.
//!
//! Entry points: [`build_lexicon`] (pure: texts in, TSV out, used by `examples/build_lexicon.rs`)
//! and [`Lexicon::builtin`] (the compiled `data/lexicon.tsv`, parsed once). The shipped TSV is
//! learned only from Apache-2.0 and CC BY-SA sources (ANT corpus v1.1, ANERcorp, UD Arabic-PUD);
//! see `data/README.md`. Reads no files at run time: the TSV is compiled in.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::normalize::Normalizer;
use crate::segment::words;
use crate::TokenKind;

/// A word-at-a-time multiplicative hash (after rustc's FxHash) with a splitmix64 finish: short
/// Arabic keys hash several times faster than with SipHash, and the keys are ours, not an
/// attacker's.
#[derive(Default)]
pub(crate) struct WordHash(u64);

impl Hasher for WordHash {
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        h ^ (h >> 31)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
        self.0 = h;
    }
}

pub(crate) type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHash>>;

/// Counts the Arabic words of `texts` in search form and returns the lexicon as TSV lines
/// `word\tcount`, for the words seen at least `min_count` times, sorted by word (deterministic).
pub fn build_lexicon<'a>(texts: impl IntoIterator<Item = &'a str>, min_count: u32) -> String {
    let normalizer = Normalizer::search();
    let mut counts: WordMap<String, u32> = WordMap::default();
    for text in texts {
        for token in words(text).filter(|t| t.kind == TokenKind::Arabic) {
            let form = normalizer.normalize_token(&token.text, TokenKind::Arabic);
            if form.is_empty() {
                continue;
            }
            match counts.get_mut(form.as_ref()) {
                Some(count) => *count += 1,
                None => {
                    counts.insert(form.into_owned(), 1);
                }
            }
        }
    }
    let mut kept: Vec<(String, u32)> = counts.into_iter().filter(|&(_, n)| n >= min_count).collect();
    kept.sort_unstable();
    let mut out = String::with_capacity(kept.len() * 16);
    for (word, count) in kept {
        out.push_str(&word);
        out.push('\t');
        out.push_str(&count.to_string());
        out.push('\n');
    }
    out
}

/// Word counts in search form, in an open-addressing table of `u64` slots (a 32-bit tag from the
/// word's fingerprint, then the count): one cache line per look-up, no key stored, and the
/// ~50,000 words fill 1 MiB, which stays in a core's L2 cache (look-ups of candidate stems were a
/// tenth of `ar_search`'s time with 16-byte slots). The slot index takes other bits of the
/// fingerprint, so a word absent from the lexicon matches a present one's tag with a probability
/// near 2^-32 per probe, and would get its count.
pub struct Lexicon {
    /// `tag << 32 | count`; 0 marks an empty slot.
    slots: Box<[u64]>,
    len: usize,
}

/// The fingerprint of a word's bytes: never 0, which marks empty slots.
pub(crate) fn fingerprint(word: &[u8]) -> u64 {
    let mut hasher = WordHash::default();
    hasher.write(word);
    hasher.finish().max(1)
}

impl Lexicon {
    /// Parses `word\tcount` lines; lines that do not parse are skipped. A word listed twice
    /// keeps its last count.
    pub fn parse(tsv: &str) -> Lexicon {
        let entries: Vec<(u64, u32)> = tsv
            .lines()
            .filter_map(|line| {
                let (word, count) = line.split_once('\t')?;
                Some((fingerprint(word.as_bytes()), count.trim().parse().ok()?))
            })
            .collect();
        let capacity = (entries.len() * 2).next_power_of_two().max(16);
        let mut lexicon = Lexicon { slots: vec![0; capacity].into_boxed_slice(), len: 0 };
        for (print, count) in entries {
            let (at, tag) = lexicon.locate(print);
            let slot = lexicon.slot(at, tag);
            if lexicon.slots[slot] == 0 {
                lexicon.len += 1;
            }
            lexicon.slots[slot] = tag << 32 | u64::from(count);
        }
        lexicon
    }

    /// The first slot to probe for a fingerprint, and its tag (never 0).
    fn locate(&self, print: u64) -> (usize, u64) {
        (print as usize & (self.slots.len() - 1), (print >> 32).max(1))
    }

    /// The slot holding `tag`, or the empty slot where it would go.
    fn slot(&self, mut at: usize, tag: u64) -> usize {
        let mask = self.slots.len() - 1;
        while self.slots[at] != 0 && self.slots[at] >> 32 != tag {
            at = (at + 1) & mask;
        }
        at
    }

    /// The lexicon compiled into the crate (`data/lexicon.tsv`), parsed on first use.
    pub fn builtin() -> &'static Lexicon {
        static BUILTIN: OnceLock<Lexicon> = OnceLock::new();
        BUILTIN.get_or_init(|| Lexicon::parse(include_str!("../data/lexicon.tsv")))
    }

    /// How often `word` (search form) was seen; 0 when unknown.
    pub fn count(&self, word: &str) -> u32 {
        self.count_bytes(word.as_bytes())
    }

    /// [`Lexicon::count`] of a word given as its UTF-8 bytes.
    pub(crate) fn count_bytes(&self, word: &[u8]) -> u32 {
        let (at, tag) = self.locate(fingerprint(word));
        self.slots[self.slot(at, tag)] as u32
    }

    /// The number of distinct words.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the lexicon holds no word.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_sorted_search_form_counts() {
        let texts = ["قالَ الوزير إن الوزير سافر", "قال Kerry 12 الوزيرُ"];
        let tsv = build_lexicon(texts, 2);
        assert_eq!(tsv, "الوزير\t3\nقال\t2\n");
        let lexicon = Lexicon::parse(&tsv);
        assert_eq!(lexicon.count("الوزير"), 3);
        assert_eq!(lexicon.count("سافر"), 0);
        assert_eq!(lexicon.len(), 2);
        assert_eq!(Lexicon::parse("").count("قال"), 0);
        assert_eq!(Lexicon::parse("قال\tx\nقال\t4\nقال\t5").count("قال"), 5);
    }

    #[test]
    fn builtin_lexicon_knows_common_words() {
        let lexicon = Lexicon::builtin();
        assert!(lexicon.len() > 10_000);
        assert!(lexicon.count("المفاوضات") > lexicon.count("والمفاوضات"));
    }
}
