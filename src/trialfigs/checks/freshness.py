"""Is reports/ current? Each manifest records the hashes of its inputs and rows; compare them with now.

A stale output is named with the inputs that changed since it was rendered: the files, the rows
of data/ it draws, the package code, or the notebook it was run from.
"""

from __future__ import annotations

import json
from pathlib import Path

from trialfigs import paths
from trialfigs.evidence.fingerprints import describe
from trialfigs.figures.inputs import kind_hash, reads


def stale_outputs(reports: Path | None = None, data_dir: Path | None = None, evidence_dir: Path | None = None,
                  notebooks: Path | None = None) -> list[str]:
    """One message per stale output; empty when reports/ is current. Works on invalid data too:
    the reads are recomputed from the files, which is what a render would read."""
    reports = Path(reports) if reports else paths.REPORTS
    notebooks = Path(notebooks) if notebooks else paths.NOTEBOOKS
    code: dict[str, str] = {}
    messages = []
    for manifest in sorted((reports / "figures").glob("*.json")):
        record = json.loads(manifest.read_text(encoding="utf-8"))
        before = record.get("reads", {})
        now = reads(record.get("figure", ""), record.get("parameters", {}), data_dir, evidence_dir)
        changed = [describe(k) + ("" if k in before and k in now else " (new)" if k in now else " (gone)")
                   for k in sorted(set(before) | set(now)) if before.get(k) != now.get(k)]
        reasons = []
        if changed:
            reasons.append("changed since rendering: " + ", ".join(changed))
        kind = record.get("figure", "")
        if kind not in code:
            code[kind] = kind_hash(kind)
        if record.get("inputs", {}).get("code_sha256") != code[kind]:
            reasons.append(f"the code a {kind or 'figure'} figure runs changed (src/trialfigs)")
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


def suite_problems(reports: Path | None = None, data_dir: Path | None = None) -> list[str]:
    """reports/ holds the default suite and nothing else: one message per file no suite job wrote
    (a variant, a notebook run by hand), per suite output rendered with other parameters, and per
    file changed since the render that wrote it."""
    from trialfigs.figures.suite import default_suite
    from trialfigs.render.cache import _sha, load_cache

    reports = Path(reports) if reports else paths.REPORTS
    entries = load_cache(reports)
    if not entries and any(p.is_file() for folder in ("figures", "notebooks") for p in (reports / folder).glob("*")):
        return [f"{paths.shown(reports)}/cache.json is missing or unreadable: nothing says which outputs the default "
                "suite rendered; run `make report`"]
    suite = {job.name: job for job in default_suite(data_dir)}
    owned = {name: digest for job in suite for name, digest in entries.get(job, {}).get("files", {}).items()}
    messages = []
    strays: dict[str, list[str]] = {}
    for path in sorted(p for folder in ("figures", "notebooks") for p in (reports / folder).glob("*") if p.is_file()):
        name = path.relative_to(reports).as_posix()
        if name not in owned:
            strays.setdefault(f"{path.parent.name}/{path.name.split('.')[0]}", []).append(path.name)
        elif _sha(path.read_bytes()) != owned[name]:
            messages.append(f"reports/{name} was changed after the render that wrote it")
    messages += [f"reports/{stem} ({', '.join(files)}) is not an output of the default suite (a variant, or a notebook "
                 "run by hand?); remove it: variants belong in build/" for stem, files in strays.items()]
    for name, job in suite.items():
        executed = reports / "notebooks" / f"{name}.ipynb"
        if not executed.is_file():
            continue
        given = json.loads(executed.read_text(encoding="utf-8")).get("metadata", {}).get("papermill", {}).get("parameters", {})
        given = {k: v for k, v in given.items() if k not in ("out_dir", "name")}
        if given != job.parameters or _input_path(executed) != f"notebooks/{job.notebook}.ipynb":
            messages.append(f"reports/notebooks/{name}.ipynb was rendered with parameters {given}, not the default "
                            f"suite's {job.parameters}")
    return messages
