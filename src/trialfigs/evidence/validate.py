"""Validate the data package and its evidence: every problem at once, none raised."""

from __future__ import annotations

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
    references, found = load_references(evidence_dir / paths.REFERENCES)
    problems += found
    row_ids = {row.get("row_id") for t in tables.values() for row in t.rows if row.get("row_id")}
    corrections, found = load_corrections(evidence_dir / paths.CORRECTIONS, references, row_ids)
    problems += found
    problems += check_all(tables, references, corrections)
    errors = [p for p in set(problems) if p.rule not in WARNINGS]
    warnings = [p for p in set(problems) if p.rule in WARNINGS]
    return Result(sort_problems(errors), tables, references, corrections, sort_problems(warnings))
