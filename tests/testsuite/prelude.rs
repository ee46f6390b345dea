//! The test harness: a fixture site copied into a temporary folder, and the real binary run on it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Root of the repository.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What a run printed.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// A site in a temporary folder.
pub struct TestSite {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

impl TestSite {
    /// `tests/fixtures/<name>` (a path such as `invalid/unknown_key` works too), with the repo's
    /// themes unless the fixture has its own.
    pub fn fixture(name: &str) -> TestSite {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        copy_dir(&repo().join("tests/fixtures").join(name), &root);
        if !root.join("themes").exists() {
            copy_dir(&repo().join("themes"), &root.join("themes"));
        }
        TestSite { _tmp: tmp, root }
    }

    /// The example fair of the repository (content/, themes/, static/).
    pub fn example() -> TestSite {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        for d in ["content", "themes", "static"] {
            copy_dir(&repo().join(d), &root.join(d));
        }
        TestSite { _tmp: tmp, root }
    }

    /// The site folder.
    pub fn path(&self) -> &Path {
        &self.root
    }

    /// Runs `vitrina ARGS` inside the site folder.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_vitrina"))
            .args(args)
            .current_dir(&self.root)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// `vitrina build`, which must succeed.
    #[track_caller]
    pub fn build_ok(&self) -> Run {
        let r = self.run(&["build"]);
        assert_eq!(r.code, 0, "build failed:\n{}", r.stderr);
        r
    }

    /// A file of the output, as text.
    #[track_caller]
    pub fn page(&self, rel: &str) -> String {
        let p = self.root.join("public").join(rel);
        fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    /// Writes a file of the site.
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let p = self.root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    /// Every file under `rel` with its bytes.
    pub fn snapshot(&self, rel: &str) -> BTreeMap<String, Vec<u8>> {
        let base = self.root.join(rel);
        walkdir::WalkDir::new(&base)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let k = e
                    .path()
                    .strip_prefix(&base)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                (k, fs::read(e.path()).unwrap())
            })
            .collect()
    }
}
