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
expect_row() { # program, then the verdict word expected in each of the three columns
  local row
  row=$(grep -E "^counter +$1 " "$work/table.txt") || fail "no row for $1"
  read -r -a cols <<<"$row"
  [[ ${cols[2]} == "$2" && ${cols[4]} == "$3" && ${cols[6]} == "$4" ]] ||
    fail "row '$row': expected $2/$3/$4 for native/helgrind/drd"
}
expect_row threads_unsafe FAIL FAIL FAIL   # the bug no longer manifests, nothing is reported
expect_row threads_safe FAIL FAIL FAIL     # the now-racy program is reported: false alarm
expect_row procs_unsafe pass pass pass     # untouched programs still pass
echo "swapped_programs_fail: ok"
