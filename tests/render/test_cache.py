"""The render cache never serves a stale output, re-renders exactly what a change affects, and
parallel kernels give the same bytes as one at a time."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from trialfigs import paths
from trialfigs.figures import inputs
from trialfigs.render import cache
from trialfigs.render.runner import Job, default_suite, render


@pytest.fixture
def reports_copy(tmp_path):
    shutil.copytree(ROOT / "reports", tmp_path / "reports")
    return tmp_path / "reports"


def stale_jobs(out):
    jobs = default_suite()
    keys = cache.keys_for(jobs, paths.NOTEBOOKS)
    entries = cache.load_cache(out)
    return {job.name for job in jobs if not cache.is_current(out, entries.get(job.name), keys[job.name])}


@pytest.fixture
def edited_data(tmp_path, monkeypatch):
    """A copy of data/ in which the label's 30.9-month median reads 31.9 (quote too, so it stays valid)."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "evidence", tmp_path / "evidence")
    path = tmp_path / "data" / "endpoints.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    header = rows[0]
    for row in rows:
        if row[0] == "E-I2-OS-MED-TDM1":
            row[header.index("estimate")] = "31.9"
            row[header.index("quote")] = row[header.index("quote")].replace("| 30.9 |", "| 31.9 |")
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    for name, folder in (("DATA", tmp_path / "data"), ("EVIDENCE", tmp_path / "evidence")):
        monkeypatch.setattr(paths, name, folder)
        monkeypatch.setenv(f"TRIALFIGS_{name}", str(folder))  # the kernels read the copy too
    return tmp_path


def test_the_committed_reports_are_current_in_the_cache(reports_copy):
    assert stale_jobs(reports_copy) == set()
    assert render(out=reports_copy, quiet=True).ran == []


def test_one_changed_row_makes_exactly_the_figures_that_read_it_stale(reports_copy, edited_data):
    assert stale_jobs(reports_copy) == {"medians-emilia-os", "trial-emilia", "illustrative-emilia-os"}


def test_the_cache_never_serves_a_stale_figure(reports_copy, edited_data):
    job = Job("medians", "medians-emilia-os", {"trials": ["EMILIA"], "endpoints": ["OS"]})
    written = render([job], out=reports_copy, quiet=True)
    assert written.ran == ["medians-emilia-os"]
    svg = (reports_copy / "figures" / "medians-emilia-os.svg").read_text(encoding="utf-8")
    assert "31.9 months" in svg and "30.9 months" not in svg
    assert render([job], out=reports_copy, quiet=True).ran == []


def test_a_damaged_output_is_not_trusted(reports_copy):
    (reports_copy / "figures" / "landmark-katherine.deck.svg").write_text("damaged", encoding="utf-8")
    assert stale_jobs(reports_copy) == {"landmark-katherine"}


def test_parallel_and_serial_renders_are_byte_identical(tmp_path):
    jobs = [Job("forest", "forest", {"trials": ["EMILIA"]}), Job("landmark", "landmark", {"trials": ["KATHERINE"]}),
            Job("safety", "safety-emilia", {"trials": ["EMILIA"], "scope": "overall"})]
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    render(jobs, out=serial, quiet=True, force=True, workers=1)
    render(jobs, out=parallel, quiet=True, force=True, workers=2)
    files = sorted(p.relative_to(serial) for p in serial.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(parallel) for p in parallel.rglob("*") if p.is_file())
    assert len(files) > 10
    for name in files:
        assert (serial / name).read_bytes() == (parallel / name).read_bytes(), name


# What a job's key hashes of the code: its kind's modules, never the audit, the deck, the CLI or the checks.
def _package_copy(tmp_path):
    source = tmp_path / "trialfigs"
    shutil.copytree(Path(inputs.__file__).resolve().parents[1], source,
                    ignore=shutil.ignore_patterns("__pycache__"))
    return source


def _kinds() -> list[str]:
    """The kinds of the default suite (derived from the data), every one known to the code table."""
    kinds = sorted({job.notebook for job in default_suite()})
    assert kinds and set(kinds) <= set(inputs.KIND_MODULES), kinds
    return kinds


@pytest.mark.parametrize("edited", ["audit/claims.py", "publish/deck/notes.py", "cli.py", "commands.py",
                                    "checks/freshness.py", "render/runner.py"])
def test_an_edit_outside_the_figure_code_leaves_every_kind_current(tmp_path, edited):
    source = _package_copy(tmp_path)
    before = {kind: inputs.kind_hash(kind, source) for kind in _kinds()}
    (source / edited).write_text((source / edited).read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert {kind: inputs.kind_hash(kind, source) for kind in _kinds()} == before


def test_an_edit_to_one_kind_module_makes_exactly_that_kind_stale(tmp_path):
    source = _package_copy(tmp_path)
    for kind in _kinds():
        before = {k: inputs.kind_hash(k, source) for k in _kinds()}
        module = source / (inputs.KIND_MODULES[kind][0].replace(".", "/") + ".py")
        module.write_text(module.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        after = {k: inputs.kind_hash(k, source) for k in _kinds()}
        assert {k for k in after if after[k] != before[k]} == {kind}, kind


def test_an_edit_to_shared_figure_code_makes_every_kind_stale(tmp_path):
    source = _package_copy(tmp_path)
    before = {kind: inputs.kind_hash(kind, source) for kind in _kinds()}
    shared = source / "figures" / "common.py"
    shared.write_text(shared.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    after = {kind: inputs.kind_hash(kind, source) for kind in _kinds()}
    assert all(after[k] != before[k] for k in after)
