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
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu, Pt

from trialfigs.checks.decks import SELECTION
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
        if not L.DECK_FONT.startswith("+"):  # the suite's own page: dark grey; on a template, the theme's colour
            for run in paragraph.runs:
                run.font.color.rgb = RGBColor(0x33, 0x33, 0x33)
    slide.notes_slide.notes_text_frame.text = (
        "Every number in this deck is a published value, cited on its slide; each slide's notes open with talking "
        "points, then give the full citations and the rows of data/ it shows.")


SUMMARY_HEADER = ["Trial", "Setting", "Comparison", "N", "Primary endpoint (analysis): published result",
                  "Absolute difference"]
SUMMARY_WIDTHS = (1.3, 1.25, 2.4, 0.65, 4.7, 2.1)
CELL_MARGIN = Pt(4)
SUMMARY_SOURCE_PT = 10  # the summary cites every trial's sources: the one slide whose source line is this small


def summary_cells(rows) -> list[list[str]]:
    return [[r.label, r.setting_code, r.comparison, r.n,
             "\n".join(f"{x.code} ({x.analysis_name}): {x.result}" for x in r.results) or "no published result in data/",
             "\n".join(x.short_difference or "not derivable" for x in r.results)] for r in rows]


def _lines(text: str, width: int, size: float) -> int:
    per_line = max(1, int(Emu(width).inches * 72 / (size * 0.52)))
    return sum(max(1, -(-len(line) // per_line)) for line in text.split("\n"))


def _row_height(values: list[str], widths: list[int], size: float) -> int:
    lines = max(_lines(v, max(1, w - 2 * CELL_MARGIN), size) for v, w in zip(values, widths))
    return lines * L.line_height(size) + Pt(4)


def summary_slide(deck, evidence: Evidence, data_dir: Path | None) -> list[str]:
    """The cross-trial summary as a native table (continued on a next slide if it cannot fit at 10 pt or more);
    returns the sources cited."""
    from trialfigs.publish.summary import summary_rows, used_rows

    rows = summary_rows(evidence, data_dir)
    sources = list(dict.fromkeys(s for r in rows for s in r.sources if s in evidence.references))
    source_text = "Sources: " + "; ".join(cite.short(evidence.references[s]) for s in sources)
    width = L.WIDTH - 2 * L.MARGIN - L.NUMBER_WIDTH
    source_height = L.line_height(SUMMARY_SOURCE_PT) * _lines(source_text, width, SUMMARY_SOURCE_PT) + L.Inches(0.1)
    source_box = L.Box(L.MARGIN, L.HEIGHT - L.BOTTOM - source_height, width, source_height)
    area = L.Box(L.MARGIN, L.BODY_TOP, L.WIDTH - 2 * L.MARGIN,
                 L.HEIGHT - L.BOTTOM - source_height - L.Inches(0.1) - L.BODY_TOP)
    widths = [int(area.width * w / sum(SUMMARY_WIDTHS)) for w in SUMMARY_WIDTHS]
    cells = summary_cells(rows)
    for size in (SUMMARY_PT, 11, 10):
        heights = [_row_height(SUMMARY_HEADER, widths, size)] + [_row_height(c, widths, size) for c in cells]
        if sum(heights) <= area.height:
            pages = [list(range(len(cells)))]
            break
    else:
        pages, page, used = [], [], heights[0]
        for i, h in enumerate(heights[1:]):
            if page and used + h > area.height:
                pages.append(page)
                page, used = [], heights[0]
            page.append(i)
            used += h
        pages.append(page)
    notes = ["Summary of the trials in teaching order: for each, the primary endpoint as trials.csv names it, with its "
             "published result at the first analysis that reports it. Absolute differences marked 'derived' are "
             "computed here from the two published rates; they are not published values.",
             "Derivations:\n" + "\n".join(f"- {r.label}, {x.code}: {x.difference}" for r in rows for x in r.results
                                           if x.difference) ,
             "Analyses:\n" + "\n".join(f"- {r.label}, {x.code}: {x.analysis}" for r in rows for x in r.results),
             "Sources:\n" + "\n".join(f"{i}. {cite.full(evidence.references[s])}" for i, s in enumerate(sources, 1)),
             "Provenance: endpoints.csv rows " + ", ".join(used_rows(rows)) + "; trials.csv and arms.csv rows of each trial."]
    for n, page in enumerate(pages, start=1):
        slide = L.new_slide(deck, "Summary: the trials side by side" + (f" ({n} of {len(pages)})" if len(pages) > 1 else ""))
        L.text_box(slide, source_box, source_text, SUMMARY_SOURCE_PT, name="Source")
        shown = [SUMMARY_HEADER] + [cells[i] for i in page]
        row_heights = [heights[0]] + [heights[i + 1] for i in page]
        frame = slide.shapes.add_table(len(shown), len(SUMMARY_HEADER), area.left, area.top, area.width, sum(row_heights))
        table = frame.table
        for i, w in enumerate(widths):
            table.columns[i].width = w
        for i, h in enumerate(row_heights):
            table.rows[i].height = h
        for i, values in enumerate(shown):
            for j, value in enumerate(values):
                cell = table.cell(i, j)
                cell.margin_top = cell.margin_bottom = Pt(1)
                cell.margin_left = cell.margin_right = CELL_MARGIN
                cell.text_frame.word_wrap = True
                cell.text_frame.text = value
                for paragraph in cell.text_frame.paragraphs:
                    L.style(paragraph, size, bold=i == 0)
        frame.name = "Summary table"
        frame._element.nvGraphicFramePr.cNvPr.set(
            "descr", "Table: one row per trial with setting, comparison, number randomised, the primary endpoint's "
                     "published result, the absolute difference where derivable, and the analysis.")
        slide.notes_slide.notes_text_frame.text = "\n\n".join(notes)
    return sources


REFERENCE_PT = 12


def compact(record: dict) -> str:
    """'von Minckwitz et al., N Engl J Med 2019. doi:...' or, without a DOI, the short citation and the title
    (the full reference, with its URL, is in the slide's notes)."""
    short = cite.short(record)
    if record.get("DOI"):
        return f"{short}. doi:{record['DOI']}"
    title = (record.get("title") or "").rstrip(".")
    return ". ".join(x for x in (short, title if title and title not in short else "") if x)


def references(deck, evidence: Evidence, ids: list[str]) -> None:
    """Exactly the references of the chosen slides, numbered, short form on the slide (12 pt), full in the notes."""
    ids = [r for r in ids if r in evidence.references]
    entries = [f"{i}. {compact(evidence.references[r])}" for i, r in enumerate(ids, start=1)]
    full = [f"{i}. {cite.full(evidence.references[r])}" for i, r in enumerate(ids, start=1)]
    area = L.body_area(None)
    pages, page = [], []
    per_line = max(1, int(Emu(area.width).inches * 72 / (REFERENCE_PT * 0.5)))
    for entry in entries:
        lines = sum(-(-len(e) // per_line) for e in page + [entry])
        if page and lines * L.line_height(REFERENCE_PT) > area.height:
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
                    chart_slide(deck, slide_title(item, index, analyses), item.record, item.stem, index, analyses, notes)
                else:
                    figure_slide(deck, slide_title(item, index, analyses), item.record, item.stem, figures, notes)
        for slide in deck.slides:
            _reading_order(slide)
        T.theme_fonts(deck, template)
        trials = list(dict.fromkeys(t for e in entries if e.role != "title" for t in e.trials))
        _properties(deck, evidence, trials or vocab.trial_order(), editable)
        deck.core_properties.category = SELECTION  # `trialfigs check` tells such a deck from the suite's
        raw = io.BytesIO()
        deck.save(raw)
    return _fixed_zip(raw.getvalue())


def slide_count(data: bytes) -> int:
    return len(Presentation(io.BytesIO(data)).slides)
