"""Pick the rows a figure draws: one row per published quantity, in a stated order.

Where two sources report the same quantity (the article and the label, say), the row from the
analysis's own publication wins, then a primary source over a secondary one, then a row that
publishes a P value, then file order.
"""

from __future__ import annotations

import pandas as pd

from trialfigs.evidence import vocabulary as vocab
from trialfigs.evidence.load import Evidence

IDENTITY = ["trial", "analysis", "endpoint", "statistic", "arm", "comparator", "timepoint", "time_unit", "subset"]


class SelectionError(ValueError):
    """A selection names something the data does not have; the message lists the valid choices."""


def one_per_quantity(evidence: Evidence, frame: pd.DataFrame) -> pd.DataFrame:
    if frame.empty:
        return frame.reset_index(drop=True)
    publication = evidence.analyses.set_index(["trial", "analysis"])["publication"]
    ranked = frame.assign(
        _cross_check=frame.preferred == "no",  # data/ marks the row figures use; a cross-check never wins
        _own=[publication.get((t, a)) != s for t, a, s in zip(frame.trial, frame.analysis, frame.source)],
        _secondary=frame.evidence_level != "primary",
        _no_p=frame.p_value == "",
        _order=range(len(frame)),
    )
    key = ranked[IDENTITY].astype("string").fillna("")
    ranked = ranked.assign(_key=key.agg("|".join, axis=1))
    best = ranked.sort_values(["_cross_check", "_own", "_secondary", "_no_p", "_order"]).drop_duplicates("_key")
    return best.sort_values("_order").drop(columns=["_cross_check", "_own", "_secondary", "_no_p", "_order", "_key"]).reset_index(drop=True)


def with_published_p(chosen: pd.DataFrame, candidates: pd.DataFrame) -> pd.DataFrame:
    """Give a chosen row without a P value the P of another row of the same quantity that publishes one.

    The row keeps its own estimate and citation; `p_row_id` and `p_source` name the row (and so the
    source) the P value was read from, so a figure can cite it. Both are empty when the row has its own P.
    """
    chosen = chosen.assign(p_row_id="", p_source="")
    if chosen.empty:
        return chosen
    keys = candidates[IDENTITY].astype("string").fillna("").agg("|".join, axis=1)
    donors = candidates.assign(_key=keys, _secondary=candidates.evidence_level != "primary")
    donors = donors[donors.p_value != ""].sort_values("_secondary", kind="stable")
    first = donors.drop_duplicates("_key").set_index("_key")
    own = chosen[IDENTITY].astype("string").fillna("").agg("|".join, axis=1)
    for i, key in zip(chosen.index, own):
        if chosen.at[i, "p_value"] == "" and key in first.index:
            donor = first.loc[key]
            chosen.loc[i, ["p_value", "p_row_id", "p_source"]] = [donor["p_value"], donor["row_id"], donor["source"]]
    return chosen


def check_choice(kind: str, values: list[str], valid: list[str]) -> None:
    unknown = [v for v in values if v not in valid]
    if unknown:
        raise SelectionError(f"unknown {kind} {', '.join(map(repr, unknown))}; valid: {', '.join(valid)}")


def hazard_ratios(evidence: Evidence, trials: list[str] | None = None, endpoints: list[str] | None = None,
                  analyses: list[str] | None = None) -> pd.DataFrame:
    """Hazard-ratio rows for a forest plot: trials in teaching order (vocab.trials), then analysis and endpoint
    order as the data lists them."""
    frame = evidence.endpoints[evidence.endpoints.statistic == "hazard_ratio"]
    frame = _filter(frame, "trial", trials, list(evidence.trials.trial))
    frame = _filter(frame, "endpoint", endpoints, sorted(set(evidence.endpoints.endpoint)))
    frame = _filter(frame, "analysis", analyses, sorted(set(evidence.analyses.analysis)))
    chosen = with_published_p(one_per_quantity(evidence, frame), frame)
    teaching = [t for t in vocab.trial_order() if t in set(evidence.trials.trial)]
    order = {t: i for i, t in enumerate([*teaching, *(t for t in evidence.trials.trial if t not in teaching)])}
    analysis_order = {k: i for i, k in enumerate(zip(evidence.analyses.trial, evidence.analyses.analysis))}
    chosen = chosen.assign(_t=chosen.trial.map(order),
                           _a=[analysis_order[(t, a)] for t, a in zip(chosen.trial, chosen.analysis)])
    return chosen.sort_values(["_t", "_a"], kind="stable").drop(columns=["_t", "_a"]).reset_index(drop=True)


def _filter(frame: pd.DataFrame, column: str, wanted: list[str] | None, valid: list[str]) -> pd.DataFrame:
    if not wanted:
        return frame
    check_choice(column, wanted, valid)
    return frame[frame[column].isin(wanted)]


