"""A deck of chosen catalogue slides, in the order given (trialfigs deck).

The slides are the suite's own (trialfigs.publish.deck): figure, native chart, design and label
slides; this module adds the title slide that says what the deck holds, an optional disclosures
slide, the cross-trial summary as a native table, and references that are exactly those of the
slides chosen. With a template (trialfigs.publish.deck.template) the slides are built on its
master and its theme fonts; figure pictures and chart arm colours stay the suite's.
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Pt

from trialfigs.evidence import cite
from trialfigs.evidence.load import Evidence
from trialfigs.publish.deck import _fixed_zip, _properties, _reading_order, slide_title
from trialfigs.publish.deck import layout as L
from trialfigs.publish.deck import names as vocab
from trialfigs.publish.deck import rows as R
from trialfigs.publish.deck.catalogue import Entry
from trialfigs.publish.deck.charts import BAR_KINDS, chart_slide
from trialfigs.publish.deck.design import design_slides
from trialfigs.publish.deck.label import label_slides
from trialfigs.publish.deck.notes import figure_notes
from trialfigs.publish.deck.slides import figure_slide, section_slide

SUMMARY_PT = 12  # the table's body text; the summary slide is the one dense slide, as a handout row is


def cited(entries: list[Entry]) -> list[str]:
    """The source ids of the chosen slides, in slide order, each once."""
    return list(dict.fromkeys(s for e in entries for s in e.cited))


def holds(entries: list[Entry]) -> list[str]:
    """What the deck holds, in words, for the title slide."""
    kinds = [e.role for e in entries]
    said = []
    if "headline" in kinds:
        said.append("headline results")
    trials = list(dict.fromkeys(t for e in entries if e.role in ("design", "primary", "os", "secondary", "safety")
                                for t in e.trials))
    if trials:
        said.append("design and results of " + vocab.list_names([vocab.trial_label(t) for t in trials])
                    if any(e.role == "design" for e in entries) else "results of " + vocab.list_names([vocab.trial_label(t) for t in trials]))
    if "summary" in kinds:
        said.append("a cross-trial summary")
    places = [e.jurisdiction for e in entries if e.role == "label"]
    if places:
        said.append(f"dosing and boxed warnings ({vocab.list_names([p for p in places if p]) or 'label'} label"
                    f"{'s' if len(places) > 1 else ''})")
    if "illustration" in kinds:
        said.append("model illustrations (not trial data)")
    if "references" in kinds:
        said.append("references")
    return said


def _subtitle(slide):
    for shape in slide.placeholders:
        if shape.placeholder_format.type in (PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.BODY):
            return shape
    return None


def title_slide(deck, evidence: Evidence, entries: list[Entry], title: str | None, presenter: str | None,
                date: str | None) -> None:
    product = evidence.vocabulary[evidence.vocabulary.field == "product"]
    drug = str(product.label.iloc[0]) if len(product) else ""
    slide = L.new_slide(deck, title or f"{drug}: published trial results".strip(": "), L.LAYOUT_TITLE_SLIDE)
    holder = slide.shapes.title
    holder.top, holder.height = int(L.HEIGHT * 0.2), int(L.HEIGHT * 0.22)
    for paragraph in holder.text_frame.paragraphs:
        L.style(paragraph, 36 if L.WIDTH > L.Inches(11) else 30, bold=True)
    lines = [" · ".join(x for x in (presenter, date) if x)] if presenter or date else []
    content = [e for e in entries if e.role != "title"]
    said = holds(content)
    if said:
        lines.append("This deck: " + "; ".join(said) + ".")
    lines.append("Published values, each cited on its slide; no new analysis.")
    box = L.Box(L.MARGIN, int(L.HEIGHT * 0.45), L.WIDTH - 2 * L.MARGIN, int(L.HEIGHT * 0.45))
    shape = _subtitle(slide)
    if shape is None:
        shape = L.text_box(slide, box, "", 20)
    shape.left, shape.top, shape.width, shape.height = box.left, box.top, box.width, box.height
    frame = shape.text_frame
    frame.word_wrap = True
    frame.text = "\n".join(lines)
    size = 20 if L.lines_needed("\n".join(lines), box.width, 20) * L.line_height(20) < box.height else L.MIN_BODY_PT
    for paragraph in frame.paragraphs:
        paragraph.alignment = L.PP_ALIGN.LEFT
        L.style(paragraph, size)
    slide.notes_slide.notes_text_frame.text = (
        "Every number in this deck is a published value, cited on its slide; each slide's notes open with talking "
        "points, then give the full citations and the rows of data/ it shows.")


def summary_slide(deck, evidence: Evidence, data_dir: Path | None) -> list[str]:
    """The cross-trial summary as a native table; returns the sources cited."""
    from trialfigs.publish.summary import summary_rows, used_rows

    rows = summary_rows(evidence, data_dir)
    sources = list(dict.fromkeys(s for r in rows for s in r.sources if s in evidence.references))
    slide = L.new_slide(deck, "Summary: the trials side by side")
    source = L.source_line(slide, "Sources: " + "; ".join(cite.short(evidence.references[s]) for s in sources))
    area = L.body_area(source)
    header = ["Trial", "Setting", "Comparison", "N", "Primary endpoint: published result", "Absolute difference", "Analysis"]
    table = slide.shapes.add_table(len(rows) + 1, len(header), area.left, area.top, area.width,
                                   min(area.height, L.line_height(SUMMARY_PT) * 2 * (len(rows) + 1))).table
    widths = (1.3, 1.6, 2.0, 0.6, 3.4, 2.2, 1.6)
    for i, w in enumerate(widths):
        table.columns[i].width = int(area.width * w / sum(widths))
    cells = [header] + [[r.label, r.setting, r.comparison, r.n,
                         "\n".join(f"{x.endpoint}: {x.result}" for x in r.results) or "no published result in data/",
                         "\n".join(x.difference or "not derivable from data/" for x in r.results) or "",
                         "\n".join(x.analysis for x in r.results)] for r in rows]
    size = SUMMARY_PT if len(rows) <= 8 else 10
    for i, values in enumerate(cells):
        for j, value in enumerate(values):
            frame = table.cell(i, j).text_frame
            frame.word_wrap = True
            frame.text = value
            for paragraph in frame.paragraphs:
                L.style(paragraph, size, bold=i == 0)
            table.cell(i, j).margin_top = table.cell(i, j).margin_bottom = Pt(2)
    frame = slide.shapes[-1]
    frame.name = "Summary table"
    frame._element.nvGraphicFramePr.cNvPr.set(
        "descr", "Table: one row per trial with setting, comparison, number randomised, the primary endpoint's published "
                 "result, the absolute difference where derivable, and the analysis.")
    notes = ["Summary of the trials in teaching order: for each, the primary endpoint as trials.csv names it, with its "
             "published result at the first analysis that reports it. Absolute differences marked 'derived' are "
             "computed here from the two published rates; they are not published values.",
             "Sources:\n" + "\n".join(f"{i}. {cite.full(evidence.references[s])}" for i, s in enumerate(sources, 1)),
             "Provenance: endpoints.csv rows " + ", ".join(used_rows(rows)) + "; trials.csv and arms.csv rows of each trial."]
    slide.notes_slide.notes_text_frame.text = "\n\n".join(notes)
    return sources


REFERENCE_PT = 12


def compact(record: dict) -> str:
    """'von Minckwitz et al., N Engl J Med 2019. <title>. doi:...' (the full reference is in the notes)."""
    title = (record.get("title") or "").rstrip(".")
    where = f"doi:{record['DOI']}" if record.get("DOI") else record.get("URL", "")
    short = cite.short(record)
    return ". ".join(x for x in (short, title if title and title not in short else "", where) if x)


def references(deck, evidence: Evidence, ids: list[str]) -> None:
    """Exactly the references of the chosen slides, numbered, short form on the slide (12 pt), full in the notes."""
    ids = [r for r in ids if r in evidence.references]
    entries = [f"{i}. {compact(evidence.references[r])}" for i, r in enumerate(ids, start=1)]
    full = [f"{i}. {cite.full(evidence.references[r])}" for i, r in enumerate(ids, start=1)]
    area = L.body_area(None)
    pages, page = [], []
    for entry in entries:
        lines = L.lines_needed("\n".join(page + [entry]), area.width, REFERENCE_PT)
        if page and lines * L.line_height(REFERENCE_PT) * 1.1 > area.height:
            pages.append(page)
            page = []
        page.append(entry)
    pages.append(page)
    done = 0
    for n, page in enumerate(pages, start=1):
        slide = L.new_slide(deck, "References" + (f" ({n} of {len(pages)})" if len(pages) > 1 else ""))
        L.text_box(slide, area, "\n".join(page), REFERENCE_PT)
        slide.notes_slide.notes_text_frame.text = "The references of every slide in this deck, in full:\n" + "\n".join(
            full[done:done + len(page)])
        done += len(page)


def disclosures_slide(deck, text: str) -> None:
    section_slide(deck, "Disclosures", text, "The presenter's disclosures, as given to trialfigs deck --disclosures.")


def build_selected(evidence: Evidence, entries: list[Entry], figures: Path, editable: bool = False,
                   title: str | None = None, presenter: str | None = None, date: str | None = None,
                   disclosures: str | None = None, template: Path | None = None, data_dir: Path | None = None) -> bytes:
    """The deck of `entries` in their order, as bytes (the same inputs give the same bytes)."""
    from trialfigs.publish.deck import template as T

    with vocab.reading(data_dir), T.page(template) as deck:
        index, analyses = R.by_id(evidence), R.analyses(evidence)
        sources = cited(entries)
        for entry in entries:
            if entry.role == "title":
                title_slide(deck, evidence, entries, title, presenter, date)
            elif entry.role == "disclosures":
                disclosures_slide(deck, disclosures or "")
            elif entry.role == "design":
                design_slides(deck, entry.trials[0], evidence)
            elif entry.role == "label":
                here = evidence.label[evidence.label.jurisdiction == entry.jurisdiction] if entry.jurisdiction else evidence.label
                label_slides(deck, replace(evidence, label=here))
            elif entry.role == "summary":
                summary_slide(deck, evidence, data_dir)
            elif entry.role == "references":
                references(deck, evidence, sources)
            else:
                item = entry.item
                picture = (item.record.get("deck_files") or {}).get("png") or f"{item.stem}.png"
                charted = editable and item.record.get("figure") in BAR_KINDS
                notes = figure_notes(item.record, evidence, index, item.stem, "native chart" if charted else picture)
                if charted:
                    chart_slide(deck, slide_title(item), item.record, item.stem, index, analyses, notes)
                else:
                    figure_slide(deck, slide_title(item), item.record, item.stem, figures, notes)
        for slide in deck.slides:
            _reading_order(slide)
        T.theme_fonts(deck, template)
        trials = list(dict.fromkeys(t for e in entries if e.role != "title" for t in e.trials))
        _properties(deck, evidence, trials or vocab.trial_order(), editable)
        raw = io.BytesIO()
        deck.save(raw)
    return _fixed_zip(raw.getvalue())


def slide_count(data: bytes) -> int:
    return len(Presentation(io.BytesIO(data)).slides)
