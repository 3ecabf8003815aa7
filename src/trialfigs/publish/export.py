"""trialfigs export: the gallery, the deck and the editable deck, from the rendered reports (no notebook is re-run)."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from trialfigs import paths
from trialfigs.evidence.load import load
from trialfigs.publish.deck import build
from trialfigs.publish.exhibits import exhibits
from trialfigs.publish.gallery import DATA_FOLDER, html


def export(reports: Path | None = None, trials: list[str] | None = None, figures: list[str] | None = None,
           theme: str | None = "slide", data_dir: Path | None = None, evidence_dir: Path | None = None,
           appendix: bool = False, out: Path | None = None) -> list[Path]:
    """Write reports/index.html, reports/deck.pptx and reports/deck-editable.pptx (bar-type figures as
    native charts), with the data copies: everything is made first, then written as a whole (write_all), so
    a failure leaves the folder as it was. `appendix` adds the model illustrations
    to the decks as a final section. `out` (default: the reports folder) is where they go; a folder
    other than the reports folder gets a copy of the figures it shows, so its gallery stands alone.
    The folder's exported.json records what was written, with hashes, for `trialfigs check`."""
    from trialfigs.evidence.select import check_choice
    from trialfigs.figures.theme import THEMES

    reports = Path(reports) if reports else paths.REPORTS
    evidence = load(data_dir, evidence_dir)
    if trials:
        check_choice("trial", trials, list(evidence.trials.trial))
    if theme:
        check_choice("theme", [theme], list(THEMES))
    allowed = recorded(reports, data_dir)
    items = [e for e in exhibits(evidence, reports, trials, figures, theme) if allowed is None or e.stem in allowed]
    if figures:
        check_choice("figure", figures, [e.stem for e in exhibits(evidence, reports) if allowed is None or e.stem in allowed])
    if not items:
        raise ValueError(f"no rendered figure in {paths.shown(reports / 'figures')} matches; run `trialfigs render` first")
    out = Path(out) if out else reports
    page, deck, editable = out / "index.html", out / "deck.pptx", out / "deck-editable.pptx"
    figures_copied = figure_copies(reports, out, items) if out.resolve() != reports.resolve() else {}
    copies = data_copies(out, data_dir, evidence_dir)
    made = {page: html(evidence, items, [p.name for p in copies], [deck.name, editable.name]).encode("utf-8")}
    options = {"trials": trials, "appendix": appendix, "extras": not figures, "data_dir": data_dir}
    for path, charts in ((deck, False), (editable, True)):
        made[path] = build(evidence, items, reports / "figures", editable=charts, **options)
    made.update(copies)
    selection = {"trials": trials or None, "figures": figures or None, "theme": theme, "appendix": appendix}
    record = {"selection": selection, "figures": figures_digest(reports, items),
              "files": {p.relative_to(out).as_posix(): hashlib.sha256(b).hexdigest() for p, b in made.items()}}
    made[out / EXPORTED] = (json.dumps(record, indent=1, sort_keys=True) + "\n").encode("utf-8")
    write_all({**made, **figures_copied})
    return [*made, *figures_copied]


def write_all(files: dict[Path, bytes]) -> None:
    """Write every file or none: each goes to a temporary file beside its target first (where a full disk or a
    read-only folder fails), and only when all are there do they replace their targets, one rename each."""
    staged: list[tuple[str, Path]] = []
    try:
        for target, content in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            staged.append((temp, target))
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            os.chmod(temp, 0o644)
        for temp, target in staged:
            os.replace(temp, target)
    finally:
        for temp, _ in staged:
            if os.path.exists(temp):
                os.unlink(temp)


EXPORTED = "exported.json"  # what export wrote into a folder, with the hashes `trialfigs check` compares
DEFAULT_SELECTION = {"trials": None, "figures": None, "theme": "slide", "appendix": False}


def _sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _item_files(item) -> list[str]:
    record = item.record
    return sorted({f"{item.stem}.json", *record["files"], *(record.get("deck_files") or {}).values(),
                   *(record.get("print_files") or {}).values()})


def figures_digest(reports: Path, items) -> str:
    """One hash of every figure file the export showed: a re-render that changes one makes the export stale."""
    digest = hashlib.sha256()
    for item in sorted(items, key=lambda i: i.stem):
        for name in _item_files(item):
            path = Path(reports) / "figures" / name
            digest.update(name.encode() + b"\0" + (_sha(path).encode() if path.is_file() else b"-") + b"\0")
    return digest.hexdigest()


def figure_copies(reports: Path, out: Path, items) -> dict[Path, bytes]:
    """The figure files a gallery outside the reports folder needs beside it: target -> bytes."""
    found = {}
    for item in items:
        for name in _item_files(item):
            source = Path(reports) / "figures" / name
            if source.is_file():
                found[out / "figures" / name] = source.read_bytes()
    return found


def recorded(reports: Path, data_dir: Path | None = None) -> set[str] | None:
    """The figures a render recorded in the folder's cache: in reports/ only the default suite's (a stray
    file from a variant or a notebook run by hand is left out), elsewhere every render's. None when
    the folder has no render cache (figures copied by hand): then every manifest counts."""
    from trialfigs.figures.suite import default_suite
    from trialfigs.render.cache import load_cache

    entries = load_cache(reports)
    if not entries:
        return None
    if Path(reports).resolve() == paths.REPORTS.resolve():
        names = {job.name for job in default_suite(data_dir)}
        entries = {k: v for k, v in entries.items() if k in names}
    files = [f for entry in entries.values() for f in entry.get("files", {})]
    return {Path(f).stem for f in files if f.startswith("figures/") and f.endswith(".json")}



