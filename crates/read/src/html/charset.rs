//! Character sets of web pages: bytes in, UTF-8 text out, with the encoding that was used.
//!
//! Entry point: [`decode`]. Arabic sites serve both UTF-8 and windows-1256, often without saying
//! which, or saying it wrongly. The order, first that applies:
//! 1. a byte-order mark;
//! 2. bytes that are valid UTF-8 (a legacy Arabic page is almost never valid UTF-8 by chance, since
//!    its letters are bytes 0xC1..0xFE followed by more of the same);
//! 3. the charset the transport declared (an HTTP `Content-Type` in a WARC record), then the one the
//!    page declares in a `<meta>` within its first 4 KiB, when it names a legacy encoding;
//! 4. otherwise a byte-statistics guess by `chardetng` (Firefox's detector), which tells
//!    windows-1256 from ISO-8859-6 and the Cyrillic and Latin code pages.
//!
//! A declared `utf-8` on bytes that are not UTF-8 is a lie and is ignored. Decoding never fails:
//! bytes that do not map are replaced by U+FFFD, as browsers do.

use encoding_rs::{Encoding, UTF_8};

/// How far into a page a `<meta charset>` is looked for (browsers look at 1 KiB; some pages put
/// scripts first).
const META_SCAN_BYTES: usize = 4096;

/// Decodes a page. `declared` is a charset label from outside the page (an HTTP header), if any.
/// Returns the text and the name of the encoding used.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> (String, &'static str) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), encoding.name());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), UTF_8.name());
    }
    let head = &bytes[..bytes.len().min(META_SCAN_BYTES)];
    let legacy = |encoding: &'static Encoding| encoding != UTF_8;
    let encoding = declared
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .filter(|e| legacy(e))
        .or_else(|| meta_charset(head).filter(|e| legacy(e)))
        .unwrap_or_else(|| {
            let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            // Valid UTF-8 was taken above; what is left is a legacy encoding.
            detector.guess(None, chardetng::Utf8Detection::Deny)
        });
    let (text, _, _) = encoding.decode(bytes);
    (text.into_owned(), encoding.name())
}

/// The encoding named by `<meta charset="…">` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">` in the head of a page, read on bytes (the page is not text yet).
pub fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = memchr::memmem::find(&lower[from..], b"charset") {
        let mut at = from + found + b"charset".len();
        from = at;
        while lower.get(at).is_some_and(|b| b.is_ascii_whitespace()) {
            at += 1;
        }
        if lower.get(at) != Some(&b'=') {
            continue;
        }
        at += 1;
        while lower.get(at).is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'') {
            at += 1;
        }
        let end = lower[at..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .map_or(lower.len(), |n| at + n);
        if let Some(encoding) = Encoding::for_label(&lower[at..end]) {
            return Some(encoding);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cp1256(text: &str) -> Vec<u8> {
        encoding_rs::WINDOWS_1256.encode(text).0.into_owned()
    }

    #[test]
    fn meta_charset_reads_both_forms() {
        let cases: [(&[u8], Option<&str>); 5] = [
            (b"<meta charset=\"windows-1256\">", Some("windows-1256")),
            (
                b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=cp1256\">",
                Some("windows-1256"),
            ),
            (b"<meta charset=utf-8>", Some("UTF-8")),
            (b"<meta charset=\"klingon\"><meta charset='iso-8859-6'>", Some("ISO-8859-6")),
            (b"<p>charset is a word</p>", None),
        ];
        for (head, expected) in cases {
            assert_eq!(
                meta_charset(head).map(Encoding::name),
                expected,
                "head {:?}",
                String::from_utf8_lossy(head)
            );
        }
    }

    #[test]
    fn arabic_pages_decode_whatever_they_declare() {
        let text = "<html><body><p>أعلنت وزارة الصحة في القاهرة اليوم عن افتتاح مستشفى جديد للأطفال في محافظة الجيزة، بحضور عدد من المسؤولين.</p></body></html>";
        let legacy = cp1256(text);
        let with_meta = [b"<meta charset=\"windows-1256\">".as_slice(), &legacy].concat();
        let lying_meta = [b"<meta charset=\"utf-8\">".as_slice(), &legacy].concat();
        let cases: [(&[u8], Option<&str>, &str); 6] = [
            (text.as_bytes(), None, "UTF-8"),
            (text.as_bytes(), Some("windows-1256"), "UTF-8"),
            (&legacy, None, "windows-1256"),
            (&legacy, Some("windows-1256"), "windows-1256"),
            (&with_meta, None, "windows-1256"),
            (&lying_meta, Some("utf-8"), "windows-1256"),
        ];
        for (bytes, declared, expected) in cases {
            let (decoded, encoding) = decode(bytes, declared);
            assert_eq!(encoding, expected, "declared {declared:?}");
            assert!(decoded.contains("افتتاح مستشفى جديد للأطفال"), "declared {declared:?}: {decoded}");
        }
    }

    #[test]
    fn a_byte_order_mark_wins() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("نص".as_bytes());
        assert_eq!(decode(&bytes, Some("windows-1256")), ("نص".to_string(), "UTF-8"));
    }
}
