#!/usr/bin/env bash
# racelab diff on a real run's results.json: against itself it prints no change and exits
# 0; against a copy in which one cell's expectation was altered (an unsafe program's
# detection turned into a blind spot) it names exactly that cell; against a copy in which
# that cell lost its detections and failed, it reports a regression and exits 1.
# usage: diff_cells.sh RACELAB RESULTS_JSON WORK_DIR
set -euo pipefail
racelab=$1 results=$2 work=$3
fail() { echo "diff_cells: $*" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work"

status=0
"$racelab" diff "$results" "$results" >"$work/self.txt" || status=$?
cat "$work/self.txt"
[[ $status == 0 ]] || fail "a run diffed against itself exited $status"
grep -q '^racelab diff: no change in [1-9][0-9]* cells' "$work/self.txt" || fail "no 'no change' line"

# The first cell whose expectation is a detection becomes a blind spot in the copy.
python3 - "$results" "$work" <<'PY'
import json, sys
results, work = sys.argv[1], sys.argv[2]
def first_detect(doc):
    return next(c for c in doc["cells"] if (c["expected"] or {}).get("type") == "detect")
doc = json.load(open(results))
cell = first_detect(doc)
cell["expected"] = {"type": "blind", "reason": "altered by diff_cells.sh", "reports": []}
json.dump(doc, open(work + "/altered.json", "w"))
open(work + "/altered-cell.txt", "w").write(f'{cell["case"]}/{cell["program"]}')
doc = json.load(open(results))
cell = first_detect(doc)
cell["verdict"], cell["detected_runs"] = "fail", 0
json.dump(doc, open(work + "/lost.json", "w"))
PY
altered=$(cat "$work/altered-cell.txt")

status=0
"$racelab" diff "$results" "$work/altered.json" >"$work/altered.txt" || status=$?
cat "$work/altered.txt"
[[ $status == 0 ]] || fail "an altered expectation alone is no regression, exit was $status"
changed=$(grep -c '^  [A-Za-z]' "$work/altered.txt" || true)
[[ $changed == 1 ]] || fail "expected exactly one changed cell, got $changed"
grep -q "^  changed     $altered: expectation changed (detect → blind)" "$work/altered.txt" ||
  fail "the altered cell $altered is not the one shown"

status=0
"$racelab" diff --markdown "$results" "$work/lost.json" >"$work/lost.md" || status=$?
cat "$work/lost.md"
[[ $status == 1 ]] || fail "a lost detection must exit 1, got $status"
grep -q "^| :x: regression | ${altered%%/*} | ${altered#*/} | a detection lost (pass → fail) |" \
  "$work/lost.md" || fail "the lost detection of $altered is not in the Markdown table"
echo "diff_cells: ok"
