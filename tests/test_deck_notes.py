"""Speaker notes: talking points from the data first (with the caveats the data record), then the full
citations, then where values were read, then provenance last; and the alt text kept short."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from pptx import Presentation
from test_deck import manifest, stem_of

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


def test_notes_open_with_talking_points_and_end_with_provenance(decks):
    for stem, notes in figure_notes(decks["appendix"]):
        record = manifest(stem)
        blocks = notes.split("\n\n")
        assert blocks[0].startswith(record["title"]) and "Key values: " in blocks[0], stem
        assert 2 <= len(re.findall(r"[.!?](?:\s|$)", blocks[0].split("Caveat")[0])) <= 3, blocks[0]
        assert blocks[1].startswith("Sources:\n")
        for citation in record["citations"]:
            assert citation["full"] in blocks[1]
        assert blocks[-1].startswith("Provenance: rows ") and record["data_sha256"] in blocks[-1]
        if record.get("read_in"):
            assert notes.index("Read in:") < notes.index("Provenance:")


def looks(stem: str, evidence) -> set[tuple[str, str]]:
    index = R.by_id(evidence)
    return {(r["trial"], r["analysis"]) for r in R.shown(manifest(stem), index)}


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
    time_to_event = set(vocab.values("endpoint", "time_to_event"))
    index = R.by_id(evidence)
    said = 0
    for stem, notes in figure_notes(decks["plain"]):
        shown = {(r["trial"], r["analysis"]) for r in R.shown(manifest(stem), index) if r.get("endpoint") in time_to_event}
        for trial, analysis, estimate, events, n in zip(crossover.trial, crossover.analysis, crossover.estimate,
                                                        crossover.events, crossover.n):
            if (trial, analysis) in shown:
                said_as = f"{events} of {n}" if pd.isna(estimate) else f"{estimate:g}%"  # a count printed without a percentage
                assert "crossed over" in notes and said_as in notes, (stem, said_as)
                said += 1
    assert said or crossover.empty


@pytest.mark.parametrize("column, value, said", [
    ("boundary_crossed", "no", "did not cross its prespecified efficacy boundary"),
    ("analysis_type", "descriptive", "is descriptive, not a formal test"),
])
def test_a_caveat_recorded_for_an_analysis_is_spoken(package, column, value, said):
    """Set the caveat on the analysis behind the first row of the landmark figure, in a copy of data/."""
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
            entry[column] = value
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    before = talking_points(record, evidence, R.by_id(evidence))
    changed = load(package / "data", package / "evidence")
    after = talking_points(record, changed, R.by_id(changed))
    assert not any(said in p for p in before) and any(said in p for p in after)


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
