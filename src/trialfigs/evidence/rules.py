"""Domain rules: what a published value must satisfy beyond its type.

Each function takes the tables as published text and returns Problems; none raises on odd
input (a cell that does not parse is the schema layer's to report).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from trialfigs.evidence.problems import Problem
from trialfigs.evidence.quotes import date_in_quote, number_in_quote
from trialfigs.evidence.tables import Table, decimals, number

# Numeric cells that must stand in the row's quote, per table.
QUOTED = {
    "arms": ["n_randomised", "n_treated"],
    "analyses": ["median_follow_up"],
    "endpoints": ["estimate", "ci_low", "ci_high", "ci_level", "p_value", "events", "n", "timepoint"],
    "safety": ["estimate", "events", "n"],
    "label": ["value"],
}
UNITS = {
    "hazard_ratio": {"ratio"},
    "landmark_rate": {"percent"},
    "proportion": {"percent"},
    "events": {"percent"},
    "median": {"months", "years"},
    "difference": {"percentage_points", "months"},
}
NULL = {"ratio": Decimal(1), "percentage_points": Decimal(0), "months": Decimal(0)}
CI_LEVELS = {Decimal(90), Decimal(95), Decimal("97.5"), Decimal(99)}  # confidence levels trials publish
ASYMMETRY_LIMIT = 1.25  # ratio of the two log-scale half-widths, after allowing for rounding
IDENTITY = ("trial", "analysis", "endpoint", "statistic", "arm", "comparator", "timepoint", "time_unit", "subset")
SAFETY_IDENTITY = ("trial", "analysis", "event", "category", "arm", "period")
COMPARISON = ("trial", "analysis", "endpoint", "arm", "comparator", "subset")
# Coded columns whose every value needs a row (a display label) in vocabulary.csv, per table.
VOCABULARY = {"safety": ["category"], "endpoints": ["p_kind"], "results": ["hypothesis", "testing", "result"]}


# CSL types of an original publication, and of the summaries an educator cannot cite on a slide.
ORIGINAL_TYPES = {"article-journal", "report", "dataset", "paper-conference", "book", "chapter"}
SUMMARY_TYPES = {"webpage", "article-newspaper", "post-weblog", "post", "article-magazine"}


def check_all(tables: dict[str, Table], references: dict[str, dict], corrections: list[dict]) -> list[Problem]:
    problems: list[Problem] = []
    for table in tables.values():
        problems += check_text(table)
        problems += check_sources(table, set(references))
        problems += check_origin(table, references)
        problems += check_quotes(table)
    if "endpoints" in tables:
        endpoints = tables["endpoints"]
        problems += check_comparators(endpoints, tables.get("arms"))
        for row_number, row in endpoints.numbered():
            problems += check_endpoint_row(endpoints.path, row_number, row)
        problems += check_duplicates(endpoints, IDENTITY, corrections)
        problems += check_preferred(endpoints, IDENTITY)
        problems += check_p_kind(endpoints, tables.get("results"))
    if "safety" in tables:
        safety = tables["safety"]
        for row_number, row in safety.numbered():
            problems += _percent(safety.path, row_number, row, "estimate")
        problems += check_duplicates(safety, SAFETY_IDENTITY, corrections)
        problems += check_preferred(safety, SAFETY_IDENTITY)
    if "results" in tables:
        problems += check_results(tables["results"])
    if "vocabulary" in tables:
        problems += check_vocabulary(tables, tables["vocabulary"])
    if "label" in tables:
        label = tables["label"]
        for row_number, row in label.numbered():
            if row.get("value", "").strip() and not row.get("unit", "").strip():
                problems.append(Problem(label.path, row_number, "unit", "unit", "a value needs its unit"))
    return problems


# Characters no published text holds: C0/C1 controls (NUL, tab and newline included) and the
# bidirectional embeddings, overrides and isolates that make a text display other than it reads.
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# What a spreadsheet runs as a formula: a cell starting with = or @, or with + or - and then formula
# syntax (a call, a pipe or a sheet reference). A verbatim "-Women of ..." bullet stays text.
_FORMULA = re.compile(r"^(?:[=@]|[+-].*[(|!=])", re.S)


def check_text(table: Table) -> list[Problem]:
    problems = []
    text_columns = [c for c, kind in table.fields.items() if kind == "string"]
    for row_number, row in table.numbered():
        for column in text_columns:
            cell = row.get(column, "")
            hidden = _HIDDEN.search(cell)
            if hidden:
                problems.append(Problem(table.path, row_number, column, "text",
                                        f"holds the invisible character U+{ord(hidden.group()):04X} at position "
                                        f"{hidden.start() + 1}: type the text as published, without control or "
                                        "direction characters"))
            elif _FORMULA.match(cell):
                problems.append(Problem(table.path, row_number, column, "text",
                                        f"{cell[:30]!r} starts like a spreadsheet formula: a text cell may not begin "
                                        "with =, @, or + / - followed by a formula"))
    return problems


def check_sources(table: Table, references: set[str]) -> list[Problem]:
    problems = []
    for column in ("source", "publication", "read_in"):
        if column not in table.fields:
            continue
        for row_number, row in table.numbered():
            ref = row.get(column, "").strip()
            if ref and ref not in references:
                problems.append(Problem(table.path, row_number, column, "unknown-source",
                                        f'"{ref}" is not a record of evidence/references.json'))
    return problems


def check_origin(table: Table, references: dict[str, dict]) -> list[Problem]:
    """Origin and access kept apart: source is the publication, read_in where the text was read."""
    if "source" not in table.fields or "read_in" not in table.fields:
        return []
    problems = []
    for row_number, row in table.numbered():
        source, read_in = row.get("source", "").strip(), row.get("read_in", "").strip()
        kind = (references.get(source) or {}).get("type")
        if kind and kind not in ORIGINAL_TYPES:
            problems.append(Problem(table.path, row_number, "source", "origin",
                                    f'"{source}" is a {kind}, not the publication that reported the value: '
                                    "name the article, label or registry record in source and this page in read_in"))
        level = row.get("evidence_level", "").strip()
        if level == "secondary" and not read_in:
            problems.append(Problem(table.path, row_number, "read_in", "origin",
                                    "a secondary value says where it was read (read_in)"))
        if level == "primary" and read_in:
            problems.append(Problem(table.path, row_number, "evidence_level", "origin",
                                    f"a value read in {read_in} is secondary, not primary"))
        if read_in and (references.get(read_in) or {}).get("type") in SUMMARY_TYPES:
            problems.append(Problem(table.path, row_number, "read_in", "read-in-summary",
                                    f"read only in {read_in} ({references[read_in].get('container-title') or references[read_in].get('title', '')}): "
                                    "find the original publication's text"))
    return problems


def check_quotes(table: Table) -> list[Problem]:
    problems = []
    for row_number, row in table.numbered():
        quote = row.get("quote", "")
        if row.get("kind") == "derived" or not quote.strip():
            continue  # derived values are computed, not read; an empty quote is the `required` rule's
        for column in QUOTED.get(table.name, []):
            cell = row.get(column, "")
            if cell.strip() and not number_in_quote(cell, quote):
                problems.append(Problem(table.path, row_number, column, "quote",
                                        f'{cell} does not appear in the quote as published'))
        cutoff = row.get("data_cutoff", "")
        if table.name == "analyses" and cutoff.strip() and not date_in_quote(cutoff, quote):
            problems.append(Problem(table.path, row_number, "data_cutoff", "quote",
                                    f"the date {cutoff} is not named in the quote"))
    return problems


def check_comparators(endpoints: Table, arms: Table | None) -> list[Problem]:
    if arms is None:
        return []
    known = {(a["trial"], a["arm"]) for a in arms.rows}
    problems = []
    for row_number, row in endpoints.numbered():
        comparator = row.get("comparator", "").strip()
        if comparator and (row.get("trial"), comparator) not in known:
            problems.append(Problem(endpoints.path, row_number, "comparator", "foreign-key",
                                    f'"{comparator}" is not an arm of {row.get("trial")} in arms.csv'))
        if comparator and comparator == row.get("arm"):
            problems.append(Problem(endpoints.path, row_number, "comparator", "foreign-key",
                                    "an arm cannot be compared with itself"))
    return problems


def check_endpoint_row(path: str, row_number: int, row: dict[str, str]) -> list[Problem]:
    out: list[Problem] = []

    def problem(column, rule, message):
        out.append(Problem(path, row_number, column, rule, message))

    est, low, high = (number(row.get(c, "")) for c in ("estimate", "ci_low", "ci_high"))
    statistic, unit = row.get("statistic", ""), row.get("unit", "")
    status = row.get("value_status", "")
    if status == "not_reached":
        for column in ("estimate", "ci_high"):  # a published lower CI bound may stand ("18.5 to not estimable")
            if row.get(column, "").strip():
                problem(column, "not-reached", "a median that was not reached carries no estimate and no upper bound")
        if row.get("ci_low", "").strip() and not row.get("ci_level", "").strip():
            problem("ci_level", "ci-order", "a CI bound needs its confidence level")
        if statistic != "median":
            problem("value_status", "not-reached", "only a median can be 'not reached'")
        return out
    count_only = statistic == "events" and row.get("events", "").strip()  # "15 v 0 events": a count, no percentage printed
    if status == "reported" and est is None and not row.get("estimate", "").strip() and not count_only:
        problem("estimate", "not-reached", "a reported value needs its estimate (or value_status not_reached)")
    if row.get("kind") == "derived" and not row.get("derivation", "").strip():
        problem("derivation", "derived", "a derived value must say how it was computed")
    if statistic in UNITS and unit and unit not in UNITS[statistic]:
        problem("unit", "unit", f"a {statistic} is in {' or '.join(sorted(UNITS[statistic]))}, not {unit}")
    if row.get("timepoint", "").strip() and not row.get("time_unit", "").strip():
        problem("time_unit", "unit", "a timepoint needs its time unit")
    if statistic == "landmark_rate" and not row.get("timepoint", "").strip():
        problem("timepoint", "unit", "a landmark rate needs its timepoint")
    if (low is None) != (high is None):
        problem("ci_high" if high is None else "ci_low", "ci-order", "a CI needs both bounds")
    level = number(row.get("ci_level", ""))
    if level is not None and 0 <= level <= 100 and level not in CI_LEVELS:
        problem("ci_level", "ci-level", f"a confidence level of {row['ci_level']}% is not one trials publish "
                "(90, 95, 97.5 or 99): copy the level printed beside the CI")
    if low is not None and high is not None:
        if not row.get("ci_level", "").strip():
            problem("ci_level", "ci-order", "a CI needs its confidence level")
        if est is not None and not low <= est <= high:
            problem("estimate", "ci-order", f"the CI {low} to {high} does not contain the estimate {est}")
        elif low > high:
            problem("ci_low", "ci-order", f"CI low {low} is above CI high {high}")
    if unit == "ratio":
        for column, value in (("estimate", est), ("ci_low", low), ("ci_high", high)):
            if value is not None and value <= 0:
                problem(column, "ratio-positive", f"a ratio must be > 0, not {value}")
    if unit == "percent":
        for column, value in (("estimate", est), ("ci_low", low), ("ci_high", high)):
            if value is not None and not 0 <= value <= 100:
                problem(column, "percent-range", f"a percentage lies within 0 to 100, not {value}")
    if unit == "ratio" and None not in (est, low, high) and 0 < low <= est <= high:
        ratio = log_asymmetry(row["estimate"], row["ci_low"], row["ci_high"])
        if ratio > ASYMMETRY_LIMIT:
            problem("ci_high", "ci-asymmetric",
                    f"the CI {low} to {high} is {ratio:.2f} times wider on one side of {est} "
                    "on the log scale: check for a typing error")
    disagreement = p_value_disagrees(row, low, high)
    if disagreement:
        problem("p_value", "p-value", disagreement)
    return out


def _percent(path: str, row_number: int, row: dict[str, str], column: str) -> list[Problem]:
    value = number(row.get(column, ""))
    if value is not None and not 0 <= value <= 100:
        return [Problem(path, row_number, column, "percent-range", f"a percentage lies within 0 to 100, not {value}")]
    return []


def log_asymmetry(est: str, low: str, high: str) -> float:
    """How lopsided a ratio's CI is on the log scale, in the most symmetric reading its rounding allows."""

    def interval(text):
        value, slack = float(text), 0.5 * 10 ** -decimals(text)
        return max(value - slack, 1e-12), value + slack

    e, lo, h = interval(est), interval(low), interval(high)
    below = (math.log(e[0] / lo[1]) if e[0] > lo[1] else 0.0, math.log(e[1] / lo[0]))
    above = (math.log(h[0] / e[1]) if h[0] > e[1] else 0.0, math.log(h[1] / e[0]))
    if below[0] <= above[1] and above[0] <= below[1]:
        return 1.0  # the two half-widths can be equal within rounding
    small, large = sorted([below, above])
    return large[0] / small[1] if small[1] > 0 else math.inf


