"""Median survival per arm at each analysis, with the hazard ratio of the same analysis and endpoint.

A median is a point in time, drawn as a labelled marker with its published interval, never as a bar; a
median not reached is printed as words at its arm, with nothing drawn that has a length."""

from __future__ import annotations

import pandas as pd

from trialfigs.evidence import cite
from trialfigs.evidence import vocabulary as vocab
from trialfigs.evidence.load import Evidence
from trialfigs.figures.bars import Bar, Group, draw_groups
from trialfigs.figures.common import Drawn, footer_text
from trialfigs.figures.theme import Theme
from trialfigs.figures.wording import ci_text, p_text


def median_text(row) -> str:
    if row["value_status"] == "not_reached":
        return "not reached"
    if row["ci_low_text"]:
        return f"{ci_text(row)} months"
    return f"{row['estimate_text']} months"


def _number(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else number  # NaN: no interval published


def draw(medians: pd.DataFrame, ratios: pd.DataFrame, evidence: Evidence, theme: Theme) -> Drawn:
    if medians.empty:
        raise ValueError("no median matches the selection")
    roles = {(t, a): r for t, a, r in zip(evidence.arms.trial, evidence.arms.arm, evidence.arms.role)}
    groups, rows, used = [], [], []
    for (trial, analysis, endpoint), members in medians.groupby(["trial", "analysis", "endpoint"], sort=False):
        members = members.assign(_r=[roles[(trial, a)] != "experimental" for a in members.arm]).sort_values("_r", kind="stable")
        label = f"median {endpoint}\n{vocab.trial_label(trial)}, {vocab.analysis_label(trial, analysis)}"
        bars = [Bar(r["arm"], roles[(trial, r["arm"])], None if r["value_status"] == "not_reached" else float(r["estimate"]),
                    median_text(r), _number(r.get("ci_low")), _number(r.get("ci_high"))) for _, r in members.iterrows()]
        rows += [{"table": "endpoints", "row_id": r["row_id"], "label": f"{trial}, {endpoint}, {analysis}, {r['arm']}",
                  "value": median_text(r)} for _, r in members.iterrows()]
        hr = ratios[(ratios.trial == trial) & (ratios.analysis == analysis) & (ratios.endpoint == endpoint)]
        note = ""
        if len(hr):
            h = hr.iloc[0]
            used.append(h)
            note = f"HR {ci_text(h)}" + (f", {p_text(h['p_value'])}" if h["p_value"] else "")
            rows.append({"table": "endpoints", "row_id": h["row_id"], "label": f"{trial}, {endpoint}, {analysis}, hazard ratio",
                         "value": ci_text(h)})
            if h.get("p_row_id"):  # the P value of the same comparison, as another source published it
                note += f" (P: {cite.short(evidence.references[h['p_source']])})"
                used.append(pd.Series({"source": h["p_source"], "evidence_level": ""}))
                rows.append({"table": "endpoints", "row_id": h["p_row_id"], "label": f"{trial}, {endpoint}, {analysis}, P value",
                             "value": p_text(h["p_value"])})
        groups.append(Group(label, bars, note))
    columns = ["source", "evidence_level"]
    cited = pd.concat([medians[columns], pd.DataFrame(used)[columns]]) if used else medians[columns]
    endpoints = ", ".join(vocab.label("endpoint", e) for e in dict.fromkeys(medians.endpoint))
    title = "Median survival by arm"
    xmax = max(float(v) for v in medians.ci_high.dropna().tolist() + medians.estimate.dropna().tolist())
    fig, deck_fig = draw_groups(groups, theme, title, f"Medians as published, with the hazard ratio of each analysis: {endpoints}",
                      "Median, months", footer_text(evidence, cited, []), xmax, points=True)
    alt = ["Published median times by arm, each a marker with its interval; a median not reached is written as such."]
    alt += [f"{g.label.replace(chr(10), ', ')}: " + "; ".join(f"{b.arm} {b.text}" for b in g.bars)
            + (f"; {g.note}" if g.note else "") + "." for g in groups]
    return Drawn("medians", title, fig, " ".join(alt), rows, list(dict.fromkeys(cited.source)), deck_figure=deck_fig)
