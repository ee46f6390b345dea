//! `vitrina init DIR`: a new site that `check` accepts at once, with a `.gitignore` that keeps
//! the private folder, the caches and the output out of git; a folder with files is refused.

use std::fs;
use std::path::Path;

use crate::prelude::vitrina;

fn run(args: &[&str], cwd: &Path) -> (i32, String, String) {
    let out = vitrina().args(args).current_dir(cwd).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_new_site_passes_check_with_no_example_left_to_warn_about() {
    for lang in ["es", "en"] {
        let tmp = tempfile::tempdir().unwrap();
        let (code, stdout, stderr) = run(&["init", "feria", "--lang", lang], tmp.path());
        assert_eq!(code, 0, "{stderr}");
        let site = tmp.path().join("feria");
        assert!(site.join("content/fair.toml").is_file());
        assert!(site.join("content/vendors").is_dir());
        // The next steps, with the folder to copy.
        for step in [
            "vitrina new vendor",
            "vitrina access --site feria",
            "vitrina edit --site feria",
        ] {
            assert!(stdout.contains(step), "{step}:\n{stdout}");
        }
        let (code, stdout, stderr) = run(&["check", "--site", "feria", "--lang", lang], tmp.path());
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout.contains("0"), "{stdout}");
        // The one warning of a new site: no public address yet (nothing of init's own texts).
        let warnings: Vec<&str> = stderr
            .lines()
            .filter(|l| l.starts_with("aviso:") || l.starts_with("warning:"))
            .collect();
        assert_eq!(warnings.len(), 1, "{stderr}");
        assert!(warnings[0].contains("base_url"), "{stderr}");
        // The fair's language is the one asked for.
        let fair = fs::read_to_string(site.join("content/fair.toml")).unwrap();
        assert!(fair.contains(&format!("language = \"{lang}\"")), "{fair}");
        // Ready for the editor: vendors, then codes.
        let (code, _, stderr) = run(
            &["new", "vendor", "Dulces Rosita", "--site", "feria"],
            tmp.path(),
        );
        assert_eq!(code, 0, "{stderr}");
        let (code, stdout, stderr) = run(&["access", "--json", "--site", "feria"], tmp.path());
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout.contains("\"dulces-rosita\""), "{stdout}");
    }
}

#[test]
fn the_gitignore_keeps_private_and_built_folders_out() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(&["init", "feria"], tmp.path());
    assert_eq!(code, 0, "{stderr}");
    let ignore = fs::read_to_string(tmp.path().join("feria/.gitignore")).unwrap();
    let lines: Vec<&str> = ignore.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        lines,
        [".vitrina/", ".vitrina-cache/", ".vitrina-serve/", "public/"]
    );
}

#[test]
fn an_empty_folder_is_used_and_one_with_files_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir(tmp.path().join("vacia")).unwrap();
    let (code, _, stderr) = run(&["init", "vacia"], tmp.path());
    assert_eq!(code, 0, "{stderr}");

    let full = tmp.path().join("llena");
    fs::create_dir(&full).unwrap();
    fs::write(full.join("notas.txt"), "mis notas").unwrap();
    for lang in ["es", "en"] {
        let (code, stdout, stderr) = run(&["init", "llena", "--lang", lang], tmp.path());
        assert_eq!(code, 2, "{stderr}");
        assert!(stdout.is_empty(), "{stdout}");
        assert!(stderr.contains("llena"), "{stderr}");
        assert!(
            stderr.contains("No cambié nada") || stderr.contains("Nothing changed"),
            "{stderr}"
        );
    }
    let names: Vec<_> = fs::read_dir(&full)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["notas.txt"]);
    assert_eq!(
        fs::read_to_string(full.join("notas.txt")).unwrap(),
        "mis notas"
    );

    // A file is not a folder either.
    let (code, _, stderr) = run(&["init", "llena/notas.txt"], tmp.path());
    assert_eq!(code, 2, "{stderr}");
}
