"""Is reports/ current? Each manifest records the hashes of its inputs and rows; compare them with now.

A stale output is named with the inputs that changed since it was rendered: the files, the rows
of data/ it draws, the package code, or the notebook it was run from.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import paths
from .load import row_hash
from .output import input_hashes
from .tables import Table


def current_row_hashes(tables: dict[str, Table]) -> dict[tuple[str, str], str]:
    return {(name, row["row_id"]): row_hash(row) for name, table in tables.items() for row in table.rows if "row_id" in row}


def stale_outputs(tables: dict[str, Table], reports: Path | None = None, data_dir: Path | None = None,
                  evidence_dir: Path | None = None, notebooks: Path | None = None) -> list[str]:
    """One message per stale output; empty when reports/ is current. Works on invalid data too."""
    row_hashes = current_row_hashes(tables)
    reports = Path(reports) if reports else paths.REPORTS
    notebooks = Path(notebooks) if notebooks else paths.NOTEBOOKS
    now = input_hashes(Path(data_dir) if data_dir else paths.DATA, Path(evidence_dir) if evidence_dir else paths.EVIDENCE)
    messages = []
    for manifest in sorted((reports / "figures").glob("*.json")):
        record = json.loads(manifest.read_text(encoding="utf-8"))
        reasons = []
        rendered = record.get("inputs", {})
        changed = sorted(name for name in set(now) | set(rendered) if now.get(name) != rendered.get(name))
        files = [name for name in changed if name != "src/trialfigs"]
        if files:
            reasons.append("changed since rendering: " + ", ".join(files))
        if "src/trialfigs" in changed:
            reasons.append("the package code src/trialfigs changed")
        rows = [f"{v['row_id']} ({v['table']}.csv)" for v in record.get("values", [])
                if v.get("row_id") and row_hashes.get((v["table"], v["row_id"])) != v.get("row_sha256")]
        if rows:
            reasons.append("rows it draws changed or are gone: " + ", ".join(dict.fromkeys(rows)))
        if reasons:
            outputs = ", ".join([manifest.name, *record.get("files", [])])
            messages.append(f"reports/figures/{manifest.stem} is stale ({outputs}): " + "; ".join(reasons))
    for executed in sorted((reports / "notebooks").glob("*.ipynb")):
        source = notebooks / Path(_input_path(executed)).name
        if not source.is_file():
            messages.append(f"reports/notebooks/{executed.name} is stale: its notebook {source.name} is gone")
        elif _code(executed) != _code(source):
            messages.append(f"reports/notebooks/{executed.name} is stale: notebooks/{source.name} changed since rendering")
    return messages


def _input_path(executed: Path) -> str:
    meta = json.loads(executed.read_text(encoding="utf-8")).get("metadata", {}).get("papermill", {})
    return meta.get("input_path") or executed.name


def _code(path: Path) -> list[str]:
    """The notebook's own cells, without papermill's injected parameters."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
