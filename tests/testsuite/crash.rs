//! Crash safety and concurrency, as an organizer would meet them: a build killed (SIGKILL) at 50
//! random moments, two builds of one site at once, a build while `serve` runs, a full disk and a
//! read-only output folder. Each leaves the previous output whole, and the next build makes
//! exactly what a clean build makes (the cache stays sound). A damaged cache entry is redone:
//! `photos::a_rebuild_encodes_nothing_and_a_damaged_cache_entry_is_redone`.
//!
//! The killed builds are timed by a seeded generator, printed; `VITRINA_CRASH_SEED=N` replays a
//! run's moments (the machine's speed still moves them a little).

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::prelude::*;

type Snapshot = BTreeMap<String, Vec<u8>>;

/// The photo quality of each state a test switches between: changing it re-encodes every
/// photo, so each build has real photo work and each state its own output.
const QUALITIES: [u32; 2] = [75, 74];

/// The fixture fair plus a vendor of the example fair with five real photos: a cold build lasts
/// long enough (about a second in debug) to be killed in the middle of its photos.
fn lab() -> TestSite {
    let site = TestSite::fixture("full_fair");
    copy_dir(
        &repo().join("content/vendors/aroma-de-villa-rica"),
        &site.path().join("content/vendors/aroma-de-villa-rica"),
    );
    site
}

/// Sets the fair's photo quality to state `state` of [`QUALITIES`].
fn set_state(site: &TestSite, state: usize) {
    let path = site.path().join("content/fair.toml");
    let text = fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let line = lines
        .iter_mut()
        .find(|l| l.starts_with("quality = "))
        .expect("the fixture sets a photo quality");
    *line = format!("quality = {}", QUALITIES[state]);
    site.write("content/fair.toml", lines.join("\n") + "\n");
}

/// What a clean build of the site as it is makes (fresh output, fresh cache, elsewhere), and
/// how long it took.
fn clean_build(site: &TestSite, extra: &[&str]) -> (Snapshot, Duration) {
    let start = Instant::now();
    let mut args = vec!["build", "--out", "clean", "--cache-dir", "clean-cache"];
    args.extend_from_slice(extra);
    let run = site.run(&args);
    let took = start.elapsed();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let snap = site.snapshot("clean");
    fs::remove_dir_all(site.path().join("clean")).unwrap();
    fs::remove_dir_all(site.path().join("clean-cache")).unwrap();
    (snap, took)
}

/// Asserts that `now` is byte for byte one of the `whole` outputs.
#[track_caller]
fn assert_whole(now: &Snapshot, whole: &[&Snapshot], what: &str) {
    if whole.contains(&now) {
        return;
    }
    let diffs: Vec<Vec<String>> = whole.iter().map(|w| changed_files(w, now)).collect();
    panic!("{what}: the output is no whole build; files differing from each: {diffs:?}");
}

/// The build folders a build leaves while it runs (staging folders, claimed kept outputs, their
/// lock files) still in the site folder or the cache: none once a build has finished.
fn leftovers(site: &TestSite) -> Vec<String> {
    let mut found = Vec::new();
    for dir in [
        site.path().to_path_buf(),
        site.path().join(".vitrina-cache"),
    ] {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for e in entries {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            if name.contains(".tmp-") || name.starts_with("output-claimed-") {
                found.push(name);
            }
        }
    }
    found
}

/// splitmix64: a small seeded generator, so a failing run's moments can be replayed.
struct Rng(u64);

