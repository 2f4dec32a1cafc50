//! Offsets between the cleaned text and the original, and between bytes and characters.
//!
//! Entry points: [`CleanTextBuilder`] (used by `marsad-clean` to write the cleaned text piece by piece
//! from the original) and [`OffsetMap`] (kept on every `Article`). Rust code works in byte offsets
//! (`start_byte`); JSON speaks in characters (`start_char`). Every conversion between the two lives
//! here and nowhere else, so a span never lands inside a UTF-8 sequence by accident.
//!
//! The map is a list of pieces. A *copy* piece maps byte for byte; a *replacement* piece (a ligature
//! unfolded, a non-breaking space turned into a space) maps as a whole: a position inside it maps to its
//! start, an end inside it maps to its end. Deleted ranges (tatweel, zero-width marks, furniture) leave
//! no piece: the next piece simply starts further on in the original.

use std::ops::Range;

/// One run of the cleaned text and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub clean_start: usize,
    pub clean_len: usize,
    pub orig_start: usize,
    pub orig_len: usize,
    /// True when the cleaned bytes equal the original bytes, so positions map one to one.
    pub copy: bool,
}

/// Maps byte positions in the cleaned text back to byte positions in the original.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
}

impl OffsetMap {
    /// The map of a text that was not changed at all.
    pub fn identity(len: usize) -> OffsetMap {
        let pieces = if len == 0 {
            Vec::new()
        } else {
            vec![Piece { clean_start: 0, clean_len: len, orig_start: 0, orig_len: len, copy: true }]
        };
        OffsetMap { pieces }
    }

    pub fn from_pieces(pieces: Vec<Piece>) -> OffsetMap {
        OffsetMap { pieces }
    }

    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// Where a span starting at `clean` starts in the original.
    pub fn start_to_original(&self, clean: usize) -> usize {
        // The piece that contains `clean`, or the first one after it.
        let i = self.pieces.partition_point(|p| p.clean_start + p.clean_len <= clean);
        match self.pieces.get(i) {
            Some(p) if p.clean_start <= clean => {
                if p.copy {
                    p.orig_start + (clean - p.clean_start)
                } else {
                    p.orig_start
                }
            }
            Some(p) => p.orig_start,
            None => self.pieces.last().map_or(0, |p| p.orig_start + p.orig_len),
        }
    }

    /// Where a span ending at `clean` (exclusive) ends in the original.
    pub fn end_to_original(&self, clean: usize) -> usize {
        // The piece whose inside or end is `clean`.
        let i = self.pieces.partition_point(|p| p.clean_start + p.clean_len < clean);
        match self.pieces.get(i) {
            Some(p) if p.clean_start < clean => {
                if p.copy {
                    p.orig_start + (clean - p.clean_start)
                } else {
                    p.orig_start + p.orig_len
                }
            }
            Some(p) => p.orig_start,
            None => self.pieces.last().map_or(0, |p| p.orig_start + p.orig_len),
        }
    }

    pub fn range_to_original(&self, clean: Range<usize>) -> Range<usize> {
        if clean.is_empty() {
            let at = self.start_to_original(clean.start);
            return at..at;
        }
        self.start_to_original(clean.start)..self.end_to_original(clean.end)
    }
}

/// Writes a cleaned text from an original one, recording an [`OffsetMap`] as it goes.
///
/// Calls must walk the original from left to right; ranges that are never mentioned are dropped,
/// exactly like [`CleanTextBuilder::skip`].
pub struct CleanTextBuilder<'a> {
    original: &'a str,
    clean: String,
    pieces: Vec<Piece>,
}

impl<'a> CleanTextBuilder<'a> {
    pub fn new(original: &'a str) -> Self {
        CleanTextBuilder { original, clean: String::with_capacity(original.len()), pieces: Vec::new() }
    }

    /// The cleaned text written so far.
    pub fn text(&self) -> &str {
        &self.clean
    }

