//! Test-only helpers shared by every crate's tests: where `../shared` is, and what to do without it.
//!
//! A test that reads the shared data calls [`shared_dir`] (or [`read`]) and returns early on `None`.
//! Without the folder the test prints `skipped: ../shared not found` and passes, so `cargo test`
//! works on a fresh clone; with `MARSAD_REQUIRE_SHARED=1` (as `.ci/run` sets) a missing folder fails
//! the test instead, so CI cannot pass by skipping. Used only as a dev-dependency.

use std::path::PathBuf;

/// `../shared` beside the repository, or `None` after printing the skip notice.
pub fn shared_dir() -> Option<PathBuf> {
    // This crate sits at crates/testkit, so the repository root is two folders up.
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if dir.join("data").is_dir() {
        return Some(dir);
    }
    if std::env::var("MARSAD_REQUIRE_SHARED").as_deref() == Ok("1") {
        panic!(
            "MARSAD_REQUIRE_SHARED=1 but {} has no data/ folder; put the shared data beside the repository",
            dir.display()
        );
    }
    println!("skipped: ../shared not found (set MARSAD_REQUIRE_SHARED=1 to require it)");
    None
}

/// The text of a file under `../shared`, `None` when the folder is absent; panics naming the path
/// when the folder is there but the file cannot be read.
pub fn read(relative: &str) -> Option<String> {
    let path = shared_dir()?.join(relative);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => panic!("{}: {e}", path.display()),
    }
}
