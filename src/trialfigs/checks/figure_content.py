"""Does each rendered figure show its data? Manifest values against rows, SVG numbers against data,
citations against evidence/, and alt text present."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from trialfigs import paths
from trialfigs.evidence.rules import QUOTED
from trialfigs.evidence.tables import Table

NUMBER = re.compile(r"(?<![\w.\-])\d+(?:\.\d+)?(?![\w])")
SVG = "{http://www.w3.org/2000/svg}"
SKIPPED_GROUPS = ("axis-tick", "footer")  # the scale of an axis, and the citations (checked against evidence/)


def row_numbers(tables: dict[str, Table]) -> dict[tuple[str, str], set[str]]:
    """The numbers typed in each row's value columns (not its quote), as typed."""
    return {(name, row["row_id"]): {n for column in QUOTED.get(name, []) for n in NUMBER.findall(row.get(column, ""))}
            for name, table in tables.items() for row in table.rows if "row_id" in row}


def all_numbers(tables: dict[str, Table]) -> set[str]:
    return {n for table in tables.values() for row in table.rows for cell in row.values() for n in NUMBER.findall(cell)}


def svg_numbers(svg: Path) -> list[str]:
    root = ET.parse(svg).getroot()
    skipped = {id(t) for g in root.iter(f"{SVG}g") if (g.get("id") or "").startswith(SKIPPED_GROUPS)
               for t in g.iter(f"{SVG}text")}
    return [n for t in root.iter(f"{SVG}text") if id(t) not in skipped for n in NUMBER.findall(t.text or "")]


def figure_problems(tables: dict[str, Table], references: dict, reports: Path | None = None) -> list[str]:
    """One message per figure that does not show its data. Works on invalid data too."""
    figures = (Path(reports) if reports else paths.REPORTS) / "figures"
    numbers = row_numbers(tables)
    known = all_numbers(tables)
    messages = []
    for manifest in sorted(figures.glob("*.json")):
        record = json.loads(manifest.read_text(encoding="utf-8"))
        name = f"reports/figures/{manifest.stem}"
        if not (record.get("alt_text") or "").strip():
            messages.append(f"{name}: no alt text")
        for citation in record.get("citations", []):
            if citation.get("id") not in references:
                messages.append(f"{name}: citation {citation.get('id')!r} is not a record of evidence/references.json")
        derived = set()
        for value in record.get("values", []):
            shown = NUMBER.findall(value.get("value", ""))
            if value.get("table") == "derived":
                derived.update(shown)
                continue
            row = numbers.get((value.get("table"), value.get("row_id")))
            if row is None:
                messages.append(f"{name}: shows {value.get('value')!r} for row {value.get('row_id')}, which is in no table")
            elif not set(shown) <= row:
                messages.append(f"{name}: shows {value.get('value')!r} for row {value.get('row_id')}, "
                                f"but the row now reads {sorted(row)}")
        svgs = [f for f in record.get("files", []) if f == f"{manifest.stem}.svg"]
        svgs += [r["svg"] for r in (record.get("deck_files"), record.get("print_files")) if r and r.get("svg")]
        for file in svgs:
            if (figures / file).is_file():
                stray = [n for n in svg_numbers(figures / file) if n not in known and n not in derived]
                if stray:
                    messages.append(f"reports/figures/{file}: shows numbers in no row of data/: {', '.join(dict.fromkeys(stray))}")
    return messages
