"""Compares a quiet run with a run under CPU hogs (bench/load.sh): cells, runs, flips (a
verdict or a detection count k/N that differs) and the slowest native run."""
import json
import sys


def cells_of(path):
    with open(path) as f:
        doc = json.load(f)
    return doc, {(c["case"], c["program"], c["tool"]): c for c in doc["cells"]}


def main(quiet_json, hogs_json, n_hogs, host, cores):
    quiet_doc, quiet = cells_of(quiet_json)
    hogs_doc, hogs = cells_of(hogs_json)
    flips = []
    for key, cell in sorted(hogs.items()):
        before = quiet.get(key)
        if before is None:
            flips.append((key, "missing from the quiet run", ""))
        elif (before["verdict"], before["detected_runs"]) != (cell["verdict"], cell["detected_runs"]):
            flips.append((key, f"{before['verdict']} {before['detected_runs']}/{before['runs']}",
                          f"{cell['verdict']} {cell['detected_runs']}/{cell['runs']}"))
    native = [c for c in hogs.values() if c["tool"] == "native"]
    slowest = max(native, key=lambda c: c.get("slowest_run_s", 0), default=None)
    runs = sum(c["runs"] for c in hogs.values())
    out = [f"Measured on {host} ({cores} cores), {n_hogs} CPU hogs in the second run, "
           f"--repeat {hogs_doc['repeat']}.", "",
           "| run | cells | runs | not pass | wall (s) |", "|---|---|---|---|---|"]
    for name, doc, cells in (("quiet", quiet_doc, quiet), (f"{n_hogs} hogs", hogs_doc, hogs)):
        not_pass = sum(c["verdict"] != "pass" for c in cells.values())
        out.append(f"| {name} | {len(cells)} | {sum(c['runs'] for c in cells.values())} | "
                   f"{not_pass} | {doc['wall_s']:.1f} |")
    out += ["", f"Flips (verdict or k/N differs): {len(flips)} of {len(hogs)} cells, {runs} runs."]
    for (case, program, tool), was, now in flips:
        out.append(f"- {case}/{program} under {tool}: {was} -> {now}")
    if slowest is not None:
        out.append(f"Slowest native run under load: {slowest['slowest_run_s']:.2f} s "
                   f"({slowest['case']}/{slowest['program']}).")
    print("\n".join(out))
    return 1 if flips else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
