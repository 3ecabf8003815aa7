"""Forest plot of published hazard ratios, one comparison per row, on a log axis.

Columns are measured (label, plot, HR text, P text), so every text stays at the theme's base size
in the full figure and in its deck render. A P value read from another row of the same quantity
(the chosen row publishes none) is marked with a dagger and cited under the plot.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FixedLocator, NullLocator  # noqa: E402
from matplotlib.transforms import blended_transform_factory  # noqa: E402

from trialfigs.evidence import cite  # noqa: E402
from trialfigs.evidence import vocabulary as vocab
from trialfigs.evidence.load import Evidence  # noqa: E402
from trialfigs.evidence.select import row_label  # noqa: E402
from trialfigs.figures.common import (
    LINE,
    PAD,
    Drawn,
    FigureTooFull,
    assert_drawn,
    check_fits,
    footer_text,
    frame,
    mark_axis_ticks,
    sources_in_order,
    text_width,
    wrap,
)
from trialfigs.figures.theme import NEUTRAL, ROLE_STYLE, Theme, deck, rc  # noqa: E402
from trialfigs.figures.wording import ci_text, p_text  # noqa: E402

TICKS = [0.25, 0.5, 1.0, 2.0]
BORROWED = "\u2020"  # marks a P value read from another row of the same quantity
GAP = 0.3  # inches between columns at 16 pt (in proportion at other sizes)
MIN_PLOT = 2.0  # inches of plot at 16 pt (in proportion at other sizes)


def p_column(row) -> str:
    text = p_text(row["p_value"])  # an absent P value is not printed
    return text + (BORROWED if row.get("p_row_id") else "")


def borrowed_note(frame_: pd.DataFrame, evidence: Evidence) -> str:
    """'† P value as published in <source> for the same comparison.'"""
    sources = list(dict.fromkeys(s for s in frame_.get("p_source", []) if s))
    if not sources:
        return ""
    cited = "; ".join(cite.short(evidence.references[s]) for s in sources)
    return f"{BORROWED} P value as published in {cited} for the same comparison"


def alt_text(frame_) -> str:
    parts = ["Forest plot of hazard ratios on a log scale; a ratio below 1 favours the first-named arm."]
    for _, row in frame_.iterrows():
        # "favouring" only when the interval excludes 1; an absent CI or P value is not printed
        favour = ""
        if row["ci_low_text"] and row["ci_high"] < 1:
            favour = f" favouring {row['arm']}"
        elif row["ci_low_text"] and row["ci_low"] > 1:
            favour = f" favouring {row['comparator']}"
        ci = f" ({row['ci_level']:g}% CI {row['ci_low_text']} to {row['ci_high_text']})" if row["ci_low_text"] else ""
        p = f", {p_text(row['p_value'])}" if row["p_value"] else ""
        parts.append(f"{vocab.trial_label(row['trial'])}, {vocab.label('endpoint', row['endpoint'])}, "
                     f"{vocab.analysis_label(row['trial'], row['analysis'])}: hazard ratio {row['estimate_text']}{ci}"
                     f"{favour}{p}, {row['arm']} versus {row['comparator']}.")
    return " ".join(parts)


def comparison_text(frame_) -> tuple[str, str, str]:
    """The left and right 'favours' labels and a subtitle naming each trial's comparison."""
    arms = list(dict.fromkeys(frame_["arm"]))
    pairs = list(dict.fromkeys(zip(frame_["trial"], frame_["arm"], frame_["comparator"])))
    comparators = list(dict.fromkeys(c for _, _, c in pairs))
    left = f"\u2190 Favours {arms[0]}" if len(arms) == 1 else "\u2190 Favours first-named arm"
    right = f"Favours {comparators[0]} \u2192" if len(comparators) == 1 else "Favours comparator \u2192"
    if len({t for t, _, _ in pairs}) == 1:
        subtitle = "; ".join(f"{a} versus {c}" for _, a, c in pairs)
    else:
        subtitle = "; ".join(f"{vocab.trial_label(t)}: {a} versus {c}" for t, a, c in pairs)
    return left, right, subtitle


