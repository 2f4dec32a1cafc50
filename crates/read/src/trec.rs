//! TREC-like `<DOC>` files, as in the ANT corpora: one or several `<DOC>` elements holding
//! `DOCNO`, `URL`, `SRC`, `CAT`, `TITLE`, `TIME`, `AUTHOR`, `ABSTRACT` and `TEXT`.
//!
//! Entry points: [`scan`] finds the documents of a file, [`article`] turns one into an `Article`.
//! The files are not well-formed XML: `<`, `>` and `&` appear raw inside `TEXT`, and a closing tag
//! may be missing. So a small scanner, not an XML parser: a field's content runs to its closing tag,
//! or, when that is missing, to the next field's opening tag or the end of the `<DOC>`; tags are
//! matched without regard to case; the five XML entities and numeric references are decoded in case
//! a file does escape.
//!
//! | tag | also | goes to |
//! |---|---|---|
//! | `TITLE` | `HEADLINE` | the original's first line, `meta.headline` |
//! | `TEXT` | | the rest of the original (trimmed) |
//! | `DOCNO` | | `meta.source_id` |
//! | `URL` | | `meta.url` |
//! | `SRC` | `SOURCE` | `meta.outlet` |
//! | `TIME` | `DATE` | `meta.published` (see [`crate::date`]) |
//! | `AUTHOR` | `BYLINE` | `meta.author` |
//!
//! `ABSTRACT` is ignored because it repeats the start of `TEXT`; `CAT` because `Meta` has no place
//! for it yet.

use std::borrow::Cow;
use std::ops::Range;

use marsad_article::{Article, Meta};

use crate::date::parse_published;
use crate::error::Reason;
use crate::jsonl::one_line;
use crate::text::{decode_utf8, Utf8Problem};

/// The fields Marsad reads; any of them also ends an unclosed field before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    DocNo,
    Url,
    Source,
    Title,
    Time,
    Author,
    Text,
    /// Known, so that it bounds an unclosed field, but not read.
    Ignored,
}

const FIELDS: [(&str, Field); 12] = [
    ("DOCNO", Field::DocNo),
    ("URL", Field::Url),
    ("SRC", Field::Source),
    ("SOURCE", Field::Source),
    ("TITLE", Field::Title),
    ("HEADLINE", Field::Title),
    ("TIME", Field::Time),
    ("DATE", Field::Time),
    ("AUTHOR", Field::Author),
    ("BYLINE", Field::Author),
    ("TEXT", Field::Text),
    ("ABSTRACT", Field::Ignored),
];

fn field_named(name: &[u8]) -> Option<Field> {
    if name.eq_ignore_ascii_case(b"CAT") {
        return Some(Field::Ignored);
    }
    FIELDS.iter().find(|(n, _)| name.eq_ignore_ascii_case(n.as_bytes())).map(|&(_, f)| f)
}

/// One `<DOC>` found in a file: byte ranges into the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDoc {
    /// From the `<` of `<DOC>` to the end of `</DOC>` (or where the document was cut off).
    pub span: Range<usize>,
    fields: Vec<(Field, Range<usize>)>,
    /// The file ended inside the document before its `TEXT` was closed.
    pub cut: bool,
}

/// A tag at some `<`: its name, whether it closes or closes itself, and where it ends.
struct Tag<'a> {
    name: &'a [u8],
    closing: bool,
    self_closing: bool,
    end: usize,
}

/// Attributes longer than this mean the `<` was text, not a tag.
const MAX_TAG_LEN: usize = 256;

fn tag_at(bytes: &[u8], at: usize) -> Option<Tag<'_>> {
    let rest = bytes.get(at + 1..)?;
    let closing = rest.first() == Some(&b'/');
    let name_start = at + 1 + usize::from(closing);
    let name_len = bytes[name_start..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_' || **b == b'-')
        .count();
    if name_len == 0 {
        return None;
    }
    let name = &bytes[name_start..name_start + name_len];
    let after = name_start + name_len;
    match bytes.get(after)? {
        b'>' => Some(Tag { name, closing, self_closing: false, end: after + 1 }),
        b'/' if bytes.get(after + 1) == Some(&b'>') => {
            Some(Tag { name, closing, self_closing: true, end: after + 2 })
        }
        b if b.is_ascii_whitespace() => {
            let window = &bytes[after..bytes.len().min(after + MAX_TAG_LEN)];
            let close = memchr::memchr(b'>', window)?;
            let self_closing = close > 0 && window[close - 1] == b'/';
            Some(Tag { name, closing, self_closing, end: after + close + 1 })
        }
        _ => None,
    }
}

