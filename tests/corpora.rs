//! Runs on the corpora in ../shared/data: whole-corpus ingest and search.

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
