"""The default suite of renders, derived from data/: no trial is named here.

Headline forest plots first, one per setting group (early, metastatic: the `group` of the setting
in vocabulary.csv), so each fits a slide at lecture-hall type sizes. Then per trial, in teaching
order (vocab.trials): its page, its landmark rates and an icon array of each endpoint's latest
landmark rates, the proportions of its outcome endpoints (pCR, response), its medians (one figure per endpoint), its key specific adverse events and its overall adverse events.
Last, model illustrations of each trial's primary time-to-event endpoints. Every figure is
rendered once: a trial page lists these figures instead of drawing its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from trialfigs.evidence import vocabulary as vocab
from trialfigs.evidence.vocabulary import OVERALL_EVENT
from trialfigs.paths import slug

# Analyses that formally test an endpoint; a descriptive or updated look is illustrated only when
# no such analysis has the anchors.
TESTED = ("primary", "interim", "final")
# What fits a slide at 16 pt: hazard-ratio rows per forest plot, adverse-event groups per bar chart.
FOREST_ROWS = 5
SAFETY_GROUPS = 4


@dataclass
class Job:
    notebook: str  # file name in notebooks/, without .ipynb
    name: str  # output stem in reports/
    parameters: dict = field(default_factory=dict)


def setting_groups(data_dir: Path | None = None) -> dict[str, list[str]]:
    """Setting group -> its trials, in teaching order ({'early': [...], 'metastatic': [...]})."""
    group = {e["value"]: e.get("group") or e["value"] for e in vocab.entries("setting", data_dir)}
    found: dict[str, list[str]] = {}
    for trial in vocab.trials(data_dir):
        found.setdefault(group.get(trial.get("setting"), trial.get("setting") or "other"), []).append(trial["trial"])
    return found


def default_suite(data_dir: Path | None = None) -> list[Job]:
    """Every notebook, every trial, slide theme, all formats."""
    endpoints = vocab.rows("endpoints", data_dir)
    safety = vocab.rows("safety", data_dir)
    time_to_event = set(vocab.values("endpoint", "time_to_event", data_dir=data_dir))

    def has(trial: str, statistic: str, wanted=None) -> bool:
        return any(r.get("trial") == trial and r.get("statistic") == statistic and (wanted is None or r.get("endpoint") in wanted)
                   for r in endpoints)

    jobs = []
    for group, members in setting_groups(data_dir).items():
        # (trial, endpoints, rows): a trial with more rows than a slide holds is split by endpoint
        chunks, items = [], []
        for t in members:
            ratios = [r for r in endpoints if r.get("trial") == t and r.get("statistic") == "hazard_ratio"]
            rows = len({_identity(r) for r in ratios})
            if rows > FOREST_ROWS:  # its own plots, never shared with another trial's
                chunks += packed(items, FOREST_ROWS)
                items = []
                chunks += packed([((t, e), len({_identity(r) for r in ratios if r.get("endpoint") == e}))
                                  for e in endpoints_with(t, "hazard_ratio", data_dir)], FOREST_ROWS)
            elif rows:
                items.append(((t, None), rows))
        chunks += packed(items, FOREST_ROWS)
        for i, chunk in enumerate(chunks, start=1):
            name = f"forest-{slug(group)}" + (f"-{i}" if len(chunks) > 1 else "")
            chosen = list(dict.fromkeys(t for t, _ in chunk))
            wanted = [e for _, e in chunk if e]
            jobs.append(Job("forest", name, {"trials": chosen, **({"endpoints": wanted} if wanted else {})}))
    trials = vocab.trials(data_dir)
    for trial in trials:
        t = trial["trial"]
        jobs.append(Job("trial", f"trial-{slug(t)}", {"trial": t}))
        if has(t, "landmark_rate"):
            jobs.append(Job("landmark", f"landmark-{slug(t)}", {"trials": [t]}))
            for endpoint in endpoints_with(t, "landmark_rate", data_dir):
                if not _two_arms_at_one_time(endpoints, t, endpoint):
                    continue
                jobs.append(Job("iconarray", f"iconarray-{slug(t)}-{slug(endpoint)}", {"trial": t, "endpoint": endpoint}))
        if has(t, "proportion", outcome_endpoints(trial, data_dir)):
            jobs.append(Job("proportions", f"proportions-{slug(t)}", {"trials": [t]}))
        for endpoint in endpoints_with(t, "median", data_dir):
            if endpoint in time_to_event:
                jobs.append(Job("medians", f"medians-{slug(t)}-{slug(endpoint)}", {"trials": [t], "endpoints": [endpoint]}))
        events = {r.get("event") for r in safety if r.get("trial") == t}
        groups: dict[str, set] = {}
        for r in safety:
            if r.get("trial") == t and r.get("event") != OVERALL_EVENT:
                groups.setdefault(r["event"], set()).add((r.get("analysis"), r.get("category")))
        chunks = packed([(e, len(g)) for e, g in groups.items()], SAFETY_GROUPS)
        for i, chunk in enumerate(chunks, start=1):
            name = f"safety-{slug(t)}-specific" + (f"-{i}" if len(chunks) > 1 else "")
            jobs.append(Job("safety", name, {"trials": [t], "scope": "specific", **({"events": chunk} if len(chunks) > 1 else {})}))
        if OVERALL_EVENT in events:
            jobs.append(Job("safety", f"safety-{slug(t)}", {"trials": [t], "scope": "overall"}))
    for trial in trials:
        for endpoint, analysis in illustrated(trial, data_dir):
            jobs.append(Job("illustrative", f"illustrative-{slug(trial['trial'])}-{slug(endpoint)}",
                            {"trial": trial["trial"], "analysis": analysis, "endpoint": endpoint}))
    return jobs


def outcome_endpoints(trial: dict[str, str], data_dir: Path | None = None) -> set[str]:
    """The endpoints whose proportions are a trial's outcomes (as select.outcome_endpoints): response endpoints and
    the trial's primary endpoints."""
    return set(vocab.values("endpoint", "response", data_dir=data_dir)) | {e for e in (trial.get("primary_endpoint") or "").split(";") if e}


