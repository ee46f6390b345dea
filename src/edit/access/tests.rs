use std::collections::HashSet;

use super::*;

fn site() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn a_code_is_three_groups_of_four_from_the_alphabet() {
    for _ in 0..200 {
        let code = new_code();
        let groups: Vec<&str> = code.split('-').collect();
        assert_eq!(groups.len(), 3, "{code}");
        for g in groups {
            assert_eq!(g.len(), 4, "{code}");
            assert!(g.bytes().all(|b| ALPHABET.contains(&b)), "{code}");
        }
        assert!(
            !code.contains(['0', 'O', '1', 'I', 'L', 'l', 'o']),
            "{code}"
        );
    }
    // At least 50 bits of randomness.
    assert!(CODE_LEN as f64 * (ALPHABET.len() as f64).log2() >= 50.0);
    assert_eq!(ALPHABET.iter().collect::<HashSet<_>>().len(), 31);
}

#[test]
fn ten_thousand_codes_are_all_different_and_use_every_symbol() {
    let codes: Vec<String> = (0..10_000).map(|_| new_code()).collect();
    let distinct: HashSet<&String> = codes.iter().collect();
    assert_eq!(distinct.len(), codes.len());
    let symbols: HashSet<char> = codes.iter().flat_map(|c| c.chars()).collect();
    // 31 symbols and the dash: a symbol never drawn would mean a biased draw.
    assert_eq!(symbols.len(), 32);
}

#[test]
fn an_issued_code_opens_its_vendor_and_no_other() {
    let dir = site();
    let mut codes = Codes::load(dir.path()).unwrap();
    let a = codes.issue(dir.path(), "huevos-andrea").unwrap();
    let b = codes.issue(dir.path(), "cafe-dona-rosa").unwrap();
    assert_ne!(a, b);
    assert_eq!(codes.vendor_of(&a).as_deref(), Some("huevos-andrea"));
    assert_eq!(codes.vendor_of(&b).as_deref(), Some("cafe-dona-rosa"));
    // Read back from the file, as another process would.
    let again = Codes::load(dir.path()).unwrap();
    assert_eq!(again.vendor_of(&a).as_deref(), Some("huevos-andrea"));
    assert_eq!(again.vendor_of(&b).as_deref(), Some("cafe-dona-rosa"));
    assert!(again.has("huevos-andrea") && !again.has("otra"));
    assert_eq!(
        again.vendors().collect::<Vec<_>>(),
        ["cafe-dona-rosa", "huevos-andrea"]
    );
    assert!(again.issued("huevos-andrea").unwrap().ends_with('Z'));
    // Only hashes are stored: the code in clear is nowhere in the file.
    let text = std::fs::read_to_string(codes_file(dir.path())).unwrap();
    for code in [&a, &b] {
        assert!(!text.contains(code.as_str()), "{text}");
        assert!(!text.contains(&code.replace('-', "")), "{text}");
    }
}

#[test]
fn a_code_typed_on_a_phone_is_forgiven_case_spaces_and_dashes() {
    let dir = site();
    let mut codes = Codes::default();
    let code = codes.issue(dir.path(), "v").unwrap();
    let plain = code.replace('-', "");
    let variants = [
        code.to_lowercase(),
        code.replace('-', " ").to_lowercase(),
        plain.clone(),
        format!("  {}  ", code.replace('-', " - ")),
        code.replace('-', "–"),
        format!("{}.{}", &plain[..6], &plain[6..]),
    ];
    for typed in variants {
        assert_eq!(codes.vendor_of(&typed).as_deref(), Some("v"), "{typed:?}");
    }
    assert_eq!(canonical("k7qx m2pa 9rtd").as_deref(), Some("K7QXM2PA9RTD"));
}

#[test]
fn wrong_and_malformed_codes_open_nothing() {
    let dir = site();
    let mut codes = Codes::default();
    // No code issued yet: nothing opens.
    assert_eq!(codes.vendor_of("K7QX-M2PA-9RTD"), None);
    let code = codes.issue(dir.path(), "v").unwrap();
    let plain = code.replace('-', "");
    let wrong_last = if plain.ends_with('2') { '3' } else { '2' };
    let malformed = [
        String::new(),
        "-".into(),
        plain[..11].to_string(),
        format!("{plain}2"),
        format!("{}{}", &plain[..11], wrong_last),
        // Characters that are never in a code: look-alikes are not mapped.
        format!("{}0", &plain[..11]),
        format!("{}O", &plain[..11]),
        format!("{}1", &plain[..11]),
        format!("{}l", &plain[..11]),
        format!("{}I", &plain[..11]),
        format!("{}é", &plain[..11]),
        format!("{plain}/../fair.toml"),
    ];
    for typed in malformed {
        assert_eq!(codes.vendor_of(&typed), None, "{typed:?}");
    }
    assert_eq!(canonical("K7QX-M2PA-9RTD-"), Some("K7QXM2PA9RTD".into()));
    assert_eq!(canonical("K7QX-M2PA-9RT"), None);
    assert_eq!(canonical("K7QX-M2PA-9RTD2"), None);
    assert_eq!(canonical("K7QX-M2PA-9RT0"), None);
}

