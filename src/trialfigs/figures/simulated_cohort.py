"""The opt-in simulated cohort: Kaplan-Meier curves and a Cox fit of patients drawn from the model curves.

Every panel says that the cohort is simulated; every number on it is derived. Drawn only when a
notebook is asked for it (`simulate = True`), never in the default suite.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from trialfigs.evidence import vocabulary as vocab  # noqa: E402
from trialfigs.evidence.load import Evidence  # noqa: E402
from trialfigs.figures.common import Drawn, add_footer, footer_text, mark_axis_ticks  # noqa: E402
from trialfigs.figures.model_curves import SECTION, arm_styles  # noqa: E402
from trialfigs.figures.theme import Theme, rc  # noqa: E402
from trialfigs.model.cohort import at_risk, cox_hazard_ratio, kaplan_meier, simulate  # noqa: E402
from trialfigs.model.curves import Analysis  # noqa: E402
from trialfigs.model.fit import Fit  # noqa: E402

STAMP = "Simulated cohort drawn from the model, not trial data"


def draw(evidence: Evidence, a: Analysis, found: Fit, seed: int, theme: Theme) -> Drawn:
    arms = evidence.arms[evidence.arms.trial == a.trial]
    roles, sizes = dict(zip(arms.arm, arms.role)), {arm: int(n) for arm, n in zip(arms.arm, arms.n_randomised)}
    cohort = simulate({arm: found.models[arm] for arm in a.arms}, sizes, a.horizon, seed)
    comparator = a.comparator or a.arms[-1]
    fits = {arm: cox_hazard_ratio(cohort, arm, comparator) for arm in a.arms if arm != comparator}
    step = next(s for s in (0.5, 1, 2, 3, 6, 12, 24, 48) if a.horizon / s <= 5)
    when = [step * i for i in range(int(a.horizon // step) + 1)]
    title = f"{vocab.trial_label(a.trial)}, {vocab.label('endpoint', a.endpoint)}: a cohort simulated from the model"
    derivation = f"simulated from the model curves (seed {seed}, n as randomised, censored at {a.horizon:g} {a.unit})"
    rows = []
    with plt.rc_context(rc(theme)):
        fig = Figure(figsize=theme.size)
        size = theme.base * 0.8
        curves = fig.add_axes((0.08, 0.30, 0.50, 0.50))
        table = fig.add_axes((0.64, 0.30, 0.34, 0.50))
        styles = arm_styles(a.arms, roles)
        for arm in a.arms:
            km = kaplan_meier(cohort, arm)
            style = styles[arm]
            curves.step(km.index, 100 * km.values, where="post", color=style["color"], ls=style["line"], lw=2, label=f"{arm} (simulated)")
        curves.set_xlim(0, a.horizon)
        curves.set_ylim(0, 102)
        curves.set_xlabel(f"Time ({a.unit})", fontsize=size)
        curves.set_ylabel("Without the event (%), simulated", fontsize=size)
        curves.set_title("Simulated cohort: Kaplan-Meier (lifelines)", fontsize=size, loc="left")
        curves.legend(loc="upper left", bbox_to_anchor=(0.0, -0.2), fontsize=size, frameon=False)
        mark_axis_ticks(curves)
        lines = []
        for arm, (hr, low, high) in fits.items():
            lines.append(f"Simulated Cox HR {hr:.2f} ({low:.2f} to {high:.2f})" + (f", {arm}" if len(fits) > 1 else ""))
            rows.append({"table": "derived", "row_id": None, "label": f"simulated Cox hazard ratio, {arm}", "value": f"{hr:.2f} ({low:.2f} to {high:.2f})",
                         "derivation": f"lifelines CoxPHFitter, {arm} vs {comparator}, on a cohort {derivation}"})
        lines += ["", f"Simulated at risk at {', '.join(f'{t:g}' for t in when)} {a.unit}:"]
        for arm in a.arms:
            counts = at_risk(cohort.time[cohort.arm == arm].to_numpy(), when)
            lines.append(f"{arm}: " + "  ".join(map(str, counts)))
            rows += [{"table": "derived", "row_id": None, "label": f"simulated {arm} at risk at {t:g} {a.unit}", "value": str(c),
                      "derivation": f"patients still at risk in the cohort {derivation}"} for t, c in zip(when, counts)]
        rows += [{"table": "derived", "row_id": None, "label": f"at-risk time {t:g}", "value": f"{t:g}",
                  "derivation": "regular times within the analysis's observed window"} for t in when]
        table.axis("off")
        table.set_title("Simulated cohort: Cox fit and numbers at risk", fontsize=size, loc="left")
        table.text(0, 0.95, "\n".join(lines), transform=table.transAxes, va="top", fontsize=size * 0.9, linespacing=1.5, gid="simulated-fit")
        for ax, text in ((curves, STAMP.replace(", ", ",\n")), (table, STAMP.replace(" drawn", "\ndrawn").replace(", ", ",\n"))):
            ax.text(0.5, 0.08, text, transform=ax.transAxes, ha="center", va="bottom", fontsize=theme.base,
                    color="#8C8C8C", weight="bold", zorder=1, gid="stamp-simulated")
        fig.text(0.01, 0.97, title, ha="left", va="top", fontsize=theme.title, weight="bold")
        fig.text(0.01, 0.905, f"{STAMP}: what the model implies, not what the trial observed", ha="left", va="top", fontsize=size)
        derived = [f"a cohort {derivation}, fitted with lifelines (Kaplan-Meier, Cox)"]
        cited = evidence.endpoints[evidence.endpoints.row_id.isin([p.row_id for arm in a.arms for p in a.anchors[arm]])]
        add_footer(fig, footer_text(evidence, cited, derived), theme.footer)
    alt = (f"{STAMP}. Kaplan-Meier curves of a cohort {derivation} for {vocab.trial_label(a.trial)}, {vocab.label('endpoint', a.endpoint)}; "
           + "".join(f"simulated Cox hazard ratio, {arm} vs {comparator}, {hr:.2f} ({low:.2f} to {high:.2f}). " for arm, (hr, low, high) in fits.items())
           + "The simulation demonstrates the model, not the trial.")
    return Drawn("illustrative", title, fig, alt, rows, list(dict.fromkeys(cited.source)), derived,
                 {"section": SECTION, "simulated": True})
