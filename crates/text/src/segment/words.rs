//! The word tokenizer: a text cut into Arabic words, Latin words, numbers, URLs, hashtags,
//! mentions and punctuation, each with its byte range in the input.
//!
//! Entry point: [`words`], an iterator of [`Token`]s whose `text` is the input slice (no
//! normalisation; the analyzers fold it afterwards). Whitespace and invisible marks between words
//! are skipped; inside an Arabic word, harakat, tatweel and zero-width joiners stay part of the word.
//! Rules, by kind:
//! - Arabic: Arabic letters (basic, extended, presentation forms) with their marks.
//! - Latin: alphabetic characters of Latin script with combining marks; `Other` for other scripts.
//! - Number: digits (ASCII, Arabic-Indic, Persian) with inner separators `.` `,` `٫` `٬` between
//!   digits, so `12,5`, `1,000` and `١٢٫٥` are one token.
//! - Url: from `http://`, `https://` or `www.` to the next space, minus trailing punctuation.
//! - Hashtag `#word_word`, Mention `@name`.
//! - Punct: every other visible character, one per token (`،` `؛` `؟` `“` `”` `«` `»` included).

use crate::normalize::{harakat::is_haraka, invisible::is_invisible, is_arabic_block};
use crate::{Token, TokenKind};

/// Iterates over the tokens of `text`, punctuation included, with positions counted over all tokens.
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0, position: 0 }
}

/// The iterator returned by [`words`].
pub struct Words<'a> {
    text: &'a str,
    at: usize,
    position: u32,
}

/// Arabic letters, including the extended blocks and presentation forms, not digits or punctuation.
pub(crate) fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{066F}' | '\u{0671}'..='\u{06D3}' | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FC}' | '\u{06FF}' | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08C9}' | '\u{FB50}'..='\u{FD3D}' | '\u{FD50}'..='\u{FDFB}' | '\u{FE70}'..='\u{FEFC}')
}

/// `char::is_alphabetic`, answered without Unicode's tables for ASCII and the basic Arabic letters,
/// most characters of Arabic news (the tables' binary search costs more than the rest of many
/// per-character loops).
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        matches!(c, '\u{0620}'..='\u{064A}') || c.is_alphabetic()
    }
}

/// `char::is_alphanumeric`, with the fast paths of [`is_alphabetic`].
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        matches!(c, '\u{0620}'..='\u{064A}') || c.is_alphanumeric()
    }
}

/// Marks that continue an Arabic word: harakat, Quranic marks, tatweel.
fn is_arabic_mark(c: char) -> bool {
    is_haraka(c) || c == '\u{0640}' || matches!(c, '\u{08CA}'..='\u{08FF}')
}

pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') && c.is_alphabetic())
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}')
}

fn is_other_letter(c: char) -> bool {
    !is_arabic_block(c) && !c.is_ascii() && !is_latin_letter(c) && !is_digit(c) && c.is_alphanumeric()
}

fn is_zero_width_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// Characters that end a URL when they are its last characters.
fn is_url_trailing(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '"' | '\'' | '»' | '”' | '،' | '؛' | '؟'
    )
}

fn is_word_char_for_tag(c: char) -> bool {
    is_arabic_letter(c) || is_arabic_mark(c) || c.is_alphanumeric() || c == '_' || is_zero_width_joiner(c)
}

impl<'a> Words<'a> {
    /// End of the run starting at `start` whose characters satisfy `keep`.
    fn run(&self, start: usize, keep: impl Fn(char) -> bool) -> usize {
        self.text[start..].char_indices().find(|&(_, c)| !keep(c)).map_or(self.text.len(), |(i, _)| start + i)
    }

    fn arabic_end(&self, start: usize) -> usize {
        // Fast path over the common letters, tatweel and harakat, U+0620–U+065F: two bytes each,
        // `D8 A0`–`D8 BF` and `D9 80`–`D9 9F`.
        // Two letters per step while four bytes remain (a branch per letter was the tokenizer's
        // main cost), then one.
        let bytes = self.text.as_bytes();
        let common = |pair: u32| pair.wrapping_sub(0xD8A0) < 0x20 || pair.wrapping_sub(0xD980) < 0x20;
        let mut at = start;
        while let Some(&[a, b, c, d]) = bytes.get(at..at + 4) {
            let pairs = u32::from_be_bytes([a, b, c, d]);
            if !(common(pairs >> 16) & common(pairs & 0xFFFF)) {
                break;
            }
            at += 4;
        }
        while let Some(&[lead, next]) = bytes.get(at..at + 2) {
            if !common(u32::from(lead) << 8 | u32::from(next)) {
                break;
            }
            at += 2;
        }
        // Most words end at an ASCII space or mark, which no Arabic word continues with.
        if bytes.get(at).is_none_or(u8::is_ascii) {
            return at;
        }
        let rest = &self.text[at..];
        let start = at;
        let mut end = start;
        let mut chars = rest.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let continues = is_arabic_letter(c)
                || is_arabic_mark(c)
                // A zero-width joiner or non-joiner stays inside the word only between letters.
                || (is_zero_width_joiner(c) && chars.peek().is_some_and(|&(_, n)| is_arabic_letter(n) || is_arabic_mark(n)));
            if !continues {
                break;
            }
            end = start + i + c.len_utf8();
        }
        end
    }

    fn number_end(&self, start: usize) -> usize {
        let bytes_end = self.text.len();
        let mut end = start;
        let mut chars = self.text[start..].char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if is_digit(c) {
                end = start + i + c.len_utf8();
            } else if matches!(c, '.' | ',' | '\u{066B}' | '\u{066C}')
                && chars.peek().is_some_and(|&(_, n)| is_digit(n))
                && end == start + i
            {
                continue;
            } else {
                break;
            }
        }
        end.min(bytes_end)
    }

    fn url_end(&self, start: usize) -> usize {
        let raw_end = self.run(start, |c| !c.is_whitespace() && !matches!(c, '"' | '<' | '>' | '“' | '«'));
        let trimmed = self.text[start..raw_end].trim_end_matches(is_url_trailing);
        start + trimmed.len()
    }

    fn starts_url(&self, at: usize) -> bool {
        let rest = &self.text.as_bytes()[at..];
        let starts = |p: &[u8]| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
        starts(b"http://") || starts(b"https://") || starts(b"www.")
    }
}

