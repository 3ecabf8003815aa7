"""The deck's one typeface, for slide text and the figures placed on it: the theme's FONT, named once."""

from trialfigs.figures.theme import FONT as DECK_FONT

__all__ = ["DECK_FONT"]