def data_copies(reports: Path, data_dir: Path | None = None, evidence_dir: Path | None = None) -> dict[Path, bytes]:
    """The tables, their descriptor and the bibliography as copies for reports/data/ (target -> bytes, byte for
    byte), so the gallery's data links work when reports/ is shared on its own."""
    from trialfigs.evidence.tables import read_descriptor

    data = Path(data_dir) if data_dir else paths.DATA
    evidence = Path(evidence_dir) if evidence_dir else paths.EVIDENCE
    descriptor = read_descriptor(data / paths.DESCRIPTOR) or {}
    sources = [data / r["path"] for r in descriptor.get("resources", []) if isinstance(r, dict) and r.get("path")]
    sources += [data / paths.DESCRIPTOR, evidence / paths.REFERENCES]
    return {reports / DATA_FOLDER / source.name: source.read_bytes() for source in sources if source.is_file()}


# What a reports folder holds besides the export: the render's outputs and cache, the values table, the audits.
RENDERED = {"figures", "notebooks", "audit", "cache.json", "values.md", ".steps.json"}


def export_problems(reports: Path | None = None, data_dir: Path | None = None, evidence_dir: Path | None = None) -> list[str]:
    """One message per file of the reports folder that is not what `make report` writes there: a gallery,
    deck or data copy that is a selection's, changed after export, stale against the figures or data,
    missing, or a file nothing writes (a stale .staging-* folder of a killed render included)."""
    from trialfigs.publish.values_table import render as values_text

    reports = Path(reports) if reports else paths.REPORTS
    shown = paths.shown(reports)
    messages = [f"{shown}/{p.name} is left over from a render that was killed; the next render removes it "
                "(or delete it)" for p in sorted(reports.glob(".staging-*"))]
    data = Path(data_dir) if data_dir else paths.DATA
    evidence_folder = Path(evidence_dir) if evidence_dir else paths.EVIDENCE
    descriptor = read_descriptor_safe(data)
    sources = {f"{DATA_FOLDER}/{Path(r['path']).name}": data / r["path"] for r in descriptor.get("resources", [])
               if isinstance(r, dict) and isinstance(r.get("path"), str)}
    sources[f"{DATA_FOLDER}/{paths.DESCRIPTOR}"] = data / paths.DESCRIPTOR
    sources[f"{DATA_FOLDER}/{paths.REFERENCES}"] = evidence_folder / paths.REFERENCES
    expected = {"index.html", "deck.pptx", "deck-editable.pptx", *sources}
    present = {p.relative_to(reports).as_posix() for p in reports.glob("*") if p.is_file()}
    present |= {p.relative_to(reports).as_posix() for p in (reports / DATA_FOLDER).glob("*") if p.is_file()}
    present -= RENDERED | {EXPORTED}
    for name in sorted(present - expected):
        messages.append(f"{shown}/{name} is not a file `make report` writes (a selection's export or a copy by hand?); "
                        "remove it: variants belong in build/")
    if not (reports / "figures").is_dir():
        return messages
    try:
        record = json.loads((reports / EXPORTED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return [*messages, f"{shown}/{EXPORTED} is missing or unreadable: nothing says what the export wrote; "
                           "run `make report`"]
    if record.get("selection") != DEFAULT_SELECTION:
        messages.append(f"{shown}/ holds an export of a selection ({record.get('selection')}), not the suite's; "
                        "run `trialfigs export`")
    files = record.get("files") or {}
    for name in sorted(expected):
        path = reports / name
        if not path.is_file():
            messages.append(f"{shown}/{name} is missing; run `trialfigs export`")
        elif name not in files:
            messages.append(f"{shown}/{name} was not written by the last export; run `trialfigs export`")
        elif _sha(path) != files[name]:
            messages.append(f"{shown}/{name} was changed after the export that wrote it")
        elif name in sources and sources[name].is_file() and _sha(sources[name]) != files[name]:
            messages.append(f"{shown}/{name} is stale: {paths.shown(sources[name])} changed since the export")
    try:
        evidence = load(data_dir, evidence_dir)
    except Exception:  # invalid data: validation reports it
        return messages
    allowed = recorded(reports, data_dir)
    items = [e for e in exhibits(evidence, reports, None, None, "slide") if allowed is None or e.stem in allowed]
    if record.get("figures") != figures_digest(reports, items):
        messages.append(f"{shown}/index.html and the decks are stale: the figures changed since the export; "
                        "run `trialfigs export`")
    page = reports / "index.html"
    if page.is_file():
        copies = sorted((p for p in sources if (reports / p).is_file()), key=list(sources).index)
        text = html(evidence, items, [Path(c).name for c in copies], ["deck.pptx", "deck-editable.pptx"])
        if page.read_text(encoding="utf-8") != text:
            messages.append(f"{shown}/index.html is not the gallery export writes from these figures and data; "
                            "run `trialfigs export`")
    values = reports / "values.md"
    if not values.is_file():
        messages.append(f"{shown}/values.md is missing; run `trialfigs table`")
    elif values.read_text(encoding="utf-8") != values_text(evidence):
        messages.append(f"{shown}/values.md is not the table `trialfigs table` writes from these data; run it")
    return messages


def read_descriptor_safe(data: Path) -> dict:
    from trialfigs.evidence.tables import read_descriptor

    return read_descriptor(data / paths.DESCRIPTOR) or {}
