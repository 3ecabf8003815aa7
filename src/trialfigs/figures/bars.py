"""Grouped horizontal bars, one bar per arm in each group: the shape behind the landmark, median and safety figures."""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from ..theme import NEUTRAL, ROLE_STYLE, Theme, rc  # noqa: E402
from .common import add_footer, assert_drawn, mark_axis_ticks  # noqa: E402


@dataclass
class Bar:
    arm: str
    role: str  # experimental or control: colour, hatch and marker follow it
    value: float | None  # None draws an open bar labelled with `text` (a median not reached)
    text: str  # the value as published, printed at the end of the bar


@dataclass
class Group:
    label: str
    bars: list[Bar]
    note: str = ""  # printed under the group: a hazard ratio, a difference


def draw_groups(groups: list[Group], theme: Theme, title: str, subtitle: str, xlabel: str, footer: str,
                xmax: float) -> Figure:
    """Draw the groups top to bottom; checks that every bar's printed text is the text it was given."""
    with plt.rc_context(rc(theme)):
        fig = Figure(figsize=theme.size)
        ax = fig.add_axes((0.34, 0.17, 0.56, 0.63))
        small = theme.base * 0.8
        height = 0.8 / max(len(g.bars) for g in groups)
        y, ticks, texts, printed = 0.0, [], [], []
        for group in groups:
            top = y
            for bar in group.bars:
                style = ROLE_STYLE[bar.role]
                if bar.value is None:
                    ax.barh(y, xmax * 0.98, height=height * 0.9, left=0, facecolor="none", edgecolor=style["color"],
                            hatch="..", linestyle="--", label=bar.arm)
                    end = xmax * 0.02
                else:
                    ax.barh(y, bar.value, height=height * 0.9, color=style["color"], hatch=style["hatch"],
                            edgecolor="white", label=bar.arm)
                    end = bar.value
                printed.append(ax.text(end + xmax * 0.01, y, bar.text, va="center", ha="left", fontsize=small, gid="value"))
                texts.append(bar.text)
                y -= height
            ticks.append(((top + y + height) / 2, group.label))
            if group.note:
                ax.text(0, y + height * 0.35, group.note, va="top", ha="left", fontsize=small * 0.85, color=NEUTRAL,
                        gid="note")
                y -= height * 0.7
            y -= height * 0.6
        ax.set_yticks([t for t, _ in ticks])
        ax.set_yticklabels([label for _, label in ticks], fontsize=small)
        ax.tick_params(axis="y", length=0)
        ax.set_xlim(0, xmax * 1.15)
        ax.set_ylim(y + height * 0.3, height)
        ax.set_xlabel(xlabel, fontsize=small)
        fig.canvas.draw_idle()  # tick labels exist only once the axis is laid out
        ax.xaxis.set_ticks(ax.get_xticks()[(ax.get_xticks() >= 0) & (ax.get_xticks() <= xmax * 1.15)])
        mark_axis_ticks(ax)
        handles, labels = ax.get_legend_handles_labels()
        unique = dict(zip(labels, handles))
        ax.legend(unique.values(), unique.keys(), loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=len(unique),
                  fontsize=small, frameon=False)
        fig.text(0.01, 0.97, title, ha="left", va="top", fontsize=theme.title, weight="bold")
        fig.text(0.01, 0.905, subtitle, ha="left", va="top", fontsize=small)
        add_footer(fig, footer, theme.footer)
    assert_drawn([label for _, label in ticks], [t.get_text() for t in ax.get_yticklabels()], "group labels")
    assert_drawn(texts, [t.get_text() for t in printed], "bar values")
    return fig
