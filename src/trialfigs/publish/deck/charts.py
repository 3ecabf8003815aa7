"""Native PowerPoint bar charts of the bar-type figures, for the editable deck.

Built from the manifest's values and the data rows they name: one category per published
comparison (trial, endpoint or event, timepoint, analysis), one series per arm, each point's
label the value as published ("88.3%", "not reached"). The chart draws what the picture draws:
the value axis starts at 0 (percentages end at 100), each arm has the picture's colour and
hatching (theme.arm_styles), the experimental arm comes first in each cluster and in the legend,
and the hazard ratio or difference the picture prints under a group is printed in its category.
No automatic chart title: the slide title says what the chart shows.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_PATTERN_TYPE
from pptx.util import Pt

from trialfigs.figures import theme
from trialfigs.figures.kinds import charted
from trialfigs.publish.deck import layout as L
from trialfigs.publish.deck import names as vocab
from trialfigs.publish.deck import rows as R
from trialfigs.publish.deck.slides import short_alt

BAR_KINDS = charted("")  # every kind the editable deck draws as a native chart (figures/kinds.py)
CHARTED = ("landmark_rate", "proportion", "median")
# matplotlib hatches of theme.ROLE_STYLE as DrawingML preset patterns (white lines on the arm's colour, as drawn).
PATTERNS = {"//": MSO_PATTERN_TYPE.WIDE_UPWARD_DIAGONAL, "\\\\": MSO_PATTERN_TYPE.WIDE_DOWNWARD_DIAGONAL,
            "xx": MSO_PATTERN_TYPE.DIAGONAL_CROSS, "..": MSO_PATTERN_TYPE.SMALL_CONFETTI}
WHITE = "FFFFFF"
# A median is a point in time, not a length: the editable deck draws it as a marker (a line chart with its line
# hidden, time on the value axis), in the picture's marker shape per arm.
POINT_KINDS = charted("points")
MARKERS = {"o": XL_MARKER_STYLE.CIRCLE, "s": XL_MARKER_STYLE.SQUARE, "^": XL_MARKER_STYLE.TRIANGLE,
           "D": XL_MARKER_STYLE.DIAMOND, "v": XL_MARKER_STYLE.TRIANGLE, "P": XL_MARKER_STYLE.PLUS, "X": XL_MARKER_STYLE.X}


def _category(r: dict, analyses: dict, several: bool) -> str:
    trial = f"{vocab.trial_label(r['trial'])} " if several else ""
    where = R.analysis_name(r, analyses)
    if r["table"] == "safety":
        period = f", {r['period']}" if r.get("period") else ""  # the same rate in two treatment periods is two bars
        return f"{trial}{r['event']}, {vocab.label('category', r['category'])}{period} ({where})"
    if r.get("timepoint"):
        return f"{trial}{r['endpoint']} at {r['timepoint']} {r.get('time_unit', '')} ({where})"
    return f"{trial}{r['endpoint']} ({where})"


def points(record: dict, index: dict, analyses: dict) -> list[dict]:
    """[{category, arm, value (float or None), label, row_id, unit}] for every charted row of the manifest."""
    rows = [r for r in R.shown(record, index) if r["table"] == "safety" or r.get("statistic") in CHARTED]
    several = len({r["trial"] for r in rows}) > 1
    found = []
    for r in rows:
        reached = r.get("value_status", "reported") == "reported" and r.get("estimate") != ""
        found.append({"category": _category(r, analyses, several), "arm": r["arm"], "trial": r["trial"],
                      "value": float(r["estimate"]) if reached else None,
                      "label": R.unit_text(r) if reached else "not reached", "row_id": r["row_id"], "unit": r.get("unit", ""),
                      "key": _key(r)})
    return found


def _key(r: dict) -> tuple:
    """What a comparison row and the rows of its arms share: trial, analysis, endpoint, timepoint."""
    return (r["trial"], r["analysis"], r.get("endpoint", ""), r.get("timepoint", ""))


def _ratio_text(r: dict) -> str:
    ci = (f" ({r.get('ci_low_text') or r['ci_low']} to {r.get('ci_high_text') or r['ci_high']})"
          if r.get("ci_low") and r.get("ci_high") else "")
    p = r.get("p_value", "")
    p = (f", P{p}" if p[:1] in "<>≤" else f", P = {p}") if p else ""
    return f"HR {R.estimate(r)}{ci}{p}"


def annotations(record: dict, index: dict, found: list[dict]) -> dict[tuple, str]:
    """The text the picture prints under a group: the hazard ratio of the same analysis and endpoint, or
    the published difference of a landmark rate; a difference of two published rates is derived and says so."""
    shown = R.shown(record, index)
    said: dict[tuple, str] = {}
    for r in shown:
        if r.get("statistic") == "hazard_ratio" and not r.get("subset"):
            said.setdefault((r["trial"], r["analysis"], r.get("endpoint", ""), ""), _ratio_text(r))
        elif r.get("statistic") == "difference":  # of a landmark rate (at its timepoint) or of a proportion
            said.setdefault(_key(r), f"difference {R.estimate(r)} percentage points")
    for key in dict.fromkeys(p["key"] for p in found):
        if key in said:
            continue
        rates = [p for p in found if p["key"] == key and p["value"] is not None and p["unit"] == "percent"]
        if len(rates) == 2 and all(index[p["row_id"]].get("statistic") in ("landmark_rate", "proportion") for p in rates):
            a, b = (R.estimate(index[p["row_id"]]) for p in rates)
            try:
                said[key] = f"difference {Decimal(a) - Decimal(b)} percentage points (derived: {a} \u2212 {b})"
            except InvalidOperation:
                pass
    return said


def arm_order(found: list[dict]) -> list[str]:
    """The arms as the picture orders them: in each comparison the experimental arm first."""
    roles = vocab.arm_roles()
    ordered = []
    for key in dict.fromkeys(p["key"] for p in found):
        members = [p for p in found if p["key"] == key]
        members.sort(key=lambda p: roles.get((p["trial"], p["arm"])) != "experimental")
        ordered += [p["arm"] for p in members]
    return list(dict.fromkeys(ordered))


def arm_styles(found: list[dict]) -> dict[str, dict]:
    """The picture's colour, marker and hatch per arm (the same call, in the same order, as figures/bars.py)."""
    roles = vocab.arm_roles()
    trial_of = {p["arm"]: p["trial"] for p in found}
    return theme.arm_styles([(arm, roles.get((trial_of[arm], arm), "control")) for arm in arm_order(found)])


