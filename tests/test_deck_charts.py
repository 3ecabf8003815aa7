"""The editable deck: the bar-type figures as native PowerPoint charts, every number in them equal to
the row of data/ the manifest names (read here with the csv module, independently of the package)."""

from __future__ import annotations

import csv

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from test_deck import manifest, stem_of

from conftest import ROOT

BAR_KINDS = ("landmark", "medians", "safety")
CHARTED = ("landmark_rate", "median")


def data_rows() -> dict[str, dict[str, str]]:
    found = {}
    for table in ("endpoints", "safety"):
        with open(ROOT / "data" / f"{table}.csv", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                found[row["row_id"]] = {**row, "table": table}
    return found


def charted_rows(stem: str, rows: dict) -> list[dict]:
    picked = [rows[v["row_id"]] for v in manifest(stem)["values"] if v.get("row_id") in rows]
    return [r for r in picked if r["table"] == "safety" or r["statistic"] in CHARTED]


def published(row: dict) -> str:
    return f"{row['estimate']}%" if row["unit"] == "percent" else f"{row['estimate']} {row['unit']}"


def charts(path) -> dict[str, object]:
    return {stem_of(s): s.chart for slide in Presentation(str(path)).slides for s in slide.shapes
            if getattr(s, "has_chart", False)}


def test_bar_type_figures_are_charts_in_the_editable_deck_and_pictures_in_the_other(decks):
    found = charts(decks["editable"])
    assert found and {manifest(stem)["figure"] for stem in found} <= set(BAR_KINDS)
    pictured = {stem_of(s) for slide in Presentation(str(decks["plain"])).slides for s in slide.shapes
                if s.shape_type == MSO_SHAPE_TYPE.PICTURE}
    assert set(found) == {stem for stem in pictured if manifest(stem)["figure"] in BAR_KINDS}
    assert not charts(decks["plain"])


def test_every_number_in_the_charts_is_its_row_of_data_and_every_row_is_charted(decks):
    rows = data_rows()
    for stem, chart in charts(decks["editable"]).items():
        expected = charted_rows(stem, rows)
        drawn = []
        for series in chart.plots[0].series:
            for i, value in enumerate(series.values):
                if value is None:
                    continue
                label = series.points[i].data_label.text_frame.text
                match = [r for r in expected if r["arm"] == series.name and r["estimate"] and float(r["estimate"]) == value
                         and published(r) == label]
                assert match, f"{stem}: {series.name} {value} ({label}) is no row the manifest names"
                drawn.append(value)
        reported = [r for r in expected if r.get("value_status", "reported") == "reported"]
        assert len(drawn) == len(reported), f"{stem}: {len(drawn)} bars for {len(reported)} published values"


def test_a_changed_row_would_be_caught(decks):
    """The check above can fail: a chart value off by 0.1 matches no row."""
    rows = data_rows()
    stem, chart = next(iter(charts(decks["editable"]).items()))
    series = chart.plots[0].series[0]
    value = next(v for v in series.values if v is not None) + 0.1
    assert not [r for r in charted_rows(stem, rows) if r["arm"] == series.name and r["estimate"] and float(r["estimate"]) == value]


def test_a_median_not_reached_is_named_in_its_category_and_drawn_as_no_bar():
    from trialfigs.publish.deck.charts import points

    index = {"R1": {"table": "endpoints", "row_id": "R1", "trial": "T", "analysis": "a", "endpoint": "OS", "statistic": "median",
                    "arm": "A", "value_status": "not_reached", "estimate": "", "unit": "months"},
             "R2": {"table": "endpoints", "row_id": "R2", "trial": "T", "analysis": "a", "endpoint": "OS", "statistic": "median",
                    "arm": "B", "value_status": "reported", "estimate": "25.1", "estimate_text": "25.1", "unit": "months"}}
    found = points({"values": [{"row_id": "R1"}, {"row_id": "R2"}]}, index, {})
    assert [(p["arm"], p["value"], p["label"]) for p in found] == [("A", None, "not reached"), ("B", 25.1, "25.1 months")]
