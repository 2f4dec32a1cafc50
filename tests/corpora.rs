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
    let already: u64 = number_after(stored_line, "(");
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
