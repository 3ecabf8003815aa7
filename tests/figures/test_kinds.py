"""The figure-kind table (figures/kinds.py) is the one place a kind is described: it names every notebook, its
modules exist, and the rows each suite figure shows are rows its kind says it reads, so the render cache (which
selects rows without pandas) never misses a row a figure draws. Kinds, jobs and rows come from the package and
the data."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from trialfigs.figures import inputs
from trialfigs.figures.kinds import KINDS
from trialfigs.figures.suite import default_suite

SUITE = default_suite()


def test_every_notebook_is_a_kind_and_every_kind_has_its_notebook_and_modules():
    notebooks = {p.stem for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert notebooks == set(KINDS)
    for kind in KINDS.values():
        for module in kind.modules:
            assert (ROOT / "src" / "trialfigs" / (module.replace(".", "/") + ".py")).is_file(), (kind.name, module)
        assert kind.chart in (None, "bars", "points")


@pytest.mark.parametrize("job", SUITE, ids=[job.name for job in SUITE])
def test_a_figure_shows_only_rows_its_kind_reads(job):
    record = json.loads((ROOT / "reports" / "figures" / f"{job.name}.json").read_text(encoding="utf-8"))
    read = {(table, row.get("row_id")) for table, row in inputs.drawn_rows(job.notebook, job.parameters)}
    shown = {(v["table"], v["row_id"]) for v in record.get("values", []) if v.get("table") in ("endpoints", "safety")}
    assert shown, f"{job.name} shows no row of data/"
    assert shown <= read, f"{job.name}: shown but not read by its kind (the cache would miss them): {sorted(shown - read)}"


def test_a_kind_reads_no_row_of_another_trial():
    for job in SUITE:
        trials = set(job.parameters.get("trials") or [job.parameters.get("trial")])
        assert {row["trial"] for _, row in inputs.drawn_rows(job.notebook, job.parameters)} <= trials, job.name
