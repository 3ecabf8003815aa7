"""The title slide, a figure slide, a section header and the references slides."""

from __future__ import annotations

import re
from pathlib import Path

from pptx.dml.color import RGBColor
from pptx.parts.image import Image

from trialfigs.evidence import cite
from trialfigs.evidence.load import Evidence
from trialfigs.publish.deck import layout as L
from trialfigs.publish.deck import names as vocab

ALT_LIMIT = 250


def set_alt_text(picture, text: str) -> None:
    """python-pptx has no API for alt text: it is the `descr` attribute of the picture's p:cNvPr."""
    picture._element.nvPicPr.cNvPr.set("descr", text)


def short_alt(text: str, limit: int = ALT_LIMIT) -> str:
    """The alt text if short, else its first sentence(s) under the limit (the full values are in the notes)."""
    text = " ".join(text.split())
    if len(text) < limit:
        return text
    sentences = re.split(r"(?<=[.!?])\s+", text)
    kept = ""
    for sentence in sentences:
        if len(kept) + len(sentence) + 1 >= limit:
            break
        kept = f"{kept} {sentence}".strip()
    if kept:
        return kept
    cut = text[: limit - 2].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def title_slide(deck, evidence: Evidence, trials: list[str]) -> None:
    """Title and subtitle from the data: the medicine (vocabulary.csv, field product; else the arm common to every
    trial), the trials and settings, the label."""
    common = None
    for trial in trials:
        arms = [a for t, a in zip(evidence.arms.trial, evidence.arms.arm) if t == trial]
        common = [a for a in (common if common is not None else arms) if a in arms]
    product = evidence.vocabulary[evidence.vocabulary.field == "product"]  # the medicine, as vocabulary.csv names it
    drug = str(product.label.iloc[0]) if len(product) else (common or [""])[0]
    L.theme_fonts(deck)
    slide = L.new_slide(deck, f"{drug}: published trial results".strip(": "), L.LAYOUT_TITLE_SLIDE)
    holder = slide.shapes.title
    holder.top, holder.height = L.Inches(1.8), L.Inches(1.6)
    for paragraph in holder.text_frame.paragraphs:
        L.style(paragraph, 40, bold=True)
    subtitle = slide.placeholders[1]
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = L.MARGIN, L.Inches(3.7), L.WIDTH - 2 * L.MARGIN, L.Inches(2.2)
    rows = [r for r in vocab.trials() if r["trial"] in trials]
    lines = []
    for setting in dict.fromkeys(r["setting"] for r in rows):
        name = vocab.label("setting", setting)
        lines.append(f"{name[:1].upper()}{name[1:]}: {vocab.list_names([vocab.trial_label(r['trial']) for r in rows if r['setting'] == setting])}")
    labels = list(dict.fromkeys(cite.short(evidence.references[s]) for s in evidence.label.source if s in evidence.references))[:1]
    lines += [f"Dosing and warnings: {name}" for name in labels]
    lines.append("Published values; no new analysis.")
    frame = subtitle.text_frame
    frame.word_wrap = True
    frame.text = "\n".join(lines)
    for paragraph in frame.paragraphs:
        paragraph.alignment = L.PP_ALIGN.LEFT
        L.style(paragraph, 24)
        for run in paragraph.runs:
            run.font.color.rgb = RGBColor(0x33, 0x33, 0x33)
    slide.notes_slide.notes_text_frame.text = (
        "Every number in this deck is a published value, cited on its slide. Each slide's notes open with what to "
        "say, then give the full citations; the last, hidden slide lists where each slide's values come from.")


def picture_file(record: dict, stem: str, figures: Path) -> tuple[Path, tuple[float, float] | None]:
    """The deck render (no title or footer baked in) at its stated size, else the normal PNG."""
    deck_png = (record.get("deck_files") or {}).get("png")
    if deck_png and (figures / deck_png).exists():
        size = record.get("deck_size_in")
        return figures / deck_png, (float(size[0]), float(size[1])) if size else None
    return figures / f"{stem}.png", None


def figure_slide(deck, title: str, record: dict, stem: str, figures: Path, notes: str):
    slide = L.new_slide(deck, title)
    source = L.source_line(slide, L.sources_text(record.get("citations", [])))
    area = L.body_area(source)
    path, size = picture_file(record, stem, figures)
    if size is None:
        px, dpi = Image.from_file(str(path)).size, Image.from_file(str(path)).dpi
        box = L.fit(area, px[0] / (dpi[0] or 72), px[1] / (dpi[1] or 72), exact=False)
    else:
        box = L.fit(area, *size, exact=True)
    picture = slide.shapes.add_picture(str(path), box.left, box.top, box.width, box.height)
    picture.name = f"Figure {stem}"
    set_alt_text(picture, short_alt(record.get("alt_text", "")))
    slide.notes_slide.notes_text_frame.text = notes
    return slide


def section_slide(deck, title: str, text: str, notes: str) -> None:
    slide = L.new_slide(deck, title)
    L.text_box(slide, L.body_area(None), text, 24)
    slide.notes_slide.notes_text_frame.text = notes


def references_slides(deck, evidence: Evidence, ids: list[str]) -> None:
    """Numbered full references, as many slides as they need at 16 pt."""
    entries = [f"{i}. {cite.full(evidence.references[r])}" for i, r in enumerate(ids, start=1) if r in evidence.references]
    area = L.body_area(None)
    pages, page = [], []
    for entry in entries:
        lines = L.lines_needed("\n".join(page + [entry]), area.width, L.MIN_BODY_PT)
        if page and lines * L.line_height(L.MIN_BODY_PT) * 1.1 > area.height:
            pages.append(page)
            page = []
        page.append(entry)
    pages.append(page)
    for n, page in enumerate(pages, start=1):
        slide = L.new_slide(deck, "References" + (f" ({n} of {len(pages)})" if len(pages) > 1 else ""))
        L.text_box(slide, area, "\n".join(page), L.MIN_BODY_PT)
        slide.notes_slide.notes_text_frame.text = "Full references of every slide in this deck."
