//! Unicode unification of one line, keeping the display form: what a reader sees stays, what only
//! steers rendering goes.
//!
//! Entry points: [`split_lines`] and [`unify_line`], called by `clean`. Uses `presentation_forms`.
//! Diacritics are kept; folding letters for search is the text crate's job.
//!
//! | from | to |
//! |---|---|
//! | presentation forms U+FB50–U+FDFF, U+FE70–U+FEFF | base letters (`ﻻ` → `لا`) |
//! | bidi marks U+200E, U+200F, U+202A–U+202E, U+2066–U+2069, U+061C | dropped |
//! | zero-width U+200B–U+200D, U+FEFF | dropped |
//! | tatweel U+0640 inside a word (`كـبـيـر`) | dropped |
//! | tatweel U+0640 after a prefix of ≤ 3 letters, before a non-letter (`بـ”الجيدة”`, `الـ 48`) | kept: the page shows the prefix standing apart |
//! | any other white space (tab, NBSP, thin space…) | `' '`, runs collapsed to one, none at either end |
//!
//! Line breaks (LF, CRLF, CR) are handled by the caller, which sees lines.

use std::ops::Range;

use crate::presentation_forms;

/// One physical line of the original.
#[derive(Debug, Clone)]
pub struct Line {
    /// Byte range of the line's text in the original, without its line break.
    pub content: Range<usize>,
    /// Byte range of the line break after it (`\n`, `\r\n`, `\r`), empty for the last line.
    pub terminator: Range<usize>,
}

/// The original's lines; `\r\n`, `\r` and `\n` all end a line.
pub fn split_lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let len = match bytes[i] {
            b'\n' => 1,
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
            b'\r' => 1,
            _ => {
                i += 1;
                continue;
            }
        };
        lines.push(Line { content: start..i, terminator: i..i + len });
        i += len;
        start = i;
    }
    if start < bytes.len() {
        lines.push(Line { content: start..bytes.len(), terminator: bytes.len()..bytes.len() });
    }
    lines
}

/// How one piece of the cleaned line is written from the original.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Copy(Range<usize>),
    Replace(Range<usize>, &'static str),
}

/// A line unified: the operations that write it and the text they write.
#[derive(Debug, Clone, Default)]
pub struct UnifiedLine {
    pub ops: Vec<Op>,
    pub text: String,
}

enum Class {
    Drop,
    Space,
    Unfold(&'static str),
    Keep,
}

fn classify(c: char) -> Class {
    match c {
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061C}'
        | '\u{FEFF}' => Class::Drop,
        c if c.is_whitespace() => Class::Space,
        c => presentation_forms::unfold(c).map_or(Class::Keep, Class::Unfold),
    }
}

const TATWEEL: char = '\u{0640}';

/// A tatweel that stretches a word is dropped. One after a short prefix and before a non-letter, as in
/// `بـ”الجيدة”` or `الـ 48 ساعة`, is how the page writes a prefix standing apart, so it stays.
/// `before` ends and `rest` starts at the tatweel.
fn tatweel_class(before: &str, rest: &str) -> Class {
    let next = rest.chars().find(|&c| c != TATWEEL);
    let prefix_letters = before.chars().rev().take_while(|&c| is_arabic_letter(c)).count();
    if (1..=3).contains(&prefix_letters) && !next.is_some_and(is_arabic_letter) {
        Class::Keep
    } else {
        Class::Drop
    }
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}')
}

/// Unifies `original[range]`, a line without its line break.
pub fn unify_line(original: &str, range: Range<usize>) -> UnifiedLine {
    let mut line = UnifiedLine::default();
    // The first white space of a run not yet written: written as one space before the next visible
    // character, never at the end of the line.
    let mut pending_space: Option<(usize, char)> = None;
    for (offset, c) in original[range.clone()].char_indices() {
        let at = range.start + offset;
        let class = if c == TATWEEL {
            tatweel_class(&original[range.start..at], &original[at..range.end])
        } else {
            classify(c)
        };
        match class {
            Class::Drop => continue,
            Class::Space => {
                if pending_space.is_none() && !line.text.is_empty() {
                    pending_space = Some((at, c));
                }
                continue;
            }
            Class::Unfold(_) | Class::Keep => {}
        }
        if let Some((space_at, space)) = pending_space.take() {
            let space_range = space_at..space_at + space.len_utf8();
            line.push(
                if space == ' ' { Op::Copy(space_range) } else { Op::Replace(space_range, " ") },
                original,
            );
        }
        let char_range = at..at + c.len_utf8();
        match class {
            Class::Unfold(letters) => line.push(Op::Replace(char_range, letters), original),
            _ => line.push(Op::Copy(char_range), original),
        }
    }
    line
}

impl UnifiedLine {
    fn push(&mut self, op: Op, original: &str) {
        match &op {
            Op::Copy(r) => self.text.push_str(&original[r.clone()]),
            Op::Replace(_, with) => self.text.push_str(with),
        }
        self.ops.push(op);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unifies_marks_spaces_and_forms_but_keeps_diacritics() {
        let cases = [
            ("  قال   الوزير  ", "قال الوزير"),
            ("قال\u{00A0}الوزير", "قال الوزير"),
            ("قال\t\u{2009} الوزير", "قال الوزير"),
            ("\u{200F}بيروت\u{200E}", "بيروت"),
            ("سو\u{200C}ريا\u{200B}", "سوريا"),
            ("\u{202B}غزة\u{202C}", "غزة"),
            ("\u{2067}حلب\u{2069}", "حلب"),
            ("الســـلام", "السلام"),
            ("كـبـيـر", "كبير"),
            ("يعودونـــ", "يعودون"),
            ("بـ”الجيدة”", "بـ”الجيدة”"),
            ("الـ 48 ساعة", "الـ 48 ساعة"),
            ("\u{FEFB}\u{FE8E}", "لاا"),
            ("\u{FEFF}نص", "نص"),
            ("مُحَمَّد", "مُحَمَّد"),
            ("\u{061C}٣", "٣"),
            ("", ""),
        ];
        for (input, expected) in cases {
            let line = unify_line(input, 0..input.len());
            assert_eq!(line.text, expected, "unify {input:?}");
        }
    }

    #[test]
    fn splits_on_every_kind_of_line_break() {
        let text = "a\r\nb\rc\n\nd";
        let lines: Vec<(&str, &str)> = split_lines(text)
            .iter()
            .map(|l| (&text[l.content.clone()], &text[l.terminator.clone()]))
            .collect();
        assert_eq!(lines, [("a", "\r\n"), ("b", "\r"), ("c", "\n"), ("", "\n"), ("d", "")]);
    }
}
