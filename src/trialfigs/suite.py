"""The default suite of renders, derived from data/: no trial is named here.

Headline forest plots first, one per setting group (early, metastatic: the `group` of the setting
in vocabulary.csv), so each fits a slide at lecture-hall type sizes. Then per trial, in teaching
order (vocab.trials): its page, its landmark rates and an icon array of each endpoint's latest
landmark rates, its medians (one figure per endpoint), its key specific adverse events and its overall adverse events.
Last, model illustrations of each trial's primary time-to-event endpoints. Every figure is
rendered once: a trial page lists these figures instead of drawing its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import vocab

# Analyses that formally test an endpoint; a descriptive or updated look is illustrated only when
# no such analysis has the anchors.
TESTED = ("primary", "interim", "final")
OVERALL_EVENT = "any adverse event"  # the safety rows that count every adverse event of a category


@dataclass
class Job:
    notebook: str  # file name in notebooks/, without .ipynb
    name: str  # output stem in reports/
    parameters: dict = field(default_factory=dict)


def slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


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
        with_ratios = [t for t in members if has(t, "hazard_ratio")]
        if with_ratios:
            jobs.append(Job("forest", f"forest-{slug(group)}", {"trials": with_ratios}))
    trials = vocab.trials(data_dir)
    for trial in trials:
        t = trial["trial"]
        jobs.append(Job("trial", f"trial-{slug(t)}", {"trial": t}))
        if has(t, "landmark_rate"):
            jobs.append(Job("landmark", f"landmark-{slug(t)}", {"trials": [t]}))
            for endpoint in endpoints_with(t, "landmark_rate", data_dir):
                jobs.append(Job("iconarray", f"iconarray-{slug(t)}-{slug(endpoint)}", {"trial": t, "endpoint": endpoint}))
        for endpoint in endpoints_with(t, "median", data_dir):
            if endpoint in time_to_event:
                jobs.append(Job("medians", f"medians-{slug(t)}-{slug(endpoint)}", {"trials": [t], "endpoints": [endpoint]}))
        events = {r.get("event") for r in safety if r.get("trial") == t}
        if events - {OVERALL_EVENT}:
            jobs.append(Job("safety", f"safety-{slug(t)}-specific", {"trials": [t], "scope": "specific"}))
        if OVERALL_EVENT in events:
            jobs.append(Job("safety", f"safety-{slug(t)}", {"trials": [t], "scope": "overall"}))
    for trial in trials:
        for endpoint, analysis in illustrated(trial, data_dir):
            jobs.append(Job("illustrative", f"illustrative-{slug(trial['trial'])}-{slug(endpoint)}",
                            {"trial": trial["trial"], "analysis": analysis, "endpoint": endpoint}))
    return jobs


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
