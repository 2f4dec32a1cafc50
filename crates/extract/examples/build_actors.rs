//! Rebuilds `data/actors.tsv` from the UniversalPetrarch Arabic actor dictionary in `../shared`:
//! `cargo run -p marsad-extract --example build_actors`.

use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source =
        crate_dir.join("../../../shared/data/universalpetrarch_arabic/dictionaries/actor_dict_ar_v4.txt");
    let dictionary = std::fs::read_to_string(&source).map_err(|e| format!("{}: {e}", source.display()))?;
    let tsv = marsad_extract::entities::compile_actors(&dictionary);
    let target = crate_dir.join("data/actors.tsv");
    std::fs::write(&target, &tsv)?;
    eprintln!(
        "wrote {} ({} names)",
        target.display(),
        tsv.lines().filter(|l| !l.starts_with('#')).count() - 1
    );
    Ok(())
}
