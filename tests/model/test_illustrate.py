"""Model curves: every published number of the analysis reproduced at its printed precision, the hazard
ratio modelled or declared not modelled, and a named refusal when no curve of the family can do it."""

from __future__ import annotations

import math

import pytest

from trialfigs.evidence.load import load
from trialfigs.model import curves as illustrate
from trialfigs.model.curves import Analysis, Anchor, IllustrationError, Model
from trialfigs.model.fit import NOT_MODELLED, REPRODUCED, fidelity, fit
from trialfigs.render.runner import default_suite

CASES = [tuple(job.parameters[k] for k in ("trial", "analysis", "endpoint")) for job in default_suite() if job.notebook == "illustrative"]


@pytest.fixture(scope="module")
def evidence():
    return load()


def rate(row_id: str, arm: str, years: float, published: str) -> Anchor:
    return Anchor(row_id, "s", arm, "landmark_rate", published, years, quantity=f"{years:g}-year rate", suffix="%")


def median(row_id: str, arm: str, months: str) -> Anchor:
    return Anchor(row_id, "s", arm, "median", months, float(months), quantity="median", suffix=" months")


def ratio(published: str, arm: str = "A") -> Anchor:
    return Anchor(f"hr-{arm}", "s", arm, "hazard_ratio", published, quantity="hazard ratio")


def two_arms(a: list[Anchor], b: list[Anchor], hr: Anchor | None = None, unit: str = "years") -> Analysis:
    """Arm A against comparator B."""
    rows = a + b + ([hr] if hr else [])
    return Analysis("T", "primary", "E", unit, ["A", "B"], {"A": a, "B": b}, "B" if hr else None, {"A": hr} if hr else {}, rows, 10.0, "", "p")


@pytest.mark.parametrize("trial, analysis, endpoint", CASES)
def test_every_default_illustration_reproduces_every_published_number_of_its_analysis(evidence, trial, analysis, endpoint):
    chosen = illustrate.analysis(evidence, trial, analysis, endpoint)
    table = fidelity(chosen, fit(chosen))
    frame = evidence.endpoints
    published = frame[(frame.trial == trial) & (frame.analysis == analysis) & (frame.endpoint == endpoint)
                      & (frame.value_status == "reported") & (frame.kind == "reported") & (frame.subset == "")
                      & frame.statistic.isin(["landmark_rate", "median", "hazard_ratio"])]
    assert sorted(f["row_id"] for f in table) == sorted(published.row_id)
    for entry in table:
        if entry["quantity"] == "hazard ratio" and entry["status"] == NOT_MODELLED:
            assert entry["model"] == "not modelled"
        else:
            assert (entry["status"], entry["model"]) == (REPRODUCED, entry["published"]), entry


def test_emilia_pfs_is_a_weibull_under_the_published_hazard_ratio(evidence):
    """Verma et al. 2012, abstract: median PFS 9.6 vs 6.4 months, HR 0.65; shape = ln(1/HR) / ln(9.6/6.4)."""
    chosen = illustrate.analysis(evidence, "EMILIA", "primary", "PFS")
    found = fit(chosen)
    assert found.proportional and found.hazard_ratios == {"T-DM1": 0.65}
    assert [m.shape for m in found.models.values()] == [pytest.approx(math.log(1 / 0.65) / math.log(9.6 / 6.4))] * 2
    assert found.models["T-DM1"].median() == pytest.approx(9.6) and found.models["lapatinib plus capecitabine"].median() == pytest.approx(6.4)


def test_emilia_os_second_interim_is_a_weibull_under_hr_0682(evidence):
    """KADCYLA US label 2013, Section 14.1: median OS 30.9 vs 25.1 months, HR 0.682 (second interim analysis)."""
    found = fit(illustrate.analysis(evidence, "EMILIA", "second_interim_os", "OS"))
    assert found.proportional and next(iter(found.models.values())).shape == pytest.approx(math.log(1 / 0.682) / math.log(30.9 / 25.1))


def test_katherine_3_year_rates_are_not_proportional_under_hr_050(evidence):
    """Delgado et al. 2021 (EMA review of KATHERINE), abstract: 3-year IDFS 88.3% vs 77.0%, HR 0.50.
    Under proportional hazards 77.0% ** 0.50 is 87.7%, not 88.3%: each arm gets its own curve."""
    chosen = illustrate.analysis(evidence, "KATHERINE", "primary", "IDFS")
    found = fit(chosen)
    assert not found.proportional
    assert {f["row_id"]: f["status"] for f in fidelity(chosen, found)}["K-P-IDFS-HR"] == NOT_MODELLED
    assert chosen.horizon == 3 and chosen.unit == "years"


def test_a_subset_of_the_population_is_not_mixed_into_the_whole_populations_curves(evidence):
    """TH3RESA second interim OS: the comparator's median 15.6 months censored at crossover is another
    population than its 15.8 months; the curve goes through 15.8 and the fidelity table leaves 15.6 out."""
    chosen = illustrate.analysis(evidence, "TH3RESA", "second_interim_os", "OS")
    table = {f["row_id"]: f for f in fidelity(chosen, fit(chosen))}
    assert "TH3-F-OS-MED-TPC-SENS" not in table and table["TH3-F-OS-MED-TPC"]["model"] == "15.8 months"


