"""The command line takes the user's words: a trial by its id or its display label, in any case; help
texts list the trials read from data/, not a fixed set."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from conftest import ROOT
from trialfigs.evidence.vocabulary import trial_id


def trials() -> list[dict[str, str]]:
    with open(ROOT / "data" / "trials.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("row", trials(), ids=lambda r: r["trial"])
def test_a_trial_by_id_or_label_in_any_case(row):
    for text in {row["trial"], row["trial"].lower(), row.get("label") or row["trial"], (row.get("label") or "").upper()} - {""}:
        assert trial_id(text) == row["trial"]
    assert trial_id("NO-SUCH-TRIAL") == "NO-SUCH-TRIAL"


def test_render_accepts_a_label_whose_case_differs_from_the_id(tmp_path):
    """A label that differs from its id only in case (as printed on the slides) selects the trial."""
    row = next((r for r in trials() if r.get("label") and r["label"] != r["trial"]), trials()[0])
    done = subprocess.run([sys.executable, "-m", "trialfigs.cli", "render", "--notebook", "nope", "--trial",
                           (row.get("label") or row["trial"]).lower(), "--out", str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert "unknown trials" not in done.stderr and "Traceback" not in done.stderr
    assert "no notebook nope.ipynb" in done.stderr


def test_help_lists_the_trials_of_the_data():
    done = subprocess.run([sys.executable, "-m", "trialfigs.cli", "render", "--help"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    text = " ".join(done.stdout.split())
    assert all(row["trial"] in text for row in trials())
