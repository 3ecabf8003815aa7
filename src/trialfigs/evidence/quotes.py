"""Does a published number appear in the verbatim quote it was read from?"""

from __future__ import annotations

import re

_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
          9: "nine", 10: "ten", 11: "eleven", 12: "twelve"}
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]


def number_in_quote(text: str, quote: str) -> bool:
    """True when the number, as typed in the cell, stands in the quote as a number of its own.

    "0.50" matches "0.50;" but not "0.500" or "10.50"; "3" matches "3-year" or "three-year";
    "<0.001" matches "P<0.001" and "P < 0.001".
    """
    text = text.strip().lstrip("<>≤").strip()
    if not text:
        return True
    middle_dot = text.replace(".", "·")  # The Lancet prints decimals with a middle dot
    for form in {text, middle_dot}:
        if re.search(rf"(?<![\d.·]){re.escape(form)}(?![\d])(?![.·]\d)", quote):
            return True
    if re.fullmatch(r"\d+", text) and int(text) in _WORDS:
        return re.search(rf"\b{_WORDS[int(text)]}\b", quote, re.IGNORECASE) is not None
    return False


def date_in_quote(text: str, quote: str) -> bool:
    """A YYYY[-MM[-DD]] cell matches a quote that names the same year, month and day in words."""
    parts = text.strip().split("-")
    if not parts[0]:
        return True
    lowered = quote.lower()
    if parts[0] not in quote:
        return False
    if len(parts) > 1:
        month = int(parts[1])
        if not 1 <= month <= 12 or not re.search(rf"\b{_MONTHS[month - 1][:3]}", lowered):
            return False  # "February" or "Feb"
    if len(parts) > 2 and not number_in_quote(str(int(parts[2])), quote):
        return False
    return True
