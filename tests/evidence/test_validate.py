"""trialfigs.validate: the shipped package is clean, and each rule fires on its own fixture."""

from __future__ import annotations

import pytest

from conftest import ROOT, apply_fixture
from trialfigs.evidence.problems import RULES
from trialfigs.evidence.validate import validate

# fixture, how it is applied, rule expected, file it is reported in, row within the fixture
# (2 = its first data row; 1 = the header; None = the whole file), column.
CASES = [
    ("endpoints/ci_excludes_estimate.csv", "append", "ci-order", "endpoints.csv", 2, "estimate"),
    ("endpoints/ci_without_level.csv", "append", "ci-order", "endpoints.csv", 2, "ci_level"),
    ("endpoints/ci_without_upper_bound.csv", "append", "ci-order", "endpoints.csv", 2, "ci_high"),
    ("endpoints/ratio_not_positive.csv", "append", "ratio-positive", "endpoints.csv", 2, "estimate"),
    ("endpoints/rate_over_100_percent.csv", "append", "percent-range", "endpoints.csv", 2, "estimate"),
    ("safety/rate_over_100_percent.csv", "append", "percent-range", "safety.csv", 2, "estimate"),
    ("endpoints/unit_wrong_for_statistic.csv", "append", "unit", "endpoints.csv", 2, "unit"),
    ("endpoints/timepoint_without_time_unit.csv", "append", "unit", "endpoints.csv", 2, "time_unit"),
    ("label/value_without_unit.csv", "append", "unit", "label.csv", 2, "unit"),
    ("label/bom_hides_no_rule.csv", "append", "quote", "label.csv", 2, "value"),
    ("label/control_character_in_text.csv", "append", "text", "label.csv", 2, "statement"),
    ("label/nul_in_text.csv", "append", "text", "label.csv", 2, "statement"),
    ("label/right_to_left_override_in_text.csv", "append", "text", "label.csv", 2, "statement"),
    ("label/formula_leading_text.csv", "append", "text", "label.csv", 2, "statement"),
    ("datapackage/resource_path_is_a_url.json", "patch", "descriptor", "datapackage.json", None, "path"),
    ("endpoints/number_not_in_quote.csv", "append", "quote", "endpoints.csv", 2, "estimate"),
    ("arms/n_randomised_not_in_quote.csv", "append", "quote", "arms.csv", 2, "n_randomised"),
    ("analyses/cutoff_not_in_quote.csv", "append", "quote", "analyses.csv", 2, "data_cutoff"),
    ("endpoints/ci_asymmetric_on_log_scale.csv", "append", "ci-asymmetric", "endpoints.csv", 2, "ci_high"),
    ("endpoints/p_value_contradicts_ci.csv", "append", "p-value", "endpoints.csv", 2, "p_value"),
    ("endpoints/not_reached_with_number.csv", "append", "not-reached", "endpoints.csv", 2, "estimate"),
    ("endpoints/derived_without_derivation.csv", "append", "derived", "endpoints.csv", 2, "derivation"),
    ("endpoints/duplicate_of_shipped_row.csv", "append", "duplicate-row", "endpoints.csv", 2, "row_id"),
    ("endpoints/contradicts_shipped_row.csv", "append", "contradictory-rows", "endpoints.csv", 2, "estimate"),
    ("endpoints/source_not_in_references.csv", "append", "unknown-source", "endpoints.csv", 2, "source"),
    ("endpoints/comparator_not_an_arm.csv", "append", "foreign-key", "endpoints.csv", 2, "comparator"),
    ("endpoints/analysis_not_in_analyses.csv", "append", "foreign-key", "endpoints.csv", 2, "trial, analysis"),
    ("endpoints/estimate_not_a_number.csv", "append", "type", "endpoints.csv", 2, "estimate"),
    ("endpoints/endpoint_not_in_vocabulary.csv", "append", "enum", "endpoints.csv", 2, "endpoint"),
    ("endpoints/quote_empty.csv", "append", "required", "endpoints.csv", 2, "quote"),
    ("endpoints/p_value_not_as_published.csv", "append", "pattern", "endpoints.csv", 2, "p_value"),
    ("endpoints/source_is_a_news_page.csv", "append", "origin", "endpoints.csv", 2, "source"),
    ("endpoints/secondary_without_read_in.csv", "append", "origin", "endpoints.csv", 2, "read_in"),
    ("endpoints/read_only_in_a_news_summary.csv", "append", "read-in-summary", "endpoints.csv", 2, "read_in"),
    ("endpoints/ci_level_over_100.csv", "append", "range", "endpoints.csv", 2, "ci_level"),
    ("endpoints/ci_level_not_published.csv", "append", "ci-level", "endpoints.csv", 2, "ci_level"),
    ("safety/events_negative.csv", "append", "range", "safety.csv", 2, "events"),
    ("endpoints/repeated_quantity_without_preferred.csv", "append", "preferred-row", "endpoints.csv", 2, "preferred"),
    ("endpoints/p_value_without_p_kind.csv", "append", "p-kind", "endpoints.csv", 2, "p_kind"),
    ("results/boundary_crossed_but_not_met.csv", "append", "comparison-status", "results.csv", 2, "result"),
    ("endpoints/row_id_twice.csv", "append", "unique-key", "endpoints.csv", 3, "row_id"),
    ("endpoints/row_truncated.csv", "replace", "row-shape", "endpoints.csv", 2, "comparator"),
    ("endpoints/column_missing.csv", "replace", "columns", "endpoints.csv", 1, "note"),
    ("endpoints/not_utf8.csv", "replace", "unreadable", "endpoints.csv", None, None),
    ("datapackage/field_type_unknown.json", "replace", "descriptor", "datapackage.json", None, None),
    ("evidence/reference_without_doi.json", "records", "evidence-record", "references.json", None, "DOI"),
    ("evidence/correction_names_unknown_row.yml", "records", "foreign-key", "corrections.yml", None, "rows"),
]


