#!/usr/bin/env python3
"""serve_latency.py SITE VITRINA_BINARY [RUNS] — time from a file write to the reload event of
`vitrina serve`, as BENCHMARKS.md reports it.

SITE is a built site (e.g. the W1 site of ../shared/bench/gen_fair.py, built once so the photo
cache is warm). It is never changed: the script works on a copy made of hard links (every edit
below replaces files by renaming, so the originals keep their bytes), with the default theme's
templates copied in so a template can be edited. Then, against one `vitrina serve` process:

  text      RUNS product description edits (atomic save), each a different product
  photo     RUNS new 12 MP photos: a photo of the site with a few bytes appended (a new file to
            the cache) is copied into the vendor's photos/ and the product's front matter gets a
            line for it; timed from the start of the copy
  template  RUNS edits of base.html (every page made again, photos from the cache)

Each time is from the write (os.rename returning, or the copy starting) to the `reload` event
arriving on the event stream, as an open page receives it. Prints every time and p50 / p95 / max.
Before the first timed edit the script waits SETTLE seconds (default 65, see below).
KINDS (default "text,photo,template") picks which of the three series run.
"""
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

site = os.path.abspath(sys.argv[1])
binary = os.path.abspath(sys.argv[2])
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 30
repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

work = tempfile.mkdtemp(prefix="vitrina-serve-bench-", dir=os.path.dirname(site))
copy = os.path.join(work, "site")
subprocess.run(["cp", "-al", site, copy], check=True)
shutil.rmtree(os.path.join(copy, "themes"), ignore_errors=True)
shutil.copytree(os.path.join(repo, "themes"), os.path.join(copy, "themes"))
for d in [".vitrina-serve"]:
    shutil.rmtree(os.path.join(copy, d), ignore_errors=True)


def atomic_write(path, text):
    tmp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.rename(tmp, path)


class Events:
    def __init__(self, addr):
        self.s = socket.create_connection(addr)
        self.s.sendall(b"GET /__vitrina/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
        self.buf = b""

    def next(self, timeout=60):
        self.s.settimeout(timeout)
        while True:
            m = re.search(rb"event: (\w+)\r?\ndata: ([^\n]*)\n", self.buf)
            if m:
                self.buf = self.buf[m.end():]
                return m.group(1).decode(), m.group(2)
            chunk = self.s.recv(65536)
            if not chunk:
                raise SystemExit("event stream closed")
            self.buf += chunk

    def wait(self, name):
        while True:
            ev, data = self.next()
            if ev == name:
                return data
            if ev == "problems":
                raise SystemExit(f"the edit broke the site: {data[:400]!r}")


proc = subprocess.Popen(
    [binary, "serve", "--site", copy, "--port", "0"],
    stdout=subprocess.PIPE,
    stderr=open(os.path.join(work, "serve.log"), "w"),
    text=True,
)
try:
    line = proc.stdout.readline()
    m = re.search(r"http://([\d.]+):(\d+)/", line)
    if not m:
        raise SystemExit(f"no address from serve: {line!r}")
    addr = (m.group(1), int(m.group(2)))
    ev = Events(addr)
    ev.wait("hello")

    products = []
    for v in sorted(os.listdir(os.path.join(copy, "content/vendors"))):
        pdir = os.path.join(copy, "content/vendors", v, "products")
        for p in sorted(os.listdir(pdir)) if os.path.isdir(pdir) else []:
            products.append((v, os.path.join(pdir, p)))

    def timed(action):
        t0 = time.perf_counter()
        action()
        ev.wait("reload")
        return (time.perf_counter() - t0) * 1000

    # Two warm-up edits: both output trees past the first build.
    for v, p in products[-2:]:
        text = open(p, encoding="utf-8").read()
        atomic_write(p, text + "\nCalentando.\n")
        ev.wait("reload")
        time.sleep(0.3)

    # ext4 without a journal does not reuse inodes freed in the last minute, and creating files
    # next to thousands of them is slower: setting up the copy and the first build free many.
    # Wait until the file system has forgotten them (SETTLE seconds, default 65).
    time.sleep(int(os.environ.get("SETTLE", "65")))

    results = {}
    kinds = os.environ.get("KINDS", "text,photo,template").split(",")
    # Product text edits.
    times = []
    for i in range(runs if "text" in kinds else 0):
        v, p = products[i * 7 % len(products)]
        text = open(p, encoding="utf-8").read()
        times.append(timed(lambda: atomic_write(p, text + f"\nNuevo detalle número {i}.\n")))
        time.sleep(0.3)
    if times:
        results["text"] = times

    # New 12 MP photos.
    times = []
    for i in range(runs if "photo" in kinds else 0):
        v, p = products[(i * 11 + 3) % len(products)]
        vdir = os.path.join(copy, "content/vendors", v)
        photos = sorted(f for f in os.listdir(os.path.join(vdir, "photos")) if f.endswith(".jpg"))
        src = os.path.join(vdir, "photos", photos[0])
        dst = os.path.join(vdir, "photos", f"nueva-{i}.jpg")
        text = open(p, encoding="utf-8").read()
        new = text.replace("photos = [\n", f'photos = [\n  {{ src = "photos/nueva-{i}.jpg", alt = "Foto nueva {i}" }},\n', 1)
        assert new != text, p

        def add():
            with open(src, "rb") as f, open(dst, "wb") as g:
                g.write(f.read() + f"bench {i} {time.time()}".encode())
            atomic_write(p, new)

        times.append(timed(add))
        time.sleep(0.3)
    if times:
        results["photo"] = times

    # Template edits: every page made again.
    times = []
    base = os.path.join(copy, "themes/default/templates/base.html")
    original = open(base, encoding="utf-8").read()
    for i in range(runs if "template" in kinds else 0):
        times.append(timed(lambda: atomic_write(base, original.replace("</footer>", f"<!-- {i} --></footer>", 1))))
        time.sleep(0.3)
    if times:
        results["template"] = times

    for name, ts in results.items():
        ts_sorted = sorted(ts)
        p95 = ts_sorted[max(0, int(round(0.95 * len(ts_sorted))) - 1)]
        print(f"{name:9} n={len(ts)} p50={statistics.median(ts):7.1f} ms  p95={p95:7.1f} ms  max={max(ts):7.1f} ms")
        print("          " + " ".join(f"{t:.0f}" for t in ts))
finally:
    proc.terminate()
    proc.wait()
    shutil.copy(os.path.join(work, "serve.log"), "/tmp/vitrina-serve-bench.log")
    print("serve's own log: /tmp/vitrina-serve-bench.log")
    if os.environ.get("KEEP") is None:
        shutil.rmtree(work, ignore_errors=True)
