"""A seeded cohort simulated from model curves, and lifelines fits to it: for researchers, off by default.

Nothing here describes the trial: the cohort is drawn from the model, so what a fit to it returns
is a property of the model. It is never part of the default outputs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from trialfigs.model.curves import Model


def simulate(models: dict[str, Model], sizes: dict[str, int], horizon: float, seed: int) -> pd.DataFrame:
    """Event times per arm from its model, administratively censored at the horizon."""
    generator = np.random.Generator(np.random.PCG64(seed))
    frames = []
    for arm, model in models.items():
        times = model.sample(generator, sizes[arm])
        frames.append(pd.DataFrame({"arm": arm, "time": np.minimum(times, horizon), "event": (times <= horizon).astype(int)}))
    return pd.concat(frames, ignore_index=True)


def kaplan_meier(cohort: pd.DataFrame, arm: str) -> pd.Series:
    """Kaplan-Meier survival (proportion) of one simulated arm, indexed by time (lifelines KaplanMeierFitter)."""
    from lifelines import KaplanMeierFitter

    chosen = cohort[cohort.arm == arm]
    fitter = KaplanMeierFitter().fit(chosen.time, chosen.event, label=arm)
    return fitter.survival_function_[arm]


def cox_hazard_ratio(cohort: pd.DataFrame, arm: str, comparator: str) -> tuple[float, float, float]:
    """Hazard ratio of `arm` against `comparator` in the simulated cohort, with its 95% CI (lifelines CoxPHFitter)."""
    from lifelines import CoxPHFitter

    pair = cohort[cohort.arm.isin([arm, comparator])]
    frame = pair.assign(treated=(pair.arm == arm).astype(int))[["time", "event", "treated"]]
    summary = CoxPHFitter().fit(frame, duration_col="time", event_col="event").summary.loc["treated"]
    return float(summary["exp(coef)"]), float(summary["exp(coef) lower 95%"]), float(summary["exp(coef) upper 95%"])


def at_risk(times: np.ndarray, when: list[float]) -> list[int]:
    return [int((times >= t).sum()) for t in when]
