"""Every notebook runs with `papermill notebooks/X.ipynb out.ipynb` and its declared defaults, and an
unknown parameter is an error (papermill by itself only warns)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

NOTEBOOKS = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))


def papermill(notebook: str, out, *args: str):
    return subprocess.run([sys.executable, "-m", "papermill", str(ROOT / "notebooks" / f"{notebook}.ipynb"), str(out),
                           "--cwd", str(ROOT), "--no-progress-bar", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


def status() -> str:
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT, capture_output=True,
                          text=True).stdout


@pytest.mark.e2e
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_with_its_defaults(tmp_path, notebook):
    before = status()
    done = papermill(notebook, tmp_path / "out.ipynb")
    assert done.returncode == 0, done.stderr[-3000:]
    assert status() == before, "a notebook run with its defaults changed the working tree (outside build/)"


@pytest.mark.e2e
def test_unknown_parameter_is_an_error(tmp_path):
    done = papermill("forest", tmp_path / "out.ipynb", "-p", "no_such_parameter", "1")
    assert done.returncode != 0 and "unknown parameter 'no_such_parameter'" in done.stderr


def test_default_selection_is_the_suites_first_figure_of_the_notebook():
    from trialfigs.figures.api import run_parameters
    from trialfigs.figures.suite import default_suite

    first = next(job for job in default_suite() if job.notebook == "forest")
    namespace = {"trials": [], "endpoints": [], "analyses": [], "theme": "slide"}
    trials, endpoints, analyses = run_parameters("forest", namespace, "trials", "endpoints", "analyses")
    assert trials == first.parameters["trials"] and endpoints == first.parameters.get("endpoints", [])
    chosen = first.parameters["trials"][:1]
    assert run_parameters("forest", {**namespace, "trials": chosen}, "trials", "endpoints", "analyses")[0] == chosen


def test_help_of_each_parameter_names_no_fixed_set_of_trials():
    """No help text lists the trials as if there were only these (`trialfigs vocab` lists them)."""
    import csv

    with open(ROOT / "data" / "trials.csv", encoding="utf-8", newline="") as handle:
        trials = [row["trial"] for row in csv.DictReader(handle)]
    from trialfigs.figures.api import declared_parameters

    for notebook in NOTEBOOKS:
        text = (ROOT / "notebooks" / f"{notebook}.ipynb").read_text(encoding="utf-8")
        assert declared_parameters(notebook)
        for a in trials:
            for b in trials:
                assert f"{a} or {b}" not in text, f"{notebook}: help lists '{a} or {b}'"
