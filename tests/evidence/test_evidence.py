"""evidence/: a bibliography a reference manager imports, and a corrections log that is honest."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, apply_fixture
from trialfigs.evidence import cite
from trialfigs.evidence.load import load
from trialfigs.evidence.validate import validate

REFERENCES = json.loads((ROOT / "evidence" / "references.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("ref_id, doi", [
    ("vonminckwitz2019", "10.1056/NEJMoa1814017"),
    ("geyer2025", "10.1056/NEJMoa2406070"),
    ("verma2012", "10.1056/NEJMoa1209124"),
    ("dieras2017", "10.1016/S1470-2045(17)30312-1"),
])
def test_the_four_publications_are_in_the_bibliography_with_their_doi(ref_id, doi):
    record = next(r for r in REFERENCES if r["id"] == ref_id)
    assert record["DOI"] == doi and record["URL"].endswith(doi)


def test_every_source_used_in_data_is_a_record_and_every_record_is_csl_json():
    evidence = load()
    used = set()
    for frame in (evidence.trials, evidence.arms, evidence.analyses, evidence.endpoints, evidence.safety, evidence.label):
        used |= set(frame.source)
    used |= set(evidence.analyses.publication)
    assert used <= set(evidence.references)
    for record in REFERENCES:
        assert {"id", "type", "title", "accessed"} <= set(record)
        assert record["type"] in {"article-journal", "report", "dataset", "webpage", "article-newspaper", "paper-conference"}
        assert {"DOI", "PMID", "URL"} & set(record) or "issued" in record, record["id"]


@pytest.mark.parametrize("trial, analysis, publication", [
    ("KATHERINE", "primary", "vonminckwitz2019"), ("KATHERINE", "final_idfs", "geyer2025"),
    ("EMILIA", "primary", "verma2012"), ("EMILIA", "final_os", "dieras2017"),
    ("DESTINY-BREAST03", "primary", "cortes2022"),
])
def test_an_analysis_names_the_article_that_reported_it(trial, analysis, publication):
    """von Minckwitz NEJM 2019, Geyer NEJM 2025, Verma NEJM 2012, Diéras Lancet Oncol 2017, Cortés NEJM 2022."""
    analyses = load().analyses.set_index(["trial", "analysis"])
    assert analyses.loc[(trial, analysis), "publication"] == publication


def test_every_publication_is_an_original_record():
    evidence = load()
    kinds = {evidence.references[p]["type"] for p in evidence.analyses.publication}
    assert kinds <= {"article-journal", "paper-conference", "dataset", "report"}


def test_corrections_log_records_the_inverted_hazard_ratio_summary():
    corrections = {c["id"]: c for c in load().corrections}
    inverted = corrections["katherine-inverted-hazard-ratios"]
    assert "HR 2, 95% CI 1.56 to 2.56" in inverted["values"][0]["value"]
    assert inverted["rows"] == ["K-P-IDFS-HR", "K-P-IDFS-HR-GBG", "K-P-OS-HR"]


def test_a_declared_conflict_is_accepted_and_an_undeclared_one_is_not(package):
    apply_fixture(package, "endpoints/contradicts_shipped_row.csv", "append")
    assert any(p.rule == "contradictory-rows" for p in validate(package / "data").problems)
    log = package / "evidence" / "corrections.yml"
    log.write_text(log.read_text(encoding="utf-8") + """
- id: fixture-declared
  topic: declared conflict
  values: [{source: altai2025, value: "0.45"}, {source: geyer2025, value: "0.54"}]
  rows: [X-CON, K-F-IDFS-HR]
  decision: data/ uses geyer2025
  reason: primary source
  status: resolved
""", encoding="utf-8")
    assert not any(p.rule == "contradictory-rows" for p in validate(package / "data").problems)


@pytest.mark.parametrize("ref_id, short", [
    ("geyer2025", "Geyer et al., N Engl J Med 2025"),
    ("dieras2017", "Diéras et al., Lancet Oncol 2017"),
    ("ascopost2017", "The ASCO Post"),
])
def test_short_citations(ref_id, short):
    assert cite.short(next(r for r in REFERENCES if r["id"] == ref_id)) == short


def test_full_citation_is_vancouver_style_with_doi():
    text = cite.full(next(r for r in REFERENCES if r["id"] == "verma2012"))
    assert text.startswith("Verma S, Miles D, Gianni L, Krop IE, Welslau M, Baselga J, et al. Trastuzumab emtansine")
    assert text.endswith("N Engl J Med. 2012;367:1783-1791. doi:10.1056/NEJMoa1209124")


def test_vocabulary_reads_a_table_again_when_it_changes(package):
    """No stale global state: the names cached from a table follow the file when it is edited."""
    import os

    from trialfigs.evidence import vocabulary

    trials = package / "data" / "trials.csv"
    before = vocabulary.trial_order(package / "data")
    assert before
    lines = trials.read_text(encoding="utf-8").splitlines(keepends=True)
    trials.write_text(lines[0], encoding="utf-8")  # the header alone: no trial left
    os.utime(trials, ns=(trials.stat().st_atime_ns, trials.stat().st_mtime_ns + 1_000_000))
    assert vocabulary.trial_order(package / "data") == []

def test_no_reference_prints_empty_volume_or_pages():
    """A missing volume or page is left out of the reference, never printed as "2025;:."."""
    import json

    from conftest import ROOT
    from trialfigs.evidence.cite import full
    for record in json.loads((ROOT / "evidence" / "references.json").read_text(encoding="utf-8")):
        text = full(record)
        assert ";:" not in text and ";." not in text and ":." not in text.split(" http")[0], (record["id"], text)
