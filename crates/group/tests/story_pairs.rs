//! The hand-labelled story pairs (`testdata/story_pairs.tsv`) are well formed: 300 pairs of ANT
//! DOCNOs from different outlets and at most 3 days apart (by the date in the DOCNO, one day of
//! slack for time zones), 150 per stratum, each labelled `yes` or `no`.

use std::collections::BTreeSet;

/// `SK-middleEast-354-20180317` → (outlet `SK`, days since 2000 of 2018-03-17).
fn outlet_and_day(docno: &str) -> Option<(&str, i64)> {
    let parts: Vec<&str> = docno.split('-').collect();
    let [outlet, category, number, date] = parts.as_slice() else { return None };
    let known = ["AL", "BB", "CN", "FR", "SK"].contains(outlet);
    if !known || category.is_empty() || number.parse::<u32>().is_err() || date.len() != 8 {
        return None;
    }
    let (y, m, d): (i64, i64, i64) =
        (date[..4].parse().ok()?, date[4..6].parse().ok()?, date[6..].parse().ok()?);
    // Days in a proleptic calendar good enough to compare dates a few days apart.
    let month_starts = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let leap = i64::from(y % 4 == 0 && m > 2);
    Some((outlet, (y - 2000) * 365 + (y - 2000) / 4 + month_starts.get(m as usize - 1)? + leap + d))
}

#[test]
fn story_pairs_are_well_formed() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/story_pairs.tsv");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("first\tsecond\tstratum\tsame_story"), "{path}: header");
    let (mut plausible, mut random, mut seen) = (0, 0, BTreeSet::new());
    for (n, line) in lines.enumerate() {
        let at = format!("{path}: line {}", n + 2);
        let fields: Vec<&str> = line.split('\t').collect();
        let [first, second, stratum, label] = fields.as_slice() else { panic!("{at}: {line:?}") };
        let (a, b) = (outlet_and_day(first), outlet_and_day(second));
        let (Some((outlet_a, day_a)), Some((outlet_b, day_b))) = (a, b) else { panic!("{at}: not DOCNOs") };
        assert_ne!(outlet_a, outlet_b, "{at}: same outlet");
        assert!((day_a - day_b).abs() <= 4, "{at}: {} days apart", (day_a - day_b).abs());
        assert!(["yes", "no"].contains(label), "{at}: label {label:?}");
        match *stratum {
            "plausible" => plausible += 1,
            "random" => random += 1,
            other => panic!("{at}: stratum {other:?}"),
        }
        assert!(seen.insert((first.to_string(), second.to_string())), "{at}: pair repeated");
    }
    assert_eq!((plausible, random), (150, 150));
}
