"""Read the package's CSV files as published text, cell by cell.

The domain rules need the cells exactly as typed ("0.650", not 0.65), so they read the files
here rather than through a typed loader. A file that cannot be read yields None: the schema
layer reports why.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from trialfigs.paths import shown

_PLAIN = re.compile(r"[+-]?\d{1,15}(\.\d{1,15})?")


@dataclass
class Table:
    name: str
    path: str  # as shown in messages
    fields: dict[str, str]  # column -> Table Schema type
    rows: list[dict[str, str]] = field(default_factory=list)

    def numbered(self):
        """(row number as a spreadsheet shows it, row) pairs; the header is row 1."""
        return ((i + 2, row) for i, row in enumerate(self.rows))


def read_descriptor(descriptor: Path) -> dict | None:
    try:
        data = json.loads(descriptor.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def local_path(path) -> bool:
    """A resource path the package may read: a relative file name inside the package's folder (no URL,
    no absolute name, no `..`). Anything else is refused before any file is opened or fetched."""
    if not isinstance(path, str) or not path or "\0" in path:
        return False
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", path) or path.startswith(("/", "\\")):
        return False  # a URL (https:, file:, ...), a drive letter or an absolute name
    return ".." not in re.split(r"[/\\]", path)


def read_tables(descriptor: Path) -> dict[str, Table]:
    """Every resource of the package whose file reads cleanly, keyed by resource name. A BOM at the
    start of a file is read as the UTF-8 it marks; a path that is not a local file is not read."""
    package = read_descriptor(descriptor)
    tables: dict[str, Table] = {}
    if package is None:
        return tables
    for resource in package.get("resources") or []:
        try:
            name = resource["name"]
            if not local_path(resource["path"]):
                continue
            path = descriptor.parent / resource["path"]
            fields = {f["name"]: f.get("type", "string") for f in resource["schema"]["fields"]}
        except (KeyError, TypeError):
            continue
        table = _read_csv(name, path, fields)
        if table is not None:
            tables[name] = table
    return tables


def _read_csv(name: str, path: Path, fields: dict[str, str]) -> Table | None:
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    if not rows or rows[0] != list(fields):
        return None  # header problems are reported by the schema layer
    header = rows[0]
    body = [dict(zip(header, r)) for r in rows[1:] if len(r) == len(header)]
    if len(body) != len(rows) - 1:
        return None  # ragged rows: reported by the schema layer, numbering would shift
    return Table(name, shown(path), fields, body)


def number(text: str) -> Decimal | None:
    """The cell as an exact decimal, or None when empty or not a number."""
    text = (text or "").strip()
    if not _PLAIN.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only plain decimals
        return None


def decimals(text: str) -> int:
    text = text.strip()
    return len(text.split(".", 1)[1]) if "." in text else 0
