//! Bad inputs are reported with their path and reason, counted, and skipped; the rest is stored.

use std::io::Write;

use crate::util::{run, stderr, stdout, TestDir};

const GOOD: &str = "خبر سليم\n\nالقاهرة - (أ ش أ) - افتتح المعرض السنوي للكتاب أبوابه اليوم.\n";

/// A .tar.gz with two articles, cut in the middle of the second member's data.
fn truncated_tar_gz() -> Vec<u8> {
    let mut tar = tar::Builder::new(Vec::new());
    for (name, text) in [("one.txt", GOOD.replace("خبر", "نبأ")), ("two.txt", "ب".repeat(40_000))] {
        let mut header = tar::Header::new_gnu();
        header.set_size(text.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        tar.append_data(&mut header, name, text.as_bytes()).unwrap();
    }
    let tar = tar.into_inner().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&tar).unwrap();
    let gz = gz.finish().unwrap();
    gz[..gz.len() * 2 / 3].to_vec()
}

#[test]
fn each_bad_input_is_reported_and_the_rest_is_stored() {
    let t = TestDir::new();
    t.write("in/good.txt", GOOD);
    t.write("in/not-utf8.txt", b"\xd8\xae\xd8\xa8\xd8 \xff\xfe broken");
    t.write("in/empty.txt", b"");
    t.write("in/binary.txt", [0u8, 1, 2, 3, 0, 0, 0x7f, 0x89, b'P', b'N', b'G', 0, 0, 0].repeat(64));
    t.write("in/cut.tar.gz", truncated_tar_gz());
    {
        // One 200 MB line, written in pieces so the test itself stays small in memory.
        let mut f = std::fs::File::create(t.path().join("in/huge.jsonl")).unwrap();
        f.write_all(b"{\"id\": \"x\", \"text\": \"").unwrap();
        let chunk = "ا".repeat(1 << 19);
        for _ in 0..200 {
            f.write_all(chunk.as_bytes()).unwrap();
        }
        f.write_all(b"\"}\n").unwrap();
    }
    let out = run(t.marsad().arg("ingest").arg(t.path().join("in")), 1);
    let err = stderr(&out);
    for name in ["not-utf8.txt", "empty.txt", "binary.txt", "huge.jsonl", "cut.tar.gz"] {
        assert!(
            err.lines().any(|l| l.starts_with("marsad: error: ") && l.contains(name)),
            "no error line naming {name} in:\n{err}"
        );
    }
    assert!(err.contains("Rejected 5"), "{err}");
    // good.txt and the first member of the cut archive are stored.
    assert!(err.contains("Stored 2 articles"), "{err}");
    let found = run(t.marsad().args(["search", "المعرض", "--json"]), 0);
    assert!(stdout(&found).starts_with("{\"total\":2}"), "{}", stdout(&found));
}

#[test]
fn a_missing_path_or_bad_flag_exits_2() {
    let t = TestDir::new();
    let out = run(t.marsad().args(["analyze", "/nonexistent/file.txt"]), 2);
    assert!(stderr(&out).contains("/nonexistent/file.txt"));
    let out = run(t.marsad().args(["analyze", "-", "--published", "yesterday"]), 2);
    assert!(stderr(&out).contains("YYYY-MM-DD"));
}

/// An Arabic news page of the team's own writing; `n` varies the story so that pages differ.
fn arabic_page(n: u32) -> String {
    format!(
        "<html><head><title>افتتاح الدورة {n} لمعرض الكتاب</title></head><body><nav>الرئيسية سياسة اقتصاد</nav><article>\
         <h1>افتتاح الدورة {n} لمعرض الكتاب</h1>\
         <p>افتتح وزير الثقافة صباح اليوم الدورة {n} لمعرض الكتاب الدولي، بمشاركة أكثر من ستمئة دار نشر من ثلاثين دولة عربية وأجنبية.</p>\
         <p>وقال الوزير في كلمة الافتتاح إن المعرض يخصص هذا العام جناحا لكتب الأطفال، ويستضيف ندوات يومية يشارك فيها كتاب ومترجمون.</p>\
         </article></body></html>"
    )
}

