#!/usr/bin/env bash
# Runs one cargo-fuzz target for SECONDS seconds of wall time (one libFuzzer process, one core).
#
#   scripts/fuzz.sh TARGET SECONDS        TARGET: toml | markdown | photo | paths
#
# Installs cargo-fuzz when missing (needs the nightly toolchain: `rustup toolchain list`),
# seeds fuzz/corpus/TARGET from the fixtures, the example fair and fuzz/seeds/TARGET, runs
# libFuzzer with the limits below, then prints what it found: every crash, timeout, out-of-memory
# or slow input is a file in fuzz/artifacts/TARGET/ (reproduce one with
# `cargo +nightly fuzz run TARGET FILE` in fuzz/). The corpus grows between runs; RELIABILITY.md
# records the runs and what they found.
set -euo pipefail

usage() { echo "usage: scripts/fuzz.sh toml|markdown|photo|paths SECONDS" >&2; exit 2; }
[ $# -eq 2 ] || usage
target=$1
seconds=$2
[[ $seconds =~ ^[0-9]+$ ]] || usage

# The longest input worth trying, per target: a vendor's files are a few KB; a description
# rarely 10 KB; photos are kept small so the fuzzer explores headers and chunks instead of
# spending its time on pixels; a path or a name is short.
case $target in
  toml) max_len=8192 ;;
  markdown) max_len=16384 ;;
  photo) max_len=65536 ;;
  paths) max_len=512 ;;
  *) usage ;;
esac

root=$(cd "$(dirname "$0")/.." && pwd)
fuzz=$root/fuzz
corpus=$fuzz/corpus/$target
artifacts=$fuzz/artifacts/$target
mkdir -p "$corpus" "$artifacts"

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz.sh: cargo-fuzz needs the nightly toolchain (rustup toolchain install nightly)" >&2
  exit 2
fi
if ! command -v cargo-fuzz >/dev/null; then
  cargo install cargo-fuzz --locked
fi

# A seed is named by its hash, so seeding again adds nothing twice.
seed() { # seed PREFIX FILE: FILE's bytes after PREFIX (an escape for printf, may be empty)
  local tmp
  tmp=$(mktemp)
  { printf "$1"; cat "$2"; } >"$tmp"
  if [ "$(wc -c <"$tmp")" -le "$max_len" ]; then
    mv "$tmp" "$corpus/seed-$(sha1sum "$tmp" | cut -c1-16)"
  else
    rm -f "$tmp"
  fi
}
sources=("$root/tests/fixtures" "$root/content")
while IFS= read -r -d '' f; do
  case $target:$f in
    toml:*/fair.toml) seed '\000' "$f" ;;
    toml:*/vendor.toml) seed '\001' "$f" ;;
    toml:*.md) seed '\002' "$f" ;;
    markdown:*.md) seed '' "$f" ;;
    photo:*.jpg | photo:*.jpeg | photo:*.png | photo:*.webp | photo:*.gif) seed '' "$f" ;;
  esac
done < <(find "${sources[@]}" -type f -print0)
if [ -d "$fuzz/seeds/$target" ]; then
  for f in "$fuzz/seeds/$target"/*; do seed '' "$f"; done
fi

echo "fuzz.sh: $target for ${seconds}s, max_len $max_len, corpus $(ls "$corpus" | wc -l) inputs"
cd "$fuzz"
status=0
cargo +nightly fuzz run --target-dir "$fuzz/target" "$target" "$corpus" -- \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
  -report_slow_units=2 -print_final_stats=1 || status=$?

found=$(ls "$artifacts")
if [ -z "$found" ]; then
  echo "fuzz.sh: $target: nothing found in ${seconds}s (corpus now $(ls "$corpus" | wc -l) inputs)"
else
  echo "fuzz.sh: $target: found (in $artifacts):"
  echo "$found" | sed 's/^/  /'
fi
exit $status