def _fill(series, style: dict) -> None:
    colour = style["color"].lstrip("#").upper()
    fill = series.format.fill
    if style.get("hatch") in PATTERNS:
        fill.patterned()
        fill.pattern = PATTERNS[style["hatch"]]
        fill.fore_color.rgb = RGBColor.from_string(WHITE)
        fill.back_color.rgb = RGBColor.from_string(colour)
    else:
        fill.solid()
        fill.fore_color.rgb = RGBColor.from_string(colour)
    series.format.line.color.rgb = RGBColor.from_string(colour)
    series.invert_if_negative = False


def _marker(series, style: dict) -> None:
    """The series as markers only: no line, the arm's marker shape filled with its colour."""
    colour = RGBColor.from_string(style["color"].lstrip("#").upper())
    series.format.line.fill.background()
    series.smooth = False
    series.marker.style = MARKERS.get(style.get("marker"), XL_MARKER_STYLE.CIRCLE)
    series.marker.size = 12
    series.marker.format.fill.solid()
    series.marker.format.fill.fore_color.rgb = colour
    series.marker.format.line.color.rgb = colour


def chart_slide(deck, title: str, record: dict, stem: str, index: dict, analyses: dict, notes: str):
    found = points(record, index, analyses)
    as_points = record.get("figure") in POINT_KINDS
    slide = L.new_slide(deck, title)
    source = L.source_line(slide, L.sources_text(record.get("citations", [])))
    area = L.body_area(source)
    said = annotations(record, index, found)
    # A bar chart draws its first category and, in each cluster, its first series at the bottom, and lists a bar
    # chart's series in the legend from the last (LibreOffice; the order they are stacked on screen). So the
    # categories and the series go in reversed: the first comparison on top, in each cluster the picture's first
    # (experimental) arm on top, the legend in the picture's order, and the value axis at the bottom.
    # A marker chart runs its categories left to right and lists its series in order: nothing is reversed.
    categories = list(dict.fromkeys(p["category"] for p in found))
    categories = categories if as_points else categories[::-1]
    key_of = {p["category"]: p["key"] for p in found}
    arms = arm_order(found) if as_points else arm_order(found)[::-1]
    styles = arm_styles(found)
    missing = {c: [p["arm"] for p in found if p["category"] == c and p["value"] is None] for c in categories}

    def name(c: str) -> str:
        parts = [c] + ([said[key_of[c]]] if key_of[c] in said else [])
        if missing[c]:
            parts.append(f"median not reached: {vocab.list_names(missing[c])}")
        return "\n".join(parts)

    data = CategoryChartData()
    data.categories = [name(c) for c in categories]
    where = {(p["category"], p["arm"]): p for p in found}
    for arm in arms:
        data.add_series(arm, [where[(c, arm)]["value"] if (c, arm) in where else None for c in categories])
    kind = XL_CHART_TYPE.LINE_MARKERS if as_points else XL_CHART_TYPE.BAR_CLUSTERED
    frame = slide.shapes.add_chart(kind, area.left, area.top, area.width, area.height, data)
    frame.name = f"Chart {stem}"
    frame._element.nvGraphicFramePr.cNvPr.set("descr", short_alt(record.get("alt_text", "")))
    chart = frame.chart
    chart.has_title = False
    chart.font.size = Pt(L.MIN_BODY_PT)
    chart.font.name = L.DECK_FONT
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.TOP
    chart.legend.include_in_layout = False
    chart.legend.font.name = L.DECK_FONT
    chart.legend.font.size = Pt(L.MIN_BODY_PT)
    chart.category_axis.tick_labels.font.name = L.DECK_FONT
    units = {p["unit"] for p in found}
    axis = chart.value_axis
    axis.minimum_scale = 0
    values = [p["value"] for p in found if p["value"] is not None]
    if units == {"percent"}:
        axis.maximum_scale = 100
    elif values:
        top = max(values)
        step = 10 if top > 20 else 5 if top > 5 else 1
        axis.maximum_scale = (int(top * 1.15 // step) + 1) * step  # room for the printed value beside the longest bar
    axis.has_major_gridlines = False
    axis.tick_labels.font.name = L.DECK_FONT
    axis.has_title = True
    axis.axis_title.text_frame.text = "patients (%)" if units == {"percent"} else "median, " + ", ".join(sorted(units))
    run = axis.axis_title.text_frame.paragraphs[0].runs[0]
    run.font.size, run.font.name = Pt(L.MIN_BODY_PT), L.DECK_FONT
    for series, arm in zip(chart.plots[0].series, arms):
        if as_points:
            _marker(series, styles[arm])
        else:
            _fill(series, styles[arm])
        for i, category in enumerate(categories):
            point = where.get((category, arm))
            if point is None or point["value"] is None:
                continue
            label = series.points[i].data_label
            label.has_text_frame = True
            label.text_frame.text = point["label"]
            label.text_frame.paragraphs[0].runs[0].font.size = Pt(L.MIN_BODY_PT)
            label.text_frame.paragraphs[0].runs[0].font.name = L.DECK_FONT
            label.position = XL_LABEL_POSITION.RIGHT if as_points else XL_LABEL_POSITION.OUTSIDE_END
    slide.notes_slide.notes_text_frame.text = notes
    return slide
