//! A real headless Chromium for browser tests, driven over the DevTools protocol (a small
//! client on `tungstenite`: launch, one page at a phone's size, navigate, type, evaluate).
//!
//! Chromium is found at `$CHROMIUM`, else as `chromium`, `chromium-browser`, `google-chrome`
//! on the PATH. Without one, [`Chromium::launch`] returns `None`, the test returns early (it
//! counts as passed), and a `SKIPPED <test>: no Chromium…` line goes to stderr where `cargo
//! test` shows it without `--nocapture`; in CI (`CI` set) or with
//! `VITRINA_BROWSER_TESTS=required` a missing browser fails the test instead, so CI never passes
//! by skipping (README.md here says why it is done this way).

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// The example fair, built and served on loopback, and a browser (`None`: no Chromium here,
/// and browser tests are not required; see [`Chromium::launch`]). The browser is looked for
/// first, so a skipped test does not build the fair for nothing.
pub fn example_in_browser(test: &str) -> Option<(crate::prelude::TestSite, String, Chromium)> {
    let c = Chromium::launch(test)?;
    let site = crate::prelude::TestSite::example();
    site.build_ok();
    let base = crate::http::serve(&site.path().join("public"));
    Some((site, base, c))
}

/// A running Chromium with one page open.
pub struct Chromium {
    child: Child,
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
    session: String,
    next: u64,
    _profile: tempfile::TempDir,
}

fn find() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Says that a browser test did not run, in one line that `cargo test` shows even when it
/// captures the tests' output: libtest captures only what `print!`/`eprint!` write, so this
/// writes to the process's stderr handle itself. The test is named as in cargo's summary (the
/// test thread's name) when there is one, else by `label`.
fn say_skipped(label: &str) {
    use std::io::Write;
    let thread = std::thread::current();
    let test = thread.name().filter(|n| *n != "main").unwrap_or(label);
    writeln!(
        std::io::stderr(),
        "SKIPPED {test}: no Chromium found (install chromium or set CHROMIUM=/path/to/chromium; \
         with CI=1 or VITRINA_BROWSER_TESTS=required a missing browser fails the test)"
    )
    .ok();
}

impl Chromium {
    /// Starts Chromium with a 360×740 phone viewport, or `None` (after saying so) when there is
    /// none and browser tests are not required.
    pub fn launch(test: &str) -> Option<Chromium> {
        let required = std::env::var_os("CI").is_some()
            || std::env::var("VITRINA_BROWSER_TESTS").is_ok_and(|v| v == "required");
        let Some(exe) = find() else {
            assert!(
                !required,
                "{test}: no Chromium found, and browser tests are required here"
            );
            say_skipped(test);
            return None;
        };
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(&exe)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
                "--window-size=360,740",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{test}: cannot start {}: {e}", exe.display()));
        // "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID"
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let url = loop {
            let line = lines
                .next()
                .unwrap_or_else(|| panic!("{test}: Chromium exited before listening"))
                .unwrap();
            if let Some(at) = line.find("ws://") {
                break line[at..].trim().to_string();
            }
        };
        // Keep draining its stderr so it never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let (ws, _) = tungstenite::connect(&url).expect("DevTools connection");
        let mut c = Chromium {
            child,
            ws,
            session: String::new(),
            next: 0,
            _profile: profile,
        };
        let target = c.call("Target.createTarget", json!({"url": "about:blank"}));
        let session = c.call(
            "Target.attachToTarget",
            json!({"targetId": target["targetId"], "flatten": true}),
        );
        c.session = session["sessionId"].as_str().unwrap().to_string();
        c.call("Page.enable", json!({}));
        c.call("Runtime.enable", json!({}));
        c.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": true}),
        );
        Some(c)
    }

    /// Sends a command (to the page, once attached) and waits for its result.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.try_call(method, params)
            .unwrap_or_else(|err| panic!("{method}: {err}"))
    }

    /// Like [`Chromium::call`], with the protocol's error (a page reloading under the command)
    /// returned instead of failing the test.
    pub fn try_call(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        self.next += 1;
        let id = self.next;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if !self.session.is_empty() {
            msg["sessionId"] = json!(self.session);
        }
        self.ws.send(Message::text(msg.to_string())).unwrap();
        loop {
            let reply = self.ws.read().expect("DevTools message");
            let Message::Text(text) = reply else { continue };
            let v: Value = serde_json::from_str(&text).unwrap();
            if v["id"] == json!(id) {
                if let Some(err) = v.get("error") {
                    return Err(err.clone());
                }
                return Ok(v["result"].clone());
            }
        }
    }

    /// Loads `url` and waits until its document has loaded (scripts included).
    pub fn goto(&mut self, url: &str) {
        self.call("Page.navigate", json!({"url": url}));
        self.wait_for("document.readyState === 'complete'", url);
    }

    /// The value of a JavaScript expression (promises awaited).
    pub fn eval(&mut self, expr: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expr, "awaitPromise": true, "returnByValue": true}),
        );
        if let Some(ex) = r.get("exceptionDetails") {
            panic!("{expr}: {ex}");
        }
        r["result"]["value"].clone()
    }

    /// Waits (up to 10 s) until `expr` is true (a page that is reloading meanwhile is waited for).
    #[track_caller]
    pub fn wait_for(&mut self, expr: &str, what: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            let r = self.try_call(
                "Runtime.evaluate",
                json!({"expression": format!("!!({expr})"), "returnByValue": true}),
            );
            if r.is_ok_and(|r| r["result"]["value"] == json!(true)) {
                return;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        panic!("timed out waiting for {what}: {expr}");
    }

    /// Presses one key (`Tab`, `Enter`) as a keyboard does.
    pub fn press(&mut self, key: &str) {
        let code = match key {
            "Tab" => 9,
            "Enter" => 13,
            "ArrowLeft" => 37,
            "ArrowRight" => 39,
            _ => 0,
        };
        for kind in ["rawKeyDown", "keyUp"] {
            let mut params = json!({
                "type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code,
            });
            if key == "Enter" && kind == "rawKeyDown" {
                self.call("Input.dispatchKeyEvent", params.clone());
                params = json!({"type": "char", "key": key, "text": "\r", "windowsVirtualKeyCode": code});
            }
            self.call("Input.dispatchKeyEvent", params);
        }
    }

    /// Types `text` into the focused element, one key at a time (input events as a phone
    /// keyboard sends them).
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.call("Input.insertText", json!({"text": c.to_string()}));
        }
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}
