//! Bad input gets a clear message naming its path and reason, and loses nothing else (issue 2):
//! invalid UTF-8, an empty file, a binary file, a 200 MB single line, a truncated `.tar.gz`.
//! Every bad file is written in a temporary folder at test time; the 200 MB ones are sparse.

use std::fs::{self, File};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;
use marsad_read::{Item, Reader, Reason, Record, Totals};

const GOOD: &str =
    "وزير يفتتح جسرا جديدا\n\nالمدينة - (وكالات)\nافتتح وزير النقل اليوم جسرا جديدا فوق النهر.\n";

/// What a walk delivered: article origins, rejection messages, reasons and coordinates, skips.
#[derive(Debug, Default)]
struct Seen {
    articles: Vec<String>,
    errors: Vec<String>,
    reasons: Vec<(String, &'static str, Option<Record>, Option<u64>)>,
    skipped: Vec<String>,
    totals: Totals,
}

fn read_with(reader: &Reader, paths: &[PathBuf]) -> Seen {
    let mut seen = Seen::default();
    seen.totals = reader.read_paths(paths, |item| match item {
        Item::Article { article, .. } => seen.articles.push(article.meta.origin),
        Item::Rejected(e) => {
            seen.errors.push(e.to_string());
            seen.reasons.push((e.origin.clone(), e.reason.name(), e.record, e.byte));
        }
        Item::Skipped { origin, .. } => seen.skipped.push(origin),
    });
    seen
}

fn read(paths: &[PathBuf]) -> Seen {
    read_with(&Reader::new(), paths)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).expect("write a test file");
    path
}

/// A file of `len` bytes that starts with `head`, ends with `tail` and is a hole in between.
fn sparse(dir: &Path, name: &str, head: &[u8], len: u64, tail: &[u8]) -> PathBuf {
    let path = dir.join(name);
    let mut file = File::create(&path).expect("create");
    file.write_all(head).expect("write head");
    file.seek(SeekFrom::Start(len - tail.len() as u64)).expect("seek");
    file.write_all(tail).expect("write tail");
    path
}

fn tar_gz(members: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut builder = tar::Builder::new(GzEncoder::new(Vec::new(), Compression::default()));
    for (name, data) in members {
        let mut header = tar::Header::new_gnu();
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder.append_data(&mut header, name, data.as_slice()).expect("append");
    }
    builder.into_inner().expect("finish tar").finish().expect("finish gzip")
}

/// Text that compresses badly, so that cutting the archive at a fraction lands where we expect.
fn noisy_text(len: usize, seed: u64) -> Vec<u8> {
    let letters: Vec<char> = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي ".chars().collect();
    let mut state = seed;
    let mut out = String::new();
    while out.len() < len {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        out.push(letters[(state >> 33) as usize % letters.len()]);
    }
    out.into_bytes()
}

#[test]
fn invalid_utf8_is_reported_with_path_and_byte() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = GOOD.as_bytes().to_vec();
    bytes.extend_from_slice(b"\xC7\xE1\xE3\xCF\xED\xE4\xC9\n"); // "المدينة" in Windows-1256
    let bad = write(dir.path(), "cp1256.txt", &bytes);
    let seen = read(std::slice::from_ref(&bad));
    assert!(seen.articles.is_empty());
    let origin = bad.display().to_string();
    assert_eq!(seen.reasons, vec![(origin.clone(), "not UTF-8", None, Some(GOOD.len() as u64))]);
    let expected = format!("{origin}: at byte {}: not UTF-8", GOOD.len());
    assert!(seen.errors[0].starts_with(&expected), "{}", seen.errors[0]);
}

#[test]
fn invalid_utf8_in_one_json_line_loses_only_that_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = r#"{"text": "الأول"}"#.as_bytes().to_vec();
    bytes.extend_from_slice(b"\n{\"text\": \"\xFF\"}\n{\"text\": \"\xD8\xA7\"}\n");
    let path = write(dir.path(), "feed.jsonl", &bytes);
    let seen = read(std::slice::from_ref(&path));
    let origin = path.display().to_string();
    assert_eq!(seen.articles, vec![format!("{origin}:line 1"), format!("{origin}:line 3")]);
    let first_line_len = r#"{"text": "الأول"}"#.len() as u64 + 1;
    assert_eq!(seen.reasons, vec![(origin, "not UTF-8", Some(Record::Line(2)), Some(first_line_len + 10))]);
}

