#!/bin/bash
# Runs one libFuzzer target for a few seconds on a fresh corpus seeded from the parser
# fixtures; a finding fails the test and is kept (with the command to replay it) under
# FINDINGS. usage: fuzz.sh FUZZER SECONDS FINDINGS SEED_DIR...
set -u
fuzzer=$1 seconds=$2 findings=$3
shift 3
corpus=$(mktemp -d "${TMPDIR:-/tmp}/racelab-fuzz-XXXXXX")
trap 'rm -rf "$corpus"' EXIT
mkdir -p "$findings"
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="$findings/" -print_final_stats=1 "$corpus" "$@" 2>"$corpus/log"
rc=$?
grep -E '^stat::number_of_executed_units|^Done' "$corpus/log"
if [ "$rc" != 0 ]; then
    tail -40 "$corpus/log"
    echo "fuzz: $fuzzer found a problem (rc $rc); replay: $fuzzer $findings/<crash-file>" >&2
    exit 1
fi
