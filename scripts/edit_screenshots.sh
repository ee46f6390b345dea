#!/usr/bin/env bash
# Renders the editor (`vitrina edit`) at 360×740 (DPR 2) in headless Chromium into
# docs/screenshots/edit-*.png for the guides: the login page, her home, her business, a
# product with a photo, a save refused (empty name) and the organizer's desk, on a copy of the
# example fair. Needs node, npm and chromium (CHROME_PATH, default /usr/bin/chromium).
#   scripts/edit_screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${VITRINA:-target/release/vitrina}"
[ -x "$bin" ] || cargo build --release --quiet
(cd scripts/audit && npm install --no-audit --no-fund --loglevel=error)
tmp="$(mktemp -d)"
mkdir -p "$tmp/site"
cp -r content static themes "$tmp/site/"
"$bin" access --site "$tmp/site" --json >"$tmp/codes.json"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$bin" edit --site "$tmp/site" --port "$port" >"$tmp/edit.out" 2>"$tmp/edit.err" &
editor=$!
trap 'kill $editor 2>/dev/null; rm -rf "$tmp"' EXIT
desk=""
for _ in $(seq 600); do
  desk="$(grep -o '/__vitrina/edit/login?code=[^ ]*' "$tmp/edit.out" 2>/dev/null | head -1 || true)"
  [ -n "$desk" ] && break
  sleep 0.1
done
[ -n "$desk" ] || { echo "vitrina edit did not start:"; cat "$tmp/edit.err"; exit 1; }
mkdir -p docs/screenshots
node scripts/audit/edit_screenshots.mjs "http://127.0.0.1:$port" "$tmp/codes.json" "$desk" docs/screenshots
