"""trialfigs audit on the command line: decks and handouts, --format json for CI, --strict, and data
that grows (a trial the code has never seen is recognised from trials.csv)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, append_row
from trialfigs.audit import SUPPORTED, audit_text
from trialfigs.evidence.load import load

sys.path.insert(0, str(ROOT / "tests" / "audit_corpus"))
import build  # noqa: E402


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "trialfigs.cli", "audit", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=180, env=env)


def test_a_deck_is_audited_per_slide_as_json_with_a_fix_for_each_flag(tmp_path):
    done = run(build.build_deck(tmp_path / "deck.pptx"), "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["file"] == "deck.pptx" and report["summary"].startswith(f"{len(report['claims'])} claims:")
    assert set(report["claims"][0]) == {"location", "line", "text", "kind", "read_as", "verdict", "published", "citation", "note", "suggestion"}
    assert all(c["read_as"] for c in report["claims"])  # every verdict shows how its claim was read
    final_hr = next(c for c in report["claims"] if c["location"] == "slide 3, Results table, row 3, column 'HR'")
    assert final_hr["verdict"] == "contradicted" and final_hr["text"] == "Median OS (final analysis) HR: 0.68"
    assert final_hr["suggestion"].startswith("hazard ratio for overall survival 0.75 (0.64 to 0.88)")
    assert final_hr["citation"].startswith("Diéras et al., Lancet Oncol 2017")
    flags = [c for c in report["claims"] if c["verdict"] in {"contradicted", "swapped", "wrong statistic or term", "outdated"}]
    assert flags and all(c["suggestion"] and c["citation"] and c["published"] for c in flags)


def test_a_deck_report_counts_claims_and_flags_per_slide(tmp_path):
    done = run(build.build_deck(tmp_path / "deck.pptx"))
    assert "slide 3: 11 claims, 1 to correct; slide 4: 5 claims, 1 to correct;" in done.stdout
    assert "| slide 4, Bullets | KATHERINE: fewer severe side effects with T-DM1 than with trastuzumab | read as: KATHERINE" in done.stdout


def test_strict_fails_a_handout_with_a_swapped_hazard_ratio(tmp_path):
    done = run(build.build_handout(tmp_path / "handout.docx"), "--strict")
    assert done.returncode == 1
    row = "| paragraph 6 | In EMILIA, the hazard ratio for overall survival was 0.65. | read as: EMILIA"
    assert row in done.stdout and "| swapped |" in done.stdout.split(row, 1)[1].splitlines()[0]


def test_a_markdown_review_table_is_audited_with_its_headers():
    done = run(ROOT / "tests" / "audit_corpus" / "review-table.md")
    row = "| table 1, row 1, column 'Hazard ratio (95% CI)' | EMILIA Overall survival Hazard ratio (95% CI): 0.65 (0.55–0.77) | read as: EMILIA"
    assert row in done.stdout and "| swapped |" in done.stdout.split(row, 1)[1].splitlines()[0]


def test_a_trial_added_to_the_data_is_recognised_without_a_code_change(package):
    """A made-up trial in a copy of data/: its name, arm and hazard ratio come from the rows alone."""
    data = package / "data"
    append_row(data / "trials.csv", trial="ZEPHYR-9", label="Zephyr-9", teaching_order="2", registry_id="NCT09999999", phase="3",
               setting="metastatic", population="made-up population", design="randomised", primary_endpoint="OS", source="verma2012",
               locator="fixture", quote="fixture", evidence_level="primary")
    for arm, role in (("T-DM1", "experimental"), ("placebo", "control")):
        append_row(data / "arms.csv", trial="ZEPHYR-9", arm=arm, role=role, regimen=arm, n_randomised="100", source="verma2012",
                   locator="fixture", quote="Started | 100", evidence_level="primary")
    append_row(data / "analyses.csv", trial="ZEPHYR-9", analysis="interim_two", title="made-up", label="second look analysis",
               publication="verma2012", analysis_type="interim", source="verma2012", locator="fixture", quote="fixture", evidence_level="primary")
    append_row(data / "endpoints.csv", row_id="Z-OS-HR", trial="ZEPHYR-9", analysis="interim_two", endpoint="OS", statistic="hazard_ratio",
               arm="T-DM1", comparator="placebo", value_status="reported", estimate="0.81", ci_low="0.70", ci_high="0.94", ci_level="95",
               unit="ratio", kind="reported", evidence_level="primary", source="verma2012", locator="fixture",
               quote="hazard ratio 0.81 (95% CI 0.70 to 0.94)")
    evidence = load(data, package / "evidence")
    found = audit_text(evidence, "In Zephyr-9, the hazard ratio for overall survival was 0.81. Zephyr-9 randomised 200 patients.")
    assert [(f.kind, f.verdict) for f in found] == [("hazard_ratio", SUPPORTED), ("randomised", SUPPORTED)]
    (swapped_trial,) = audit_text(evidence, "In Zephyr-9, the hazard ratio for overall survival was 0.90.")
    assert swapped_trial.verdict == "contradicted" and "second look analysis" in swapped_trial.suggestion
