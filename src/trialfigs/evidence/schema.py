"""The Table Schema layer: types, constraints, keys and file structure, checked by frictionless.

frictionless is the reference implementation of the Data Package standard, so the package is
valid here exactly when it is valid for any other Frictionless tool. Its errors are translated
into Problems that name file, row, column and one of our rule ids.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from trialfigs.evidence.problems import Problem
from trialfigs.evidence.tables import local_path, read_descriptor
from trialfigs.paths import shown

_BY_TYPE = {
    "type-error": "type",
    "primary-key": "unique-key",
    "unique-error": "unique-key",
    "foreign-key": "foreign-key",
    "missing-cell": "row-shape",
    "extra-cell": "row-shape",
    "blank-row": "row-shape",
    "missing-label": "columns",
    "extra-label": "columns",
    "incorrect-label": "columns",
    "blank-label": "columns",
    "duplicate-label": "columns",
    "encoding-error": "unreadable",
    "source-error": "unreadable",
    "scheme-error": "unreadable",
    "format-error": "unreadable",
}
_BY_CONSTRAINT = {
    "required": "required",
    "enum": "enum",
    "pattern": "pattern",
    "minimum": "range",
    "maximum": "range",
    "exclusiveMinimum": "range",
    "exclusiveMaximum": "range",
    "minLength": "range",
    "maxLength": "range",
    "unique": "unique-key",
}


def check_package(descriptor: Path) -> list[Problem]:
    """Validate the data package with frictionless; every error becomes a Problem."""
    import frictionless  # imported here: it is slow to import and only validation needs it

    refused = _non_local_paths(descriptor)
    if refused:  # frictionless would fetch a URL or read outside the package: validate nothing
        return refused
    try:
        report = frictionless.validate(str(descriptor))
    except Exception as exc:  # frictionless raises on descriptors it cannot even read
        return [Problem(shown(descriptor), None, None, "descriptor", _clean(str(exc)))]
    problems = [Problem(shown(descriptor), None, None, "descriptor", _clean(e.message)) for e in report.errors]
    keys = _primary_keys(descriptor)
    for task in report.tasks:
        path = shown(descriptor.parent / task.place) if task.place else shown(descriptor)
        for error in task.errors:
            problems.append(_translate(path, error, keys.get(task.name)))
    return problems


def _non_local_paths(descriptor: Path) -> list[Problem]:
    package = read_descriptor(descriptor) or {}
    problems = []
    for resource in package.get("resources") or []:
        if not isinstance(resource, dict) or "path" not in resource:
            continue
        path = resource["path"]
        if not local_path(path):
            problems.append(Problem(shown(descriptor), None, "path", "descriptor",
                                    f'resource "{resource.get("name", "?")}" has path {path!r}: a resource must be a file '
                                    "of the package's folder, named relative to it (no URL, absolute name or ..); "
                                    "nothing was fetched"))
    return problems


def _primary_keys(descriptor: Path) -> dict[str, str]:
    package = read_descriptor(descriptor) or {}
    keys = {}
    for resource in package.get("resources") or []:
        try:
            key = resource["schema"]["primaryKey"]
            keys[resource["name"]] = ", ".join(key) if isinstance(key, list) else str(key)
        except (KeyError, TypeError):
            continue
    return keys


def _translate(path: str, error, primary_key: str | None = None) -> Problem:
    rule = _BY_TYPE.get(error.type, "descriptor")
    note = _clean(getattr(error, "note", "") or "")
    if error.type == "constraint-error":
        name = re.search(r'constraint "(\w+)"', note)
        rule = _BY_CONSTRAINT.get(name.group(1) if name else "", "range")
    row = getattr(error, "row_number", None)
    column = getattr(error, "field_name", None) or getattr(error, "label", None)
    if rule == "columns":
        row = 1
    if rule == "unique-key" and not column:
        column = primary_key
    if rule == "foreign-key":
        fields = re.search(r'for "([^"]+)"', note)
        column = fields.group(1) if fields else column
    message = _message(error, rule, note)
    return Problem(path, row, column or None, rule, message)


def _message(error, rule: str, note: str) -> str:
    cell = getattr(error, "cell", None)
    if rule == "type":
        return f'"{cell}" is not of the column\'s type ({note})'
    allowed = re.search(r'constraint "enum" is "(\[.*\])"', note)
    if rule == "enum" and allowed and cell:
        column = getattr(error, "field_name", None) or "value"
        values = ", ".join(str(v) for v in ast.literal_eval(allowed.group(1)))  # a number column's enum too
        return f'"{cell}" is not an allowed {column}; allowed: {values} (`trialfigs vocab` lists every vocabulary)'
    if rule in {"required", "enum", "pattern", "range"}:
        return f'"{cell}" breaks the column\'s {note}' if cell else f"empty cell breaks the column's {note}"
    if rule == "foreign-key":
        found = re.search(r'for "([^"]+)": values "([^"]*)" not found in the lookup table "(\w+)"', note)
        if found:
            return f'"{found.group(2)}" is not a ({found.group(1)}) of the table {found.group(3)}'
        return note or _clean(error.message)
    if rule == "unique-key":
        return f"the key repeats a row above ({note})" if note else _clean(error.message)
    return _clean(error.message)


def _clean(text: str) -> str:
    return " ".join(text.split())
