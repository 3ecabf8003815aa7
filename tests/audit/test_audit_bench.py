"""Smoke test of benchmarks/audit_bench.py: it runs on the committed corpus and prints the three measures of issue 21."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_prints_precision_errors_caught_and_correct_claims_confirmed():
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "audit_bench.py")], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    for measure in ("flag precision", "errors caught", "correct claims confirmed"):
        line = next(x for x in done.stdout.splitlines() if x.startswith(measure + ":"))
        right, total = map(int, re.search(r"\((\d+) of (\d+)", line).groups())
        assert 0 <= right <= total and total > 0, line
