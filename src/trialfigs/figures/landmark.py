"""Landmark survival: the published rate per arm at each published timepoint, with the difference."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from trialfigs.evidence import vocabulary as vocab
from trialfigs.evidence.load import Evidence
from trialfigs.figures.bars import Bar, Group, draw_groups
from trialfigs.figures.common import Drawn, footer_text
from trialfigs.figures.theme import Theme
from trialfigs.figures.wording import alive

KEY = ["trial", "analysis", "endpoint", "timepoint", "time_unit"]


def groups_of(rates, differences, roles: dict) -> tuple[list[Group], list[dict], list[str]]:
    groups, rows, derived = [], [], []
    for key, members in rates.groupby(KEY, sort=False):
        trial, analysis, endpoint, timepoint, unit = key
        members = members.assign(_role=[0 if roles[(trial, a)] == "experimental" else 1 for a in members.arm])
        members = members.sort_values("_role", kind="stable")
        when = f"{timepoint:g}-{unit.rstrip('s')}"
        label = f"{when} {endpoint}"
        bars = [Bar(r.arm, roles[(trial, r.arm)], float(r.estimate), f"{r.estimate_text}%") for r in members.itertuples()]
        rows += [{"table": "endpoints", "row_id": r.row_id, "label": f"{trial}, {label}, {r.arm}", "value": f"{r.estimate_text}%"}
                 for r in members.itertuples()]
        match = differences[(differences[KEY[:3]] == list(key[:3])).all(axis=1) & (differences.timepoint == timepoint)]
        if len(match):
            d = match.iloc[0]
            note = f"Difference {d.estimate_text} percentage points (published)"
            rows.append({"table": "endpoints", "row_id": d.row_id, "label": f"{trial}, {label}, difference", "value": d.estimate_text})
        elif len(members) == 2:
            a, b = members.estimate_text.iloc[0], members.estimate_text.iloc[1]
            value = Decimal(a) - Decimal(b)
            note = f"Difference {value} percentage points (derived: {a} \u2212 {b})"
            derived.append(f"{when} {endpoint} difference in {vocab.trial_label(trial)}, {value} percentage points = {a} \u2212 {b}")
            rows.append({"table": "derived", "row_id": None, "label": f"{trial}, {label}, difference", "value": str(value),
                         "derivation": f"{a} - {b}"})
        else:
            note = ""
        groups.append(Group(f"{label}\n{vocab.trial_label(trial)}, {vocab.analysis_label(trial, analysis)}", bars, note))
    return groups, rows, derived


def axis_label(endpoints: list[str]) -> str:
    """'Patients alive without invasive disease (%)' for one endpoint; the generic words for several."""
    if len(endpoints) == 1:
        return f"Patients {alive(vocab.label('endpoint', endpoints[0]))} at the timepoint (%)"
    return "Kaplan-Meier rate at the timepoint (% of patients)"


def draw(rates, differences, evidence: Evidence, theme: Theme) -> Drawn:
    if rates.empty:
        raise ValueError("no landmark rate matches the selection")
    roles = {(t, a): r for t, a, r in zip(evidence.arms.trial, evidence.arms.arm, evidence.arms.role)}
    groups, rows, derived = groups_of(rates, differences, roles)
    endpoints = ", ".join(vocab.label("endpoint", e) for e in dict.fromkeys(rates.endpoint))
    title = "Landmark survival rates by arm"
    columns = ["source", "evidence_level"]
    cited = pd.concat([rates[columns], differences[columns]]) if len(differences) else rates[columns]
    fig, deck_fig = draw_groups(groups, theme, title, f"Kaplan-Meier estimates as published: {endpoints}",
                      axis_label(list(dict.fromkeys(rates.endpoint))), footer_text(evidence, cited, derived), 100)
    alt = ["Bar chart of published landmark survival rates by arm."]
    alt += [f"{g.label.replace(chr(10), ', ')}: " + "; ".join(f"{b.arm} {b.text}" for b in g.bars) + (f"; {g.note}" if g.note else "") + "."
            for g in groups]
    return Drawn("landmark", title, fig, " ".join(alt), rows, list(dict.fromkeys(cited.source)), derived, deck_figure=deck_fig)
