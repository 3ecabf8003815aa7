"""The teaching order of the exhibits (placeholder until the shared teaching-sequence module lands).

Suite-wide figures (more than one trial) first, as the headline; then each trial in teaching
order (vocab.trials) with its own figures; model illustrations last. Within a group, by figure
kind in teaching order: hazard ratios, landmark rates, medians, safety.
"""

from __future__ import annotations

from pathlib import Path

from . import vocab

KINDS = ("forest", "landmark", "icons", "medians", "safety")


def key(figure: str, trials: list[str], stem: str, data_dir: Path | None = None) -> tuple:
    order = {t: i for i, t in enumerate(vocab.trial_order(data_dir))}
    last = len(order)
    illustrative = figure == "illustrative"
    kind = KINDS.index(figure) if figure in KINDS else len(KINDS)
    place = -1 if len(trials) != 1 else order.get(trials[0], last)
    return (illustrative, place, kind, stem)


def ordered(items: list, data_dir: Path | None = None) -> list:
    """Exhibits (anything with .stem, .trials and .record["figure"]) in teaching order."""
    return sorted(items, key=lambda e: key(e.record.get("figure", ""), list(e.trials), e.stem, data_dir))
