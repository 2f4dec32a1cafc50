//! Helpers shared by the end-to-end tests: a fresh folder and a `marsad` command per test, the
//! location of ../shared, and readable failure output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fresh temporary folder for one test, holding its store.
pub struct TestDir {
    pub dir: tempfile::TempDir,
}

impl TestDir {
    pub fn new() -> TestDir {
        TestDir { dir: tempfile::tempdir().expect("a temporary folder") }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn store(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    /// `marsad --store <this test's store>`.
    pub fn marsad(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_marsad"));
        cmd.arg("--store").arg(self.store());
        cmd
    }

    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("a file has a parent")).expect("create parent");
        std::fs::write(&path, bytes).expect("write a test file");
        path
    }
}

/// Runs a command and returns its output, printing both streams if `expect_code` does not match.
pub fn run(cmd: &mut Command, expect_code: i32) -> Output {
    let out = cmd.output().expect("marsad runs");
    let code = out.status.code().unwrap_or(-1);
    if code != expect_code {
        panic!(
            "\n{cmd:?}\nexited {code}, expected {expect_code}\n--- stdout ---\n{}\n--- stderr ---\n{}\n",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    out
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The repository's root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Skips the rest of a test when ../shared is absent; evaluates to its path otherwise.
macro_rules! require_shared {
    () => {
        match marsad_testkit::shared_dir() {
            Some(dir) => dir,
            None => return,
        }
    };
}