#[test]
fn empty_and_blank_files_are_reported_empty() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.txt", b"");
    let blank = write(dir.path(), "blank.txt", b" \n\t\r\n");
    let blank_jsonl = write(dir.path(), "blank.jsonl", b"\n\n");
    let seen = read(&[empty.clone(), blank.clone(), blank_jsonl.clone()]);
    let names: Vec<_> = seen.reasons.iter().map(|(o, r, ..)| (o.clone(), *r)).collect();
    let expected: Vec<_> =
        [empty, blank, blank_jsonl].iter().map(|p| (p.display().to_string(), "empty")).collect();
    assert_eq!(names, expected);
}

#[test]
fn binary_files_are_reported_binary() {
    let dir = tempfile::tempdir().unwrap();
    let png = write(dir.path(), "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00");
    let controls = write(dir.path(), "controls.txt", &[1u8, 2, 3, 4, 5, 6, 7, 8, 0x0E, 0x0F, b'a']);
    let seen = read(&[png, controls]);
    assert_eq!(seen.reasons.iter().map(|r| r.1).collect::<Vec<_>>(), ["binary", "binary"]);
    assert!(seen.errors[0].contains("photo.txt: binary data (NUL bytes)"), "{}", seen.errors[0]);
}

#[test]
fn a_200_mb_single_line_is_too_large_and_the_next_line_is_read() {
    let dir = tempfile::tempdir().unwrap();
    const SIZE: u64 = 200 * 1000 * 1000;
    // A JSON line whose first 16 KiB are text (so it is not sniffed as binary), then a hole.
    let mut head = br#"{"text": ""#.to_vec();
    head.extend(std::iter::repeat_n(b'a', 16 * 1024));
    let tail = "\"}\n{\"text\": \"السطر التالي\"}\n".as_bytes();
    let jsonl = sparse(dir.path(), "huge.jsonl", &head, SIZE, tail);
    // A text file of one 200 MB line: refused from its size alone, before reading.
    let txt = sparse(dir.path(), "huge.txt", "كلمة ".repeat(2000).as_bytes(), SIZE, b"\n");
    let seen = read(&[jsonl.clone(), txt.clone()]);
    let (jsonl, txt) = (jsonl.display().to_string(), txt.display().to_string());
    assert_eq!(seen.articles, vec![format!("{jsonl}:line 2")]);
    assert_eq!(
        seen.reasons,
        vec![
            (jsonl.clone(), "too large", Some(Record::Line(1)), Some(0)),
            (txt.clone(), "too large", None, None)
        ]
    );
    assert_eq!(
        seen.errors[0],
        format!("{jsonl}: line 1 at byte 0: too large: line is over the 64 MiB limit")
    );
}

#[test]
fn a_line_over_a_small_limit_is_refused_without_losing_its_neighbours() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!("{{\"text\": \"{}\"}}", "ب".repeat(600));
    let bytes = format!("{{\"text\": \"قبل\"}}\n{long}\n{{\"text\": \"بعد\"}}");
    let path = write(dir.path(), "feed.ndjson", bytes.as_bytes());
    let seen = read_with(&Reader::new().with_max_record_bytes(1000), std::slice::from_ref(&path));
    let origin = path.display().to_string();
    assert_eq!(seen.articles, vec![format!("{origin}:line 1"), format!("{origin}:line 3")]);
    let second_line_at = "{\"text\": \"قبل\"}\n".len() as u64;
    assert_eq!(seen.reasons, vec![(origin, "too large", Some(Record::Line(2)), Some(second_line_at))]);
}

#[test]
fn a_truncated_tar_gz_delivers_the_members_before_the_cut_and_names_the_member_reached() {
    let dir = tempfile::tempdir().unwrap();
    let members = [
        ("news/a.txt", GOOD.as_bytes().to_vec()),
        ("news/b.txt", GOOD.replace("جديدا", "ثانيا").into_bytes()),
        ("news/c.txt", noisy_text(400_000, 7)),
        ("news/d.txt", GOOD.as_bytes().to_vec()),
    ];
    let whole = tar_gz(&members);
    let cut = write(dir.path(), "cc.tar.gz", &whole[..whole.len() / 2]);
    let after = write(dir.path(), "later.txt", GOOD.as_bytes());
    let seen = read(&[cut.clone(), after.clone()]);
    let archive = cut.display().to_string();
    assert_eq!(
        seen.articles,
        vec![format!("{archive}!news/a.txt"), format!("{archive}!news/b.txt"), after.display().to_string()]
    );
    assert_eq!(seen.reasons.len(), 1, "{:?}", seen.errors);
    assert_eq!(
        (seen.reasons[0].0.as_str(), seen.reasons[0].1),
        (format!("{archive}!news/c.txt").as_str(), "truncated")
    );
    assert!(seen.errors[0].starts_with(&format!("{archive}!news/c.txt: truncated: ")), "{}", seen.errors[0]);
}

