"""Numbers as written: decimals kept whole, number words, intervals that are not rates, sentences.

`mask` blanks the spans that hold numbers but are not outcomes (a "95% CI" and its interval,
p-values, "4.7 percentage points") without moving any other character, so positions found in the
masked text are positions in the original. Number words are a small table (one to twenty and the
tens): the libraries that parse them (word2number, text2num) handle far more than a leaflet writes
and are not kept up, so a tested table is the smaller dependency.
"""

from __future__ import annotations

import re
from decimal import Decimal

# A number never starts inside another one or a name: "8.4" is never read as "4", "3.6.6" never as "6.6", "T-DM1" never as "1".
NUM = r"(?<![\d.,A-Za-z])(?<![A-Za-z]-)(\d{1,4}(?:\.\d{1,3})?)(?![\d]|\.\d)"
WORDS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                                    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90})
WORD_NUMBER = r"(?:" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")"
TIME_NUMBER = r"(?<![\d.,])(\d{1,2}(?:\.\d)?|" + WORD_NUMBER + r")"

INTERVAL = re.compile(r"[(\[]?\s*(?:9[059]\s?%\s?(?:CI|confidence interval|confidence limits?)|\bCI\b)[,:]?\s*"
                      r"(?:of\s|was\s|from\s)?[\d.\s%]{0,12}?(?:to|-|–|—|,)\s?[\d.]{1,6}\s?%?\s?[)\]]?", re.IGNORECASE)
BARE_CI = re.compile(r"\b9[059]\s?%\s?(?:CI|confidence interval)\b", re.IGNORECASE)
P_VALUE = re.compile(r"\b[pP]\s?(?:[<=>≤]|value\s?(?:of|was|=)?)\s?0?\.\d+")
POINTS = re.compile(NUM + r"\s?(?:percentage[- ]points?|pp\b|%-points?|points?\b)", re.IGNORECASE)


def number(text: str) -> float:
    """A number as written in digits or in words ("seven" -> 7)."""
    word = text.lower()
    return float(WORDS[word]) if word in WORDS else float(text)


def places(text: str) -> int:
    """Decimal places as printed: "0.70" -> 2, "0.7" -> 1, "81" -> 0."""
    return len(text.split(".")[1]) if "." in text else 0


def same_at_precision(claimed: str, published: str) -> str | None:
    """'exact' when equal as printed (to the shorter of the two precisions when the claim prints
    as many places as the source), 'rounded' when the source rounds to the claim's fewer places,
    else None. "0.70" against "0.66" is None: the claim prints two places, so they differ."""
    c, p = Decimal(claimed), Decimal(published)
    if c == p:
        return "exact"
    if places(claimed) >= places(published):
        return None
    step = Decimal(1).scaleb(-places(claimed))
    from decimal import ROUND_HALF_UP

    return "rounded" if p.quantize(step, ROUND_HALF_UP) == c else None


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


MAY_MASK = re.compile(r"\d|\bCI\b", re.IGNORECASE)  # every pattern below needs a digit, except an interval that starts at "CI"


def mask(sentence: str) -> str:
    """The sentence with confidence intervals, p-values and percentage points blanked (same length)."""
    if not MAY_MASK.search(sentence):
        return sentence
    for pattern in (INTERVAL, BARE_CI, P_VALUE, POINTS):
        sentence = pattern.sub(_blank, sentence)
    return sentence


ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|vs|approx|et al|Dr|Fig|no|ca)\.$", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z\-*(“\"])")


def sentences(text: str) -> list[tuple[int, str]]:
    """Sentences with their offsets. Splits after . ! ? ; before a capital, not after "vs." or "e.g."
    (a decimal point is never followed by a space, so "8.4 years" stays whole)."""
    found, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if ABBREVIATIONS.search(text[start:m.start()]):
            continue
        if text[start:m.start()].count("(") > text[start:m.start()].count(")"):
            continue  # inside parentheses: "(median 9.6 vs 6.4 months; HR 0.65)" is one sentence
        found.append((start, text[start:m.start()]))
        start = m.end()
    found.append((start, text[start:]))
    return [(o, s) for o, s in found if s.strip()]
