#!/usr/bin/env bash
# The static-analysis cache can never change a verdict: an unchanged program is judged from
# the cache on the second run (cached_runs = 1), and once its source is edited the
# analyzer runs again and its new answer is judged (here: the unsafe and safe counters
# swapped, so -Wthread-safety's expected warning disappears and the cell fails).
# usage: static_cache.sh RACELAB SOURCE_DIR WORK_DIR
set -euo pipefail
racelab=$1 src=$2 work=$3
rm -rf "$work"
mkdir -p "$work/cases"
cp -r "$src/cases/common" "$src/cases/counter" "$work/cases/"
fail() { echo "static_cache: $*" >&2; exit 1; }
run() { # out-dir
  local status=0
  "$racelab" run --cases-dir "$work/cases" --build-dir "$work/build" --case counter \
    --tool thread-safety --repeat 3 --no-canary --quiet --out "$work/$1" >"$work/$1.txt" 2>&1 || status=$?
  echo "$status"
}
[[ $(run first) == 0 ]] || fail "first run did not pass: $(cat "$work/first.txt")"
grep -q '"cached_runs": 0' "$work/first/results.json" || fail "first run claims a cached analysis"
grep -q '"runs": 3' "$work/first/results.json" && fail "a static cell ran more than once at --repeat 3"
[[ $(run second) == 0 ]] || fail "second run did not pass"
grep -q '"cached_runs": 0' "$work/second/results.json" && fail "second run analysed an unchanged program again"
grep -q '"cached_runs": 1' "$work/second/results.json" || fail "second run has no cached analysis"
# Edit: swap the unsafe and safe thread programs.
mv "$work/cases/counter/threads_unsafe.c" "$work/swap.c"
mv "$work/cases/counter/threads_safe.c" "$work/cases/counter/threads_unsafe.c"
mv "$work/swap.c" "$work/cases/counter/threads_safe.c"
[[ $(run third) == 1 ]] || fail "after the edit the verdicts did not change: $(cat "$work/third.txt")"
grep -Eq '^counter +threads_unsafe +(MISSED|FAIL)' "$work/third.txt" || fail "threads_unsafe did not fail after the swap"
echo "static_cache: ok"
