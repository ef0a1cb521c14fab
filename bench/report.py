"""Turns the benchmark's hyperfine exports and a --repeat 10 results.json into Markdown
(bench/run.sh): the ratios the issue asks for, the floor, and the time per tool."""
import json
import sys


def means(path):
    with open(path) as f:
        return {r["command"]: r["mean"] for r in json.load(f)["results"]}


def main(cache_json, repeat_json, floor_json, results_json, nocache_json, host, cores):
    cache, repeat, floor = means(cache_json), means(repeat_json), means(floor_json)
    with open(results_json) as f:
        results = json.load(f)
    out = [f"Measured on {host} ({cores} cores); hyperfine means, seconds.", ""]
    out += ["| measure | seconds | ratio | target |", "|---|---|---|---|"]
    out.append(f"| default run, static cache warm | {cache['warm']:.1f} | "
               f"{cache['warm'] / cache['no-cache']:.2f} x no-cache | <= 0.6 |")
    out.append(f"| default run, --no-cache | {cache['no-cache']:.1f} | | |")
    out.append(f"| --repeat 1, --no-cache | {repeat['repeat-1']:.1f} | | |")
    out.append(f"| --repeat 10, --no-cache | {repeat['repeat-10']:.1f} | "
               f"{repeat['repeat-10'] / repeat['repeat-1']:.2f} x --repeat 1 | <= 5 |")
    out += ["", "Start-up floor per run: " + ", ".join(
        f"{name} {sec:.2f} s" for name, sec in floor.items()) + ".", ""]
    per_tool = {}
    for cell in results["cells"]:
        t = per_tool.setdefault(cell["tool"], {"time": 0.0, "runs": 0, "waits": 0.0})
        t["time"] += cell["wall_s"]
        t["runs"] += cell["runs"]
        timeouts = cell.get("outcomes", {}).get("timeout", 0)
        if timeouts and cell["runs"]:
            t["waits"] += cell["wall_s"] * timeouts / cell["runs"]
    floor_of = {"helgrind": floor.get("helgrind"), "drd": floor.get("drd"),
                "tsan-clang": floor.get("setarch"), "tsan-gcc": floor.get("setarch")}
    out += ["Where the time of the --repeat 10 run goes (sum of run times per tool):", "",
            "| tool | runs | tool time (s) | floor x runs (s) | designed waits (s) |",
            "|---|---|---|---|---|"]
    for name, t in per_tool.items():
        f = floor_of.get(name)
        out.append(f"| {name} | {t['runs']} | {t['time']:.1f} | "
                   f"{f * t['runs']:.1f} | {t['waits']:.1f} |" if f is not None else
                   f"| {name} | {t['runs']} | {t['time']:.1f} | - | {t['waits']:.1f} |")
    with open(nocache_json) as f:
        static = sum(c["wall_s"] for c in json.load(f)["cells"] if c["analysed_once"])
    out += floor_bound(per_tool, floor_of, results, static)
    print("\n".join(out))


def floor_bound(per_tool, floor_of, results, static):
    """The best ratios the matrix could reach if every dynamic run cost only its tool's
    start-up (no work, no designed wait): `static` is the sum of the static cells' time in
    the --no-cache run (analysed once), the dynamic runs' floor grows with --repeat."""
    repeat, jobs = results["repeat"], results["jobs"]
    floor_runs = sum(floor_of[name] * t["runs"] for name, t in per_tool.items()
                     if floor_of.get(name) is not None)
    per_repeat = floor_runs / repeat / jobs
    if per_repeat <= 0:
        return []
    s = static / jobs
    bound = (s + 10 * per_repeat) / (s + per_repeat)
    return ["", f"Floor: one repeat's dynamic runs cost at least {per_repeat:.1f} s of wall time "
            f"({jobs} jobs) in start-up alone, the static analyses {s:.1f} s once; so "
            f"--repeat 10 cannot take less than {bound:.2f} x --repeat 1, and a warm run "
            f"not less than {per_repeat / (s + per_repeat):.2f} x --no-cache, "
            "whatever the programs do."]


if __name__ == "__main__":
    main(*sys.argv[1:])
