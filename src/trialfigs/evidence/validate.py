"""Validate the data package and its evidence: every problem at once, none raised."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from trialfigs import paths
from trialfigs.evidence.problems import WARNINGS, Problem, sort_problems
from trialfigs.evidence.rules import check_all
from trialfigs.evidence.schema import check_package
from trialfigs.evidence.sources import load_corrections, load_references
from trialfigs.evidence.tables import Table, read_tables


@dataclass
class Result:
    problems: list[Problem]
    tables: dict[str, Table] = field(default_factory=dict)
    references: dict[str, dict] = field(default_factory=dict)
    corrections: list[dict] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # reported, but the data stay usable

    @property
    def rows(self) -> dict[str, int]:
        """Rows checked per table: the sweep that proves validation looked at something."""
        return {name: len(table.rows) for name, table in self.tables.items()}


def validate(data_dir: Path | None = None, evidence_dir: Path | None = None) -> Result:
    data_dir = Path(data_dir) if data_dir else paths.DATA
    evidence_dir = Path(evidence_dir) if evidence_dir else data_dir.parent / "evidence"
    descriptor = data_dir / paths.DESCRIPTOR
    if not descriptor.is_file():
        return Result([Problem(paths.shown(descriptor), None, None, "unreadable", "no datapackage.json here")])
    problems = check_package(descriptor)
    tables = read_tables(descriptor)
    problems += _unread(descriptor, tables, problems)
    references, found = load_references(evidence_dir / paths.REFERENCES)
    problems += found
    row_ids = {row.get("row_id") for t in tables.values() for row in t.rows if row.get("row_id")}
    corrections, found = load_corrections(evidence_dir / paths.CORRECTIONS, references, row_ids)
    problems += found
    problems += check_all(tables, references, corrections)
    errors = [p for p in set(problems) if p.rule not in WARNINGS]
    warnings = [p for p in set(problems) if p.rule in WARNINGS]
    return Result(sort_problems(errors), tables, references, corrections, sort_problems(warnings))


_checked: dict = {}  # fingerprint of the files -> Result: the last validation of this process
_vouched: set[str] = set()  # fingerprints a successful `validate` step of this process vouches for (vouch)


def checked(data_dir: Path | None = None, evidence_dir: Path | None = None) -> Result:
    """validate(), done once per process while every file of data/ and evidence/ is byte for byte the same:
    a render checks the data on a cache hit, and loads them later without validating twice."""
    data_dir = Path(data_dir) if data_dir else paths.DATA
    evidence_dir = Path(evidence_dir) if evidence_dir else data_dir.parent / "evidence"
    key = fingerprint(data_dir, evidence_dir)
    if key not in _checked:
        _checked.clear()
        _checked[key] = validate(data_dir, evidence_dir)
    return _checked[key]


def vouch(data_dir: Path | None = None, evidence_dir: Path | None = None) -> None:
    """Record that these very files passed validation (the `validate` step of `trialfigs report` passed, or is
    current in its record with the same files): problems() then need not validate them again in this process."""
    data_dir = Path(data_dir) if data_dir else paths.DATA
    _vouched.add(fingerprint(data_dir, Path(evidence_dir) if evidence_dir else data_dir.parent / "evidence"))


def problems(data_dir: Path | None = None, evidence_dir: Path | None = None) -> list[Problem]:
    """The problems of the data and evidence folders: none for files vouched for, else checked()'s."""
    data_dir = Path(data_dir) if data_dir else paths.DATA
    evidence_dir = Path(evidence_dir) if evidence_dir else data_dir.parent / "evidence"
    if fingerprint(data_dir, evidence_dir) in _vouched:
        return []
    return checked(data_dir, evidence_dir).problems


def fingerprint(*folders: Path) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        digest.update(str(folder.resolve()).encode() + b"\0")
        for path in sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _unread(descriptor: Path, tables: dict[str, Table], problems: list[Problem]) -> list[Problem]:
    """A resource of the descriptor that was not read into a table is a problem of its own when no other
    problem names its file: a table is never silently left out of the rules."""
    from trialfigs.evidence.tables import read_descriptor

    named = {p.file for p in problems}
    found = []
    for resource in (read_descriptor(descriptor) or {}).get("resources") or []:
        if not isinstance(resource, dict) or resource.get("name") in tables:
            continue
        path = resource.get("path")
        where = paths.shown(descriptor.parent / path) if isinstance(path, str) else paths.shown(descriptor)
        if where not in named and paths.shown(descriptor) not in named:
            found.append(Problem(where, None, None, "unreadable",
                                 f'resource "{resource.get("name", "?")}" could not be read as a table'))
    return found