impl Rng {
    fn from_env() -> (Rng, u64) {
        let seed = std::env::var("VITRINA_CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
            });
        (Rng(seed), seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A duration in `[0, max]`.
    fn upto(&mut self, max: Duration) -> Duration {
        let nanos = max.as_nanos().max(1) as u64;
        Duration::from_nanos(self.next() % (nanos + 1))
    }
}

/// When a build is killed.
#[derive(Debug, Clone, Copy)]
enum Moment {
    /// This long after it started (mostly during the photos: they are most of a cold build).
    After(Duration),
    /// This long after its staging folder appears (pages are being written).
    Writing(Duration),
    /// This long after the output folder was swapped (the rest of the commit: the old output
    /// moved into the cache, the ledger and the photo cache's manifest saved).
    Swapped(Duration),
}

/// `vitrina ARGS` in the site folder, quiet.
fn spawn(site: &TestSite, args: &[&str]) -> Child {
    vitrina()
        .args(args)
        .current_dir(site.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// The inode of a path (0 when it is not there).
fn inode(p: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    fs::symlink_metadata(p).map_or(0, |m| m.ino())
}

/// True once the build has a staging folder (fresh beside the output, or a claimed kept one).
fn staging_exists(site: &TestSite) -> bool {
    leftovers(site).iter().any(|n| !n.ends_with(".lock"))
}

/// Runs `vitrina build` and kills it (SIGKILL) at `moment`. True when it was killed, false when
/// it had finished first (then it must have succeeded).
fn build_killed_at(site: &TestSite, moment: Moment) -> bool {
    let public = site.path().join("public");
    let before = inode(&public);
    let start = Instant::now();
    let mut child = spawn(site, &["build"]);
    let mut armed: Option<Instant> = None;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).ok();
            assert!(status.success(), "{moment:?}: the build failed:\n{err}");
            return false;
        }
        let now = Instant::now();
        let due = match moment {
            Moment::After(d) => Some(start + d),
            Moment::Writing(d) => {
                if armed.is_none() && staging_exists(site) {
                    armed = Some(now);
                }
                armed.map(|t| t + d)
            }
            Moment::Swapped(d) => {
                if armed.is_none() && inode(&public) != before {
                    armed = Some(now);
                }
                armed.map(|t| t + d)
            }
        };
        if due.is_some_and(|due| now >= due) {
            child.kill().unwrap();
            child.wait().unwrap();
            return true;
        }
        match moment {
            // The swap and what follows it take a few milliseconds: watch closely.
            Moment::Swapped(_) => std::thread::yield_now(),
            _ => std::thread::sleep(Duration::from_micros(200)),
        }
    }
}

#[test]
fn a_build_killed_at_50_random_moments_leaves_a_whole_output_and_a_sound_cache() {
    let site = lab();
    let (mut rng, seed) = Rng::from_env();
    eprintln!("crash moments from seed {seed} (VITRINA_CRASH_SEED={seed} replays them)");
    let mut clean = Vec::new();
    let mut cold = Duration::ZERO;
    for state in 0..QUALITIES.len() {
        set_state(&site, state);
        let (snap, took) = clean_build(&site, &[]);
        clean.push(snap);
        cold = cold.max(took);
    }
    assert_ne!(clean[0], clean[1]);
    set_state(&site, 0);
    site.build_ok();
    let mut shown = 0;
    // Killed builds by kind of moment (after a delay, while writing, after the swap).
    let mut killed = [0; 3];
    let mut finished = 0;
    for round in 0..50 {
        // Every round builds the other state: its photos are not in the cache, so the killed
        // build is busy with photos, pages and the swap like a cold one.
        let target = 1 - shown;
        set_state(&site, target);
        let moment = match round % 5 {
            0 => Moment::Writing(rng.upto(Duration::from_millis(20))),
            1 => Moment::Swapped(rng.upto(Duration::from_millis(3))),
            _ => Moment::After(rng.upto(cold)),
        };
        let what = format!("round {round}, killed at {moment:?}, seed {seed}");
        if build_killed_at(&site, moment) {
            killed[match moment {
                Moment::After(_) => 0,
                Moment::Writing(_) => 1,
                Moment::Swapped(_) => 2,
            }] += 1;
        } else {
            finished += 1;
        }
        // The output is the previous build's or, once swapped, the new one: whole either way.
        assert_whole(
            &site.snapshot("public"),
            &[&clean[shown], &clean[target]],
            &what,
        );
        // The next build succeeds, sweeps what the killed one left and makes exactly what a
        // clean build makes: nothing half-written in the cache or in the reused output trees.
        let next = site.run(&["build"]);
        assert_eq!(
            next.code, 0,
            "{what}: the next build failed:\n{}",
            next.stderr
        );
        assert_whole(&site.snapshot("public"), &[&clean[target]], &what);
        assert_eq!(leftovers(&site), Vec::<String>::new(), "{what}");
        shown = target;
    }
    eprintln!(
        "killed {killed:?} builds (after a delay, writing, swapped), {finished} finished first"
    );
    let total: usize = killed.iter().sum();
    assert!(
        total >= 35,
        "too few moments hit a running build: {killed:?}"
    );
}

