"""The benchmark runs: its smoke mode (one job, one repeat) prints cold, cached, one-row and floor."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.e2e
def test_benchmark_smoke_runs_and_prints_every_measure():
    done = subprocess.run([sys.executable, "benchmarks/bench.py", "--smoke"], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    for measure in ("(a) cold render", "(b) re-render, nothing changed", "(c) re-render after one row changed", "(d) floor"):
        assert measure in done.stdout, done.stdout
