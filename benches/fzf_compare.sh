#!/usr/bin/env bash
# Compares pathwise's case filter with `fzf --filter` on the same titles.
#
#   benches/fzf_compare.sh [LIBRARY_DIR]
#
# LIBRARY_DIR defaults to a fresh 10,000-case library (seed 1) made with
# `pathwise generate` in a temporary folder. The script times fzf as a
# process (median of 15 runs per query, and the same for an empty input, which
# is fzf's start-up alone), then runs the search benchmark's setup, which
# times fzf and pathwise's matcher on the same titles in one run and prints
# the ratio (no criterion measurement: the filter matches no benchmark).
#
# Needs fzf (Debian: apt-get install fzf).
set -euo pipefail

queries=(r rad radiculo s sho shoulder)
runs=15
root=$(cd "$(dirname "$0")/.." && pwd)

if ! command -v fzf >/dev/null; then
    echo "fzf is not installed (Debian: apt-get install fzf)" >&2
    exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
lib=${1:-}
if [ -z "$lib" ]; then
    lib=$work/library
    if command -v pathwise >/dev/null && pathwise generate --help >/dev/null 2>&1; then
        pathwise generate --count 10000 --seed 1 "$lib" >/dev/null
    else
        (cd "$root" && cargo run --quiet --release -- generate --count 10000 --seed 1 "$lib" >/dev/null)
    fi
fi

titles=$work/titles.txt
# one title a line, as the case list shows them (TOML escapes left as they are)
grep -rh --include='*.toml' '^title = ' "$lib" | sed -e 's/^title = "//' -e 's/"$//' >"$titles"
count=$(wc -l <"$titles")
echo "fzf $(fzf --version | cut -d' ' -f1) on $count titles from $lib; median of $runs runs"

now_ns() { date +%s%N; }
median_ms() { sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", a[int((NR + 1) / 2)] / 1e6 }'; }

times=()
for _ in $(seq $runs); do
    t0=$(now_ns); fzf --filter x </dev/null >/dev/null || true; t1=$(now_ns)
    times+=($((t1 - t0)))
done
startup=$(printf '%s\n' "${times[@]}" | median_ms)
printf '  %-10s %10s ms  (fzf start-up, empty input)\n' "-" "$startup"

for q in "${queries[@]}"; do
    times=()
    for _ in $(seq $runs); do
        t0=$(now_ns); fzf --filter "$q" <"$titles" >"$work/out" || true; t1=$(now_ns)
        times+=($((t1 - t0)))
    done
    printf '  %-10s %10s ms  %6d matches\n' "$q" "$(printf '%s\n' "${times[@]}" | median_ms)" "$(wc -l <"$work/out")"
done

echo
echo "in-process comparison (cargo bench --bench search setup):"
cd "$root" && cargo bench --quiet --bench search -- --exact no-such-benchmark 2>&1 |
    sed -n '/^fzf comparison/,/^  shoulder/p'