    /// Keeps `orig` unchanged.
    pub fn copy(&mut self, orig: Range<usize>) {
        if orig.is_empty() {
            return;
        }
        let clean_start = self.clean.len();
        self.clean.push_str(&self.original[orig.clone()]);
        if let Some(last) = self.pieces.last_mut() {
            if last.copy
                && last.orig_start + last.orig_len == orig.start
                && last.clean_start + last.clean_len == clean_start
            {
                last.orig_len += orig.len();
                last.clean_len += orig.len();
                return;
            }
        }
        self.pieces.push(Piece {
            clean_start,
            clean_len: orig.len(),
            orig_start: orig.start,
            orig_len: orig.len(),
            copy: true,
        });
    }

    /// Writes `with` in place of `orig`.
    pub fn replace(&mut self, orig: Range<usize>, with: &str) {
        if with.is_empty() {
            return;
        }
        if &self.original[orig.clone()] == with {
            return self.copy(orig);
        }
        let clean_start = self.clean.len();
        self.clean.push_str(with);
        self.pieces.push(Piece {
            clean_start,
            clean_len: with.len(),
            orig_start: orig.start,
            orig_len: orig.len(),
            copy: false,
        });
    }

    /// Writes `with` where nothing of the original stands, e.g. a paragraph break between a headline and
    /// a body that came in separate fields. It maps to the original position `at`.
    pub fn insert(&mut self, at: usize, with: &str) {
        self.replace(at..at, with);
    }

    /// Drops `orig` from the cleaned text. Provided for symmetry and readability at call sites: ranges
    /// never copied are dropped anyway.
    pub fn skip(&mut self, _orig: Range<usize>) {}

    pub fn finish(self) -> (String, OffsetMap) {
        (self.clean, OffsetMap { pieces: self.pieces })
    }
}

/// Converts byte offsets into character offsets for one text; built once, queried many times.
pub struct CharIndex {
    /// For every char boundary in byte order: the byte offset. The char offset is the index.
    boundaries: Vec<usize>,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let mut boundaries: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        boundaries.push(text.len());
        CharIndex { boundaries }
    }

    /// The char offset of byte `byte`, or `None` when `byte` is not on a char boundary.
    pub fn char_of_byte(&self, byte: usize) -> Option<usize> {
        self.boundaries.binary_search(&byte).ok()
    }

    /// The byte offset of char `ch`, or `None` past the end.
    pub fn byte_of_char(&self, ch: usize) -> Option<usize> {
        self.boundaries.get(ch).copied()
    }

    pub fn char_len(&self) -> usize {
        self.boundaries.len() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_runs_merge_and_map_one_to_one() {
        let original = "abcdef";
        let mut b = CleanTextBuilder::new(original);
        b.copy(0..2);
        b.copy(2..4);
        b.skip(4..5);
        b.copy(5..6);
        let (clean, map) = b.finish();
        assert_eq!(clean, "abcdf");
        assert_eq!(map.pieces().len(), 2, "contiguous copies merge: {:?}", map.pieces());
        assert_eq!(map.range_to_original(1..3), 1..3);
        // "df": d is clean 3 = original 3, f is clean 4 = original 5
        assert_eq!(map.range_to_original(3..5), 3..6);
        // a span ending right before a deletion ends before it
        assert_eq!(map.range_to_original(0..4), 0..4);
        // a span starting right after a deletion starts after it
        assert_eq!(map.range_to_original(4..5), 5..6);
    }

    #[test]
    fn replacement_maps_as_a_whole() {
        // U+FEFB (lam-alef ligature, 3 bytes) becomes "لا" (4 bytes)
        let original = "x\u{FEFB}y";
        let mut b = CleanTextBuilder::new(original);
        b.copy(0..1);
        b.replace(1..4, "لا");
        b.copy(4..5);
        let (clean, map) = b.finish();
        assert_eq!(clean, "xلاy");
        // the alef alone (clean 3..5) maps to the whole ligature
        assert_eq!(map.range_to_original(3..5), 1..4);
        assert_eq!(map.range_to_original(1..5), 1..4);
        assert_eq!(map.range_to_original(5..6), 4..5);
    }

    #[test]
    fn char_index_round_trips_and_rejects_mid_char() {
        let text = "سلام a";
        let idx = CharIndex::new(text);
        assert_eq!(idx.char_len(), 6);
        assert_eq!(idx.char_of_byte(2), Some(1));
        assert_eq!(idx.char_of_byte(1), None);
        assert_eq!(idx.byte_of_char(5), Some(9));
        assert_eq!(idx.byte_of_char(6), Some(10));
    }
}