#[test]
fn a_renewed_code_stops_working_and_changes_the_fingerprint() {
    let dir = site();
    let mut codes = Codes::default();
    let old = codes.issue(dir.path(), "v").unwrap();
    let other = codes.issue(dir.path(), "w").unwrap();
    let before = codes.fingerprint("v").unwrap();
    let other_before = codes.fingerprint("w").unwrap();
    let new = codes.issue(dir.path(), "v").unwrap();
    assert_ne!(old, new);
    assert_eq!(codes.vendor_of(&old), None);
    assert_eq!(codes.vendor_of(&new).as_deref(), Some("v"));
    assert_ne!(codes.fingerprint("v").unwrap(), before);
    // The other vendor is untouched.
    assert_eq!(codes.fingerprint("w").unwrap(), other_before);
    assert_eq!(codes.vendor_of(&other).as_deref(), Some("w"));
    // Also for another process reading the file.
    let again = Codes::load(dir.path()).unwrap();
    assert_eq!(again.vendor_of(&old), None);
    assert_eq!(again.vendor_of(&new).as_deref(), Some("v"));
    assert_eq!(codes.fingerprint("nobody"), None);
}

#[test]
fn a_code_issued_by_another_process_is_kept() {
    let dir = site();
    let mut server = Codes::load(dir.path()).unwrap();
    let mut cli = Codes::load(dir.path()).unwrap();
    let a = cli.issue(dir.path(), "a").unwrap();
    // The server's copy predates "a"; issuing from it must not drop "a".
    let b = server.issue(dir.path(), "b").unwrap();
    let now = Codes::load(dir.path()).unwrap();
    assert_eq!(now.vendor_of(&a).as_deref(), Some("a"));
    assert_eq!(now.vendor_of(&b).as_deref(), Some("b"));
    assert_eq!(server.vendor_of(&a).as_deref(), Some("a"));
}

#[test]
fn a_removed_code_stops_working_and_the_others_stay() {
    let dir = site();
    let mut codes = Codes::default();
    let made = codes.issue_many(dir.path(), &["a", "b", "c"]).unwrap();
    assert_eq!(made.len(), 3);
    let removed = codes.retain(dir.path(), |v| v != "b").unwrap();
    assert_eq!(removed, ["b"]);
    assert!(codes.retain(dir.path(), |v| v != "b").unwrap().is_empty());
    let now = Codes::load(dir.path()).unwrap();
    assert_eq!(now.vendor_of(&made[1]), None);
    assert_eq!(now.vendor_of(&made[0]).as_deref(), Some("a"));
    assert_eq!(now.vendor_of(&made[2]).as_deref(), Some("c"));
}

#[test]
fn the_private_folder_is_ignored_by_git_and_beside_content() {
    let dir = site();
    let private = ensure_private_dir(dir.path()).unwrap();
    assert_eq!(private, dir.path().join(".vitrina"));
    assert_eq!(
        std::fs::read_to_string(private.join(".gitignore")).unwrap(),
        "*\n"
    );
    // Again: nothing breaks, a removed .gitignore comes back.
    std::fs::remove_file(private.join(".gitignore")).unwrap();
    ensure_private_dir(dir.path()).unwrap();
    assert!(private.join(".gitignore").is_file());
    let mut codes = Codes::default();
    codes.issue(dir.path(), "v").unwrap();
    assert!(codes_file(dir.path()).starts_with(&private));
    assert!(!dir.path().join("content").exists());
}

#[cfg(unix)]
#[test]
fn the_private_folder_and_the_codes_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = site();
    let mut codes = Codes::default();
    codes.issue(dir.path(), "v").unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir.path().join(".vitrina")), 0o700);
    assert_eq!(mode(&codes_file(dir.path())), 0o600);
    // A folder someone opened up is closed again.
    std::fs::set_permissions(
        dir.path().join(".vitrina"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    codes.issue(dir.path(), "v").unwrap();
    assert_eq!(mode(&dir.path().join(".vitrina")), 0o700);
    assert_eq!(mode(&codes_file(dir.path())), 0o600);
}

#[test]
fn a_damaged_file_is_an_error_naming_it() {
    let dir = site();
    let mut codes = Codes::default();
    codes.issue(dir.path(), "v").unwrap();
    let path = codes_file(dir.path());
    let good = std::fs::read_to_string(&path).unwrap();
    let hash_line = good.lines().find(|l| l.starts_with("hash")).unwrap();
    let damaged = [
        good[..good.len() / 2].to_string(),
        "salt = 12\n".to_string(),
        "salt = \"zz\"\n".to_string(),
        good.replace(hash_line, "hash = \"abc\""),
        format!("{good}\nextra = 1\n"),
        "\u{0}\u{1}".to_string(),
    ];
    for text in damaged {
        std::fs::write(&path, &text).unwrap();
        let err = Codes::load(dir.path()).unwrap_err();
        let d = err
            .downcast_ref::<Damaged>()
            .unwrap_or_else(|| panic!("{err:#}"));
        assert_eq!(d.path, path);
        assert!(format!("{err}").contains("access.toml"), "{err}");
        // Issuing refuses too, instead of replacing every code silently.
        assert!(codes.issue(dir.path(), "w").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    }
}

#[test]
fn tokens_are_hex_random_and_of_the_asked_length() {
    let a = random_token(32);
    assert_eq!(a.len(), 64);
    assert!(a
        .bytes()
        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    assert_ne!(a, random_token(32));
    assert_eq!(random_token(0), "");
    let o = organizer_token();
    assert_eq!(o.len(), 64);
    assert_ne!(o, organizer_token());
}

#[test]
fn dates_are_utc_rfc3339() {
    assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
    assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    assert_eq!(rfc3339(1_796_486_645), "2026-12-05T16:04:05Z");
}

#[test]
fn hex_round_trips() {
    let bytes: Vec<u8> = (0..=255).collect();
    assert_eq!(from_hex(&to_hex(&bytes)).unwrap(), bytes);
    assert_eq!(from_hex("abc"), None);
    assert_eq!(from_hex("zz"), None);
}
