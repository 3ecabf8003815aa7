"""Landmark, median and safety figures: what was drawn, its labels, its footer and its alt text."""

from __future__ import annotations

import re

import pytest

from conftest import append_row
from trialfigs.evidence import select
from trialfigs.evidence.load import load
from trialfigs.figures import landmark, medians, safety
from trialfigs.figures.save import save
from trialfigs.figures.theme import THEMES


@pytest.fixture(scope="module")
def evidence():
    return load()


def svg_text(drawn, evidence, tmp_path) -> str:
    tmp_path.mkdir(parents=True, exist_ok=True)
    save(drawn, evidence, THEMES["slide"], tmp_path / drawn.kind, formats=("svg",))
    return " | ".join(re.findall(r"<text[^>]*>([^<]*)</text>", (tmp_path / f"{drawn.kind}.svg").read_text(encoding="utf-8")))


def test_landmark_shows_katherine_rates_and_labels_the_computed_difference_derived(evidence, tmp_path):
    """Geyer 2025 abstract: 7-year IDFS 80.8% vs 67.1% (difference 13.7, published); the 3-year difference is computed."""
    drawn = landmark.draw(*select.landmark_rates(evidence, trials=["KATHERINE"]), evidence, THEMES["slide"])
    text = svg_text(drawn, evidence, tmp_path)
    for value in ("88.3%", "77.0%", "80.8%", "67.1%", "89.1%", "84.4%"):
        assert value in text
    assert "Difference 13.7 percentage points (published)" in text
    assert "Difference 11.3 percentage points (derived: 88.3 \u2212 77.0)" in text
    assert "Derived: 3-year IDFS difference in KATHERINE, 11.3 percentage points = 88.3 \u2212 77.0." in drawn.alt_text or \
        drawn.derived == ["3-year IDFS difference in KATHERINE, 11.3 percentage points = 88.3 \u2212 77.0"]
    assert "Derived:" in text and "Published values; no new analysis" not in text
    assert [r["row_id"] for r in drawn.rows if r["table"] == "derived"] == [None]


def test_medians_show_emilia_medians_with_their_hazard_ratios(evidence, tmp_path):
    """Label 14.1: OS 30.9 vs 25.1 months, HR 0.682; Verma 2012: PFS 9.6 vs 6.4 months, HR 0.65."""
    drawn = medians.draw(*select.medians(evidence, trials=["EMILIA"], endpoints=["PFS", "OS"]), evidence, THEMES["slide"])
    text = svg_text(drawn, evidence, tmp_path)
    for value in ("9.6 months", "6.4 months", "30.9 months", "25.1 months", "29.9 (26.3 to 34.1) months"):
        assert value in text
    assert "HR 0.682 (0.548 to 0.849), P = 0.0006" in text and "HR 0.65 (0.55 to 0.77)" in text
    assert "EMILIA, second interim OS analysis" in text
    assert "Geyer" not in text, "only the hazard ratios drawn are cited"


def test_a_median_not_reached_is_drawn_as_such_never_as_a_number(package, tmp_path):
    rows = package / "data" / "endpoints.csv"
    line = rows.read_text(encoding="utf-8").splitlines()[-1]
    append_row(rows, row_id="X-NR", trial="EMILIA", analysis="primary", endpoint="OS", statistic="median", arm="T-DM1",
               value_status="not_reached", unit="months", kind="reported", evidence_level="primary", source="verma2012",
               locator="fixture", quote="median not reached", note="fixture")
    assert line  # the shipped table is non-empty
    evidence = load(package / "data")
    frame, ratios = select.medians(evidence, trials=["EMILIA"], analyses=["primary"])
    drawn = medians.draw(frame, ratios, evidence, THEMES["slide"])
    assert "median OS, EMILIA, primary analysis: T-DM1 not reached." in drawn.description
    assert any(r["value"] == "not reached" for r in drawn.rows)


def test_safety_shows_each_event_by_arm(evidence, tmp_path):
    overall = safety.draw(select.adverse_events(evidence, trials=["KATHERINE"], scope="overall"), evidence, THEMES["slide"],
                          "overall")
    assert "grade 3 or higher adverse events" in svg_text(overall, evidence, tmp_path / "o") and "26.1%" in svg_text(
        overall, evidence, tmp_path / "o")
    assert "thrombocytopenia" not in svg_text(overall, evidence, tmp_path / "o")
    drawn = safety.draw(select.adverse_events(evidence, trials=["KATHERINE"], scope="specific",
                                              events=["hepatotoxicity", "thrombocytopenia"]), evidence, THEMES["slide"], "specific")
    text = svg_text(drawn, evidence, tmp_path)
    assert drawn.title == "Key specific adverse events by arm"
    assert "thrombocytopenia, any grade" in text and "28.5%" in text and "2.4%" in text
    assert "grade 3 or higher adverse events" not in text
    from trialfigs.evidence import cite

    rows = select.adverse_events(evidence, trials=["KATHERINE"], scope="specific", events=["hepatotoxicity", "thrombocytopenia"])
    assert "Sources: " + "; ".join(cite.short(evidence.references[s]) for s in dict.fromkeys(rows.source)) in text, \
        "the figure cites the publications in the rows' source column"
    read_in = {r for r in rows.get("read_in", []) if r and r not in set(rows.source)}
    assert not any(cite.short(evidence.references[r]) in text for r in read_in), "where a value was read goes to the manifest"
    assert "KATHERINE, primary analysis: T-DM1 37.3%; trastuzumab 10.6%" in drawn.description


@pytest.mark.parametrize("kind", ["landmark", "medians", "safety-specific", "safety-overall"])
def test_every_value_drawn_is_a_row_or_a_labelled_derived_value(evidence, kind):
    drawn = {
        "landmark": lambda: landmark.draw(*select.landmark_rates(evidence, trials=["KATHERINE"]), evidence, THEMES["print"]),
        "medians": lambda: medians.draw(*select.medians(evidence, trials=["EMILIA"], endpoints=["OS"]), evidence, THEMES["print"]),
        "safety-specific": lambda: safety.draw(select.adverse_events(evidence, trials=["EMILIA"], scope="specific",
                                                                     events=["thrombocytopenia", "diarrhoea"]), evidence, THEMES["print"]),
        "safety-overall": lambda: safety.draw(select.adverse_events(evidence, trials=["KATHERINE"], scope="overall"), evidence,
                                              THEMES["print"]),
    }[kind]()
    ids = set(evidence.endpoints.row_id) | set(evidence.safety.row_id)
    for row in drawn.rows:
        assert row["row_id"] in ids or (row["table"] == "derived" and row["derivation"])
