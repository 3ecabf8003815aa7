"""The published numbers of one analysis that a model curve must reproduce, and the model curves.

Nothing here is evidence: every curve is derived, labelled so, and never enters data/. A model is
accepted only when each published landmark rate and median of the analysis rounds, at its printed
precision, to the printed value (88.3 means [88.25, 88.35)). The curve family is Weibull (the
exponential is its shape-1 case); the fitting itself is in `illustrate_fit`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from trialfigs.evidence import vocabulary as vocab
from trialfigs.evidence.load import Evidence
from trialfigs.evidence.select import check_choice, one_per_quantity, whole_population

STATISTICS = ["landmark_rate", "median", "hazard_ratio"]


class IllustrationError(ValueError):
    """No curve of the model family meets a published number; the message names the number."""


@dataclass(frozen=True)
class Anchor:
    """A published landmark rate or median of one arm, or a hazard ratio (arm: the arm compared with the comparator)."""

    row_id: str
    source: str
    arm: str
    kind: str  # "landmark_rate", "median" or "hazard_ratio"
    published: str  # as typed in data/: "88.3", "9.6", "0.65"
    time: float = math.nan  # landmark: its timepoint; median: its value; both in the curve's time unit
    scale: float = 1.0  # published time unit per curve time unit (12 for a median in months on a years axis)
    quantity: str = ""  # "3-year rate", "median", "hazard ratio"
    suffix: str = ""  # "%", " months", ""

    @property
    def label(self) -> str:
        """'3-year rate 88.3%', 'median 9.6 months', 'hazard ratio 0.65'."""
        return f"{self.quantity} {self.published}{self.suffix}"

    @property
    def places(self) -> int:
        return len(self.published.split(".")[1]) if "." in self.published else 0

    def bounds(self) -> tuple[float, float]:
        """The interval [low, high) of true values that print as the published text."""
        half = 0.5 * 10.0 ** -self.places
        return float(self.published) - half, float(self.published) + half

    def shown(self, value: float) -> str:
        """A model value at the published precision (half up, as printed values are rounded)."""
        return str(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-self.places), ROUND_HALF_UP))


@dataclass(frozen=True)
class Model:
    """A Weibull curve by its cumulative hazard H(t) = exp(c) * t**shape; shape 1 is the exponential."""

    shape: float
    c: float

    @property
    def name(self) -> str:
        return "exponential" if self.shape == 1 else "Weibull"

    def survival(self, t):
        t = np.asarray(t, dtype=float)
        return np.exp(-np.exp(self.c) * np.power(t, self.shape))

    def median(self) -> float:
        return math.exp((math.log(math.log(2)) - self.c) / self.shape)

    def scaled(self, hazard_ratio: float) -> "Model":
        """The curve whose hazard is `hazard_ratio` times this one's (proportional hazards)."""
        return Model(self.shape, self.c + math.log(hazard_ratio))

    def sample(self, generator: np.random.Generator, n: int) -> np.ndarray:
        return np.power(-np.log(generator.random(n)) / math.exp(self.c), 1 / self.shape)

    def describe(self, unit: str) -> str:
        if self.shape == 1:
            return f"exponential, hazard {math.exp(self.c):.4g} per {unit[:-1]}"
        return f"Weibull, shape {self.shape:.3g}, scale {math.exp(-self.c / self.shape):.3g} {unit}"

    def value(self, anchor: Anchor) -> float:
        """The model's value of a landmark rate (%) or a median (in the published unit)."""
        if anchor.kind == "landmark_rate":
            return float(self.survival(anchor.time)) * 100
        return self.median() * anchor.scale

    def reproduces(self, anchor: Anchor) -> bool:
        return self.shown(anchor) == anchor.published

    def shown(self, anchor: Anchor) -> str:
        return anchor.shown(self.value(anchor))


@dataclass(frozen=True)
class Analysis:
    """Every published rate, median and hazard ratio of one endpoint in one analysis."""

    trial: str
    analysis: str
    endpoint: str
    unit: str  # the curve's time unit: "years" or "months"
    arms: list[str]  # experimental arms first, the common comparator of the hazard ratios last
    anchors: dict[str, list[Anchor]]  # per arm, one per quantity, by time
    comparator: str | None  # the arm every published hazard ratio is against, if they share one
    hazard_ratios: dict[str, Anchor]  # per arm compared with the comparator: the ratio the model is tied to
    rows: list[Anchor]  # every published number, duplicates from other sources included
    horizon: float  # end of the time axis, in the curve's unit
    horizon_note: str
    publication: str  # reference id of the analysis's publication


