"""The figure kinds, in one table: what each draws and reads, and how the deck speaks of it.

A kind is a notebook in notebooks/ (its name), the manifest's "figure", the package modules it draws
with (the render cache hashes them and what they import), the rows of data/ it can read (the cache keys a
job on them, without pandas), the statistic without which it has nothing to draw, the words the render,
the notes and the alt text use for it, its place among a trial's figures of one endpoint, and its form in
the editable deck (a native bar chart, a marker chart or the picture). The other stages read this table;
adding a kind is its drawing module, its notebook, an entry here and, in figures/suite.py, its default jobs.

tests/figures/test_kinds.py checks the table against the notebooks and the rows each suite figure shows against
the rows its kind says it reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

Rows = list[tuple[str, dict]]
OVERALL_EVENT = "any adverse event"  # as evidence.vocabulary.OVERALL_EVENT (no import: this runs without pandas)


@dataclass(frozen=True)
class Kind:
    name: str
    modules: tuple[str, ...]  # drawing modules, relative to the package
    draws: str  # "hazard ratios": for the line that says a job was skipped
    rows: Callable[[dict, set, dict], Rows]  # (tables' rows by name, its trials, parameters) -> the rows it reads
    needs: str | None = None  # the statistic without which it draws nothing (a landmark chart of differences alone)
    statistic: str | None = None  # the statistic its slides speak of (notes, alt text)
    shows: str = ""  # notes: "This slide shows <shows> from ..."
    picture: str = "Figure"  # alt text: "<picture>, <trials>: ..."
    order: int | None = None  # among one endpoint's figures of a trial: the comparison, then numbers, then times
    chart: str | None = None  # editable deck: "bars", "points" (a median is a point in time) or None (the picture)


def selected(rows: Iterable[dict], trials: set, **wanted) -> list[dict]:
    """Rows of the trials whose columns take one of the wanted values (an empty choice takes all)."""
    return [row for row in rows if (not trials or row.get("trial") in trials)
            and all(not values or row.get(column) in values for column, values in wanted.items())]


def _endpoints(tables: dict, trials: set, **wanted) -> Rows:
    return [("endpoints", r) for r in selected(tables.get("endpoints", []), trials, **wanted)]


def _forest(tables: dict, trials: set, p: dict) -> Rows:
    return _endpoints(tables, trials, statistic={"hazard_ratio"}, endpoint=set(p.get("endpoints") or []),
                      analysis=set(p.get("analyses") or []))


def _landmark(tables: dict, trials: set, p: dict) -> Rows:
    return _endpoints(tables, trials, statistic={"landmark_rate", "difference"}, endpoint=set(p.get("endpoints") or []))


def _proportions(tables: dict, trials: set, p: dict) -> Rows:  # select.proportions narrows these to outcome endpoints
    return _endpoints(tables, trials, statistic={"proportion", "difference"}, endpoint=set(p.get("endpoints") or []))


def _medians(tables: dict, trials: set, p: dict) -> Rows:
    wanted = set(p.get("endpoints") or []) or {r.get("value") for r in tables.get("vocabulary", [])
                                              if r.get("field") == "endpoint" and r.get("group") == "time_to_event"}
    return _endpoints(tables, trials, statistic={"median", "hazard_ratio"}, endpoint=wanted, analysis=set(p.get("analyses") or []))


def _safety(tables: dict, trials: set, p: dict) -> Rows:
    scope = p.get("scope", "all")
    return [("safety", r) for r in selected(tables.get("safety", []), trials, analysis=set(p.get("analyses") or []),
                                            category=set(p.get("categories") or []), event=set(p.get("events") or []))
            if scope == "all" or (r.get("event") == OVERALL_EVENT) == (scope == "overall")]


def _iconarray(tables: dict, trials: set, p: dict) -> Rows:
    return _endpoints(tables, trials, statistic={"landmark_rate"}, endpoint={p.get("endpoint")}, analysis=set(p.get("analyses") or []))


def _illustrative(tables: dict, trials: set, p: dict) -> Rows:
    return _endpoints(tables, trials, statistic={"landmark_rate", "median", "hazard_ratio"}, analysis={p.get("analysis")},
                      endpoint={p.get("endpoint")})


def everything(tables: dict, trials: set, p: dict) -> Rows:
    """A trial's page, or a notebook this table does not know: every row of its trials."""
    return _endpoints(tables, trials) + [("safety", r) for r in selected(tables.get("safety", []), trials)]


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("forest", ("figures.forest",), "hazard ratios", _forest, statistic="hazard_ratio", shows="hazard ratios",
         picture="Forest plot of hazard ratios", order=0),
    Kind("iconarray", ("figures.iconarray",), "landmark rates", _iconarray, statistic="landmark_rate",
         shows="the landmark rates by arm as patients out of 100", picture="Icon array", order=1),
    Kind("landmark", ("figures.landmark",), "landmark rates", _landmark, needs="landmark_rate", statistic="landmark_rate",
         shows="landmark rates by arm", picture="Bar chart of landmark rates", order=2, chart="bars"),
    Kind("proportions", ("figures.proportions",), "proportions", _proportions, needs="proportion", statistic="proportion",
         shows="the proportion of patients by arm", picture="Bar chart of proportions of patients", order=3, chart="bars"),
    Kind("medians", ("figures.medians",), "medians", _medians, needs="median", statistic="median",
         shows="median times by arm", picture="Chart of median times", order=4, chart="points"),
    Kind("safety", ("figures.safety",), "adverse-event rates", _safety, shows="adverse-event rates by arm",
         picture="Bar chart of adverse-event rates", chart="bars"),
    Kind("illustrative", ("figures.model_curves", "figures.simulated_cohort"), "anchors (medians or landmark rates)",
         _illustrative),
    Kind("trial", ("figures.trial_page",), "published values", everything),
)}


def kind(name: str) -> Kind | None:
    return KINDS.get(name)


def charted(form: str) -> tuple[str, ...]:
    """The kinds the editable deck draws as native charts of this form ("bars", "points"; "" for either)."""
    return tuple(k.name for k in KINDS.values() if k.chart and (not form or k.chart == form))


def reads_rows(tables: dict, name: str, parameters: dict) -> Rows:
    """The endpoint and safety rows a figure of this kind and selection can read (every row of its trials for a
    kind the table does not know)."""
    trials = set(parameters.get("trials") or ([parameters["trial"]] if parameters.get("trial") else []))
    found = KINDS.get(name)
    return (found.rows if found else everything)(tables, trials, parameters)