def p_value_disagrees(row: dict[str, str], low, high) -> str | None:
    """A message when a published p-value contradicts whether the 95% CI excludes the null."""
    text = row.get("p_value", "").strip()
    null = NULL.get(row.get("unit", ""))
    if not text or low is None or high is None or null is None or number(row.get("ci_level", "")) != 95:
        return None
    p = number(text.lstrip("<>≤"))
    if p is None or low == null or high == null:
        return None
    significant = p < Decimal("0.05") if text[0] in "<≤" or p != Decimal("0.05") else None
    excludes = not low <= null <= high
    if significant is True and not excludes:
        return f"P {text} says significant at 5% but the 95% CI {low} to {high} includes {null}"
    if significant is False and excludes:
        return f"P {text} says not significant at 5% but the 95% CI {low} to {high} excludes {null}"
    return None


def check_duplicates(table: Table, identity: tuple[str, ...], corrections: list[dict]) -> list[Problem]:
    """Same value twice from one source is a duplicate; sources that disagree must be declared."""
    declared = [set(c.get("rows") or []) for c in corrections if isinstance(c, dict)]
    id_column = "row_id" if "row_id" in table.fields else None
    seen: dict[tuple, list[tuple[int, dict]]] = defaultdict(list)
    problems = []
    for row_number, row in table.numbered():
        key = tuple(row.get(c, "").strip() for c in identity)
        for earlier_number, earlier in seen[key]:
            if _read_where(earlier) == _read_where(row):
                problems.append(Problem(table.path, row_number, id_column, "duplicate-row",
                                        f"the same quantity from the same source ({row.get('source')}) as row {earlier_number}: keep one row"))
            elif _disagree(earlier.get("estimate", ""), row.get("estimate", "")):
                pair = {earlier.get("row_id"), row.get("row_id")}
                if not any(pair <= d for d in declared):
                    problems.append(Problem(table.path, row_number, "estimate", "contradictory-rows",
                                            f"{row.get('estimate')} ({row.get('source')}) contradicts "
                                            f"{earlier.get('estimate')} ({earlier.get('source')}) in row "
                                            f"{earlier_number}; declare the conflict in evidence/corrections.yml"))
        seen[key].append((row_number, row))
    return problems


