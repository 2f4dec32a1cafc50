//! Rebuilds `data/clusters.tsv` from ANT corpus v1.1 and the ANERcorp training split in
//! `../shared`: `cargo run --release -p marsad-extract --example build_clusters`.
//!
//! For experiments, more archives in ANT's format may follow (`-- ../shared/data/
//! ant_corpus_multisource_v2.1/*.tar.gz`): their texts are added. Their licence decides whether
//! the result may ship (ANT v2.1's does not allow it, see `data/SOURCES.md`); restore the file with
//! git after such a run.

use std::path::Path;
use std::time::Instant;

use marsad_extract::entities::{build_clusters, parse_conll};

#[path = "common/ant.rs"]
mod ant;
use ant::ant_texts;

/// Stems seen fewer times get no signature.
const MIN_COUNT: u32 = 3;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = crate_dir.join("../../../shared/data");
    let started = Instant::now();
    let mut texts: Vec<String> = Vec::new();

    let archives = std::iter::once(shared.join("ant_corpus_v1.1/antcorpus_v1.1.tar.gz"))
        .chain(std::env::args().skip(1).map(std::path::PathBuf::from));
    for ant in archives {
        texts.extend(ant_texts(&ant).map_err(|e| format!("{}: {e}", ant.display()))?);
    }

    let anercorp = shared.join("anercorp/camel_split_approx/ANERCorp_CamelSplit_approx_train.txt");
    let train = std::fs::read_to_string(&anercorp).map_err(|e| format!("{}: {e}", anercorp.display()))?;
    let sentences = parse_conll(&train).map_err(|e| format!("{}: {e}", anercorp.display()))?;
    texts.extend(sentences.iter().map(|s| s.words.join(" ")));

    let tsv = build_clusters(texts.iter().map(String::as_str), MIN_COUNT);
    let target = crate_dir.join("data/clusters.tsv");
    std::fs::write(&target, &tsv)?;
    eprintln!(
        "wrote {} ({} stems from {} texts) in {:.1} s",
        target.display(),
        tsv.lines().count() - 3,
        texts.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