/// Where the content of an opened `name` ends: `(content_end, resume_at, closed)`.
fn field_end(bytes: &[u8], from: usize, name: &[u8]) -> (usize, usize, bool) {
    for i in memchr::memchr_iter(b'<', &bytes[from..]).map(|i| from + i) {
        let Some(tag) = tag_at(bytes, i) else { continue };
        if tag.closing && tag.name.eq_ignore_ascii_case(name) {
            return (i, tag.end, true);
        }
        let ends_doc = tag.name.eq_ignore_ascii_case(b"DOC");
        if ends_doc || (!tag.closing && field_named(tag.name).is_some()) {
            return (i, i, false);
        }
    }
    (bytes.len(), bytes.len(), false)
}

/// Finds every `<DOC>` of a file, in order. Text outside documents is ignored.
pub fn scan(bytes: &[u8]) -> Vec<RawDoc> {
    let mut docs = Vec::new();
    let mut current: Option<RawDoc> = None;
    let mut text_closed = false;
    let mut pos = 0;
    while let Some(i) = memchr::memchr(b'<', &bytes[pos..]).map(|i| pos + i) {
        let Some(tag) = tag_at(bytes, i) else {
            pos = i + 1;
            continue;
        };
        pos = tag.end;
        if tag.name.eq_ignore_ascii_case(b"DOC") {
            if let Some(mut doc) = current.take() {
                // A `<DOC>` or `</DOC>` ends the open document; a missing `</DOC>` is forgiven.
                doc.span.end = if tag.closing { tag.end } else { i };
                docs.push(doc);
            }
            if !tag.closing && !tag.self_closing {
                current = Some(RawDoc { span: i..bytes.len(), fields: Vec::new(), cut: false });
                text_closed = false;
            }
            continue;
        }
        let (Some(doc), false) = (current.as_mut(), tag.closing) else { continue };
        let Some(field) = field_named(tag.name) else { continue };
        if tag.self_closing {
            doc.fields.push((field, tag.end..tag.end));
            continue;
        }
        let (content_end, resume, closed) = field_end(bytes, tag.end, tag.name);
        doc.fields.push((field, tag.end..content_end));
        if field == Field::Text {
            text_closed = closed;
        }
        pos = resume;
    }
    if let Some(mut doc) = current {
        doc.cut = !text_closed;
        docs.push(doc);
    }
    docs
}

/// Builds the article of one scanned document. On failure, returns the reason and, when there is
/// one, the byte offset in the file.
pub fn article(bytes: &[u8], doc: &RawDoc, origin: String) -> Result<Article, (Reason, Option<u64>)> {
    let start = doc.span.start;
    if doc.cut {
        let detail = format!("the input ends inside the <DOC> that opens at byte {start}, before </TEXT>");
        return Err((Reason::Truncated { detail }, Some(bytes.len() as u64)));
    }
    let text = decode_utf8(&bytes[doc.span.clone()])
        .map_err(|Utf8Problem { at, invalid }| (Reason::NotUtf8 { invalid }, Some((start + at) as u64)))?;
    // Fields are ranges of the file; the document's text starts at `start`.
    let get = |wanted: Field| -> Option<Cow<'_, str>> {
        let (_, range) = doc
            .fields
            .iter()
            .find(|(f, r)| *f == wanted && !text[r.start - start..r.end - start].trim().is_empty())?;
        Some(decode_entities(text[range.start - start..range.end - start].trim()))
    };
    let title = get(Field::Title).map(|t| one_line(&t)).unwrap_or_default();
    let body = get(Field::Text).map(|t| t.trim().to_string()).unwrap_or_default();
    let (original, headline) = match (title.is_empty(), body.is_empty()) {
        (true, true) => {
            return Err((
                Reason::MissingText { detail: "the <DOC> has no TEXT and no TITLE" },
                Some(start as u64),
            ))
        }
        (true, false) => (body, None),
        (false, true) => {
            let len = title.len();
            (title, Some(0..len))
        }
        (false, false) => (format!("{title}\n\n{body}"), Some(0..title.len())),
    };
    let meta = Meta {
        source_id: get(Field::DocNo).map(Cow::into_owned),
        url: get(Field::Url).map(Cow::into_owned),
        outlet: get(Field::Source).map(Cow::into_owned),
        published: get(Field::Time).and_then(|t| parse_published(&t)),
        author: get(Field::Author).map(|a| one_line(&a)),
        origin,
        format: "trec".to_string(),
        headline,
    };
    Ok(Article::new(meta, original))
}

