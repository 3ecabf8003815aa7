"""The notebooks are committed clean and thin, with one documented parameters cell."""

import re

import nbformat
import papermill
import pytest

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
TYPED = re.compile(r"^[a-z_]+: (str|int|float|bool|list) = .+  # \S.*$")


def test_there_are_notebooks_and_the_suite_runs_each_of_them():
    """Every notebook in notebooks/ is one the default suite renders (none left behind), and the other way round."""
    from trialfigs.figures.suite import default_suite

    assert NOTEBOOKS and {p.stem for p in NOTEBOOKS} == {job.notebook for job in default_suite()}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_exactly_one_parameters_cell_of_typed_defaults_with_help(path):
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    lines = [line for line in tagged[0].source.splitlines() if line.strip()]
    assert lines and all(TYPED.match(line) for line in lines), lines
    spec = papermill.inspect_notebook(str(path))
    assert all(p["help"] for p in spec.values()) and {"theme", "formats", "out_dir", "name"} <= set(spec)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_are_thin(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])]
    assert len(code) == 1 and len(code[0].source.splitlines()) <= 4
    assert not re.search(r"\d\.\d", code[0].source), "no number is typed into notebook code"
