#!/usr/bin/env bash
# Side-by-side process comparisons on generated libraries (docs/performance.md):
# the read floor, `list`, `score --all`, their JSON forms and the referral
# export, each as a whole process, with the ratio to its anchor.
#
#   benches/compare.sh [ROUNDS] [DIR_10K [DIR_100K]]
#
# ROUNDS defaults to 7. Without folders, a 10,000-case and a 100,000-case
# library are generated (`pathwise generate --count N --seed 7`, 35 MB and
# 350 MB) in a temporary folder that is removed at the end; give an empty
# string for a size to skip it (`compare.sh 7 "" DIR` runs only DIR).
#
# Every file is read once first, so all runs find the page cache warm. Then
# each round runs every command once, in an order that rotates from round to
# round, so a neighbour's build on the shared cores falls on all of them
# alike; each is timed by /usr/bin/time (wall, user + system CPU, peak
# resident memory). Ratios are taken within each round (the command against
# its anchor in the same round) and their median is printed, with the
# medians of the figures themselves. The anchors:
#
#   list, score --all         the read floor: find DIR -name '*.toml' -print0 | xargs -0 cat > /dev/null
#   score --all --json        score --all
#   list --json               list
#   export --format json      export --format markdown, of the same case by id
#
# When fzf is installed (Debian: apt-get install fzf) it also times
# `fzf --filter` on the library's titles, one process per query, against
# the read floor of that titles file (`cat`); pathwise's own keystroke is
# measured in process by `cargo bench --bench search`.
#
# Needs bash, GNU time (/usr/bin/time) and awk. The machine's load is
# printed before and after: on a 2-core machine shared with other work the
# ratios hold better than the absolute times.
set -euo pipefail

rounds=${1:-7}
root=$(cd "$(dirname "$0")/.." && pwd)
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/pathwise"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

lib10k=${2-__generate__}
lib100k=${3-__generate__}
if [ "$lib10k" = __generate__ ]; then
  lib10k="$work/lib10k"
  "$bin" generate --count 10000 --seed 7 "$lib10k" >/dev/null
fi
if [ "$lib100k" = __generate__ ]; then
  lib100k="$work/lib100k"
  "$bin" generate --count 100000 --seed 7 "$lib100k" >/dev/null
fi

export PATHWISE_CONFIG="$work/none.toml" PATHWISE_LIBRARY=

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

machine() {
  local model
  model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
  echo "machine: $(nproc) cores (${model:-unknown CPU}), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) memory, $(uname -sr)"
}

# runs NAME CMD... once, appending "wall cpu rss_kb" to $work/NAME (wall
# from bash's clock, to the microsecond; CPU and memory from GNU time)
timed() {
  local name=$1
  shift
  local t0 t1
  t0=$EPOCHREALTIME
  /usr/bin/time -f '%U %S %M' -o "$work/t" "$@" >/dev/null 2>"$work/err" || {
    echo "failed: $*" >&2
    cat "$work/err" >&2
    exit 1
  }
  t1=$EPOCHREALTIME
  awk -v t0="$t0" -v t1="$t1" '{ printf "%.4f %.3f %s\n", t1 - t0, $1 + $2, $3 }' "$work/t" >>"$work/$name"
}

