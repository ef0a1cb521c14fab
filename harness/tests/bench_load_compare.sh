#!/usr/bin/env bash
# bench/load.py (scripts/racelab bench --load) counts flips between a quiet run and a run
# under load: a real results.json against itself has none (exit 0); a copy with one cell's
# detection count changed has exactly that one, named (exit 1).
# usage: bench_load_compare.sh RESULTS_JSON WORK_DIR
set -euo pipefail
results=$1 work=$2
compare=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)/bench/load.py
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

python3 "$compare" "$results" "$results" 3 host 2 >"$work/same.md" || fail "a run against itself flipped"
grep -q '^Flips (verdict or k/N differs): 0 of ' "$work/same.md" || fail "no flip count: $(cat "$work/same.md")"
grep -q '^Slowest native run\|^| quiet |' "$work/same.md" || fail "no table"

python3 - "$results" "$work/altered.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
cell = doc["cells"][0]
cell["detected_runs"] = cell["runs"] + 1      # a count no real run has
json.dump(doc, open(sys.argv[2], "w"))
print(f"{cell['case']}/{cell['program']} under {cell['tool']}", file=open(sys.argv[2] + ".name", "w"))
PY
rc=0
python3 "$compare" "$results" "$work/altered.json" 3 host 2 >"$work/altered.md" || rc=$?
((rc == 1)) || fail "altered cell: exit $rc, expected 1"
grep -q '^Flips (verdict or k/N differs): 1 of ' "$work/altered.md" || fail "$(cat "$work/altered.md")"
grep -qF "$(cat "$work/altered.json.name")" "$work/altered.md" || fail "the flipped cell is not named"
echo "bench load compare: ok"
