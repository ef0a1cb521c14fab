#!/usr/bin/env bash
# Optional tools stay optional: a tool of tools.json with "optional": SET is out of the
# default selection and of `racelab packages` until --with SET (or $RACELAB_WITH) asks
# for it, and when what it requires is missing its cells are `skip` with the install line.
# usage: optional_tools.sh RACELAB SOURCE_DIR WORK_DIR
set -euo pipefail
racelab=$1 src=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
fail() { echo "optional_tools: $*" >&2; exit 1; }

tools=$src/harness/tools.json
grep -q '"optional": "clang-19"' "$tools" || fail "no optional clang-19 tools in $tools"
unset RACELAB_WITH

# packages: the default quick start does not grow
"$racelab" packages >"$work/default"
"$racelab" packages --with clang-19 >"$work/with"
grep -qx 'clang-19' "$work/default" && fail "racelab packages lists clang-19 without --with"
grep -qx 'clang-19' "$work/with" || fail "racelab packages --with clang-19 does not list clang-19"
RACELAB_WITH=clang-19 "$racelab" packages | grep -qx 'clang-tidy-19' ||
  fail "RACELAB_WITH=clang-19 does not bring clang-tidy-19's packages"

# selection: out of the default matrix, in with --with or by name
"$racelab" list --case counter | grep -q '^  clang-tidy-19 ' && fail "list shows an optional tool by default"
"$racelab" list --case counter --with clang-19 | grep -q '^  clang-tidy-19 ' ||
  fail "list --with clang-19 does not show clang-tidy-19"
tools_of() { "$racelab" list --case counter "$@" | sed -n 's/^  \([A-Za-z0-9_-]*\) .*build=.*/\1/p' | tr '\n' ' '; }
[[ $(tools_of --tool 'tsan-*') == 'tsan-clang tsan-gcc ' ]] || fail "'tsan-*' selects $(tools_of --tool 'tsan-*')"
[[ $(tools_of --tool 'tsan-*' --with clang-19) == 'tsan-clang tsan-gcc tsan-clang-19 ' ]] ||
  fail "'tsan-*' --with clang-19 selects $(tools_of --tool 'tsan-*' --with clang-19)"
[[ $(tools_of --tool '*-19') == 'tsan-clang-19 thread-safety-19 clang-analyzer-19 clang-tidy-19 ' ]] ||
  fail "'*-19' selects $(tools_of --tool '*-19')"
[[ $(tools_of --tool clang-tidy-19) == 'clang-tidy-19 ' ]] || fail "an optional tool by name is not selected"
rc=0
"$racelab" list --case counter --with no-such-set >/dev/null 2>"$work/err" || rc=$?
((rc == 2)) || fail "--with no-such-set: exit $rc, expected 2"
grep -q 'no tool of .* is "optional": "no-such-set"' "$work/err" || fail "--with no-such-set: $(cat "$work/err")"

# not installed: skip, with the install line, exit 0
sed 's/clang-tidy-19/clang-tidy-99/g' "$tools" >"$work/tools.json"
rc=0
"$racelab" run --tools "$work/tools.json" --case counter --tool clang-tidy-99 --quiet \
  --out "$work/out" >"$work/table" 2>&1 || rc=$?
((rc == 0)) || fail "a missing optional tool: exit $rc, expected 0: $(cat "$work/table")"
grep -Eq 'skip +clang-tidy-99 \(5 cells\): clang-tidy-99 not found on PATH' "$work/table" ||
  fail "no skip line: $(cat "$work/table")"
tr -s ' \n' ' ' <"$work/table" | grep -q 'apt-get install -y clang-tidy-99, or scripts/racelab run --with clang-19' ||
  fail "the skip names no install line: $(cat "$work/table")"
echo "optional_tools: ok"
