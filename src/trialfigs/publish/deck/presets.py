"""Presets: named slide selections, as data (data/presets.csv), resolved against the catalogue.

Each row of presets.csv is one step of a preset, in `position` order:
  preset     the name (`trialfigs deck --preset NAME`)
  position   1, 2, ...: the order of the steps
  select     space-separated conditions, all of which a slide must meet: `field=pattern` with field one
             of id, kind, role, trial, setting, setting_group, phase, jurisdiction and a glob pattern
             (`design:*`, `role=primary`, `phase=3`), or `field!=pattern` for its negation; a bare pattern
             is matched against the id
  each       empty (every match), or trial, setting or setting_group: only the first match (in teaching
             order) for each of them
  note       why the step is there

Rules over the catalogue, not lists of ids: a new trial or figure joins a preset without editing it.
Every trial also has a derived preset named by its slug (`--preset <trial slug>`): title, its design and
figures, the headline figures that show it, the label slides and the references.
"""

from __future__ import annotations

import csv
import fnmatch
from dataclasses import dataclass
from pathlib import Path

from trialfigs import paths
from trialfigs.publish.deck import names as vocab
from trialfigs.publish.deck.catalogue import Entry

PRESETS = "presets.csv"
COLUMNS = ("preset", "position", "select", "each", "note")
FIELDS = ("id", "kind", "role", "trial", "setting", "setting_group", "phase", "jurisdiction", "endpoint")
EACH = ("", "trial", "setting", "setting_group")


class PresetError(ValueError):
    """A preset file problem, naming the file, the row, the column and the rule."""


@dataclass
class Step:
    preset: str
    position: int
    select: list[tuple[str, str]]
    each: str
    row: int


def _values(entry: Entry, field: str) -> list[str]:
    if field == "id":
        return [entry.id]
    if field == "role":
        return [entry.role, *entry.also]
    if field in ("kind", "jurisdiction"):
        return [getattr(entry, field)]
    if field == "trial":
        return [paths.slug(t) for t in entry.trials] + list(entry.trials)
    if field == "setting":
        return list(entry.settings)
    if field == "setting_group":
        return _groups(entry)
    if field == "phase":
        return list(entry.phase)
    if field == "endpoint":
        return list(entry.endpoints)
    return []


def _groups(entry: Entry) -> list[str]:
    from trialfigs.evidence import vocabulary

    groups = {r["value"]: r.get("group", "") for r in vocabulary.entries("setting", vocab._data_dir)}
    return [groups.get(s, s) for s in entry.settings]


def read(path: Path) -> list[Step]:
    """The steps of every preset, validated: a problem names file, row, column and rule."""
    path = Path(path)
    if not path.is_file():
        return []
    shown = paths.shown(path)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise PresetError(f"{shown}: missing column(s) {', '.join(missing)} (expected {', '.join(COLUMNS)})")
        steps, seen = [], set()
        for number, row in enumerate(reader, start=2):
            where = f"{shown}, row {number}"
            name = (row.get("preset") or "").strip()
            if not name:
                raise PresetError(f"{where}, column preset: empty (rule: every step names its preset)")
            try:
                position = int(row.get("position") or "")
            except ValueError:
                raise PresetError(f"{where}, column position: {row.get('position')!r} is not a whole number") from None
            if (name, position) in seen:
                raise PresetError(f"{where}, column position: {position} repeats in preset {name!r} (rule: unique per preset)")
            seen.add((name, position))
            conditions = []
            for token in (row.get("select") or "").split():
                field, _, pattern = token.partition("=") if "=" in token else ("id", "", token)
                negated = field.endswith("!")
                field = field.rstrip("!")
                if field not in FIELDS:
                    raise PresetError(f"{where}, column select: unknown field {field!r} in {token!r} "
                                      f"(valid: {', '.join(FIELDS)})")
                conditions.append((field, ("!" if negated else "") + pattern))
            if not conditions:
                raise PresetError(f"{where}, column select: empty (rule: at least one condition)")
            each = (row.get("each") or "").strip()
            if each not in EACH:
                raise PresetError(f"{where}, column each: {each!r} (valid: empty, {', '.join(e for e in EACH if e)})")
            steps.append(Step(name, position, conditions, each, number))
    return steps


def _one(entry: Entry, field: str, pattern: str) -> bool:
    if pattern.startswith("!"):
        return not _one(entry, field, pattern[1:])
    return any(fnmatch.fnmatchcase(v.lower(), pattern.lower()) for v in _values(entry, field))


def _match(entry: Entry, conditions: list[tuple[str, str]]) -> bool:
    return all(_one(entry, f, p) for f, p in conditions)


def resolve(steps: list[Step], entries: list[Entry], path: Path | str = PRESETS) -> list[Entry]:
    """The slides the steps select, in teaching (catalogue) order, each once; a step matching nothing is an error."""
    chosen: list[Entry] = []
    for step in sorted(steps, key=lambda s: s.position):
        found = [e for e in entries if _match(e, step.select)]
        if not found:
            text = " ".join(f"{f}={p}" for f, p in step.select)
            raise PresetError(f"{paths.shown(Path(path))}, row {step.row}, column select: {text!r} matches no slide "
                              f"of the catalogue (rule: every step selects a slide; `trialfigs deck --list` lists them)")
        if step.each:
            covered, kept = set(), []
            for entry in found:
                keys = set(_values(entry, step.each) if step.each != "trial" else entry.trials)
                if keys - covered:
                    kept.append(entry)
                    covered |= keys
            found = kept
        chosen += [e for e in found if e not in chosen]
    return [e for e in entries if e in chosen]


def names(steps: list[Step], entries: list[Entry]) -> list[str]:
    """Every preset name: those of the file, then one per trial (derived)."""
    trials = list(dict.fromkeys(t for e in entries if e.role == "design" for t in e.trials))
    return list(dict.fromkeys([s.preset for s in steps] + [paths.slug(t) for t in trials]))


def trial_preset(trial: str, entries: list[Entry]) -> list[Entry]:
    """The derived preset of one trial."""
    return [e for e in entries if e.role in ("title", "label", "references")
            or (e.role != "illustration" and trial in e.trials and e.role != "summary")]


def preset(name: str, entries: list[Entry], path: Path) -> list[Entry]:
    steps = read(path)
    mine = [s for s in steps if s.preset == name]
    if mine:
        return resolve(mine, entries, path)
    for entry in entries:
        if entry.role == "design" and paths.slug(entry.trials[0]) == paths.slug(name):
            return trial_preset(entry.trials[0], entries)
    raise PresetError(f"unknown preset {name!r}; valid: {', '.join(names(steps, entries))}")
