//! Quotation marks: which mark opens and which closes, and the pairs they make in a paragraph.
//!
//! Arabic pages use `« »`, `“ ”`, `„`, straight `"`, and often `”` on both sides (`بـ”الجيدة”`) or
//! guillemets reversed, so a mark's role comes from its neighbours first and its shape second: a
//! mark after a space or a one-letter proclitic (`بـ`, `لـ`, `و`) and before a letter opens, a mark
//! after a letter and before a space or punctuation closes. Marks pair with a stack inside one
//! paragraph (a quotation never runs past a line break here); an opener left at the paragraph end
//! is an unclosed quotation running to that end, a closer with nothing open is remembered as
//! dangling (`قال: آمل … سوريا”.`). One pass, each mark pushed and popped at most once.

use std::ops::Range;

/// A quotation between two marks, or from an opener that never closes to the paragraph end.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkPair {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset of the closing mark; `None` when the paragraph ended first.
    pub close: Option<usize>,
    /// The text between the marks (to the paragraph end, trailing spaces and stops trimmed, when
    /// unclosed).
    pub inner: Range<usize>,
}

/// Every pair of a text, in order of the opening mark, and the closers that opened nothing.
#[derive(Debug, Default)]
pub struct Marks {
    pub pairs: Vec<MarkPair>,
    pub dangling: Vec<usize>,
}

fn is_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„' | '‟')
}

#[derive(Clone, Copy, PartialEq)]
enum Role {
    Open,
    Close,
    /// A straight `"` with no telling neighbours: closes an open `"`, else opens.
    Toggle,
}

/// Whether the word just before byte `i` is a proclitic written apart from the quotation it
/// governs: `بـ`, `لـ`, `و`, `وبـ`.
fn after_proclitic(text: &str, i: usize) -> bool {
    let word: String = text[..i].chars().rev().take_while(|c| c.is_alphabetic() || *c == 'ـ').collect();
    let word: String = word.chars().rev().filter(|&c| c != 'ـ').collect();
    matches!(word.as_str(), "ب" | "ل" | "و" | "ف" | "ك" | "وب" | "ول" | "فب" | "فل" | "وك")
}

fn role(text: &str, i: usize, mark: char) -> Role {
    let prev = text[..i].chars().next_back();
    let next = text[i + mark.len_utf8()..].chars().next();
    let open_before = prev.is_none_or(|p| p.is_whitespace() || "([{:،,؛-–—/".contains(p) || is_mark(p))
        || after_proclitic(text, i);
    let open_after = next.is_some_and(|n| !n.is_whitespace() && !".،,؛:!?؟)]}".contains(n));
    let close_before = prev.is_some_and(|p| !p.is_whitespace());
    let close_after = next.is_none_or(|n| n.is_whitespace() || ".،,؛:!?؟)]}-–".contains(n) || is_mark(n));
    let can_open = open_before && open_after;
    let can_close = close_before && close_after && !open_before;
    match (can_open, can_close) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => match mark {
            '«' | '“' | '„' => Role::Open,
            '»' | '”' | '‟' => Role::Close,
            _ => Role::Toggle,
        },
    }
}

/// The end of a quotation that runs to the end of its paragraph, without trailing spaces and stops.
fn trim_end(text: &str, start: usize, end: usize) -> usize {
    let trimmed = text[start..end].trim_end_matches(|c: char| c.is_whitespace() || ".،,؛:".contains(c));
    start + trimmed.len()
}

/// Finds the quotation-mark pairs of a text.
pub fn find_marks(text: &str) -> Marks {
    let mut marks = Marks::default();
    let mut stack: Vec<(usize, char)> = Vec::new();
    let close_paragraph = |stack: &mut Vec<(usize, char)>, marks: &mut Marks, end: usize| {
        for (open, mark) in stack.drain(..) {
            let start = open + mark.len_utf8();
            marks.pairs.push(MarkPair { open, close: None, inner: start..trim_end(text, start, end) });
        }
    };
    for (i, c) in text.char_indices() {
        if c == '\n' {
            close_paragraph(&mut stack, &mut marks, i);
            continue;
        }
        if !is_mark(c) {
            continue;
        }
        let role = match role(text, i, c) {
            Role::Toggle if stack.last().is_some_and(|&(_, m)| m == '"') => Role::Close,
            Role::Toggle => Role::Open,
            r => r,
        };
        match role {
            Role::Open => stack.push((i, c)),
            _ => match stack.pop() {
                Some((open, mark)) => {
                    marks.pairs.push(MarkPair { open, close: Some(i), inner: open + mark.len_utf8()..i })
                }
                None => marks.dangling.push(i),
            },
        }
    }
    close_paragraph(&mut stack, &mut marks, text.len());
    marks.pairs.sort_by_key(|p| p.open);
    marks
}

impl Marks {
    /// The pair whose opening mark is at byte `at`.
    pub fn opening_at(&self, at: usize) -> Option<&MarkPair> {
        let k = self.pairs.partition_point(|p| p.open < at);
        self.pairs.get(k).filter(|p| p.open == at)
    }

    /// The pair whose closing mark is at byte `at`.
    pub fn closing_at(&self, at: usize) -> Option<&MarkPair> {
        // Pairs are sorted by opener; the closer lies after it, so look among openers before `at`.
        let k = self.pairs.partition_point(|p| p.open < at);
        self.pairs[..k].iter().rev().take(64).find(|p| p.close == Some(at))
    }

    /// Whether byte `at` lies inside a closed pair of at least `min_len` bytes.
    pub fn inside_quotation(&self, at: usize, min_len: usize) -> bool {
        let k = self.pairs.partition_point(|p| p.open < at);
        self.pairs[..k]
            .iter()
            .rev()
            .take(8)
            .any(|p| p.close.is_some() && p.inner.contains(&at) && p.inner.len() >= min_len)
    }

    /// The first closer in `range` that opened nothing.
    pub fn dangling_in(&self, range: Range<usize>) -> Option<usize> {
        let k = self.dangling.partition_point(|&d| d < range.start);
        self.dangling.get(k).copied().filter(|&d| d < range.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner<'a>(text: &'a str, marks: &Marks) -> Vec<(&'a str, bool)> {
        marks.pairs.iter().map(|p| (&text[p.inner.clone()], p.close.is_some())).collect()
    }

    #[test]
    fn pairs_every_style_of_mark() {
        let cases: &[(&str, &[(&str, bool)])] = &[
            ("قال: «نحن هنا» ثم", &[("نحن هنا", true)]),
            ("وصف المحادثات بـ”الجيدة” أمس", &[("الجيدة", true)]),
            ("وقال لـ\"الشروق\": \"المواطن لا يأكل\".", &[("الشروق", true), ("المواطن لا يأكل", true)]),
            ("قال «الوضع “صعب” جدا»", &[("الوضع “صعب” جدا", true), ("صعب", true)]),
            ("قال »نحن هنا« ثم", &[("نحن هنا", true)]),
            ("قال: «لا مكان للسلاح.\nسطر آخر", &[("لا مكان للسلاح", false)]),
        ];
        for &(text, expected) in cases {
            let marks = find_marks(text);
            assert_eq!(inner(text, &marks), expected, "{text}");
        }
    }

    #[test]
    fn a_closer_with_nothing_open_is_dangling() {
        let text = "حيث قال: آمل في التقدم نحو وقف العنف في سوريا”.";
        let marks = find_marks(text);
        assert!(marks.pairs.is_empty());
        assert_eq!(marks.dangling, vec![text.find('”').unwrap()]);
        assert_eq!(marks.dangling_in(0..text.len()), Some(text.find('”').unwrap()));
    }
}
