"""trialfigs.rules: the numeric checks on their own."""

from decimal import Decimal

import pytest

from trialfigs.evidence.rules import ASYMMETRY_LIMIT, log_asymmetry, p_value_disagrees


@pytest.mark.parametrize("est, low, high", [
    ("0.50", "0.39", "0.64"),      # KATHERINE IDFS, primary analysis
    ("0.54", "0.44", "0.66"),      # KATHERINE IDFS, final analysis
    ("0.66", "0.51", "0.87"),      # KATHERINE OS
    ("0.650", "0.549", "0.771"),   # EMILIA PFS, label
    ("0.682", "0.548", "0.849"),   # EMILIA OS, label
    ("0.75", "0.64", "0.88"),      # EMILIA OS, final
])
def test_published_hazard_ratio_cis_are_symmetric_on_the_log_scale(est, low, high):
    assert log_asymmetry(est, low, high) <= ASYMMETRY_LIMIT


@pytest.mark.parametrize("est, low, high", [
    ("0.54", "0.44", "0.96"),   # a typed 9 for a 6
    ("0.68", "0.055", "0.85"),  # a dropped digit
    ("0.65", "0.55", "0.97"),   # a typed 9 for a 7
])
def test_mistyped_cis_are_flagged(est, low, high):
    assert log_asymmetry(est, low, high) > ASYMMETRY_LIMIT


def _row(p, low="0.44", high="0.66", unit="ratio", level="95"):
    return {"p_value": p, "unit": unit, "ci_level": level}, Decimal(low), Decimal(high)


@pytest.mark.parametrize("p, low, high, unit, disagrees", [
    ("0.003", "0.51", "0.87", "ratio", False),
    ("<0.001", "0.39", "0.64", "ratio", False),
    ("0.30", "0.44", "0.66", "ratio", True),
    ("0.01", "0.90", "1.20", "ratio", True),
    ("0.20", "0.90", "1.20", "ratio", False),
    ("0.04", "-1.0", "3.0", "percentage_points", True),
    ("0.05", "0.90", "1.20", "ratio", False),  # on the boundary: no verdict
])
def test_p_value_against_ci(p, low, high, unit, disagrees):
    row, lo, hi = _row(p, low, high, unit)
    assert (p_value_disagrees(row, lo, hi) is not None) is disagrees


def test_p_value_not_checked_for_other_confidence_levels():
    row, lo, hi = _row("0.30", level="90")
    assert p_value_disagrees(row, lo, hi) is None
