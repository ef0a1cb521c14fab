#!/usr/bin/env bash
# racelab's benchmark (scripts/racelab bench): what a run costs and where the time goes.
# Times whole commands with hyperfine, on the already-built programs:
#   - a default run with the static-analysis cache warm, against the same run --no-cache
#     (the cache's gain; issue target: warm <= 0.6 x no-cache);
#   - --repeat 10 against --repeat 1, both --no-cache as on a fresh CI machine (static
#     analyses run once per program whatever --repeat says; target <= 5 x);
#   - the start-up floor each dynamic tool pays per run (valgrind / setarch on /bin/true);
# and, from the --repeat 10 run's results.json, the time per tool: the sum of its cells'
# run time, its runs, the floor x runs, and the designed waits (runs that ended at their
# deadline: deadlocks, timed locks that give up), and the floor: the ratios a matrix whose
# dynamic runs cost only their start-up would reach.
# Writes bench/latest.md (Markdown) and prints it.
# usage: bench/run.sh RACELAB BUILD_DIR [--quick]   (--quick: one case, for a smoke test)
set -euo pipefail
racelab=$1 build=$2 quick=${3:-}
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/racelab-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
select=()
[[ $quick == --quick ]] && select=(--case counter)
run() { printf '%s' "$racelab run --quiet --build-dir $build ${select[*]} $*"; }

# --warmup 1: the first warm run fills the cache (and the canaries' record) for the others
hyperfine --style basic --export-json "$work/cache.json" --runs 3 --warmup 1 \
  -n warm "$(run --out "$work/o1") || true" \
  -n no-cache "$(run --no-cache --out "$work/o2") || true" >&2
hyperfine --style basic --export-json "$work/repeat.json" --runs 1 \
  -n repeat-1 "$(run --no-cache --out "$work/o3") || true" \
  -n repeat-10 "$(run --no-cache --repeat 10 --out "$work/o4") || true" >&2
floor_cmds=(-n helgrind "valgrind --tool=helgrind /bin/true" -n drd "valgrind --tool=drd /bin/true"
  -n setarch "setarch -R /bin/true")
hyperfine --style basic --export-json "$work/floor.json" --warmup 1 --runs 5 -N "${floor_cmds[@]}" >&2

python3 "$here/report.py" "$work/cache.json" "$work/repeat.json" "$work/floor.json" \
  "$work/o4/results.json" "$work/o2/results.json" "$(hostname)" "$(nproc)" >"$here/latest.md"
cat "$here/latest.md"
