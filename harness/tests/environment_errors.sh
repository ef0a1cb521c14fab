#!/usr/bin/env bash
# A tool that cannot produce what its parser needs is an environment error, never a
# verdict: with clang's TSan pointed at no symbolizer (external_symbolizer_path empty: every
# program frame prints as "<null> <null> (program+0x...)"), `racelab doctor` names
# tsan-clang as broken with the fix, and a run of counter under it exits 3 with every cell
# `error` (its canary failed), never `fail`.
# usage: environment_errors.sh RACELAB SOURCE_DIR BUILD_DIR WORK_DIR
set -euo pipefail
racelab=$1 src=$2 build=$3 work=$4
rm -rf "$work"
mkdir -p "$work"
fail() { echo "environment_errors: $*" >&2; exit 1; }

# tools.json with the symbolizer taken away from tsan-clang only (jansson-free: sed on the
# one TSAN_OPTIONS line of the tsan-clang entry).
awk '/"name": "tsan-clang"/ { in_clang = 1 }
     /"name": "tsan-gcc"/ { in_clang = 0 }
     in_clang && /"TSAN_OPTIONS"/ { sub(/atexit_sleep_ms=0"/, "atexit_sleep_ms=0 external_symbolizer_path=\"") }
     { print }' "$src/harness/tools.json" >"$work/tools.json"
grep -q 'external_symbolizer_path="' "$work/tools.json" || fail "could not break tools.json"

status=0
"$racelab" doctor --tools "$work/tools.json" --tool 'tsan-*' --build-dir "$work/doctor" \
  >"$work/doctor.txt" 2>&1 || status=$?
cat "$work/doctor.txt"
[[ $status == 3 ]] || fail "doctor: expected exit 3, got $status"
grep -Eq '^BROKEN +tsan-clang .*apt-get install llvm' "$work/doctor.txt" || fail "doctor does not name the fix"
grep -Eq '^ok +tsan-gcc ' "$work/doctor.txt" || fail "doctor: tsan-gcc has its own symbolizer and must work"

status=0
"$racelab" run --tools "$work/tools.json" --build-dir "$build" --case counter --tool tsan-clang \
  --quiet --out "$work/out" >"$work/run.txt" 2>&1 || status=$?
cat "$work/run.txt"
[[ $status == 3 ]] || fail "run: expected exit 3 (environment errors only), got $status"
grep -Eq '^counter +threads_unsafe +(ERROR|error)' "$work/run.txt" || fail "run: threads_unsafe is not an error"
! grep -Eiq '^counter .* fail' "$work/run.txt" || fail "run: a cell was judged fail"
grep -q 'failed its canary' "$work/out/results.json" || fail "results.json does not say why"
echo "environment_errors: ok"
