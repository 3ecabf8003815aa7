"""The teaching sequence: the one order in which the gallery and the deck show the figures.

Derived from data/, never from file names:
  1. headline figures: for each setting (vocabulary.csv order), its headline trial (the trial with
     the lowest trials.teaching_order in that setting) and the first figure of its primary endpoint
     (a forest plot before an icon array, landmark or median figure): the talk opens with each setting's lead
     trials, never with a figure of mixed leftover rows;
  2. per trial in teaching order (vocab.trials: setting, then trials.teaching_order): design (the
     trial page), the primary endpoint (hazard ratio, icon array, landmark, median), the other
     endpoints in vocabulary order (overall survival comes after IDFS and PFS there), safety
     (key specific events first), then label facts; a figure of several trials (a forest plot of
     the remaining trials of a setting) is taught in the section of its first trial;
  3. model illustrations (manifests with "figure": "illustrative"), last, in their own section.

`exhibit_order(items)` takes anything with `.stem`, `.record` (the manifest), `.trials` and
`.endpoints`, as `trialfigs.exhibits.exhibits()` returns, and gives them back in that order;
`sections(items)` groups the same order for the gallery.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from trialfigs.evidence import vocabulary as vocab
from trialfigs.figures.kinds import KINDS

HEADLINE_KINDS = ("forest",)
ILLUSTRATIVE = "illustrative"
# Within one endpoint: the comparison first, then absolute numbers, then times.
KIND_ORDER = {name: k.order for name, k in KINDS.items() if k.order is not None}  # figures/kinds.py
SAFETY, LABEL = "safety", "label"


@dataclass
class Section:
    id: str
    heading: str
    items: list = field(default_factory=list)


def _trial_index(data_dir: Path | None) -> dict[str, int]:
    return {t: i for i, t in enumerate(vocab.trial_order(data_dir))}


def _step(item, trial: str, data_dir: Path | None) -> tuple:
    """(step, endpoint position, kind position) of a one-trial figure within its trial."""
    kind = item.record.get("figure", "")
    endpoints = vocab.values("endpoint", data_dir=data_dir)
    primary = next((set((r.get("primary_endpoint") or "").split(";")) for r in vocab.trials(data_dir)
                    if r["trial"] == trial), set())
    shown = [e for e in item.endpoints if e != SAFETY]
    first = min((endpoints.index(e) if e in endpoints else len(endpoints) for e in shown), default=len(endpoints))
    if kind == "trial":
        return (0, 0, 0)
    if kind == LABEL:
        return (4, 0, 0)
    if kind == SAFETY or (not shown and SAFETY in item.endpoints):
        return (3, 0 if item.record.get("parameters", {}).get("scope") == "specific" else 1, 0)
    step = 1 if set(shown) & primary else 2
    return (step, first, KIND_ORDER.get(kind, len(KIND_ORDER)))


def headline_trials(data_dir: Path | None = None) -> list[str]:
    """The first trial of each setting in teaching order (vocab.trials sorts by setting, then teaching_order)."""
    found: dict[str, str] = {}
    for row in vocab.trials(data_dir):
        found.setdefault(row.get("setting", ""), row["trial"])
    return list(found.values())


def home(item, data_dir: Path | None = None) -> str | None:
    """The trial a figure is taught with: its first trial in teaching order."""
    index = _trial_index(data_dir)
    trials = sorted((t for t in item.trials if t in index), key=index.get)
    return trials[0] if trials else None


def rank(item, data_dir: Path | None = None) -> tuple:
    """The sort key of one figure in its trial's section (the headline is chosen over the whole list: headlines)."""
    index = _trial_index(data_dir)
    trial = home(item, data_dir)
    first = index[trial] if trial else len(index)
    kind = item.record.get("figure", "")
    step = _step(item, trial, data_dir) if trial else (0, 0, 0)
    if kind == ILLUSTRATIVE:
        return (2, first, *step, item.stem)
    return (1, first, *step, len(item.trials) > 1, item.stem)


def headlines(items: list, data_dir: Path | None = None) -> list:
    """Per setting, the headline trial's first figure of its primary endpoint, kind HEADLINE_KINDS first."""
    found = []
    for trial in headline_trials(data_dir):
        own = [i for i in items if i.trials == [trial] and i.record.get("figure") != ILLUSTRATIVE
               and rank(i, data_dir)[2] == 1]
        own.sort(key=lambda i: (i.record.get("figure") not in HEADLINE_KINDS, rank(i, data_dir)))
        found += own[:1]
    return found


def trial_heading(trial: str, data_dir: Path | None = None) -> str:
    """'<trial label>: <setting label>'."""
    setting = next((r.get("setting", "") for r in vocab.trials(data_dir) if r["trial"] == trial), "")
    label = vocab.trial_label(trial, data_dir)
    return f"{label}: {vocab.label('setting', setting, data_dir)}" if setting else label


def exhibit_order(items: list, data_dir: Path | None = None) -> list:
    """The items in teaching order (a new list; the items are not changed)."""
    return [item for section in sections(items, data_dir) for item in section.items]


def sections(items: list, data_dir: Path | None = None) -> list[Section]:
    """The teaching order in sections: headline results, one per trial, model illustrations last."""
    first = headlines(items, data_dir)
    found: dict[str, Section] = {"headline": Section("headline", "Headline results", list(first))} if first else {}
    chosen = {id(i) for i in first}
    for item in sorted((i for i in items if id(i) not in chosen), key=lambda item: rank(item, data_dir)):
        trial = home(item, data_dir)
        if rank(item, data_dir)[0] == 2:
            section = found.setdefault("model-illustrations", Section("model-illustrations", "Model illustrations"))
        else:
            key = trial or "other"
            section = found.setdefault(key, Section(key, trial_heading(trial, data_dir) if trial else "Other figures"))
        section.items.append(item)
    return list(found.values())


def ordered(items: list, data_dir: Path | None = None) -> list:
    """The name the deck calls: the same teaching order as exhibit_order."""
    return exhibit_order(items, data_dir)
