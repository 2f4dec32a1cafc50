//! WARC files through [`Reader`]: Arabic pages in UTF-8 and in windows-1256 without a declared
//! charset come out as articles, other languages are skipped with their code, and damaged input
//! (cut gzip members, lying lengths, huge or absurdly nested pages) costs only its own record.

use std::io::{Cursor, Write};
use std::path::PathBuf;

use flate2::write::GzEncoder;
use flate2::Compression;
use marsad_read::warc::response_record;
use marsad_read::{Item, Reader, Totals};
use proptest::prelude::*;

fn testdata_page(file: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/html").join(file);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const ARABIC_PAGES: [&str; 5] = [
    "01_wordpress_economy.html",
    "02_div_soup_politics.html",
    "03_inline_widgets_health.html",
    "04_trailing_lists_sport.html",
    "05_table_layout_culture.html",
];

/// A page in windows-1256, declaring no charset anywhere.
fn legacy_page() -> Vec<u8> {
    let html = "<html><head><title>افتتاح معرض الكتاب الدولي في دورته الجديدة</title></head><body><article>\
        <h1>افتتاح معرض الكتاب الدولي في دورته الجديدة</h1>\
        <p>افتتح وزير الثقافة صباح اليوم معرض الكتاب الدولي في دورته الجديدة، بمشاركة أكثر من ستمئة دار نشر من ثلاثين دولة عربية وأجنبية.</p>\
        <p>وقال الوزير في كلمة الافتتاح إن المعرض يخصص هذا العام جناحا لكتب الأطفال، ويستضيف ندوات يومية يشارك فيها كتاب ومترجمون من مختلف البلدان.</p>\
        </article></body></html>";
    encoding_rs::WINDOWS_1256.encode(html).0.into_owned()
}

fn foreign_page(title: &str, paragraph: &str) -> Vec<u8> {
    format!("<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{paragraph}</p><p>{paragraph}</p></article></body></html>").into_bytes()
}

