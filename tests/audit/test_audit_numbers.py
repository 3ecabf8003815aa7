"""trialfigs.audit.numbers: numbers as printed, intervals that are not rates, sentences."""

from __future__ import annotations

import re

import pytest

from trialfigs.audit.numbers import NUM, mask, number, places, same_at_precision, sentences


@pytest.mark.parametrize("text, numbers", [
    ("after 8.4 years", ["8.4"]),  # never "4"
    ("3.6.6.6 mg/kg", []),  # not a number at all
    ("T-DM1 versus 77.0%", ["77.0"]),  # the 1 of a drug name is not a number
    ("80-82%", ["80", "82"]),
    ("1486 patients", ["1486"]),
])
def test_numbers_are_read_whole(text, numbers):
    assert [m.group(1) for m in re.finditer(NUM, text)] == numbers


@pytest.mark.parametrize("claimed, published, expected", [
    ("0.54", "0.54", "exact"),
    ("0.68", "0.682", "rounded"),
    ("0.7", "0.66", "rounded"),  # one place printed: 0.66 rounds to 0.7
    ("0.70", "0.66", None),  # two places printed: they differ (issue 14, pattern 4)
    ("81", "80.8", "rounded"),
    ("57", "57.0", "exact"),
    ("80.80", "80.8", "exact"),
    ("80.9", "80.8", None),
])
def test_values_are_compared_at_the_precision_both_print(claimed, published, expected):
    assert same_at_precision(claimed, published) == expected


@pytest.mark.parametrize("text, kept", [
    ("HR 0.54 (95% CI, 0.44 to 0.66)", ["0.54"]),
    ("HR 0.54 (95% confidence interval 0.44-0.66)", ["0.54"]),
    ("0.66 [95% CI 0.51–0.87]", ["0.66"]),
    ("HR 0.66; P = 0.003", ["0.66"]),
    ("80.8% and 67.1%, a difference of 13.7 percentage points", ["80.8", "67.1"]),
])
def test_intervals_p_values_and_points_are_blanked_without_moving_text(text, kept):
    masked = mask(text)
    assert len(masked) == len(text) and [m.group(1) for m in re.finditer(NUM, masked)] == kept


def test_number_words_and_places():
    assert number("seven") == 7 and number("twenty") == 20 and number("3.6") == 3.6
    assert places("0.70") == 2 and places("81") == 0


@pytest.mark.parametrize("text, expected", [
    ("Median PFS was 9.6 months vs. 6.4 months. OS was longer.", ["Median PFS was 9.6 months vs. 6.4 months.", "OS was longer."]),
    ("After 8.4 years, IDFS was 80.8%. See e.g. Table 2.", ["After 8.4 years, IDFS was 80.8%.", "See e.g. Table 2."]),
    ("PFS was longer (median 9.6 vs 6.4 months; HR 0.65), and OS too. Next.", ["PFS was longer (median 9.6 vs 6.4 months; HR 0.65), and OS too.", "Next."]),
])
def test_sentences_split_at_full_stops_not_at_decimals_or_abbreviations(text, expected):
    assert [s for _, s in sentences(text)] == expected
