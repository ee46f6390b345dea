#!/usr/bin/env bash
# warm_pair.sh WORKLOAD VITRINA_BINARY [RUNS] — the warm phase of ../shared/bench/peers.sh alone:
# vitrina and Hugo rebuild the already-built W1/W2 site with nothing changed, alternating, each
# run after `sync`, timed by /usr/bin/time. Use it after peers.sh (or one cold build of each) has
# filled both tools' caches; it never deletes anything. Prints every run and the medians.
set -euo pipefail
workload=${1:?usage: warm_pair.sh WORKLOAD VITRINA_BINARY [RUNS]}
vitrina=$(readlink -f "${2:?usage}")
runs=${3:-5}
home=${BENCH_HOME:-${TMPDIR:-/tmp}/vitrina-bench}
site=$home/$workload/vitrina-site
hsite=$home/$workload/hugo-site
out=$home/$workload/vitrina-out
: >"$home/warm-v.times"; : >"$home/warm-h.times"
for _ in $(seq "$runs"); do
  sync; /usr/bin/time -f "%e %M" -a -o "$home/warm-v.times" "$vitrina" build --site "$site" --out "$out" >/dev/null 2>&1
  sync; /usr/bin/time -f "%e %M" -a -o "$home/warm-h.times" hugo --quiet --source "$hsite" --cacheDir "$home/hugo-cache-$workload" >/dev/null 2>&1
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
vw=$(cut -d' ' -f1 "$home/warm-v.times" | median); hw=$(cut -d' ' -f1 "$home/warm-h.times" | median)
vm=$(cut -d' ' -f2 "$home/warm-v.times" | median); hm=$(cut -d' ' -f2 "$home/warm-h.times" | median)
echo "warm vitrina runs (s): $(cut -d' ' -f1 "$home/warm-v.times" | tr '\n' ' ')"
echo "warm hugo    runs (s): $(cut -d' ' -f1 "$home/warm-h.times" | tr '\n' ' ')"
echo "warm median wall: vitrina ${vw}s, hugo ${hw}s, ratio hugo/vitrina $(awk -v a="$hw" -v b="$vw" 'BEGIN{printf "%.2f", (b>0? a/b : 0)}'); peak RSS: vitrina $((vm / 1024)) MB, hugo $((hm / 1024)) MB"
