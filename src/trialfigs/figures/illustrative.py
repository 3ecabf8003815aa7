"""Illustrative curves through published anchors, and a simulated cohort fitted with lifelines.

Every curve and every computed number is derived and says so inside the figure; the stamp sits
in the plot area so that no crop of the figure loses it.
"""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from ..illustrate import Anchor, Model, cox_hazard_ratio, fidelity, simulate  # noqa: E402
from ..load import Evidence  # noqa: E402
from .. import vocab  # noqa: E402
from ..theme import NEUTRAL, ROLE_STYLE, Theme, rc  # noqa: E402
from ..wording import ci_text  # noqa: E402
from .common import Drawn, add_footer, footer_text, mark_axis_ticks  # noqa: E402

STAMP = "Illustrative model through published values; not the trial's Kaplan-Meier curve"
STAMP_LINES = STAMP.replace("; ", ";\n")
DEMONSTRATES = "The simulation demonstrates the model, not the trial."
LINES = {"experimental": "-", "control": "--"}


def anchor_text(anchor: Anchor, unit: str) -> str:
    if anchor.kind == "median":
        return f"median {anchor.published} {'months' if unit == 'months' else 'years'}"
    return f"{anchor.published}% at {anchor.time:g} {unit}"


def at_risk(times: np.ndarray, when: list[float]) -> list[int]:
    return [int((times >= t).sum()) for t in when]


