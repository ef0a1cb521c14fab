#!/usr/bin/env bash
# racelab under load (scripts/racelab bench --load): do verdicts survive a busy machine?
# Runs the four core cases (the catalogue's first four) at --repeat 10 on a quiet machine,
# then again with three CPU hogs running, and compares cell by cell: a flip is a cell whose
# verdict or detection count k/N differs between the two runs. Also reports the slowest
# native run (how near its deadline a program came). Writes bench/load.md and prints it.
# usage: bench/load.sh RACELAB BUILD_DIR [--quick]   (--quick: counter only, --repeat 3)
set -euo pipefail
racelab=$1 build=$2 quick=${3:-}
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/racelab-load.XXXXXX")
hogs=()
stop_hogs() { ((${#hogs[@]} == 0)) || kill "${hogs[@]}" 2>/dev/null || true; hogs=(); }
trap 'stop_hogs; rm -rf "$work"' EXIT
repeat=10 select=(--case counter --case pipe_misuse --case shared_array --case empty_queue_polling)
[[ $quick == --quick ]] && repeat=3 select=(--case counter)
n_hogs=3
run() { # OUT: exit status 1 (a cell did not pass) is a result to compare, not a failure
  local rc=0
  "$racelab" run --quiet --build-dir "$build" --repeat "$repeat" "${select[@]}" --out "$1" \
    >"$1.table" || rc=$?   # the matrix table: results.json says it all
  ((rc <= 1)) || { echo "bench/load.sh: racelab run exited $rc" >&2; exit "$rc"; }
}
run "$work/quiet"
for ((i = 0; i < n_hogs; i++)); do
  bash -c 'while :; do :; done' &
  hogs+=($!)
done
run "$work/hogs"
stop_hogs
rc=0
python3 "$here/load.py" "$work/quiet/results.json" "$work/hogs/results.json" "$n_hogs" \
  "$(hostname)" "$(nproc)" >"$here/load.md" || rc=$?
cat "$here/load.md"
exit "$rc"   # 1: a cell flipped
