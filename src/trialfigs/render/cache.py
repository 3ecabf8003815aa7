"""The render cache: a job is skipped when nothing it depends on changed.

A job's key hashes its notebook, its parameters, the code its kind runs (figures.inputs.kind_hash: the kind's
module and what it imports, the notebook API, the templates; never the audit, deck, CLI or checks), the
installed versions of the pinned dependencies, and every row and source record its figure reads, so a
changed data row re-renders exactly the figures whose selection includes it, and an edited kind module
exactly the jobs of that kind. The cache lives in
<out>/cache.json beside the outputs it vouches for; an entry is used only while every file it
lists is still there, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from trialfigs.evidence.fingerprints import dependency_versions
from trialfigs.figures.inputs import kind_hash, reads

CACHE = "cache.json"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def job_key(notebook: Path, kind: str, parameters: dict, package: str, versions: dict) -> str:
    """package: the kind's code hash (kind_hash); versions: the pinned dependencies' installed versions."""
    record = {"notebook": _sha(notebook.read_bytes()), "parameters": parameters, "package": package,
              "dependencies": versions, "reads": reads(kind, parameters)}
    return _sha(json.dumps(record, sort_keys=True).encode())


def keys_for(jobs, notebooks: Path) -> dict[str, str]:
    versions = dependency_versions()
    code = {kind: kind_hash(kind) for kind in {job.notebook for job in jobs}}
    return {job.name: job_key(notebooks / f"{job.notebook}.ipynb", job.notebook, job.parameters, code[job.notebook],
                              versions) for job in jobs}


def load_cache(out: Path) -> dict:
    try:
        data = json.loads((out / CACHE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def is_current(out: Path, entry: dict | None, key: str) -> bool:
    if not entry or entry.get("key") != key:
        return False
    for name, digest in entry.get("files", {}).items():
        path = out / name
        if not path.is_file() or _sha(path.read_bytes()) != digest:
            return False
    return True


def entry_for(out: Path, key: str, files: list[str]) -> dict:
    return {"key": key, "files": {name: _sha((out / name).read_bytes()) for name in sorted(files)}}


def save_cache(out: Path, entries: dict) -> None:
    from trialfigs.figures.save import _atomic

    text = json.dumps(dict(sorted(entries.items())), indent=1, sort_keys=True) + "\n"
    _atomic(out / CACHE, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