def draw(evidence: Evidence, trial: str, analysis: str, endpoint: str, anchors: dict[str, list[Anchor]], unit: str,
         models: dict[str, Model], horizon: float, horizon_note: str, seed: int, theme: Theme) -> Drawn:
    from lifelines import KaplanMeierFitter

    roles = {(t, a): r for t, a, r in zip(evidence.arms.trial, evidence.arms.arm, evidence.arms.role)}
    sizes = {a: int(n) for t, a, n in zip(evidence.arms.trial, evidence.arms.arm, evidence.arms.n_randomised) if t == trial}
    arms = sorted(models, key=lambda a: roles[(trial, a)] != "experimental")
    experimental = arms[0]
    rows, derived = [], []
    cohort = simulate({a: models[a] for a in arms}, sizes, horizon, seed)
    hr, low, high = cox_hazard_ratio(cohort, experimental)
    published = evidence.endpoints[(evidence.endpoints.trial == trial) & (evidence.endpoints.analysis == analysis)
                                   & (evidence.endpoints.endpoint == endpoint) & (evidence.endpoints.statistic == "hazard_ratio")]
    published = published.iloc[0] if len(published) else None
    title = f"{vocab.trial_label(trial)}: {vocab.label('endpoint', endpoint)}, illustrative curves"
    with plt.rc_context(rc(theme)):
        fig = Figure(figsize=theme.size)
        small = theme.base * 0.75
        left = fig.add_axes((0.08, 0.36, 0.39, 0.46))
        right = fig.add_axes((0.58, 0.36, 0.39, 0.46))
        grid = np.linspace(0, horizon, 400)
        for arm in arms:
            style = ROLE_STYLE[roles[(trial, arm)]]
            label = f"{arm}: {models[arm].name} through " + ", ".join(anchor_text(a, unit) for a in anchors[arm])
            left.plot(grid, 100 * models[arm].survival(grid), color=style["color"], ls=LINES[roles[(trial, arm)]], lw=2.5, label=label)
            for a in anchors[arm]:
                left.plot([a.time], [100 * a.survival], marker=style["marker"], color=style["color"], markersize=theme.base * 0.55,
                          markeredgecolor="black", zorder=5)
                rows.append({"table": "endpoints", "row_id": a.row_id, "label": f"{trial}, {endpoint}, {arm}, anchor",
                             "value": anchor_text(a, unit)})
            kmf = KaplanMeierFitter().fit(cohort.time[cohort.arm == arm], cohort.event[cohort.arm == arm], label=arm)
            curve = kmf.survival_function_
            right.step(curve.index, 100 * curve[arm], where="post", color=style["color"], ls=LINES[roles[(trial, arm)]], lw=2)
        left.text(0.98, 0.97, STAMP_LINES, transform=left.transAxes, ha="right", va="top", fontsize=small * 0.85, color=NEUTRAL,
                  style="italic", gid="stamp")
        right.text(0.02, 0.03, "Simulated from the model:\n" + DEMONSTRATES.lower(), transform=right.transAxes,
                   fontsize=small * 0.85, color=NEUTRAL, style="italic", gid="stamp-simulation")
        for ax, heading in ((left, "Model curves through the published values"), (right, "Simulated cohort, Kaplan-Meier (lifelines)")):
            ax.set_xlim(0, horizon)
            ax.set_ylim(0, 102)
            ax.set_xlabel(f"Time ({unit})", fontsize=small)
            ax.set_ylabel("Without the event (%)", fontsize=small)
            ax.set_title(heading, fontsize=small, loc="left")
            mark_axis_ticks(ax)
        left.legend(loc="upper left", bbox_to_anchor=(-0.1, -0.17), fontsize=small * 0.85, frameon=False)
        step = next(s for s in (1, 2, 3, 6, 12, 24, 48) if horizon / s <= 5)
        when = [step * i for i in range(int(horizon // step) + 1)]
        risk_lines = []
        for i, arm in enumerate(arms):
            counts = at_risk(cohort.time[cohort.arm == arm].to_numpy(), when)
            risk_lines.append(f"{arm}: " + "  ".join(str(c) for c in counts))
            for t, c in zip(when, counts):
                rows.append({"table": "derived", "row_id": None, "label": f"simulated {arm} at risk at {t:g} {unit}", "value": str(c),
                             "derivation": f"simulated cohort (seed {seed}), patients still at risk"})
        right.text(0.0, -0.19, "At risk at " + ", ".join(f"{t:g}" for t in when) + f" {unit}:\n" + "\n".join(risk_lines),
                   transform=right.transAxes, va="top", fontsize=small * 0.8, gid="at-risk")
        for t in when:
            rows.append({"table": "derived", "row_id": None, "label": f"at-risk time {t:g}", "value": f"{t:g}",
                         "derivation": "regular times within the simulated follow-up"})
        sim = f"Simulated Cox HR {hr:.2f} ({low:.2f} to {high:.2f})"
        rows.append({"table": "derived", "row_id": None, "label": "simulated hazard ratio", "value": f"{hr:.2f} ({low:.2f} to {high:.2f})",
                     "derivation": f"lifelines CoxPHFitter on the simulated cohort, {experimental} vs the other arm"})
        lines = [sim]
        if published is not None:
            lines.append(f"Published HR {ci_text(published)}")
            rows.append({"table": "endpoints", "row_id": published["row_id"], "label": "published hazard ratio", "value": ci_text(published)})
        medians = [a for arm in arms for a in anchors[arm] if a.kind == "median"]
        if len(medians) == 2:
            ratio = float(medians[1].published) / float(medians[0].published)
            lines.append(f"Ratio of medians {medians[1].published}/{medians[0].published} = {ratio:.2f} (derived)")
            rows.append({"table": "derived", "row_id": None, "label": "ratio of medians", "value": f"{ratio:.2f}",
                         "derivation": f"{medians[1].published} / {medians[0].published}"})
            derived.append(f"ratio of medians {medians[1].published}/{medians[0].published} = {ratio:.2f}")
        right.text(0.98, 0.97, "\n".join(lines), transform=right.transAxes, ha="right", va="top", fontsize=small * 0.85, gid="hr-box")
        if horizon_note:
            rows.append({"table": "derived", "row_id": None, "label": "simulated follow-up", "value": f"{horizon:g}", "derivation": horizon_note})
        fig.text(0.01, 0.97, title, ha="left", va="top", fontsize=theme.title, weight="bold")
        fig.text(0.01, 0.91, f"{vocab.analysis_label(trial, analysis)}; curves under a stated model, anchored on the published values",
                 ha="left", va="top", fontsize=small)
        derived[:0] = [f"{', '.join(sorted({m.name for m in models.values()}))} curves through the published values",
                       f"a cohort simulated from them (seed {seed}, n as randomised, censored at {horizon:g} {unit}), fitted with lifelines"]
        cited = evidence.endpoints[evidence.endpoints.row_id.isin([r["row_id"] for r in rows if r["row_id"]])]
        add_footer(fig, footer_text(evidence, cited, derived), theme.footer)
    table = [{"arm": arm, "row_id": a.row_id, "published": fidelity(models[arm], a)[0], "curve": fidelity(models[arm], a)[1],
              "model": models[arm].describe()} for arm in arms for a in anchors[arm]]
    alt = (f"Two panels. Left: illustrative {', '.join(sorted({m.name for m in models.values()}))} survival curves for "
           + " and ".join(f"{arm} through {', '.join(anchor_text(a, unit) for a in anchors[arm])}" for arm in arms)
           + f", {STAMP.lower()}. Right: a simulated cohort from those curves with Kaplan-Meier estimates; {sim}"
           + (f" against the published hazard ratio {ci_text(published)}" if published is not None else "")
           + f". {DEMONSTRATES}")
    return Drawn("illustrative", title, fig, alt, rows, list(dict.fromkeys(cited.source)), derived, {"fidelity": table})
