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


def test_the_floor_can_call_every_kind():
    """The benchmark's floor calls the api function named for each notebook (the trial page through trial_page):
    a new kind without one would crash the full benchmark while the one-job smoke run passed."""
    from trialfigs.figures import api

    for notebook in (ROOT / "notebooks").glob("*.ipynb"):
        assert notebook.stem == "trial" or callable(getattr(api, notebook.stem, None)), notebook.stem
    assert "getattr(notebook, job.notebook)" in (ROOT / "benchmarks" / "bench.py").read_text(encoding="utf-8")
