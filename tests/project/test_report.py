"""`trialfigs report` runs the steps of `make report` in one process and skips exactly those whose
inputs and outputs are unchanged; a failing step stops it."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import ROOT, apply_fixture
from trialfigs import paths
from trialfigs import steps as report

WITHOUT_RENDER = ("validate", "table", "export", "audit")  # render has its own cache and tests (test_cache.py)


@pytest.fixture
def reports(tmp_path, monkeypatch):
    """An output folder holding the committed figures, and the report's steps but render."""
    shutil.copytree(ROOT / "reports" / "figures", tmp_path / "reports" / "figures")
    real = report.steps
    monkeypatch.setattr(report, "steps", lambda out, quiet: [s for s in real(out, quiet) if s.argv[0] in WITHOUT_RENDER])
    return tmp_path / "reports"


def ran(printed: str) -> int:
    return int(re.search(r"report: (\d+) step\(s\) ran", printed).group(1))


def outputs(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and p.name != report.RECORD}


def test_a_second_report_runs_nothing_and_prints_the_same_results(reports, capsys):
    assert report.report(reports) == 0
    first = capsys.readouterr().out
    written = outputs(reports)
    assert ran(first) == len(report.steps(reports, False)) >= 5
    assert {"values.md", "index.html", "deck.pptx", "audit/drug-guide.md"} <= {p.as_posix() for p in written}
    assert report.report(reports) == 0
    second = capsys.readouterr().out
    assert ran(second) == 0
    assert second.splitlines()[:-1] == first.splitlines()[:-1]
    assert outputs(reports) == written


@pytest.mark.parametrize("damage, replacement, reruns", [
    ("values.md", "damaged", ["table"]),  # an output edited by hand is written again
    ("figures/forest-early-1.png", "figures/landmark-katherine.png", ["export"]),  # a changed figure: a new gallery and deck
])
def test_a_changed_output_or_input_reruns_exactly_the_steps_that_use_it(reports, monkeypatch, damage, replacement, reruns):
    report.report(reports)
    before = outputs(reports)
    new = (reports / replacement).read_bytes() if "/" in replacement else replacement.encode()
    (reports / damage).write_bytes(new)
    called = []
    report_main(monkeypatch, called)
    assert report.report(reports) == 0
    assert called == reruns
    if damage == "values.md":
        assert outputs(reports) == before  # the same bytes again


def test_a_changed_file_of_the_evidence_reruns_every_step(reports, package, monkeypatch):
    monkeypatch.setattr(paths, "DATA", package / "data")
    monkeypatch.setattr(paths, "EVIDENCE", package / "evidence")
    report.report(reports)
    (package / "evidence" / "corrections.yml").write_text(
        (package / "evidence" / "corrections.yml").read_text(encoding="utf-8") + "\n# a reviewer's note\n", encoding="utf-8")
    called = []
    report_main(monkeypatch, called)
    assert report.report(reports) == 0
    assert called == [s.argv[0] for s in report.steps(reports, False)]


def test_a_failing_step_stops_the_report_with_its_exit_code(reports, package, monkeypatch, capsys):
    monkeypatch.setattr(paths, "DATA", package / "data")
    monkeypatch.setattr(paths, "EVIDENCE", package / "evidence")
    apply_fixture(package, "endpoints/ci_excludes_estimate.csv", "append")
    assert report.report(reports) == 1
    assert "[ci-order]" in capsys.readouterr().err
    assert not (reports / "values.md").exists()
    assert report.report(reports) == 1  # a failure is never recorded as done


def test_make_report_is_the_report_command():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nreport:", 1)[1].split("\n\n", 1)[0]
    assert "trialfigs report" in recipe


def report_main(monkeypatch, called):
    """Record the command of every step that runs (the steps call trialfigs.commands, never the CLI)."""
    real = report.steps

    def counting(out, quiet):
        found = real(out, quiet)
        for step in found:
            step.run = (lambda run, name: lambda: called.append(name) or run())(step.run, step.argv[0])
        return found

    monkeypatch.setattr(report, "steps", counting)
    return real
