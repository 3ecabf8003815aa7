"""trialfigs export: the gallery, the deck and the editable deck, from the rendered reports (no notebook is re-run)."""

from __future__ import annotations

from pathlib import Path

from trialfigs import paths
from trialfigs.evidence.load import load
from trialfigs.figures.save import _atomic
from trialfigs.publish.deck import build
from trialfigs.publish.exhibits import exhibits
from trialfigs.publish.gallery import DATA_FOLDER, html


def export(reports: Path | None = None, trials: list[str] | None = None, figures: list[str] | None = None,
           theme: str | None = "slide", data_dir: Path | None = None, evidence_dir: Path | None = None,
           appendix: bool = False) -> list[Path]:
    """Write reports/index.html, reports/deck.pptx and reports/deck-editable.pptx (bar-type figures as
    native charts); each file appears whole or not at all. `appendix` adds the model illustrations
    to the decks as a final section."""
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
    page, deck, editable = reports / "index.html", reports / "deck.pptx", reports / "deck-editable.pptx"
    copies = copy_data(reports, data_dir, evidence_dir)
    text = html(evidence, items, [p.name for p in copies], [deck.name, editable.name])
    _atomic(page, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    options = {"trials": trials, "appendix": appendix, "extras": not figures, "data_dir": data_dir}
    for path, charts in ((deck, False), (editable, True)):
        data = build(evidence, items, reports / "figures", editable=charts, **options)
        _atomic(path, lambda tmp, d=data: Path(tmp).write_bytes(d))
    return [page, deck, editable, *copies]


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



def copy_data(reports: Path, data_dir: Path | None = None, evidence_dir: Path | None = None) -> list[Path]:
    """Copy the tables, their descriptor and the bibliography into reports/data/, byte for byte, so the
    gallery's data links work when reports/ is shared on its own."""
    from trialfigs.evidence.tables import read_descriptor

    data = Path(data_dir) if data_dir else paths.DATA
    evidence = Path(evidence_dir) if evidence_dir else paths.EVIDENCE
    descriptor = read_descriptor(data / paths.DESCRIPTOR) or {}
    sources = [data / r["path"] for r in descriptor.get("resources", []) if isinstance(r, dict) and r.get("path")]
    sources += [data / paths.DESCRIPTOR, evidence / paths.REFERENCES]
    target = reports / DATA_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sources:
        if source.is_file():
            copy = target / source.name
            content = source.read_bytes()
            _atomic(copy, lambda tmp, content=content: Path(tmp).write_bytes(content))
            written.append(copy)
    return written
