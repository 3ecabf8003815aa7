"""Native PowerPoint bar charts of the bar-type figures, for the editable deck.

Built from the manifest's values and the data rows they name: one category per published
comparison (trial, endpoint or event, timepoint, analysis), one series per arm, each point's
label the value as published ("88.3%", "not reached"). Differences stay in the notes.
"""

from __future__ import annotations

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.util import Pt

from trialfigs.figures import theme
from trialfigs.publish.deck import layout as L
from trialfigs.publish.deck import names as vocab
from trialfigs.publish.deck import rows as R
from trialfigs.publish.deck.slides import short_alt

BAR_KINDS = ("landmark", "medians", "safety")
CHARTED = ("landmark_rate", "median")
# Series colours in order of first appearance: the figures' Okabe-Ito palette.
PALETTE = [getattr(theme, "OKABE_ITO", {}).get(name, fallback) for name, fallback in (
    ("blue", "#0072B2"), ("vermillion", "#D55E00"), ("bluish_green", "#009E73"), ("orange", "#E69F00"),
    ("reddish_purple", "#CC79A7"), ("sky_blue", "#56B4E9"))]


def points(record: dict, index: dict, analyses: dict) -> list[dict]:
    """[{category, arm, value (float or None), label, row_id, unit}] for every charted row of the manifest."""
    rows = [r for r in R.shown(record, index) if r["table"] == "safety" or r.get("statistic") in CHARTED]
    several = len({r["trial"] for r in rows}) > 1
    found = []
    for r in rows:
        trial = f"{vocab.trial_label(r['trial'])} " if several else ""
        where = R.analysis_name(r, analyses)
        if r["table"] == "safety":
            period = f", {r['period']}" if r.get("period") else ""  # the same rate in two treatment periods is two bars
            category = f"{trial}{r['event']}, {vocab.label('category', r['category'])}{period} ({where})"
        elif r.get("timepoint"):
            category = f"{trial}{r['endpoint']} at {r['timepoint']} {r.get('time_unit', '')} ({where})"
        else:
            category = f"{trial}{r['endpoint']} ({where})"
        reached = r.get("value_status", "reported") == "reported" and r.get("estimate") != ""
        found.append({"category": category, "arm": r["arm"], "value": float(r["estimate"]) if reached else None,
                      "label": R.unit_text(r) if reached else "not reached", "row_id": r["row_id"], "unit": r.get("unit", "")})
    return found


def chart_slide(deck, title: str, record: dict, stem: str, index: dict, analyses: dict, notes: str):
    found = points(record, index, analyses)
    slide = L.new_slide(deck, title)
    source = L.source_line(slide, "Sources: " + "; ".join(c["short"] for c in record.get("citations", [])))
    area = L.body_area(source)
    # A bar chart draws its first category at the bottom: reversed, the first comparison is on top as in
    # the figure, and the value axis stays at the bottom (reverse_order would move it to the top).
    categories = list(dict.fromkeys(p["category"] for p in found))[::-1]
    arms = list(dict.fromkeys(p["arm"] for p in found))
    missing = {c: [p["arm"] for p in found if p["category"] == c and p["value"] is None] for c in categories}
    data = CategoryChartData()
    data.categories = [f"{c}; not reached: {vocab.list_names(missing[c])}" if missing[c] else c for c in categories]
    where = {(p["category"], p["arm"]): p for p in found}
    for arm in arms:
        data.add_series(arm, [where[(c, arm)]["value"] if (c, arm) in where else None for c in categories])
    frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, area.left, area.top, area.width, area.height, data)
    frame.name = f"Chart {stem}"
    frame._element.nvGraphicFramePr.cNvPr.set("descr", short_alt(record.get("alt_text", "")))
    chart = frame.chart
    chart.font.size = Pt(L.MIN_BODY_PT)
    chart.font.name = L.DECK_FONT
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    units = {p["unit"] for p in found}
    axis = chart.value_axis
    axis.has_title = True
    axis.axis_title.text_frame.text = "percent of patients" if units == {"percent"} else ", ".join(sorted(units))
    axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(L.MIN_BODY_PT)
    for n, (series, arm) in enumerate(zip(chart.plots[0].series, arms)):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = RGBColor.from_string(PALETTE[n % len(PALETTE)].lstrip("#"))
        for i, category in enumerate(categories):
            point = where.get((category, arm))
            if point is None or point["value"] is None:
                continue
            label = series.points[i].data_label
            label.has_text_frame = True
            label.text_frame.text = point["label"]
            label.text_frame.paragraphs[0].runs[0].font.size = Pt(L.MIN_BODY_PT)
            label.position = XL_LABEL_POSITION.OUTSIDE_END
    slide.notes_slide.notes_text_frame.text = notes
    return slide
