"""Proportions of patients per arm (pathological complete response, objective response, clinically relevant
toxicity): the published percentage with its count or interval where published, and the difference.

A proportion is a share of the patients of one arm at no timepoint, so it is not drawn beside the
Kaplan-Meier rates of the landmark figure. The axis runs from 0 to 100 %.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from trialfigs.evidence import vocabulary as vocab
from trialfigs.evidence.load import Evidence
from trialfigs.figures.bars import Bar, Group, draw_groups
from trialfigs.figures.common import Drawn, footer_text
from trialfigs.figures.theme import Theme

KEY = ["trial", "analysis", "endpoint"]


def _count(value) -> str:
    return "" if value is None or pd.isna(value) else str(int(value))


def _level(row) -> str:
    return f"{float(row.ci_level):g}" if pd.notna(row.ci_level) else "95"


def share_text(row) -> str:
    """'43.6% (173/397)', '79.7% (95% CI 74.3 to 84.4)', '46% (n = 383)' or '44.4%': as published."""
    text = f"{row.estimate_text}%"
    events, n = _count(row.events), _count(row.n)
    if events and n:
        return f"{text} ({events}/{n})"
    if row.ci_low_text and row.ci_high_text:
        return f"{text} ({_level(row)}% CI {row.ci_low_text} to {row.ci_high_text})"
    if n:
        return f"{text} (n = {n})"
    return text


def groups_of(shares, differences, roles: dict) -> tuple[list[Group], list[dict], list[str]]:
    groups, rows, derived = [], [], []
    for key, members in shares.groupby(KEY, sort=False):
        trial, analysis, endpoint = key
        members = members.assign(_role=[0 if roles[(trial, a)] == "experimental" else 1 for a in members.arm])
        members = members.sort_values("_role", kind="stable")
        label = vocab.label("endpoint", endpoint)
        label = label[:1].upper() + label[1:]
        bars = [Bar(r.arm, roles[(trial, r.arm)], float(r.estimate), share_text(r)) for r in members.itertuples()]
        rows += [{"table": "endpoints", "row_id": r.row_id, "label": f"{trial}, {endpoint}, {r.arm}", "value": share_text(r)}
                 for r in members.itertuples()]
        match = differences[(differences[KEY] == list(key)).all(axis=1)]
        if len(match):
            d = match.iloc[0]
            interval = f"; {_level(d)}% CI {d.ci_low_text} to {d.ci_high_text}" if d.ci_low_text and d.ci_high_text else ""
            note = f"Difference {d.estimate_text} percentage points (published{interval})"
            rows.append({"table": "endpoints", "row_id": d.row_id, "label": f"{trial}, {endpoint}, difference",
                         "value": d.estimate_text})
        elif len(members) == 2:
            a, b = members.estimate_text.iloc[0], members.estimate_text.iloc[1]
            value = Decimal(a) - Decimal(b)
            note = f"Difference {value} percentage points (derived: {a} \u2212 {b})"
            derived.append(f"{endpoint} difference in {vocab.trial_label(trial)}, {value} percentage points = {a} \u2212 {b}")
            rows.append({"table": "derived", "row_id": None, "label": f"{trial}, {endpoint}, difference", "value": str(value),
                         "derivation": f"{a} - {b}"})
        else:
            note = ""
        groups.append(Group(f"{label}\n{vocab.trial_label(trial)}, {vocab.analysis_label(trial, analysis)}", bars, note))
    return groups, rows, derived


def draw(shares, differences, evidence: Evidence, theme: Theme) -> Drawn:
    if shares.empty:
        raise ValueError("no proportion of an outcome matches the selection")
    roles = {(t, a): r for t, a, r in zip(evidence.arms.trial, evidence.arms.arm, evidence.arms.role)}
    groups, rows, derived = groups_of(shares, differences, roles)
    endpoints = [vocab.label("endpoint", e) for e in dict.fromkeys(shares.endpoint)]
    title = "Proportion of patients by arm"
    columns = ["source", "evidence_level"]
    cited = pd.concat([shares[columns], differences[columns]]) if len(differences) else shares[columns]
    fig, deck_fig = draw_groups(groups, theme, title, f"As published: {', '.join(endpoints)}",
                                "Patients (%)", footer_text(evidence, cited, derived), 100)
    alt = ["Bar chart of published proportions of patients by arm."]
    alt += [f"{g.label.replace(chr(10), ', ')}: " + "; ".join(f"{b.arm} {b.text}" for b in g.bars) + (f"; {g.note}" if g.note else "") + "."
            for g in groups]
    return Drawn("proportions", title, fig, " ".join(alt), rows, list(dict.fromkeys(cited.source)), derived, deck_figure=deck_fig)