fn record(kind: &str, content: &[u8]) -> Vec<u8> {
    let mut r =
        format!("WARC/1.0\r\nWARC-Type: {kind}\r\nContent-Length: {}\r\n\r\n", content.len()).into_bytes();
    r.extend_from_slice(content);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

/// The records of a small mixed crawl, in order.
fn crawl() -> Vec<Vec<u8>> {
    let mut records = vec![record("warcinfo", b"software: marsad tests\r\n")];
    for (i, file) in ARABIC_PAGES.iter().enumerate() {
        records.push(record("request", format!("GET /{i} HTTP/1.1\r\n\r\n").as_bytes()));
        records.push(response_record(
            &format!("https://news.example/{i}"),
            &testdata_page(file),
            Some("utf-8"),
        ));
    }
    records.push(response_record("https://old.example/1", &legacy_page(), None));
    records.push(response_record(
        "https://en.example/1",
        &foreign_page(
            "Ministers meet in Cairo",
            "Arab foreign ministers met in Cairo on Saturday to discuss humanitarian aid and agree on a common position before the coming summit.",
        ),
        None,
    ));
    records.push(response_record(
        "https://fa.example/1",
        &foreign_page(
            "نشست وزیران در قاهره",
            "وزیران خارجه کشورهای عربی روز شنبه در قاهره دیدار کردند تا درباره کمک‌های انسانی گفتگو کنند و پیش از نشست آینده به موضعی مشترک برسند.",
        ),
        None,
    ));
    records
}

fn gzip_members(records: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for r in records {
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(r).expect("writing to memory");
        out.extend(gz.finish().expect("writing to memory"));
    }
    out
}

#[derive(Default)]
struct Seen {
    articles: Vec<marsad_article::Article>,
    rejected: Vec<String>,
    languages: Vec<&'static str>,
}

fn read(name: &str, bytes: &[u8]) -> (Seen, Totals) {
    let mut seen = Seen::default();
    let totals = Reader::new().read_stream(name, &mut Cursor::new(bytes), |item| match item {
        Item::Article { article, .. } => seen.articles.push(article),
        Item::Rejected(e) => seen.rejected.push(e.to_string()),
        Item::Skipped { lang: Some(lang), .. } => seen.languages.push(lang),
        Item::Skipped { .. } => {}
    });
    (seen, totals)
}

#[test]
fn arabic_pages_go_on_and_other_languages_are_counted() {
    let plain: Vec<u8> = crawl().concat();
    let packed = gzip_members(&crawl());
    for (name, bytes) in [("crawl.warc", plain), ("crawl.warc.gz", packed)] {
        let (seen, totals) = read(name, &bytes);
        assert_eq!(seen.rejected, Vec::<String>::new(), "{name}");
        assert_eq!(seen.articles.len(), 6, "{name}");
        assert_eq!(seen.languages, ["eng", "pes"], "{name}");
        assert_eq!((totals.articles, totals.other_language, totals.skipped), (6, 2, 2 + 6), "{name}");
        let origins: Vec<&str> = seen.articles.iter().map(|a| a.meta.origin.as_str()).collect();
        assert_eq!(origins[0], format!("{name}#record 3"));
        let legacy = &seen.articles[5];
        assert!(legacy.original.starts_with("افتتاح معرض الكتاب الدولي"), "{}", legacy.original);
        assert!(legacy.original.contains("بمشاركة أكثر من ستمئة دار نشر"), "{}", legacy.original);
        assert_eq!(legacy.meta.url.as_deref(), Some("https://old.example/1"));
        assert!(seen.articles.iter().all(|a| !a.original.contains("اقرأ أيضا")));
    }
}

#[test]
fn a_cut_gzip_member_ends_the_file_after_the_records_before_it() {
    let packed = gzip_members(&crawl());
    let last_member = gzip_members(&crawl()[crawl().len() - 1..]).len();
    let cut = &packed[..packed.len() - last_member / 2];
    let (seen, _) = read("cut.warc.gz", cut);
    assert_eq!(seen.articles.len(), 6);
    assert_eq!(seen.languages, ["eng"]);
    assert_eq!(seen.rejected.len(), 1, "{:?}", seen.rejected);
    assert!(seen.rejected[0].contains("truncated"), "{:?}", seen.rejected);
}

#[test]
fn a_file_cut_within_the_bytes_detection_reads_still_gives_the_records_before_the_cut() {
    let records = [
        response_record("https://old.example/1", &legacy_page(), None),
        record("warcinfo", b"software: marsad tests\r\n"),
        response_record("https://old.example/2", &legacy_page(), None),
    ];
    let packed = gzip_members(&records);
    let last_member = gzip_members(&records[2..]).len();
    let cut = &packed[..packed.len() - last_member / 2];
    assert!(records.concat().len() < 8 * 1024, "the whole crawl fits in what detection reads");
    let (seen, _) = read("small.warc.gz", cut);
    assert_eq!(seen.articles.len(), 1, "{:?}", seen.rejected);
    assert_eq!(seen.rejected.len(), 1, "{:?}", seen.rejected);
    assert!(seen.rejected[0].contains("truncated"), "{:?}", seen.rejected);
}

#[test]
fn huge_and_deep_pages_are_rejected_and_the_next_record_read() {
    let huge = {
        let mut page = b"<html><body><p>".to_vec();
        page.resize(50 << 20, b'a');
        page
    };
    let deep = format!("<html><body>{}نص{}</body></html>", "<div>".repeat(10_000), "</div>".repeat(10_000));
    let good = testdata_page(ARABIC_PAGES[0]);
    let warc = [
        response_record("https://a.example/huge", &huge, None),
        response_record("https://a.example/deep", deep.as_bytes(), None),
        response_record("https://a.example/good", &good, None),
    ]
    .concat();
    let (seen, _) = read("bad.warc", &warc);
    assert_eq!(seen.articles.len(), 1);
    assert_eq!(seen.rejected.len(), 2, "{:?}", seen.rejected);
    assert!(
        seen.rejected[0].contains("record 1") && seen.rejected[0].contains("too large"),
        "{:?}",
        seen.rejected
    );
    assert!(
        seen.rejected[1].contains("record 2") && seen.rejected[1].contains("nested"),
        "{:?}",
        seen.rejected
    );
    let (seen, _) = read("deep.html", deep.as_bytes());
    assert_eq!((seen.articles.len(), seen.rejected.len()), (0, 1));
}

#[test]
fn multi_member_gzip_text_is_read_whole() {
    let text = "عنوان الخبر\n\nالفقرة الأولى من الخبر.\n\nالفقرة الثانية من الخبر.\n";
    let (a, b) = text.split_at(text.find("الفقرة الثانية").unwrap_or(0));
    let packed = gzip_members(&[a.as_bytes().to_vec(), b.as_bytes().to_vec()]);
    let (seen, _) = read("news.txt.gz", &packed);
    assert_eq!(seen.articles.len(), 1);
    assert_eq!(seen.articles[0].original, text);
}

/// Fragments that steer random input into the WARC and HTTP parsers' branches.
fn warc_pieces() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"WARC/1.0\r\n".to_vec()),
        Just(b"WARC-Type: response\r\n".to_vec()),
        Just(b"Content-Length: 40\r\n".to_vec()),
        Just(b"Content-Length: 99999999999\r\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\r\n\r\n".to_vec()),
        Just(b"HTTP/1.1 200 OK\r\n".to_vec()),
        Just(b"Content-Type: text/html; charset=windows-1256\r\n".to_vec()),
        Just(b"Transfer-Encoding: chunked\r\n".to_vec()),
        Just(b"Content-Encoding: gzip\r\n".to_vec()),
        Just(b"5\r\nabcde\r\n0\r\n".to_vec()),
        Just("<html><body><div><p>نص عربي قصير</p></div>".as_bytes().to_vec()),
        Just(b"\x1F\x8B\x08\x00".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..8),
    ];
    proptest::collection::vec(piece, 0..30).prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn warc_reading_never_panics(bytes in warc_pieces()) {
        let _ = read("p.warc", &[b"WARC/1.0\r\n".as_slice(), &bytes].concat());
    }

    #[test]
    fn html_reading_never_panics(bytes in warc_pieces()) {
        let _ = read("p.html", &[b"<html>".as_slice(), &bytes].concat());
    }
}
