"""Label facts by jurisdiction and edition, with label rows added to a copy of data/. The shipped rows
are the current US label, the superseded 2013 US label and the current EU label (SmPC and package
leaflet); the fixture rows add what the shipped rows lack: an EU duration for men, and a superseded
value of a topic the current label has rows for."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import append_row
from trialfigs.audit import CONTRADICTED, NONE, OUTDATED, SUPPORTED, audit_text
from trialfigs.audit.labelfacts import boxed_issues
from trialfigs.evidence.load import load


@pytest.fixture
def labels(package):
    rows = package / "data" / "label.csv"
    # sources are the labels themselves (the origin rule: source is the original, never a web page)
    eu = dict(evidence_level="primary", source="ema_kadcyla_smpc", locator="fixture", label_section="4.6")
    us = dict(evidence_level="primary", source="fda_kadcyla_uspi_current", locator="fixture", label_section="2.3")
    append_row(rows, fact_id="eu_contraception_male_months", topic="contraception", population="male patients with female partners",
               statement="contraception for 7 months", value="7", unit="months", jurisdiction="EU", edition="2024", status="current",
               quote="for 7 months", **eu)
    append_row(rows, fact_id="us_first_reduction", topic="dose_reduction", population="all patients", statement="first dose reduction 3 mg/kg",
               value="3", unit="mg/kg", jurisdiction="US", status="current", quote="3 mg/kg", **us)
    append_row(rows, fact_id="old_first_reduction", topic="dose_reduction", population="all patients", statement="old first reduction 3.2 mg/kg",
               value="3.2", unit="mg/kg", jurisdiction="US", edition="2010", status="superseded", quote="3.2 mg/kg",
               **{**us, "source": "fda_kadcyla_uspi_2013"})
    return load(package / "data", package / "evidence")


@pytest.mark.parametrize("text, verdict", [
    ("In the EU, men should use contraception for 7 months after the last dose.", SUPPORTED),
    ("In the US, men should use contraception for 7 months after the last dose.", CONTRADICTED),
    ("Men should use contraception for 7 months after the last dose.", SUPPORTED),  # the EU label says so
    ("Men should use contraception for 5 months after the last dose.", CONTRADICTED),  # no label says so
    ("If needed, the dose is reduced to 3.2 mg/kg.", OUTDATED),  # only a superseded edition says so; the current one says 3
    ("If needed, the dose is reduced to 3 mg/kg.", SUPPORTED),
    ("If needed, the dose is reduced to 2 mg/kg.", CONTRADICTED),  # the current schedule has no such step
    ("In the EU, the boxed warning covers three risks.", NONE),  # no EU boxed-warning rows
])
def test_label_facts_are_judged_by_the_jurisdiction_and_edition_that_state_them(labels, text, verdict):
    (finding,) = audit_text(labels, text)
    assert finding.verdict == verdict, finding


SHIPPED = [
    # us2013_dose_reduction_1 (2013 US label, Section 2.2 Table 1) is superseded and no current row has a dose-reduction
    # schedule: the tables cannot say the value changed, so no flag
    ("If needed, reduce the dose to 3 mg/kg.", NONE, "only the superseded 2013 US label"),
    ("If needed, reduce the dose to 2 mg/kg.", NONE, "no current label row holds a dose-reduction schedule"),  # not judged against 3.6 mg/kg
    # eu_pl_contraception_female / eu_smpc_contraception_female: 7 months; eu_*_contraception_male: no duration stated
    ("In the EU, women should use contraception for 7 months after the last dose.", SUPPORTED, "EU label"),
    ("In the EU, men should use contraception for 4 months after the last dose.", NONE, "states no duration for male"),
    ("In the US, men should use contraception for 4 months after the last dose.", SUPPORTED, "US label"),
    # the US boxed warning's heading lists three issues (us_boxed_embryo_fetal quote); a fourth row quotes one issue's text
    ("The US boxed warning covers three risks.", SUPPORTED, "US label"),
    ("The US boxed warning covers four risks.", CONTRADICTED, "US label"),
]


@pytest.mark.parametrize("text, verdict, said", SHIPPED, ids=[t[0][:50] for t in SHIPPED])
def test_the_shipped_label_rows_judge_label_facts_by_jurisdiction(text, verdict, said):
    (finding,) = audit_text(load(), text)
    assert finding.verdict == verdict and said in f"{finding.source} {finding.note}", finding


def test_the_shipped_label_rows_judge_a_claim_without_jurisdiction_as_before(package):
    (finding,) = audit_text(load(package / "data", package / "evidence"), "Men should use contraception for 7 months after the last dose.")
    assert finding.verdict == CONTRADICTED and "US label" in finding.source


@pytest.mark.parametrize("quotes, statements, issues", [
    (["WARNING: HEPATOTOXICITY, CARDIAC TOXICITY and EMBRYO-FETAL TOXICITY Hepatotoxicity: Serious ...", "Embryo-Fetal Toxicity: Exposure ..."],
     ["hepatotoxicity", "embryo-fetal text"], ["hepatotoxicity", "cardiac toxicity", "embryo-fetal toxicity"]),  # the heading lists them
    (["WARNING: HEPATOTOXICITY AND CARDIAC TOXICITY"], ["one row"], ["hepatotoxicity", "cardiac toxicity"]),
    (["Serious liver injury.", "Heart failure.", "Heart failure."], ["liver", "heart", "heart"], ["liver", "heart"]),  # no heading: one per statement
])
def test_a_boxed_warning_has_the_issues_its_heading_lists(quotes, statements, issues):
    assert boxed_issues(pd.DataFrame({"quote": quotes, "statement": statements})) == issues
