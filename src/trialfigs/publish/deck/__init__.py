"""reports/deck.pptx (and deck-editable.pptx): slides an educator can teach from.

Order (publish.teaching_order, the gallery's order): the title slide; the headline figures (each setting's
headline trial); then per trial in teaching order its design slide and its figures; the label's dosing
slides; the references; only when asked for, an appendix of model illustrations; and last a hidden
"Provenance" slide whose notes give the rows, hashes and commit behind every slide (the speaker notes
carry none). No picture is placed twice. The editable deck has the bar-type figures as native charts.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

from pptx import Presentation

from trialfigs.evidence.load import Evidence
from trialfigs.publish.deck import layout as L
from trialfigs.publish.deck import message
from trialfigs.publish.deck import names as vocab
from trialfigs.publish.deck import rows as R
from trialfigs.publish.deck.charts import BAR_KINDS, chart_slide
from trialfigs.publish.deck.design import design_slides
from trialfigs.publish.deck.font import DECK_FONT
from trialfigs.publish.deck.label import label_slides
from trialfigs.publish.deck.notes import figure_notes, provenance
from trialfigs.publish.deck.slides import (
    figure_slide,
    references_slides,
    section_slide,
    set_alt_text,
    short_alt,
    title_slide,
)

__all__ = ["DECK_FONT", "build", "set_alt_text", "short_alt"]

FIXED = datetime(2000, 1, 1)  # core properties carry no build time, so the same inputs give the same bytes
ILLUSTRATIVE = "illustrative"


def _ordered(items: list, data_dir: Path | None) -> list:
    from trialfigs.publish import teaching_order as sequence

    try:
        return sequence.ordered(items, data_dir)
    except TypeError:
        return sequence.ordered(items)


def _distinct(items: list, figures: Path) -> list:
    """Drop an exhibit whose picture is byte-identical to one already placed."""
    seen, kept = set(), []
    for item in items:
        path = figures / ((item.record.get("deck_files") or {}).get("png") or f"{item.stem}.png")
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else item.stem
        if digest not in seen:
            seen.add(digest)
            kept.append(item)
    return kept


def slide_title(item, index: dict | None = None, analyses: dict | None = None) -> str:
    """The trial, the endpoint and what the slide shows (deck.message), from the rows the figure shows."""
    if index is not None:
        return message.title(item.record, index, analyses or {}, item.title)
    trials = [vocab.trial_label(t) for t in item.trials]
    trials = [t for t in trials if t not in item.title]
    return f"{item.title}: {vocab.list_names(trials)}" if trials else item.title


def build(evidence: Evidence, items: list, figures: Path, trials: list[str] | None = None, appendix: bool = False,
          editable: bool = False, extras: bool = True, data_dir: Path | None = None) -> bytes:
    """The deck as bytes. `extras`: design and label slides (off when only chosen figures are exported)."""
    with vocab.reading(data_dir):
        return _build(evidence, items, figures, trials, appendix, editable, extras, data_dir)


def _build(evidence, items, figures, trials, appendix, editable, extras, data_dir) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = L.WIDTH, L.HEIGHT
    index, analyses = R.by_id(evidence), R.analyses(evidence)
    items = _distinct(_ordered(items, data_dir), figures)
    main = [i for i in items if i.record.get("figure") != ILLUSTRATIVE]
    models = [i for i in items if i.record.get("figure") == ILLUSTRATIVE] if appendix else []
    order = [t for t in vocab.trial_order() if not trials or t in trials]
    shown = order if extras else [t for t in order if any(t in i.trials for i in main)]
    title_slide(deck, evidence, shown or order)
    cited: list[str] = []
    ledger: list[tuple[str, str]] = []  # (slide title, where its values come from), for the Provenance slide

    def place(item) -> None:
        picture = (item.record.get("deck_files") or {}).get("png") or f"{item.stem}.png"
        charted = editable and item.record.get("figure") in BAR_KINDS
        notes = figure_notes(item.record, evidence, index, item.stem, "native chart" if charted else picture)
        record = {**item.record, "alt_text": message.alt_text(item.record, index, analyses) or item.record.get("alt_text", "")}
        title = slide_title(item, index, analyses)
        if charted:
            slide = chart_slide(deck, title, record, item.stem, index, analyses, notes)
        else:
            slide = figure_slide(deck, title, record, item.stem, figures, notes)
        ledger.append((slide.shapes.title.text_frame.text, provenance(item.record, item.stem, "native chart" if charted else picture)))
        cited.extend(c["id"] for c in item.record.get("citations", []))

    from trialfigs.publish import teaching_order as sequence

    sections = sequence.sections(main, data_dir)
    homes: dict[str, list] = {}
    for section in sections:
        for item in section.items if section.id != "headline" else []:
            home = section.id if section.id in shown else next((t for t in item.trials if t in shown), None)
            homes.setdefault(home, []).append(item)
    for section in (s for s in sections if s.id == "headline"):
        for item in section.items:
            place(item)
    for trial in shown:
        if extras:
            before = len(deck.slides)
            cited.extend(design_slides(deck, trial, evidence))
            ledger += [(deck.slides[i].shapes.title.text_frame.text, f"trials.csv, arms.csv and analyses.csv rows of trial {trial}")
                       for i in range(before, len(deck.slides))]
        for item in homes.get(trial, []):
            place(item)
    for item in homes.get(None, []):
        place(item)
    if extras:
        before = len(deck.slides)
        cited.extend(label_slides(deck, evidence))
        ledger += [(deck.slides[i].shapes.title.text_frame.text, "label.csv rows: "
                    + ", ".join(r["fact_id"] for r in R.records(evidence.label) if r.get("status", "current") in ("current", "")))
                   for i in range(before, len(deck.slides))]
    references_slides(deck, evidence, list(dict.fromkeys(cited + [c["id"] for i in models for c in i.record.get("citations", [])])))
    if models:
        section_slide(deck, "Appendix: model illustrations",
                      "Curves drawn through published values under a stated model.\n"
                      "They are not the trials' Kaplan-Meier curves and not trial data.",
                      "The slides after this one are illustrations of a model, not published curves.")
        for item in models:
            place(item)
    _provenance_slide(deck, ledger, evidence)
    for slide in deck.slides:
        _reading_order(slide)
    _properties(deck, evidence, shown or order, editable)
    raw = io.BytesIO()
    deck.save(raw)
    return _fixed_zip(raw.getvalue())


def _provenance_slide(deck, ledger: list[tuple[str, str]], evidence: Evidence) -> None:
    """The last slide, hidden in a slide show: where every slide's values come from, in its notes."""
    slide = L.new_slide(deck, "Provenance")
    L.text_box(slide, L.body_area(None), "Hidden slide. Its notes list, for every slide, the rows of the data tables, "
               "the data hash and the commit its values were drawn from.", L.MIN_BODY_PT)
    slide._element.set("show", "0")
    slide.notes_slide.notes_text_frame.text = "\n\n".join(f"{title}\n{text}" for title, text in ledger)


def _reading_order(slide) -> None:
    """Title, body, then the source line and the slide number: the order a screen reader follows."""
    tree = slide.shapes._spTree
    last = [s._element for s in slide.shapes if s.name == "Source"]
    last += [s._element for s in slide.placeholders if s.placeholder_format.idx == 12]
    for element in last:
        tree.remove(element)
        tree.append(element)


def _properties(deck, evidence: Evidence, trials: list[str], editable: bool) -> None:
    props = deck.core_properties
    props.title = deck.slides[0].shapes.title.text_frame.text + (" (editable charts)" if editable else "")
    props.subject = vocab.list_names([vocab.trial_label(t) for t in trials])
    props.author = props.last_modified_by = "trialfigs"
    for prop in ("created", "modified", "last_printed"):
        setattr(props, prop, FIXED)
    props.revision = 1


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed member dates: zip entries otherwise carry the time of saving,
    and so do the chart workbooks embedded in it (their own zip and creation date)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            content = source.read(info.filename)
            if info.filename.endswith(".xlsx"):
                content = _fixed_zip(content)
            elif info.filename == "docProps/core.xml" and b"<dcterms:created" in content and b"2000-01-01" not in content:
                content = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", content)
            target.writestr(fixed, content)
    return out.getvalue()
