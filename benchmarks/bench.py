"""Render-speed benchmark: one run measures (a) to (d) with medians over repeats and prints ratios.

    .venv/bin/python benchmarks/bench.py [--repeats N] [--fresh-clone]

(a) cold render of the full default suite (--force, into a temporary folder);
(b) re-render with nothing changed (the cache answers);
(c) re-render after one data row changes, in a copy of data/ (which notebooks ran);
(d) the floor: the same figures drawn by the package's own functions in one plain Python process,
    with where each figure's time goes (tables, drawing, PNG, SVG, PDF, manifest);
(e) with --fresh-clone: a clone of the last commit, its first `make report` (the install), a
    second one, and `make test`.
Targets (issues 7 and 15): (a) within 1.2 times (d); (b) under 0.5 s; (c) exactly the affected
notebooks; first make report <= 20 s, second < 1 s; make test <= 3 minutes on 2 cores.
It prints; the tests check correctness, never time.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR = """
import inspect, json, sys, time
start = time.perf_counter()
from collections import defaultdict
from pathlib import Path
from trialfigs.figures import api as notebook, save as output, trial_page as glance
from trialfigs.figures.suite import default_suite
spent = defaultdict(float)


def timed(name, function):
    def wrapper(*args, **kwargs):
        began = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[args[3] if name == "save" else name] += time.perf_counter() - began
    return wrapper


output._savefig = timed("save", output._savefig)  # (drawn, theme, path, fmt): the time of each format
output.provenance = timed("manifest", output.provenance)
notebook.load = glance.load = timed("load", notebook.load)
out = Path(sys.argv[1])
jobs = default_suite()[:int(sys.argv[2])] if len(sys.argv) > 2 and sys.argv[2] else default_suite()
# every kind's notebook calls the api function of its name (the trial page draws through trial_page)
calls = {"trial": glance.trial_at_a_glance}
figures = {}
for job in jobs:
    name, before, began = job.name, dict(spent), time.perf_counter()
    # every parameter the notebook would run with: its declared defaults, then the job's own (as render passes them)
    given = {**notebook.declared_parameters(job.notebook), **job.parameters, "out_dir": out, "name": name}
    function = calls.get(job.notebook) or getattr(notebook, job.notebook)
    accepted = inspect.signature(function).parameters
    function(**{k: v for k, v in given.items() if k in accepted})
    figures[name] = {"total": time.perf_counter() - began, **{k: spent[k] - before.get(k, 0.0) for k in PARTS}}
print(json.dumps(figures))
print(time.perf_counter() - start)
""".replace("PARTS", repr(("load", "png", "svg", "pdf", "manifest")))
RENDER = """
import sys, time
start = time.perf_counter()
from pathlib import Path
from trialfigs.render.runner import default_suite, render
jobs = default_suite()[:int(sys.argv[3])] if len(sys.argv) > 3 and sys.argv[3] else None
written = render(jobs, out=Path(sys.argv[1]), quiet=True, force=sys.argv[2] == "force")
print(time.perf_counter() - start, ",".join(written.ran))
"""


def run(code: str, *args: str, env: dict | None = None) -> tuple[float, str, list[str]]:
    """A fresh Python process, as a user's command would be; returns its own measured seconds, the rest
    of its last line, and the lines before it."""
    cpu = _children_cpu()
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})}, check=True)
    CPU.append(_children_cpu() - cpu)
    *before, last = done.stdout.strip().splitlines()
    seconds, _, rest = last.partition(" ")
    return float(seconds), rest, before


EDITED = "E-I2-OS-MED-TDM1"  # the row (c) edits when the data have it, else the first row of endpoints.csv
CPU: list[float] = []  # processor seconds of each run, kernels and workers included


def _children_cpu() -> float:
    """User and system seconds of every finished descendant: what a run cost whatever else the machine did."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_command(command: str, cwd: Path) -> float:
    began = time.perf_counter()
    subprocess.run(command, shell=True, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - began


def fresh_clone() -> dict[str, float]:
    """A fresh clone of the last commit: first `make report` (the install), a second one, then `make test`."""
    work = Path(tempfile.mkdtemp(prefix="trialfigs-clone-"))
    try:
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(work / "clone")], check=True)
        clone = work / "clone"
        return {"first make report (install + cached renders)": timed_command("make report", clone),
                "second make report": timed_command("make report", clone),
                "make test": timed_command("make test", clone)}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def per_figure(figures: dict) -> list[str]:
    """Where a figure's time goes in the floor process: loading the tables, selecting and drawing, each
    format, and the manifest."""
    lines = [f"{'figure':30} {'total':>6} {'load':>6} {'draw':>6} {'png':>6} {'svg':>6} {'pdf':>6} {'manifest':>8}"]
    sums = dict.fromkeys(("total", "load", "draw", "png", "svg", "pdf", "manifest"), 0.0)
    for name, t in figures.items():
        t = {**t, "draw": t["total"] - sum(t[k] for k in ("load", "png", "svg", "pdf", "manifest"))}
        sums = {k: sums[k] + t[k] for k in sums}
        lines.append(f"{name:30} " + " ".join(f"{t[k]:{8 if k == 'manifest' else 6}.2f}" for k in sums))
    lines.append(f"{'all':30} " + " ".join(f"{sums[k]:{8 if k == 'manifest' else 6}.2f}" for k in sums))
    lines.append(f"{'share':30} " + " ".join(f"{sums[k] / sums['total']:{8 if k == 'manifest' else 6}.0%}" for k in sums))
    return lines


