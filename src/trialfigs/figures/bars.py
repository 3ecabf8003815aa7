"""Grouped horizontal bars, one bar per arm in each group: the shape behind the landmark, median and safety figures.

Every text is drawn at the theme's base size or larger; the layout is measured (label column as
wide as its longest label, axis long enough that each bar's printed value fits beside it), so the
same code makes the full figure and its deck render.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from trialfigs.figures.common import LINE, PAD, assert_drawn, check_fits, frame, mark_axis_ticks, text_width, wrap  # noqa: E402
from trialfigs.figures.theme import NEUTRAL, Theme, arm_styles, deck, rc  # noqa: E402

MIN_SLOTS = 6  # the axis is at least this many bar pitches tall


@dataclass
class Bar:
    arm: str
    role: str  # experimental or control: colour, hatch and marker follow the arm (theme.arm_styles)
    value: float | None  # None: no length is drawn, `text` ("not reached") is printed at the arm
    text: str  # the value as published, printed at the end of the bar (beside the marker)
    low: float | None = None  # the published confidence interval, drawn as a line through a marker
    high: float | None = None


@dataclass
class Group:
    label: str
    bars: list[Bar]
    note: str = ""  # printed under the group: a hazard ratio, a difference


def draw_groups(groups: list[Group], theme: Theme, title: str, subtitle: str, xlabel: str, footer: str,
                xmax: float, points: bool = False) -> tuple[Figure, Figure | None]:
    """The full figure (title, subtitle, footer) and, when the theme has one, its deck render (subtitle only).
    `points`: each value is a labelled marker (with its interval when published), not a bar: a median is a
    point in time, not a length."""
    full = _draw(groups, theme, title, subtitle, xlabel, footer, xmax, points)
    bare = _draw(groups, deck(theme), "", subtitle, xlabel, None, xmax, points) if theme.deck_size else None
    return full, bare


def legend_columns(fig, labels: list[str], size: float, width: float) -> int:
    """As many legend columns as fit in `width` inches (a legend wider than the figure is cut at its edge)."""
    # a column is its text plus the handle, the pad to the text and the space to the next column (4.8 em), with room
    widths = [text_width(fig, label, size) + 5.5 * size / 72 for label in labels]
    for ncol in range(len(labels), 1, -1):
        columns = [max(widths[i::ncol]) for i in range(ncol)]
        if sum(columns) <= width:
            return ncol
    return 1


def _draw(groups: list[Group], theme: Theme, title: str, subtitle: str, xlabel: str, footer: str | None,
          xmax: float, points: bool = False) -> Figure:
    """Draw the groups top to bottom; checks that every bar's printed text is the text it was given."""
    size = theme.base
    with plt.rc_context(rc(theme)):
        fig = Figure(figsize=theme.size)
        space = frame(fig, theme, title, subtitle, footer)
        styles = arm_styles([(b.arm, b.role) for g in groups for b in g.bars])
        label_w = max(text_width(fig, line, size) for g in groups for line in g.label.split("\n"))
        left = (PAD + label_w + 0.2) / space.width
        right = 1 - PAD / space.width
        arms = list(dict.fromkeys(b.arm for g in groups for b in g.bars))
        ncol = legend_columns(fig, arms, size, (right - left) * space.width)
        legend_h, axis_h = (0.6 + math.ceil(len(arms) / ncol)) * size * LINE, 2.6 * size * LINE
        bottom = space.bottom + axis_h / space.height
        top = space.top - legend_h / space.height
        ax = fig.add_axes((left, bottom, right - left, top - bottom))
        axes_w = (right - left) * space.width
        notes = {id(g): wrap(fig, g.note, size, axes_w) for g in groups if g.note}
        slots = sum(len(g.bars) + 0.7 * (notes[id(g)].count("\n") + 1 if g.note else 0) + 0.6 for g in groups) - 0.6 + 0.3
        check_fits(round(slots), (top - bottom) * space.height, theme, f"bar chart '{title or subtitle}'")
        # The axis ends far enough right that every value printed beside its bar fits inside the figure.
        limit = xmax * 1.05
        for g in groups:
            for bar in g.bars:
                width = text_width(fig, bar.text, size) + 0.1
                end = bar.value if bar.value is not None else xmax * 0.02
                if points and bar.high is not None:
                    end = max(end, bar.high)
                if axes_w > width:
                    limit = max(limit, end * axes_w / (axes_w - width))
        height = 0.8 / max(len(g.bars) for g in groups)
        y, ticks, texts, printed = 0.0, [], [], []
        for group in groups:
            top_y = y
            for bar in group.bars:
                style = styles[bar.arm]
                if bar.value is None:
                    # nothing with a length or a position: the words at the start of the arm's row (the legend
                    # keeps the arm's entry through an empty line)
                    ax.plot([], [], linestyle="none", marker=style["marker"], color=style["color"], label=bar.arm)
                    end = 0.0
                elif points:
                    if bar.low is not None and bar.high is not None:
                        ax.plot([bar.low, bar.high], [y, y], color=style["color"], linewidth=2, solid_capstyle="butt")
                    ax.plot([bar.value], [y], linestyle="none", marker=style["marker"], markersize=size * 0.75,
                            color=style["color"], markeredgecolor="white", label=bar.arm)
                    end = bar.high if bar.high is not None else bar.value
                else:
                    ax.barh(y, bar.value, height=height * 0.9, color=style["color"], hatch=style["hatch"],
                            edgecolor="white", label=bar.arm)
                    end = bar.value
                printed.append(ax.text(end + limit * 0.01, y, bar.text, va="center", ha="left", fontsize=size, gid="value"))
                texts.append(bar.text)
                y -= height
            ticks.append(((top_y + y + height) / 2, group.label))
            if group.note:
                note = notes[id(group)]
                ax.text(0, y + height * 0.35, note, va="top", ha="left", fontsize=size, color=NEUTRAL, gid="note")
                y -= height * 0.7 * (note.count("\n") + 1)
            y -= height * 0.6
        ax.set_yticks([t for t, _ in ticks])
        ax.set_yticklabels([label for _, label in ticks], fontsize=size)
        ax.tick_params(axis="y", length=0)
        ax.set_xlim(0, limit)
        low = y + height * 0.3
        extra = max(0.0, (MIN_SLOTS * height - (height - low)) / 2)  # a few bars stay bar-shaped, centred
        ax.set_ylim(low - extra, height + extra)
        ax.set_xlabel(xlabel, fontsize=size)
        fig.canvas.draw_idle()  # tick labels exist only once the axis is laid out
        ax.xaxis.set_ticks(ax.get_xticks()[(ax.get_xticks() >= 0) & (ax.get_xticks() <= xmax * 1.05)])
        mark_axis_ticks(ax)
        handles, labels = ax.get_legend_handles_labels()
        unique = dict(zip(labels, handles))
        ax.legend(unique.values(), unique.keys(), loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=ncol,
                  fontsize=size, frameon=False, borderaxespad=0.1)
    assert_drawn([label for _, label in ticks], [t.get_text() for t in ax.get_yticklabels()], "group labels")
    assert_drawn(texts, [t.get_text() for t in printed], "bar values")
    return fig