/// Runs `vitrina build` twice at once; both must finish.
fn two_builds_at_once(site: &TestSite) {
    let children: Vec<Child> = (0..2).map(|_| spawn(site, &["build"])).collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn two_builds_of_one_site_at_once_both_finish_and_the_output_is_whole() {
    let site = lab();
    let clean = clean_states(&site);
    // The very first build (no output, no cache yet), then each state's photos new to the cache,
    // then nothing to do, then a deleted output.
    for (round, state) in [0, 1, 0, 0].into_iter().enumerate() {
        set_state(&site, state);
        if round == 3 {
            fs::remove_dir_all(site.path().join("public")).unwrap();
        }
        two_builds_at_once(&site);
        assert_whole(
            &site.snapshot("public"),
            &[&clean[state]],
            &format!("round {round}"),
        );
        assert_eq!(leftovers(&site), Vec::<String>::new(), "round {round}");
    }
    // And the cache both left is sound.
    site.build_ok();
    assert_whole(&site.snapshot("public"), &[&clean[0]], "after");
}

/// A running `vitrina serve` on a free port.
struct Served {
    child: Child,
    base: String,
}

impl Served {
    fn start(site: &TestSite) -> Served {
        let mut child = vitrina()
            .args(["serve", "--port", "0"])
            .current_dir(site.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let base = loop {
            let line = lines.next().expect("serve exited").unwrap();
            if let Some(at) = line.find("http://") {
                break line[at..].split_whitespace().next().unwrap().to_string();
            }
        };
        // Keep reading, so serve never blocks on a full pipe.
        std::thread::spawn(move || lines.map_while(Result::ok).for_each(drop));
        Served { child, base }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

#[test]
fn a_build_while_serve_runs_leaves_both_outputs_whole() {
    let site = lab();
    let served = Served::start(&site);
    let clean: Vec<(Snapshot, Snapshot)> = (0..QUALITIES.len())
        .map(|s| {
            set_state(&site, s);
            let build = clean_build(&site, &[]).0;
            let serve = clean_build(&site, &["--base-url", &served.base]).0;
            (build, serve)
        })
        .collect();
    // Each state change makes serve rebuild (new photos) while a build makes the same photos
    // into the same cache.
    for (round, state) in [0, 1, 0].into_iter().enumerate() {
        set_state(&site, state);
        site.build_ok();
        assert_whole(
            &site.snapshot("public"),
            &[&clean[state].0],
            &format!("build, round {round}"),
        );
        // serve catches up: its folder ends whole, as a build for its address.
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let now = site.snapshot(".vitrina-serve/site");
            if now == clean[state].1 {
                break;
            }
            if Instant::now() > deadline {
                assert_whole(&now, &[&clean[state].1], &format!("serve, round {round}"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    drop(served);
    site.build_ok();
    assert_whole(&site.snapshot("public"), &[&clean[0].0], "after serve");
}

/// Runs `cmd` (a program and its arguments); true when it succeeded.
fn sh(cmd: &[&str]) -> bool {
    Command::new(cmd[0])
        .args(&cmd[1..])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A small tmpfs mounted at a folder for the test's life (needs root or CAP_SYS_ADMIN).
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(at: &Path, kb: u64) -> Option<SmallDisk> {
        fs::create_dir_all(at).unwrap();
        let size = format!("size={kb}k");
        sh(&["mount", "-t", "tmpfs", "-o", &size, "tmpfs", at.to_str()?])
            .then(|| SmallDisk(at.to_path_buf()))
    }

    /// Fills the disk up to `room` bytes (a file of zeros).
    fn fill_leaving(&self, room: u64) {
        use std::io::Write;
        let path = self.0.join("filler");
        let mut f = fs::File::create(&path).unwrap();
        let block = vec![0u8; 4096];
        while f.write_all(&block).is_ok() {}
        drop(f);
        let len = fs::metadata(&path).unwrap().len();
        fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .unwrap()
            .set_len(len.saturating_sub(room))
            .unwrap();
    }

    fn empty(&self) {
        fs::remove_file(self.0.join("filler")).ok();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        sh(&["umount", "-l", self.0.to_str().unwrap_or("")]);
    }
}

/// Asserts a failed run told `parts`, each in its text.
/// The output of a clean build of each state (photo quality) of the lab site.
fn clean_states(site: &TestSite) -> Vec<Snapshot> {
    (0..QUALITIES.len())
        .map(|s| {
            set_state(site, s);
            clean_build(site, &[]).0
        })
        .collect()
}

/// Asserts that `run` failed (status 1) and told `parts`.
#[track_caller]
fn told(run: &Run, parts: &[&str]) {
    crate::output::told(run, 1, parts);
}

#[test]
fn a_full_disk_is_told_with_what_to_do_and_the_previous_output_stays() {
    let site = lab();
    let clean = clean_states(&site);
    let disk_at = site.path().join("disk");
    let Some(disk) = SmallDisk::mount(&disk_at, 8 * 1024) else {
        eprintln!("skipped the tmpfs part: this user cannot mount one (see the size limit test)");
        return;
    };
    let out = "disk/public";
    set_state(&site, 0);
    let first = site.run(&["build", "--out", out]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = site.snapshot(out);
    assert_whole(&before, &[&clean[0]], "first");

    // The disk fills up during the next build (new photos, every page changes).
    disk.fill_leaving(200 * 1024);
    set_state(&site, 1);
    let es = site.run(&["build", "--out", out]);
    told(
        &es,
        &[
            "error: vitrina no pudo escribir este archivo del sitio: el disco está lleno",
            &format!(
                "--> {}",
                disk_at.canonicalize().unwrap().join("public").display()
            ),
            " = qué hacer: libera espacio en el disco",
        ],
    );
    let en = site.run(&["--lang", "en", "build", "--out", out]);
    told(
        &en,
        &[
            "error: vitrina could not write this file of the site: the disk is full",
            " = what to do: free some disk space",
        ],
    );
    assert_eq!(site.snapshot(out), before, "the previous output is whole");
    // The failed builds gave their space back: only the output and the filler are there.
    let mut names: Vec<String> = fs::read_dir(&disk_at)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["filler", "public"]);

    // Room again: the next build is whole, made from a sound cache.
    disk.empty();
    let run = site.run(&["build", "--out", out]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_whole(
        &site.snapshot(out),
        &[&clean[1]],
        "after the disk was emptied",
    );
}

#[test]
fn a_full_cache_disk_only_costs_time() {
    let site = lab();
    let (clean, _) = clean_build(&site, &[]);
    let cache_at = site.path().join("cache-disk");
    let Some(disk) = SmallDisk::mount(&cache_at, 1024) else {
        eprintln!("skipped: this user cannot mount a tmpfs");
        return;
    };
    disk.fill_leaving(40 * 1024);
    // The photos do not fit in the cache: the build still makes the whole site, and so does the
    // next one with the same full cache.
    for round in 0..2 {
        let run = site.run(&["build", "--cache-dir", "cache-disk/c"]);
        assert_eq!(run.code, 0, "round {round}: {}", run.stderr);
        assert_whole(
            &site.snapshot("public"),
            &[&clean],
            &format!("round {round}"),
        );
    }
    // Emptied: the cache fills and serves, and what it serves is right.
    disk.empty();
    for round in 0..2 {
        let run = site.run(&["build", "--cache-dir", "cache-disk/c"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_whole(
            &site.snapshot("public"),
            &[&clean],
            &format!("emptied {round}"),
        );
    }
}

#[test]
fn a_file_size_limit_is_told_and_the_previous_output_stays() {
    // The limit is set by the shell for the build alone (a fallback for a full disk where no
    // tmpfs can be mounted): a write past it fails with "file too large" (SIGXFSZ ignored).
    let site = lab();
    set_state(&site, 0);
    site.build_ok();
    let before = site.snapshot("public");
    set_state(&site, 1);
    let run = |lang: &str| {
        let out = Command::new("sh")
            .args([
                "-c",
                "trap '' XFSZ; ulimit -f 16; exec \"$0\" --lang \"$1\" build",
                env!("CARGO_BIN_EXE_vitrina"),
                lang,
            ])
            .env("NO_COLOR", "1")
            .current_dir(site.path())
            .output()
            .unwrap();
        Run::from(out)
    };
    told(
        &run("es"),
        &[
            "error: vitrina no pudo escribir este archivo del sitio: el archivo es demasiado grande para ese disco",
            " = qué hacer: elige con `--out` una carpeta en otro disco",
        ],
    );
    told(
        &run("en"),
        &[
            "error: vitrina could not write this file of the site: the file is too large for that disk",
        ],
    );
    assert_eq!(site.snapshot("public"), before);
    assert_eq!(leftovers(&site), Vec::<String>::new());
    site.build_ok();
    assert_ne!(site.snapshot("public"), before);
}

/// A folder made read-only for the test's life, in a way that stops root too: `chattr +i`
/// (immutable) as root, a read-only bind mount where the file system has no such flag, else
/// `chmod 0555` (enough for any other user).
struct ReadOnly {
    path: PathBuf,
    undo: Vec<Vec<String>>,
}

impl ReadOnly {
    fn make(path: &Path) -> Option<ReadOnly> {
        use std::os::unix::fs::PermissionsExt;
        let p = path.to_str()?.to_string();
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let root = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.trim_ascii() == b"0");
        if !root {
            fs::set_permissions(path, fs::Permissions::from_mode(0o555)).ok()?;
            return Some(ReadOnly {
                path: path.to_path_buf(),
                undo: vec![s(&["chmod", "0755", &p])],
            });
        }
        if sh(&["chattr", "+i", &p]) {
            return Some(ReadOnly {
                path: path.to_path_buf(),
                undo: vec![s(&["chattr", "-i", &p])],
            });
        }
        if sh(&["mount", "--bind", &p, &p]) {
            let ro = ReadOnly {
                path: path.to_path_buf(),
                undo: vec![s(&["umount", "-l", &p])],
            };
            if sh(&["mount", "-o", "remount,bind,ro", &p, &p]) {
                return Some(ro);
            }
        }
        None
    }

    /// True when a file can no longer be made in it.
    fn holds(&self) -> bool {
        let probe = self.path.join(".probe");
        let refused = fs::write(&probe, "").is_err();
        fs::remove_file(&probe).ok();
        refused
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        for cmd in &self.undo {
            let cmd: Vec<&str> = cmd.iter().map(String::as_str).collect();
            sh(&cmd);
        }
    }
}

#[test]
fn a_read_only_output_folder_is_told_and_the_previous_output_stays() {
    let site = lab();
    let (new, _) = {
        set_state(&site, 1);
        clean_build(&site, &[])
    };
    set_state(&site, 0);
    let out = "pub/public";
    let first = site.run(&["build", "--out", out]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = site.snapshot(out);
    set_state(&site, 1);
    let parent = site.path().join("pub");
    let public = parent.join("public");
    // The output folder read-only, then its parent too (where the new site is prepared).
    for (case, dirs) in [("output", vec![&public]), ("both", vec![&public, &parent])] {
        let locks: Vec<ReadOnly> = dirs.iter().filter_map(|d| ReadOnly::make(d)).collect();
        if locks.len() < dirs.len() || !locks.iter().all(ReadOnly::holds) {
            eprintln!("skipped {case}: no way to make a folder read-only for this user here");
            continue;
        }
        let es = site.run(&["build", "--out", out]);
        let en = site.run(&["--lang", "en", "build", "--out", out]);
        drop(locks);
        let arrow = format!("--> {}", public.canonicalize().unwrap().display());
        assert_eq!(es.code, 1, "{case}: {}", es.stderr);
        assert!(es.stderr.contains(&arrow), "{case}: {}", es.stderr);
        assert!(
            es.stderr.contains("error: vitrina no pudo "),
            "{case}: {}",
            es.stderr
        );
        assert!(
            es.stderr.contains(" = qué hacer: "),
            "{case}: {}",
            es.stderr
        );
        assert!(
            en.stderr.contains("error: vitrina could not "),
            "{case}: {}",
            en.stderr
        );
        assert!(
            en.stderr.contains(" = what to do: "),
            "{case}: {}",
            en.stderr
        );
        assert_eq!(
            site.snapshot(out),
            before,
            "{case}: the previous output is whole"
        );
        let names: Vec<String> = fs::read_dir(&parent)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["public"], "{case}: nothing left beside the output");
    }
    let run = site.run(&["build", "--out", out]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_whole(&site.snapshot(out), &[&new], "writable again");
}
