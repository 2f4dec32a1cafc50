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
