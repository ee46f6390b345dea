#!/usr/bin/env bash
# The browser audit of issues 6 and 16: builds the example fair, serves it on loopback and runs
# Lighthouse (mobile preset) and axe-core over home, vendor, product, category and search pages
# in Debian's Chromium (scripts/audit/audit.mjs); then starts `vitrina edit` on a copy of the
# example fair, gives every vendor a code (`vitrina access --json`) and audits the editor's
# login, home, entry, product and desk pages logged in (accessibility 100, axe 0 violations).
# Needs node, npm and chromium; `.ci/run` runs it.
#   scripts/audit.sh [REPORT.json]
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${VITRINA:-target/debug/vitrina}"
[ -x "$bin" ] || cargo build --quiet
(cd scripts/audit && npm install --no-audit --no-fund --loglevel=error)
tmp="$(mktemp -d)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port="$(free_port)"
base="http://127.0.0.1:$port"
# Built as it would be published at that address (canonical links, sitemap, robots.txt).
"$bin" build --out "$tmp/public" --base-url "$base" --cache-dir "$tmp/cache" >/dev/null
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$tmp/public" >/dev/null 2>&1 &
server=$!
editor=""
trap 'kill $server $editor 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do curl -fsS -o /dev/null "$base/" 2>/dev/null && break; sleep 0.1; done

# The editor, on a copy of the example fair (it writes into the site it edits).
mkdir -p "$tmp/edit"
cp -r content static themes "$tmp/edit/"
"$bin" access --site "$tmp/edit" --json >"$tmp/codes.json"
edit_port="$(free_port)"
"$bin" edit --site "$tmp/edit" --port "$edit_port" >"$tmp/edit.out" 2>"$tmp/edit.err" &
editor=$!
desk=""
for _ in $(seq 600); do
  desk="$(grep -o '/__vitrina/edit/login?code=[^ ]*' "$tmp/edit.out" 2>/dev/null | head -1 || true)"
  [ -n "$desk" ] && break
  sleep 0.1
done
[ -n "$desk" ] || { echo "vitrina edit did not start:"; cat "$tmp/edit.err"; exit 1; }
export EDIT_BASE="http://127.0.0.1:$edit_port" EDIT_DESK="$desk" EDIT_CODES="$tmp/codes.json"
node scripts/audit/audit.mjs "$base" "${1:-}"
