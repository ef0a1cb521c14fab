#!/usr/bin/env bash
# The harness can fail: in a copy of the counter case whose unsafe and safe thread programs
# have swapped sources, the cells that used to pass must now fail, and racelab must exit 1.
# usage: swapped_programs_fail.sh RACELAB SOURCE_DIR WORK_DIR GENERATOR MAKE_PROGRAM
# (the generator and make program of the main build: a fresh machine may have ninja only)
set -euo pipefail
racelab=$1 src=$2 work=$3 generator=$4 make_program=$5
rm -rf "$work"
mkdir -p "$work/cases"
cp -r "$src/cases/common" "$src/cases/counter" "$src/cases/CMakeLists.txt" "$work/cases/"
mv "$work/cases/counter/threads_unsafe.c" "$work/swap.c"
mv "$work/cases/counter/threads_safe.c" "$work/cases/counter/threads_unsafe.c"
mv "$work/swap.c" "$work/cases/counter/threads_safe.c"
# The plain flavour is enough: native, helgrind and drd run it.
cmake -S "$work/cases" -B "$work/build/cases/plain" -G "$generator" \
  "-DCMAKE_MAKE_PROGRAM=$make_program" -DCMAKE_C_COMPILER=gcc "-DRACELAB_CFLAGS=-O1;-g" >/dev/null
cmake --build "$work/build/cases/plain" >/dev/null
status=0
"$racelab" run --cases-dir "$work/cases" --build-dir "$work/build" --case counter \
  --tool native --tool helgrind --tool drd --quiet --out "$work/out" >"$work/table.txt" 2>&1 || status=$?
cat "$work/table.txt"
fail() { echo "swapped_programs_fail: $*" >&2; exit 1; }
[[ $status == 1 ]] || fail "expected exit status 1, got $status"
# The table speaks the legend's words; a cell's text runs from its column's start (where
# the header names the tool) to the next double blank.
header=$(grep -E '^case +program ' "$work/table.txt") || fail "no table header"
column_of() { local before=${header%%" $1"*}; echo $((${#before} + 1)); }
cell_text() { local text=${1:$2}; echo "${text%%  *}"; }
expect_row() { # program, then the words expected in the native, helgrind and drd columns
  local row tool i=2 got
  row=$(grep -E "^counter +$1 " "$work/table.txt") || fail "no row for $1"
  for tool in native helgrind drd; do
    got=$(cell_text "$row" "$(column_of "$tool")")
    [[ $got == "${!i}" ]] || fail "row '$row': $tool says '$got', expected '${!i}'"
    i=$((i + 1))
  done
}
# the bug no longer manifests, and the detectors report nothing where they must
expect_row threads_unsafe "FAIL 0/1" "MISSED 0/1" "MISSED 0/1"
# the now-racy program is reported: false alarms, and its own check sees the bug
expect_row threads_safe "FAIL 1/1" "FAIL 1/1" "FAIL 1/1"
# untouched programs still pass
expect_row procs_unsafe "bug shows 1/1" "blind" "blind"
echo "swapped_programs_fail: ok"
