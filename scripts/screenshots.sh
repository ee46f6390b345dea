#!/usr/bin/env bash
# Renders home, vendor, product and search of the example fair at 360×740 (DPR 2) in headless
# Chromium, light and dark, into docs/screenshots/ (linked from the README). Needs node, npm
# and chromium (CHROME_PATH, default /usr/bin/chromium).
#   scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${VITRINA:-target/release/vitrina}"
[ -x "$bin" ] || cargo build --release --quiet
(cd scripts/audit && npm install --no-audit --no-fund --loglevel=error)
tmp="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$bin" build --out "$tmp/public" --cache-dir "$tmp/cache" >/dev/null
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$tmp/public" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break; sleep 0.1; done
mkdir -p docs/screenshots
node scripts/audit/screenshots.mjs "http://127.0.0.1:$port" docs/screenshots
