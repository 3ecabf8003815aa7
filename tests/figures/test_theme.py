"""Colours by arm identity within a figure: two different control arms never share colour and hatch."""

from __future__ import annotations

import pytest

from trialfigs.figures.theme import FONT, OKABE_ITO, THEMES, arm_styles, rc


def test_two_arms_keep_the_familiar_colours():
    styles = arm_styles([("T-DM1", "experimental"), ("trastuzumab", "control")])
    assert styles["T-DM1"]["color"] == OKABE_ITO["blue"] and styles["trastuzumab"]["color"] == OKABE_ITO["vermillion"]
    assert styles["trastuzumab"]["hatch"] and not styles["T-DM1"]["hatch"]


@pytest.mark.parametrize("arms", [
    [("A", "experimental"), ("B", "control"), ("C", "control")],  # two control arms, as in a three-arm trial
    [("A", "control"), ("B", "control"), ("C", "control"), ("D", "experimental"), ("E", "experimental")],
])
def test_different_arms_get_different_colours_and_control_arms_keep_hatching(arms):
    styles = arm_styles(arms)
    colours = [styles[a]["color"] for a, _ in arms]
    assert len(set(colours)) == len(colours)
    assert all(styles[a]["hatch"] for a, role in arms if role == "control")
    assert set(colours) <= set(OKABE_ITO.values())


def test_one_typeface_is_named_once_and_used_by_every_theme():
    assert FONT == "DejaVu Sans"
    assert {rc(theme)["font.family"] for theme in THEMES.values()} == {FONT}
