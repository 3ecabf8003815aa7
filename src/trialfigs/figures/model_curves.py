"""Model curves through every published number of one analysis, drawn so that no one takes them for trial data.

Only the observed window is drawn (the time axis ends at the analysis's follow-up), the plot area
carries a watermark at least as large as the axis labels, the title says "model", and the figure
lists each published value beside the model's value at the same precision. No simulated patient,
at-risk count or fitted hazard ratio appears here (see `figures.simulated` for the opt-in cohort).
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from trialfigs.evidence import cite  # noqa: E402
from trialfigs.evidence import vocabulary as vocab  # noqa: E402
from trialfigs.evidence.load import Evidence  # noqa: E402
from trialfigs.figures.common import Drawn, add_footer, footer_text, mark_axis_ticks  # noqa: E402
from trialfigs.figures.theme import NEUTRAL, OKABE_ITO, ROLE_STYLE, Theme, rc  # noqa: E402
from trialfigs.figures.wording import ci_text  # noqa: E402
from trialfigs.model.curves import Analysis  # noqa: E402
from trialfigs.model.fit import NOT_MODELLED, Fit, fidelity  # noqa: E402

WATERMARK = "Model through published values, not trial data"
LINES = {"experimental": "-", "control": "--"}
SECTION = "model"  # manifests of model illustrations carry "section": "model" (gallery and deck place them apart)


def how(found: Fit, a: Analysis) -> tuple[str, list[dict]]:
    """One sentence on the model, and the derived values it prints (the Weibull shape)."""
    if found.proportional:
        shape = next(iter(found.models.values())).shape
        family = "exponential curves" if shape == 1 else f"Weibull curves (shape {shape:.2f})"
        derived = [] if shape == 1 else [{"table": "derived", "row_id": None, "label": "model shape", "value": f"{shape:.2f}",
                                          "derivation": "Weibull shape fixed by the published values and hazard ratio "
                                                        "under proportional hazards: ln(1/HR) / ln(ratio of medians) for two medians"}]
        return f"{family} under proportional hazards with the published hazard ratio", derived
    return f"each arm's {found.family} curve through its own published values; {NOT_MODELLED}", []


def ratio_text(row) -> str:
    """'0.65 (0.55 to 0.77)', or '0.87' where no interval was published."""
    return ci_text(row) if row["ci_low_text"] and row["ci_high_text"] else row["estimate_text"]


def watermark_height(found: Fit, a: Analysis, grid) -> float:
    """The height (% without the event) of the watermark's centre where it keeps farthest from every curve
    over the middle of the time axis (it spans about 16 points of the 0-100 scale)."""
    middle = grid[(grid >= 0.12 * a.horizon) & (grid <= 0.88 * a.horizon)]
    curves = np.concatenate([100 * found.models[arm].survival(middle) for arm in a.arms])
    candidates = np.arange(12.0, 89.0, 2.0)
    clearance = [np.min(np.abs(curves - y)) - 8 for y in candidates]
    return float(candidates[int(np.argmax(clearance))])


def arm_styles(arms: list[str], roles: dict[str, str]) -> dict[str, dict]:
    """Colour, marker and line per arm: the trial's roles, and a third style for a second experimental arm."""
    extra = [{"color": OKABE_ITO["bluish_green"], "marker": "^", "line": "-."}, {"color": OKABE_ITO["reddish_purple"], "marker": "D", "line": ":"}]
    styles, used = {}, set()
    for arm in arms:
        role = roles.get(arm, "experimental")
        if role in used and extra:
            styles[arm] = extra.pop(0)
        else:
            styles[arm] = {**ROLE_STYLE[role], "line": LINES[role]}
        used.add(role)
    return styles


def km_pointer(evidence: Evidence, a: Analysis) -> str:
    reference = evidence.references.get(a.publication)
    where = cite.short(reference) if reference else a.publication
    return f"The trial's own Kaplan-Meier curves: see the Kaplan-Meier figure of {where}."


