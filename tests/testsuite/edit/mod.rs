//! `vitrina edit`: the real binary on an ephemeral port against a copy of a fixture site, driven
//! over plain HTTP the way a phone's browser does (cookies, `Origin`, multipart forms), and by a
//! real headless Chromium at 360×740.
//!
//! `http.rs` holds what a browser cannot show: every guard of the security boundary (another
//! vendor's session, no cookie, a foreign `Origin`, a wrong token, guessing, a renewed code,
//! hostile uploads) and that nothing is written when a save is refused. `browser.rs` holds what
//! she does with her phone's browser (the keyboard, the file input, the photo script, unsaved
//! text kept, the layout at 360 px) and each page's weight.

mod browser;
mod desk;
mod http;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::prelude::*;

/// A running `vitrina edit`.
pub struct Editing {
    child: Child,
    /// `127.0.0.1:PORT`
    pub addr: String,
    /// The organizer's login path, with its code.
    pub desk: String,
    log: Arc<Mutex<String>>,
}

impl Editing {
    /// Starts `vitrina edit` on `site` (give codes first: [`codes`]).
    pub fn start(site: &TestSite) -> Editing {
        Editing::start_with(site, &[])
    }

    /// Starts `vitrina edit` with more arguments.
    pub fn start_with(site: &TestSite, extra: &[&str]) -> Editing {
        let mut child = vitrina()
            .args(["edit", "--port", "0"])
            .args(extra)
            .env("VITRINA_SETTLE_MS", "0")
            // Longer than the watcher's quiet time: a photo and its product are still built once.
            .env("VITRINA_EDIT_PAUSE_MS", "150")
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
        let mut addr = None;
        let desk = loop {
            let line = out
                .next()
                .unwrap_or_else(|| panic!("edit exited:\n{}", log.lock().unwrap()))
                .unwrap();
            sink_line(&log, &line);
            // The preview runs on without its editor: say so instead of waiting for ever.
            assert!(
                !line.contains("No se pudo abrir el editor"),
                "{line}\n{}",
                log.lock().unwrap()
            );
            if addr.is_none() {
                if let Some(at) = line.find("http://") {
                    let url = line[at..].split_whitespace().next().unwrap();
                    addr = Some(
                        url.trim_start_matches("http://")
                            .trim_end_matches('/')
                            .to_string(),
                    );
                }
            }
            assert!(
                !line.contains("editor:") && !line.contains("No se pudo abrir el editor"),
                "{line}"
            );
            if let Some(at) = line.find("/__vitrina/edit/login?code=") {
                break line[at..].split_whitespace().next().unwrap().to_string();
            }
        };
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in out.map_while(Result::ok) {
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        Editing {
            child,
            addr: addr.unwrap(),
            desk,
            log,
        }
    }

    /// What it printed to stderr and after the banner.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// `http://127.0.0.1:PORT`
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A phone with no session yet.
    pub fn phone(&self) -> Phone {
        Phone {
            addr: self.addr.clone(),
            origin: Some(self.origin()),
            cookie: None,
        }
    }

    /// A phone logged in with `code` (a vendor's code or the organizer's).
    pub fn logged_in(&self, code: &str) -> Phone {
        let mut p = self.phone();
        let r = p.get(&format!("/__vitrina/edit/login?code={code}"));
        assert_eq!(r.status, 303, "login with {code}: {}", r.text());
        p
    }

    /// The organizer, logged in by the printed link.
    pub fn organizer(&self) -> Phone {
        let mut p = self.phone();
        let r = p.get(&self.desk.clone());
        assert_eq!(r.status, 303, "organizer login: {}", r.text());
        p
    }
}

impl Drop for Editing {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

fn sink_line(log: &Arc<Mutex<String>>, line: &str) {
    let mut log = log.lock().unwrap();
    log.push_str(line);
    log.push('\n');
}

/// Gives every vendor of `site` a code (`vitrina access --json`): slug → code.
pub fn codes(site: &TestSite) -> std::collections::BTreeMap<String, String> {
    let run = site.run(&["access", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let list: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["vendor"].as_str().unwrap().to_string(),
                e["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// An answer.
pub struct Answer {
    /// Status code.
    pub status: u16,
    /// Head, lowercased.
    pub head: String,
    /// Head, as sent.
    pub raw_head: String,
    /// Body.
    pub body: Vec<u8>,
}

impl Answer {
    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<String> {
        let name = format!("\r\n{}:", name.to_lowercase());
        let at = self.head.find(&name)? + name.len();
        let end = self.head[at..]
            .find("\r\n")
            .map_or(self.head.len(), |e| at + e);
        Some(self.head[at..end].trim().to_string())
    }

    /// The value of a hidden field `name` in the page's first form that has it.
    pub fn field(&self, name: &str) -> String {
        let text = self.text();
        let needle = format!("name=\"{name}\" value=\"");
        let at = text
            .find(&needle)
            .unwrap_or_else(|| panic!("no field {name} in:\n{text}"))
            + needle.len();
        let end = text[at..].find('"').unwrap() + at;
        text[at..end].to_string()
    }
}

/// A browser: one cookie, one `Origin`.
pub struct Phone {
    addr: String,
    /// The `Origin` its forms send (`None`: none).
    pub origin: Option<String>,
    /// Its session cookie.
    pub cookie: Option<String>,
}

/// One part of a multipart form: a text or a file (with the name the browser gives it).
pub enum Part<'a> {
    /// A text field.
    Text(&'a str, &'a str),
    /// A file field: name, file name, bytes.
    File(&'a str, &'a str, &'a [u8]),
}

impl Phone {
    /// GET `path`.
    pub fn get(&mut self, path: &str) -> Answer {
        self.send("GET", path, &[], None)
    }

    /// POST a multipart form.
    pub fn post(&mut self, path: &str, parts: &[Part<'_>]) -> Answer {
        self.post_with(path, parts, &[])
    }

    /// POST a multipart form with more headers.
    pub fn post_with(&mut self, path: &str, parts: &[Part<'_>], extra: &[(&str, &str)]) -> Answer {
        let boundary = "----vitrinaTestBoundary7MA4YWxkTrZu0gW";
        let mut body = Vec::new();
        for p in parts {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            match p {
                Part::Text(k, v) => {
                    body.extend_from_slice(
                        format!("Content-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                            .as_bytes(),
                    );
                }
                Part::File(k, f, bytes) => {
                    body.extend_from_slice(
                        format!(
                            "Content-Disposition: form-data; name=\"{k}\"; filename=\"{f}\"\r\nContent-Type: image/jpeg\r\n\r\n"
                        )
                        .as_bytes(),
                    );
                    body.extend_from_slice(bytes);
                    body.extend_from_slice(b"\r\n");
                }
            }
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let ct = format!("multipart/form-data; boundary={boundary}");
        self.send("POST", path, extra, Some((ct, body)))
    }

    /// Sends a request; remembers a session cookie it is given.
    pub fn send(
        &mut self,
        method: &str,
        path: &str,
        extra: &[(&str, &str)],
        body: Option<(String, Vec<u8>)>,
    ) -> Answer {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        // A server that refuses a large body early stops reading it.
        s.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
        if !extra.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
            head.push_str(&format!("Host: {}\r\n", self.addr));
        }
        if let (Some(o), "POST") = (&self.origin, method) {
            head.push_str(&format!("Origin: {o}\r\n"));
        }
        if let Some(c) = &self.cookie {
            head.push_str(&format!("Cookie: vitrina_edit={c}\r\n"));
        }
        for (k, v) in extra {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        let body = body.map(|(ct, b)| {
            head.push_str(&format!(
                "Content-Type: {ct}\r\nContent-Length: {}\r\n",
                b.len()
            ));
            b
        });
        head.push_str("\r\n");
        s.write_all(head.as_bytes()).unwrap();
        if let Some(b) = body {
            // A server that refuses early may close before reading it all.
            let _ = s.write_all(&b);
        }
        let mut raw = Vec::new();
        let _ = s.read_to_end(&mut raw);
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("no answer to {method} {path}"));
        let raw_head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let head = raw_head.to_lowercase();
        let status = head[9..12].parse().unwrap();
        let answer = Answer {
            status,
            head,
            raw_head,
            body: raw[split + 4..].to_vec(),
        };
        if let Some(at) = answer.raw_head.find("vitrina_edit=") {
            let value = answer.raw_head[at..]
                .trim_start_matches("vitrina_edit=")
                .split(';')
                .next()
                .unwrap()
                .to_string();
            self.cookie = (!value.is_empty()).then_some(value);
        }
        answer
    }
}

/// Waits until `f` holds (at most 20 s).
#[track_caller]
pub fn wait_until(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !f() {
        assert!(Instant::now() < deadline, "waited for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}
