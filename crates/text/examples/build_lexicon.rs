//! Builds `crates/text/data/lexicon.tsv`, the word-frequency lexicon compiled into `marsad-text`.
//!
//! Reads only sources whose licences allow shipping what is learned from them: the ANT corpus
//! v1.1 (Apache-2.0; the `<TITLE>` and `<TEXT>` of every document in the .tar.gz) and ANERcorp
//! (CC BY-SA; first column). Never SaudiNewsNet, PADT or the ANT multi-source set. UD Arabic-PUD
//! (CC BY-SA) is left out on purpose: it is the clitic segmenter's test set. Run from the
//! repository root: `cargo run --release -p marsad-text --example build_lexicon [SHARED_DIR] [MIN_COUNT]`.

use std::io::Read;
use std::path::{Path, PathBuf};

const DEFAULT_MIN_COUNT: u32 = 2;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let shared = args.next().map_or_else(|| PathBuf::from("../shared"), PathBuf::from);
    let min_count = match args.next() {
        Some(n) => n.parse()?,
        None => DEFAULT_MIN_COUNT,
    };
    let data = shared.join("data");
    let mut texts = ant_texts(&data.join("ant_corpus_v1.1/antcorpus_v1.1.tar.gz"))?;
    eprintln!("ant v1.1: {} titles and bodies", texts.len());
    texts.push(anercorp_text(&data.join("anercorp/original/ANERCorp.txt"))?);
    let tsv = marsad_text::build_lexicon(texts.iter().map(String::as_str), min_count);
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/lexicon.tsv");
    std::fs::write(&out, &tsv)?;
    eprintln!("{}: {} words, {} bytes", out.display(), tsv.lines().count(), tsv.len());
    Ok(())
}

/// The `<TEXT>` bodies and `<TITLE>`s of the TREC-like documents in the archive.
fn ant_texts(path: &Path) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut texts = Vec::new();
    for entry in archive.entries()? {
        let mut entry = entry?;
        if !entry.path()?.to_string_lossy().ends_with(".txt") {
            continue;
        }
        let mut raw = Vec::new();
        entry.read_to_end(&mut raw)?;
        let doc = String::from_utf8_lossy(&raw);
        for tag in ["TITLE", "TEXT"] {
            if let Some(body) = between(&doc, tag) {
                texts.push(body.to_string());
            }
        }
    }
    Ok(texts)
}

fn between<'a>(doc: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = doc.find(&open)? + open.len();
    let end = start + doc[start..].find(&close)?;
    Some(&doc[start..end])
}

/// ANERcorp: one `token label` per line; the tokens joined by spaces.
fn anercorp_text(path: &Path) -> Result<String, Box<dyn std::error::Error>> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(raw.lines().filter_map(|l| l.split_whitespace().next()).collect::<Vec<_>>().join(" "))
}
