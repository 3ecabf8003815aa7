"""trialfigs.quotes: a number matches its quote only as a number of its own."""

import pytest

from trialfigs.evidence.quotes import date_in_quote, number_in_quote


@pytest.mark.parametrize("text, quote, expected", [
    ("0.50", "hazard ratio of 0.50 (95%", True),
    ("0.50", "hazard ratio of 0.500", False),
    ("0.50", "hazard ratio of 10.50", False),
    ("0.5", "hazard ratio of 0.50", False),
    ("77.0", "the trastuzumab arm (77.0%)", True),
    ("77", "the trastuzumab arm (77.0%)", False),
    ("3", "3-year invasive disease-free survival", True),
    ("3", "3.6 mg/kg", False),
    ("7", "Seven-year overall survival", True),
    ("7", "seventy patients", False),
    ("<0.001", "P<0.001", True),
    ("<0.0001", "p-value | <0.0001", True),
    ("0.003", "P = 0.003)", True),
    ("26.3", "(95% CI = 26.3–34.1 months)", True),
    ("3.6", "trastuzumab emtansine (3·6 mg/kg intravenously", True),
    ("95", "95% confidence interval", True),
    ("", "anything", True),
])
def test_number_in_quote(text, quote, expected):
    assert number_in_quote(text, quote) is expected


@pytest.mark.parametrize("text, quote, expected", [
    ("2012-07-31", "(cut-off date 31 July 2012)", True),
    ("2012-07-31", "(cut-off date 30 July 2012)", False),
    ("2014-12", "The cutoff date for the final analysis was in December 2014.", True),
    ("2014-11", "The cutoff date for the final analysis was in December 2014.", False),
    ("2014", "in December 2013", False),
    ("2014-13", "in December 2014", False),
])
def test_date_in_quote(text, quote, expected):
    assert date_in_quote(text, quote) is expected
