"""CI's checks on reports/: freshness, figure content, and that each of them can fail."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from trialfigs.checks.figure_content import figure_problems
from trialfigs.checks.freshness import stale_outputs
from trialfigs.evidence.validate import validate
from trialfigs.figures.suite import default_suite

REPORTS = ROOT / "reports"



def forest_of(trial: str) -> str:
    """The default suite's forest plot that shows a trial (the suite packs trials into slide-sized plots)."""
    from trialfigs.figures.suite import default_suite as suite

    return next(j.name for j in suite() if j.notebook == "forest" and trial in j.parameters["trials"])

def edit_cell(path, row_id, column, old, new, *, quote_too=False):
    """Change one published value in a copy of the data (and its quote, for an edit that stays valid)."""
    import csv

    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    header = rows[0]
    for row in rows[1:]:
        if row[0] == row_id:
            assert row[header.index(column)] == old
            row[header.index(column)] = new
            if quote_too:
                row[header.index("quote")] = row[header.index("quote")].replace(old, new)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def test_committed_reports_are_current_and_show_their_data():
    """Fails after an edit of data/, evidence/, notebooks/ or src/ without `make report`, naming what is stale."""
    result = validate()
    stale = stale_outputs() + figure_problems(result.tables, result.references)
    assert not stale, "reports/ is out of date; run `make report`:\n" + "\n".join(stale)


