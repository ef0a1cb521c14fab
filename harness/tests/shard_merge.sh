#!/usr/bin/env bash
# Sharding loses nothing: two shards of a small selection, merged, give the cells of one
# unsharded run (same cells in the same order, same expectations, verdicts and run counts;
# racelab diff sees no change) and the same junit.xml but for times; the shards split the
# cells without overlap. And merging one run's results.json gives back its junit.xml,
# results.sarif and summary.md byte for byte (but for times), failing cells included, and
# --rerun-failed on that run makes its failing cells again.
# usage: shard_merge.sh RACELAB WORK_DIR [FAILING_OUT FAILING_CASES_DIR]
set -euo pipefail
racelab=$1 work=$2
fail() { echo "shard_merge: $*" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work"
selection=(--case counter --case fork_global --tool native --tool helgrind --repeat 2 --jobs 1 --quiet)

"$racelab" run "${selection[@]}" --out "$work/whole" >/dev/null
for k in 1 2; do
  "$racelab" run "${selection[@]}" --shard "$k/2" --out "$work/shard$k" >/dev/null
done
"$racelab" merge "$work/shard1" "$work/shard2" --out "$work/merged" >/dev/null

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
load = lambda name: json.load(open(f"{work}/{name}/results.json"))
key = lambda c: (c["case"], c["program"], c["tool"])
same = lambda c: (key(c), c["expected"], c["verdict"], c["runs"], c["form"], c["variant"])
whole, merged = load("whole"), load("merged")
shards = [load("shard1"), load("shard2")]
keys = [[key(c) for c in s["cells"]] for s in shards]
assert all(keys), "a shard has no cell"
assert not set(keys[0]) & set(keys[1]), "a cell is in both shards"
assert sorted(keys[0] + keys[1]) == sorted(key(c) for c in whole["cells"]), "shards miss cells"
assert [same(c) for c in merged["cells"]] == [same(c) for c in whole["cells"]], "cells differ"
assert [s["path"].rsplit("/", 2)[-2] for s in merged["merged_from"]] == ["shard1", "shard2"]
assert [s["shard"] for s in merged["merged_from"]] == [{"index": 1, "count": 2}, {"index": 2, "count": 2}]
print(f"shard_merge: {len(keys[0])} + {len(keys[1])} cells merged as one run's {len(whole['cells'])}")
PY
"$racelab" diff "$work/whole/results.json" "$work/merged/results.json" || fail "racelab diff saw a change"
untimed() { sed -E 's/ time="[^"]*"//' "$1"; }
diff <(untimed "$work/whole/junit.xml") <(untimed "$work/merged/junit.xml") || fail "junit.xml differs"

if (($# == 4)); then # one failing run, merged alone, must come back as it was
  "$racelab" merge "$3" --cases-dir "$4" --out "$work/failing" >/dev/null && fail "merge of a failing run exited 0"
  diff <(untimed "$3/junit.xml") <(untimed "$work/failing/junit.xml") || fail "failing junit.xml differs"
  cmp "$3/results.sarif" "$work/failing/results.sarif" || fail "failing results.sarif differs"
  cmp "$3/summary.md" "$work/failing/summary.md" || fail "failing summary.md differs"
  # --rerun-failed runs again the programs and tools that had a cell not pass: here
  # exactly the failing cells, which fail again.
  status=0
  "$racelab" run --cases-dir "$4" --build-dir "$(dirname "$4")/build" --rerun-failed \
    "$3/results.json" --quiet --out "$work/rerun" >/dev/null || status=$?
  [[ $status == 1 ]] || fail "rerun of failing cells exited $status, not 1"
  python3 - "$3/results.json" "$work/rerun/results.json" <<'PY'
import json, sys
prev, rerun = (json.load(open(p))["cells"] for p in sys.argv[1:])
failed = [(c["case"], c["program"], c["tool"]) for c in prev if c["verdict"] != "pass"]
again = [(c["case"], c["program"], c["tool"]) for c in rerun]
assert again == failed, f"rerun {again} is not the failed cells {failed}"
assert all(c["verdict"] == "fail" for c in rerun)
print(f"shard_merge: --rerun-failed ran the {len(again)} failed cells again")
PY
fi
echo "shard_merge: ok"
