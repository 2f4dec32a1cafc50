//! Writes `crates/extract/data/months.tsv` from the CLDR data in `../shared`.
//!
//! `cargo run -p marsad-extract --example compile_months [CLDR_DIR]`; the default CLDR_DIR is
//! `../shared/data/gazetteers/cldr_48.2` from the workspace root.

use std::path::{Path, PathBuf};

use marsad_extract::times::months::{compile_months, Calendar, CldrFile};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cldr = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| crate_dir.join("../../../shared/data/gazetteers/cldr_48.2"));
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(cldr.join("dates"))? {
        let locale = entry?.file_name().to_string_lossy().into_owned();
        let path = cldr.join("dates").join(&locale).join("ca-gregorian.json");
        texts.push((locale, Calendar::Gregorian, std::fs::read_to_string(&path)?));
    }
    for entry in std::fs::read_dir(cldr.join("cal-islamic"))? {
        let locale = entry?.file_name().to_string_lossy().into_owned();
        let path = cldr.join("cal-islamic").join(&locale).join("ca-islamic-umalqura.json");
        if path.exists() {
            texts.push((locale, Calendar::Hijri, std::fs::read_to_string(&path)?));
        }
    }
    texts.sort();
    let files: Vec<CldrFile<'_>> =
        texts.iter().map(|(locale, calendar, json)| CldrFile { locale, calendar: *calendar, json }).collect();
    let tsv = compile_months(&files)?;
    let out = crate_dir.join("data/months.tsv");
    std::fs::write(&out, tsv)?;
    eprintln!("compile_months: wrote {} from {} CLDR files", out.display(), files.len());
    Ok(())
}
