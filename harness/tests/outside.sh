#!/usr/bin/env bash
# Programs from outside the project (harness/tests/outside/README.md) run from a
# --cases-dir in a temporary directory, built by racelab itself into a temporary build
# directory: every cell must pass. Then the same programs without their `wrappers` and
# `options.drd` settings must fail exactly there, so a pass is the settings' doing.
# usage: outside.sh RACELAB SOURCE_DIR
set -euo pipefail
racelab=$1 src=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/racelab-outside-XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -r "$src/harness/tests/outside/cases" "$work/cases"
fail() { echo "outside: $*" >&2; exit 1; }
tools=(--tool native --tool tsan-gcc --tool helgrind --tool drd --tool clang-analyzer --tool cppcheck)
run() { # out-dir
  local status=0
  "$racelab" run --cases-dir "$work/cases" --build-dir "$work/build" "${tools[@]}" \
    --no-canary --quiet --out "$work/$1" >"$work/$1.txt" 2>&1 || status=$?
  echo "$status"
}

[[ $(run first) == 0 ]] || fail "a cell did not pass: $(cat "$work/first.txt")"
grep -Eq '^self_abort( +self_abort)? .*(not-evaluated|not evaluated|n/e)' "$work/first.txt" ||
  fail "the not-evaluated cell is not shown as such: $(cat "$work/first.txt")"
grep -q '"wrapper": {' "$work/first/results.json" || fail "results.json keeps no wrapper frame"
# settings, wrappers, may, exit/signal and not-evaluated are all in the published schema
python3 "$src/harness/tests/validate_results.py" "$src/harness/schema/results.schema.json" \
  "$work/first/results.json" >/dev/null || fail "results.json does not match its schema"
grep -q '"not_evaluated": 1' "$work/first/results.json" || fail "results.json does not count the not-evaluated cell"
ls -d "$work"/build/racelab-built/*/plain-* >/dev/null 2>&1 ||
  fail "the -O0 program was not built into a directory keyed by its flags"
"$racelab" list --expectations --cases-dir "$work/cases" "${tools[@]}" >"$work/list.txt"
for said in 'cflags=\[-O0\]' 'options.drd=\[--check-stack-var=yes\]' 'wrappers=\[my_lock my_unlock\]' \
            'ending=signal SIGABRT' 'native: signal SIGABRT' 'may data-race at payload_read'; do
  grep -q "$said" "$work/list.txt" || fail "list --expectations does not show $said"
done

sed -i '/^wrappers/d' "$work/cases/wrapped_locks/case.ini"
sed -i '/^options.drd/d' "$work/cases/stack_var/case.ini"
[[ $(run second) == 1 ]] || fail "without the settings the run did not fail: $(cat "$work/second.txt")"
# the failures are listed under the table, one line each: "  WORD   case/program tool k/N: why"
grep -Eq '^  (FAIL|MISSED|XPASS) +wrapped_locks/wrapped_locks ' "$work/second.txt" ||
  fail "without wrappers the wrapped unlock did not fail"
grep -Eq '^  (FAIL|MISSED) +stack_var/stack_var drd ' "$work/second.txt" ||
  fail "without --check-stack-var=yes DRD did not miss the stack race"
[[ $(grep -Ec '^  (FAIL|MISSED|XPASS) ' "$work/second.txt") == 5 ]] ||
  fail "other cells changed without the settings: $(cat "$work/second.txt")"
echo "outside: ok"