fn gzip_member(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// Issue 8's bad web input, through `marsad ingest --report`: each bad page or record is rejected
/// with its reason under its format, the windows-1256 page without a charset is stored, and the
/// records around the bad ones are read.
#[test]
fn bad_pages_and_records_are_counted_per_format_in_the_report() {
    use marsad_read::warc::response_record;
    let t = TestDir::new();
    t.write("in/legacy.html", encoding_rs::WINDOWS_1256.encode(&arabic_page(1)).0);
    t.write(
        "in/english.html",
        "<html><head><title>Book fair opens</title></head><body><article><h1>Book fair opens</h1>\
         <p>The minister of culture opened the international book fair this morning, with more than six hundred publishers from thirty countries.</p>\
         <p>He said the fair has a wing for children's books this year and hosts daily talks with writers and translators.</p>\
         </article></body></html>",
    );
    t.write(
        "in/deep.html",
        format!("<html><body>{}نص{}</body></html>", "<div>".repeat(10_000), "</div>".repeat(10_000)),
    );
    {
        // 50 MiB: real markup for the first 16 KiB, which detection reads, then a hole.
        let mut f = std::fs::File::create(t.path().join("in/huge.html")).unwrap();
        let mut head = arabic_page(2).into_bytes();
        head.resize(16 << 10, b' ');
        f.write_all(&head).unwrap();
        f.set_len(50 << 20).unwrap();
    }
    // A lying Content-Length (too short) between two good records, then a gzip member cut short.
    let lying = {
        let record = response_record("https://a.example/lie", arabic_page(3).as_bytes(), None);
        let text = String::from_utf8(record).unwrap();
        let at = text.find("Content-Length: ").unwrap() + "Content-Length: ".len();
        let end = at + text[at..].find('\r').unwrap();
        format!("{}20{}", &text[..at], &text[end..]).into_bytes()
    };
    let last = gzip_member(&response_record("https://a.example/cut", arabic_page(6).as_bytes(), None));
    let crawl = [
        gzip_member(&response_record("https://a.example/4", arabic_page(4).as_bytes(), Some("utf-8"))),
        gzip_member(&lying),
        gzip_member(&response_record("https://a.example/5", arabic_page(5).as_bytes(), Some("utf-8"))),
        last[..last.len() / 2].to_vec(),
    ]
    .concat();
    t.write("in/crawl.warc.gz", crawl);
    t.write("in/empty.txt", b"");

    let report = t.path().join("report.json");
    let out = run(t.marsad().arg("ingest").arg(t.path().join("in")).arg("--report").arg(&report), 1);
    let err = stderr(&out);
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let format = |name: &str| {
        let f = &report["by_format"][name];
        format!(
            "read {} arabic {} stored {} rejected {} {} languages {}",
            f["read"],
            f["arabic"],
            f["stored"],
            f["rejected"],
            f["rejected_by_reason"],
            f["skipped_by_language"]
        )
    };
    assert_eq!(
        format("html"),
        r#"read 4 arabic 1 stored 1 rejected 2 {"too large":1,"unknown format":1} languages {"eng":1}"#,
        "{err}"
    );
    assert_eq!(
        format("warc"),
        r#"read 4 arabic 2 stored 2 rejected 2 {"truncated":2} languages {}"#,
        "{err}"
    );
    assert_eq!(format("other"), r#"read 1 arabic 0 stored 0 rejected 1 {"empty":1} languages {}"#, "{err}");
    assert_eq!((report["stored"].as_u64(), report["rejected"].as_u64()), (Some(3), Some(5)), "{err}");
    for line in ["html 4 read: 1 Arabic, 1 stored", "warc 4 read: 2 Arabic, 2 stored"] {
        assert!(err.contains(line), "no {line:?} in:\n{err}");
    }
    // The windows-1256 page was decoded: its words are found with the two pages of the crawl, the
    // three stories being near-copies of each other (one hit with two copies).
    let found = stdout(&run(t.marsad().args(["search", "ومترجمون", "--json"]), 0));
    assert!(found.starts_with("{\"total\":1}") && found.contains("\"copies\":2"), "{found}");
}
