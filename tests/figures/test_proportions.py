"""Proportions of patients (issue 19, item 5): every primary endpoint of every trial is on a figure, a share of
patients (pCR, objective response, clinically relevant toxicity) has a figure kind of its own, drawn as bars on
an axis from 0 to 100 % with the value as published, and the difference named published or derived.
Trials, endpoints and rows are chosen from the data."""

from __future__ import annotations

import json

import pytest
from matplotlib.patches import Rectangle

from conftest import ROOT
from trialfigs.evidence import select
from trialfigs.evidence.load import load
from trialfigs.figures import proportions
from trialfigs.figures.suite import default_suite
from trialfigs.figures.theme import THEMES


@pytest.fixture(scope="module")
def evidence():
    return load()


def trials_with_proportions(evidence) -> list[str]:
    shares, _ = select.proportions(evidence)
    return list(dict.fromkeys(shares.trial))


def test_every_primary_endpoint_with_values_is_on_a_committed_figure(evidence):
    shown = set()
    for path in (ROOT / "reports" / "figures").glob("*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        if record.get("figure") == "trial":  # a trial's page lists its values; a figure must draw them
            continue
        shown |= {v["row_id"] for v in record.get("values", []) if v.get("table") == "endpoints"}
    rows = evidence.endpoints.set_index("row_id")
    on_figure = {(rows.at[r, "trial"], rows.at[r, "endpoint"]) for r in shown if r in rows.index}
    wanted = {(t, e) for t, endpoints in zip(evidence.trials.trial, evidence.trials.primary_endpoint)
              for e in str(endpoints).split(";") if e and ((evidence.endpoints.trial == t) & (evidence.endpoints.endpoint == e)).any()}
    assert wanted and wanted <= on_figure, sorted(wanted - on_figure)


def test_the_suite_has_one_proportions_figure_per_trial_with_outcome_shares(evidence):
    jobs = [j for j in default_suite() if j.notebook == "proportions"]
    assert [j.parameters["trials"] for j in jobs] == [[t] for t in sorted(
        trials_with_proportions(evidence), key=lambda t: [j.parameters.get("trial") for j in default_suite()
                                                          if j.notebook == "trial"].index(t))]


def test_conduct_of_the_trial_is_not_an_outcome(evidence):
    """Crossover and treatment completion are shares of patients too, but describe how the trial ran."""
    shares, _ = select.proportions(evidence)
    conduct = set(evidence.vocabulary[(evidence.vocabulary.field == "endpoint") & (evidence.vocabulary.group == "other")].value)
    primary = {e for p in evidence.trials.primary_endpoint for e in str(p).split(";")}
    assert not (set(shares.endpoint) & (conduct - primary))


@pytest.mark.parametrize("theme", list(THEMES))
def test_bars_start_at_zero_end_at_100_and_print_the_published_value(evidence, theme):
    for trial in trials_with_proportions(evidence):
        shares, differences = select.proportions(evidence, [trial])
        drawn = proportions.draw(shares, differences, evidence, THEMES[theme])
        ax = drawn.figure.axes[0]
        assert ax.get_xlim()[0] == 0 and ax.get_xlim()[1] >= 100
        bars = sorted(p.get_width() for p in ax.patches if isinstance(p, Rectangle) and p.get_width() > 0)
        assert bars == sorted(float(v) for v in shares.estimate)
        printed = [t.get_text() for t in ax.texts if t.get_gid() == "value"]
        assert [p.split("%")[0] for p in printed] == list(shares.estimate_text)
        notes = " ".join(t.get_text() for t in ax.texts if t.get_gid() == "note")
        if len(differences):
            assert f"Difference {differences.estimate_text.iloc[0]} percentage points (published" in notes
        elif len(shares) == 2:
            assert "(derived:" in notes and any("derived" in d or "=" in d for d in drawn.derived)


def test_kristine_pcr_as_published(evidence):
    """KRISTINE (Hurvitz et al., J Clin Oncol 2019, Abstract): pCR 44.4% with T-DM1 plus pertuzumab versus 55.7%
    with TCHP; no difference is published with it, so the figure derives one and says so."""
    rows = evidence.endpoints.set_index("row_id")
    assert (rows.at["KRI-P-PCR-TDM1P", "estimate_text"], rows.at["KRI-P-PCR-TCHP", "estimate_text"]) == ("44.4", "55.7")
    shares, differences = select.proportions(evidence, ["KRISTINE"], ["pCR"])
    assert set(shares.row_id) == {"KRI-P-PCR-TDM1P", "KRI-P-PCR-TCHP"}  # the preferred rows, not the registry cross-checks
    drawn = proportions.draw(shares, differences, evidence, THEMES["print"])
    notes = [t.get_text() for t in drawn.figure.axes[0].texts if t.get_gid() == "note"]
    assert notes == ["Difference -11.3 percentage points (derived: 44.4 \u2212 55.7)"]
