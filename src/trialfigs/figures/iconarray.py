"""Icon array: a published landmark rate per arm shown as 100 patients, so 'of 100 patients, 81 versus
67 were alive without invasive disease at 7 years' can be seen (the words follow the endpoint: wording.alive).

Drawing a rate as whole icons rounds it (80.8% becomes 81 icons): a derived step, which the figure
states under each array ("81 of 100 icons (80.8% published)") and the manifest records.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from trialfigs.evidence import vocabulary as vocab  # noqa: E402
from trialfigs.evidence.load import Evidence  # noqa: E402
from trialfigs.figures.common import LINE, PAD, Drawn, assert_drawn, footer_text, frame  # noqa: E402
from trialfigs.figures.theme import NEUTRAL, Theme, arm_styles, deck, rc  # noqa: E402
from trialfigs.figures.wording import alive  # noqa: E402

SIDE = 10  # icons per row and per column: 100 patients


def icons(rate_text: str) -> int:
    """A published percentage rounded half up to whole icons out of 100."""
    return int(Decimal(rate_text).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def choose(rates: pd.DataFrame, evidence: Evidence, analysis: str = "") -> pd.DataFrame:
    """The rates of one analysis and timepoint: the given analysis, else the latest with rates in two
    or more arms; within it the latest such timepoint."""
    order = {k: i for i, k in enumerate(zip(evidence.analyses.trial, evidence.analyses.analysis))}
    found = rates if not analysis else rates[rates.analysis == analysis]
    groups = [(order.get((members.trial.iloc[0], a), -1), t, members)
              for (a, t), members in found.groupby(["analysis", "timepoint"], sort=False)
              if members.arm.nunique() >= 2]
    if not groups:
        raise ValueError("no analysis has landmark rates in two arms at one timepoint for this selection")
    return max(groups, key=lambda g: (g[0], g[1]))[2]


def draw(chosen: pd.DataFrame, evidence: Evidence, theme: Theme) -> Drawn:
    roles = {(t, a): r for t, a, r in zip(evidence.arms.trial, evidence.arms.arm, evidence.arms.role)}
    first = chosen.iloc[0]
    trial, endpoint, analysis = first["trial"], first["endpoint"], first["analysis"]
    members = chosen.assign(_r=[roles[(trial, a)] != "experimental" for a in chosen.arm]).sort_values("_r", kind="stable")
    when = f"{first['timepoint']:g} {first['time_unit']}"
    label = f"{first['timepoint']:g}-{str(first['time_unit']).rstrip('s')} {endpoint}"
    counts = [icons(r) for r in members.estimate_text]
    versus = " vs ".join(str(c) for c in counts)
    name = vocab.label("endpoint", endpoint)
    alive_as = alive(name)  # per endpoint: 'alive' (OS), 'alive without progression' (PFS), ...
    title = f"{endpoint} at {when}: of 100 patients, {versus} {alive_as}"
    subtitle = (f"{vocab.trial_label(trial)}, {vocab.analysis_label(trial, analysis)}: {name} at {when}. "
                f"Each icon is one patient; filled icons are patients {alive_as}.")
    captions = [f"{c} of 100 icons ({r}% published)" for c, r in zip(counts, members.estimate_text)]
    derived = [f"{arm}: {c} icons = {r}% rounded to a whole icon" for arm, c, r in zip(members.arm, counts, members.estimate_text)]
    footer = footer_text(evidence, members, derived)
    arms = list(members.arm)
    styles = arm_styles([(a, roles[(trial, a)]) for a in arms])
    full, printed = _draw(arms, counts, captions, styles, theme, title, subtitle, footer)
    bare = _draw(arms, counts, captions, styles, deck(theme), "", subtitle, None)[0] if theme.deck_size else None
    assert_drawn(captions, printed, "icon array captions")
    rows = [{"table": "endpoints", "row_id": r.row_id, "label": f"{trial}, {label}, {r.arm}", "value": f"{r.estimate_text}%"}
            for r in members.itertuples()]
    rows += [{"table": "derived", "row_id": None, "label": f"{trial}, {label}, {arm}, icons", "value": f"{c} of 100",
              "derivation": f"{r}% rounded half up to whole icons"} for arm, c, r in zip(arms, counts, members.estimate_text)]
    alt = (f"Icon array of {vocab.trial_label(trial)} {name} at {when}: of 100 patients, "
           + " versus ".join(f"{c} with {arm}" for arm, c in zip(arms, counts)) + f" {alive_as}. "
           + "Icons are the published rates rounded to whole patients: "
           + "; ".join(f"{arm} {r}%" for arm, r in zip(arms, members.estimate_text)) + ". "
           + " ".join(f"{arm}: {cap}." for arm, cap in zip(arms, captions)))
    return Drawn("iconarray", title, full, alt, rows, list(dict.fromkeys(members.source)), derived, deck_figure=bare)


def _draw(arms, counts, captions, styles, theme: Theme, title: str, subtitle: str, footer: str | None):
    size = theme.base
    with plt.rc_context(rc(theme)):
        fig = Figure(figsize=theme.size)
        space = frame(fig, theme, title, subtitle, footer)
        head, foot = 1.4 * size * LINE, 1.6 * size * LINE
        height = (space.top - space.bottom) * space.height - head - foot
        gap = 0.6
        width = space.width - 2 * PAD - gap * (len(arms) - 1)
        pitch = min(height / SIDE, width / (SIDE * len(arms)))
        block = pitch * SIDE
        left0 = (space.width - block * len(arms) - gap * (len(arms) - 1)) / 2
        bottom = space.bottom + foot / space.height
        printed = []
        for i, (arm, count, caption) in enumerate(zip(arms, counts, captions)):
            left = left0 + i * (block + gap)
            ax = fig.add_axes((left / space.width, bottom, block / space.width, block / space.height))
            ax.set_xlim(0, SIDE)
            ax.set_ylim(0, SIDE)
            ax.set_axis_off()
            style = styles[arm]
            area = (pitch * 72 * 0.62) ** 2
            cells = [(k % SIDE + 0.5, SIDE - k // SIDE - 0.5) for k in range(SIDE * SIDE)]
            filled, empty = cells[:count], cells[count:]
            if filled:
                ax.scatter(*zip(*filled), s=area, marker=style["marker"], color=style["color"], linewidths=0)
            if empty:
                ax.scatter(*zip(*empty), s=area, marker=style["marker"], facecolors="none", edgecolors=NEUTRAL, linewidths=1)
            fig.text((left + block / 2) / space.width, bottom + (block + 0.08) / space.height, arm, ha="center", va="bottom",
                     fontsize=size, weight="bold", color=style["color"], gid="arm")
            printed.append(fig.text((left + block / 2) / space.width, bottom - 0.08 / space.height, caption, ha="center",
                                    va="top", fontsize=size, gid="caption"))
    return fig, [t.get_text() for t in printed]