/// Decodes `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and `&#N;` / `&#xH;`; anything else that
/// starts with `&` is left as it is, because these files mostly do not escape at all.
fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.get(1..rest.len().min(12)).and_then(|window| {
            let semi = window.find(';')?;
            let entity = &window[..semi];
            let c = match entity {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let number = entity.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, semi + 2))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_DOCS: &str = "<DOC>\n<DOCNO>XX-world-1-20180301</DOCNO>\n<URL>https://example.org/a</URL>\n\
        <SRC>مثال نيوز</SRC>\n<CAT>world</CAT>\n<TITLE>وزير يزور المدينة</TITLE>\n\
        <TIME>Thu, 01 Mar 2018 10:00:00 +0300</TIME>\n<AUTHOR>الرباط - سلمى</AUTHOR>\n\
        <ABSTRACT>\nزار الوزير المدينة\n</ABSTRACT>\n<TEXT>\nزار الوزير المدينة يوم الخميس.\n\
        قال: 3 < 4 و 5 > 2 & هذا صحيح.\n</TEXT>\n</DOC>\n\
        <doc><docno>XX-world-2</docno><title>خبر ثان</title><time>2017-01-25T14:36:00+01:00</time>\
        <text>نص ثان &amp; أخير</text></doc>\n";

    fn articles(input: &str) -> Vec<Result<Article, (Reason, Option<u64>)>> {
        scan(input.as_bytes()).iter().map(|d| article(input.as_bytes(), d, "f.txt".into())).collect()
    }

    #[test]
    fn reads_fields_of_each_doc() {
        let got = articles(TWO_DOCS);
        assert_eq!(got.len(), 2);
        let a = got[0].as_ref().unwrap();
        assert_eq!(
            a.original,
            "وزير يزور المدينة\n\nزار الوزير المدينة يوم الخميس.\nقال: 3 < 4 و 5 > 2 & هذا صحيح."
        );
        assert_eq!(a.meta.headline, Some(0.."وزير يزور المدينة".len()));
        assert_eq!(a.meta.source_id.as_deref(), Some("XX-world-1-20180301"));
        assert_eq!(a.meta.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(a.meta.outlet.as_deref(), Some("مثال نيوز"));
        assert_eq!(a.meta.author.as_deref(), Some("الرباط - سلمى"));
        assert_eq!(a.meta.published.map(|t| t.to_rfc3339()).as_deref(), Some("2018-03-01T10:00:00+03:00"));
        assert_eq!(a.meta.format, "trec");
        let b = got[1].as_ref().unwrap();
        assert_eq!(b.original, "خبر ثان\n\nنص ثان & أخير");
        assert_eq!(b.meta.published.map(|t| t.to_rfc3339()).as_deref(), Some("2017-01-25T14:36:00+01:00"));
    }

    #[test]
    fn tolerates_missing_closing_tags() {
        let cases = [
            // TITLE never closed: it ends at the next field.
            ("<DOC><TITLE>عنوان<TIME>2017-01-22</TIME><TEXT>نص</TEXT></DOC>", Ok("عنوان\n\nنص")),
            // No </DOC> before the next <DOC>.
            ("<DOC><TEXT>أول</TEXT>\n<DOC><TEXT>ثان</TEXT></DOC>", Ok("أول")),
            // TEXT never closed but the DOC is.
            ("<DOC><TEXT>نص بلا نهاية\n</DOC>", Ok("نص بلا نهاية")),
            // Empty TITLE, self-closing AUTHOR.
            ("<DOC><TITLE></TITLE><AUTHOR/><TEXT>نص</TEXT></DOC>", Ok("نص")),
            // Title only.
            ("<DOC><TITLE>عنوان</TITLE><TEXT>\n</TEXT></DOC>", Ok("عنوان")),
            ("<DOC><DOCNO>1</DOCNO></DOC>", Err("no text")),
            ("<DOC><TITLE>عنوان</TITLE><TEXT>نص مقطوع", Err("truncated")),
        ];
        for (input, expected) in cases {
            let got = articles(input);
            let first = got[0].as_ref().map(|a| a.original.as_str()).map_err(|(r, _)| r.name());
            assert_eq!(first, expected, "input {input:?}");
        }
    }

    #[test]
    fn invalid_utf8_is_located_in_the_file() {
        let mut bytes = b"<DOC><TEXT>ok ".to_vec();
        bytes.push(0xFF);
        bytes.extend_from_slice(b"</TEXT></DOC>");
        let docs = scan(&bytes);
        let err = article(&bytes, &docs[0], "f".into()).unwrap_err();
        assert_eq!(err, (Reason::NotUtf8 { invalid: 0xFF }, Some(14)));
    }

    #[test]
    fn entities_are_decoded_and_stray_ampersands_kept() {
        let cases = [
            ("a &amp; b", "a & b"),
            ("&lt;b&gt; &quot;x&quot; &apos;", "<b> \"x\" '"),
            ("&#1575;&#x644;", "ال"),
            ("AT&T & co &unknown; &#xZZ;", "AT&T & co &unknown; &#xZZ;"),
            ("&", "&"),
        ];
        for (input, expected) in cases {
            assert_eq!(decode_entities(input), expected, "input {input:?}");
        }
    }
}
