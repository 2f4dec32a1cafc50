//! The committed `data/places.tsv` is exactly what the shared gazetteer files compile to.

use std::path::PathBuf;

/// The shared data folder, or `None` (with a notice) when it is absent and not required.
fn shared_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("MARSAD_REQUIRE_SHARED").as_deref() == Ok("1") {
        panic!("MARSAD_REQUIRE_SHARED=1 but {} is not a folder", dir.display());
    }
    println!("skipped: ../shared not found");
    None
}

#[test]
fn committed_places_match_a_rebuild_from_shared() {
    let Some(shared) = shared_dir() else { return };
    let gazetteers = shared.join("data/gazetteers");
    let read = |path: &str| {
        let path = gazetteers.join(path);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let rebuilt = marsad_gazetteer::compile_places(
        &read("geonames_cities15000/cities15000_arabic_script_names.tsv"),
        &read("mledoze_countries/countries_ar.tsv"),
        &read("cldr_48.2/localenames/ar/territories.json"),
    )
    .unwrap();
    let committed = include_str!("../data/places.tsv");
    assert!(
        rebuilt == committed,
        "data/places.tsv is stale\nhelp: run `cargo run -p marsad-gazetteer --example build_gazetteer`"
    );
}
