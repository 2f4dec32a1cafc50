//! Copies found in real corpora: SaudiNewsNet (14 Saudi outlets, 2015; evaluation only, never
//! shipped) and ANT multi-source v2.1 (5 outlets, 2018), at several thresholds, and a
//! deterministic sample of found pairs for labelling by hand.
//!
//! ```text
//! cargo run --release -p marsad-group --example corpora [-- SAMPLE.tsv]
//! ```
//! Each corpus is added in its own order (SaudiNewsNet by file date, ANT by DOCNO) to one index
//! per setting: Jaccard alone at 0.5, 0.7 and 0.9 (no containment rule, no minimum size, every
//! candidate confirmed), then
//! the default configuration, and the default with the containment rule. A pair is a copy and the canonical article it was given. With a
//! path, writes 200 pairs found at Jaccard 0.5 (100 per corpus, chosen by a fixed seed) as TSV:
//! `corpus, copy id, canonical id, similarity, label, reason` (label and reason left empty; the
//! labelled copy is `testdata/dup_pairs_sample.tsv`). Pairs the default finds below Jaccard 0.7
//! (through containment) are printed to stderr for reading.

mod common;

use std::fmt::Write as _;
use std::time::Instant;

use common::{ant, saudinewsnet, shared_dir, Doc, Result};
use marsad_group::hash::SplitMix;
use marsad_group::{DupConfig, DupIndex, Shingles, Verdict};

const SAMPLE_PER_CORPUS: usize = 100;

/// The outlet part of an id: SaudiNewsNet ids are `source url`, ANT DOCNOs start with it (`BB-`).
fn outlet(corpus: &str, id: &str) -> String {
    match corpus {
        "saudinewsnet" => id.split(' ').next().unwrap_or_default().to_string(),
        _ => id.split('-').next().unwrap_or_default().to_string(),
    }
}

fn main() -> Result<()> {
    let sample_path = std::env::args().nth(1);
    let data = shared_dir().join("data");
    let corpora: [(&str, Vec<Doc>); 2] = [
        ("saudinewsnet", saudinewsnet(&data.join("saudinewsnet/dataset"))?),
        (
            "ant-multisource",
            ant(&data.join("ant_corpus_multisource_v2.1/antcorpus_multisource_v2.1.tar.gz"))?,
        ),
    ];
    let mut tsv = String::from("corpus\tcopy\tcanonical\tsimilarity\tlabel\treason\n");
    let jaccard_only = |min_jaccard| DupConfig {
        min_jaccard,
        min_containment: None,
        min_shingles: 1,
        estimate_slack: 0.0,
        ..DupConfig::default()
    };
    let settings = [
        ("J >= 0.5", jaccard_only(0.5)),
        ("J >= 0.7", jaccard_only(0.7)),
        ("J >= 0.9", jaccard_only(0.9)),
        ("default: J >= 0.7, >= 8 shingles", DupConfig::default()),
        (
            "J >= 0.7 or C >= 0.9, >= 8 shingles",
            DupConfig { min_containment: Some(0.9), ..DupConfig::default() },
        ),
    ];
    println!("| corpus | articles | setting | pairs | same outlet | across outlets | seconds |");
    println!("|---|---|---|---|---|---|---|");
    for (corpus, docs) in &corpora {
        let words = DupConfig::default().shingle_words;
        let shingles: Vec<Shingles> = docs.iter().map(|d| Shingles::from_text(&d.body, words)).collect();
        for (t, (setting, config)) in settings.iter().enumerate() {
            let started = Instant::now();
            let mut index = DupIndex::new(config.clone());
            let mut pairs = Vec::new();
            for (i, s) in shingles.iter().enumerate() {
                if let Verdict::CopyOf { id, similarity } = index.add_shingles(i, s) {
                    pairs.push((i, id, similarity));
                }
            }
            let seconds = started.elapsed().as_secs_f64();
            let (mut same_outlet, mut across) = (0, 0);
            for &(copy, canonical, _) in &pairs {
                if outlet(corpus, &docs[copy].id) == outlet(corpus, &docs[canonical].id) {
                    same_outlet += 1;
                } else {
                    across += 1;
                }
            }
            println!(
                "| {corpus} | {} | {setting} | {} | {same_outlet} | {across} | {seconds:.2} |",
                docs.len(),
                pairs.len()
            );
            if t + 1 == settings.len() {
                for &(copy, canonical, similarity) in
                    pairs.iter().filter(|p| f64::from(p.2) < config.min_jaccard).take(12)
                {
                    eprintln!("{corpus}\t{}\t{}\t{similarity:.3}", docs[copy].id, docs[canonical].id);
                }
            }
            if t == 0 {
                let mut rng = SplitMix::new(7);
                for i in (1..pairs.len()).rev() {
                    pairs.swap(i, rng.below(i + 1));
                }
                pairs.truncate(SAMPLE_PER_CORPUS);
                pairs.sort_by(|a, b| a.2.total_cmp(&b.2));
                for (copy, canonical, similarity) in pairs {
                    writeln!(
                        tsv,
                        "{corpus}\t{}\t{}\t{similarity:.3}\t\t",
                        docs[copy].id, docs[canonical].id
                    )?;
                }
            }
        }
    }
    if let Some(path) = sample_path {
        std::fs::write(&path, tsv).map_err(|e| format!("{path}: {e}"))?;
        eprintln!("wrote {path}");
    }
    Ok(())
}
