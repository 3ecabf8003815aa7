"""What every figure shares: the footer with its citations, and the check that it drew what it was given."""

from __future__ import annotations

from dataclasses import dataclass, field

from matplotlib.figure import Figure

from trialfigs.evidence import cite
from trialfigs.evidence.load import Evidence

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
    deck_figure: Figure | None = None  # the same figure for a slide: no title or footer (the slide carries them)
    description: str = ""  # every value in words, for the gallery's long description and the notes

    def __post_init__(self) -> None:
        """The alt text a screen reader speaks is short (one or two sentences, under ALT_LIMIT characters);
        the full text with every value becomes the description."""
        if not self.description:
            self.description = self.alt_text
        self.alt_text = short_alt(self.description)


ALT_LIMIT = 250


def short_alt(text: str) -> str:
    """The first sentence, and the second when both fit under ALT_LIMIT characters."""
    sentences = [s if s.endswith(".") else s + "." for s in text.split(". ") if s]
    kept = sentences[0]
    if len(sentences) > 1 and len(kept) + 1 + len(sentences[1]) < ALT_LIMIT:
        kept += " " + sentences[1]
    if len(kept) >= ALT_LIMIT:
        kept = kept[: ALT_LIMIT - 2].rsplit(" ", 1)[0] + " …"
    return kept


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


class FigureTooFull(DrawingError):
    """The rows do not fit at the theme's smallest type size: the figure must be split."""


LINE = 1.25 / 72  # inches per point of type, for one line with its leading
PAD = 0.12  # inches of margin at the edges


@dataclass
class Frame:
    """Where a figure's content may go, in figure fractions, once its title, subtitle and footer are placed."""

    bottom: float
    top: float
    width: float  # inches
    height: float  # inches


def frame(fig: Figure, theme, title: str, subtitle: str, footer: str | None) -> Frame:
    """Place the title, the subtitle and the footer (title and footer only when given: a deck render
    has neither) and return the space left for the content."""
    width, height = fig.get_size_inches()
    top = PAD
    if title:
        title = wrap(fig, title, theme.title, width - 2 * PAD, "bold")
        fig.text(PAD / width, 1 - top / height, title, ha="left", va="top", fontsize=theme.title, weight="bold", gid="title")
        top += theme.title * LINE * (title.count("\n") + 1)
    if subtitle:
        subtitle = "\n".join(wrap(fig, line, theme.base, width - 2 * PAD) for line in subtitle.split("\n"))
        fig.text(PAD / width, 1 - top / height, subtitle, ha="left", va="top", fontsize=theme.base, gid="subtitle")
        top += theme.base * LINE * (subtitle.count("\n") + 1)
    bottom = PAD
    if footer:
        footer = "\n".join(wrap(fig, line, theme.footer, width - 2 * PAD) for line in footer.split("\n"))
        fig.text(PAD / width, PAD / height, footer, ha="left", va="bottom", fontsize=theme.footer, gid="footer")
        bottom += theme.footer * LINE * (footer.count("\n") + 1) + 0.1
    return Frame(bottom / height, 1 - (top + 0.1) / height, width, height)


def text_width(fig: Figure, text: str, size: float, weight: str = "normal") -> float:
    """Width in inches of a text at a size, as the figure's renderer lays it out."""
    probe = fig.text(0, 0, text, fontsize=size, weight=weight)
    box = probe.get_window_extent(renderer=fig._get_renderer())  # an Agg renderer at the figure's dpi
    probe.remove()
    return box.width / fig.dpi


def wrap(fig: Figure, text: str, size: float, width: float, weight: str = "normal") -> str:
    """Break a line of text at spaces so that each line is at most `width` inches wide."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and text_width(fig, lines[-1] + " " + word, size, weight) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


def check_fits(rows: int, space: float, theme, what: str) -> None:
    """Raise when `rows` lines of type at the theme's size do not fit in `space` inches."""
    needed = rows * theme.base * LINE
    if needed > space:
        raise FigureTooFull(f"{what}: {rows} rows need {needed:.1f} in at {theme.base:g} pt but the {theme.name} figure has "
                            f"{space:.1f} in; select fewer trials, analyses or endpoints (the default suite splits by setting and trial)")


def mark_axis_ticks(ax) -> None:
    """Give tick labels ids, so checks on the numbers a figure shows can tell scale from data."""
    for axis in ("x", "y"):
        for i, label in enumerate(getattr(ax, f"get_{axis}ticklabels")()):
            label.set_gid(f"axis-tick-{axis}{i}")


def assert_drawn(expected: list[str], actual: list[str], what: str) -> None:
    if expected != actual:
        raise DrawingError(f"{what}: expected {expected}, drew {actual}")
