"""Names and order from data/: what each code is called, and the order trials are taught in.

Nothing in the package names a trial, an analysis or an endpoint: display labels come from
`vocabulary.csv` (settings, endpoints, statistics, safety categories), `trials.csv` (label,
setting, teaching order, primary endpoint) and `analyses.csv` (label). The files are read as
text with the csv module, so the render cache can ask for the default suite in milliseconds.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from trialfigs import paths


@lru_cache(maxsize=32)
def _rows(data_dir: Path, name: str, stamp: tuple) -> tuple[dict[str, str], ...]:
    """Cached per file version: `stamp` (modification time and size) changes when the file does."""
    try:
        with open(data_dir / f"{name}.csv", encoding="utf-8-sig", newline="") as handle:
            return tuple(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error):
        return ()


def rows(name: str, data_dir: Path | None = None) -> tuple[dict[str, str], ...]:
    """The rows of one table of data/ as published text (empty when the file cannot be read)."""
    folder = Path(data_dir or paths.DATA).resolve()
    try:
        found = (folder / f"{name}.csv").stat()
        stamp = (found.st_mtime_ns, found.st_size)
    except OSError:
        stamp = ()
    return _rows(folder, name, stamp)


def entries(field: str, data_dir: Path | None = None) -> list[dict[str, str]]:
    """The vocabulary of one column, in its stated order."""
    found = [r for r in rows("vocabulary", data_dir) if r.get("field") == field]
    return sorted(found, key=lambda r: (int(r.get("order") or 0), r.get("value", "")))


def label(field: str, value: str, data_dir: Path | None = None) -> str:
    """How a code is written for a reader ('IDFS' -> 'invasive disease-free survival'); the code itself if unknown."""
    for entry in entries(field, data_dir):
        if entry["value"] == value:
            return entry["label"]
    return value


def values(field: str, group: str | None = None, data_dir: Path | None = None) -> list[str]:
    """The codes of a column in order, optionally only those of one group ('time_to_event')."""
    return [e["value"] for e in entries(field, data_dir) if group is None or e.get("group") == group]


def trials(data_dir: Path | None = None) -> list[dict[str, str]]:
    """trials.csv in teaching order: by setting (vocabulary order), then the trial's teaching_order."""
    setting = {value: i for i, value in enumerate(values("setting", data_dir=data_dir))}
    return sorted(rows("trials", data_dir), key=lambda r: (setting.get(r.get("setting"), len(setting)),
                                                           int(r.get("teaching_order") or 0), r.get("trial", "")))


def trial_order(data_dir: Path | None = None) -> list[str]:
    return [r["trial"] for r in trials(data_dir)]


def trial_label(trial: str, data_dir: Path | None = None) -> str:
    for row in rows("trials", data_dir):
        if row.get("trial") == trial:
            return row.get("label") or trial
    return trial


def trial_id(text: str, data_dir: Path | None = None) -> str:
    """The trial id a person means: the id or the display label printed on the slides, in any case
    (a label 'Abc-Def01' and 'abc-def01' alike); an unknown name is returned as given."""
    wanted = str(text).strip().casefold()
    for row in rows("trials", data_dir):
        if wanted in {row.get("trial", "").casefold(), (row.get("label") or "").casefold()}:
            return row["trial"]
    return text


def analysis_label(trial: str, analysis: str, data_dir: Path | None = None) -> str:
    """'final OS analysis': the analysis's label in analyses.csv, or its code."""
    for row in rows("analyses", data_dir):
        if row.get("trial") == trial and row.get("analysis") == analysis:
            return row.get("label") or analysis
    return analysis.replace("_", " ")


def selection_choices(data_dir: Path | None = None) -> dict[str, list[str]]:
    """The trials, endpoints and analyses a render may select, read from the CSV text (no pandas)."""
    return {"trials": [r["trial"] for r in rows("trials", data_dir)],
            "endpoints": sorted({r["endpoint"] for r in rows("endpoints", data_dir)}),
            "analyses": sorted({r["analysis"] for r in rows("analyses", data_dir)})}


def list_names(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


OVERALL_EVENT = "any adverse event"  # the safety rows that count every adverse event of a category
