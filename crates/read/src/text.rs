//! Byte-level checks shared by the readers: UTF-8 with the offending offset, and the binary sniff.

/// Where UTF-8 decoding failed and on which byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Utf8Problem {
    pub at: usize,
    pub invalid: u8,
}

/// Decodes UTF-8, naming the first byte that is not part of a valid character.
pub fn decode_utf8(bytes: &[u8]) -> Result<&str, Utf8Problem> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        // A sequence cut by the end of the input has no invalid byte of its own; name its first one.
        Utf8Problem { at, invalid: bytes.get(at).copied().unwrap_or(0) }
    })
}

/// Why the start of an input looks like binary data rather than text, if it does.
///
/// NUL never occurs in text; a run of other C0 controls (beyond tab, newlines, form feed and escape)
/// over a tenth of the sample means an image, an executable or a compressed stream we do not know.
pub fn binary_sniff(sample: &[u8]) -> Option<&'static str> {
    if memchr::memchr(0, sample).is_some() {
        return Some("NUL bytes");
    }
    let controls =
        sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B)).count();
    (controls * 10 > sample.len()).then_some("mostly control bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniff_tells_binary_from_text() {
        let cases: [(&[u8], Option<&str>); 5] = [
            ("نص عربي\n\tسطر".as_bytes(), None),
            (b"", None),
            (b"GIF89a\x00\x01", Some("NUL bytes")),
            (&[1, 2, 3, 4, 5, b'a'], Some("mostly control bytes")),
            (b"ok\x01 and much more text after one stray control byte", None),
        ];
        for (input, expected) in cases {
            assert_eq!(binary_sniff(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn utf8_problem_names_offset_and_byte() {
        assert_eq!(decode_utf8(b"ab\xffc"), Err(Utf8Problem { at: 2, invalid: 0xFF }));
        assert_eq!(decode_utf8("ع".as_bytes()), Ok("ع"));
        assert_eq!(decode_utf8(&"ع".as_bytes()[..1]), Err(Utf8Problem { at: 0, invalid: 0xD8 }));
    }
}
