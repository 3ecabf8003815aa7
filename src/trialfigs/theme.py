"""Colours, markers and type sizes: Okabe-Ito colours with a second encoding for every arm."""

from __future__ import annotations

from dataclasses import dataclass

# Okabe & Ito (2008), "Color Universal Design": distinguishable with the common colour-vision deficiencies.
OKABE_ITO = {
    "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7", "black": "#000000",
}
# The experimental arm and the control arm: colour, marker and hatch differ, so print in grey still works.
ROLE_STYLE = {
    "experimental": {"color": OKABE_ITO["blue"], "marker": "o", "hatch": ""},
    "control": {"color": OKABE_ITO["vermillion"], "marker": "s", "hatch": "//"},
}
NEUTRAL = "#4D4D4D"
FORMATS = ("png", "svg", "pdf")


@dataclass(frozen=True)
class Theme:
    name: str
    size: tuple[float, float]  # inches
    base: float  # body text, points
    title: float
    footer: float
    dpi: int  # PNG resolution


THEMES = {
    # 16:9 at 13.33 x 7.5 in, the size of a widescreen slide; large type for the back of the hall.
    "slide": Theme("slide", (13.333, 7.5), base=18, title=24, footer=12, dpi=150),
    "print": Theme("print", (7.0, 4.5), base=9, title=11, footer=7, dpi=300),
}


def rc(theme: Theme) -> dict:
    """Matplotlib settings for reproducible, text-searchable output."""
    return {
        "font.family": "DejaVu Sans",
        "font.size": theme.base,
        "axes.titlesize": theme.title,
        "axes.labelsize": theme.base,
        "xtick.labelsize": theme.base,
        "ytick.labelsize": theme.base,
        "legend.fontsize": theme.base,
        "svg.fonttype": "none",  # text stays text in the SVG: searchable, checkable, readable aloud
        "svg.hashsalt": "trialfigs",  # fixed ids, so the same inputs give the same bytes
        "pdf.fonttype": 42,
        "path.simplify": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