def test_cli_check_passes_on_the_committed_reports():
    done = subprocess.run([sys.executable, "-m", "trialfigs.cli", "check"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK: ")


def test_one_changed_published_value_is_caught_by_validation_freshness_and_figure_content(package):
    """Label 14.1 prints 30.9 months; a copy that says 31.9 must fail all three checks."""
    edit_cell(package / "data" / "endpoints.csv", "E-I2-OS-MED-TDM1", "estimate", "30.9", "31.9")
    result = validate(package / "data")

    assert any(p.rule == "quote" and p.row is not None and p.column == "estimate" for p in result.problems)

    stale = stale_outputs(REPORTS, package / "data", package / "evidence")
    assert any(m.startswith("reports/figures/medians-emilia-os is stale") and "data/endpoints.csv row E-I2-OS-MED-TDM1" in m
               for m in stale)
    assert any(m.startswith("reports/figures/trial-emilia is stale") for m in stale)
    assert not any(m.startswith(f"reports/figures/{forest_of('EMILIA')} is stale") for m in stale), "the forest plot reads no median"

    content = figure_problems(result.tables, result.references, REPORTS)
    assert any("reports/figures/medians-emilia-os: shows '30.9 months' for row E-I2-OS-MED-TDM1" in m for m in content)


def test_a_valid_edit_still_makes_the_outputs_that_draw_the_row_stale(package):
    edit_cell(package / "data" / "endpoints.csv", "K-F-IDFS-7Y-TDM1", "estimate", "80.8", "81.8", quote_too=True)
    result = validate(package / "data")
    assert result.problems == []
    stale = stale_outputs(REPORTS, package / "data", package / "evidence")
    named = {m.split(" is stale")[0] for m in stale if "K-F-IDFS-7Y-TDM1" in m}
    assert named == {"reports/figures/landmark-katherine", "reports/figures/iconarray-katherine-idfs",
                     "reports/figures/trial-katherine", "reports/figures/illustrative-katherine-idfs"}


def test_a_changed_notebook_makes_its_executed_copy_stale(tmp_path):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    nb = json.loads((notebooks / "forest.ipynb").read_text(encoding="utf-8"))
    nb["cells"][-1]["source"] = ["# edited\n"] + nb["cells"][-1]["source"]
    (notebooks / "forest.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    stale = stale_outputs(REPORTS, notebooks=notebooks)
    assert sorted(stale) == sorted(f"reports/notebooks/{job.name}.ipynb is stale: notebooks/forest.ipynb changed since rendering"
                                   for job in default_suite() if job.notebook == "forest")


def test_a_figure_showing_a_number_not_in_data_is_reported(tmp_path):
    shutil.copytree(REPORTS / "figures", tmp_path / "figures")
    svg = tmp_path / "figures" / f"{forest_of('KATHERINE')}.svg"
    svg.write_text(svg.read_text(encoding="utf-8").replace("0.54 (0.44 to 0.66)", "0.45 (0.44 to 0.66)"), encoding="utf-8")
    result = validate()
    problems = figure_problems(result.tables, result.references, tmp_path)
    assert problems == [f"reports/figures/{forest_of('KATHERINE')}.svg: shows numbers in no row of data/: 0.45"]


@pytest.mark.parametrize("field, value, message", [
    ("alt_text", "", "reports/figures/{}: no alt text"),
    ("citations", [{"id": "nejm2099"}], "reports/figures/{}: citation 'nejm2099' is not a record of evidence/references.json"),
])
def test_manifest_without_alt_text_or_with_an_unknown_citation_is_reported(tmp_path, field, value, message):
    shutil.copytree(REPORTS / "figures", tmp_path / "figures")
    manifest = tmp_path / "figures" / f"{forest_of('KATHERINE')}.json"
    record = json.loads(manifest.read_text(encoding="utf-8"))
    record[field] = value
    manifest.write_text(json.dumps(record), encoding="utf-8")
    result = validate()
    assert message.format(forest_of("KATHERINE")) in figure_problems(result.tables, result.references, tmp_path)


def test_nbval_fails_when_a_stored_output_no_longer_matches(tmp_path):
    """nbval re-executes the rendered notebook; an altered stored value must fail the comparison."""
    executed = json.loads((REPORTS / "notebooks" / f"{forest_of('KATHERINE')}.ipynb").read_text(encoding="utf-8"))
    output = executed["cells"][-1]["outputs"][0]["data"]
    text = "".join(output["text/plain"])
    assert "0.54 (0.44 to 0.66)" in text
    output["text/plain"] = text.replace("0.54 (0.44 to 0.66)", "0.45 (0.44 to 0.66)")
    altered = tmp_path / "forest.ipynb"
    altered.write_text(json.dumps(executed), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
                           "-o", "addopts=", "-o", "testpaths=", str(altered)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stdout[-2000:]
    assert "Cell outputs differ" in done.stdout and "+ alysis: 0.45 (0.44 to" in done.stdout
    assert "1 failed, 2 passed" in done.stdout


@pytest.fixture
def reports_copy(tmp_path):
    shutil.copytree(REPORTS, tmp_path / "reports")
    return tmp_path / "reports"


def test_the_committed_reports_hold_exactly_the_default_suite():
    from trialfigs.checks.freshness import suite_problems

    assert suite_problems(REPORTS) == []


def test_a_stray_figure_in_reports_fails_the_check(reports_copy):
    """A notebook run by hand into reports/figures/ (as papermill did with the old defaults) is named."""
    from trialfigs.checks.freshness import suite_problems

    for suffix in (".json", ".svg"):
        shutil.copyfile(reports_copy / "figures" / f"forest-early-1{suffix}", reports_copy / "figures" / f"forest-emilia{suffix}")
    assert suite_problems(reports_copy) == [
        "reports/figures/forest-emilia (forest-emilia.json, forest-emilia.svg) is not an output of the default suite "
        "(a variant, or a notebook run by hand?); remove it: variants belong in build/"]
    done = subprocess.run([sys.executable, "-m", "trialfigs.cli", "check", "--reports", str(reports_copy)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "reports/figures/forest-emilia (" in done.stderr and "Traceback" not in done.stderr


def test_an_altered_figure_or_a_suite_name_rendered_with_other_parameters_fails_the_check(reports_copy):
    from trialfigs.checks.freshness import suite_problems

    svg = reports_copy / "figures" / "landmark-katherine.svg"
    svg.write_bytes(svg.read_bytes() + b"\n")
    executed = reports_copy / "notebooks" / "forest-early-1.ipynb"
    nb = json.loads(executed.read_text(encoding="utf-8"))
    nb["metadata"]["papermill"]["parameters"]["theme"] = "print"
    executed.write_text(json.dumps(nb), encoding="utf-8")
    problems = suite_problems(reports_copy)
    assert "reports/figures/landmark-katherine.svg was changed after the render that wrote it" in problems
    assert any(p.startswith("reports/notebooks/forest-early-1.ipynb was rendered with parameters ")
               and "'theme': 'print'" in p and "not the default suite's" in p for p in problems), problems


def test_reports_without_their_render_cache_fail_the_check(reports_copy):
    from trialfigs.checks.freshness import suite_problems

    (reports_copy / "cache.json").unlink()
    assert len(suite_problems(reports_copy)) == 1 and "cache.json is missing or unreadable" in suite_problems(reports_copy)[0]
    assert suite_problems(reports_copy.parent / "empty") == []
