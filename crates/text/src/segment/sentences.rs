//! Sentence splitting for Arabic news: a text cut into sentence byte ranges.
//!
//! Entry point: [`sentences`]. A sentence ends at `.` `!` `?` `؟` `…` or a line break; `،` and `؛`
//! do not end one. After the end mark, further end marks and closing quotes or brackets
//! (`”` `»` `"` `'` `)` `]`) stay in the sentence they close. A `.` does not end a sentence between
//! digits (`12.5`), after a one-letter abbreviation (`أ.ف.ب`, `د.`, `U.S.`) or after a bare list
//! number at the start of a line (`1.`). Ranges are trimmed of surrounding whitespace and
//! invisible marks; empty sentences are skipped.

use std::ops::Range;

use super::words::{is_arabic_letter, is_digit};
use crate::normalize::invisible::is_invisible;

fn is_end_mark(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔')
}

fn is_closer(c: char) -> bool {
    matches!(c, '”' | '»' | '"' | '\'' | '’' | ')' | ']' | '}' | '›')
}

fn is_blank(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// The sentences of `text` as byte ranges, in order, never overlapping.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let cut = if c == '\n' || c == '\r' || c == '\u{2029}' {
            Some(i)
        } else if is_end_mark(c) && !is_inner_dot(text, start, i, c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, n)) = chars.peek() {
                if is_end_mark(n) || is_closer(n) {
                    end = j + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            Some(end)
        } else {
            None
        };
        if let Some(end) = cut {
            push_trimmed(text, start..end, &mut out);
            start = end;
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

/// A `.` that belongs to a number, an abbreviation or a list number rather than ending a sentence.
fn is_inner_dot(text: &str, sentence_start: usize, at: usize, c: char) -> bool {
    if c != '.' {
        return false;
    }
    let before = &text[sentence_start..at];
    let after = &text[at + 1..];
    let prev = before.chars().next_back();
    let next = after.chars().next();
    if prev.is_some_and(is_digit) && next.is_some_and(is_digit) {
        return true;
    }
    // One letter alone before the dot (`أ.ف.ب`, `د.`, `U.S.`): an abbreviation.
    let mut back = before.chars().rev();
    if let (Some(letter), following) = (back.next(), back.next()) {
        let is_letter = is_arabic_letter(letter) || letter.is_alphabetic();
        let alone = following.is_none_or(|f| is_blank(f) || f == '.' || f == '(');
        if is_letter && alone {
            return true;
        }
    }
    // `1.` at the start of a line: a list number, not a sentence.
    let trimmed = before.trim_matches(is_blank);
    !trimmed.is_empty() && trimmed.chars().all(is_digit) && next.is_some_and(is_blank)
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start_matches(is_blank).len();
    let trail = slice.len() - slice.trim_end_matches(is_blank).len();
    if lead + trail < slice.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn sentence_table() {
        let cases: &[(&str, &[&str])] = &[
            (
                "قال الوزير، في بيان؛ إن الوضع هادئ. وأضاف أنه متفائل!",
                &["قال الوزير، في بيان؛ إن الوضع هادئ.", "وأضاف أنه متفائل!"],
            ),
            ("هل انتهت المحادثات؟ نعم.", &["هل انتهت المحادثات؟", "نعم."]),
            ("قال: “سنعود قريبا.” ثم غادر.", &["قال: “سنعود قريبا.”", "ثم غادر."]),
            ("وصف الحوار بـ«الجيد». وانتهى", &["وصف الحوار بـ«الجيد».", "وانتهى"]),
            ("ارتفع المؤشر 12.5 نقطة. ثم هبط", &["ارتفع المؤشر 12.5 نقطة.", "ثم هبط"]),
            (
                "ذكرت وكالة أ.ف.ب أن الوفد وصل. وقالت (د ب أ) غير ذلك.",
                &["ذكرت وكالة أ.ف.ب أن الوفد وصل.", "وقالت (د ب أ) غير ذلك."],
            ),
            ("العنوان\n\nالنص الأول\nالنص الثاني", &["العنوان", "النص الأول", "النص الثاني"]),
            ("1. البند الأول", &["1. البند الأول"]),
            ("ماذا؟!  حقا...", &["ماذا؟!", "حقا..."]),
            ("", &[]),
        ];
        for (input, expected) in cases {
            assert_eq!(split(input), *expected, "input {input:?}");
        }
    }
}