def test_the_time_axis_ends_at_the_recorded_median_follow_up(evidence):
    """Geyer et al. 2025, abstract: median follow-up 8.4 years; the latest landmark is 7 years."""
    chosen = illustrate.analysis(evidence, "KATHERINE", "final_idfs", "IDFS")
    assert chosen.horizon == 8.4 and "median follow-up" in chosen.horizon_note


@pytest.mark.parametrize("published, value, shown, inside", [
    ("88.3", 88.25, "88.3", True),
    ("88.3", 88.3499, "88.3", True),
    ("88.3", 88.35, "88.4", False),
    ("88.3", 88.2499, "88.2", False),
    ("0.650", 0.6504, "0.650", True),
    ("9.6", 9.55, "9.6", True),
])
def test_a_model_value_counts_as_reproduced_only_when_it_rounds_to_the_printed_digits(published, value, shown, inside):
    anchor = rate("x", "A", 3, published)
    low, high = anchor.bounds()
    assert anchor.shown(value) == shown
    assert (low <= value < high) == inside


@pytest.mark.parametrize("a, b, hr, proportional, family", [
    # medians whose ratio is 1/HR: the exponential under proportional hazards
    ([median("m1", "A", "10.0")], [median("m2", "B", "5.0")], ratio("0.50"), True, "exponential"),
    # medians whose ratio is not 1/HR: the Weibull whose shape the HR fixes
    ([median("m1", "A", "9.6")], [median("m2", "B", "6.4")], ratio("0.65"), True, "Weibull"),
    # one rate per arm at the same time, 0.770 ** 0.50 != 0.883: own curves
    ([rate("r1", "A", 3, "88.3")], [rate("r2", "B", 3, "77.0")], ratio("0.50"), False, "exponential"),
    # no hazard ratio published: own curves
    ([rate("r1", "A", 3, "88.3")], [rate("r2", "B", 3, "77.0")], None, False, "exponential"),
    # two rates per arm that are not exponential: Weibull through both
    ([rate("r1", "A", 3, "88.3"), rate("r3", "A", 7, "80.8")], [rate("r2", "B", 3, "77.0")], None, False, "Weibull"),
])
def test_the_simplest_model_that_reproduces_every_value_is_chosen(a, b, hr, proportional, family):
    chosen = two_arms(a, b, hr, "months" if a[0].kind == "median" else "years")
    found = fit(chosen)
    assert (found.proportional, found.family) == (proportional, family)
    assert all(f["status"] in (REPRODUCED, NOT_MODELLED) and (f["status"] != REPRODUCED or f["model"] == f["published"])
               for f in fidelity(chosen, found))


@pytest.mark.parametrize("a, named", [
    ([rate("r1", "A", 3, "88.3"), rate("r5", "A", 5, "90.0")], "A: 5-year rate 90.0% (r5) cannot be met by any exponential or Weibull "
                                                               "curve that also meets the 3-year rate 88.3%"),
    ([median("m", "A", "6.0"), Anchor("r", "s", "A", "landmark_rate", "60.0", 12.0, quantity="12-month rate", suffix="%")],
     "A: 12-month rate 60.0% (r) cannot be met by any exponential or Weibull curve that also meets the median 6.0 months"),
    ([rate("r1", "A", 1, "90.0"), rate("r2", "A", 2, "80.0"), rate("r3", "A", 3, "50.0")],
     "A: 3-year rate 50.0% (r3) cannot be met by any exponential or Weibull curve that also meets the 1-year rate 90.0%, 2-year rate 80.0%"),
])
def test_values_no_curve_of_the_family_can_meet_are_refused_by_name(a, named):
    chosen = two_arms(a, [rate("b", "B", 3, "77.0")], None, "months" if a[0].kind == "median" else "years")
    with pytest.raises(IllustrationError, match="not drawn") as refused:
        fit(chosen)
    assert named in str(refused.value)


def test_two_arms_against_one_comparator_share_its_curve_under_their_own_hazard_ratios():
    """Three arms, each experimental arm tied to the comparator C by its own published hazard ratio."""
    a, b, c = [median("ma", "A", "20.0")], [median("mb", "B", "16.0")], [median("mc", "C", "10.0")]
    chosen = Analysis("T", "primary", "E", "months", ["A", "B", "C"], {"A": a, "B": b, "C": c}, "C",
                      {"A": ratio("0.50", "A"), "B": ratio("0.625", "B")}, a + b + c + [ratio("0.50", "A"), ratio("0.625", "B")], 20.0, "", "p")
    found = fit(chosen)
    assert found.proportional and found.family == "exponential" and found.hazard_ratios == {"A": 0.5, "B": 0.625}
    assert [f["status"] for f in fidelity(chosen, found)] == [REPRODUCED] * 5


def test_a_weibull_is_a_line_on_the_log_cumulative_hazard_scale():
    model = Model(1.5, math.log(0.01))
    assert float(model.survival(10.0)) == pytest.approx(math.exp(-0.01 * 10 ** 1.5))
    assert float(model.survival(model.median())) == pytest.approx(0.5)
    assert model.scaled(0.5).c == pytest.approx(model.c + math.log(0.5))