def median(values):
    return statistics.median(values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="repeats of each measurement (default 3)")
    parser.add_argument("--smoke", action="store_true",
                        help="one job of the suite, one repeat: seconds, to check that the benchmark runs (tests/project/test_bench.py)")
    parser.add_argument("--fresh-clone", action="store_true",
                        help="also time a fresh clone of the last commit: make report twice, then make test")
    args = parser.parse_args()
    limit = "1" if args.smoke else ""
    if args.smoke:
        args.repeats = 1
    work = Path(tempfile.mkdtemp(prefix="trialfigs-bench-"))
    load_before = os.getloadavg()[0]
    try:
        out = work / "reports"
        cold = [run(RENDER, str(out), "force", limit)[0] for _ in range(args.repeats)]
        cold_cpu = median(CPU[-args.repeats:])
        warm = [run(RENDER, str(out), "cached", limit)[0] for _ in range(args.repeats)]
        floors = [run(FLOOR, str(work / f"floor{i}"), limit) for i in range(args.repeats)]
        floor_cpu = median(CPU[-args.repeats:])
        floor = [seconds for seconds, _, _ in floors]
        figures = json.loads(sorted(floors)[len(floors) // 2][2][-1])  # the median run's figures
        changed_times, ran = [], ""
        for i in range(args.repeats):
            copy = work / f"data{i}"
            shutil.copytree(ROOT / "data", copy / "data")
            shutil.copytree(ROOT / "evidence", copy / "evidence")
            path = copy / "data" / "endpoints.csv"
            rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
            ids = [row[0] for row in rows[1:]]
            edited = EDITED if EDITED in ids else ids[0]  # one row's note: the render re-runs what draws it
            for row in rows:
                if row[0] == edited:
                    row[rows[0].index("note")] = f"benchmark edit {i}"
            with path.open("w", encoding="utf-8", newline="") as handle:
                csv.writer(handle, lineterminator="\n").writerows(rows)
            seconds, ran, _ = run(RENDER, str(out), "cached", limit,
                                  env={"TRIALFIGS_DATA": str(copy / "data"), "TRIALFIGS_EVIDENCE": str(copy / "evidence")})
            changed_times.append(seconds)
        a, b, c, d = median(cold), median(warm), median(changed_times), median(floor)
        jobs = len(figures)
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}")
        print(f"repeats: {args.repeats} (medians shown); load average (1 min) {load_before:.1f} before, "
              f"{os.getloadavg()[0]:.1f} after: other work on the machine slows the parallel render most")
        print(f"(a) cold render of the default suite ({jobs} notebooks, one reused kernel per worker): {a:7.2f} s")
        print(f"(b) re-render, nothing changed (cache):                              {b:7.2f} s   target < 0.5 s")
        print(f"(c) re-render after one row changed ({edited}):              {c:7.2f} s   ran: {ran or 'nothing'}")
        print(f"(d) floor: the same figures in one plain Python process:             {d:7.2f} s   {d / jobs:.2f} s per notebook")
        print(f"ratios: (a)/(d) = {a / d:.2f} (target <= 1.2); (c)/(a) = {c / a:.2f}; (b)/(a) = {b / a:.3f}")
        print(f"processor time, all processes: (a) {cold_cpu:.1f} s, (d) {floor_cpu:.1f} s, ratio {cold_cpu / floor_cpu:.2f} "
              f"(what the kernels cost beyond drawing, whatever the load)")
        print("floor per notebook, seconds (draw includes selecting the rows and the first imports):")
        print("\n".join("  " + line for line in per_figure(figures)))
        if args.fresh_clone:
            for what, seconds in fresh_clone().items():
                print(f"fresh clone, {what}: {seconds:7.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