def status(row, evidence: Evidence) -> str:
    """What changes how a hazard ratio reads, on its row (issue: a boundary or "descriptive" belongs to the endpoint
    it was stated for): a descriptive analysis, a prespecified boundary not crossed for this endpoint (results.csv),
    a CI level other than 95 %, investigator assessment. '' when none applies."""
    said = []
    kinds = evidence.analyses.set_index(["trial", "analysis"])["analysis_type"]
    results = evidence.results
    mine = results[(results.trial == row["trial"]) & (results.analysis == row["analysis"]) & (results.endpoint == row["endpoint"])
                   & (results.subset.fillna("") == (row.get("subset") or ""))
                   & results.arm.fillna("").isin(["", row["arm"]])] if len(results) else results
    if kinds.get((row["trial"], row["analysis"])) == "descriptive" or (len(mine) and (mine.testing == "descriptive").all()):
        said.append("descriptive")
    if len(mine) and (mine.boundary_crossed == "no").any():
        said.append("boundary not crossed")
    level = row.get("ci_level")
    if level is not None and not pd.isna(level) and float(level) != 95:
        said.append(f"{float(level):g}% CI")
    if row.get("assessment") == "investigator":
        said.append("investigator-assessed")
    return ", ".join(said)


def draw(frame_, evidence: Evidence, theme: Theme) -> Drawn:
    if frame_.empty:
        raise ValueError("no hazard ratio matches the selection")
    if "p_row_id" not in frame_:
        frame_ = frame_.assign(p_row_id="", p_source="")
    pairs = frame_.groupby("trial")[["arm", "comparator"]].apply(lambda g: len(g.drop_duplicates()))
    labels = [row_label(r) + (f", {r['arm']}" if pairs[r["trial"]] > 1 else "")
              + (f" ({status(r, evidence)})" if status(r, evidence) else "") for _, r in frame_.iterrows()]
    values = [ci_text(r) for _, r in frame_.iterrows()]
    settings = list(dict.fromkeys(evidence.trials.set_index("trial").loc[list(dict.fromkeys(frame_.trial)), "setting"]))
    title = f"Hazard ratios: {vocab.label('setting', settings[0])}" if len(settings) == 1 else "Hazard ratios by trial"
    cited = frame_[["source"]]
    borrowed = frame_[frame_.p_row_id != ""]
    if len(borrowed):
        cited = pd.concat([cited, borrowed[["p_source"]].rename(columns={"p_source": "source"})])
    footer = footer_text(evidence, cited, [])
    full, drawn_labels, drawn_values = _draw(frame_, evidence, theme, title, footer, labels, values)
    bare = _draw(frame_, evidence, deck(theme), "", None, labels, values)[0] if theme.deck_size else None
    assert_drawn(labels, drawn_labels, "forest plot row labels")
    assert_drawn(values, drawn_values, "forest plot values")
    rows = [{"table": "endpoints", "row_id": r["row_id"], "label": label, "value": value, "p_value": r["p_value"]}
            for label, value, (_, r) in zip(labels, values, frame_.iterrows())]
    rows += [{"table": "endpoints", "row_id": r["p_row_id"], "label": f"{label}, P value", "value": p_text(r["p_value"])}
             for label, (_, r) in zip(labels, frame_.iterrows()) if r["p_row_id"]]
    return Drawn("forest", title, full, alt_text(frame_), rows, sources_in_order(cited), deck_figure=bare)


