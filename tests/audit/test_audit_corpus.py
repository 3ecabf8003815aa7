"""The labelled corpus (tests/audit_corpus/): flags are right at least 95% of the time and no
incorrect claim is called supported (issue 14). benchmarks/audit_bench.py prints the full table."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT
from trialfigs.evidence.load import load

sys.path.insert(0, str(ROOT / "tests" / "audit_corpus"))
from score import FAILING, score  # noqa: E402


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    return score(load(), tmp_path_factory.mktemp("corpus"))


def test_flags_are_right_at_least_95_percent_of_the_time(result):
    right, flags = result.flags()
    wrong = [(row["document"], row["location"], f.verdict, f.claim) for row, f in result.pairs if f.verdict in FAILING and row["correct"] != "no"]
    wrong += [(doc, f.location, f.verdict, f.claim) for doc, f in result.unexpected if f.verdict in FAILING]
    assert flags >= 20, "the corpus holds enough wrong claims to measure flags"
    assert right / flags >= 0.95, wrong


def test_no_incorrect_claim_is_called_supported(result):
    assert result.supported_but_incorrect() == []


def test_every_kind_of_trap_in_the_corpus_is_flagged_as_labelled(result):
    """Swapped OS/PFS hazard ratios, an inverted HR, a reversed side-effect direction, "average" for a
    median, a value given to the wrong analysis or arm: each is flagged with the verdict its label gives."""
    flagged = [(row["verdict"], f.verdict) for row, f in result.pairs if row["correct"] == "no"]
    assert {v for v, _ in flagged} >= {"contradicted", "swapped", "wrong statistic or term", "outdated"}
    assert all(expected == got for expected, got in flagged), flagged


def test_numbers_that_are_not_claims_stay_unreported(result):
    assert result.unexpected == []
