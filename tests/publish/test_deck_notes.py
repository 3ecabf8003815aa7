"""Speaker notes: two to four sentences to read aloud (what the slide shows, what it means, the caveats of
this slide's values), then the full citations, then where values were read; provenance is on the deck's last,
hidden slide, never in a speaker's notes; and the alt text kept short."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from pptx import Presentation
from test_deck import manifest, stem_of

from conftest import ROOT
from trialfigs.evidence import vocabulary as vocab
from trialfigs.evidence.load import load
from trialfigs.publish.deck import rows as R
from trialfigs.publish.deck import short_alt
from trialfigs.publish.deck.notes import talking_points


def figure_notes(path) -> list[tuple[str, str]]:
    found = []
    for slide in Presentation(str(path)).slides:
        stems = [stem_of(s) for s in slide.shapes if stem_of(s)]
        if stems:
            found.append((stems[0], slide.notes_slide.notes_text_frame.text))
    return found


def test_notes_are_a_few_sentences_to_read_aloud_then_citations_and_no_provenance(decks):
    for stem, notes in figure_notes(decks["appendix"]):
        record = manifest(stem)
        blocks = notes.split("\n\n")
        assert blocks[0].startswith("This slide shows "), stem
        assert 2 <= len(re.findall(r"[.!?](?:\s|$)", blocks[0])) <= 4, blocks[0]
        assert "Key values" not in blocks[0] and "_" not in blocks[0], blocks[0]
        assert blocks[1].startswith("Sources:\n")
        for citation in record["citations"]:
            assert citation["full"] in blocks[1]
        for private in ("Provenance", "SHA-256", "commit", record.get("data_sha256") or "no hash", "reports/figures"):
            assert private not in notes, (stem, private)


def test_the_hidden_last_slide_holds_the_provenance_of_every_figure_slide(decks):
    deck = Presentation(str(decks["appendix"]))
    last = list(deck.slides)[-1]
    assert last.shapes.title.text_frame.text == "Provenance" and last._element.get("show") == "0"
    ledger = last.notes_slide.notes_text_frame.text
    for stem, _ in figure_notes(decks["appendix"]):
        record = manifest(stem)
        assert record["data_sha256"] in ledger
        for value in record["values"]:
            if value.get("row_id"):
                assert value["row_id"] in ledger, (stem, value["row_id"])


def looks(stem: str, evidence) -> set[tuple[str, str]]:
    """The analyses of the efficacy values a figure shows (descriptive is said of a test, not of adverse-event rates)."""
    index = R.by_id(evidence)
    return {(r["trial"], r["analysis"]) for r in R.shown(manifest(stem), index) if r["table"] == "endpoints"}


def test_every_descriptive_analysis_shown_is_called_descriptive_in_the_notes(decks):
    """The data record which analyses are descriptive (analyses.analysis_type); the notes must say so."""
    evidence = load()
    descriptive = {(t, a) for t, a, k in zip(evidence.analyses.trial, evidence.analyses.analysis, evidence.analyses.analysis_type)
                   if k == "descriptive"}
    said = 0
    for stem, notes in figure_notes(decks["plain"]):
        if looks(stem, evidence) & descriptive:
            assert "is descriptive, not a formal test" in notes, stem
            said += 1
    assert said or not descriptive


def test_crossover_recorded_in_the_data_is_said_where_survival_of_that_analysis_is_shown(decks):
    evidence = load()
    crossover = evidence.endpoints[evidence.endpoints.endpoint == "crossover"]
    overall = [e for e in vocab.values("endpoint") if vocab.label("endpoint", e) == "overall survival"]
    index = R.by_id(evidence)
    said = 0
    for stem, notes in figure_notes(decks["plain"]):
        shown = {(r["trial"], r["analysis"]) for r in R.shown(manifest(stem), index) if r.get("endpoint") in overall}
        if not shown:  # crossover after progression does not touch progression-free survival: not said there
            assert "crossed over" not in notes.split("\n\n")[0], stem
        for trial, analysis, estimate, events, n in zip(crossover.trial, crossover.analysis, crossover.estimate,
                                                        crossover.events, crossover.n):
            if (trial, analysis) in shown:
                said_as = f"{events} of {n}" if pd.isna(estimate) else f"{estimate:g}%"  # a count printed without a percentage
                assert "crossed over" in notes and said_as in notes, (stem, said_as)
                said += 1
    assert said or crossover.empty


def _rewrite(path, table) -> None:
    import csv

    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)


def test_a_descriptive_analysis_is_spoken(package):
    """Set analysis_type descriptive on the analysis behind the first row of the landmark figure, in a copy of data/."""
    import csv

    path = package / "data" / "analyses.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    record = manifest("landmark-katherine")
    first = next(v["row_id"] for v in record["values"] if v.get("row_id"))
    evidence = load(package / "data", package / "evidence")
    row = R.by_id(evidence)[first]
    for entry in table:
        if (entry["trial"], entry["analysis"]) == (row["trial"], row["analysis"]):
            entry["analysis_type"] = "descriptive"
    _rewrite(path, table)
    said = "is descriptive, not a formal test"
    before = talking_points(record, evidence, R.by_id(evidence))
    changed = load(package / "data", package / "evidence")
    after = talking_points(record, changed, R.by_id(changed))
    assert not any(said in p for p in before) and any(said in p for p in after)


def test_a_boundary_is_said_only_for_the_endpoint_it_belongs_to(package):
    """TH3RESA (Krop et al., Lancet Oncol 2014): PFS, the primary endpoint, was met; only the first interim OS
    analysis had not crossed its boundary. analyses.boundary_crossed sits on the analysis row and cannot say
    which endpoint it concerns: the notes never speak it. A status keyed by trial, analysis and endpoint
    (data/results.csv) is spoken on the slides of that endpoint only."""
    import csv

    from trialfigs.publish.deck import names

    evidence = load(package / "data", package / "evidence")
    index = R.by_id(evidence)
    flagged = {(a["trial"], a["analysis"]) for a in R.records(evidence.analyses) if a.get("boundary_crossed") == "no"}
    stems = [p.stem for p in (ROOT / "reports" / "figures").glob("*.json") if manifest(p.stem).get("figure") != "trial"]
    words = {"yes": "prespecified boundary crossed", "no": "prespecified boundary not crossed"}
    checked = 0
    with names.reading(package / "data"):
        for stem in stems:
            record = manifest(stem)
            shown = R.shown(record, index)
            if not {(r["trial"], r["analysis"]) for r in shown} & flagged:
                continue
            checked += 1
            # what may be said: the boundary results.csv states for an endpoint this slide shows, nothing else
            stated = {words[r["boundary_crossed"]] for r in R.records(evidence.results) if r.get("boundary_crossed")
                      and (r["trial"], r["analysis"], r["endpoint"]) in {(s["trial"], s["analysis"], s.get("endpoint")) for s in shown}}
            said = {m for p in talking_points(record, evidence, index)
                    for m in re.findall(r"prespecified boundary (?:not )?crossed", p)}
            assert said <= stated, (stem, said, stated)
            assert not any("boundary" in p.replace("prespecified boundary", "")
                           for p in talking_points(record, evidence, index)), stem
    assert checked, "no slide shows an analysis whose row carries a boundary flag: the case is not exercised"
    # a results table naming one endpoint of an analysis
    target = next(r for r in R.records(evidence.endpoints) if r.get("statistic") == "hazard_ratio")
    other = next(r for r in R.records(evidence.endpoints) if r.get("statistic") == "hazard_ratio"
                 and r["trial"] == target["trial"] and r["endpoint"] != target["endpoint"])
    with open(package / "data" / "results.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["trial", "analysis", "endpoint", "subset", "hypothesis", "result", "boundary_crossed", "status", "ci_level"])
        writer.writerow([target["trial"], target["analysis"], target["endpoint"], target.get("subset", ""), "", "", "no", "", ""])
    vocab._rows.cache_clear()  # the tables are read once per folder; this one changed
    record_of = {"values": [{"row_id": target["row_id"]}], "title": "t", "figure": "forest"}
    record_other = {"values": [{"row_id": other["row_id"]}], "title": "t", "figure": "forest"}
    with names.reading(package / "data"):
        assert any("prespecified boundary not crossed" in p for p in talking_points(record_of, evidence, index))
        if (other["analysis"], other["endpoint"]) != (target["analysis"], target["endpoint"]):
            assert not any("boundary" in p for p in talking_points(record_other, evidence, index))


@pytest.mark.parametrize("text, expected", [
    ("Short alt text.", "Short alt text."),
    ("First sentence. " + "x" * 300, "First sentence."),
    ("word " * 80, None),
])
def test_short_alt_keeps_whole_sentences_under_250_characters(text, expected):
    alt = short_alt(text)
    assert len(alt) < 250
    if expected:
        assert alt == expected
    else:
        assert alt.endswith("…") and " ".join(text.split()).startswith(alt[:-1])


def test_every_hypothesis_of_an_endpoint_is_said_not_only_the_last_row(package):
    """MARIANNE (Ellis et al., ASCO 2015, abstract 507): both T-DM1 arms were non-inferior to trastuzumab plus taxane
    for PFS but not superior. results.csv holds one row per comparison and hypothesis; the status says each
    hypothesis once, for the arm asked about, and only the rows of the subset asked about."""
    import csv

    from trialfigs.publish.deck import names

    rows = [("T1", "primary", "PFS", "A", "C", "", "non_inferiority", "met"),
            ("T1", "primary", "PFS", "A", "C", "", "superiority", "not_met"),
            ("T1", "primary", "PFS", "B", "C", "", "superiority", "met"),
            ("T1", "primary", "PFS", "A", "C", "node-positive", "", "not_met")]
    with open(package / "data" / "results.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["trial", "analysis", "endpoint", "arm", "comparator", "subset", "hypothesis", "result"])
        writer.writerows(rows)
    vocab._rows.cache_clear()
    with names.reading(package / "data"):
        said = R.endpoint_status("T1", "primary", "PFS", "A")
        assert said == f"{vocab.label('hypothesis', 'non_inferiority')} {vocab.label('result', 'met')}; " \
                       f"{vocab.label('hypothesis', 'superiority')} {vocab.label('result', 'not_met')}"
        assert R.endpoint_status("T1", "primary", "PFS", "B").count(";") == 0
        assert R.endpoint_status("T1", "primary", "PFS", "A", "node-positive") == vocab.label("result", "not_met")
        assert R.analysis_status("T1", "primary").startswith("PFS: ")
    vocab._rows.cache_clear()
