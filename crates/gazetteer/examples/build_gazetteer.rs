//! Rebuilds `crates/gazetteer/data/places.tsv` from the shared gazetteer files.
//!
//! Usage: `cargo run -p marsad-gazetteer --example build_gazetteer [SHARED_DIR]`, where SHARED_DIR
//! defaults to `../shared` next to the repository. The compiling is done by
//! `marsad_gazetteer::compile_places`; this program only reads and writes files.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn run() -> Result<(), String> {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared =
        std::env::args_os().nth(1).map(PathBuf::from).unwrap_or_else(|| crate_dir.join("../../../shared"));
    let gazetteers = shared.join("data/gazetteers");
    let cities = read(&gazetteers.join("geonames_cities15000/cities15000_arabic_script_names.tsv"))?;
    let countries = read(&gazetteers.join("mledoze_countries/countries_ar.tsv"))?;
    let territories = read(&gazetteers.join("cldr_48.2/localenames/ar/territories.json"))?;
    let places =
        marsad_gazetteer::compile_places(&cities, &countries, &territories).map_err(|e| e.to_string())?;
    let out = crate_dir.join("data/places.tsv");
    std::fs::write(&out, &places).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("wrote {} ({} rows, {} bytes)", out.display(), places.lines().count(), places.len());
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("build_gazetteer: error: {e}");
            ExitCode::FAILURE
        }
    }
}
