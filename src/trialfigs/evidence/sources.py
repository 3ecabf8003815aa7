"""evidence/: the bibliography (CSL-JSON, one record per source) and the corrections log."""

from __future__ import annotations

import json
import re
from pathlib import Path

from trialfigs.evidence.problems import Problem
from trialfigs.paths import shown

REQUIRED = ("id", "type", "title", "accessed")
ARTICLE = ("container-title",)
FINDABLE = ("DOI", "PMID", "URL")  # one of them, or the journal (or publisher) and the year
# Volume, pages, DOI and PMID are recorded only as seen; none is typed from memory.
CORRECTION = ("id", "topic", "values", "decision", "reason", "status")
STATUSES = {"resolved", "open"}


def load_references(path: Path) -> tuple[dict[str, dict], list[Problem]]:
    """Records keyed by id, and the problems found in them."""
    where = shown(path)
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return {}, [Problem(where, None, None, "unreadable", f"cannot read the bibliography: {exc}")]
    if not isinstance(records, list):
        return {}, [Problem(where, None, None, "evidence-record", "the bibliography must be a CSL-JSON array")]
    found: dict[str, dict] = {}
    problems = []
    for index, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            problems.append(Problem(where, index, None, "evidence-record", "a record must be a JSON object"))
            continue
        fields = REQUIRED + (ARTICLE if record.get("type") == "article-journal" else ())
        for name in fields:
            if not record.get(name):
                problems.append(Problem(where, index, name, "evidence-record", f"record {record.get('id')!r} lacks {name}"))
        if not any(record.get(name) for name in FINDABLE) and not (
                (record.get("container-title") or record.get("publisher")) and record.get("issued")):
            problems.append(Problem(where, index, "DOI", "evidence-record",
                                    f"record {record.get('id')!r} lacks a DOI, PMID or URL (or journal and year): a reader must be able to find it"))
        ident = record.get("id")
        if isinstance(ident, str) and not re.fullmatch(r"[a-z0-9_]+", ident):
            problems.append(Problem(where, index, "id", "evidence-record", f"id {ident!r} is not lower_snake_case"))
        if not _is_date(record.get("accessed")):
            problems.append(Problem(where, index, "accessed", "evidence-record", "accessed must be CSL date-parts [[Y, M, D]]"))
        if isinstance(ident, str):
            if ident in found:
                problems.append(Problem(where, index, "id", "unique-key", f"id {ident!r} is used twice"))
            found[ident] = record
    return found, problems


def _is_date(value) -> bool:
    try:
        parts = value["date-parts"][0]
    except (TypeError, KeyError, IndexError):
        return False
    return len(parts) == 3 and all(isinstance(p, int) for p in parts)


def load_corrections(path: Path, references: dict, row_ids: set[str]) -> tuple[list[dict], list[Problem]]:
    """The corrections log, and the problems found in it (unknown sources or rows, missing fields)."""
    import yaml

    where = shown(path)
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return [], [Problem(where, None, None, "unreadable", f"cannot read the corrections log: {_first_line(exc)}")]
    if not isinstance(entries, list):
        return [], [Problem(where, None, None, "evidence-record", "the corrections log must be a YAML list")]
    problems = []
    good = []
    for index, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            problems.append(Problem(where, index, None, "evidence-record", "an entry must be a mapping"))
            continue
        good.append(entry)
        for name in CORRECTION:
            if not entry.get(name):
                problems.append(Problem(where, index, name, "evidence-record", f"entry {entry.get('id')!r} lacks {name}"))
        if entry.get("status") and entry.get("status") not in STATUSES:
            problems.append(Problem(where, index, "status", "enum", f"status must be one of {sorted(STATUSES)}"))
        for value in entry.get("values") or []:
            source = value.get("source") if isinstance(value, dict) else None
            if source not in references:
                problems.append(Problem(where, index, "values", "unknown-source",
                                        f"{source!r} is not a record of evidence/references.json"))
        for row in entry.get("rows") or []:
            if row not in row_ids:
                problems.append(Problem(where, index, "rows", "foreign-key", f"row {row!r} is in no table of data/"))
    return good, problems


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
