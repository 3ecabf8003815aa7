"""The editable deck: the bar-type figures as native PowerPoint charts, every number in them equal to
the row of data/ the manifest names (read here with the csv module, independently of the package)."""

from __future__ import annotations

import csv
import re

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from test_deck import manifest, stem_of

from conftest import ROOT

BAR_KINDS = ("landmark", "proportions", "medians", "safety")
POINT_KINDS = ("medians",)  # a median is a point in time: a marker, never a bar
CHARTED = ("landmark_rate", "proportion", "median")


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


# --- the charts draw what the pictures draw (issue 19) ---------------------------------------------------

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def arm_roles() -> dict[tuple[str, str], str]:
    with open(ROOT / "data" / "arms.csv", encoding="utf-8", newline="") as handle:
        return {(r["trial"], r["arm"]): r["role"] for r in csv.DictReader(handle)}


def series_colour(series) -> tuple[str, str]:
    """('solid' or 'pattern', the arm's colour: a solid fill's colour, a pattern's background)."""
    fill = series._element.find(f"{C}spPr")
    solid = fill.find(f"{A}solidFill")
    if solid is not None:
        return "solid", solid.find(f"{A}srgbClr").get("val").upper()
    pattern = fill.find(f"{A}pattFill")
    return "pattern", pattern.find(f"{A}bgClr/{A}srgbClr").get("val").upper()


def test_every_chart_axis_starts_at_zero_percentages_end_at_100_and_no_chart_titles_itself(decks):
    rows = data_rows()
    found = charts(decks["editable"])
    assert found
    for stem, chart in found.items():
        space = chart._chartSpace
        value_axis = space.find(f".//{C}valAx")
        minimum = value_axis.find(f"{C}scaling/{C}min")
        assert minimum is not None and float(minimum.get("val")) == 0, f"{stem}: value axis does not start at 0"
        if {r["unit"] for r in charted_rows(stem, rows)} == {"percent"}:
            assert float(value_axis.find(f"{C}scaling/{C}max").get("val")) == 100, f"{stem}: a percentage axis ends at 100"
        assert space.find(f"{C}chart/{C}title") is None, f"{stem}: the chart carries a title of its own"
        deleted = space.find(f"{C}chart/{C}autoTitleDeleted")
        assert deleted is not None and deleted.get("val") in ("1", "true"), f"{stem}: an automatic title would be drawn"


def test_every_arm_has_the_pictures_colour_and_hatching_and_the_experimental_arm_comes_first(decks):
    """figures/bars.py styles the arms with theme.arm_styles, experimental arm first in each group, control arms
    hatched. A bar chart stacks its first series at the bottom of a cluster and lists the series in its legend from
    the last, so the series are stored in reverse: read back to front they are the picture's order."""
    from trialfigs.figures import theme

    rows, roles = data_rows(), arm_roles()
    for stem, chart in charts(decks["editable"]).items():
        trials = {r["trial"] for r in charted_rows(stem, rows)}
        role = {arm: roles[(t, arm)] for t in trials for (tt, arm) in roles if tt == t}
        if manifest(stem)["figure"] in POINT_KINDS:
            continue  # markers: test_a_median_is_a_marker_in_the_pictures_shape_and_colour
        arms = [s.name for s in chart.plots[0].series][::-1]
        firsts = [role[a] for a in arms]
        assert firsts == sorted(firsts, key=lambda r: r != "experimental"), f"{stem}: series order {arms}"
        expected = theme.arm_styles([(a, role[a]) for a in arms])
        for series in chart.plots[0].series:
            kind, colour = series_colour(series)
            style = expected[series.name]
            assert colour == style["color"].lstrip("#").upper(), f"{stem}: {series.name} drawn in {colour}"
            assert kind == ("pattern" if style["hatch"] else "solid"), f"{stem}: {series.name} hatching lost"


def test_the_hazard_ratio_or_difference_of_each_comparison_is_printed_in_the_chart(decks):
    """KATHERINE 7-year IDFS difference 13.7 percentage points (Geyer et al., N Engl J Med 2025), any published
    hazard ratio of a median chart: the text the picture prints under its group is in the chart's categories."""
    rows = data_rows()
    for stem, chart in charts(decks["editable"]).items():
        text = " ".join(chart.plots[0].categories)
        printed = {float(n) for n in re.findall(r"(?:HR|difference) (-?[0-9.]+)", text)}
        for value in manifest(stem)["values"]:
            row = rows.get(value.get("row_id") or "")
            if row and row.get("statistic") == "hazard_ratio" and not row.get("subset"):
                assert float(row["estimate"]) in printed, f"{stem}: hazard ratio {row['row_id']} not in the chart"
            if row and row.get("statistic") == "difference" and row.get("timepoint"):
                assert float(row["estimate"]) in printed, f"{stem}: difference {row['row_id']} not in the chart"


def test_theme_fonts_are_the_deck_font(decks):
    import zipfile

    from trialfigs.figures.theme import FONT

    for which in ("plain", "editable"):
        with zipfile.ZipFile(decks[which]) as package:
            xml = package.read("ppt/theme/theme1.xml").decode("utf-8")
        for tag in ("majorFont", "minorFont"):
            part = xml.split(f"<a:{tag}>", 1)[1]
            assert part.split("<a:latin typeface=\"", 1)[1].startswith(FONT + '"'), f"{which}: {tag} is not {FONT}"


def test_a_median_is_a_marker_in_the_pictures_shape_and_colour_never_a_bar(decks):
    """figures/medians.py draws a median as a labelled marker (issue 19, item 9); the editable deck's chart of it is
    markers with no line, each arm in the picture's colour and marker shape, experimental arm first, axis from 0."""
    from pptx.enum.chart import XL_CHART_TYPE

    from trialfigs.figures import theme
    from trialfigs.publish.deck.charts import MARKERS

    rows, roles = data_rows(), arm_roles()
    found = {stem: chart for stem, chart in charts(decks["editable"]).items() if manifest(stem)["figure"] in POINT_KINDS}
    assert found
    for stem, chart in found.items():
        assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS, f"{stem}: {chart.chart_type}"
        assert chart.value_axis.minimum_scale == 0
        trials = {r["trial"] for r in charted_rows(stem, rows)}
        role = {arm: roles[(t, arm)] for t in trials for (tt, arm) in roles if tt == t}
        arms = [s.name for s in chart.plots[0].series]
        assert [role[a] for a in arms] == sorted((role[a] for a in arms), key=lambda r: r != "experimental"), arms
        expected = theme.arm_styles([(a, role[a]) for a in arms])
        for series in chart.plots[0].series:
            style = expected[series.name]
            assert series.marker.style == MARKERS[style["marker"]], f"{stem}: {series.name} marker"
            assert str(series.marker.format.fill.fore_color.rgb) == style["color"].lstrip("#").upper()
            line = series._element.find(f"{C}spPr/{A}ln")
            assert line is not None and line.find(f"{A}noFill") is not None, f"{stem}: {series.name} joined by a line"
