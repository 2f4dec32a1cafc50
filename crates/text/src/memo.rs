//! A per-thread memo of `ar_search` terms: word → term (or "dropped"), so a word seen before costs
//! one table read instead of a clitic split. Word frequencies are Zipfian: in a year of news most
//! tokens are words seen earlier in the run.
//!
//! Each slot is one `u64`: a 32-bit tag from the word's fingerprint and where its term lies in a
//! shared string, so the 2^17 slots fill 1 MiB and stay in a core's L2 cache (the 16-byte slots
//! before spilled to L3, and the look-up was a fifth of `ar_search`'s time). The slot index takes
//! 17 other bits of the fingerprint, so a word absent from the memo matches a present one's tag
//! with a probability near 2^-32 per probe; it would get that word's term. Once [`CAPACITY`] × 3/4
//! words are held, new words are computed but not remembered (the frequent words arrive first).

use crate::lexicon::fingerprint;

/// Slots per thread (a power of two): 1 MiB of slots plus the terms.
const CAPACITY: usize = 1 << 17;
/// Terms longer than this many bytes are not remembered (the length has 8 bits).
const MAX_TERM: usize = 255;
/// The terms' string stays below this many bytes (the offset has 24 bits).
const MAX_POOL: usize = 1 << 24;

pub(crate) struct Memo {
    /// `tag << 32 | offset << 8 | length`; 0 marks an empty slot and length 0 a dropped word.
    slots: Vec<u64>,
    terms: String,
    len: usize,
}

/// What the memo knows about a word.
pub(crate) enum Recall<'a> {
    /// The word's term.
    Term(&'a str),
    /// The word yields no term.
    Dropped,
    /// Not seen yet.
    Unknown,
}

/// The slot index and tag of a word.
fn locate(word: &str) -> (usize, u64) {
    let print = fingerprint(word.as_bytes());
    (print as usize & (CAPACITY - 1), (print >> 32).max(1))
}

impl Memo {
    pub(crate) fn new() -> Memo {
        Memo { slots: Vec::new(), terms: String::new(), len: 0 }
    }

    /// The slot holding `tag`, or the empty slot where it would go.
    fn slot(&self, mut at: usize, tag: u64) -> usize {
        while self.slots[at] != 0 && self.slots[at] >> 32 != tag {
            at = (at + 1) & (CAPACITY - 1);
        }
        at
    }

    pub(crate) fn recall(&self, word: &str) -> Recall<'_> {
        if self.slots.is_empty() {
            return Recall::Unknown;
        }
        let (at, tag) = locate(word);
        let entry = self.slots[self.slot(at, tag)];
        if entry == 0 {
            return Recall::Unknown;
        }
        let len = (entry & 0xFF) as usize;
        if len == 0 {
            return Recall::Dropped;
        }
        let start = (entry >> 8 & 0xFF_FFFF) as usize;
        Recall::Term(self.terms.get(start..start + len).unwrap_or_default())
    }

    /// Remembers `word`'s term (`None`: dropped), unless the memo is full.
    pub(crate) fn remember(&mut self, word: &str, term: Option<&str>) {
        let term_len = term.map_or(0, str::len);
        if self.len >= CAPACITY / 4 * 3 || term_len > MAX_TERM || self.terms.len() + term_len > MAX_POOL {
            return;
        }
        if self.slots.is_empty() {
            self.slots = vec![0; CAPACITY];
        }
        let (at, tag) = locate(word);
        let at = self.slot(at, tag);
        if self.slots[at] != 0 {
            return;
        }
        // A dropped word stores no offset (the pool may be full, and its offset would reach the tag).
        let offset = if term_len == 0 { 0 } else { self.terms.len() as u64 };
        self.terms.push_str(term.unwrap_or_default());
        self.slots[at] = tag << 32 | offset << 8 | term_len as u64;
        self.len += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_terms_and_drops() {
        let mut memo = Memo::new();
        assert!(matches!(memo.recall("والمفاوضات"), Recall::Unknown));
        memo.remember("والمفاوضات", Some("مفاوض"));
        memo.remember("في", None);
        assert!(matches!(memo.recall("والمفاوضات"), Recall::Term("مفاوض")));
        assert!(matches!(memo.recall("في"), Recall::Dropped));
        assert!(matches!(memo.recall("من"), Recall::Unknown));
    }

    #[test]
    fn fills_up_and_keeps_what_it_holds() {
        let mut memo = Memo::new();
        let words = CAPACITY;
        for i in 0..words {
            let term = format!("t{i}");
            memo.remember(&format!("w{i}"), (i % 7 != 0).then_some(term.as_str()));
        }
        let mut held = 0;
        for i in 0..words {
            match memo.recall(&format!("w{i}")) {
                Recall::Term(term) => {
                    assert_eq!(term, format!("t{i}"));
                    held += 1;
                }
                Recall::Dropped => {
                    assert_eq!(i % 7, 0);
                    held += 1;
                }
                Recall::Unknown => assert!(i >= CAPACITY / 2, "word {i} forgotten"),
            }
        }
        assert_eq!(held, CAPACITY / 4 * 3);
    }
}
