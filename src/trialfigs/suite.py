"""The default suite of renders, derived from data/: no trial is named here.

Suite-wide figures first, then per trial in teaching order (vocab.trials): its page and its
safety figure; last, model illustrations of each trial's primary time-to-event endpoints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import vocab

SUITE_WIDE = ("forest", "landmark", "medians")
# Analyses that formally test an endpoint; a descriptive or updated look is illustrated only when
# no such analysis has the anchors.
TESTED = ("primary", "interim", "final")


@dataclass
class Job:
    notebook: str  # file name in notebooks/, without .ipynb
    name: str  # output stem in reports/
    parameters: dict = field(default_factory=dict)


def slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def default_suite(data_dir: Path | None = None) -> list[Job]:
    """Every notebook, every trial, slide theme, all formats."""
    jobs = [Job(kind, kind) for kind in SUITE_WIDE]
    trials = vocab.trials(data_dir)
    safety = {r.get("trial") for r in vocab.rows("safety", data_dir)}
    for trial in trials:
        t = trial["trial"]
        jobs.append(Job("trial", f"trial-{slug(t)}", {"trial": t}))
        if t in safety:
            jobs.append(Job("safety", f"safety-{slug(t)}", {"trials": [t]}))
    for trial in trials:
        for endpoint, analysis in illustrated(trial, data_dir):
            jobs.append(Job("illustrative", f"illustrative-{slug(trial['trial'])}-{slug(endpoint)}",
                            {"trial": trial["trial"], "analysis": analysis, "endpoint": endpoint}))
    return jobs


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