def row_label(row) -> str:
    """'<trial label>, <endpoint>, <analysis label>[, <subset>]': what a row is, in words an educator can read aloud."""
    subset = row.get("subset") if hasattr(row, "get") else None
    subset = f", {subset}" if isinstance(subset, str) and subset else ""
    return f"{vocab.trial_label(row['trial'])}, {row['endpoint']}, {vocab.analysis_label(row['trial'], row['analysis'])}{subset}"


def landmark_rates(evidence: Evidence, trials: list[str] | None = None,
                   endpoints: list[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Landmark rates per arm, and the published between-arm differences at the same timepoints
    (whole randomised population: a subset or sensitivity analysis belongs to the forest plot)."""
    frame = _filter(whole_population(evidence.endpoints), "trial", trials, list(evidence.trials.trial))
    frame = _filter(frame, "endpoint", endpoints, sorted(set(evidence.endpoints.endpoint)))
    rates = one_per_quantity(evidence, frame[frame.statistic == "landmark_rate"])
    differences = frame[(frame.statistic == "difference") & frame.timepoint.notna()]
    return rates, one_per_quantity(evidence, differences)


def outcome_endpoints(evidence: Evidence, trial: str) -> set[str]:
    """The endpoints whose proportions are outcomes of a trial: response endpoints (vocabulary group `response`:
    pCR, ORR) and the trial's primary endpoints (clinically relevant toxicity, say); not crossover or
    treatment completion, which describe the conduct of the trial."""
    words = evidence.vocabulary
    response = set(words[(words.field == "endpoint") & (words.group == "response")].value)
    primary = evidence.trials.set_index("trial")["primary_endpoint"].get(trial)
    return response | {e for e in (primary if isinstance(primary, str) else "").split(";") if e}


def proportions(evidence: Evidence, trials: list[str] | None = None,
                endpoints: list[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Proportions of patients per arm for the outcome endpoints (outcome_endpoints), whole randomised
    population, and the published between-arm differences of the same endpoints (no timepoint)."""
    frame = _filter(whole_population(evidence.endpoints), "trial", trials, list(evidence.trials.trial))
    frame = _filter(frame, "endpoint", endpoints, sorted(set(evidence.endpoints.endpoint)))
    outcome = frame.apply(lambda r: r["endpoint"] in outcome_endpoints(evidence, r["trial"]), axis=1) if len(frame) else []
    frame = frame[outcome] if len(frame) else frame
    shares = one_per_quantity(evidence, frame[frame.statistic == "proportion"])
    differences = frame[(frame.statistic == "difference") & frame.timepoint.isna()]
    return shares, one_per_quantity(evidence, differences)


def medians(evidence: Evidence, trials: list[str] | None = None, endpoints: list[str] | None = None,
            analyses: list[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Medians per arm of the time-to-event endpoints (unless endpoints say otherwise), and the matching hazard
    ratios (whole randomised population; a subset or sensitivity analysis is labelled in the forest plot)."""
    frame = _filter(whole_population(evidence.endpoints), "trial", trials, list(evidence.trials.trial))
    frame = _filter(frame, "endpoint", endpoints, sorted(set(evidence.endpoints.endpoint)))
    frame = _filter(frame, "analysis", analyses, sorted(set(evidence.analyses.analysis)))
    if not endpoints:
        frame = frame[frame.endpoint.isin(vocab.values("endpoint", "time_to_event"))]
    chosen = one_per_quantity(evidence, frame[frame.statistic == "median"])
    ratios = hazard_ratios(evidence, trials, endpoints, analyses)
    return chosen, whole_population(ratios).reset_index(drop=True)


def whole_population(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of the whole randomised population (no subset named)."""
    return frame[frame["subset"].fillna("") == ""] if "subset" in frame else frame


SCOPES = ("all", "specific", "overall")


def adverse_events(evidence: Evidence, trials: list[str] | None = None, analyses: list[str] | None = None,
                   categories: list[str] | None = None, scope: str = "all", events: list[str] | None = None) -> pd.DataFrame:
    """Adverse-event rows; scope 'specific' keeps the named events, 'overall' the rows of any adverse event."""
    from trialfigs.evidence.vocabulary import OVERALL_EVENT

    check_choice("scope", [scope], list(SCOPES))
    frame = evidence.safety
    frame = frame[frame.preferred != "no"]  # a cross-check row repeats a rate shown from its preferred row
    if scope != "all":
        frame = frame[(frame.event == OVERALL_EVENT) == (scope == "overall")]
    frame = _filter(frame, "trial", trials, list(evidence.trials.trial))
    frame = _filter(frame, "analysis", analyses, sorted(set(evidence.analyses.analysis)))
    frame = _filter(frame, "category", categories, sorted(set(evidence.safety.category)))
    frame = _filter(frame, "event", events, sorted(set(evidence.safety.event)))
    return frame.reset_index(drop=True)
