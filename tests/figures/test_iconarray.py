"""Icon array: published landmark rates as 100 patients per arm, the rounding stated in the figure."""

from __future__ import annotations

import re

import pytest

from trialfigs.figures import api as notebook
from trialfigs.figures.iconarray import icons


@pytest.mark.parametrize("published, whole", [("80.8", 81), ("67.1", 67), ("88.5", 89), ("0.4", 0), ("100", 100)])
def test_a_rate_becomes_whole_icons_rounded_half_up(published, whole):
    assert icons(published) == whole


def test_katherine_7_year_idfs_is_81_versus_67_of_100(tmp_path):
    """Geyer et al., N Engl J Med 2025, Abstract: 7-year IDFS 80.8% with T-DM1 and 67.1% with trastuzumab
    (rows K-F-IDFS-7Y-TDM1, K-F-IDFS-7Y-TRAS): the latest analysis and timepoint of KATHERINE's IDFS."""
    done = notebook.iconarray("KATHERINE", "IDFS", "", "slide", ["svg"], tmp_path, "icons")
    record = done.record
    assert record["title"] == "IDFS at 7 years: of 100 patients, 81 vs 67 alive without invasive disease"
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", (tmp_path / "icons.svg").read_text(encoding="utf-8"))
    assert "81 of 100 icons (80.8% published)" in texts and "67 of 100 icons (67.1% published)" in texts
    deck = (tmp_path / "icons.deck.svg").read_text(encoding="utf-8")
    assert "81 of 100 icons (80.8% published)" in deck, "the rounding is stated in the deck render too"
    assert [v["row_id"] for v in record["values"][:2]] == ["K-F-IDFS-7Y-TDM1", "K-F-IDFS-7Y-TRAS"]
    assert [v["derivation"] for v in record["values"][2:]] == ["80.8% rounded half up to whole icons",
                                                               "67.1% rounded half up to whole icons"]
    assert record["derived"] and len(record["alt_text"]) < 250
    assert [c["id"] for c in record["citations"]] == ["geyer2025"]


def test_an_earlier_analysis_can_be_chosen(tmp_path):
    """von Minckwitz et al., N Engl J Med 2019: 3-year IDFS 88.3% versus 77.0%."""
    done = notebook.iconarray("KATHERINE", "IDFS", "primary", "print", ["svg"], tmp_path, "icons")
    assert done.record["title"].startswith("IDFS at 3 years: of 100 patients, 88 vs 77")


def test_no_rates_in_two_arms_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="no analysis has landmark rates in two arms"):
        notebook.iconarray("EMILIA", "OS", "", "slide", ["svg"], tmp_path, "icons")
