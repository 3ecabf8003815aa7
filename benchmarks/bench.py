"""Render-speed benchmark: one run measures (a) to (d) with medians over repeats and prints ratios.

    .venv/bin/python benchmarks/bench.py [--repeats N]

(a) cold render of the full default suite (--force, into a temporary folder);
(b) re-render with nothing changed (the cache answers);
(c) re-render after one data row changes, in a copy of data/ (which notebooks ran);
(d) the floor: the same figures drawn by the package's own functions in one plain Python process.
Targets (issue 7): (a) within 1.5 times (d); (b) under 0.5 s; (c) exactly the affected notebooks.
It prints; the tests check correctness, never time.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR = """
import sys, time
from pathlib import Path
start = time.perf_counter()
from trialfigs import notebook, glance
from trialfigs.render import default_suite
out = Path(sys.argv[1])
for job in default_suite():
    p, name = dict(job.parameters), job.name
    if job.notebook == "trial":
        glance.trial_at_a_glance(p["trial"], "slide", ["png", "svg", "pdf"], out, name)
    elif job.notebook == "illustrative":
        notebook.illustrative(p["trial"], p["analysis"], p["endpoint"], 2025, "slide", ["png", "svg", "pdf"], out, name)
    elif job.notebook == "forest":
        notebook.forest(p.get("trials", []), [], [], "slide", ["png", "svg", "pdf"], out, name)
    elif job.notebook == "landmark":
        notebook.landmark(p.get("trials", []), [], "slide", ["png", "svg", "pdf"], out, name)
    elif job.notebook == "medians":
        notebook.medians(p.get("trials", []), p.get("endpoints", []), [], "slide", ["png", "svg", "pdf"], out, name)
    elif job.notebook == "safety":
        notebook.safety(p.get("trials", []), [], [], "slide", ["png", "svg", "pdf"], out, name, p.get("scope", "all"))
    elif job.notebook == "iconarray":
        notebook.iconarray(p["trial"], p["endpoint"], p.get("analysis", ""), "slide", ["png", "svg", "pdf"], out, name)
print(time.perf_counter() - start)
"""
RENDER = """
import sys, time
start = time.perf_counter()
from pathlib import Path
from trialfigs.render import render
written = render(out=Path(sys.argv[1]), quiet=True, force=sys.argv[2] == "force")
print(time.perf_counter() - start, ",".join(written.ran))
"""


def run(code: str, *args: str, env: dict | None = None) -> tuple[float, str]:
    """A fresh Python process, as a user's command would be; returns its own measured seconds and output."""
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})}, check=True)
    seconds, _, rest = done.stdout.strip().splitlines()[-1].partition(" ")
    return float(seconds), rest


def median(values):
    return statistics.median(values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="repeats of each measurement (default 3)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="trialfigs-bench-"))
    try:
        out = work / "reports"
        cold = [run(RENDER, str(out), "force")[0] for _ in range(args.repeats)]
        warm = [run(RENDER, str(out), "cached")[0] for _ in range(args.repeats)]
        floor = [run(FLOOR, str(work / f"floor{i}"))[0] for i in range(args.repeats)]
        changed_times, ran = [], ""
        for i in range(args.repeats):
            copy = work / f"data{i}"
            shutil.copytree(ROOT / "data", copy / "data")
            shutil.copytree(ROOT / "evidence", copy / "evidence")
            path = copy / "data" / "endpoints.csv"
            rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
            for row in rows:
                if row[0] == "E-I2-OS-MED-TDM1":
                    row[rows[0].index("note")] = f"benchmark edit {i}"
            with path.open("w", encoding="utf-8", newline="") as handle:
                csv.writer(handle, lineterminator="\n").writerows(rows)
            seconds, ran = run(RENDER, str(out), "cached",
                               env={"TRIALFIGS_DATA": str(copy / "data"), "TRIALFIGS_EVIDENCE": str(copy / "evidence")})
            changed_times.append(seconds)
        a, b, c, d = median(cold), median(warm), median(changed_times), median(floor)
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}")
        print(f"repeats: {args.repeats} (medians shown)")
        print(f"(a) cold render of the default suite (10 notebooks, parallel kernels): {a:7.2f} s")
        print(f"(b) re-render, nothing changed (cache):                              {b:7.2f} s   target < 0.5 s")
        print(f"(c) re-render after one row changed (E-I2-OS-MED-TDM1):              {c:7.2f} s   ran: {ran}")
        print(f"(d) floor: the same figures in one plain Python process:             {d:7.2f} s")
        print(f"ratios: (a)/(d) = {a / d:.2f} (target <= 1.5); (c)/(a) = {c / a:.2f}; (b)/(a) = {b / a:.3f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