def _anchor(row, unit: str) -> Anchor:
    if row["statistic"] == "hazard_ratio":
        return Anchor(row["row_id"], row["source"], row["arm"], "hazard_ratio", row["estimate_text"],
                      quantity="hazard ratio")
    if row["statistic"] == "landmark_rate":
        factor = 12 if row["time_unit"] == "years" and unit == "months" else (1 / 12 if row["time_unit"] == "months" and unit == "years" else 1)
        when = f"{float(row['timepoint']):g}-{row['time_unit'][:-1]}"
        return Anchor(row["row_id"], row["source"], row["arm"], "landmark_rate", row["estimate_text"], float(row["timepoint"]) * factor,
                      quantity=f"{when} rate", suffix="%")
    scale = 12 if row["unit"] == "months" and unit == "years" else 1
    return Anchor(row["row_id"], row["source"], row["arm"], "median", row["estimate_text"], float(row["estimate"]) / scale, scale,
                  quantity="median", suffix=f" {row['unit']}")


def analysis(evidence: Evidence, trial: str, analysis: str, endpoint: str) -> Analysis:
    """The published numbers an illustration of this analysis must reproduce, and its observed window.

    Only the whole population's values are used (rows with a subset, such as a sensitivity analysis
    censored at crossover, describe another population), and one assessment (the first in the
    vocabulary's order) where several were published.
    """
    check_choice("trial", [trial], list(evidence.trials.trial))
    check_choice("analysis", [analysis], sorted(set(evidence.analyses.analysis[evidence.analyses.trial == trial])))
    frame = whole_population(evidence.endpoints)
    frame = frame[(frame.trial == trial) & (frame.analysis == analysis) & (frame.value_status == "reported")
                  & (frame.kind == "reported") & frame.statistic.isin(STATISTICS)]
    curves = frame[(frame.statistic != "hazard_ratio") & frame.endpoint.isin(vocab.values("endpoint", "time_to_event"))]
    check_choice("endpoint", [endpoint], sorted(set(curves.endpoint)))
    frame = frame[frame.endpoint == endpoint]
    assessments = [a for a in vocab.values("assessment") if a in set(frame.assessment.fillna(""))]
    if assessments:
        frame = frame[frame.assessment.fillna("").isin(["", assessments[0]])]
    rates = frame[frame.statistic == "landmark_rate"]
    unit = "years" if len(rates) == len(frame[frame.statistic != "hazard_ratio"]) and (rates.time_unit == "years").all() else "months"
    roles = evidence.arms[evidence.arms.trial == trial].set_index("arm")["role"]
    order = list(evidence.arms.arm[evidence.arms.trial == trial])
    chosen = one_per_quantity(evidence, frame)
    ratios = chosen[chosen.statistic == "hazard_ratio"]
    comparators = set(ratios.comparator)
    comparator = comparators.pop() if len(comparators) == 1 else None
    arms = sorted(set(frame.arm[frame.statistic != "hazard_ratio"]) | ({comparator} if comparator else set()),
                  key=lambda a: (a == comparator, roles.get(a) != "experimental", order.index(a) if a in order else len(order)))
    anchors = {arm: sorted((_anchor(r, unit) for _, r in chosen[(chosen.arm == arm) & (chosen.statistic != "hazard_ratio")].iterrows()),
                           key=lambda a: a.time) for arm in arms}
    hazard_ratios = {r["arm"]: _anchor(r, unit) for _, r in ratios.iterrows() if comparator and r["arm"] in arms}
    rows = [_anchor(r, unit) for _, r in frame.iterrows()]
    meta = evidence.analyses.set_index(["trial", "analysis"]).loc[(trial, analysis)]
    latest = max(a.time for points in anchors.values() for a in points)
    horizon, note = latest, f"{latest:g} {unit}, the latest published value ({_latest_label(anchors, latest)})"
    if not pd.isna(meta["median_follow_up"]) and meta["follow_up_unit"] in ("years", "months"):
        follow = float(meta["median_follow_up"]) * (12 if meta["follow_up_unit"] == "years" and unit == "months" else 1) \
            / (12 if meta["follow_up_unit"] == "months" and unit == "years" else 1)
        if follow >= latest:
            horizon, note = follow, f"{follow:g} {unit}, the median follow-up of the analysis"
    return Analysis(trial, analysis, endpoint, unit, arms, anchors, comparator, hazard_ratios, rows, horizon, note, meta["publication"])


def _latest_label(anchors: dict[str, list[Anchor]], latest: float) -> str:
    return next(a.label for points in anchors.values() for a in points if a.time == latest)