impl Words<'_> {
    /// The next token as (start, end, kind), without building its text.
    pub(crate) fn next_span(&mut self) -> Option<(usize, usize, TokenKind)> {
        let text = self.text;
        loop {
            // Most gaps are one ASCII space: skip them without decoding a character.
            while let Some(b' ' | b'\n' | b'\r' | b'\t') = text.as_bytes().get(self.at) {
                self.at += 1;
            }
            let (offset, c) = text[self.at..].char_indices().next()?;
            let start = self.at + offset;
            if !is_arabic_letter(c) && (c.is_whitespace() || is_invisible(c) || c.is_control()) {
                self.at = start + c.len_utf8();
                continue;
            }
            let (end, kind) = if is_arabic_letter(c) || is_arabic_mark(c) {
                // A mark with no letter before it (stray haraka or tatweel) makes a word of its own.
                (self.arabic_end(start), TokenKind::Arabic)
            } else if is_digit(c) {
                (self.number_end(start), TokenKind::Number)
            } else if (c == 'h' || c == 'H' || c == 'w' || c == 'W') && self.starts_url(start) {
                (self.url_end(start), TokenKind::Url)
            } else if is_latin_letter(c) {
                (self.run(start, |c| is_latin_letter(c) || is_combining(c)), TokenKind::Latin)
            } else if is_other_letter(c) {
                (self.run(start, |c| is_other_letter(c) || is_combining(c)), TokenKind::Other)
            } else if (c == '#' || c == '@')
                && text[start + 1..].chars().next().is_some_and(|n| is_word_char_for_tag(n) && n != '_')
            {
                let end = self.run(start + 1, is_word_char_for_tag);
                (end, if c == '#' { TokenKind::Hashtag } else { TokenKind::Mention })
            } else {
                (start + c.len_utf8(), TokenKind::Punct)
            };
            // Every branch consumes at least the first character.
            let end = end.max(start + c.len_utf8());
            self.at = end;
            return Some((start, end, kind));
        }
    }
}

impl Iterator for Words<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let (start, end, kind) = self.next_span()?;
        let token =
            Token { text: self.text[start..end].to_string(), start, end, position: self.position, kind };
        self.position += 1;
        Some(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_letter_tests_agree_with_std_on_every_char() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    fn kinds(text: &str) -> Vec<(String, TokenKind)> {
        words(text).map(|t| (t.text, t.kind)).collect()
    }

    #[test]
    fn tokens_by_kind() {
        use TokenKind::*;
        let cases: &[(&str, &[(&str, TokenKind)])] = &[
            (
                "قال، كيري؛ هل؟",
                &[
                    ("قال", Arabic),
                    ("،", Punct),
                    ("كيري", Arabic),
                    ("؛", Punct),
                    ("هل", Arabic),
                    ("؟", Punct),
                ],
            ),
            ("بـ”الجيدة”", &[("بـ", Arabic), ("”", Punct), ("الجيدة", Arabic), ("”", Punct)]),
            (
                "12,5 و١٢٫٥ 1,000.",
                &[("12,5", Number), ("و", Arabic), ("١٢٫٥", Number), ("1,000", Number), (".", Punct)],
            ),
            ("«سوريا» Demain", &[("«", Punct), ("سوريا", Arabic), ("»", Punct), ("Demain", Latin)]),
            (
                "انظر https://example.org/a?b=1.",
                &[("انظر", Arabic), ("https://example.org/a?b=1", Url), (".", Punct)],
            ),
            ("#سوريا_الآن @marsad_news", &[("#سوريا_الآن", Hashtag), ("@marsad_news", Mention)]),
            ("مُحَمَّد", &[("مُحَمَّد", Arabic)]),
            ("\u{200F}حمص\u{200E}", &[("حمص", Arabic)]),
            ("Москва 48", &[("Москва", Other), ("48", Number)]),
        ];
        for (input, expected) in cases {
            let expected: Vec<(String, TokenKind)> =
                expected.iter().map(|(t, k)| (t.to_string(), *k)).collect();
            assert_eq!(kinds(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn offsets_slice_the_input() {
        let text = "وقال لافروف: 12.5%";
        for token in words(text) {
            assert_eq!(&text[token.start..token.end], token.text);
        }
    }
}
