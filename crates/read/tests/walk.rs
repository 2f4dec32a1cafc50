//! Walking: sorted folders, archives streamed member by member, `.gz` files, and the origins that
//! say where each article came from.

use std::fs;
use std::io::{Cursor, Write};
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;
use marsad_read::{Item, Reader};

const STORY: &str = "عنوان الخبر\n\nالرباط - (د ب أ)\nنص قصير عن حدث متخيل.\n";
const TWO_DOCS: &str = "<DOC>\n<DOCNO>X-1</DOCNO>\n<TITLE>الأول</TITLE>\n<TEXT>\nنص أول\n</TEXT>\n</DOC>\n\
    <DOC>\n<DOCNO>X-2</DOCNO>\n<TITLE>الثاني</TITLE>\n<TEXT>\nنص ثان\n</TEXT>\n</DOC>\n";
const FEED: &str =
    "{\"id\": 1, \"headline\": \"أ\", \"text\": \"نص\"}\n\n{\"id\": 2, \"text\": \"نص ثان\"}\n";

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(bytes).expect("gzip");
    gz.finish().expect("gzip")
}

fn tar(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    for (name, data) in members {
        let mut header = tar::Header::new_gnu();
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder.append_data(&mut header, name, *data).expect("append");
    }
    builder.into_inner().expect("tar")
}

/// Origins and formats of the articles read, and every other item as text.
fn walk(paths: &[&Path]) -> (Vec<(String, String)>, Vec<String>) {
    let paths: Vec<_> = paths.iter().map(|p| p.to_path_buf()).collect();
    let (mut articles, mut others) = (Vec::new(), Vec::new());
    Reader::new().read_paths(&paths, |item| match item {
        Item::Article { article, .. } => articles.push((article.meta.origin, article.meta.format)),
        Item::Rejected(e) => others.push(e.to_string()),
        Item::Skipped { origin, why, .. } => others.push(format!("skipped {origin}: {why}")),
    });
    (articles, others)
}

#[test]
fn folders_are_walked_in_sorted_order_with_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("b/inner")).unwrap();
    fs::write(root.join("c.txt"), STORY).unwrap();
    fs::write(root.join("a.jsonl"), FEED).unwrap();
    fs::write(root.join("b/inner/docs.xml"), TWO_DOCS).unwrap();
    fs::write(root.join("b/story.txt.gz"), gzip(STORY.as_bytes())).unwrap();
    let (articles, others) = walk(&[root]);
    let r = root.display().to_string();
    let expected = [
        (format!("{r}/a.jsonl:line 1"), "jsonl"),
        (format!("{r}/a.jsonl:line 3"), "jsonl"),
        (format!("{r}/b/inner/docs.xml#doc 1"), "trec"),
        (format!("{r}/b/inner/docs.xml#doc 2"), "trec"),
        (format!("{r}/b/story.txt.gz"), "txt"),
        (format!("{r}/c.txt"), "txt"),
    ];
    let expected: Vec<_> = expected.into_iter().map(|(o, f)| (o, f.to_string())).collect();
    assert_eq!(articles, expected);
    assert!(others.is_empty(), "{others:?}");
}

#[test]
fn archives_are_streamed_with_member_origins_and_nested_archives_opened() {
    let dir = tempfile::tempdir().unwrap();
    let inner = gzip(&tar(&[("in/deep.txt", STORY.as_bytes())]));
    let outer = tar(&[
        ("corpus/README.md", b"about".as_slice()),
        ("corpus/feed.jsonl", FEED.as_bytes()),
        ("corpus/one.txt", TWO_DOCS.as_bytes()),
        ("corpus/more.tgz", &inner),
    ]);
    let path = dir.path().join("cc.tar.gz");
    fs::write(&path, gzip(&outer)).unwrap();
    let (articles, others) = walk(&[&path]);
    let a = path.display().to_string();
    let origins: Vec<_> = articles.into_iter().map(|(o, _)| o).collect();
    assert_eq!(
        origins,
        [
            format!("{a}!corpus/feed.jsonl:line 1"),
            format!("{a}!corpus/feed.jsonl:line 3"),
            format!("{a}!corpus/one.txt#doc 1"),
            format!("{a}!corpus/one.txt#doc 2"),
            format!("{a}!corpus/more.tgz!in/deep.txt"),
        ]
    );
    assert_eq!(others, [format!("skipped {a}!corpus/README.md: a corpus's documentation, not an article")]);
}

