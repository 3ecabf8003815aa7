"""What a figure of each kind reads and runs: the rows of data/ and the source records its selection can
touch, and the package modules it draws with (figures/kinds.py names both for every kind).

A figure depends on these and on nothing else, so a changed row makes stale (and re-renders) exactly the
figures whose selection includes it, and an edit to one kind's module exactly that kind's figures. The row
selections mirror `trialfigs.evidence.select` from the raw published text, without pandas or validation,
so that checking the cache costs milliseconds (tests/figures/test_kinds.py checks that every suite figure shows only
rows its kind says it reads).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from trialfigs import paths
from trialfigs.evidence.fingerprints import _sha, package_hash, row_hash
from trialfigs.evidence.tables import read_tables
from trialfigs.figures.kinds import KINDS, reads_rows


def _reads_rows(tables: dict, kind: str, p: dict) -> list[tuple[str, dict]]:
    rows = {name: table.rows for name, table in tables.items()}
    chosen = reads_rows(rows, kind, p)
    trials = set(p.get("trials") or ([p["trial"]] if p.get("trial") else []))
    trials_used = trials or {row.get("trial") for _, row in chosen}
    for name in ("trials", "arms", "analyses"):
        chosen += [(name, r) for r in rows.get(name, []) if r.get("trial") in trials_used]
    chosen += [("vocabulary", r) for r in rows.get("vocabulary", [])]  # every figure writes labels from it
    return chosen


_tables: dict = {}  # the last tables read, keyed by the descriptor and the size and time of every file beside it


def _read_tables(descriptor: Path) -> dict:
    """read_tables, once per process while no file of the data folder changed (a render asks once per job)."""
    folder = descriptor.parent
    try:
        stamp = (str(descriptor.resolve()), tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                                                         for p in folder.iterdir() if p.is_file())))
    except OSError:
        return read_tables(descriptor)
    if stamp not in _tables:
        _tables.clear()
        _tables[stamp] = read_tables(descriptor)
    return _tables[stamp]


def drawn_rows(kind: str, parameters: dict, data_dir: Path | None = None) -> list[tuple[str, dict]]:
    """The rows of endpoints.csv and safety.csv a figure of this kind and selection can draw."""
    descriptor = (Path(data_dir) if data_dir else paths.DATA) / paths.DESCRIPTOR
    return [(t, r) for t, r in _reads_rows(_read_tables(descriptor), kind, parameters) if t in ("endpoints", "safety")]


def _key(table: str, row: dict) -> str:
    if "row_id" in row:
        return f"{table}:{row['row_id']}"
    return f"{table}:" + "/".join(row.get(c, "") for c in ("trial", "arm", "analysis", "field", "value") if c in row)


def reads(kind: str, parameters: dict, data_dir: Path | None = None, evidence_dir: Path | None = None) -> dict[str, str]:
    """Key -> SHA-256 of every row and source record a figure of this kind and selection reads."""
    data_dir = Path(data_dir) if data_dir else paths.DATA
    evidence_dir = Path(evidence_dir) if evidence_dir else paths.EVIDENCE
    descriptor = data_dir / paths.DESCRIPTOR
    chosen = _reads_rows(_read_tables(descriptor), kind, parameters)
    found = {_key(table, row): row_hash(row) for table, row in chosen}
    sources = {row.get("source") for _, row in chosen} | {row.get("publication") for _, row in chosen}
    try:
        records = {r.get("id"): r for r in json.loads((evidence_dir / paths.REFERENCES).read_text(encoding="utf-8"))}
    except (OSError, ValueError):
        records = {}
    for source in sorted(s for s in sources if s):
        found[f"references:{source}"] = _sha(json.dumps(records.get(source), sort_keys=True).encode())
    found["data/datapackage.json"] = _sha(descriptor.read_bytes()) if descriptor.is_file() else ""
    return dict(sorted(found.items()))


# The modules each figure kind draws with (its notebook calls trialfigs.figures.api, which imports them when drawing).
KIND_MODULES = {name: k.modules for name, k in KINDS.items()}
SHARED = ("paths", "figures.api")  # what every notebook imports; only their module-level imports are followed


def kind_hash(kind: str, source: Path | None = None) -> str:
    """The hash of the code a figure of this kind runs: the kind's modules and everything they import (at any
    depth), the notebook API and its module-level imports, and the templates. An edit to another kind, the
    audit, the deck, the CLI or the checks leaves it unchanged; a kind the table does not know gets all figure code."""
    source = Path(source) if source else Path(__file__).resolve().parents[1]
    if kind not in KIND_MODULES:
        return package_hash(source=source)
    files: set[Path] = set()
    for name in SHARED:
        _closure(source, name, files, deep=False)
    for name in KIND_MODULES[kind]:
        _closure(source, name, files, deep=True)
    files.update(p for p in (source / "templates").glob("*.j2"))
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.relative_to(source).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _module_file(source: Path, name: str) -> Path | None:
    path = source.joinpath(*name.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


_parsed: dict = {}  # (file, size, time, deep) -> its `from ... import` statements: each file is parsed once


def _imports(path: Path, deep: bool) -> list[tuple[int, str | None, list[str]]]:
    """(level, module, names) of every `from ... import` of a module: anywhere in it, or (deep=False) at its top."""
    import ast

    stat = path.stat()
    key = (path, stat.st_size, stat.st_mtime_ns, deep)
    if key not in _parsed:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        _parsed[key] = [(n.level, n.module, [a.name for a in n.names]) for n in (ast.walk(tree) if deep else tree.body)
                        if isinstance(n, ast.ImportFrom)]
    return _parsed[key]


def _closure(source: Path, name: str, files: set[Path], deep: bool) -> None:
    """Add the module `name` (relative to the package) and, recursively, every package module it imports; with
    deep=False only the first module's top-level imports are followed (the rest fully)."""
    path = _module_file(source, name)
    if path is None or path in files:
        return
    files.add(path)
    package = name.rsplit(".", 1)[0] if path.name != "__init__.py" else name
    for level, module, names in _imports(path, deep):
        if level:
            parts = package.split(".") if "." in name or path.name == "__init__.py" else []
            base = ".".join(parts[: len(parts) - level + 1] + ([module] if module else []))
        elif module and module.startswith("trialfigs"):
            base = module[len("trialfigs."):] if module != "trialfigs" else ""
        else:
            continue
        for alias in names:
            child = f"{base}.{alias}" if base else alias
            _closure(source, child if _module_file(source, child) else base, files, deep=True)


