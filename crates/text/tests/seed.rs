//! The seed article (`../shared/seed/000_4a6ac2aa93eeae7b.txt`): sentences and search terms.

use marsad_testkit as shared;

use marsad_text::{sentences, Analyzer};

#[test]
fn seed_sentences() {
    let Some(text) = shared::read("seed/000_4a6ac2aa93eeae7b.txt") else { return };
    let ranges = sentences(&text);
    let all: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
    // Headline, dateline, then the body: no sentence is cut at `،` or inside `12 ساعة`.
    assert!(all[0].starts_with("كيري يصف محادثاته"), "{:?}", all[0]);
    assert!(all[0].ends_with("بـ”الجيدة”"), "{:?}", all[0]);
    assert_eq!(all[1], "نودلهي/ حمص/ وكالات");
    assert!(all.iter().any(|s| s.ends_with("لافروف بـ”الحوار الجيد”.")), "closing quote kept");
    assert!(all.iter().any(|s| s.contains("واستغرق اللقاء بينهما 12 ساعة.")));
    assert!(all.iter().all(|s| !s.starts_with('،') && !s.starts_with('”')));
    assert_eq!(all.last(), Some(&"قد يعجبك ايضا"));
    println!("seed: {} sentences", all.len());
}

#[test]
fn seed_search_terms_meet_the_query() {
    let Some(text) = shared::read("seed/000_4a6ac2aa93eeae7b.txt") else { return };
    let analyzer = Analyzer::ar_search();
    let terms: Vec<String> = analyzer.tokens(&text).into_iter().map(|t| t.text).collect();
    for query in ["محادثات", "لافروف", "واشنطن", "سوريا", "المشاورات"] {
        let query_terms = analyzer.tokens(query);
        assert_eq!(query_terms.len(), 1, "{query}");
        assert!(terms.contains(&query_terms[0].text), "{query} → {:?} not in the seed", query_terms[0].text);
    }
}
