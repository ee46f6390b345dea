//! The test harness: a fixture site copied into a temporary folder, and the real binary run on it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Root of the repository.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `vitrina` binary under test, as every test starts it: no colours in what it prints, and
/// `VITRINA_SETTLE_MS=0`, so `serve` remembers a folder listing or a file it read at once instead
/// of once it is 3 s old: a serve test then takes the same path on a fast machine and on a slow
/// one (`build` and `check` start from a fresh memory and are not affected).
pub fn vitrina() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vitrina"));
    cmd.env("NO_COLOR", "1").env("VITRINA_SETTLE_MS", "0");
    cmd
}

/// What a run printed.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<std::process::Output> for Run {
    fn from(out: std::process::Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
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

    /// An empty site folder, for a test that writes its own content (the default theme is
    /// vitrina's built-in one).
    pub fn empty() -> TestSite {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        fs::create_dir_all(&root).unwrap();
        TestSite { _tmp: tmp, root }
    }

    /// The site folder.
    pub fn path(&self) -> &Path {
        &self.root
    }

    /// Runs `vitrina ARGS` inside the site folder.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[])
    }

    /// Runs `vitrina ARGS` inside the site folder with extra environment variables.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let out = vitrina()
            .args(args)
            .current_dir(&self.root)
            .envs(env.iter().copied())
            .output()
            .unwrap();
        Run::from(out)
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

    /// Every file under `rel` with its bytes. A folder that is not there (or cannot be read) fails
    /// the test: an empty snapshot would make comparisons of two missing folders pass.
    #[track_caller]
    pub fn snapshot(&self, rel: &str) -> BTreeMap<String, Vec<u8>> {
        let base = self.root.join(rel);
        walkdir::WalkDir::new(&base)
            .into_iter()
            .map(|e| e.unwrap_or_else(|err| panic!("snapshot of {rel}: {err}")))
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

/// The files that differ between two snapshots (added, removed or changed), by name: what a
/// failed comparison of snapshots should print instead of every byte.
pub fn changed_files(
    before: &BTreeMap<String, Vec<u8>>,
    after: &BTreeMap<String, Vec<u8>>,
) -> Vec<String> {
    let mut names: Vec<&String> = before.keys().chain(after.keys()).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter(|n| before.get(*n) != after.get(*n))
        .cloned()
        .collect()
}

/// The metadata blocks an output image carries, by name: for JPEG every marker segment before
/// the image data except the JFIF header and the coding tables (APP1 Exif/XMP, APP2 ICC, APP13
/// IPTC, COM...), for WebP every RIFF chunk except the image data (EXIF, XMP, ICCP...). An
/// output image must carry none.
pub fn metadata_blocks(bytes: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    if bytes.starts_with(&[0xFF, 0xD8]) {
        let mut i = 2;
        while i + 4 <= bytes.len() && bytes[i] == 0xFF {
            let marker = bytes[i + 1];
            if marker == 0xDA {
                break; // start of scan: image data follows
            }
            let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
            let body = &bytes[i + 4..(i + 2 + len).min(bytes.len())];
            let jfif = marker == 0xE0 && body.starts_with(b"JFIF\0");
            // DQT, DHT, SOF0-15 (not DHT/JPG/DAC), DRI are image coding, not metadata.
            let coding = matches!(marker, 0xDB | 0xC4 | 0xDD) || (0xC0..=0xCF).contains(&marker);
            if !jfif && !coding {
                found.push(format!("JPEG marker {marker:#04x} ({} bytes)", len));
            }
            i += 2 + len;
        }
    } else if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        let mut i = 12;
        while i + 8 <= bytes.len() {
            let id = &bytes[i..i + 4];
            let len = u32::from_le_bytes([bytes[i + 4], bytes[i + 5], bytes[i + 6], bytes[i + 7]])
                as usize;
            if !matches!(id, b"VP8 " | b"VP8L" | b"VP8X" | b"ALPH") {
                found.push(format!("WebP chunk {}", String::from_utf8_lossy(id)));
            }
            i += 8 + len + (len & 1);
        }
    } else {
        found.push("not a JPEG or WebP file".into());
    }
    found
}
