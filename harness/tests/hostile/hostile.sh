#!/bin/bash
# The attacks on racelab, kept in the suite (CTest label `hostile`): hostile programs
# (cases/ here, outside the real cases/), hostile input files, a dying harness, a full
# disk, two runs on one --out. Every attack must give the right verdict or a clear error,
# leave no process running (each hostile program leaves its pid in $RACELAB_HOSTILE_PIDS)
# and no file outside --out (racelab runs in a fresh directory that must hold only out/).
#
# usage: hostile.sh RACELAB SOURCE_DIR SCRATCH ATTACK
#   ATTACK build      compile the hostile programs into SCRATCH/build (the fixture)
#   ATTACK <name>     one attack, see the functions attack_* below
# The tools are checked by their canaries elsewhere (racelab doctor): --no-canary here.
# RACELAB may be a command line ("setarch -R .../racelab") for the sanitized harnesses.
set -u
read -ra racelab <<<"$1" # the harness, maybe behind a launcher ("setarch -R racelab")
src=$2 scratch=$3 attack=$4
hostile=$src/harness/tests/hostile
cases=$hostile/cases
build=$scratch/build
tools=$scratch/tools.json
export RACELAB_TIMEOUT_SCALE=${RACELAB_TIMEOUT_SCALE:-4}

fail() {
    echo "hostile/$attack: FAIL: $*" >&2
    [ -n "${run_dir:-}" ] && sed 's/^/  racelab: /' "$run_dir/stderr" >&2
    exit 1
}

# The value of a Python expression over the JSON file's `d` (and the arguments a[0], ...):
# a list is printed one item a line, None as "null". (python3 is a build dependency, jq not.)
py_json() { # FILE EXPRESSION [ARG...]
    python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
a = sys.argv[3:]
r = eval(sys.argv[2])
for v in (r if isinstance(r, list) else [r]):
    print("null" if v is None else v)' "$@"
}

