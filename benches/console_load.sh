#!/usr/bin/env bash
# Times the console loading a big library, against `pathwise list` on the
# same library.
#
#   benches/console_load.sh [LIBRARY_DIR] [RUNS]
#
# LIBRARY_DIR defaults to a fresh 100,000-case library made with
# `pathwise generate --count 100000 --seed 7` in a temporary folder (482 MB;
# it is read once first so every run finds it in the page cache). Each run
# starts the release console in a private tmux server at 80x24 and reads
# the pane: the first frame, the first frame with a case listed (the list's
# pointer), and the frame whose status line shows the library loaded
# ("library: N cases" replaces the progress bar); it also reads the
# console's CPU time and resident memory then (/proc). Then it times
# `pathwise list` on the same library, and prints the loaded time as a
# ratio of list's in the same run. The memory per case is the console's
# resident memory with the library, less its resident memory with the
# built-in samples (measured once, first), divided by the case count. The pane is read every 10 ms until the first case and
# every 200 ms after, so the reading itself takes little of the two cores.
#
# Needs tmux and bc. Run it on a quiet machine: another build on the same
# two cores moves the figures by half.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
lib=${1:-}
runs=${2:-5}
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/pathwise"
if [ -z "$lib" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  lib="$tmp/lib"
  "$bin" generate --count 100000 --seed 7 "$lib"
fi
cat "$lib"/*/*.toml >/dev/null 2>&1 || true

socket="pathwise-load-$$"
conf=$(mktemp -u)
# run_console [LIBRARY]: without one, the built-in samples
run_console() {
  local args=""
  [ -n "${1:-}" ] && args="--library $1"
  tmux -L "$socket" -f /dev/null new-session -d -x 80 -y 24 \
    -e PATHWISE_LIBRARY= -e PATHWISE_CONFIG="$conf" -e LANG=C.UTF-8 sh
  sleep 0.3
  tmux -L "$socket" send-keys -t 0 "clear" Enter
  sleep 0.2
  local t0 now s frame="" first="" full="" cpu=""
  t0=$(date +%s.%N)
  tmux -L "$socket" send-keys -t 0 "$bin $args; echo EXIT=\$?" Enter
  while true; do
    s=$(tmux -L "$socket" capture-pane -p -t 0)
    now=$(date +%s.%N)
    if [ -z "$frame" ] && grep -q "Cases" <<<"$s"; then frame=$now; fi
    if [ -z "$first" ] && grep -q "▶" <<<"$s"; then first=$now; fi
    if grep -q "library: [0-9]* cases" <<<"$s"; then
      full=$now
      local pane child st
      pane=$(tmux -L "$socket" list-panes -F '#{pane_pid}')
      child=$(pgrep -P "$pane" | head -1)
      read -r -a st <"/proc/$child/stat"
      cpu=$(echo "(${st[13]} + ${st[14]}) / $(getconf CLK_TCK)" | bc -l)
      rss_kb=$(awk '/^VmRSS/ { print $2 }' "/proc/$child/status")
      break
    fi
    if (($(echo "$now - $t0 > 120" | bc))); then
      echo "timed out"
      break
    fi
    if [ -n "$first" ]; then sleep 0.2; else sleep 0.01; fi
  done
  loaded=$(echo "$full - $t0" | bc)
  [ -z "${1:-}" ] && return 0
  printf 'console: first frame %.3f s, first frame with cases %.3f s, loaded %.2f s, CPU %.2f s, RSS %d MB\n' \
    "$(echo "$frame - $t0" | bc)" "$(echo "$first - $t0" | bc)" "$loaded" "$cpu" "$((rss_kb / 1024))"
}

quit_console() {
  tmux -L "$socket" send-keys -t 0 q
  sleep 0.5
  tmux -L "$socket" kill-server
}

count=$(find "$lib" -name '*.toml' | wc -l)
run_console
quit_console
base_kb=$rss_kb
echo "console on the built-in samples: RSS $((base_kb / 1024)) MB"

for _ in $(seq "$runs"); do
  run_console "$lib"
  quit_console
  /usr/bin/time -f '%e %U %S' "$bin" list --library "$lib" >/dev/null 2>"$conf.err" || true
  read -r wall user sys < <(tail -1 "$conf.err")
  printf 'list:    %.2f s, CPU %.2f s; console loaded / list: %.2fx; memory: %.0f bytes a case (%d cases)\n' \
    "$wall" "$(echo "$user + $sys" | bc)" "$(echo "$loaded / $wall" | bc -l)" \
    "$(echo "($rss_kb - $base_kb) * 1024 / $count" | bc -l)" "$count"
done
rm -f "$conf.err"
