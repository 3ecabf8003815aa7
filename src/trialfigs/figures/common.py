"""What every figure shares: the footer with its citations, and the check that it drew what it was given."""

from __future__ import annotations

from dataclasses import dataclass, field

from matplotlib.figure import Figure

from .. import cite
from ..load import Evidence

PUBLISHED = "Published values; no new analysis"


class DrawingError(RuntimeError):
    """The figure does not show exactly the rows it was given."""


@dataclass
class Drawn:
    """A figure and what it shows: the rows behind it, its citations and its alt text."""

    kind: str
    title: str
    figure: Figure
    alt_text: str
    rows: list[dict]  # {"table", "row_id", "label", "value"} for every value drawn
    sources: list[str]  # reference ids, in order of first use
    derived: list[str] = field(default_factory=list)  # how each derived value was computed
    extra: dict = field(default_factory=dict)  # more manifest fields of this kind of figure (e.g. fidelity)


def sources_in_order(frame) -> list[str]:
    return list(dict.fromkeys(frame["source"]))


def footer_text(evidence: Evidence, frame, derived: list[str]) -> str:
    """'Sources: <the publications that reported the values>. Published values; no new analysis.'

    A figure cites the original publications (article, label, registry record) only; where a value
    was read in a summary, that goes to the manifest ("read_in"), the notes and the gallery.
    """
    cited = [cite.short(evidence.references[s]) for s in sources_in_order(frame)]
    parts = ["Sources: " + "; ".join(cited) + "."] if cited else []
    note = f"Published values except where marked. Derived: {'; '.join(derived)}." if derived else f"{PUBLISHED}."
    return " ".join(parts) + "\n" + note


def add_footer(fig: Figure, text: str, size: float) -> None:
    fig.text(0.01, 0.01, text, ha="left", va="bottom", fontsize=size, wrap=True, gid="footer")


def mark_axis_ticks(ax) -> None:
    """Give tick labels ids, so checks on the numbers a figure shows can tell scale from data."""
    for axis in ("x", "y"):
        for i, label in enumerate(getattr(ax, f"get_{axis}ticklabels")()):
            label.set_gid(f"axis-tick-{axis}{i}")


def assert_drawn(expected: list[str], actual: list[str], what: str) -> None:
    if expected != actual:
        raise DrawingError(f"{what}: expected {expected}, drew {actual}")
