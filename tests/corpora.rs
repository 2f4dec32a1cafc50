//! Runs on the corpora in ../shared/data: whole-corpus ingest and search.

use std::io::Write;
use std::path::Path;

use crate::util::{run, stderr, stdout, TestDir};

/// The number written right after `marker` in `text`, without its thousands separators.
fn number_after(text: &str, marker: &str) -> u64 {
    let at = text.find(marker).unwrap_or_else(|| panic!("no {marker:?} in {text}")) + marker.len();
    text[at..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

fn hits(out: &std::process::Output) -> Vec<serde_json::Value> {
    stdout(out).lines().skip(1).map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// The issue-2 acceptance on the ANT multi-source corpus (31,525 articles from five outlets, 2018).
#[test]
fn ant_multisource_ingests_and_finds_lavrov_and_clitic_forms() {
    let shared = require_shared!();
    let t = TestDir::new();
    let corpus = shared.join("data/ant_corpus_multisource_v2.1/");
    let out = run(t.marsad().arg("ingest").arg(&corpus).arg("--quiet"), 0);
    let err = stderr(&out);
    assert!(err.contains("Read 31,525 articles"), "{err}");
    // Some articles appear twice with the same text (filed under two sections); they are stored once.
    let stored_line = err.lines().find(|l| l.trim_start().starts_with("Stored ")).expect("a Stored line");
    let stored: u64 = number_after(stored_line, "Stored ");
    let already: u64 = number_after(stored_line, "; ");
    assert_eq!(stored + already, 31_525, "{err}");
    assert!(stored > 30_000, "{err}");
    assert!(!err.contains("Rejected"), "{err}");

    let out = run(t.marsad().args(["search", "لافروف", "--json", "--limit", "20"]), 0);
    let found = hits(&out);
    assert_eq!(found.len(), 20);
    for h in &found {
        let id = h["id"].as_str().unwrap();
        let text = stdout(&run(t.marsad().args(["show", id]), 0));
        assert!(text.contains("لافروف"), "hit {id} does not name Lavrov");
    }

    // محادثات must find articles that only have the word with clitics attached.
    let out = run(t.marsad().args(["search", "محادثات", "--json", "--limit", "100"]), 0);
    let only_clitic_forms = hits(&out).iter().any(|h| {
        let text = stdout(&run(t.marsad().args(["show", h["id"].as_str().unwrap()]), 0));
        let bare = text.split(|c: char| !c.is_alphabetic()).any(|w| w == "محادثات");
        !bare && (text.contains("المحادثات") || text.contains("ومحادثات"))
    });
    assert!(only_clitic_forms, "no hit for محادثات that has only المحادثات / ومحادثاته");
}

/// An ingest killed with SIGKILL part-way, then run again, gives the same store as one that was not
/// interrupted: the same number of articles and the same search results, in the same order.
#[test]
fn ingest_killed_part_way_then_rerun_equals_an_uninterrupted_one() {
    let shared = require_shared!();
    let corpus = shared.join("data/ant_corpus_v1.1/antcorpus_v1.1.tar.gz");
    let whole = TestDir::new();
    run(whole.marsad().arg("ingest").arg(&corpus).arg("--quiet"), 0);

    let cut = TestDir::new();
    let mut child = cut
        .marsad()
        .arg("ingest")
        .arg(&corpus)
        .arg("--quiet")
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("marsad starts");
    // Long enough for some batches to be committed, short enough to cut the run on this machine.
    std::thread::sleep(std::time::Duration::from_millis(2500));
    child.kill().expect("SIGKILL");
    child.wait().unwrap();
    run(cut.marsad().arg("ingest").arg(&corpus).arg("--quiet"), 0);

    let stored = |t: &TestDir| {
        let err = stderr(&run(t.marsad().arg("ingest").arg(&corpus).arg("--quiet"), 0));
        let line =
            err.lines().find(|l| l.trim_start().starts_with("Stored ")).expect("a Stored line").to_string();
        assert!(line.contains("Stored 0 articles"), "a third run stores nothing new: {line}");
        line
    };
    assert_eq!(stored(&cut), stored(&whole));
    for query in ["تونس", "الحكومة", "كرة القدم", "جانفي"] {
        // Ids with their number of copies: the copy groups decided after the kill must match too.
        let ids = |t: &TestDir| -> Vec<String> {
            hits(&run(t.marsad().args(["search", query, "--json", "--limit", "50"]), 0))
                .iter()
                .map(|h| format!("{} {}", h["id"].as_str().unwrap(), h["copies"]))
                .collect()
        };
        assert_eq!(ids(&cut), ids(&whole), "results for {query} differ");
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The first `n` articles of an ANT archive as a crawl, in the form of CC-NEWS: each in a news page
/// with a share bar and an `اقرأ أيضا` box, every fourth in windows-1256 without a charset, a
/// `request` record before each `response`, an English page after every hundredth, one gzip member
/// per record. Returns the file's bytes and the number of English pages.
fn ant_crawl(archive: &Path, n: usize) -> (Vec<u8>, usize) {
    let mut articles = Vec::new();
    marsad_read::Reader::new().read_paths(&[archive.to_path_buf()], |item| {
        if let marsad_read::Item::Article { article, .. } = item {
            if articles.len() < n {
                articles.push(article);
            }
        }
    });
    let mut out = Vec::new();
    let mut member = |record: &[u8]| {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(record).unwrap();
        out.extend(gz.finish().unwrap());
    };
    let english = "<html><head><title>Ministers meet</title></head><body><article><h1>Ministers meet</h1>\
        <p>Foreign ministers met on Saturday to discuss aid and agree on a common position before the summit.</p>\
        <p>They said talks would go on next week in the capital, with envoys from the region taking part.</p>\
        </article></body></html>";
    let mut english_pages = 0;
    for (i, a) in articles.iter().enumerate() {
        let headline = a.meta.headline.clone().map_or("", |h| &a.original[h]).trim();
        let body = a.meta.headline.clone().map_or(a.original.as_str(), |h| &a.original[h.end..]);
        let paragraphs: String =
            body.lines().filter(|l| !l.trim().is_empty()).map(|l| format!("<p>{}</p>", escape(l))).collect();
        let page = format!(
            "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><title>{h}</title></head><body>\
             <nav><a href=\"/\">الرئيسية</a> <a href=\"/sport\">رياضة</a></nav><main><article><h1>{h}</h1>\
             <div class=\"share\">شارك <a>فيسبوك</a> <a>تويتر</a></div>{paragraphs}\
             <div class=\"related\"><h4>اقرأ أيضا</h4><ul><li><a href=\"/{i}\">خبر آخر</a></li></ul></div>\
             </article></main><footer>جميع الحقوق محفوظة</footer></body></html>",
            h = escape(headline),
        );
        let url = format!("https://news.example/{i}");
        member(format!("WARC/1.0\r\nWARC-Type: request\r\nWARC-Target-URI: {url}\r\nContent-Length: 18\r\n\r\nGET / HTTP/1.1\r\n\r\n\r\n\r\n").as_bytes());
        if i % 4 == 3 {
            let legacy = encoding_rs::WINDOWS_1256.encode(&page).0;
            member(&marsad_read::warc::response_record(&url, &legacy, None));
        } else {
            member(&marsad_read::warc::response_record(&url, page.as_bytes(), Some("utf-8")));
        }
        if i % 100 == 99 {
            english_pages += 1;
            member(&marsad_read::warc::response_record(&format!("{url}/en"), english.as_bytes(), None));
        }
    }
    (out, english_pages)
}

/// Every stored article in storing order: its id, its JSON with every layer, and its copy group.
fn store_contents(store: &Path) -> Vec<(String, String, String)> {
    let store = marsad_store::Store::open(store).expect("the store opens");
    let mut all = Vec::new();
    store
        .for_each_stored(|stored| {
            let (article, group) = stored.expect("a stored article reads back");
            all.push((
                article.id.clone(),
                marsad_article::json::to_json(&article).to_string(),
                format!("{group:?}"),
            ));
        })
        .expect("the store lists its articles");
    all
}

/// The WARC form of the crash test above: an ingest of a `.warc.gz` of ANT pages killed with
/// SIGKILL right after its first batch reached the index (so sometimes between the index's commit
/// and SQLite's), then run again, gives the same articles with the same annotations and copy
/// groups, in the same order, and the same search results, as an uninterrupted ingest.
#[test]
fn warc_ingest_killed_part_way_then_rerun_equals_an_uninterrupted_one() {
    let shared = require_shared!();
    let files = TestDir::new();
    // Three batches of 512: the kill comes after the first, with two still to go.
    let (crawl, english_pages) = ant_crawl(&shared.join("data/ant_corpus_v1.1/antcorpus_v1.1.tar.gz"), 1_200);
    let crawl = files.write("crawl.warc.gz", crawl);

    let whole = TestDir::new();
    let report = files.path().join("report.json");
    run(whole.marsad().arg("ingest").arg(&crawl).arg("--quiet").arg("--report").arg(&report), 0);
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let warc = &report["by_format"]["warc"];
    assert_eq!(warc["read"].as_u64(), Some(1_200 + english_pages as u64), "{report}");
    assert_eq!(warc["arabic"].as_u64(), Some(1_200), "{report}");
    assert_eq!(warc["skipped_by_language"]["eng"].as_u64(), Some(english_pages as u64), "{report}");
    assert_eq!(warc["skipped_other"].as_u64(), Some(1_200), "request records: {report}");
    // (the story index's document-frequency table alone is 16 MiB)
    assert!(report["group_index_bytes"].as_u64().is_some_and(|b| b > 16 << 20), "{report}");
    let whole_stored = warc["stored"].as_u64().unwrap();
    assert_eq!(whole_stored + warc["already_stored"].as_u64().unwrap(), 1_200, "{report}");

    let cut = TestDir::new();
    let mut child = cut
        .marsad()
        .arg("ingest")
        .arg(&crawl)
        .arg("--quiet")
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("marsad starts");
    // tantivy lists a segment in meta.json once the first batch is committed to the index.
    let meta = cut.store().join("index/meta.json");
    while !std::fs::read_to_string(&meta).is_ok_and(|m| m.contains("segment_id")) {
        assert!(child.try_wait().unwrap().is_none(), "the ingest ended before its first commit was seen");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(child.try_wait().unwrap().is_none(), "the ingest ended before it could be killed");
    child.kill().expect("SIGKILL");
    child.wait().unwrap();
    let killed_at = store_contents(&cut.store()).len();
    assert!(killed_at < whole_stored as usize, "the kill came after the last batch");
    run(cut.marsad().arg("ingest").arg(&crawl).arg("--quiet"), 0);

    let (got, expected) = (store_contents(&cut.store()), store_contents(&whole.store()));
    assert_eq!(got.len(), expected.len(), "killed after {killed_at} articles");
    for (g, e) in got.iter().zip(&expected) {
        assert_eq!(g.0, e.0, "articles stored in another order (killed after {killed_at})");
        assert!(g.1 == e.1, "article {} is annotated differently (killed after {killed_at})", g.0);
        assert_eq!(g.2, e.2, "article {} has another copy group (killed after {killed_at})", g.0);
    }
    for query in ["الحكومة", "كرة القدم", "تونس"] {
        let (got, expected) = (ranked(&cut, query), ranked(&whole, query));
        assert_eq!(got.len(), expected.len(), "results for {query} (killed after {killed_at})");
        // Equal scores come in the index's internal order, which depends on how its segments were
        // committed and merged: hits of one score are compared as a set, and at the cut-off of
        // the page only their number.
        let last_score = expected.last().map(|(score, ..)| score.clone());
        let mut groups: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
        for ((score, got), (expected_score, expected)) in got.into_iter().zip(expected) {
            assert_eq!(score, expected_score, "scores for {query} differ (killed after {killed_at})");
            match groups.last_mut() {
                Some((s, g, e)) if *s == score => {
                    g.push(got);
                    e.push(expected);
                }
                _ => groups.push((score, vec![got], vec![expected])),
            }
        }
        for (score, mut got, mut expected) in groups {
            if Some(&score) != last_score.as_ref() {
                got.sort();
                expected.sort();
                assert_eq!(got, expected, "hits of score {score} for {query} (killed after {killed_at})");
            }
        }
    }
}

/// The first 50 hits for `query`, each as its score and `id copies`.
fn ranked(t: &TestDir, query: &str) -> Vec<(String, String)> {
    hits(&run(t.marsad().args(["search", query, "--json", "--limit", "50"]), 0))
        .iter()
        .map(|h| (h["score"].to_string(), format!("{} {}", h["id"].as_str().unwrap(), h["copies"])))
        .collect()
}

/// The hand judgements of coded events on whole ANT articles all resolve to an article and a
/// sentence, and the coder keeps the precision, the real events and the right sources reported in
/// docs/evaluation.md on the rows its rules were written from.
#[test]
fn event_judgements_resolve_and_keep_their_scores() {
    let shared = require_shared!();
    let t = TestDir::new();
    let judgements =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/extract/testdata/event_judgements/ant_events.tsv");
    let corpus = shared.join("data/ant_corpus_multisource_v2.1/");
    let args = ["eval", "event-judgements", "--part", "dev", "--judgements"];
    let out = run(t.marsad().args(args).arg(&judgements).arg("--corpus").arg(&corpus), 0);
    let text = stdout(&out);
    assert!(text.contains("judged events 180 (100 real); articles missing from the corpus 0"), "{text}");
    let precision: f64 = text.split("precision ").nth(1).and_then(|r| r.get(..5)).unwrap().parse().unwrap();
    assert!(precision >= 0.71, "{text}");
    let kept = text.split("real events kept ").nth(1).unwrap();
    assert!(number_after(kept, "(") >= 97, "{text}");
    let sources = text.split("sources right in real events still coded: ").nth(1).unwrap();
    assert!(number_after(sources, "(") >= 33, "{text}");
}
