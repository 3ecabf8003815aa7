"""trialfigs deck: a talk of chosen slides (ids, a preset, or trial/setting filters) into build/decks/.

Reads the rendered figures of reports/ (nothing is re-rendered) and writes <name>.pptx (pictures),
<name>-editable.pptx (bar-type figures as native charts) and, when asked, <name>-handout.pdf, into
--out (default build/decks/). reports/ is written only when --out names it.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from trialfigs import paths
from trialfigs.evidence.load import load
from trialfigs.figures.save import _atomic
from trialfigs.publish.deck.catalogue import Entry, by_id, catalogue

DEFAULT_OUT = paths.BUILD / "decks"
OMITTED_BY_DEFAULT = ("illustration", "disclosures")


class DeckError(ValueError):
    pass


def choose(entries: list[Entry], slides: list[str] | None = None, preset: str | None = None,
           trials: list[str] | None = None, settings: list[str] | None = None, presets: Path | None = None) -> list[Entry]:
    """The slides of a selection, in order: --slides as given, else a preset or the whole catalogue in teaching
    order; --trial / --setting keep the slides of those trials (and the title, the label slides, the references)."""
    from trialfigs.publish.deck.presets import preset as from_preset

    known = by_id(entries)
    if slides:
        bad = [s for s in slides if s not in known]
        if bad:
            hints = [f"{b!r} (did you mean {', '.join(difflib.get_close_matches(b, list(known), 2)) or 'nothing close'}?)"
                     for b in bad]
            raise DeckError(f"unknown slide id {', '.join(hints)}; `trialfigs deck --list` lists the ids")
        chosen = [known[s] for s in dict.fromkeys(slides)]
    elif preset:
        chosen = from_preset(preset, entries, presets or paths.DATA / "presets.csv")
    else:
        chosen = [e for e in entries if e.role not in OMITTED_BY_DEFAULT]
    if trials or settings:
        trial_ids = {t for e in entries for t in e.trials}
        setting_ids = {s for e in entries for s in e.settings}
        for kind, asked, valid in (("trial", trials or [], trial_ids), ("setting", settings or [], setting_ids)):
            bad = [a for a in asked if a not in valid]
            if bad:
                raise DeckError(f"unknown {kind} {', '.join(map(repr, bad))}; valid: {', '.join(sorted(valid))}")
        keep = set(trials or []) | {t for e in entries if e.role == "design" and set(e.settings) & set(settings or [])
                                    for t in e.trials}

        def kept(e: Entry) -> bool:
            if e.role in ("title", "label", "references", "disclosures"):
                return True
            if e.role == "summary":
                return bool(set(e.trials) & keep)
            return bool(set(e.trials) & keep)

        chosen = [e for e in chosen if kept(e)]
        if trials and not slides:  # the trial's design slide stays, even when the preset left it out
            have = {e.id for e in chosen}
            for design in (e for e in entries if e.role == "design" and e.trials[0] in keep and e.id not in have):
                chosen.append(design)
            order = {e.id: i for i, e in enumerate(entries)}
            chosen.sort(key=lambda e: order[e.id])
    if not chosen:
        raise DeckError("the selection holds no slide; `trialfigs deck --list` lists them")
    return chosen


def write_deck(out: Path | None = None, slides: list[str] | None = None, preset: str | None = None,
               trials: list[str] | None = None, settings: list[str] | None = None, title: str | None = None,
               presenter: str | None = None, date: str | None = None, disclosures: str | None = None,
               template: Path | None = None, handout: bool = False, name: str = "deck",
               reports: Path | None = None, data_dir: Path | None = None, evidence_dir: Path | None = None) -> list[Path]:
    from trialfigs.publish.deck.assemble import build_selected

    reports = Path(reports) if reports else paths.REPORTS
    out = Path(out) if out else DEFAULT_OUT
    evidence = load(data_dir, evidence_dir)
    entries = catalogue(evidence, reports, data_dir)
    if not any(e.item is not None for e in entries):
        raise DeckError(f"no rendered figure in {paths.shown(reports / 'figures')}; run `trialfigs render` first")
    chosen = choose(entries, slides, preset, trials, settings, (Path(data_dir) if data_dir else paths.DATA) / "presets.csv")
    if disclosures and not any(e.role == "disclosures" for e in chosen):
        at = 1 if chosen and chosen[0].role == "title" else 0
        chosen.insert(at, by_id(entries)["disclosures"])
    if any(e.role == "disclosures" for e in chosen) and not (disclosures or "").strip():
        raise DeckError("the disclosures slide needs its text: --disclosures TEXT")
    if template is not None and not Path(template).is_file():
        raise DeckError(f"cannot read template {template}: no such file")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix, editable in (("", False), ("-editable", True)):
        data = build_selected(evidence, chosen, reports / "figures", editable, title, presenter, date, disclosures,
                              template, data_dir)
        path = out / f"{name}{suffix}.pptx"
        _atomic(path, lambda tmp, d=data: Path(tmp).write_bytes(d))
        written.append(path)
    if handout:
        from trialfigs.publish.handout import write_handout

        trials_chosen = list(dict.fromkeys(t for e in chosen if e.role not in ("title", "summary") for t in e.trials))
        written.append(write_handout(evidence, out / "handout.pdf", reports / "figures", trials_chosen or None,
                                     entries, title=title, data_dir=data_dir))
    return written
