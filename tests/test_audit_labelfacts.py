"""Label facts by jurisdiction and edition, with label rows added to a copy of data/ (as the data grows:
US and EU labels, current and superseded editions). The shipped label rows are US, current."""

from __future__ import annotations

import pytest

from conftest import append_row
from trialfigs.audit import CONTRADICTED, NONE, OUTDATED, SUPPORTED, audit_text
from trialfigs.load import load


@pytest.fixture
def labels(package):
    rows = package / "data" / "label.csv"
    common = dict(evidence_level="primary", source="kadcyla_uspi_2013", locator="fixture", label_section="8.3")
    append_row(rows, fact_id="eu_contraception_male", topic="contraception", population="male patients with female partners",
               statement="contraception for 7 months", value="7", unit="months", jurisdiction="EU", edition="2024", status="current",
               quote="for 7 months", **common)
    append_row(rows, fact_id="eu_contraception_female", topic="contraception", population="females of reproductive potential",
               statement="contraception for 7 months", value="7", unit="months", jurisdiction="EU", edition="2024", status="current",
               quote="for 7 months", **common)
    append_row(rows, fact_id="old_first_reduction", topic="dose_reduction", population="all patients", statement="old first reduction 3.2 mg/kg",
               value="3.2", unit="mg/kg", jurisdiction="US", edition="2010", status="superseded", quote="3.2 mg/kg", **common)
    return load(package / "data", package / "evidence")


@pytest.mark.parametrize("text, verdict", [
    ("In the EU, men should use contraception for 7 months after the last dose.", SUPPORTED),
    ("In the US, men should use contraception for 7 months after the last dose.", CONTRADICTED),
    ("Men should use contraception for 7 months after the last dose.", SUPPORTED),  # the EU label says so
    ("Men should use contraception for 5 months after the last dose.", CONTRADICTED),  # no label says so
    ("If needed, the dose is reduced to 3.2 mg/kg.", OUTDATED),  # only a superseded edition says so
    ("In the EU, the boxed warning covers three risks.", NONE),  # no EU boxed-warning rows
])
def test_label_facts_are_judged_by_the_jurisdiction_and_edition_that_state_them(labels, text, verdict):
    (finding,) = audit_text(labels, text)
    assert finding.verdict == verdict, finding


def test_the_shipped_label_rows_judge_a_claim_without_jurisdiction_as_before(package):
    (finding,) = audit_text(load(package / "data", package / "evidence"), "Men should use contraception for 7 months after the last dose.")
    assert finding.verdict == CONTRADICTED and "US label" in finding.source
