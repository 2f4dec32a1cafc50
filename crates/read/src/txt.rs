//! Plain-text articles in the seed's form: the headline on the first non-empty line, then the body
//! (a dateline, paragraphs, maybe page furniture at the end; `marsad-clean` deals with those).
//!
//! Entry point: [`read`]. The original is the file's text exactly, less a leading byte-order mark;
//! `meta.headline` is the first non-empty line without its surrounding white space.

use std::ops::Range;

use marsad_article::{Article, Meta};

use crate::error::Reason;
use crate::text::{decode_utf8, Utf8Problem};

/// Reads a whole file as one article; `origin` becomes `meta.origin`. On failure, returns the reason
/// and the byte offset of the problem when there is one.
pub fn read(bytes: &[u8], origin: &str) -> Result<Article, (Reason, Option<u64>)> {
    let text = decode_utf8(bytes)
        .map_err(|Utf8Problem { at, invalid }| (Reason::NotUtf8 { invalid }, Some(at as u64)))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(headline) = first_line(text) else {
        return Err((Reason::Empty, None));
    };
    let meta = Meta {
        origin: origin.to_string(),
        format: "txt".to_string(),
        headline: Some(headline),
        ..Meta::default()
    };
    Ok(Article::new(meta, text.to_string()))
}

/// The byte range of the first line holding something other than white space, trimmed.
fn first_line(text: &str) -> Option<Range<usize>> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if !trimmed.trim_end().is_empty() {
            let from = start + (line.len() - trimmed.len());
            return Some(from..from + trimmed.trim_end().len());
        }
        start += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_is_the_first_non_empty_line_trimmed() {
        let cases = [
            ("عنوان الخبر\n\nنص الخبر.", Some("عنوان الخبر")),
            ("\n\n  عنوان الخبر \r\nنص", Some("عنوان الخبر")),
            ("\u{feff}عنوان\nنص", Some("عنوان")),
            ("سطر واحد بلا نهاية", Some("سطر واحد بلا نهاية")),
            (" \n\t\n", None),
            ("", None),
        ];
        for (input, expected) in cases {
            let got = read(input.as_bytes(), "t.txt").ok();
            let headline = got.as_ref().map(|a| &a.original[a.meta.headline.clone().unwrap_or_default()]);
            assert_eq!(headline, expected, "input {input:?}");
        }
    }

    #[test]
    fn original_is_the_text_exactly() {
        let text = "عنوان\r\n\r\nالقاهرة - (د ب أ)\r\nنص الخبر.  \n";
        let article = read(text.as_bytes(), "a.txt").unwrap();
        assert_eq!(article.original, text);
        assert_eq!(article.meta.origin, "a.txt");
        assert_eq!(article.meta.format, "txt");
    }

    #[test]
    fn invalid_utf8_names_the_byte() {
        let mut bytes = "عنوان\n".as_bytes().to_vec();
        bytes.push(0xC7);
        bytes.push(b'x');
        let err = read(&bytes, "a.txt").unwrap_err();
        assert_eq!(err, (Reason::NotUtf8 { invalid: 0xC7 }, Some(11)));
    }
}
