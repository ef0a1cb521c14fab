#!/usr/bin/env bash
# racelab as a dependency. (1) `cmake --install` of this build into a temporary prefix gives
# a racelab that, run from elsewhere, lists the installed cases and tools.json, and whose
# stripped binary holds no path of the source or build tree. (2) Another CMake project that
# adds racelab as a subdirectory configures, builds racelab and lists the cases.
# usage: install_list.sh BUILD_DIR SOURCE_DIR WORK_DIR
set -euo pipefail
build=$1 src=$2 work=$3
fail() { echo "install_list: $*" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work"
prefix=$work/prefix

cmake --install "$build" --prefix "$prefix" --strip >/dev/null
for f in bin/racelab share/racelab/tools.json share/racelab/cases/counter/case.ini \
         share/racelab/schema/results.schema.json; do
  [[ -e $prefix/$f ]] || fail "not installed: $f"
done
for tree in "$(cd "$src" && pwd -P)" "$(cd "$build" && pwd -P)"; do
  ! grep -qaF "$tree" "$prefix/bin/racelab" || fail "the installed binary holds the path $tree"
done
(cd / && env -u RACELAB_DATA_DIR "$prefix/bin/racelab" list --case counter --case fork_global) \
  >"$work/list.txt"
grep -qxF "tools ($(cd "$prefix" && pwd -P)/share/racelab/tools.json):" "$work/list.txt" ||
  fail "installed racelab does not read the installed tools.json: $(head -1 "$work/list.txt")"
grep -qxF "cases ($(cd "$prefix" && pwd -P)/share/racelab/cases):" "$work/list.txt" ||
  fail "installed racelab does not read the installed cases"
grep -q '^  counter: ' "$work/list.txt" || fail "the installed cases do not include counter"
grep -q '^  fork_global: ' "$work/list.txt" || fail "the installed cases do not include fork_global"
echo "install_list: installed racelab lists the installed cases"

cmake -S "$src/harness/tests/fixtures/superproject" -B "$work/outer" -G Ninja \
  "-DRACELAB_DIR=$src" >"$work/outer-configure.txt" || { cat "$work/outer-configure.txt"; fail "configure as a subdirectory"; }
cmake --build "$work/outer" --target racelab >/dev/null
"$work/outer/racelab/racelab" list --case counter >"$work/outer-list.txt"
grep -q '^  counter: ' "$work/outer-list.txt" || fail "racelab built as a subdirectory lists no counter"
echo "install_list: ok"
