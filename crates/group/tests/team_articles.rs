//! Copy detection on the team's own articles (`examples/news`, in the repository): controlled
//! copies are found and attributed, and different articles on the same story (the El Fasher truce,
//! then its evacuation) are not copies. Also checks the hand-labelled sample's format.

use std::fs;
use std::path::Path;

use marsad_group::eval::{apply_edit, Edit};
use marsad_group::{DupConfig, DupIndex, Verdict};

fn team_articles() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/news");
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(), text)
        })
        .collect()
}

fn body(text: &str) -> &str {
    text.split_once('\n').map_or("", |(_, b)| b)
}

#[test]
fn controlled_copies_of_team_articles_are_found_and_originals_stay_apart() {
    let articles = team_articles();
    assert!(articles.len() >= 10, "expected the team's example articles");
    let vocabulary: Vec<&str> = articles.iter().flat_map(|(_, t)| t.split_whitespace()).collect();
    let mut index = DupIndex::new(DupConfig::default());
    for (name, text) in &articles {
        let verdict = index.add_text(name.clone(), body(text));
        assert_eq!(verdict, Verdict::Canonical, "{name} is a different article, not a copy");
    }
    // Edits a copying outlet makes and that the default threshold (Jaccard 0.7) must absorb.
    let light =
        [Edit::Exact, Edit::RewriteHeadline, Edit::DropParagraph, Edit::ChangeNumbers, Edit::Words(0.05)];
    for (i, (name, text)) in articles.iter().enumerate() {
        for (e, edit) in light.iter().enumerate() {
            let copy = apply_edit(text, *edit, (i * 10 + e) as u64, &vocabulary);
            let verdict = index.add_text(format!("{name} {}", edit.label()), body(&copy));
            assert!(
                matches!(&verdict, Verdict::CopyOf { id, .. } if id == name),
                "{name} with {}: {verdict:?}",
                edit.label()
            );
        }
    }
}

#[test]
fn labelled_sample_has_ids_and_a_label_per_pair() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/dup_pairs_sample.tsv");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("corpus\tcopy\tcanonical\tsimilarity\tlabel\treason"));
    let mut rows = 0;
    for (n, line) in lines.enumerate() {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 6, "line {}: {line}", n + 2);
        assert!(["saudinewsnet", "ant-multisource"].contains(&fields[0]), "line {}", n + 2);
        let similarity: f64 = fields[3].parse().unwrap_or_else(|e| panic!("line {}: {e}", n + 2));
        assert!((0.5..=1.0).contains(&similarity), "line {}", n + 2);
        assert!(["yes", "no"].contains(&fields[4]) && !fields[5].is_empty(), "line {}", n + 2);
        rows += 1;
    }
    assert_eq!(rows, 200);
}
