"""What a notebook shows under its figure, as a person reads it: the executed notebook converted to
HTML by nbconvert shows the figure, the table of values drawn and the full references."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import nbformat
import pytest
from nbconvert import HTMLExporter

from conftest import ROOT
from trialfigs.evidence.load import load
from trialfigs.figures.notebook_text import COLUMNS, values_frame


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """notebooks/forest.ipynb run by plain papermill for EMILIA, PNG only, into a temporary folder."""
    out = tmp_path_factory.mktemp("shown")
    done = subprocess.run([sys.executable, "-m", "papermill", str(ROOT / "notebooks" / "forest.ipynb"), str(out / "forest.ipynb"),
                           "-y", "trials: [EMILIA]\nformats: [png]", "-p", "out_dir", str(out / "figures"), "--log-level", "ERROR"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return out


def test_the_notebook_converted_to_html_shows_the_figure_the_values_and_the_references(executed):
    """EMILIA OS, second interim analysis: HR 0.682 (0.548 to 0.849), P = 0.0006 (Verma et al., N Engl J Med 2012, Abstract)."""
    body, _ = HTMLExporter().from_notebook_node(nbformat.read(executed / "forest.ipynb", as_version=4))
    assert re.search(r'<img [^>]*src="data:image/png;base64,', body), "the figure"
    assert "Values drawn" in body and "<th>row id</th>" in body and "<td>E-I2-OS-HR</td>" in body
    assert "<td>0.682 (95% CI 0.548 to 0.849); P = 0.0006</td>" in body, "the value as published, with its CI and P"
    assert "<h4>References</h4>" in body and "Verma S, Miles D, Gianni L" in body and "doi:10.1056/NEJMoa1209124" in body


def test_the_stable_text_for_nbval_is_still_there_and_names_no_path(executed):
    cell = nbformat.read(executed / "forest.ipynb", as_version=4).cells[-1]
    data = cell.outputs[0]["data"]
    assert set(data) == {"text/plain", "text/html", "text/markdown"}
    assert "EMILIA, OS, second interim OS analysis: 0.682 (0.548 to 0.849), P = 0.0006  [E-I2-OS-HR]" in data["text/plain"]
    assert str(executed) not in data["text/plain"] and "0x" not in data["text/plain"]
    assert "| E-I2-OS-HR | EMILIA, OS, second interim OS analysis | 0.682 (95% CI 0.548 to 0.849); P = 0.0006 |" in data["text/markdown"]


def test_the_values_frame_has_one_line_per_value_drawn_with_citation_and_locator():
    evidence = load()
    record = json.loads((ROOT / "reports" / "figures" / "landmark-katherine.json").read_text(encoding="utf-8"))
    frame = values_frame(evidence, record)
    assert list(frame.columns) == COLUMNS and len(frame) == len(record["values"])
    derived = frame[frame["row id"] == "(derived)"]
    assert len(derived) and (derived["source"] == "derived (computed here, not published)").all()
    assert not (frame["locator"] == "").any()


@pytest.mark.parametrize("given", ['["EMILIA"]', "EMILIA"])
def test_a_list_given_as_text_by_papermill_says_how_to_pass_a_list(given, tmp_path):
    done = subprocess.run([sys.executable, "-m", "papermill", str(ROOT / "notebooks" / "forest.ipynb"), str(tmp_path / "out.ipynb"),
                           "-p", "trials", given, "-p", "out_dir", str(tmp_path), "--log-level", "ERROR"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    assert f"trials must be a list, not the text {given!r}. papermill -p passes text; give a list as YAML: -y 'trials: [EMILIA]'" in done.stderr


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.stem)
def test_every_notebook_run_by_hand_writes_into_build_by_default(path):
    """A notebook's default out_dir is build/figures (ignored by git), never reports/ (issue 16, point 3)."""
    import papermill
    assert papermill.inspect_notebook(str(path))["out_dir"]["default"].strip("'\"") == "build/figures"


def test_a_notebook_run_by_hand_with_its_defaults_leaves_git_status_clean():
    """papermill with the notebook's defaults writes its figure into build/ (ignored by git), never reports/.
    The icon array's defaults name one trial, so they fit a slide whatever the data hold."""
    env = {k: v for k, v in os.environ.items() if k not in ("TRIALFIGS_OUTPUT_ROOT", "TRIALFIGS_ROOT")}
    status = ["git", "status", "--porcelain", "--untracked-files=all"]
    before = subprocess.run(status, cwd=ROOT, capture_output=True, text=True).stdout
    target = ROOT / "build" / "by-hand" / "iconarray.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([sys.executable, "-m", "papermill", "notebooks/iconarray.ipynb", str(target), "--log-level", "ERROR"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (ROOT / "build" / "figures" / "iconarray.json").is_file()
    assert subprocess.run(status, cwd=ROOT, capture_output=True, text=True).stdout == before
