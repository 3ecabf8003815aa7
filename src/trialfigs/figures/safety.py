"""Adverse events by arm, as published: one group per event and category."""

from __future__ import annotations

import math

import pandas as pd

from trialfigs.evidence import vocabulary as vocab
from trialfigs.evidence.load import Evidence
from trialfigs.evidence.vocabulary import OVERALL_EVENT
from trialfigs.figures.bars import Bar, Group, draw_groups
from trialfigs.figures.common import Drawn, footer_text
from trialfigs.figures.theme import Theme


def category(code: str) -> str:
    return vocab.label("category", code)


def draw(safety: pd.DataFrame, evidence: Evidence, theme: Theme, scope: str = "all") -> Drawn:
    if safety.empty:
        raise ValueError("no adverse-event row matches the selection")
    roles = {(t, a): r for t, a, r in zip(evidence.arms.trial, evidence.arms.arm, evidence.arms.role)}
    groups, rows = [], []
    safety = safety.assign(period=safety["period"].fillna("") if "period" in safety else "")
    keys = ["trial", "analysis", "event", "category", "period"]
    # The same rate over two treatment periods (overall; adjuvant period only) is two groups, each named.
    for (trial, analysis, event, cat, period), members in safety.groupby(keys, sort=False):
        members = members.assign(_r=[roles[(trial, a)] != "experimental" for a in members.arm]).sort_values("_r", kind="stable")
        what = f"{event}, {category(cat)}" if event != OVERALL_EVENT else f"{category(cat)} adverse events"
        if period:
            what = f"{what}, {period}"
        label = f"{what}\n{vocab.trial_label(trial)}, {vocab.analysis_label(trial, analysis)}"
        groups.append(Group(label, [Bar(r["arm"], roles[(trial, r["arm"])], float(r["estimate"]), f"{r['estimate_text']}%")
                                    for _, r in members.iterrows()]))
        rows += [{"table": "safety", "row_id": r["row_id"], "label": f"{trial}, {what}, {analysis}, {r['arm']}",
                  "value": f"{r['estimate_text']}%"} for _, r in members.iterrows()]
    title = {"specific": "Key specific adverse events by arm", "overall": "Adverse events by arm and category"}.get(
        scope, "Adverse events by arm")
    xmax = max(10.0, math.ceil(float(safety.estimate.max()) / 10) * 10)
    fig, deck_fig = draw_groups(groups, theme, title, "Patients with the event (%), as published", "Patients (%)",
                      footer_text(evidence, safety, []), xmax)
    alt = ["Bar chart of published adverse-event rates by arm."]
    alt += [f"{g.label.replace(chr(10), ', ')}: " + "; ".join(f"{b.arm} {b.text}" for b in g.bars) + "." for g in groups]
    return Drawn("safety", title, fig, " ".join(alt), rows, list(dict.fromkeys(safety.source)), deck_figure=deck_fig)
