"""Colours, markers, the typeface and type sizes: Okabe-Ito colours with a second encoding for every arm.

The one typeface of the figures, the gallery and the deck is FONT ("DejaVu Sans"): an open font
(Bitstream Vera / DejaVu licence) that matplotlib ships inside its own package, so every render
uses the same glyphs and gives the same bytes, and that Debian installs for LibreOffice as
`fonts-dejavu-core`.
"""

from __future__ import annotations

from dataclasses import dataclass

FONT = "DejaVu Sans"  # figures, gallery and deck: one typeface
DEBIAN_FONT_PACKAGE = "fonts-dejavu-core"  # the same font for LibreOffice and the browser

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
# Further arms of one figure, in turn, after the first arm of each role has its colour above.
MORE_COLOURS = [OKABE_ITO[c] for c in ("bluish_green", "orange", "reddish_purple", "sky_blue", "black")]
MORE_MARKERS = ["^", "D", "v", "P", "X"]
NEUTRAL = "#4D4D4D"
FORMATS = ("png", "svg", "pdf")


@dataclass(frozen=True)
class Theme:
    name: str
    size: tuple[float, float]  # inches: the figure with its title and source footer
    base: float  # every text that is not a title or a footer, points (the smallest size on the figure)
    title: float
    footer: float
    dpi: int  # PNG resolution
    deck_size: tuple[float, float] | None = None  # inches: the figure made for a slide, without title and footer


# A 13.33 x 7.5 in slide keeps about 1.2 in at the top for its title and 0.6 in at the bottom for
# its source line; the deck places the deck render at exactly deck_size.
SLIDE_SIZE = (13.333, 7.5)
DECK_SIZE = (12.3, 5.5)
MIN_SLIDE_TEXT, MIN_SLIDE_SOURCE, MIN_PRINT_TEXT = 16.0, 12.0, 7.0  # points, at the size a figure is placed

THEMES = {
    # 16:9 at 13.33 x 7.5 in, the size of a widescreen slide; large type for the back of the hall.
    "slide": Theme("slide", SLIDE_SIZE, base=16, title=24, footer=12, dpi=150, deck_size=DECK_SIZE),
    "print": Theme("print", (7.0, 4.5), base=8, title=10, footer=7, dpi=300),
}


def deck(theme: Theme) -> Theme:
    """The theme of a figure's deck render: the same type at the deck size."""
    if theme.deck_size is None:
        raise ValueError(f"theme {theme.name} has no deck render")
    return Theme(theme.name, theme.deck_size, theme.base, theme.title, theme.footer, theme.dpi, theme.deck_size)


def arm_styles(arms: list[tuple[str, str]]) -> dict[str, dict]:
    """Colour, marker and hatch for each arm of one figure, by its identity: [(arm, role)] in order.

    The first experimental arm is blue and the first control arm vermillion; any further arm takes
    the next Okabe-Ito colour, so two different control arms never share a colour. Control arms
    keep their hatching.
    """
    styles: dict[str, dict] = {}
    taken: set[str] = set()
    extra = 0
    for arm, role in arms:
        if arm in styles:
            continue
        base = ROLE_STYLE.get(role, ROLE_STYLE["control"])
        if role in taken or role not in ROLE_STYLE:
            base = {**base, "color": MORE_COLOURS[extra % len(MORE_COLOURS)], "marker": MORE_MARKERS[extra % len(MORE_MARKERS)]}
            extra += 1
        taken.add(role)
        styles[arm] = dict(base)
    return styles


def rc(theme: Theme) -> dict:
    """Matplotlib settings for reproducible, text-searchable output."""
    return {
        "font.family": FONT,
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
