"""Load the validated evidence tables into pandas. Validation always runs first.

A notebook never draws from tables that break a rule: `load()` raises InvalidData, listing
every problem, before any frame is built.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from trialfigs import paths
from trialfigs.evidence.fingerprints import row_hash
from trialfigs.evidence.problems import InvalidData, Problem
from trialfigs.evidence.tables import Table
from trialfigs.evidence.validate import checked, fingerprint

# Columns whose published text is kept beside the number (e.g. "0.650" beside 0.65).
TEXT_KEPT = ("estimate", "ci_low", "ci_high")


@dataclass
class Evidence:
    """The validated evidence: one pandas DataFrame per table of data/, and the sources.

    Frames (one row per row of the CSV, columns as in data/datapackage.json; `trialfigs vocab`
    lists the allowed values): `trials`, `arms`, `analyses`, `endpoints` (published values: trial,
    analysis, endpoint, statistic, arm, comparator, timepoint, estimate, CI, P as published, unit,
    events, n, source, locator, quote), `safety` (adverse-event rates by arm and category), `results` (how each comparison was
    tested and what it found: hypothesis, confirmatory or descriptive, met or not, boundary), `label`
    (prescribing facts) and `vocabulary` (display labels and order of the codes).

    Text columns are pandas strings, "" when empty. Number columns are nullable Float64 or Int64
    (missing is <NA>); `estimate`, `ci_low` and `ci_high` also keep the text as published in
    `estimate_text`, `ci_low_text` and `ci_high_text` ("0.650" beside 0.65): quote those, compute
    with the numbers. `p_value` is text as published ("<0.001").

    references: evidence/references.json, CSL-JSON records by id (the `source`, `read_in` and
    `publication` columns name them; `trialfigs.cite.short` / `full` format them).
    corrections: evidence/corrections.yml, the declared conflicts, errata and omissions.
    row_hashes: (table, row_id) -> SHA-256 of the row as typed, as the manifests record it.
    """

    trials: pd.DataFrame
    arms: pd.DataFrame
    analyses: pd.DataFrame
    endpoints: pd.DataFrame
    safety: pd.DataFrame
    results: pd.DataFrame  # per comparison: hypothesis, testing, result, boundary crossed, with its quote
    label: pd.DataFrame
    vocabulary: pd.DataFrame  # display labels and order of the controlled values
    references: dict[str, dict]
    corrections: list[dict]
    row_hashes: dict[tuple[str, str], str]  # (table, row_id) -> SHA-256 of the row as published


FRAMES = ("trials", "arms", "analyses", "endpoints", "safety", "results", "label", "vocabulary")
_last: dict = {}  # fingerprint of the files -> Evidence: the last load of this process


def load(data_dir: Path | None = None, evidence_dir: Path | None = None) -> Evidence:
    """Validate data/ and evidence/ (or the given copies), then load them; raises InvalidData listing
    every problem (file, row, column, rule) when any rule is broken. A process that loads the same files again (a kernel running several
    notebooks, a trial page drawing four figures) gets a copy of its last result while every file of
    data/ and evidence/ is byte for byte the same; any change is validated afresh."""
    data_dir = Path(data_dir) if data_dir else paths.DATA
    evidence_dir = Path(evidence_dir) if evidence_dir else data_dir.parent / "evidence"
    key = fingerprint(data_dir, evidence_dir)
    if key not in _last:
        result = checked(data_dir, evidence_dir)
        if result.problems:
            raise InvalidData(result.problems)
        frames = {name: _frame(table) for name, table in result.tables.items()}
        missing = [name for name in FRAMES if name not in frames]
        if missing:  # a table the evidence needs is not in the package: a listed problem, never a TypeError
            raise InvalidData([Problem(paths.shown(data_dir / paths.DESCRIPTOR), None, None, "descriptor",
                                       f'the package has no readable resource "{name}"') for name in missing])
        frames = {name: frames[name] for name in FRAMES}
        hashes = {(name, row["row_id"]): row_hash(row) for name, table in result.tables.items()
                  for row in table.rows if "row_id" in row}
        _last.clear()
        _last[key] = Evidence(**frames, references=result.references, corrections=result.corrections, row_hashes=hashes)
    return copy.deepcopy(_last[key])


def _frame(table: Table) -> pd.DataFrame:
    frame = pd.DataFrame(table.rows, columns=list(table.fields), dtype="string")
    for column, kind in table.fields.items():
        if kind in {"number", "integer"}:
            if column in TEXT_KEPT:
                frame[f"{column}_text"] = frame[column]
            numbers = pd.to_numeric(frame[column].replace("", pd.NA))
            frame[column] = numbers.astype("Int64") if kind == "integer" else numbers.astype("Float64")
    return frame
