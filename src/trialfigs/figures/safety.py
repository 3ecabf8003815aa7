"""Adverse events by arm, as published: one group per event and category."""

from __future__ import annotations

import math

import pandas as pd

from ..load import Evidence
from .. import vocab
from ..theme import Theme
from .bars import Bar, Group, draw_groups
from .common import Drawn, footer_text

CATEGORY = {"any_grade": "any grade", "grade_3_or_higher": "grade 3 or higher", "serious": "serious"}


def draw(safety: pd.DataFrame, evidence: Evidence, theme: Theme) -> Drawn:
    if safety.empty:
        raise ValueError("no adverse-event row matches the selection")
    roles = {(t, a): r for t, a, r in zip(evidence.arms.trial, evidence.arms.arm, evidence.arms.role)}
    groups, rows = [], []
    keys = ["trial", "analysis", "event", "category"]
    for (trial, analysis, event, category), members in safety.groupby(keys, sort=False):
        members = members.assign(_r=[roles[(trial, a)] != "experimental" for a in members.arm]).sort_values("_r", kind="stable")
        what = f"{event}, {CATEGORY[category]}" if event != "any adverse event" else f"{CATEGORY[category]} adverse events"
        label = f"{what}\n{vocab.trial_label(trial)}, {vocab.analysis_label(trial, analysis)}"
        groups.append(Group(label, [Bar(r["arm"], roles[(trial, r["arm"])], float(r["estimate"]), f"{r['estimate_text']}%")
                                    for _, r in members.iterrows()]))
        rows += [{"table": "safety", "row_id": r["row_id"], "label": f"{trial}, {what}, {analysis}, {r['arm']}",
                  "value": f"{r['estimate_text']}%"} for _, r in members.iterrows()]
    title = "Adverse events by arm"
    xmax = max(10.0, math.ceil(float(safety.estimate.max()) / 10) * 10)
    fig = draw_groups(groups, theme, title, "Patients with the event (%), as published", "Patients (%)",
                      footer_text(evidence, safety, []), xmax)
    alt = ["Bar chart of published adverse-event rates by arm."]
    alt += [f"{g.label.replace(chr(10), ', ')}: " + "; ".join(f"{b.arm} {b.text}" for b in g.bars) + "." for g in groups]
    return Drawn("safety", title, fig, " ".join(alt), rows, list(dict.fromkeys(safety.source)))
