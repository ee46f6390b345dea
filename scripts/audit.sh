#!/usr/bin/env bash
# The browser audit of issue 6: builds the example fair, serves it on loopback and runs
# Lighthouse (mobile preset) and axe-core over home, vendor, product, category and search pages
# in Debian's Chromium (scripts/audit/audit.mjs). Needs node, npm and chromium; `.ci/run` runs it.
#   scripts/audit.sh [REPORT.json]
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${VITRINA:-target/debug/vitrina}"
[ -x "$bin" ] || cargo build --quiet
(cd scripts/audit && npm install --no-audit --no-fund --loglevel=error)
tmp="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
# Built as it would be published at that address (canonical links, sitemap, robots.txt).
"$bin" build --out "$tmp/public" --base-url "$base" --cache-dir "$tmp/cache" >/dev/null
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$tmp/public" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do curl -fsS -o /dev/null "$base/" 2>/dev/null && break; sleep 0.1; done
node scripts/audit/audit.mjs "$base" "${1:-}"
