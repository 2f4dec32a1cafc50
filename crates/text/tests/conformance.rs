//! External conformance: Lucene's Arabic normalisation, stemming and analyzer test vectors
//! (`../shared/data/lucene_arabic_tests`, Apache-2.0) in `ar_lucene`, and the Snowball oracle's
//! 91,962 word/stem pairs (`../shared/data/snowball_arabic_oracle`, read at test time, GPL data not
//! copied) through the `ar_snowball` stemmer step.

use marsad_testkit as shared;

use marsad_text::normalize::Normalizer;
use marsad_text::stem::{LightStem, SnowballStem};
use marsad_text::Analyzer;

/// The (fields) of each data row: lines that are neither comments nor empty, split on tabs.
fn rows(tsv: &str) -> Vec<Vec<&str>> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
        .collect()
}

#[test]
fn lucene_normalization_cases_pass() {
    let Some(tsv) = shared::read("data/lucene_arabic_tests/normalization.tsv") else { return };
    let normalizer = Normalizer::lucene();
    let mut passed = 0;
    for row in rows(&tsv) {
        let (name, input, expected) =
            (row[0], row.get(1).copied().unwrap_or(""), row.get(2).copied().unwrap_or(""));
        assert_eq!(normalizer.normalize(input), expected, "{name}: {input:?}");
        passed += 1;
    }
    println!("lucene normalization: {passed} cases passed");
    assert!(passed >= 14);
}

#[test]
fn lucene_stem_cases_pass() {
    let Some(tsv) = shared::read("data/lucene_arabic_tests/light_stem.tsv") else { return };
    let stemmer = LightStem::lucene();
    let mut passed = 0;
    for row in rows(&tsv) {
        let (name, input, expected) =
            (row[0], row.get(1).copied().unwrap_or(""), row.get(2).copied().unwrap_or(""));
        assert_eq!(stemmer.stem(input), expected, "{name}: {input:?}");
        passed += 1;
    }
    println!("lucene light stem: {passed} cases passed");
    assert!(passed >= 21);
}

#[test]
fn lucene_analyzer_cases_pass() {
    let Some(tsv) = shared::read("data/lucene_arabic_tests/analyzer.tsv") else { return };
    let analyzer = Analyzer::ar_lucene();
    let mut passed = 0;
    for row in rows(&tsv) {
        let (input, expected, note) =
            (row[0], row.get(1).copied().unwrap_or(""), row.get(2).copied().unwrap_or(""));
        // The stem-exclusion case needs a keyword set, which Marsad's chains do not take.
        if note.contains("stem-exclusion") {
            println!("not applicable (keyword set): {input:?}");
            continue;
        }
        let got: Vec<String> = analyzer.tokens(input).into_iter().map(|t| t.text).collect();
        let expected: Vec<&str> = expected.split(' ').filter(|s| !s.is_empty()).collect();
        assert_eq!(got, expected, "{input:?} ({note})");
        passed += 1;
    }
    println!("lucene analyzer: {passed} cases passed");
    assert!(passed >= 13);
}

#[test]
fn snowball_oracle_pairs_reproduced() {
    let dir = "data/snowball_arabic_oracle/rust_stemmers_1.2.0_test_data";
    let Some(words) = shared::read(&format!("{dir}/voc_ar.txt")) else { return };
    let Some(stems) = shared::read(&format!("{dir}/res_ar.txt")) else { return };
    let stemmer = SnowballStem::arabic();
    let mut pairs = 0;
    let mut wrong = Vec::new();
    for (word, stem) in words.lines().zip(stems.lines()) {
        pairs += 1;
        if stemmer.stem(word) != stem {
            wrong.push((word.to_string(), stem.to_string()));
        }
    }
    println!("snowball oracle: {} of {pairs} pairs reproduced", pairs - wrong.len());
    assert_eq!(pairs, 91_962);
    assert!(wrong.is_empty(), "{} pairs differ, first: {:?}", wrong.len(), wrong.first());
}
