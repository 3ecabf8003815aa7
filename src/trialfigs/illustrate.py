"""Illustrative survival curves that pass exactly through published values, under a stated model.

Nothing here is evidence: every curve and number is derived, labelled so, and never enters data/.
One anchor per arm (a landmark rate or a median) gives an exponential curve; two give a Weibull
curve through both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from .load import Evidence
from .select import check_choice, one_per_quantity


@dataclass(frozen=True)
class Anchor:
    row_id: str
    source: str
    time: float  # in the curve's time unit
    survival: float  # proportion, 0 to 1
    published: str  # the value as typed in data/ (a rate in % or a median)
    kind: str  # "landmark_rate" or "median"


@dataclass(frozen=True)
class Model:
    name: str  # "exponential" or "Weibull"
    rate: float  # exponential hazard, or Weibull scale
    shape: float = 1.0

    def survival(self, t):
        t = np.asarray(t, dtype=float)
        if self.name == "exponential":
            return np.exp(-self.rate * t)
        return np.exp(-np.power(t / self.rate, self.shape))

    def median(self) -> float:
        if self.name == "exponential":
            return math.log(2) / self.rate
        return self.rate * math.log(2) ** (1 / self.shape)

    def sample(self, generator: np.random.Generator, n: int) -> np.ndarray:
        u = generator.random(n)
        if self.name == "exponential":
            return -np.log(u) / self.rate
        return self.rate * np.power(-np.log(u), 1 / self.shape)

    def describe(self) -> str:
        if self.name == "exponential":
            return f"exponential, hazard {self.rate:.4g} per unit time"
        return f"Weibull, shape {self.shape:.3g}, scale {self.rate:.3g}"


def anchors(evidence: Evidence, trial: str, analysis: str, endpoint: str) -> tuple[dict[str, list[Anchor]], str]:
    """Published anchors per arm, and the time unit of the curve."""
    check_choice("trial", [trial], list(evidence.trials.trial))
    check_choice("analysis", [analysis], sorted(set(evidence.analyses.analysis[evidence.analyses.trial == trial])))
    frame = evidence.endpoints
    frame = frame[(frame.trial == trial) & (frame.analysis == analysis) & (frame.value_status == "reported")
                  & frame.statistic.isin(["landmark_rate", "median"])]
    check_choice("endpoint", [endpoint], sorted(set(frame.endpoint)))
    frame = one_per_quantity(evidence, frame[frame.endpoint == endpoint])
    unit = "years" if (frame.statistic == "landmark_rate").all() and (frame.time_unit == "years").all() else "months"
    per_arm: dict[str, list[Anchor]] = {}
    for _, row in frame.iterrows():
        if row["statistic"] == "landmark_rate":
            time = float(row["timepoint"]) * (12 if row["time_unit"] == "years" and unit == "months" else 1)
            anchor = Anchor(row["row_id"], row["source"], time, float(row["estimate"]) / 100, row["estimate_text"], "landmark_rate")
        else:
            time = float(row["estimate"]) * (1 / 12 if row["unit"] == "months" and unit == "years" else 1)
            anchor = Anchor(row["row_id"], row["source"], time, 0.5, row["estimate_text"], "median")
        per_arm.setdefault(row["arm"], []).append(anchor)
    return {arm: sorted(a, key=lambda x: x.time) for arm, a in per_arm.items()}, unit


def fit(points: list[Anchor]) -> Model:
    """The curve through the anchors: exponential through one, Weibull through two."""
    if len(points) == 1:
        (a,) = points
        return Model("exponential", -math.log(a.survival) / a.time)
    if len(points) == 2:
        a, b = points
        if not (b.time > a.time and b.survival < a.survival):
            raise ValueError("two anchors need a later time and a lower survival")
        shape = (math.log(-math.log(b.survival)) - math.log(-math.log(a.survival))) / (math.log(b.time) - math.log(a.time))
        return Model("Weibull", a.time / (-math.log(a.survival)) ** (1 / shape), shape)
    raise ValueError(f"{len(points)} anchors: the illustration takes one or two per arm")


def fidelity(model: Model, anchor: Anchor) -> tuple[str, str]:
    """The published value and the curve's value there, at the published precision."""
    places = Decimal(1).scaleb(-(len(anchor.published.split(".")[1]) if "." in anchor.published else 0))
    if anchor.kind == "median":
        value = Decimal(repr(model.median()))
    else:
        value = Decimal(repr(float(model.survival(anchor.time)) * 100))
    return anchor.published, str(value.quantize(places, ROUND_HALF_UP))


def simulate(models: dict[str, Model], sizes: dict[str, int], horizon: float, seed: int) -> pd.DataFrame:
    """A seeded cohort per arm: event times from the model, administrative censoring at the horizon."""
    generator = np.random.Generator(np.random.PCG64(seed))
    frames = []
    for arm, model in models.items():
        times = model.sample(generator, sizes[arm])
        frames.append(pd.DataFrame({"arm": arm, "time": np.minimum(times, horizon), "event": (times <= horizon).astype(int)}))
    return pd.concat(frames, ignore_index=True)


def cox_hazard_ratio(cohort: pd.DataFrame, arm: str) -> tuple[float, float, float]:
    """Hazard ratio of `arm` against the other arm in the simulated cohort (lifelines CoxPHFitter)."""
    from lifelines import CoxPHFitter

    frame = cohort.assign(treated=(cohort.arm == arm).astype(int))[["time", "event", "treated"]]
    fitter = CoxPHFitter().fit(frame, duration_col="time", event_col="event")
    summary = fitter.summary.loc["treated"]
    return (float(summary["exp(coef)"]), float(summary["exp(coef) lower 95%"]), float(summary["exp(coef) upper 95%"]))