compare_library() {
  local lib=$1
  [ -n "$lib" ] || return 0
  local n id
  n=$(find "$lib" -name '*.toml' | wc -l)
  find "$lib" -name '*.toml' -print0 | xargs -0 cat >/dev/null
  id=$("$bin" --library "$lib" list --json 2>/dev/null | awk -F'"' '/"id":/ { print $4; exit }')
  local names=(floor list score score_json list_json export_md export_json)
  local anchors=(- floor floor score list export_md)
  anchors+=(export_md)
  local labels=(
    "read floor (find | xargs cat)"
    "list"
    "score --all"
    "score --all --json"
    "list --json"
    "export ID (markdown)"
    "export ID --format json"
  )
  run() {
    case $1 in
      floor) timed floor sh -c "find '$lib' -name '*.toml' -print0 | xargs -0 cat > /dev/null" ;;
      list) timed list "$bin" --library "$lib" list ;;
      score) timed score "$bin" --library "$lib" score --all ;;
      score_json) timed score_json "$bin" --library "$lib" score --all --json ;;
      list_json) timed list_json "$bin" --library "$lib" list --json ;;
      export_md) timed export_md "$bin" --library "$lib" export "$id" ;;
      export_json) timed export_json "$bin" --library "$lib" export "$id" --format json ;;
    esac
  }
  for name in "${names[@]}"; do : >"$work/$name"; done
  echo
  echo "== $n cases in $lib ($(du -sh --apparent-size "$lib" | cut -f1)); $rounds rounds; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  local r k count=${#names[@]}
  for ((r = 0; r < rounds; r++)); do
    for ((k = 0; k < count; k++)); do
      run "${names[$(((k + r) % count))]}"
    done
  done
  printf '%-30s %9s %9s %9s   %-26s %8s %8s %8s\n' command "wall s" "CPU s" "RSS MB" "against" "wall ×" "CPU ×" "RSS ×"
  for ((k = 0; k < count; k++)); do
    local name=${names[$k]} anchor=${anchors[$k]}
    local wall cpu rss
    wall=$(awk '{ print $1 }' "$work/$name" | median)
    cpu=$(awk '{ print $2 }' "$work/$name" | median)
    rss=$(awk '{ print $3 / 1024 }' "$work/$name" | median)
    if [ "$anchor" = - ]; then
      printf '%-30s %9.3f %9.3f %9.1f\n' "${labels[$k]}" "$wall" "$cpu" "$rss"
      continue
    fi
    local ratios
    ratios=$(paste -d' ' "$work/$name" "$work/$anchor" | awk '{ printf "%s %s %s\n", ($4 > 0 ? $1 / $4 : 0), ($5 > 0 ? $2 / $5 : 0), ($6 > 0 ? $3 / $6 : 0) }')
    local rw rc rr alabel
    rw=$(awk '{ print $1 }' <<<"$ratios" | median)
    rc=$(awk '{ print $2 }' <<<"$ratios" | median)
    rr=$(awk '{ print $3 }' <<<"$ratios" | median)
    for ((j = 0; j < count; j++)); do [ "${names[$j]}" = "$anchor" ] && alabel=${labels[$j]}; done
    printf '%-30s %9.3f %9.3f %9.1f   %-26s %8.2f %8.2f %8.2f\n' "${labels[$k]}" "$wall" "$cpu" "$rss" "${alabel:0:26}" "$rw" "$rc" "$rr"
  done
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  if command -v fzf >/dev/null; then
    grep -rh --include='*.toml' '^title = ' "$lib" | sed -e 's/^title = "//' -e 's/"$//' >"$work/titles"
    echo "fzf $(fzf --version | cut -d' ' -f1) --filter on the $(wc -l <"$work/titles") titles, one process a query (median of $rounds):"
    : >"$work/cat"
    for ((r = 0; r < rounds; r++)); do timed cat cat "$work/titles"; done
    local floor
    floor=$(awk '{ print $1 }' "$work/cat" | median)
    printf '  %-12s %8.3f s\n' "cat titles" "$floor"
    for q in r rad radiculo sho shoulder; do
      : >"$work/fzf"
      for ((r = 0; r < rounds; r++)); do timed fzf sh -c "fzf --filter '$q' < '$work/titles'"; done
      printf '  %-12s %8.3f s   %d matches\n' "$q" "$(awk '{ print $1 }' "$work/fzf" | median)" \
        "$(fzf --filter "$q" <"$work/titles" | wc -l)"
    done
  else
    echo "fzf is not installed: no fzf comparison (Debian: apt-get install fzf)"
  fi
}

machine
echo "pathwise $("$bin" --version 2>/dev/null | cut -d' ' -f2), $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo "?")"
compare_library "$lib10k"
compare_library "$lib100k"
