//! Prints Marsad's score on the time-expression gold set (`testdata/times/*.tsv`).
//!
//! `cargo run -p marsad-extract --example eval_times [FILE.tsv ...]`; bench/times/dateparser_peer.py
//! runs it to print Marsad's line next to dateparser's.

use std::path::{Path, PathBuf};

use marsad_extract::times::{eval_times, parse_gold};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/times");
    let mut paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        paths = vec![dir.join("gold.tsv"), dir.join("examples.tsv")];
    }
    let mut gold = Vec::new();
    for path in &paths {
        let tsv = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        gold.extend(parse_gold(&tsv).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    print!("{}", eval_times(&gold));
    Ok(())
}
