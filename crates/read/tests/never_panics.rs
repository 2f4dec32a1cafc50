//! No input makes a reader panic: arbitrary bytes go to each parser and to the whole detection
//! path, plus inputs built from the pieces the scanners look for (tags, quotes, gzip and tar magic),
//! which random bytes alone would almost never hit.

use std::io::Cursor;

use marsad_read::{date, feed, html, jsonl, lang, trec, txt, Item, Reader};
use proptest::prelude::*;

/// Fragments that steer random input into the interesting branches.
fn pieces() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"<DOC>".to_vec()),
        Just(b"</DOC>".to_vec()),
        Just(b"<doc ".to_vec()),
        Just(b"<TEXT>".to_vec()),
        Just(b"</TEXT>".to_vec()),
        Just(b"<TITLE>".to_vec()),
        Just(b"</title>".to_vec()),
        Just(b"<TIME>".to_vec()),
        Just(b"<AUTHOR/>".to_vec()),
        Just(b"&amp;&#x;&#1575;&".to_vec()),
        Just(b"{\"text\": \"".to_vec()),
        Just(b"\"}\n".to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"\x1F\x8B\x08".to_vec()),
        Just("عنوان\n\n".as_bytes().to_vec()),
        Just(b"<html><body><div class=share>".to_vec()),
        Just("<h3>اقرأ أيضا</h3><ul><li><a href=/x>".as_bytes().to_vec()),
        Just(b"<meta property=\"article:published_time\" content=\"2024-".to_vec()),
        Just(b"<script type=\"application/ld+json\">{\"datePublished\":[".to_vec()),
        Just(b"<rss version=\"2.0\"><channel><item><link>".to_vec()),
        Just(b"WARC/1.0\r\nContent-Length: 12\r\n\r\n".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..8),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|parts| parts.concat())
}

fn any_input() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![proptest::collection::vec(any::<u8>(), 0..600), pieces()]
}

fn read_stream(name: &str, bytes: &[u8]) {
    let reader = Reader::new().with_max_record_bytes(256);
    let totals = reader.read_stream(name, &mut Cursor::new(bytes), |item| {
        if let Item::Article { article, .. } = item {
            if let Some(h) = article.meta.headline {
                assert!(article.original.get(h).is_some(), "headline range off the original");
            }
        }
    });
    assert!(totals.articles + totals.rejected + totals.skipped >= 1, "input {bytes:?} left no trace");
}

proptest! {
    #[test]
    fn txt_never_panics(bytes in any_input()) {
        let _ = txt::read(&bytes, "p.txt");
    }

    #[test]
    fn jsonl_record_never_panics(bytes in any_input()) {
        let _ = jsonl::parse_record(&String::from_utf8_lossy(&bytes), "p.jsonl:line 1".into());
    }

    #[test]
    fn trec_never_panics(bytes in any_input()) {
        for doc in trec::scan(&bytes) {
            if let Ok(article) = trec::article(&bytes, &doc, "p.xml".into()) {
                prop_assert!(!article.original.is_empty());
            }
        }
    }

    #[test]
    fn html_feed_and_language_never_panic(bytes in any_input()) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = html::extract(&text, Some("https://a.example/2024/01/02/x"));
        let _ = html::charset::decode(&bytes, Some("windows-1256"));
        let _ = html::meta::date_in_url(&text);
        let _ = feed::parse_feed(&bytes);
        let _ = lang::language(&text);
    }

    #[test]
    fn dates_never_panic(text in "\\PC{0,40}") {
        let _ = date::parse_published(&text);
    }

    #[test]
    fn detection_and_every_reader_never_panic(bytes in any_input()) {
        for name in ["p.txt", "p.jsonl", "p.xml", "p.gz", "p.html", "p.warc", "-"] {
            read_stream(name, &bytes);
        }
    }

    #[test]
    fn tar_and_gzip_lookalikes_never_panic(body in any_input(), cut in 0usize..1200) {
        // A real tar header followed by random data, cut anywhere, with and without gzip around it.
        let mut builder = tar::Builder::new(Vec::new());
        let mut header = tar::Header::new_gnu();
        header.set_size(body.len() as u64);
        header.set_cksum();
        builder.append_data(&mut header, "m.txt", body.as_slice()).expect("append");
        let tar = builder.into_inner().expect("tar");
        read_stream("p.tar", &tar[..cut.min(tar.len())]);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, &tar).expect("gzip");
        let gz = gz.finish().expect("gzip");
        read_stream("p.tar.gz", &gz[..cut.min(gz.len())]);
    }
}
