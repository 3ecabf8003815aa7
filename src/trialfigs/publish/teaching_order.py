"""The teaching sequence: the one order in which the gallery and the deck show the figures.

Derived from data/, never from file names:
  1. headline figures: the forest plots, early settings before metastatic (setting order in
     vocabulary.csv); any other figure spanning several trials follows them;
  2. per trial in teaching order (vocab.trials: setting, then trials.teaching_order): design (the
     trial page), the primary endpoint (hazard ratio, icon array, landmark, median), the other
     endpoints in vocabulary order (overall survival comes after IDFS and PFS there), safety
     (key specific events first), then label facts;
  3. model illustrations (manifests with "figure": "illustrative"), last, in their own section.

`exhibit_order(items)` takes anything with `.stem`, `.record` (the manifest), `.trials` and
`.endpoints`, as `trialfigs.exhibits.exhibits()` returns, and gives them back in that order;
`sections(items)` groups the same order for the gallery.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from trialfigs.evidence import vocabulary as vocab

HEADLINE_KINDS = ("forest",)
ILLUSTRATIVE = "illustrative"
# Within one endpoint: the comparison first, then absolute numbers, then times.
KIND_ORDER = {"forest": 0, "iconarray": 1, "landmark": 2, "medians": 3}
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


def rank(item, data_dir: Path | None = None) -> tuple:
    """The sort key of one figure in the teaching sequence."""
    index = _trial_index(data_dir)
    trials = sorted((t for t in item.trials if t in index), key=index.get)
    first = index[trials[0]] if trials else len(index)
    kind = item.record.get("figure", "")
    if kind == ILLUSTRATIVE:
        return (2, first, *(_step(item, trials[0], data_dir) if trials else (0, 0, 0)), item.stem)
    if kind in HEADLINE_KINDS or len(trials) != 1:
        return (0, 0 if kind in HEADLINE_KINDS else 1, first, 0, 0, item.stem)
    return (1, first, *_step(item, trials[0], data_dir), item.stem)


def trial_heading(trial: str, data_dir: Path | None = None) -> str:
    """'<trial label>: <setting label>'."""
    setting = next((r.get("setting", "") for r in vocab.trials(data_dir) if r["trial"] == trial), "")
    label = vocab.trial_label(trial, data_dir)
    return f"{label}: {vocab.label('setting', setting, data_dir)}" if setting else label


def exhibit_order(items: list, data_dir: Path | None = None) -> list:
    """The items in teaching order (a new list; the items are not changed)."""
    return sorted(items, key=lambda item: rank(item, data_dir))


def sections(items: list, data_dir: Path | None = None) -> list[Section]:
    """The teaching order in sections: headline results, one per trial, model illustrations last."""
    found: dict[str, Section] = {}
    for item in exhibit_order(items, data_dir):
        key = rank(item, data_dir)
        if key[0] == 0:
            section = found.setdefault("headline", Section("headline", "Headline results"))
        elif key[0] == 2:
            section = found.setdefault("model-illustrations", Section("model-illustrations", "Model illustrations"))
        else:
            trial = item.trials[0]
            section = found.setdefault(trial, Section(trial, trial_heading(trial, data_dir)))
        section.items.append(item)
    return list(found.values())


def ordered(items: list, data_dir: Path | None = None) -> list:
    """The name the deck calls: the same teaching order as exhibit_order."""
    return exhibit_order(items, data_dir)