def _read_where(row: dict[str, str]) -> tuple[str, str]:
    """The publication and, when it was read elsewhere, where: two readings of one paper are two rows."""
    return row.get("source", ""), row.get("read_in", "")


def _disagree(a: str, b: str) -> bool:
    x, y = number(a), number(b)
    if x is None or y is None:
        return (x is None) != (y is None)
    places = Decimal(1).scaleb(-min(decimals(a), decimals(b)))
    return x.quantize(places, ROUND_HALF_UP) != y.quantize(places, ROUND_HALF_UP)


def check_preferred(table: Table, identity: tuple[str, ...]) -> list[Problem]:
    """A quantity in several rows has exactly one preferred row (yes); the others are cross-checks (no)."""
    if "preferred" not in table.fields:
        return []
    groups: dict[tuple, list[tuple[int, dict]]] = defaultdict(list)
    for row_number, row in table.numbered():
        groups[tuple(row.get(c, "").strip() for c in identity)].append((row_number, row))
    id_column = "row_id" if "row_id" in table.fields else None
    problems = []
    for members in groups.values():
        readings = {}
        for row_number, row in members:  # the same reading twice is the duplicate-row rule's to report
            readings.setdefault(_read_where(row), (row_number, row))
        members = list(readings.values())
        marks = [row.get("preferred", "").strip() for _, row in members]
        if len(members) == 1:
            if marks[0] == "no":
                problems.append(Problem(table.path, members[0][0], "preferred", "preferred-row",
                                        "marked as a cross-check (no) but no other row holds this quantity"))
            continue
        others = ", ".join(str(row.get(id_column) or n) for n, row in members)
        chosen = marks.count("yes")
        for (row_number, row), mark in zip(members, marks):
            if mark not in ("yes", "no"):
                problems.append(Problem(table.path, row_number, "preferred", "preferred-row",
                                        f"the same quantity stands in rows {others}: mark the one figures use "
                                        "preferred = yes and the cross-checks no"))
            elif chosen != 1 and mark == "yes":
                problems.append(Problem(table.path, row_number, "preferred", "preferred-row",
                                        f"{chosen} rows of {others} are marked preferred: exactly one may be"))
        if chosen == 0 and all(m in ("yes", "no") for m in marks):
            problems.append(Problem(table.path, members[0][0], "preferred", "preferred-row",
                                    f"none of rows {others} is marked preferred = yes"))
    return problems


