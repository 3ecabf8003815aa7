"""What each figure reads: the rows of data/ and the source records its selection can touch.

A figure depends on these and on nothing else of the data, so a changed row makes stale (and
re-renders) exactly the figures whose selection includes it. The selections here mirror
`trialfigs.select` from the raw published text, without pandas or validation, so that checking
the cache costs milliseconds.
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path

from trialfigs import paths
from trialfigs.evidence.tables import read_tables


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def row_hash(row: dict[str, str]) -> str:
    """SHA-256 of a row's cells as typed: any edit to the row changes it."""
    return _sha(json.dumps(row, sort_keys=True, ensure_ascii=False).encode())


def _selected(rows, trials, **wanted):
    """Rows of the trials whose columns take one of the wanted values (an empty choice takes all)."""
    for row in rows:
        if trials and row.get("trial") not in trials:
            continue
        if all(not values or row.get(column) in values for column, values in wanted.items()):
            yield row


def _reads_rows(tables: dict, kind: str, p: dict) -> list[tuple[str, dict]]:
    endpoints = tables["endpoints"].rows if "endpoints" in tables else []
    safety = tables["safety"].rows if "safety" in tables else []
    vocabulary = tables["vocabulary"].rows if "vocabulary" in tables else []
    trials = set(p.get("trials") or ([p["trial"]] if p.get("trial") else []))
    chosen: list[tuple[str, dict]] = []
    if kind == "forest":
        chosen = [("endpoints", r) for r in _selected(endpoints, trials, statistic={"hazard_ratio"},
                                                      endpoint=set(p.get("endpoints") or []), analysis=set(p.get("analyses") or []))]
    elif kind == "landmark":
        chosen = [("endpoints", r) for r in _selected(endpoints, trials, statistic={"landmark_rate", "difference"},
                                                      endpoint=set(p.get("endpoints") or []))]
    elif kind == "proportions":  # select.proportions narrows these to the outcome endpoints
        chosen = [("endpoints", r) for r in _selected(endpoints, trials, statistic={"proportion", "difference"},
                                                      endpoint=set(p.get("endpoints") or []))]
    elif kind == "medians":
        wanted = set(p.get("endpoints") or []) or {r.get("value") for r in vocabulary if r.get("field") == "endpoint" and r.get("group") == "time_to_event"}
        chosen = [("endpoints", r) for r in _selected(endpoints, trials, statistic={"median", "hazard_ratio"},
                                                      endpoint=wanted, analysis=set(p.get("analyses") or []))]
    elif kind == "safety":
        chosen = [("safety", r) for r in _selected(safety, trials, analysis=set(p.get("analyses") or []),
                                                    category=set(p.get("categories") or []), event=set(p.get("events") or []))
                  if p.get("scope", "all") == "all" or (r.get("event") == "any adverse event") == (p.get("scope") == "overall")]
    elif kind == "iconarray":
        chosen = [("endpoints", r) for r in _selected(endpoints, trials, statistic={"landmark_rate"}, endpoint={p.get("endpoint")},
                                                      analysis=set(p.get("analyses") or []))]
    elif kind == "illustrative":
        chosen = [("endpoints", r) for r in _selected(endpoints, trials, statistic={"landmark_rate", "median", "hazard_ratio"},
                                                      analysis={p.get("analysis")}, endpoint={p.get("endpoint")})]
    else:  # the trial page, or a notebook this module does not know: everything of its trials
        chosen = [("endpoints", r) for r in _selected(endpoints, trials)] + [("safety", r) for r in _selected(safety, trials)]
    trials_used = trials or {row.get("trial") for _, row in chosen}
    for name in ("trials", "arms", "analyses"):
        rows = tables[name].rows if name in tables else []
        chosen += [(name, r) for r in rows if r.get("trial") in trials_used]
    chosen += [("vocabulary", r) for r in vocabulary]  # every figure writes labels from it
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


# The module each figure kind draws with (its notebook calls trialfigs.figures.api, which imports it when drawing).
KIND_MODULES = {
    "forest": ("figures.forest",), "landmark": ("figures.landmark",),
    "proportions": ("figures.proportions",), "medians": ("figures.medians",),
    "safety": ("figures.safety",), "iconarray": ("figures.iconarray",), "trial": ("figures.trial_page",),
    "illustrative": ("figures.model_curves", "figures.simulated_cohort"),
}
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
