"""Forest plot of published hazard ratios, T-DM1 versus its comparator, on a log axis."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FixedLocator, NullLocator  # noqa: E402
from matplotlib.transforms import blended_transform_factory  # noqa: E402

from ..load import Evidence  # noqa: E402
from .. import vocab  # noqa: E402
from ..select import row_label  # noqa: E402
from ..theme import NEUTRAL, ROLE_STYLE, Theme, rc  # noqa: E402
from ..wording import ci_text, p_text  # noqa: E402
from .common import Drawn, add_footer, assert_drawn, footer_text, mark_axis_ticks, sources_in_order  # noqa: E402

TICKS = [0.25, 0.5, 1.0, 2.0]
# Column positions, as fractions of the figure width: labels, plot, HR text, P text.
LABEL_X, PLOT, HR_X, P_X = 0.01, (0.42, 0.26), 0.70, 0.88


def p_column(row) -> str:
    return p_text(row["p_value"]) or "not given"


def alt_text(frame) -> str:
    parts = ["Forest plot of hazard ratios on a log scale; a ratio below 1 favours T-DM1."]
    for _, row in frame.iterrows():
        favour = row["arm"] if row["estimate"] < 1 else row["comparator"]
        ci = f"{row['ci_level']:g}% CI {row['ci_low_text']} to {row['ci_high_text']}"
        p = p_text(row["p_value"]) or "P not given"
        parts.append(f"{vocab.trial_label(row['trial'])}, {vocab.label('endpoint', row['endpoint'])}, {vocab.analysis_label(row['trial'], row['analysis'])}: "
                     f"hazard ratio {row['estimate_text']} ({ci}) favouring {favour}, {p}, "
                     f"{row['arm']} versus {row['comparator']}.")
    return " ".join(parts)


def comparator_text(frame) -> tuple[str, str]:
    """The right-hand 'favours' label, and a subtitle naming each trial's comparator when they differ."""
    pairs = dict(zip(frame["trial"], frame["comparator"]))
    names = list(dict.fromkeys(pairs.values()))
    if len(names) == 1:
        return f"Favours {names[0]} \u2192", f"T-DM1 versus {names[0]}"
    return "Favours comparator \u2192", "; ".join(f"{trial}: T-DM1 versus {arm}" for trial, arm in pairs.items())


def draw(frame, evidence: Evidence, theme: Theme) -> Drawn:
    if frame.empty:
        raise ValueError("no hazard ratio matches the selection")
    labels = [row_label(r) for _, r in frame.iterrows()]
    values = [ci_text(r) for _, r in frame.iterrows()]
    favours, subtitle = comparator_text(frame)
    title = "Hazard ratios, T-DM1 versus comparator"
    with plt.rc_context(rc(theme)):
        fig = Figure(figsize=theme.size)
        n = len(frame)
        ax = fig.add_axes((PLOT[0], 0.25, PLOT[1], 0.56))
        row_text = blended_transform_factory(fig.transFigure, ax.transData)
        small = theme.base * 0.8
        ys = list(range(n - 1, -1, -1))
        style = ROLE_STYLE["experimental"]
        label_artists, value_artists = [], []
        for y, label, value, (_, row) in zip(ys, labels, values, frame.iterrows()):
            ax.plot([row["ci_low"], row["ci_high"]], [y, y], color=style["color"], lw=2.5, solid_capstyle="butt")
            ax.plot([row["estimate"]], [y], marker="s", color=style["color"], markersize=theme.base * 0.6)
            label_artists.append(fig.text(LABEL_X, y, label, transform=row_text, va="center", fontsize=small, gid="row-label"))
            value_artists.append(fig.text(HR_X, y, value, transform=row_text, va="center", fontsize=small, gid="hr"))
            fig.text(P_X, y, p_column(row), transform=row_text, va="center", fontsize=small, gid="p")
        for x, head in ((HR_X, "HR (95% CI)"), (P_X, "P value")):
            fig.text(x, n - 0.35, head, transform=row_text, va="bottom", fontsize=small, weight="bold")
        ax.axvline(1.0, color=NEUTRAL, lw=1, ls="--")
        ax.set_xscale("log")
        low, high = min(min(frame["ci_low"]), 0.5) * 0.8, max(max(frame["ci_high"]), 1.0) * 1.25
        ticks = [t for t in TICKS if low <= t <= high]
        ax.set_xlim(low, high)
        ax.xaxis.set_major_locator(FixedLocator(ticks))
        ax.xaxis.set_minor_locator(NullLocator())
        ax.set_xticklabels([f"{t:g}" for t in ticks])
        mark_axis_ticks(ax)
        ax.set_ylim(-0.7, n - 0.4)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_xlabel("Hazard ratio, log scale", fontsize=small, labelpad=1.6 * small)
        ax.annotate("\u2190 Favours T-DM1", xy=(1.0, 0), xycoords=("data", "axes fraction"), xytext=(-4, -(1.5 * theme.base + 4)),
                    textcoords="offset points", ha="right", va="top", fontsize=small * 0.9)
        ax.annotate(favours, xy=(1.0, 0), xycoords=("data", "axes fraction"), xytext=(4, -(1.5 * theme.base + 4)),
                    textcoords="offset points", ha="left", va="top", fontsize=small * 0.9)
        fig.text(0.01, 0.97, title, ha="left", va="top", fontsize=theme.title, weight="bold")
        fig.text(0.01, 0.905, subtitle, ha="left", va="top", fontsize=small)
        sources = sources_in_order(frame)
        add_footer(fig, footer_text(evidence, frame, []), theme.footer)
    assert_drawn(labels, [t.get_text() for t in label_artists], "forest plot row labels")
    assert_drawn(values, [t.get_text() for t in value_artists], "forest plot values")
    rows = [{"table": "endpoints", "row_id": r["row_id"], "label": label, "value": value, "p_value": r["p_value"]}
            for label, value, (_, r) in zip(labels, values, frame.iterrows())]
    return Drawn("forest", title, fig, alt_text(frame), rows, sources)
