"""reports/deck.pptx: a 16:9 deck with one slide per figure, its alt text, and its sources in the notes.

python-pptx has no public API for a picture's alt text; it is the `descr` attribute of the
picture's non-visual properties (p:cNvPr), which PowerPoint shows as "Alt Text".
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

from pptx import Presentation
from pptx.util import Inches, Pt

from . import cite
from .exhibits import Exhibit
from .load import Evidence

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
FIXED = datetime(2000, 1, 1)  # core properties carry no build time, so the same inputs give the same bytes


def set_alt_text(picture, text: str) -> None:
    picture._element.nvPicPr.cNvPr.set("descr", text)


def _text(slide, left, top, width, height, text: str, size: int, bold: bool = False):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(size)
        paragraph.font.bold = bold
    return box


def build(evidence: Evidence, items: list[Exhibit], figures: Path) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    blank = deck.slide_layouts[6]
    title = deck.slides.add_slide(blank)
    _text(title, Inches(0.8), Inches(2.4), Inches(11.7), Inches(1.5), "T-DM1 (trastuzumab emtansine): published trial results", 40, True)
    _text(title, Inches(0.8), Inches(4.0), Inches(11.7), Inches(1.2),
          "KATHERINE and EMILIA, and the US prescribing information.\nPublished values; no new analysis.", 24)
    title.notes_slide.notes_text_frame.text = "Every figure's sources, values and provenance are in its speaker notes."
    cited = []
    for item in items:
        slide = deck.slides.add_slide(blank)
        _text(slide, Inches(0.4), Inches(0.15), Inches(12.5), Inches(0.6), f"{item.title}: {', '.join(item.trials) or 'both trials'}", 24, True)
        picture = slide.shapes.add_picture(str(figures / f"{item.stem}.png"), Inches(0.9), Inches(0.8), width=Inches(11.5))
        set_alt_text(picture, item.alt_text)
        shorts = "; ".join(c["short"] for c in item.record["citations"])
        _text(slide, Inches(0.4), Inches(7.0), Inches(12.5), Inches(0.4), f"Sources: {shorts}", 12)
        values = "\n".join(f"- {v['label']}: {v['value']}" + (f" [{v['row_id']}]" if v.get("row_id") else " [derived]")
                           for v in item.record["values"])
        sources = "\n".join(f"{i}. {c['full']}" for i, c in enumerate(item.record["citations"], start=1))
        slide.notes_slide.notes_text_frame.text = (
            f"Sources:\n{sources}\n\nValues shown:\n{values}\n\n"
            f"Data SHA-256: {item.record['data_sha256']}\nInputs commit: {item.record['inputs_commit']}\n"
            f"Figure: reports/figures/{item.stem}.png; manifest reports/figures/{item.stem}.json")
        cited += [c["id"] for c in item.record["citations"]]
    references = deck.slides.add_slide(blank)
    _text(references, Inches(0.4), Inches(0.2), Inches(12.5), Inches(0.6), "References", 28, True)
    ids = list(dict.fromkeys(cited))
    _text(references, Inches(0.4), Inches(0.9), Inches(12.5), Inches(6.4),
          "\n".join(f"{i}. {cite.full(evidence.references[r])}" for i, r in enumerate(ids, start=1)), 10)
    references.notes_slide.notes_text_frame.text = "Full references of every figure in this deck."
    for prop in ("created", "modified", "last_printed"):
        setattr(deck.core_properties, prop, FIXED)
    deck.core_properties.revision = 1
    deck.core_properties.last_modified_by = "trialfigs"
    raw = io.BytesIO()
    deck.save(raw)
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed member dates: zip entries otherwise carry the time of saving."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
