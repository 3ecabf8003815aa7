"""Write a drawn figure as PNG, SVG and PDF with its manifest: byte-identical for the same inputs."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from trialfigs import __version__
from trialfigs.evidence import cite
from trialfigs.evidence.fingerprints import data_hash
from trialfigs.evidence.load import Evidence
from trialfigs.figures.common import Drawn
from trialfigs.figures.inputs import kind_hash, reads
from trialfigs.figures.theme import FORMATS, Theme, rc

DECK_FORMATS = ("png", "svg")  # the deck places the PNG; the SVG lets tests read its type sizes

# No dates, software versions or random ids in the files: the same inputs give the same bytes.
METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None, "Format": None, "Type": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


def provenance(evidence: Evidence, kind: str, rows: list[dict], sources: list[str], parameters: dict) -> dict:
    """What every manifest records: the values with their row hashes, the citations, the parameters,
    what the figure reads, and the hash of the code it was made with."""
    read = reads(kind, parameters)
    return {
        "values": [{**row, "row_sha256": evidence.row_hashes.get((row["table"], row["row_id"]))} for row in rows],
        "citations": [{"id": s, "short": cite.short(evidence.references[s]), "full": cite.full(evidence.references[s])}
                      for s in sources],
        "read_in": read_in(evidence, rows),
        "parameters": parameters,
        "data_sha256": data_hash(read),
        "reads": read,
        # the code this kind runs, by hash: no commit id, so a re-render of a clean checkout gives the same bytes
        "inputs": {"code_sha256": kind_hash(kind)},
        "trialfigs_version": __version__,
    }


def read_in(evidence: Evidence, rows: list[dict]) -> list[dict]:
    """Where values were read when not in the original publication: the summary, and the rows read there."""
    tables = {"endpoints": evidence.endpoints, "safety": evidence.safety}
    found: dict[str, list[str]] = {}
    for row in rows:
        table = tables.get(row.get("table"))
        if table is None or "read_in" not in table:
            continue
        match = table.loc[table.row_id == row["row_id"], "read_in"]
        if len(match) and match.iloc[0]:
            found.setdefault(match.iloc[0], []).append(row["row_id"])
    return [{"id": ref, "short": cite.short(evidence.references[ref]), "full": cite.full(evidence.references[ref]), "rows": ids}
            for ref, ids in found.items()]


def manifest(drawn: Drawn, evidence: Evidence, theme: Theme, parameters: dict, files: list[str], stem: str = "") -> dict:
    deck_files = {f: f"{stem}.deck.{f}" for f in DECK_FORMATS} if drawn.deck_figure is not None and theme.deck_size else None
    return {"figure": drawn.kind, "title": drawn.title, "alt_text": drawn.alt_text, "description": drawn.description,
            "derived": drawn.derived, "theme": theme.name, "files": files,
            **({"deck_files": deck_files, "deck_size_in": list(theme.deck_size)} if deck_files else {}), **drawn.extra,
            **provenance(evidence, drawn.kind, drawn.rows, drawn.sources, parameters)}


def write_manifest(stem: Path, record: dict) -> None:
    text = json.dumps(record, indent=2, ensure_ascii=False) + "\n"
    _atomic(stem.with_suffix(".json"), lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))


def save(drawn: Drawn, evidence: Evidence, theme: Theme, stem: Path, formats=FORMATS, parameters=None,
         print_drawn: Drawn | None = None) -> dict:
    """Write <stem>.<format> for each format and <stem>.json; each file appears whole or not at all.

    With `print_drawn` (the same figure drawn in the print theme), also <stem>.print.<format>, listed
    in the manifest as "print_files": the downloads for handouts."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    files = []
    for fmt in formats:
        target = stem.with_suffix(f".{fmt}")
        _atomic(target, lambda tmp, fmt=fmt: _savefig(drawn, theme, tmp, fmt))
        if target.stat().st_size == 0:
            raise OSError(f"{target} was written empty")
        files.append(target.name)
    if drawn.deck_figure is not None and theme.deck_size:
        # The render made for a slide (no title or footer: the slide carries them), placed at theme.deck_size.
        for fmt in DECK_FORMATS:
            target = stem.with_name(f"{stem.name}.deck.{fmt}")
            _atomic(target, lambda tmp, fmt=fmt: _savefig(drawn, theme, tmp, fmt, drawn.deck_figure))
    record = manifest(drawn, evidence, theme, parameters or {}, files, stem.name)
    if print_drawn is not None:
        from trialfigs.figures.theme import THEMES

        printed = {}
        for fmt in formats:
            target = stem.with_name(f"{stem.name}.print.{fmt}")
            _atomic(target, lambda tmp, fmt=fmt: _savefig(print_drawn, THEMES["print"], tmp, fmt))
            printed[fmt] = target.name
        record["print_files"] = printed
    write_manifest(stem, record)
    return record


def _savefig(drawn: Drawn, theme: Theme, path: str, fmt: str, figure=None) -> None:
    import matplotlib.pyplot as plt

    with plt.rc_context(rc(theme)):  # the SVG and PDF settings are read when saving, not when drawing
        (figure or drawn.figure).savefig(path, format=fmt, dpi=theme.dpi, metadata=METADATA[fmt])


def _atomic(target: Path, write) -> None:
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    try:
        write(temp)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
