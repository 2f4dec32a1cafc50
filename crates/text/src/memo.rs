//! A per-thread memo of `ar_search` terms: word → term (or "dropped"), so a word seen before costs
//! one table read instead of a clitic split. Word frequencies are Zipfian: in a year of news most
//! tokens are words seen earlier in the run.
//!
//! Keys are 64-bit fingerprints (no key bytes stored, so a hit costs one cache line plus the term):
//! two of the ~100,000 remembered words sharing a fingerprint has a probability near 10^-9, and
//! would give one of them the other's term. Once [`CAPACITY`] × 3/4 words are held, new words are
//! computed but not remembered (the frequent words arrive first).

use crate::lexicon::fingerprint;

/// Slots per thread (a power of two): 2 MiB of slots plus the terms.
const CAPACITY: usize = 1 << 17;
/// Marks a remembered word that yields no term.
const DROPPED: u32 = u32::MAX;

pub(crate) struct Memo {
    /// (fingerprint, offset of the term in `terms`, its byte length or [`DROPPED`]); fingerprint 0
    /// marks an empty slot.
    slots: Vec<(u64, u32, u32)>,
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

impl Memo {
    pub(crate) fn new() -> Memo {
        Memo { slots: Vec::new(), terms: String::new(), len: 0 }
    }

    fn slot(&self, print: u64) -> usize {
        let mask = CAPACITY - 1;
        let mut at = print as usize & mask;
        while self.slots[at].0 != 0 && self.slots[at].0 != print {
            at = (at + 1) & mask;
        }
        at
    }

    pub(crate) fn recall(&self, word: &str) -> Recall<'_> {
        if self.slots.is_empty() {
            return Recall::Unknown;
        }
        let (print, offset, len) = self.slots[self.slot(fingerprint(word.as_bytes()))];
        match (print, len) {
            (0, _) => Recall::Unknown,
            (_, DROPPED) => Recall::Dropped,
            (_, len) => {
                let start = offset as usize;
                Recall::Term(self.terms.get(start..start + len as usize).unwrap_or_default())
            }
        }
    }

    /// Remembers `word`'s term (`None`: dropped), unless the memo is full.
    pub(crate) fn remember(&mut self, word: &str, term: Option<&str>) {
        if self.len >= CAPACITY / 4 * 3 || self.terms.len() > u32::MAX as usize / 2 {
            return;
        }
        if self.slots.is_empty() {
            self.slots = vec![(0, 0, 0); CAPACITY];
        }
        let print = fingerprint(word.as_bytes());
        let at = self.slot(print);
        if self.slots[at].0 != 0 {
            return;
        }
        let entry = match term {
            Some(term) => {
                let offset = self.terms.len() as u32;
                self.terms.push_str(term);
                (print, offset, term.len() as u32)
            }
            None => (print, 0, DROPPED),
        };
        self.slots[at] = entry;
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
}