# ---- the fixture: the hostile programs built the way tools.json builds cases ----------
attack_build() {
    rm -rf "$scratch"
    mkdir -p "$scratch"
    # only the tools the hostile cases are written for, taken from the real tools.json
    py_json "$src/harness/tools.json" 'json.dumps({**d,
        "builds": {f: d["builds"][f] for f in ("plain", "tsan-clang")},
        "tools": [t for t in d["tools"] if t["name"] in ("native", "tsan-clang")]})' \
        >"$tools" || fail "cannot read tools.json"
    for flavour in plain tsan-clang; do
        local cc cflags ldflags
        cc=$(py_json "$tools" 'd["builds"][a[0]]["compiler"]' "$flavour")
        mapfile -t cflags < <(py_json "$tools" 'd["builds"][a[0]]["cflags"]' "$flavour")
        mapfile -t ldflags < <(py_json "$tools" 'd["builds"][a[0]]["ldflags"]' "$flavour")
        for ini in "$cases"/*/case.ini; do
            local dir=${ini%/case.ini}
            local case=${dir##*/}
            mkdir -p "$build/cases/$flavour/$case"
            for c in "$dir"/*.c; do
                "$cc" "${cflags[@]}" -I"$cases" -o "$build/cases/$flavour/$case/$(basename "$c" .c)" \
                    "$c" "${ldflags[@]}" || fail "cannot build $c with $cc"
            done
        done
    done
}

# ---- running racelab and looking at what it did ---------------------------------------

# Runs racelab in a fresh directory; sets run_dir, out, pids, rc.
run() {
    run_dir=$(mktemp -d "$scratch/run-XXXXXX")
    out=$run_dir/out
    pids=$run_dir/pids
    mkdir "$pids"
    touch "$run_dir/.started"
    (cd "$run_dir" && RACELAB_HOSTILE_PIDS=$pids "${racelab[@]}" run --quiet --no-canary --cases-dir "$cases" \
        --build-dir "$build" --tools "$tools" --out "$out" "$@" \
        >"$run_dir/stdout" 2>"$run_dir/stderr")
    rc=$?
}

cell() { # PROGRAM TOOL FIELD
    py_json "$out/results.json" \
        '[c.get(a[2]) for c in d["cells"] if c["program"] == a[0] and c["tool"] == a[1]]' \
        "$1" "$2" "$3"
}

expect_cell() { # PROGRAM TOOL VERDICT [WORDS IN THE REASON]
    local verdict reason
    verdict=$(cell "$1" "$2" verdict)
    reason=$(cell "$1" "$2" reason)
    [ "$verdict" = "$3" ] || fail "$1/$2 is '$verdict', expected '$3' (reason: $reason)"
    [ -z "${4:-}" ] || [[ "$reason" == *"$4"* ]] || fail "$1/$2: reason '$reason' lacks '$4'"
}

expect_rc() {
    [ "$rc" = "$1" ] || fail "racelab exited $rc, expected $1"
}

alive() {
    [ -d "/proc/$1" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

# Every pid a hostile program left is gone (after at most 15 s: a loaded machine).
no_process_left() {
    local f pid i
    for f in "$pids"/*; do
        [ -e "$f" ] || continue
        pid=$(cat "$f")
        for i in $(seq 300); do alive "$pid" || break; sleep 0.05; done
        if alive "$pid"; then
            kill -KILL "$pid"
            fail "process $pid ($(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)) outlived racelab"
        fi
    done
}

# Nothing but out/ (and this script's own files) in racelab's directory, no .work-* in
# out/, nothing written into the hostile cases.
nothing_outside_out() {
    local extra
    extra=$(cd "$run_dir" && ls -A | grep -v -x -e out -e pids -e stdout -e stderr -e .started)
    [ -z "$extra" ] || fail "files outside --out: $extra"
    if [ -d "$out" ] && ls -A "$out" | grep -qE '^\.(work|staging)-'; then
        fail "$(ls -A "$out" | grep -E '^\.(work|staging)-') left in $out"
    fi
    extra=$(find "$cases" -newer "$run_dir/.started")
    [ -z "$extra" ] || fail "written into the cases: $extra"
}

# The sanitized harnesses print their findings on stderr: any is a failure of the attack.
sanitizer_clean() {
    if grep -qE '^==[0-9]+==ERROR: |^WARNING: ThreadSanitizer|runtime error: ' \
        "$run_dir/stderr"; then
        fail "the harness's sanitizer reported"
    fi
}

clean_end() {
    no_process_left
    nothing_outside_out
    sanitizer_clean
}

# ---- the attacks ------------------------------------------------------------------------

# 2 GiB on stdout, then the verdict line: found, and racelab stays small. 2 GiB on stderr
# from a failing run: the raw output kept stays under its budget.
attack_flood() {
    local rss=$scratch/flood.rss
    run --case flood --tool native
    expect_rc 1
    expect_cell stdout_ok native pass
    expect_cell stderr_fail native fail "exited with status 3"
    local kept
    kept=$(du -sk "$out/raw/flood/stderr_fail/native" | cut -f1)
    [ "$kept" -lt 8192 ] || fail "raw output of the 2 GiB flood is ${kept} KiB"
    grep -q 'bytes dropped here' "$out/raw/flood/stderr_fail/native/run-1/stderr" ||
        fail "the kept stderr does not say what was dropped"
    clean_end
    # the memory racelab held: GNU time's maximum resident set size, in KiB
    if [ -x /usr/bin/time ]; then
        run_dir=$(mktemp -d "$scratch/run-XXXXXX") out=$run_dir/out
        /usr/bin/time -f %M -o "$rss" "${racelab[@]}" run --quiet --no-canary --cases-dir "$cases" \
            --build-dir "$build" --tools "$tools" --out "$out" --case flood --tool native \
            >/dev/null 2>"$run_dir/stderr"
        local held
        held=$(tail -1 "$rss") # after "Command exited with non-zero status 1"
        echo "hostile/flood: racelab held at most $held KiB with two 2 GiB flooders"
        [ "$held" -lt 65536 ] || fail "racelab held $held KiB"
    fi
}

# A grandchild that calls setsid() dies with its run, under both containments.
attack_escape() {
    run --case escape --tool native --tool tsan-clang
    expect_cell setsid_child native pass
    expect_cell setsid_child tsan-clang pass
    clean_end
    RACELAB_NO_CGROUP=1 run --case escape --tool native
    expect_cell setsid_child native pass
    clean_end
}

# Starts the hanging program with its escaper, waits until both left their pids, then
# sends racelab SIGNAL.
kill_racelab_while_running() { # SIGNAL
    run_dir=$(mktemp -d "$scratch/run-XXXXXX") out=$run_dir/out pids=$run_dir/pids
    mkdir "$pids"
    touch "$run_dir/.started"
    (cd "$run_dir" && exec env RACELAB_HOSTILE_PIDS="$pids" "${racelab[@]}" run --quiet --no-canary \
        --cases-dir "$cases" --build-dir "$build" --tools "$tools" --out "$out" \
        --case hang --tool native >"$run_dir/stdout" 2>"$run_dir/stderr") &
    local racelab_pid=$! i
    for i in $(seq 600); do
        [ "$(ls "$pids" | wc -l)" -ge 2 ] && break
        sleep 0.05
    done
    [ "$(ls "$pids" | wc -l)" -ge 2 ] || fail "the hanging program did not start"
    kill -"$1" "$racelab_pid"
    wait "$racelab_pid"
    rc=$?
    killed_pid=$racelab_pid
    # the supervisor cleans up after a SIGKILL: give it a moment
    for i in $(seq 300); do
        ls -A "$out" | grep -qE '^\.(work|staging)-' || break
        sleep 0.05
    done
}

# The cgroups racelab made for itself are gone (after at most 15 s).
no_cgroup_left() { # PID
    local mount i left
    mount=$(awk '$3 == "cgroup2" {print $2; exit}' /proc/mounts)
    [ -n "$mount" ] || return 0
    for i in $(seq 300); do
        left=$(find "$mount" -maxdepth 4 -type d -name "racelab-$1-*" 2>/dev/null)
        [ -z "$left" ] && return 0
        sleep 0.05
    done
    fail "cgroup left behind: $left"
}

# Under both containments: the supervisor kills the cgroup, or sweeps the tagged processes.
attack_sigkill() {
    for no_cgroup in "" 1; do
        RACELAB_NO_CGROUP=$no_cgroup kill_racelab_while_running KILL
        [ "$rc" = 137 ] || fail "racelab ended with $rc after SIGKILL"
        clean_end
        no_cgroup_left "$killed_pid"
    done
}

attack_sighup() {
    kill_racelab_while_running HUP
    expect_rc 130
    clean_end
    no_cgroup_left "$killed_pid"
    [ ! -e "$out/results.json" ] || fail "an interrupted run wrote results.json"
}

# Planted reports: with run directories made just before each run (mkdtemp), the victim
# that runs after the planter has nothing planted in it.
attack_planter() {
    run --case planter --tool native --tool tsan-clang --jobs 1 --repeat 2
    expect_cell victim tsan-clang pass
    expect_cell victim native pass
    clean_end
}

attack_crash() {
    run --case crasher --tool native --tool tsan-clang
    expect_rc 1
    expect_cell segv native fail "signal 11"
    expect_cell segv tsan-clang fail "crashed under the tool: crash at segv.c"
    expect_cell exit66 tsan-clang fail "no report was found"
    expect_cell exit66 native fail "exited with status 66"
    expect_cell garbage_log tsan-clang error "not ThreadSanitizer output"
    expect_cell garbage_log native pass
    expect_cell cut_log tsan-clang error "cut off"
    expect_cell nul_result native pass
    clean_end
}

# A copy of a hostile case with its case.ini replaced by `text` (printf format).
bad_case() { # NAME PRINTF-FORMAT [ARGS]
    local name=$1
    shift
    bad=$scratch/bad-$name
    rm -rf "$bad"
    mkdir -p "$bad/cases/victim"
    cp "$cases/planter/victim.c" "$cases/hostile.h" "$bad/cases/victim/"
    # shellcheck disable=SC2059
    printf "$@" >"$bad/cases/victim/case.ini"
}

run_bad() {
    run_dir=$(mktemp -d "$scratch/run-XXXXXX") out=$run_dir/out pids=$run_dir/pids
    mkdir "$pids"
    touch "$run_dir/.started"
    (cd "$run_dir" && "${racelab[@]}" run --quiet --no-canary --cases-dir "$bad/cases" --build-dir "$build" \
        --tools "$tools" --out "$out" >"$run_dir/stdout" 2>"$run_dir/stderr")
    rc=$?
}

expect_message() {
    grep -qF -- "$1" "$run_dir/stderr" || fail "no message '$1'"
}

attack_bad_inputs() {
    local head='[program victim]\nform = thread\nvariant = safe\nnative = correct\ntsan-clang = clean\n'
    # [program ../../x]: refused before anything is made or removed
    bad_case traversal "$head[program ../../x]\nform = thread\n"
    mkdir -p "$scratch/x"
    touch "$scratch/x/keep"
    run_bad
    expect_rc 2
    expect_message "case.ini:7: program name '../../x' is not allowed"
    [ -e "$scratch/x/keep" ] || fail "a directory outside --out was removed"
    # a line longer than inih's buffer, with a key smuggled into its tail
    bad_case long "${head//native = correct\\n/native = correct: %s timeout = 0.001\\n}" \
        "$(head -c 70000 /dev/zero | tr '\0' x)"
    run_bad
    expect_rc 2
    expect_message "case.ini:4: line longer than 8192 bytes"
    # a NUL inside a value
    bad_case nul "${head}drd = detect data-race at a\0 b\n"
    run_bad
    expect_rc 2
    expect_message "case.ini:6: a NUL byte"
    nothing_outside_out
    sanitizer_clean
}

# Two runs on one --out: the second is refused (exit 2) while the first runs.
attack_shared_out() {
    local first_dir
    first_dir=$(mktemp -d "$scratch/run-XXXXXX")
    mkdir "$first_dir/pids"
    (cd "$first_dir" && exec env RACELAB_HOSTILE_PIDS="$first_dir/pids" "${racelab[@]}" run --no-canary \
        --quiet --cases-dir "$cases" --build-dir "$build" --tools "$tools" \
        --out "$scratch/shared" --case hang --tool native >/dev/null 2>&1) &
    local first=$! i
    for i in $(seq 600); do
        [ "$(ls "$first_dir/pids" | wc -l)" -ge 2 ] && break
        sleep 0.05
    done
    run --case planter --tool native --out "$scratch/shared"
    kill -TERM "$first"
    wait "$first"
    expect_rc 2
    expect_message "is in use by another racelab run"
    [ ! -e "$scratch/shared/results.json" ] || fail "an output was written by either run"
    pids=$first_dir/pids
    no_process_left
    sanitizer_clean
}

# A full file system under --out: the run is an error (exit 3), not a verdict on the
# program, and the previous results.json stays whole.
attack_disk_full() {
    local small=$scratch/small
    mkdir -p "$small"
    if ! mount -t tmpfs -o size=1m tmpfs "$small" 2>/dev/null; then
        echo "hostile/disk_full: skipped: cannot mount a small tmpfs here"
        exit 77
    fi
    echo '{"previous": "complete"}' >"$small/results.json"
    run --case flood --tool native --out "$small"
    local kept
    kept=$(cat "$small/results.json")
    umount "$small"
    expect_rc 3
    # the old file, or a whole new one: never a cut or empty one
    [ "$kept" = '{"previous": "complete"}' ] ||
        echo "$kept" | python3 -c 'import json, sys; json.load(sys.stdin)["cells"]' ||
        fail "results.json was replaced by a broken file: $kept"
    grep -q '2 cells: 0 pass, 0 fail, 0 xpass, 0 skip, 2 error' "$run_dir/stdout" ||
        fail "the full disk was not an error of every cell: $(tail -3 "$run_dir/stdout")"
    no_process_left
    sanitizer_clean
}

# No room for even the staging directory (a file system out of inodes): the run cannot
# start, says why, and claims no verdict.
attack_no_work_dir() {
    local small=$scratch/no-inodes
    mkdir -p "$small"
    if ! mount -t tmpfs -o size=1m,nr_inodes=2 tmpfs "$small" 2>/dev/null; then
        echo "hostile/no_work_dir: skipped: cannot mount a small tmpfs here"
        exit 77
    fi
    touch "$small/.lock" # the only inode left: the lock can be taken, nothing else made
    run --case planter --tool native --out "$small"
    umount "$small"
    expect_rc 3 # no room is an environment error, not bad usage
    expect_message "cannot create a staging directory: No space left on device"
    ! grep -q 'pass' "$run_dir/stdout" || fail "a run that could not start claims a verdict"
    sanitizer_clean
}

"attack_$attack"
