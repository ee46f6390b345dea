#!/usr/bin/env python3
"""Benchmarks of `vitrina edit` (issue 16), over HTTP on the loopback, against a generated fair.

    python3 scripts/edit_bench.py SITE BIN [SAVES]

SITE is a site folder (e.g. W1 from ../shared/bench/gen_fair.py, with its .vitrina-cache warm);
it is hard-linked into a scratch copy first (the editor replaces files by rename, so the
original is never changed). Measures:

1. "Guardar" → product page updated in the preview: SAVES price changes of one product; each
   time from sending the form to the moment the product page served shows the new price.
2. A 12 MP phone photo (the largest JPEG of the site, ~4 MB): the server's part, for the photo as
   the browser's script sends it (scaled to 2560 px, JPEG 0.88) and as the plain form sends it
   (the whole file), up to the product page showing it.
3. The server's peak memory while 10 phones send a whole 12 MP photo at once.

Prints medians, p95 and maxima as JSON lines. The same photo through a real Chromium (photo.js
scaling it on the page) is measured by scripts/audit/edit_photo.mjs against a running
`vitrina edit` (see BENCHMARKS.md).
"""
import io
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import http.client

from PIL import Image


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def summary(name, xs):
    ms = [x * 1000 for x in xs]
    out = {"what": name, "n": len(ms), "p50_ms": round(statistics.median(ms), 1),
           "p95_ms": round(pct(ms, 95), 1), "max_ms": round(max(ms), 1)}
    print(json.dumps(out), flush=True)
    return out


class Phone:
    def __init__(self, addr):
        self.host, self.port = addr.split(":")
        self.cookie = None

    def request(self, method, path, body=None, headers=None):
        c = http.client.HTTPConnection(self.host, int(self.port), timeout=120)
        h = {"Host": f"{self.host}:{self.port}", "Origin": f"http://{self.host}:{self.port}"}
        if self.cookie:
            h["Cookie"] = f"vitrina_edit={self.cookie}"
        h.update(headers or {})
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        for k, v in r.getheaders():
            if k.lower() == "set-cookie" and v.startswith("vitrina_edit="):
                self.cookie = v.split(";")[0].split("=", 1)[1] or None
        c.close()
        return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data

    def post(self, path, fields, files=()):
        boundary = "----vitrinaBench"
        out = io.BytesIO()
        for k, v in fields:
            out.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n".encode())
        for k, name, data in files:
            out.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"; filename=\"{name}\"\r\nContent-Type: image/jpeg\r\n\r\n".encode())
            out.write(data)
            out.write(b"\r\n")
        out.write(f"--{boundary}--\r\n".encode())
        return self.request("POST", path, out.getvalue(),
                            {"Content-Type": f"multipart/form-data; boundary={boundary}"})


def field(html, name):
    m = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', html)
    return m.group(1) if m else ""


