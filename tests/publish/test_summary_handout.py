"""The cross-trial summary (one row per trial, every number from a named row, derived differences said to
be derived) and the handout PDF (real text, at least 9 pt, a page per trial, numbers traced to rows)."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from trialfigs.evidence import vocabulary as vocab
from trialfigs.evidence.load import load
from trialfigs.publish.deck import rows as R
from trialfigs.publish.deck.catalogue import catalogue
from trialfigs.publish.handout import write_handout
from trialfigs.publish.summary import summary_rows

NUMBER = re.compile(r"(?<![\w-])\d+(?:\.\d+)?")


@pytest.fixture(scope="module")
def evidence():
    return load()


@pytest.fixture(scope="module")
def rows(evidence):
    return summary_rows(evidence)


def endpoint_rows(evidence) -> dict[str, dict]:
    return {r["row_id"]: r for r in R.records(evidence.endpoints)}


def numbers_of(row: dict) -> set[str]:
    found = set()
    for column in ("estimate", "estimate_text", "ci_low", "ci_low_text", "ci_high", "ci_high_text", "p_value", "ci_level",
                   "timepoint", "events", "n"):
        found |= set(NUMBER.findall(row.get(column, "")))
    return found


def test_one_row_per_trial_in_teaching_order(rows, evidence):
    assert [r.trial for r in rows] == [t for t in vocab.trial_order() if t in set(evidence.trials.trial)]
    for r in rows:
        arms = [a for a in R.records(evidence.arms) if a["trial"] == r.trial]
        if all(a.get("n_randomised") for a in arms):
            assert r.n == str(sum(int(a["n_randomised"]) for a in arms))
        primary = [e for e in evidence.trials.set_index("trial").loc[r.trial, "primary_endpoint"].split(";") if e]
        assert len(r.results) <= len(primary)


def test_every_number_of_a_result_is_in_the_rows_it_names(rows, evidence):
    index = endpoint_rows(evidence)
    for r in rows:
        for x in r.results:
            assert x.row_ids, f"{r.trial}: a result without rows"
            allowed = set().union(*(numbers_of(index[i]) for i in x.row_ids))
            for number in NUMBER.findall(x.result):
                assert number in allowed or float(number) in {float(a) for a in allowed}, \
                    f"{r.trial}: {number} in {x.result!r} is in none of {x.row_ids}"


def test_published_primary_result_pinned_by_row_id(rows, evidence):
    """KATHERINE primary analysis, row K-P-IDFS-HR-GBG: hazard ratio 0.50 (95% CI 0.39-0.64), P<0.001
    (von Minckwitz et al., N Engl J Med 2019, abstract, as quoted in the row)."""
    row = endpoint_rows(evidence)["K-P-IDFS-HR-GBG"]
    summary = next(r for r in rows if r.trial == row["trial"])
    result = next(x for x in summary.results if "K-P-IDFS-HR-GBG" in x.row_ids)
    assert "HR 0.50 (95% CI 0.39 to 0.64), P <0.001" in result.result


def test_derived_differences_say_so_and_equal_the_difference_of_the_rates(rows, evidence):
    index = endpoint_rows(evidence)
    roles = {(a["trial"], a["arm"]): a["role"] for a in R.records(evidence.arms)}
    checked = 0
    for r in rows:
        for x in r.results:
            if "derived" not in x.difference:
                continue
            rates = [index[i] for i in x.row_ids if index[i]["statistic"] in ("landmark_rate", "proportion")]
            experimental = next(v for v in rates if roles[(r.trial, v["arm"])] == "experimental")
            control = next(v for v in rates if roles[(r.trial, v["arm"])] == "control")
            value = float(experimental["estimate"]) - float(control["estimate"])
            shown = float(x.difference.split(" ", 1)[0])
            assert abs(shown - value) < 0.051
            assert "derived" in x.short_difference
            checked += 1
    assert checked


@pytest.fixture(scope="module")
def handout(tmp_path_factory, evidence):
    path = tmp_path_factory.mktemp("handout") / "handout.pdf"
    entries = catalogue(evidence, ROOT / "reports")
    return write_handout(evidence, path, ROOT / "reports" / "figures", None, entries)


def test_handout_has_a_summary_page_then_a_page_per_trial_as_text(handout, evidence):
    from pypdf import PdfReader

    pages = [p.extract_text() for p in PdfReader(str(handout)).pages]
    order = [t for t in vocab.trial_order() if t in set(evidence.trials.trial)]
    trial_pages = pages[-len(order):]
    assert "Summary" in pages[0]
    for trial, text in zip(order, trial_pages):
        flat = " ".join(text.split())
        assert flat.startswith(vocab.trial_label(trial)), flat[:80]
        assert "Design" in flat and "Key results" in flat and "References" in flat


def test_handout_numbers_trace_to_the_row_named_beside_them(handout, evidence):
    from pypdf import PdfReader

    index = endpoint_rows(evidence)
    text = "\n".join(p.extract_text() for p in PdfReader(str(handout)).pages)
    flat = " ".join(text.split())
    named = re.findall(r": ([^:\[]+) \[([A-Za-z0-9-]+)\]", flat)
    named = [(v, i) for v, i in named if i in index]
    assert len(named) >= len(evidence.trials)
    for value, row_id in named:
        allowed = numbers_of(index[row_id])
        for number in NUMBER.findall(value):
            assert number in allowed or float(number) in {float(a) for a in allowed}, f"{number} not in row {row_id}"


def test_handout_text_is_at_least_9_pt(handout):
    from pypdf import PdfReader

    sizes = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.append(size * abs(tm[0] or 1) * abs(cm[0] or 1))

    for page in PdfReader(str(handout)).pages:
        page.extract_text(visitor_text=visit)
    assert sizes and min(sizes) >= 9 - 1e-6, min(sizes)
