"""Display names and order from data/ (trialfigs.vocab), read from the data folder the deck is built from."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from trialfigs.evidence import vocabulary as vocab
from trialfigs.evidence.vocabulary import list_names

__all__ = ["arm_roles", "label", "list_names", "reading", "table", "trial_label", "trial_order", "trials", "values"]

_data_dir: Path | None = None


@contextmanager
def reading(data_dir: Path | None):
    """Names come from `data_dir` (None: the project's data/) while a deck is built."""
    global _data_dir
    before, _data_dir = _data_dir, data_dir
    try:
        yield
    finally:
        _data_dir = before


def label(field: str, value: str) -> str:
    return vocab.label(field, value, _data_dir)


def trial_label(trial: str) -> str:
    return vocab.trial_label(trial, _data_dir)


def values(field: str, group: str | None = None) -> list[str]:
    return vocab.values(field, group, _data_dir)


def trials() -> list[dict[str, str]]:
    return vocab.trials(_data_dir)


def trial_order() -> list[str]:
    return vocab.trial_order(_data_dir)


def table(name: str) -> tuple[dict[str, str], ...]:
    """The rows of one table of the data folder as text; empty when it does not exist (an optional table)."""
    return vocab.rows(name, _data_dir)


def arm_roles() -> dict[tuple[str, str], str]:
    """(trial, arm) -> role (experimental, control), from arms.csv."""
    return {(r.get("trial", ""), r.get("arm", "")): r.get("role", "") for r in table("arms")}