def check_p_kind(endpoints: Table, results: Table | None) -> list[Problem]:
    """A P value says whether it is confirmatory or nominal; a confirmatory one has its test in results.csv."""
    if "p_kind" not in endpoints.fields:
        return []
    tested = {tuple(r.get(c, "").strip() for c in COMPARISON) for r in (results.rows if results else [])
              if r.get("testing", "").strip() == "confirmatory"}
    problems = []
    for row_number, row in endpoints.numbered():
        p, kind = row.get("p_value", "").strip(), row.get("p_kind", "").strip()
        if p and not kind:
            problems.append(Problem(endpoints.path, row_number, "p_kind", "p-kind",
                                    f"P {p} needs its status as published: confirmatory or nominal"))
        elif kind and not p:
            problems.append(Problem(endpoints.path, row_number, "p_kind", "p-kind", "a P status without a P value"))
        elif kind == "confirmatory" and results is not None and \
                tuple(row.get(c, "").strip() for c in COMPARISON) not in tested:
            problems.append(Problem(endpoints.path, row_number, "p_kind", "p-kind",
                                    "a confirmatory P needs its comparison coded as confirmatory in results.csv "
                                    "(same trial, analysis, endpoint, arm, comparator and subset)"))
    return problems


def check_results(results: Table) -> list[Problem]:
    """Hypothesis, testing, result and boundary of one comparison must agree with each other."""
    problems = []
    for row_number, row in results.numbered():
        testing, result = row.get("testing", "").strip(), row.get("result", "").strip()
        boundary, hypothesis = row.get("boundary_crossed", "").strip(), row.get("hypothesis", "").strip()

        def problem(column, message):
            problems.append(Problem(results.path, row_number, column, "comparison-status", message))

        if testing == "confirmatory" and result == "descriptive":
            problem("result", "a confirmatory test is met or not met, not descriptive")
        if testing in ("descriptive", "exploratory") and result in ("met", "not_met"):
            problem("result", f"a {testing} analysis has no formal result: code it descriptive")
        if testing in ("descriptive", "exploratory") and (boundary or hypothesis):
            problem("boundary_crossed" if boundary else "hypothesis",
                    f"a {testing} analysis tests no hypothesis and crosses no boundary")
        if boundary == "yes" and result == "not_met":
            problem("result", "the boundary was crossed, so the test was met")
        if boundary == "no" and result == "met":
            problem("result", "the boundary was not crossed, so the test was not met at this analysis")
    return problems


def check_vocabulary(tables: dict[str, Table], vocabulary: Table) -> list[Problem]:
    """Every coded value (grade category, hypothesis, status) has its display label in vocabulary.csv."""
    known = {(r.get("field", ""), r.get("value", "")) for r in vocabulary.rows}
    problems = []
    for name, columns in VOCABULARY.items():
        table = tables.get(name)
        if table is None:
            continue
        for column in (c for c in columns if c in table.fields):
            for row_number, row in table.numbered():
                value = row.get(column, "").strip()
                if value and (column, value) not in known:
                    problems.append(Problem(table.path, row_number, column, "enum",
                                            f'"{value}" has no row in vocabulary.csv (field {column})'))
    return problems
