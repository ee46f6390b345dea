//! `vitrina serve`: the real binary on an ephemeral port against a copy of a fixture site,
//! talked to over plain HTTP (and the event stream) the way a browser does, and by a real
//! headless Chromium.

use std::collections::BTreeSet;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::chromium::Chromium;
use crate::prelude::*;

/// A running `vitrina serve`.
struct Served {
    child: Child,
    /// `http://127.0.0.1:PORT/`
    base: String,
    addr: String,
    /// Everything it printed to stderr so far (the change log, diagnostics).
    log: Arc<Mutex<String>>,
    /// Its stdout up to the address.
    banner: String,
}

impl Served {
    fn start(site: &TestSite, extra: &[&str]) -> Served {
        let port: &[&str] = if extra.contains(&"--port") {
            &[]
        } else {
            &["--port", "0"]
        };
        let mut child = vitrina()
            .arg("serve")
            .args(port)
            .args(extra)
            .current_dir(site.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let sink = log.clone();
        std::thread::spawn(move || {
            let mut line = String::new();
            while err.read_line(&mut line).is_ok_and(|n| n > 0) {
                sink.lock().unwrap().push_str(&line);
                line.clear();
            }
        });
        let mut out = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut banner = String::new();
        let base = loop {
            let line = out
                .next()
                .unwrap_or_else(|| panic!("serve exited:\n{}", log.lock().unwrap()))
                .unwrap();
            banner.push_str(&line);
            banner.push('\n');
            if let Some(at) = line.find("http://") {
                break line[at..].split_whitespace().next().unwrap().to_string();
            }
        };
        // The rest of stdout goes to the log too.
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in out.map_while(Result::ok) {
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let addr = base
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        Served {
            child,
            base,
            addr,
            log,
            banner,
        }
    }

    /// Sends a request line as written (no normalisation) and returns status, headers, body.
    fn get(&self, target: &str) -> (u16, String, Vec<u8>) {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        write!(
            s,
            "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8_lossy(&raw[..split]).to_lowercase();
        let status = head[9..12].parse().unwrap();
        (status, head, raw[split + 4..].to_vec())
    }

    /// A page's text; it must be served with 200.
    #[track_caller]
    fn page(&self, path: &str) -> String {
        let (status, _, body) = self.get(path);
        assert_eq!(status, 200, "GET {path}");
        String::from_utf8(body).unwrap()
    }

    fn events(&self) -> Events {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        write!(
            s,
            "GET /__vitrina/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.addr
        )
        .unwrap();
        s.set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        let mut e = Events {
            stream: s,
            buf: Vec::new(),
        };
        // The response head.
        let deadline = Instant::now() + Duration::from_secs(5);
        while !e.buf.windows(4).any(|w| w == b"\r\n\r\n") {
            assert!(Instant::now() < deadline, "no event stream");
            e.fill();
        }
        let at = e.buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8_lossy(&e.buf[..at]).to_lowercase();
        assert!(head.contains("text/event-stream"), "{head}");
        e.buf.drain(..at + 4);
        e
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Waits until the log holds `n` occurrences of `needle`.
    #[track_caller]
    fn wait_log(&self, needle: &str, n: usize) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.log().matches(needle).count() < n {
            assert!(
                Instant::now() < deadline,
                "waited for {n}× {needle:?} in the log:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// The event stream of one open page.
struct Events {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Events {
    fn fill(&mut self) {
        let mut chunk = [0u8; 8192];
        match self.stream.read(&mut chunk) {
            Ok(0) => std::thread::sleep(Duration::from_millis(20)),
            Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
            Err(_) => {}
        }
    }

    /// The next event (name, JSON data) within `wait`, skipping keep-alive comments.
    fn next_within(&mut self, wait: Duration) -> Option<(String, Value)> {
        let deadline = Instant::now() + wait;
        loop {
            // Chunked transfer: the chunk sizes are lines of their own, never `event:`/`data:`.
            let text = String::from_utf8_lossy(&self.buf).into_owned();
            if let Some(end) = text.find("\n\n") {
                let block = text[..end].to_string();
                self.buf.drain(..end + 2);
                let mut name = None;
                let mut data = None;
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event: ") {
                        name = Some(v.to_string());
                    } else if let Some(v) = line.strip_prefix("data: ") {
                        data = Some(serde_json::from_str(v).unwrap());
                    }
                }
                if let (Some(n), Some(d)) = (name, data) {
                    return Some((n, d));
                }
                continue;
            }
            if Instant::now() > deadline {
                return None;
            }
            self.fill();
        }
    }

    #[track_caller]
    fn expect(&mut self, name: &str) -> Value {
        let (n, d) = self
            .next_within(Duration::from_secs(20))
            .unwrap_or_else(|| panic!("no `{name}` event"));
        assert_eq!(n, name, "{d}");
        d
    }
}

/// Saves a file as editors do: a temporary file renamed over the old one.
fn save_atomic(site: &TestSite, rel: &str, text: &str) {
    let p = site.path().join(rel);
    let tmp = p.with_file_name(format!(".{}.tmp", p.file_name().unwrap().to_string_lossy()));
    fs::write(&tmp, text).unwrap();
    fs::rename(&tmp, &p).unwrap();
}

const PRODUCT: &str = "content/vendors/huevos-andrea/products/huevos-docena.md";
const PRODUCT_PAGE: &str = "/vendors/huevos-andrea/huevos-docena/";
const VENDOR: &str = "content/vendors/huevos-andrea/vendor.toml";
const SCRIPT: &str = "<script src=\"/__vitrina/live.js\"";

#[test]
fn an_edit_reloads_a_broken_edit_shows_problems_and_the_site_equals_a_fresh_build() {
    let site = TestSite::fixture("full_fair");
    let content_files: BTreeSet<String> = site.snapshot("content").into_keys().collect();
    let sources = [site.snapshot("themes"), site.snapshot("static")];
    let served = Served::start(&site, &[]);
    let before = served.page(PRODUCT_PAGE);
    assert!(before.contains("Huevos frescos recogidos cada mañana"));
    assert_eq!(
        before.matches(SCRIPT).count(),
        1,
        "one live script per page"
    );
    let mut ev = served.events();
    let hello = ev.expect("hello");
    assert!(hello["problems"].is_null());

    // A product text edit: a reload naming the product's page, and the new text served.
    let original = fs::read_to_string(site.path().join(PRODUCT)).unwrap();
    let edited = original.replace(
        "Huevos frescos recogidos cada mañana.",
        "Huevos frescos, recién recogidos esta mañana.",
    );
    save_atomic(&site, PRODUCT, &edited);
    let reload = ev.expect("reload");
    let changed: Vec<&str> = reload["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        changed.contains(&"vendors/huevos-andrea/huevos-docena/index.html"),
        "{changed:?}"
    );
    // Only what shows the description changed: not the other products, nor the vendor list.
    assert!(
        !changed.iter().any(|c| c.contains("huevos-encurtidos")),
        "{changed:?}"
    );
    assert!(!changed.contains(&"index.html"), "{changed:?}");
    assert!(served
        .page(PRODUCT_PAGE)
        .contains("Huevos frescos, recién recogidos esta mañana."));
    assert!(
        served.log().contains(&format!("Cambió: {PRODUCT}")),
        "{}",
        served.log()
    );

    // Saving the same text again: a rebuild, nothing changed, no reload.
    save_atomic(&site, PRODUCT, &edited);
    served.wait_log("nada cambió, no recargo", 1);
    assert!(ev.next_within(Duration::from_millis(300)).is_none());

    // A broken vendor.toml: the problems with file and line; the last good site still served.
    let vendor = fs::read_to_string(site.path().join(VENDOR)).unwrap();
    save_atomic(
        &site,
        VENDOR,
        &vendor.replace("booth = \"B-12\"", "booth = \"B-12"),
    );
    let problems = ev.expect("problems");
    let first = &problems["problems"][0];
    assert_eq!(first["file"], VENDOR, "{problems}");
    assert_eq!(first["line"], 4, "{problems}");
    assert!(
        first["message"].as_str().unwrap().contains("comillas"),
        "{problems}"
    );
    assert!(first["hint"].is_string(), "{problems}");
    assert!(served
        .page(PRODUCT_PAGE)
        .contains("Huevos frescos, recién recogidos esta mañana."));
    // The terminal says the same.
    served.wait_log("No se actualizó la vista previa", 1);
    assert!(
        served.log().contains(&format!("--> {VENDOR}:4:")),
        "{}",
        served.log()
    );
    // A page opened now learns of the problems at once.
    let mut late = served.events();
    assert_eq!(
        late.expect("hello")["problems"]["problems"][0]["file"],
        VENDOR
    );

    // Fixed: a reload (the overlay goes with it).
    save_atomic(&site, VENDOR, &vendor.replace("B-12", "B-14"));
    ev.expect("reload");
    assert!(served.page("/vendors/huevos-andrea/").contains("B-14"));

    // A new photo: only that photo is processed.
    fs::copy(
        site.path()
            .join("content/vendors/huevos-andrea/photos/huevos.jpg"),
        site.path()
            .join("content/vendors/huevos-andrea/photos/canasta.jpg"),
    )
    .unwrap();
    let with_photo = edited.replace(
        "photos = [\n",
        "photos = [\n  { src = \"photos/canasta.jpg\", alt = \"La canasta\" },\n",
    );
    assert_ne!(with_photo, edited);
    // The same bytes as another photo are one source: a different one is made from it.
    let mut jpg = fs::read(
        site.path()
            .join("content/vendors/huevos-andrea/photos/huevos.jpg"),
    )
    .unwrap();
    jpg.extend_from_slice(b"trailing bytes make it another file");
    fs::write(
        site.path()
            .join("content/vendors/huevos-andrea/photos/canasta.jpg"),
        &jpg,
    )
    .unwrap();
    save_atomic(&site, PRODUCT, &with_photo);
    ev.expect("reload");
    served.wait_log("1 foto procesada,", 1);
    assert!(served.page(PRODUCT_PAGE).contains("La canasta"));

    // A product deleted: its page goes (and its folder), the vendor's page no longer lists it.
    let gone = "/vendors/huevos-andrea/huevos-encurtidos/";
    assert_eq!(served.get(gone).0, 200);
    fs::remove_file(
        site.path()
            .join("content/vendors/huevos-andrea/products/huevos-encurtidos.md"),
    )
    .unwrap();
    ev.expect("reload");
    assert_eq!(served.get(gone).0, 404);
    assert!(!site
        .path()
        .join(".vitrina-serve/site/vendors/huevos-andrea/huevos-encurtidos")
        .exists());

    // Byte for byte what `build` makes with the same address, apart from the script.
    let out = site.path().join("fresh");
    let r = site.run(&[
        "build",
        "--out",
        out.to_str().unwrap(),
        "--base-url",
        &served.base,
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let fresh = site.snapshot("fresh");
    let live = site.snapshot(".vitrina-serve/site");
    assert_eq!(
        fresh.keys().collect::<Vec<_>>(),
        live.keys().collect::<Vec<_>>()
    );
    for (k, v) in &fresh {
        assert!(live[k] == *v, "{k} differs from a fresh build");
    }
    for page in [
        "index.html",
        "vendors/huevos-andrea/huevos-docena/index.html",
        "search/index.html",
    ] {
        let url = format!("/{}", page.trim_end_matches("index.html"));
        let body = served.page(&url);
        let at = body.find(SCRIPT).unwrap();
        let end = at + body[at..].find("</script>").unwrap() + "</script>".len();
        let without = format!("{}{}", &body[..at], &body[end..]);
        assert!(
            without.as_bytes() == fresh[page].as_slice(),
            "{page} as served"
        );
    }
    // Serving never touched public/ nor wrote into content/, themes/ or static/: content/ holds
    // exactly the files this test made and removed, the others are as they were.
    assert!(!site.path().join("public").exists());
    let mut expected = content_files;
    assert!(expected.remove("vendors/huevos-andrea/products/huevos-encurtidos.md"));
    expected.insert("vendors/huevos-andrea/photos/canasta.jpg".into());
    let now: BTreeSet<String> = site.snapshot("content").into_keys().collect();
    assert_eq!(now, expected, "files in content/");
    for (dir, before) in ["themes", "static"].into_iter().zip(&sources) {
        let changed = changed_files(before, &site.snapshot(dir));
        assert!(changed.is_empty(), "changed in {dir}/: {changed:?}");
    }
}

#[test]
fn nothing_outside_the_built_site_is_served() {
    let site = TestSite::fixture("full_fair");
    let served = Served::start(&site, &[]);
    for target in [
        "/../content/fair.toml",
        "/../../../../etc/passwd",
        "/%2e%2e/content/fair.toml",
        "/%2e%2e%2fcontent%2ffair.toml",
        "/vendors/..%2f..%2fcontent/fair.toml",
        "/..%5ccontent%5cfair.toml",
        "//etc/passwd",
        "/.vitrina-output",
        "/%2evitrina-output",
    ] {
        let (status, _, body) = served.get(target);
        let body = String::from_utf8_lossy(&body);
        assert!(status == 404 || status == 400, "{target}: {status}\n{body}");
        assert!(
            !body.contains("root:") && !body.contains("base_url"),
            "{target}"
        );
    }
    // The theme's 404 page, with its status.
    let (status, head, body) = served.get("/no-such-page/");
    assert_eq!(status, 404);
    assert!(
        head.contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(String::from_utf8_lossy(&body).contains("No encontramos esta página"));
    // No listing of a folder without index.html.
    let (status, _, body) = served.get("/img/");
    assert_eq!(status, 404);
    assert!(!String::from_utf8_lossy(&body).contains(".webp"));
    // Content types.
    let (_, head, _) = served.get("/style.css");
    assert!(
        head.contains("content-type: text/css; charset=utf-8"),
        "{head}"
    );
    let (_, head, _) = served.get("/search/index.json");
    assert!(head.contains("content-type: application/json"), "{head}");
    assert!(head.contains("cache-control: no-cache"), "{head}");
    let page = served.page("/");
    let img = page
        .split("src=\"/img/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .map(|s| format!("/img/{s}"))
        .expect("a photo on the home page");
    let (status, head, body) = served.get(&img);
    assert_eq!(status, 200, "{img}");
    let kind = if img.ends_with(".webp") {
        "image/webp"
    } else {
        "image/jpeg"
    };
    assert!(head.contains(&format!("content-type: {kind}")), "{head}");
    assert!(!body.is_empty());
    // The script itself.
    let (status, head, body) = served.get("/__vitrina/live.js");
    assert_eq!(status, 200);
    assert!(head.contains("javascript"), "{head}");
    assert!(String::from_utf8_lossy(&body).contains("EventSource"));
}

#[test]
fn a_stylesheet_change_swaps_the_stylesheet_and_a_template_change_reloads() {
    let site = TestSite::fixture("full_fair");
    let served = Served::start(&site, &[]);
    let mut ev = served.events();
    ev.expect("hello");
    let css = site.path().join("themes/default/static/style.css");
    let mut text = fs::read_to_string(&css).unwrap();
    text.push_str("\n.brand { letter-spacing: .02em; }\n");
    fs::write(&css, &text).unwrap();
    let d = ev.expect("css");
    assert_eq!(d["changed"], serde_json::json!(["style.css"]), "{d}");
    // (Served minified, as a build writes it.)
    assert!(served.page("/style.css").contains("letter-spacing:.02em"));

    let base = site.path().join("themes/default/templates/base.html");
    let html = fs::read_to_string(&base).unwrap();
    fs::write(
        &base,
        html.replace("</footer>", "<p>Pie nuevo</p></footer>"),
    )
    .unwrap();
    let d = ev.expect("reload");
    assert!(
        d["changed"].as_array().unwrap().len() > 5,
        "every page: {d}"
    );
    assert!(served.page("/").contains("<p>Pie nuevo</p>"));
    assert!(served
        .page("/vendors/huevos-andrea/")
        .contains("<p>Pie nuevo</p>"));
}

#[test]
fn new_and_recreated_folders_are_watched() {
    let site = TestSite::fixture("full_fair");
    let served = Served::start(&site, &[]);
    let mut ev = served.events();
    ev.expect("hello");
    // A new vendor folder, made file by file after start.
    let dir = site.path().join("content/vendors/suculentas-rosa");
    fs::create_dir_all(dir.join("products")).unwrap();
    fs::write(
        dir.join("vendor.toml"),
        "name = \"Suculentas Rosa\"\nowner = \"Rosa\"\ncategories = [\"alimentos\"]\n",
    )
    .unwrap();
    fs::write(
        dir.join("products/maceta.md"),
        "+++\nname = \"Maceta pintada\"\nprice = 15\n+++\nPintada a mano.\n",
    )
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while served.get("/vendors/suculentas-rosa/maceta/").0 != 200 {
        assert!(Instant::now() < deadline, "{}", served.log());
        ev.next_within(Duration::from_millis(200));
    }
    assert!(served
        .page("/vendors/suculentas-rosa/")
        .contains("Suculentas Rosa"));

    // static/ deleted and made again: still watched. (Its robots.txt gives way to vitrina's.)
    fs::remove_dir_all(site.path().join("static")).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while served.get("/robots.txt").2 == b"User-agent: *\n" {
        assert!(Instant::now() < deadline, "{}", served.log());
        ev.next_within(Duration::from_millis(200));
    }
    fs::create_dir_all(site.path().join("static")).unwrap();
    fs::write(site.path().join("static/hola.txt"), "hola\n").unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while served.get("/hola.txt").0 != 200 {
        assert!(Instant::now() < deadline, "{}", served.log());
        ev.next_within(Duration::from_millis(200));
    }
    assert_eq!(served.get("/hola.txt").2, b"hola\n");
}

#[test]
fn polling_sees_changes_too() {
    let site = TestSite::fixture("full_fair");
    let served = Served::start(&site, &["--poll", "100"]);
    let mut ev = served.events();
    ev.expect("hello");
    let text = fs::read_to_string(site.path().join(PRODUCT)).unwrap();
    fs::write(
        site.path().join(PRODUCT),
        text.replace("cada mañana", "cada tarde"),
    )
    .unwrap();
    ev.expect("reload");
    assert!(served.page(PRODUCT_PAGE).contains("cada tarde"));
}

#[test]
fn a_taken_port_moves_to_the_next_and_ctrl_c_stops_cleanly() {
    let site = TestSite::fixture("full_fair");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let mut served = Served::start(&site, &["--port", &port.to_string()]);
    assert!(
        !served.base.contains(&format!(":{port}/")),
        "{}",
        served.base
    );
    served.wait_log(&format!("El puerto {port} está ocupado: uso el"), 1);
    served.page("/");
    // Ctrl-C (SIGINT), even with a page listening for events.
    let _ev = served.events();
    let ok = Command::new("kill")
        .args(["-INT", &served.child.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(s) = served.child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "serve did not stop on Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0));
}

#[test]
fn a_site_that_does_not_build_at_start_shows_its_problems() {
    let site = TestSite::fixture("full_fair");
    let vendor = fs::read_to_string(site.path().join(VENDOR)).unwrap();
    site.write(VENDOR, vendor.replace("booth = \"B-12\"", "booth = B-12"));
    let served = Served::start(&site, &[]);
    let (status, _, body) = served.get("/");
    assert_eq!(status, 404);
    assert!(String::from_utf8_lossy(&body).contains(SCRIPT));
    let mut ev = served.events();
    let hello = ev.expect("hello");
    assert_eq!(hello["problems"]["problems"][0]["file"], VENDOR, "{hello}");
    save_atomic(&site, VENDOR, &vendor);
    ev.expect("reload");
    assert!(served.page("/").contains("Huevos de Codorniz Andrea"));
}

#[test]
fn on_the_network_it_says_where_and_warns() {
    let site = TestSite::fixture("full_fair");
    let served = Served::start(&site, &["--bind", "0.0.0.0"]);
    // The address for this computer's browser, then the phone's (or why there is none).
    assert!(
        served.base.starts_with("http://127.0.0.1:"),
        "{}",
        served.banner
    );
    served.wait_log("cualquiera en esta red puede ver la vista previa", 1);
    let deadline = Instant::now() + Duration::from_secs(10);
    while !(served
        .log()
        .contains("En un teléfono de la misma red Wi-Fi: http://")
        || served
            .log()
            .contains("No encontré la dirección de esta computadora"))
    {
        assert!(Instant::now() < deadline, "{}", served.log());
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_real_browser_reloads_shows_problems_and_swaps_styles() {
    let Some(mut chrome) = Chromium::launch("serve") else {
        return;
    };
    let site = TestSite::fixture("full_fair");
    let served = Served::start(&site, &[]);
    chrome.goto(&format!(
        "{}vendors/huevos-andrea/huevos-docena/",
        served.base
    ));
    // Connected: the script has seen hello.
    chrome.wait_for("window.vitrinaLive === 'connected'", "the event stream");
    // The built site's service worker is not registered under serve: a preview is never
    // answered from a cache.
    assert_eq!(
        chrome.eval("fetch('/sw.js').then(r => r.status)"),
        serde_json::json!(200)
    );
    assert_eq!(
        chrome.eval("navigator.serviceWorker.getRegistrations().then(r => r.length)"),
        serde_json::json!(0)
    );
    chrome.eval("window.vitrinaMark = 1");
    let original = fs::read_to_string(site.path().join(PRODUCT)).unwrap();
    save_atomic(
        &site,
        PRODUCT,
        &original.replace("cada mañana", "cada mañana y cada tarde"),
    );
    chrome.wait_for(
        "document.body && document.body.textContent.includes('cada mañana y cada tarde')",
        "the page to reload with the new text",
    );
    assert_eq!(
        chrome.eval("window.vitrinaMark === undefined"),
        Value::Bool(true)
    );

    // Broken: the overlay names the file and line, in Spanish; the page underneath stays.
    let vendor = fs::read_to_string(site.path().join(VENDOR)).unwrap();
    save_atomic(
        &site,
        VENDOR,
        &vendor.replace("booth = \"B-12\"", "booth = \"B-12"),
    );
    chrome.wait_for(
        "document.getElementById('vitrina-problems')",
        "the problems overlay",
    );
    let text = chrome.eval("document.getElementById('vitrina-problems').textContent");
    let text = text.as_str().unwrap();
    assert!(text.contains(&format!("{VENDOR}:4")), "{text}");
    assert!(text.contains("Qué hacer:"), "{text}");
    assert!(chrome
        .eval("document.body.textContent.includes('cada mañana y cada tarde')")
        .as_bool()
        .unwrap());
    // Fixed: the overlay goes, by a reload.
    chrome.eval("window.vitrinaMark = 2");
    save_atomic(&site, VENDOR, &vendor);
    chrome.wait_for(
        "window.vitrinaMark === undefined && document.readyState === 'complete' && !document.getElementById('vitrina-problems')",
        "the overlay to go",
    );

    // A stylesheet change: applied without a reload.
    chrome.wait_for("window.vitrinaLive === 'connected'", "the event stream");
    chrome.eval("window.vitrinaMark = 3");
    let css = site.path().join("themes/default/static/style.css");
    let mut text = fs::read_to_string(&css).unwrap();
    text.push_str("\nbody { outline: 7px solid rgb(1, 2, 3); }\n");
    fs::write(&css, &text).unwrap();
    chrome.wait_for(
        "getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)'",
        "the new stylesheet",
    );
    assert_eq!(chrome.eval("window.vitrinaMark"), Value::from(3));
}

/// The pages a reload event says changed.
fn changed_pages(event: &Value) -> Vec<&str> {
    event["changed"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .filter(|p| p.ends_with(".html"))
        .collect()
}

#[test]
fn a_product_edit_makes_again_only_the_pages_that_show_it() {
    let site = TestSite::fixture("full_fair");
    let served = Served::start(&site, &[]);
    let mut ev = served.events();
    ev.expect("hello");
    let original = fs::read_to_string(site.path().join(PRODUCT)).unwrap();
    // Two edits first, so both output trees (the one served and the one the next rebuild
    // rewrites) are past the first build, whose pages waited for their photos' colours.
    for (i, word) in ["tarde", "noche"].iter().enumerate() {
        save_atomic(&site, PRODUCT, &original.replace("mañana", word));
        ev.expect("reload");
        served.wait_log("— recargando", i + 1);
    }
    // The description: only the product's page is made again (and the search page, which
    // lists every product), and the search index.
    save_atomic(&site, PRODUCT, &original.replace("mañana", "madrugada"));
    let d = ev.expect("reload");
    served.wait_log("— recargando", 3);
    assert!(
        served.log().contains("2 de 16 páginas hechas de nuevo"),
        "{}",
        served.log()
    );
    let pages = changed_pages(&d);
    assert_eq!(
        pages,
        ["vendors/huevos-andrea/huevos-docena/index.html"],
        "{d}"
    );
    // The price shows on the vendor's page, the category, home (the product is featured), and
    // the vendor's other product ("more from this vendor").
    save_atomic(
        &site,
        PRODUCT,
        &original
            .replace("mañana", "madrugada")
            .replace("price = 6.50", "price = 7.00"),
    );
    let d = ev.expect("reload");
    let pages = changed_pages(&d);
    assert_eq!(
        pages,
        [
            "categories/alimentos/index.html",
            "index.html",
            "vendors/huevos-andrea/huevos-docena/index.html",
            "vendors/huevos-andrea/huevos-encurtidos/index.html",
            "vendors/huevos-andrea/index.html",
        ],
        "{d}"
    );
}

#[test]
fn a_folder_that_is_not_a_site_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = vitrina()
        .args(["serve", "--port", "0", "--site"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no encuentro `content/fair.toml`"), "{err}");
    assert!(!tmp.path().join(".vitrina-serve").exists());
}

#[test]
fn a_corrupt_photo_shows_its_problem_and_keeps_the_last_good_site() {
    let site = TestSite::fixture("full_fair");
    let served = Served::start(&site, &[]);
    let mut ev = served.events();
    ev.expect("hello");
    // Half a JPEG, as a phone's interrupted transfer leaves it.
    let good = fs::read(
        site.path()
            .join("content/vendors/huevos-andrea/photos/huevos.jpg"),
    )
    .unwrap();
    fs::write(
        site.path()
            .join("content/vendors/huevos-andrea/photos/rota.jpg"),
        &good[..good.len() / 3],
    )
    .unwrap();
    let text = fs::read_to_string(site.path().join(PRODUCT)).unwrap();
    save_atomic(
        &site,
        PRODUCT,
        &text.replace(
            "photos = [\n",
            "photos = [\n  { src = \"photos/rota.jpg\", alt = \"Rota\" },\n",
        ),
    );
    let problems = ev.expect("problems");
    let files: Vec<&str> = problems["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["file"].as_str())
        .collect();
    assert!(
        files.iter().any(|f| f.ends_with("photos/rota.jpg")),
        "{problems}"
    );
    assert!(!served.page(PRODUCT_PAGE).contains("Rota"));
    // The good photo of the product is still served.
    assert!(served.page(PRODUCT_PAGE).contains("/img/huevos-andrea/"));
}
