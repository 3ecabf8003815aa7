"""trialfigs render: real notebooks through papermill in a real kernel, checked parameters, atomic output."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import nbformat
import pytest

from conftest import FIXTURES, ROOT
from trialfigs.render.runner import Job, RenderError, check_parameters, render, vocabulary


@pytest.fixture(scope="module")
def choices():
    return vocabulary()


FOREST = ROOT / "notebooks" / "forest.ipynb"


@pytest.mark.parametrize("given, message", [
    ({"colour": "red"}, "unknown parameter 'colour' for forest.ipynb; valid: trials, endpoints, analyses, theme, formats, out_dir, name"),
    ({"trials": "EMILIA"}, "parameter 'trials' of forest.ipynb must be a list, not str 'EMILIA'"),
    ({"theme": 3}, "parameter 'theme' of forest.ipynb must be a str, not int 3"),
    ({"trials": ["KATHRINE"]}, "unknown trials 'KATHRINE'; valid: KATHERINE, EMILIA"),
    # the valid lists grow with the data: {name} is every valid value of that parameter, read from data/
    ({"endpoints": ["NOT-AN-ENDPOINT"]}, "unknown endpoints 'NOT-AN-ENDPOINT'; valid: {endpoints}"),
    ({"analyses": ["interim"]}, "unknown analyses 'interim'; valid: {analyses}"),
    ({"theme": "poster"}, "unknown theme 'poster'; valid: slide, print"),
    ({"formats": ["gif"]}, "unknown formats 'gif'; valid: png, svg, pdf"),
])
def test_parameter_contract_refuses_bad_parameters_before_any_kernel(choices, given, message):
    message = message.format(**{key: ", ".join(values) for key, values in choices.items()})
    assert "IDFS" in choices["endpoints"] and "primary" in choices["analyses"], "the lists offered hold real values"
    with pytest.raises(RenderError, match=re.escape(message)):
        check_parameters(FOREST, given, choices)


def test_unknown_notebook_lists_the_notebooks(tmp_path):
    valid = ", ".join(sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb")))
    with pytest.raises(RenderError, match=f"no notebook nope.ipynb in .*; valid: {re.escape(valid)}$"):
        render([Job("nope", "nope")], out=tmp_path)


def test_render_runs_the_notebook_in_a_kernel_and_writes_what_it_promised(tmp_path):
    written = render([Job("forest", "forest-emilia", {"trials": ["EMILIA"], "formats": ["svg", "png"]})], out=tmp_path, quiet=True)
    names = sorted(p.relative_to(tmp_path).as_posix() for p in written)
    assert names == ["figures/forest-emilia.deck.png", "figures/forest-emilia.deck.svg", "figures/forest-emilia.json",
                     "figures/forest-emilia.png", "figures/forest-emilia.print.png", "figures/forest-emilia.print.svg",
                     "figures/forest-emilia.svg", "notebooks/forest-emilia.ipynb"]
    svg = (tmp_path / "figures" / "forest-emilia.svg").read_text(encoding="utf-8")
    assert "EMILIA, OS, final OS analysis" in svg and "KATHERINE" not in svg.split("Sources")[0]
    executed = nbformat.read(tmp_path / "notebooks" / "forest-emilia.ipynb", as_version=4)
    text = executed.cells[-1].outputs[0]["data"]["text/plain"]
    assert "EMILIA, OS, second interim OS analysis: 0.682 (0.548 to 0.849), P = 0.0006  [E-I2-OS-HR]" in text
    assert str(tmp_path) not in nbformat.writes(executed), "no absolute staging path in the committed notebook"
    assert not list(tmp_path.glob(".staging-*"))


def test_a_failing_notebook_leaves_previous_reports_untouched_and_names_notebook_and_cell(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copyfile(FOREST, notebooks / "forest.ipynb")
    shutil.copyfile(FIXTURES / "notebooks" / "raises_in_cell.ipynb", notebooks / "raises_in_cell.ipynb")
    out = tmp_path / "reports"
    (out / "figures").mkdir(parents=True)
    (out / "figures" / "forest.svg").write_text("previous figure", encoding="utf-8")
    with pytest.raises(RenderError) as raised:
        render([Job("forest", "forest", {"trials": ["EMILIA"]}), Job("raises_in_cell", "raises_in_cell")], out=out,
               notebooks=notebooks, quiet=True)
    message = str(raised.value)
    assert "notebooks/raises_in_cell.ipynb" in message and "deliberate failure" in message
    assert "cell 3 of the executed notebook, line 3 ('raise ValueError(\"deliberate failure for the test\")')" in message, \
        "the failing cell is named by its number and the line that raised, not its first line"
    assert "reports/ was left as it was" in message
    assert (out / "figures" / "forest.svg").read_text(encoding="utf-8") == "previous figure"
    assert sorted(p.name for p in out.rglob("*") if p.is_file()) == ["forest.svg"]
    assert (ROOT / ".trialfigs-failed" / "raises_in_cell.ipynb").is_file()


def test_a_notebook_that_writes_no_figure_fails_the_render(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copyfile(FIXTURES / "notebooks" / "writes_no_figure.ipynb", notebooks / "writes_no_figure.ipynb")
    with pytest.raises(RenderError, match="wrote no manifest"):
        render([Job("writes_no_figure", "writes_no_figure")], out=tmp_path / "out", notebooks=notebooks, quiet=True)
    assert not (tmp_path / "out" / "notebooks").exists()


def test_the_notebook_also_runs_with_plain_papermill(tmp_path):
    done = subprocess.run([sys.executable, "-m", "papermill", str(FOREST), str(tmp_path / "out.ipynb"),
                           "-y", "trials: [KATHERINE]", "-p", "out_dir", str(tmp_path / "figures"), "-p", "theme", "print"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "figures" / "forest.svg").is_file()


def test_cli_render_exits_non_zero_with_the_valid_choices_and_no_traceback():
    done = subprocess.run([sys.executable, "-m", "trialfigs.cli", "render", "--trial", "KATHRINE", "--quiet"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "unknown trials 'KATHRINE'; valid: KATHERINE, EMILIA" in done.stderr and "Traceback" not in done.stderr


def test_a_trial_selection_keeps_the_jobs_of_that_trial_and_narrows_the_others():
    from trialfigs.render.runner import apply_selection, default_suite

    jobs = {job.name: job.parameters for job in apply_selection(default_suite(), {"trials": ["EMILIA"], "endpoints": ["OS"]})}
    assert all("emilia" in name for name in jobs), "a job fixed to other trials is dropped, never re-pointed"
    assert {"medians-emilia-os", "safety-emilia", "trial-emilia", "illustrative-emilia-os"} <= set(jobs)
    assert "medians-emilia-pfs" not in jobs, "a job fixed to another endpoint is dropped"
    assert jobs["medians-emilia-os"] == {"trials": ["EMILIA"], "endpoints": ["OS"]}
    assert jobs["safety-emilia"] == {"trials": ["EMILIA"], "scope": "overall"}, "safety has no endpoints parameter"
    assert jobs["trial-emilia"] == {"trial": "EMILIA"}


def test_an_interrupted_render_leaves_previous_reports_untouched(tmp_path, monkeypatch):
    import papermill

    out = tmp_path / "reports"
    (out / "figures").mkdir(parents=True)
    (out / "figures" / "forest.svg").write_text("previous figure", encoding="utf-8")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(papermill, "execute_notebook", interrupted)
    with pytest.raises(KeyboardInterrupt):
        render([Job("forest", "forest")], out=out, quiet=True)
    assert (out / "figures" / "forest.svg").read_text(encoding="utf-8") == "previous figure"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == ["figures", "figures/forest.svg"]


@pytest.mark.parametrize("fixture, message", [
    ("requires_trial", "missing parameter 'trial' for requires_trial.ipynb (it has no default): the trial to show; required"),
    ("lacks_render_parameters", "lacks_render_parameters.ipynb lacks the parameter 'out_dir' that render sets"),
])
def test_parameter_contract_refuses_missing_parameters(choices, fixture, message):
    with pytest.raises(RenderError, match=re.escape(message)):
        check_parameters(FIXTURES / "notebooks" / f"{fixture}.ipynb", {}, choices)


def test_the_kernel_is_this_environment_whatever_the_users_jupyter_setup():
    import json as _json
    from pathlib import Path

    from trialfigs.render.runner import KERNEL, _kernel_home

    spec = _json.loads((Path(_kernel_home()) / "kernels" / KERNEL / "kernel.json").read_text(encoding="utf-8"))
    assert spec["argv"][:3] == [sys.executable, "-m", "ipykernel_launcher"]