def draw(evidence: Evidence, a: Analysis, found: Fit, theme: Theme) -> Drawn:
    roles = dict(zip(evidence.arms.arm[evidence.arms.trial == a.trial], evidence.arms.role[evidence.arms.trial == a.trial]))
    table = fidelity(a, found)
    sentence, rows = how(found, a)
    title = f"{vocab.trial_label(a.trial)}, {vocab.label('endpoint', a.endpoint)}: model curves"
    frame = evidence.endpoints
    hr_rows = {arm: frame[frame.row_id == point.row_id].iloc[0] for arm, point in a.hazard_ratios.items()}
    styles = arm_styles(a.arms, roles)
    with plt.rc_context(rc(theme)):
        fig = Figure(figsize=theme.size)
        label_size = theme.base * 0.8
        ax = fig.add_axes((0.08, 0.36, 0.52, 0.50))
        grid = np.linspace(0, a.horizon, 400)
        low = 100.0
        for arm in a.arms:
            style = styles[arm]
            curve = 100 * found.models[arm].survival(grid)
            low = min(low, float(curve.min()))
            ax.plot(grid, curve, color=style["color"], ls=style["line"], lw=theme.base / 6, zorder=3,
                    label=arm)
            for point in a.anchors[arm]:
                y = 50.0 if point.kind == "median" else float(point.published)
                if point.kind == "median":
                    ax.plot([0, point.time], [50, 50], color=NEUTRAL, ls=":", lw=1, zorder=2)
                ax.plot([point.time], [y], marker=style["marker"], color=style["color"], markersize=theme.base * 0.6,
                        markeredgecolor="black", zorder=5, clip_on=False)
                above = arm != a.arms[-1]
                rise = (12 + 1.6 * label_size * a.arms.index(arm)) if above else -12  # stacked, so close values stay apart
                ax.annotate(point.published + point.suffix, (point.time, y), xytext=(-10, rise), textcoords="offset points",
                            ha="right", va="bottom" if above else "top", fontsize=label_size, color=style["color"], weight="bold", zorder=6,
                            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5, "alpha": 0.9})
                rows.append({"table": "endpoints", "row_id": point.row_id, "label": f"{a.trial}, {a.endpoint}, {arm}, {point.quantity}",
                             "value": point.published + point.suffix})
        ax.text(0.5, watermark_height(found, a, grid) / 102, WATERMARK.replace(", ", ",\n"), transform=ax.transAxes, ha="center", va="center",
                fontsize=theme.base * 1.1, color="#8C8C8C", weight="bold", alpha=0.9, zorder=1, gid="watermark")
        ax.set_xlim(0, a.horizon)
        ax.set_ylim(0, 102)
        ax.set_xlabel(f"Time ({a.unit})", fontsize=label_size)
        ax.set_ylabel("Without the event (%)", fontsize=label_size)
        mark_axis_ticks(ax)
        ax.legend(loc="upper left", bbox_to_anchor=(-0.02, -0.16), fontsize=label_size, frameon=False, ncol=len(a.arms), handlelength=2.5)
        lines = ["Published value → model value", "(at the published precision)"]
        for arm in a.arms:
            lines.append(f"{arm}:")
            for point in a.anchors[arm]:
                shown = found.models[arm].shown(point)
                lines.append(f"   {point.label} → {shown}{point.suffix}")
                rows.append({"table": "derived", "row_id": None, "label": f"model {point.quantity}, {arm}", "value": shown,
                             "derivation": f"{found.models[arm].describe(a.unit)}, at the published precision"})
        if len(hr_rows) > 1:
            lines += ["Hazard ratios against", f"   {a.comparator}:"]
        for arm, hr_row in hr_rows.items():
            rows.append({"table": "endpoints", "row_id": hr_row["row_id"], "label": f"{a.trial}, {a.endpoint}, hazard ratio, {arm}",
                         "value": ratio_text(hr_row)})
            modelled = found.proportional and arm in found.hazard_ratios
            shown = f"{a.hazard_ratios[arm].shown(found.hazard_ratios[arm])} (modelled)" if modelled else NOT_MODELLED
            if len(hr_rows) > 1:
                lines.append(f"   {arm}: {ratio_text(hr_row)} → {'not modelled' if not modelled else shown}")
            else:
                lines += [f"Hazard ratio {ratio_text(hr_row)}", f"   → {shown}"]
        fig.text(0.63, 0.86, "\n".join(lines), ha="left", va="top", fontsize=label_size, linespacing=1.5, gid="fidelity")
        fig.text(0.01, 0.985, title, ha="left", va="top", fontsize=theme.title, weight="bold")
        fig.text(0.01, 0.925, f"{vocab.analysis_label(a.trial, a.analysis)}: {sentence}", ha="left", va="top", fontsize=label_size)
        pointer = km_pointer(evidence, a)
        fig.text(0.01, 0.185, f"Observed window only: the time axis ends at {a.horizon_note}.", ha="left", va="top",
                 fontsize=label_size, gid="window")
        # a citation, checked against evidence/ like the footer's
        fig.text(0.01, 0.145, pointer, ha="left", va="top", fontsize=label_size, gid="footer-km-pointer")
        derived = [f"the model curves ({sentence}); a model, not trial data"]
        cited = evidence.endpoints[evidence.endpoints.row_id.isin([r["row_id"] for r in rows if r["row_id"]])]
        add_footer(fig, footer_text(evidence, cited, derived), theme.footer)
    alt = (f"{WATERMARK}. Model curves for {vocab.trial_label(a.trial)}, {vocab.label('endpoint', a.endpoint)}, "
           f"{vocab.analysis_label(a.trial, a.analysis)}: {sentence}. "
           + " ".join(f"{arm}: through {', '.join(p.label for p in a.anchors[arm])}." for arm in a.arms)
           + "".join(f" Published hazard ratio, {arm} vs {a.comparator}, {ratio_text(r)}, "
                     + ("modelled." if found.proportional else "not modelled.") for arm, r in hr_rows.items())
           + f" The time axis ends at {a.horizon_note}. {pointer}")
    extra = {"section": SECTION, "fidelity": table, "caption": pointer, "time_axis_end": f"{a.horizon:g} {a.unit}",
             "model": {"family": found.family, "proportional_hazards": found.proportional,
                       "curves": {arm: found.models[arm].describe(a.unit) for arm in a.arms}}}
    sources = list(dict.fromkeys([*cited.source, *([a.publication] if a.publication in evidence.references else [])]))
    return Drawn("illustrative", title, fig, alt, rows, sources, derived, extra)