#[test]
fn a_path_named_explicitly_is_read_whatever_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let readme = dir.path().join("README");
    fs::write(&readme, STORY).unwrap();
    let (articles, others) = walk(&[&readme]);
    assert_eq!(articles, [(readme.display().to_string(), "txt".to_string())]);
    assert!(others.is_empty());
}

#[test]
fn a_stream_is_detected_like_a_file() {
    let mut articles = Vec::new();
    let totals = Reader::new().read_stream("-", &mut Cursor::new(gzip(FEED.as_bytes())), |item| {
        if let Item::Article { article, bytes, .. } = item {
            articles.push((article.meta.origin, article.meta.source_id, bytes));
        }
    });
    let first_line = FEED.lines().next().unwrap().len() as u64 + 1;
    assert_eq!(
        articles,
        [
            ("-:line 1".to_string(), Some("1".to_string()), first_line),
            ("-:line 3".to_string(), Some("2".to_string()), FEED.len() as u64 - first_line - 1)
        ]
    );
    assert_eq!((totals.inputs, totals.articles, totals.rejected, totals.bytes), (1, 2, 0, FEED.len() as u64));
}

const PAGE: &str = "<html><head><title>افتتاح معرض الكتاب الدولي</title></head><body><article>\
    <h1>افتتاح معرض الكتاب الدولي</h1>\
    <p>افتتح وزير الثقافة صباح اليوم معرض الكتاب الدولي في دورته الجديدة، بمشاركة أكثر من ستمئة دار نشر من ثلاثين دولة.</p>\
    <p>وقال الوزير في كلمة الافتتاح إن المعرض يخصص هذا العام جناحا لكتب الأطفال ويستضيف ندوات يومية.</p>\
    </article></body></html>";

const ENGLISH_PAGE: &str = "<html><head><title>Book fair opens</title></head><body><article><h1>Book fair opens</h1>\
    <p>The minister of culture opened the international book fair this morning, with more than six hundred publishers taking part.</p>\
    <p>He said the fair has a wing for children's books this year and hosts daily talks with writers and translators.</p>\
    </article></body></html>";

#[test]
fn every_item_names_its_format_and_progress_counts_each_file_once() {
    use marsad_read::warc::response_record;
    use marsad_read::Format;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Arc;

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let warc: Vec<u8> = [
        response_record("https://a.example/1", PAGE.as_bytes(), Some("utf-8")),
        response_record("https://a.example/2", ENGLISH_PAGE.as_bytes(), None),
    ]
    .iter()
    .flat_map(|record| gzip(record))
    .collect();
    let files: [(&str, &[u8]); 8] = [
        ("a.txt", STORY.as_bytes()),
        ("b.jsonl", FEED.as_bytes()),
        ("c.xml", TWO_DOCS.as_bytes()),
        ("d.html", PAGE.as_bytes()),
        ("e.warc.gz", &warc),
        ("f.txt", b""),
        ("README.md", b"about the corpus"),
        ("photo.jpg", b"\xFF\xD8\xFF"),
    ];
    for (name, bytes) in files {
        fs::write(root.join(name), bytes).unwrap();
    }
    let read_when_walking: u64 = files
        .iter()
        .filter(|(n, _)| !matches!(*n, "README.md" | "photo.jpg"))
        .map(|(_, b)| b.len() as u64)
        .sum();
    let paths = [root.to_path_buf()];
    assert_eq!(marsad_read::walk::input_bytes(&paths), read_when_walking);

    let counter = Arc::new(AtomicU64::new(0));
    let (mut seen, mut counts) = (Vec::new(), Vec::new());
    Reader::new().with_progress(Arc::clone(&counter)).read_paths(&paths, |item| {
        counts.push(counter.load(Ordering::Relaxed));
        seen.push(match item {
            Item::Article { format, .. } => format!("article {}", format.name()),
            Item::Rejected(e) => {
                format!("rejected {} {}", e.reason.name(), e.format.map_or("-", Format::name))
            }
            Item::Skipped { lang, format, .. } => {
                format!("skipped {} {}", lang.unwrap_or("-"), format.map_or("-", Format::name))
            }
        });
    });
    assert_eq!(
        seen,
        [
            "skipped - -",
            "article txt",
            "article jsonl",
            "article jsonl",
            "article trec",
            "article trec",
            "article html",
            "article warc",
            "skipped eng warc",
            "rejected empty -",
            "skipped - -",
        ]
    );
    assert_eq!(counter.load(Ordering::Relaxed), read_when_walking);
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "the count only grows: {counts:?}");
}