def fields_of(html):
    """Every text input, checkbox and textarea of the product form, as the browser sends them."""
    out = []
    for m in re.finditer(r'<input ([^>]*)>', html):
        a = m.group(1)
        name = re.search(r'name="([^"]*)"', a)
        if not name or 'type="file"' in a:
            continue
        value = re.search(r'value="([^"]*)"', a)
        if 'type="checkbox"' in a:
            if " checked" in a:
                out.append((name.group(1), value.group(1) if value else "on"))
        else:
            out.append((name.group(1), value.group(1) if value else ""))
    for m in re.finditer(r'<textarea[^>]*name="([^"]*)"[^>]*>(.*?)</textarea>', html, re.S):
        out.append((m.group(1), m.group(2)))
    for m in re.finditer(r'<select[^>]*name="([^"]*)"[^>]*>(.*?)</select>', html, re.S):
        sel = re.search(r'<option value="([^"]*)" selected', m.group(2))
        out.append((m.group(1), sel.group(1) if sel else ""))
    import html as h
    return [(k, h.unescape(v)) for k, v in out]


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    site, binary = sys.argv[1], os.path.abspath(sys.argv[2])
    saves = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    scratch = tempfile.mkdtemp(prefix="edit-bench-")
    work = os.path.join(scratch, "site")
    subprocess.run(["cp", "-al", site, work], check=True)
    codes = json.loads(subprocess.run([binary, "access", "--json", "--site", work],
                                      check=True, capture_output=True, text=True).stdout)
    vendor = codes[0]["vendor"]
    code = codes[0]["code"]
    log = open(os.path.join(scratch, "edit.log"), "w")
    proc = subprocess.Popen([binary, "edit", "--site", work, "--port", "0"], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=log, text=True)
    addr = None
    for line in proc.stdout:
        if addr is None and "http://" in line:
            addr = line.split("http://")[1].split("/")[0]
        if "login?code=" in line:
            break
    threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
    try:
        phone = Phone(addr)
        st, h, _ = phone.request("GET", f"/__vitrina/edit/login?code={code}")
        assert st == 303, st
        st, _, body = phone.request("GET", f"/__vitrina/edit/v/{vendor}/")
        stems = re.findall(rf'/__vitrina/edit/v/{vendor}/p/([a-z0-9-]+)"', body.decode().replace("&#x2F;", "/"))
        stem = stems[0]
        form_path = f"/__vitrina/edit/v/{vendor}/p/{stem}"
        page = f"/vendors/{vendor}/{stem}/"
        # Warm-up: one save, as a person's first one after opening the form.
        times, posts = [], []
        for i in range(saves + 1):
            st, _, body = phone.request("GET", form_path)
            html = body.decode()
            price = f"{10 + i}.{(i * 7) % 100:02d}"
            fields = [(k, v) for k, v in fields_of(html) if k != "price"] + [("price", price)]
            t0 = time.perf_counter()
            st, h, _ = phone.post(form_path, fields)
            t1 = time.perf_counter()
            assert st == 303, (st, h)
            shown = f"S/ {float(price):.2f}"
            while True:
                _, _, p = phone.request("GET", page)
                if shown.encode() in p:
                    break
                if time.perf_counter() - t0 > 10:
                    raise SystemExit(f"price {shown} never shown")
                time.sleep(0.005)
            t2 = time.perf_counter()
            if i:
                times.append(t2 - t0)
                posts.append(t1 - t0)
        summary("save → product page shows it", times)
        summary("save (server answer)", posts)

        # A 12 MP phone photo: the largest JPEG of the site.
        biggest = max((os.path.join(d, f) for d, _, fs in os.walk(os.path.join(site, "content"))
                       for f in fs if f.endswith(".jpg")), key=os.path.getsize)
        original = open(biggest, "rb").read()
        img = Image.open(io.BytesIO(original))
        print(json.dumps({"photo": os.path.basename(biggest), "bytes": len(original),
                          "size": img.size}), flush=True)
        img.thumbnail((2560, 2560))
        buf = io.BytesIO()
        img.convert("RGB").save(buf, "JPEG", quality=88)
        scaled = buf.getvalue()
        for label, data, n in [("upload scaled (2560 px, as photo.js sends)", scaled, 10),
                               ("upload whole 12 MP file (no JavaScript)", original, 10)]:
            ts = []
            for i in range(n):
                st, _, body = phone.request("GET", f"/__vitrina/edit/v/{vendor}/new")
                html = body.decode()
                name = f"Foto prueba {label[:6]} {i}"
                fields = [("csrf", field(html, "csrf")), ("hash", ""), ("name", name),
                          ("price", "5"), ("available", "on"),
                          ("photo_alt", "Una foto de prueba")]
                t0 = time.perf_counter()
                st, h, _ = phone.post(f"/__vitrina/edit/v/{vendor}/new", fields,
                                      [("photo_upload", "IMG_0001.jpg", data)])
                assert st == 303, st
                loc = h["location"]
                while True:
                    s2, _, p = phone.request("GET", loc)
                    if s2 == 200 and b"Una foto de prueba" in p and b"<img" in p:
                        break
                    if time.perf_counter() - t0 > 20:
                        raise SystemExit("photo never shown")
                    time.sleep(0.005)
                ts.append(time.perf_counter() - t0)
            summary(label + " → page shows it", ts)

        # Ten phones send a whole 12 MP photo at once.
        peak = [rss_kb(proc.pid)]
        before = peak[0]
        done = threading.Event()

        def sample():
            while not done.is_set():
                peak.append(rss_kb(proc.pid))
                time.sleep(0.01)
        threading.Thread(target=sample, daemon=True).start()

        def send(i):
            p = Phone(addr)
            p.cookie = phone.cookie
            st, _, body = p.request("GET", f"/__vitrina/edit/v/{vendor}/new")
            html = body.decode()
            p.post(f"/__vitrina/edit/v/{vendor}/new",
                   [("csrf", field(html, "csrf")), ("hash", ""), ("name", f"Diez a la vez {i}"),
                    ("photo_alt", "x")], [("photo_upload", "IMG.jpg", original)])
        t0 = time.perf_counter()
        ts = [threading.Thread(target=send, args=(i,)) for i in range(10)]
        [t.start() for t in ts]
        [t.join() for t in ts]
        done.set()
        print(json.dumps({"what": "10 whole 12 MP uploads at once", "seconds": round(time.perf_counter() - t0, 2),
                          "rss_before_mb": round(before / 1024), "rss_peak_mb": round(max(peak) / 1024)}), flush=True)
    finally:
        proc.terminate()
        proc.wait()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