#[test]
fn a_tar_cut_inside_a_header_names_the_last_member_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut builder = tar::Builder::new(Vec::new());
    for name in ["a.txt", "b.txt"] {
        let mut header = tar::Header::new_gnu();
        header.set_size(GOOD.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder.append_data(&mut header, name, GOOD.as_bytes()).expect("append");
    }
    let whole = builder.into_inner().expect("finish tar");
    // a.txt takes a 512-byte header and its data padded to 512; b.txt's header starts at 1,024.
    let cut = write(dir.path(), "x.tar", &whole[..1024 + 100]);
    let seen = read(std::slice::from_ref(&cut));
    let archive = cut.display().to_string();
    assert_eq!(seen.articles, vec![format!("{archive}!a.txt")]);
    assert_eq!(seen.reasons, vec![(archive.clone(), "truncated", None, None)]);
    let expected = format!("{archive}: truncated: the archive ends or breaks after a.txt (member 1)");
    assert!(seen.errors[0].starts_with(&expected), "{}", seen.errors[0]);
}

#[test]
fn a_folder_of_bad_files_reports_each_and_reads_the_good_one() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join("sub")).unwrap();
    write(root, "a_empty.txt", b"");
    write(root, "b_binary.txt", b"\x00\x01\x02\x03");
    write(root, "c_latin1.txt", b"caf\xE9\n");
    write(root, "d_bad.jsonl", b"{not json}\n");
    write(root, "e_array.xml", b"<root/>");
    write(root, "README.md", b"# about this corpus");
    write(root, "sub/z_good.txt", GOOD.as_bytes());
    let seen = read(&[root.to_path_buf()]);
    let base = root.display().to_string();
    assert_eq!(seen.articles, vec![format!("{base}/sub/z_good.txt")]);
    let reasons: Vec<_> =
        seen.reasons.iter().map(|(o, r, ..)| (o.strip_prefix(&base).unwrap_or(o), *r)).collect();
    assert_eq!(
        reasons,
        [
            ("/a_empty.txt", "empty"),
            ("/b_binary.txt", "binary"),
            ("/c_latin1.txt", "not UTF-8"),
            ("/d_bad.jsonl", "bad JSON"),
            ("/e_array.xml", "unknown format")
        ]
    );
    assert_eq!(seen.skipped, vec![format!("{base}/README.md")]);
    assert_eq!((seen.totals.articles, seen.totals.rejected, seen.totals.skipped), (1, 5, 1));
}

#[test]
fn a_missing_path_is_reported_and_the_next_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere.txt");
    let good = write(dir.path(), "good.txt", GOOD.as_bytes());
    let seen = read(&[missing.clone(), good]);
    assert_eq!(seen.articles.len(), 1);
    assert_eq!(seen.reasons[0].0, missing.display().to_string());
    assert_eq!(seen.reasons[0].1, "unreadable");
}

#[test]
fn reasons_have_distinct_stable_names() {
    let reasons = [
        Reason::NotUtf8 { invalid: 0xFF },
        Reason::Empty,
        Reason::Binary { why: "NUL bytes" },
        Reason::TooLarge { what: "line", size: None, limit: 1 },
        Reason::Truncated { detail: String::new() },
        Reason::BadJson { detail: String::new() },
        Reason::MissingText { detail: "" },
        Reason::UnknownFormat { detail: "" },
        Reason::Io { detail: String::new() },
    ];
    let names: Vec<_> = reasons.iter().map(Reason::name).collect();
    assert_eq!(
        names,
        [
            "not UTF-8",
            "empty",
            "binary",
            "too large",
            "truncated",
            "bad JSON",
            "no text",
            "unknown format",
            "unreadable"
        ]
    );
}
