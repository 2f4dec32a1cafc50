//! Locating `../shared` (the data folder beside the repository) for tests that read corpora.

use std::path::PathBuf;

/// `CARGO_MANIFEST_DIR/../../../shared`, or `None` (after printing a notice) when it is absent.
/// With `MARSAD_REQUIRE_SHARED=1` an absent folder is a failure instead.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("MARSAD_REQUIRE_SHARED").is_ok_and(|v| v == "1") {
        panic!(
            "MARSAD_REQUIRE_SHARED=1 but {} does not exist; put the shared data beside the repository",
            dir.display()
        );
    }
    println!("skipped: ../shared not found");
    None
}

/// Reads a file under `../shared`, panicking with its path when it cannot be read.
pub fn read(relative: &str) -> Option<String> {
    let path = shared_dir()?.join(relative);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => panic!("{}: {e}", path.display()),
    }
}
