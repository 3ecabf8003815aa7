"""The render cache never serves a stale output, re-renders exactly what a change affects, and
parallel kernels give the same bytes as one at a time."""

from __future__ import annotations

import csv
import shutil

import pytest

from conftest import ROOT
from trialfigs import paths
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
