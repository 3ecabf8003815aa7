"""Trial at a glance: one page per trial with its design, endpoints, citations, figures and references."""

import json

import pytest

from trialfigs.evidence.select import SelectionError
from trialfigs.figures.trial_page import figures_for, trial_at_a_glance


def test_katherine_page_lists_design_arms_endpoints_and_references(tmp_path):
    glance = trial_at_a_glance("KATHERINE", "print", ["svg"], tmp_path, "trial-katherine")
    text = (tmp_path / "trial-katherine.md").read_text(encoding="utf-8")
    assert text.startswith("## KATHERINE (NCT01772472) at a glance")
    assert "T-DM1, trastuzumab emtansine 3.6 mg/kg IV every 3 weeks for 14 cycles (n = 743)" in text
    assert "| final IDFS analysis | IDFS | landmark rate at 7 years | T-DM1 | 80.8% | Geyer et al., N Engl J Med 2025, Abstract, Results |" in text
    assert "| final IDFS analysis | OS | hazard ratio | T-DM1 vs trastuzumab | 0.66 (95% CI 0.51 to 0.87); P = 0.003 |" in text
    assert "doi:10.1056/NEJMoa2406070" in text and text.rstrip().endswith("Published values; no new analysis.")
    record = json.loads((tmp_path / "trial-katherine.json").read_text(encoding="utf-8"))
    assert record["files"] == ["trial-katherine.md"], "the page draws no figure of its own"
    assert not list(tmp_path.glob("*.png"))
    assert "[landmark-katherine](landmark-katherine.png)" in text and "[iconarray-katherine-idfs](" in text
    assert repr(glance) == text.rstrip("\n")


def test_each_trial_page_lists_the_suite_figures_of_its_trial_and_no_others():
    from trialfigs.figures.suite import default_suite

    for trial in ("KATHERINE", "EMILIA"):
        listed = figures_for(trial)
        jobs = {j.name: j.parameters for j in default_suite()}
        assert listed and all(trial in (jobs[n].get("trials") or [jobs[n].get("trial")]) for n in listed)
        assert not any(n.startswith("trial-") for n in listed)
    assert {"landmark-katherine", "iconarray-katherine-idfs", "safety-katherine"} <= set(figures_for("KATHERINE"))
    assert any(n.startswith("forest-early") for n in figures_for("KATHERINE"))


def test_unknown_trial_lists_the_trials(tmp_path):
    with pytest.raises(SelectionError, match="unknown trial 'KATHRINE'; valid: KATHERINE, EMILIA"):
        trial_at_a_glance("KATHRINE", "slide", ["svg"], tmp_path, "x")
