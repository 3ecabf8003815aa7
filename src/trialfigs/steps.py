"""`trialfigs report`: what `make report` does, in one process, skipping each step whose inputs and
outputs are unchanged since it last succeeded here.

The steps are the commands a person could run one by one (validate, table, render, export, and an
audit of each file in examples/ but its README), run in this order with the same arguments, so they write the
same bytes. A step's key hashes its command line, the package code, the installed dependency
versions, every file of data/ and evidence/, and the files it reads besides (the rendered figures
for export, the audited text for audit). It is skipped while its key is the one recorded at its
last success and every file it wrote is still there, byte for byte; its printed result is shown
again. The record is reports/.steps.json, local to this checkout (git ignores it). render keeps
its own cache (reports/cache.json), so it always runs and re-renders only what changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from trialfigs import commands, paths

RECORD = ".steps.json"


@dataclass
class Step:
    argv: list[str]  # the command line a person would type for this step (its name in the record)
    run: Callable[[], int]  # the function of trialfigs.commands it calls
    reads: list[Path] = field(default_factory=list)  # besides data/, evidence/, the package and its dependencies
    writes: list[Path] = field(default_factory=list)
    cached: bool = True  # render has a cache of its own
    vouches: bool = False  # its success vouches for data/ and evidence/ as they are (validate): later steps trust it


def steps(reports: Path, quiet: bool) -> list[Step]:
    audits = [Step(["audit", str(f), "--out", str(reports / "audit")],
                   lambda f=f: commands.audit(f, reports / "audit"), [f],
                   [reports / "audit" / f"{f.stem}.md", reports / "audit" / f"{f.stem}.html"])
              for f in sorted(p for p in (paths.ROOT / "examples").glob("*") if p.is_file() and not p.stem.startswith("README"))]
    return [
        Step(["validate"], commands.validate, vouches=True),
        Step(["table", "--out", str(reports / "values.md")], lambda: commands.table(reports / "values.md"),
             writes=[reports / "values.md"]),
        Step(["render", "--out", str(reports)] + (["--quiet"] if quiet else []),
             lambda: commands.render(out=reports, quiet=quiet), cached=False),
        Step(["export", "--reports", str(reports)], lambda: commands.export(reports), [reports / "figures"],
             [reports / "index.html", reports / "deck.pptx"]),
        *audits,
    ]


def report(reports: Path | None = None, quiet: bool = False) -> int:
    """Run the steps in order; stop at the first that fails, with its exit code."""
    reports = Path(reports) if reports else paths.REPORTS
    record = _load(reports)
    base = _base_key()
    ran = 0
    for step in steps(reports, quiet):
        name = " ".join(_rel(a) if a.startswith("/") else a for a in step.argv)
        key = _sha(json.dumps([step.argv, base, [_digest(p) for p in step.reads]]).encode()) if step.cached else None
        done = record.get(name)
        if key and done and done["key"] == key and all(_digest(paths.ROOT / f) == h for f, h in done["writes"].items()):
            print(done["printed"], end="")
            if step.vouches:
                _vouch()
            continue
        printed = io.StringIO()
        with contextlib.redirect_stdout(_Tee(sys.stdout, printed)):
            code = step.run()
        ran += 1
        if code:
            record.pop(name, None)
            _save(reports, record)
            return code
        if step.vouches:
            _vouch()
        if key:
            record[name] = {"key": key, "printed": printed.getvalue(),
                            "writes": {_rel(p): _digest(p) for p in step.writes}}
    _save(reports, record)
    print(f"report: {ran} step(s) ran; the others were current")
    return 0


def _vouch() -> None:
    from trialfigs.evidence.validate import vouch

    vouch()


def _base_key() -> list:
    from trialfigs.evidence.fingerprints import dependency_versions, package_hash

    return [package_hash(()), dependency_versions(), _digest(paths.DATA), _digest(paths.EVIDENCE)]


def _digest(path: Path) -> str:
    """SHA-256 of a file, or of a folder's files with their relative names; '' when absent."""
    path = Path(path)
    if path.is_file():
        return _sha(path.read_bytes())
    if not path.is_dir():
        return ""
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(file.relative_to(path).as_posix().encode() + b"\0" + _sha(file.read_bytes()).encode())
    return digest.hexdigest()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _rel(path: Path) -> str:
    path = Path(path).resolve()
    return path.relative_to(paths.ROOT).as_posix() if path.is_relative_to(paths.ROOT) else str(path)


def _load(reports: Path) -> dict:
    try:
        data = json.loads((reports / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save(reports: Path, record: dict) -> None:
    reports.mkdir(parents=True, exist_ok=True)
    (reports / RECORD).write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")


class _Tee(io.TextIOBase):
    def __init__(self, *streams):
        self.streams = streams

    def write(self, text: str) -> int:
        for stream in self.streams:
            stream.write(text)
        return len(text)

    def flush(self) -> None:
        for stream in self.streams:
            stream.flush()
