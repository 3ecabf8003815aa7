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


# --- repeated quantities, P status, comparison status, vocabulary (tiny tables, no shipped data) ---

from trialfigs.evidence.rules import IDENTITY, check_p_kind, check_preferred, check_results, check_vocabulary  # noqa: E402
from trialfigs.evidence.tables import Table  # noqa: E402


def _table(name, rows):
    fields = {c: "string" for row in rows for c in row}
    return Table(name, f"{name}.csv", fields, [dict(r) for r in rows])


def _hr(row_id, source, preferred="", **cells):
    row = {c: "" for c in IDENTITY} | {"trial": "T", "analysis": "a", "endpoint": "PFS", "statistic": "hazard_ratio",
                                       "arm": "x", "comparator": "y", "row_id": row_id, "source": source,
                                       "read_in": "", "preferred": preferred}
    return row | cells


@pytest.mark.parametrize("marks, flagged", [
    (("yes", "no"), []),                  # one preferred row, one cross-check
    (("", ""), [2, 3]),                   # repeated without a mark: both rows named
    (("yes", ""), [3]),                   # the cross-check is not marked
    (("yes", "yes"), [2, 3]),             # two preferred rows would double-count
    (("no", "no"), [2]),                  # none preferred
])
def test_a_repeated_quantity_needs_exactly_one_preferred_row(marks, flagged):
    table = _table("endpoints", [_hr("A", "paper", marks[0]), _hr("B", "registry", marks[1])])
    problems = check_preferred(table, IDENTITY)
    assert sorted({p.row for p in problems}) == flagged
    assert all(p.rule == "preferred-row" and p.column == "preferred" for p in problems)


def test_a_lone_row_may_not_be_a_cross_check():
    assert check_preferred(_table("endpoints", [_hr("A", "paper")]), IDENTITY) == []
    assert [p.rule for p in check_preferred(_table("endpoints", [_hr("A", "paper", "no")]), IDENTITY)] == ["preferred-row"]


def test_the_same_reading_twice_is_left_to_the_duplicate_rule():
    table = _table("endpoints", [_hr("A", "paper"), _hr("B", "paper")])
    assert check_preferred(table, IDENTITY) == []


def _results(**cells):
    row = {"trial": "T", "analysis": "a", "endpoint": "PFS", "arm": "x", "comparator": "y", "subset": "",
           "hypothesis": "", "testing": "confirmatory", "result": "", "boundary_crossed": ""}
    return _table("results", [row | cells])


@pytest.mark.parametrize("p, kind, testing, message", [
    ("<0.001", "", "confirmatory", "confirmatory or nominal"),
    ("", "nominal", "confirmatory", "without a P value"),
    ("0.003", "confirmatory", "descriptive", "results.csv"),
])
def test_p_status(p, kind, testing, message):
    endpoints = _table("endpoints", [_hr("A", "paper", p_value=p, p_kind=kind)])
    problems = check_p_kind(endpoints, _results(testing=testing))
    assert len(problems) == 1 and problems[0].rule == "p-kind" and message in problems[0].message


def test_confirmatory_and_nominal_p_pass_when_coded():
    endpoints = _table("endpoints", [_hr("A", "paper", p_value="0.003", p_kind="confirmatory"),
                                     _hr("B", "paper", p_value="<0.0001", p_kind="nominal", subset="updated")])
    assert check_p_kind(endpoints, _results()) == []


@pytest.mark.parametrize("cells, column", [
    ({"testing": "confirmatory", "result": "descriptive"}, "result"),
    ({"testing": "descriptive", "result": "met"}, "result"),
    ({"testing": "descriptive", "result": "descriptive", "hypothesis": "superiority"}, "hypothesis"),
    ({"testing": "exploratory", "result": "descriptive", "boundary_crossed": "no"}, "boundary_crossed"),
    ({"boundary_crossed": "yes", "result": "not_met"}, "result"),
    ({"boundary_crossed": "no", "result": "met"}, "result"),
])
def test_comparison_status_contradictions(cells, column):
    problems = check_results(_results(**cells))
    assert [(p.rule, p.column) for p in problems] == [("comparison-status", column)]


@pytest.mark.parametrize("cells", [
    {"hypothesis": "non_inferiority", "result": "met"},
    {"boundary_crossed": "no", "result": "not_met"},
    {"testing": "descriptive", "result": "descriptive"},
    {},  # testing status known, result not stated in the quote
])
def test_consistent_comparison_status_passes(cells):
    assert check_results(_results(**cells)) == []


def test_a_grade_category_needs_its_vocabulary_row():
    vocabulary = _table("vocabulary", [{"field": "category", "value": "grade_3_or_higher"}])
    safety = _table("safety", [{"row_id": "S1", "category": "grade_3_4"}, {"row_id": "S2", "category": "grade_3_or_higher"}])
    problems = check_vocabulary({"safety": safety}, vocabulary)
    assert [(p.row, p.column, p.rule) for p in problems] == [(2, "category", "enum")]
