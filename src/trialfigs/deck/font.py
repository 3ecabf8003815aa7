"""The deck's one typeface, for slide text and (set to the same face) the figures placed on it."""

DECK_FONT = "DejaVu Sans"
