"""trialfigs export: the gallery, the deck and the editable deck, from the rendered reports (no notebook is re-run)."""

from __future__ import annotations

from pathlib import Path

from . import paths
from .deck import build
from .exhibits import exhibits
from .gallery import html
from .load import load
from .output import _atomic


def export(reports: Path | None = None, trials: list[str] | None = None, figures: list[str] | None = None,
           theme: str | None = "slide", data_dir: Path | None = None, evidence_dir: Path | None = None,
           appendix: bool = False) -> list[Path]:
    """Write reports/index.html, reports/deck.pptx and reports/deck-editable.pptx (bar-type figures as
    native charts); each file appears whole or not at all. `appendix` adds the model illustrations
    to the decks as a final section."""
    from .select import check_choice
    from .theme import THEMES

    reports = Path(reports) if reports else paths.REPORTS
    evidence = load(data_dir, evidence_dir)
    if trials:
        check_choice("trial", trials, list(evidence.trials.trial))
    if theme:
        check_choice("theme", [theme], list(THEMES))
    items = exhibits(evidence, reports, trials, figures, theme)
    if figures:
        check_choice("figure", figures, [e.stem for e in exhibits(evidence, reports)])
    if not items:
        raise ValueError(f"no rendered figure in {paths.shown(reports / 'figures')} matches; run `trialfigs render` first")
    page, deck, editable = reports / "index.html", reports / "deck.pptx", reports / "deck-editable.pptx"
    text = html(evidence, items)
    _atomic(page, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    options = {"trials": trials, "appendix": appendix, "extras": not figures, "data_dir": data_dir}
    for path, charts in ((deck, False), (editable, True)):
        data = build(evidence, items, reports / "figures", editable=charts, **options)
        _atomic(path, lambda tmp, d=data: Path(tmp).write_bytes(d))
    return [page, deck, editable]