# Rules a fixture may trigger besides its own: frictionless also reports the cells a short row lacks.
ALSO = {"endpoints/row_truncated.csv": {"required"},
        # a row that contradicts another repeats its quantity: it needs the preferred mark as well
        "endpoints/contradicts_shipped_row.csv": {"preferred-row"}}


def test_shipped_package_is_valid():
    result = validate()
    assert result.problems == [], "\n".join(map(str, result.problems))


def test_sweep_validated_rows_of_every_table():
    """Guard against a validator that passes because it read nothing."""
    rows = validate().rows
    assert set(rows) == {"trials", "arms", "analyses", "endpoints", "safety", "results", "label", "vocabulary"}
    assert all(count > 0 for count in rows.values()), rows


@pytest.mark.parametrize("fixture, mode, rule, file, row, column", CASES, ids=[c[0].split("/")[1].rsplit(".", 1)[0] for c in CASES])
def test_fixture_triggers_its_rule(package, fixture, mode, rule, file, row, column):
    target, offset = apply_fixture(package, fixture, mode)
    result = validate(package / "data")
    problems = result.problems + result.warnings
    in_file = [p for p in problems if p.file.endswith(file)]
    if row is not None and row > 1:
        row += offset
    wanted = [p for p in in_file if p.rule == rule and (row is None or p.row == row) and (column is None or p.column == column)]
    assert wanted, f"no [{rule}] at row {row}, column {column} of {file}; got:\n" + "\n".join(map(str, problems))
    for problem in wanted:
        assert file in str(problem) and (row is None or f"row {row}" in str(problem))
        assert column is None or f"column {column}" in str(problem)
    shipped = {(p.file, p.row, p.rule) for p in validate().warnings}  # the shipped data's own warnings
    own = {p.rule for p in in_file if (p.file.split("/")[-1], p.row, p.rule) not in {(f.split("/")[-1], r, u) for f, r, u in shipped}}
    assert own <= {rule} | ALSO.get(fixture, set()), "the fixture breaks more than its rule"


def test_a_warning_does_not_fail_validation(package):
    """A value read only in a news summary is reported as a warning; the data stay valid."""
    apply_fixture(package, "endpoints/read_only_in_a_news_summary.csv", "append")
    result = validate(package / "data")
    assert result.problems == [] and any(w.rule == "read-in-summary" and w.column == "read_in" for w in result.warnings)


def test_every_rule_has_a_fixture():
    assert {case[2] for case in CASES} == set(RULES)


def test_every_problem_is_reported_at_once(package):
    """Two broken tables give two problems in one run, not one per run."""
    apply_fixture(package, "endpoints/ci_excludes_estimate.csv", "append")
    apply_fixture(package, "safety/rate_over_100_percent.csv", "append")
    rules = {p.rule for p in validate(package / "data").problems}
    assert {"ci-order", "percent-range"} <= rules


def test_missing_package_is_a_problem_not_a_crash(tmp_path):
    problems = validate(tmp_path / "nowhere").problems
    assert [p.rule for p in problems] == ["unreadable"]


def test_shipped_fixtures_folder_is_the_one_used():
    assert (ROOT / "tests" / "fixtures" / "endpoints" / "ci_excludes_estimate.csv").is_file()
