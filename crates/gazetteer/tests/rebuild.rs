//! The committed `data/places.tsv` is exactly what the shared gazetteer files compile to.

use marsad_testkit::shared_dir;

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