def _draw(frame_, evidence: Evidence, theme: Theme, title: str, footer: str | None, labels, values):
    size = theme.base
    left_text, right_text, subtitle = comparison_text(frame_)
    note = borrowed_note(frame_, evidence)
    with plt.rc_context(rc(theme)):
        fig = Figure(figsize=theme.size)
        space = frame(fig, theme, title, subtitle, footer)
        n = len(frame_)
        ps = [p_column(r) for _, r in frame_.iterrows()]
        # Labels longer than 40% of the figure wrap onto a second line; every row then gets two lines.
        shown = [wrap(fig, t, size, space.width * 0.40) for t in labels]
        lines = max(t.count("\n") + 1 for t in shown)
        label_w = max(text_width(fig, line, size) for t in shown for line in t.split("\n"))
        hr_w = max(text_width(fig, t, size) for t in [*values, "HR (95% CI)"])
        p_w = max(text_width(fig, t, size) for t in [*ps, "P value"])
        gap = GAP * size / 16
        plot_w = space.width - 2 * PAD - label_w - hr_w - p_w - 3 * gap
        if plot_w < MIN_PLOT * size / 16:
            raise FigureTooFull(f"forest plot '{title or subtitle}': its labels and values leave {plot_w:.1f} in for the plot "
                                f"at {size:g} pt in the {theme.name} figure; select fewer or shorter rows")
        x_label = PAD / space.width
        x_plot = (PAD + label_w + gap) / space.width
        x_hr = x_plot + (plot_w + gap) / space.width
        x_p = x_hr + (hr_w + gap) / space.width
        axis_h = 3.6 * size * LINE + (size * LINE if note else 0)
        head_h = 1.3 * size * LINE
        bottom = space.bottom + axis_h / space.height
        top = space.top - head_h / space.height
        check_fits(n * lines + 1, (top - bottom) * space.height, theme, f"forest plot '{title or subtitle}'")
        ax = fig.add_axes((x_plot, bottom, plot_w / space.width, top - bottom))
        row_text = blended_transform_factory(fig.transFigure, ax.transData)
        ys = list(range(n - 1, -1, -1))
        style = ROLE_STYLE["experimental"]
        label_artists, value_artists = [], []
        for y, label, value, p, (_, row) in zip(ys, shown, values, ps, frame_.iterrows()):
            if not (pd.isna(row["ci_low"]) or pd.isna(row["ci_high"])):
                ax.plot([row["ci_low"], row["ci_high"]], [y, y], color=style["color"], lw=2.5, solid_capstyle="butt")
            ax.plot([row["estimate"]], [y], marker="s", color=style["color"], markersize=size * 0.6)
            label_artists.append(fig.text(x_label, y, label, transform=row_text, va="center", fontsize=size, gid="row-label"))
            value_artists.append(fig.text(x_hr, y, value, transform=row_text, va="center", fontsize=size, gid="hr"))
            fig.text(x_p, y, p, transform=row_text, va="center", fontsize=size, gid="p")
        for x, head in ((x_hr, "HR (95% CI)"), (x_p, "P value")):
            fig.text(x, n - 0.4, head, transform=row_text, va="bottom", fontsize=size, weight="bold")
        ax.axvline(1.0, color=NEUTRAL, lw=1, ls="--")
        ax.set_xscale("log")
        lows, highs = frame_["ci_low"].fillna(frame_["estimate"]), frame_["ci_high"].fillna(frame_["estimate"])
        low, high = min(float(lows.min()), 0.5) * 0.8, max(float(highs.max()), 1.0) * 1.25
        ticks = [t for t in TICKS if low <= t <= high]
        ax.set_xlim(low, high)
        ax.xaxis.set_major_locator(FixedLocator(ticks))
        ax.xaxis.set_minor_locator(NullLocator())
        ax.set_xticklabels([f"{t:g}" for t in ticks])
        mark_axis_ticks(ax)
        ax.set_ylim(-0.6, n - 0.4)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_xlabel("Hazard ratio, log scale", fontsize=size, labelpad=1.4 * size)
        below = -(1.3 * size + 4)
        ax.annotate(left_text, xy=(1.0, 0), xycoords=("data", "axes fraction"), xytext=(-4, below),
                    textcoords="offset points", ha="right", va="top", fontsize=size)
        ax.annotate(right_text, xy=(1.0, 0), xycoords=("data", "axes fraction"), xytext=(4, below),
                    textcoords="offset points", ha="left", va="top", fontsize=size)
        if note:
            fig.text(x_label, space.bottom + 0.02 / space.height, note, ha="left", va="bottom", fontsize=size, gid="p-source")
    return fig, [t.get_text().replace("\n", " ") for t in label_artists], [t.get_text() for t in value_artists]