def packed(items: list[tuple], capacity: int) -> list[list]:
    """Consecutive names packed into chunks of at most `capacity` rows (a name larger than that gets its own)."""
    chunks: list[list[str]] = []
    size = capacity
    for name, rows in items:
        if size + rows > capacity:
            chunks.append([])
            size = 0
        chunks[-1].append(name)
        size += rows
    return chunks


def _identity(row: dict[str, str]) -> tuple:
    return tuple(row.get(c, "") for c in ("analysis", "endpoint", "arm", "comparator", "timepoint", "time_unit", "subset"))


def _two_arms_at_one_time(rows, trial: str, endpoint: str) -> bool:
    arms: dict[tuple, set] = {}
    for r in rows:
        if r.get("trial") == trial and r.get("endpoint") == endpoint and r.get("statistic") == "landmark_rate":
            arms.setdefault((r.get("analysis"), r.get("timepoint")), set()).add(r.get("arm"))
    return any(len(a) >= 2 for a in arms.values())


def endpoints_with(trial: str, statistic: str, data_dir: Path | None = None) -> list[str]:
    """The endpoints of a trial with published values of a statistic, in vocabulary order."""
    found = {r.get("endpoint") for r in vocab.rows("endpoints", data_dir)
             if r.get("trial") == trial and r.get("statistic") == statistic}
    order = vocab.values("endpoint", data_dir=data_dir)
    return sorted(found, key=lambda e: (order.index(e) if e in order else len(order), e))


def illustrated(trial: dict[str, str], data_dir: Path | None = None) -> list[tuple[str, str]]:
    """(endpoint, analysis) for each primary time-to-event endpoint of a trial that has anchors in two arms:
    the latest tested analysis with them, else the latest analysis with them."""
    time_to_event = set(vocab.values("endpoint", "time_to_event", data_dir=data_dir))
    analyses = [a for a in vocab.rows("analyses", data_dir) if a.get("trial") == trial["trial"]]
    rows = [r for r in vocab.rows("endpoints", data_dir) if r.get("trial") == trial["trial"]]
    chosen = []
    for endpoint in (trial.get("primary_endpoint") or "").split(";"):
        if endpoint not in time_to_event:
            continue
        anchored = [a for a in analyses if _anchored(rows, a["analysis"], endpoint)]
        tested = [a for a in anchored if a.get("analysis_type") in TESTED]
        pick = (tested or anchored)[-1:]
        chosen += [(endpoint, a["analysis"]) for a in pick]
    return chosen


def _anchored(rows, analysis: str, endpoint: str) -> bool:
    """Medians, or landmark rates at one timepoint, published for at least two arms."""
    here = [r for r in rows if r.get("analysis") == analysis and r.get("endpoint") == endpoint
            and r.get("kind") == "reported" and r.get("value_status") == "reported"]
    medians = {r["arm"] for r in here if r.get("statistic") == "median"}
    by_time: dict[tuple, set] = {}
    for r in here:
        if r.get("statistic") == "landmark_rate":
            by_time.setdefault((r.get("timepoint"), r.get("time_unit")), set()).add(r["arm"])
    return len(medians) >= 2 or any(len(arms) >= 2 for arms in by_time.values())
