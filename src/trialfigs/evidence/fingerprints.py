"""Hashes of what a render depends on: a row of data/, a set of rows, the package's code, the installed
dependency versions. What a figure of each kind reads and runs is figures/inputs.py (from the kind table,
figures/kinds.py); this module knows no figure kind."""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def row_hash(row: dict[str, str]) -> str:
    """SHA-256 of a row's cells as typed: any edit to the row changes it."""
    return _sha(json.dumps(row, sort_keys=True, ensure_ascii=False).encode())


def data_hash(found: dict[str, str]) -> str:
    return _sha("".join(f"{k}={v}\n" for k, v in sorted(found.items())).encode())


# What a rendered figure can depend on: the stages below render (evidence, model, figures), the
# paths module and the templates. Render, checks, publish, audit and the CLI never change a figure.
FIGURE_CODE = ("paths.py", "evidence", "model", "figures", "templates")


def package_hash(parts: tuple[str, ...] = FIGURE_CODE, source: Path | None = None) -> str:
    """The hash of the package's code under `parts` (top-level modules or stage folders); all of it with ()."""
    digest = hashlib.sha256()
    source = Path(source) if source else Path(__file__).resolve().parents[1]
    for path in sorted(p for p in source.rglob("*") if p.is_file() and p.suffix in {".py", ".j2"}):
        relative = path.relative_to(source)
        if parts and relative.parts[0] not in parts:
            continue
        digest.update(relative.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def dependency_versions() -> dict[str, str]:
    """The installed versions of the package's own dependencies (the lock a render depends on)."""
    names = sorted({req.split(";")[0].split("==")[0].split("[")[0].strip().lower()
                    for req in metadata.requires("trialfigs") or [] if "extra ==" not in req})
    return {name: metadata.version(name) for name in names}


def describe(key: str) -> str:
    """'endpoints:E-I2-OS-MED-TDM1' -> 'data/endpoints.csv row E-I2-OS-MED-TDM1'."""
    table, _, rest = key.partition(":")
    if table == "references":
        return f"evidence/references.json record {rest}"
    if not rest:
        return key
    return f"data/{table}.csv row {rest}"
