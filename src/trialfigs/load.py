"""Load the validated evidence tables into pandas. Validation always runs first.

A notebook never draws from tables that break a rule: `load()` raises InvalidData, listing
every problem, before any frame is built.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import paths
from .problems import InvalidData
from .depends import row_hash
from .tables import Table
from .validate import validate

# Columns whose published text is kept beside the number (e.g. "0.650" beside 0.65).
TEXT_KEPT = ("estimate", "ci_low", "ci_high")


@dataclass
class Evidence:
    trials: pd.DataFrame
    arms: pd.DataFrame
    analyses: pd.DataFrame
    endpoints: pd.DataFrame
    safety: pd.DataFrame
    label: pd.DataFrame
    vocabulary: pd.DataFrame  # display labels and order of the controlled values
    references: dict[str, dict]
    corrections: list[dict]
    row_hashes: dict[tuple[str, str], str]  # (table, row_id) -> SHA-256 of the row as published


_last: dict = {}  # fingerprint of the files -> Evidence: the last load of this process


def load(data_dir: Path | None = None, evidence_dir: Path | None = None) -> Evidence:
    """The validated tables. A process that loads the same files again (a kernel running several
    notebooks, a trial page drawing four figures) gets a copy of its last result while every file of
    data/ and evidence/ is byte for byte the same; any change is validated afresh."""
    data_dir = Path(data_dir) if data_dir else paths.DATA
    evidence_dir = Path(evidence_dir) if evidence_dir else data_dir.parent / "evidence"
    key = _fingerprint(data_dir, evidence_dir)
    if key not in _last:
        result = validate(data_dir, evidence_dir)
        if result.problems:
            raise InvalidData(result.problems)
        frames = {name: _frame(table) for name, table in result.tables.items()}
        hashes = {(name, row["row_id"]): row_hash(row) for name, table in result.tables.items()
                  for row in table.rows if "row_id" in row}
        _last.clear()
        _last[key] = Evidence(**frames, references=result.references, corrections=result.corrections, row_hashes=hashes)
    return copy.deepcopy(_last[key])


def _fingerprint(*folders: Path) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        digest.update(str(folder.resolve()).encode() + b"\0")
        for path in sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _frame(table: Table) -> pd.DataFrame:
    frame = pd.DataFrame(table.rows, columns=list(table.fields), dtype="string")
    for column, kind in table.fields.items():
        if kind in {"number", "integer"}:
            if column in TEXT_KEPT:
                frame[f"{column}_text"] = frame[column]
            numbers = pd.to_numeric(frame[column].replace("", pd.NA))
            frame[column] = numbers.astype("Int64") if kind == "integer" else numbers.astype("Float64")
    return frame
