"""Slides of native text (label: text lines), sized to fit at 16 pt or more, continued on a next slide if needed."""

from __future__ import annotations

from pptx.util import Pt

from trialfigs.publish.deck import layout as L

SIZES = (20, 18, L.MIN_BODY_PT)


def _fits(lines: list[tuple[str, str]], area: L.Box, size: float) -> bool:
    text = "\n".join(f"{label}: {body}" if label else body for label, body in lines)
    return L.lines_needed(text, area.width, size) * L.line_height(size) + Pt(size) * 0.3 * len(lines) <= area.height


def pages(lines: list[tuple[str, str]], area: L.Box) -> list[tuple[int, list[tuple[str, str]]]]:
    """(size, lines) per slide: the largest size at which everything fits, else 16 pt over several slides."""
    for size in SIZES:
        if _fits(lines, area, size):
            return [(size, lines)]
    found, page = [], []
    for line in lines:
        if page and not _fits(page + [line], area, L.MIN_BODY_PT):
            found.append((L.MIN_BODY_PT, page))
            page = []
        page.append(line)
    return found + [(L.MIN_BODY_PT, page)]


def write(slide, area: L.Box, lines: list[tuple[str, str]], size: float):
    shape = slide.shapes.add_textbox(area.left, area.top, area.width, area.height)
    frame = shape.text_frame
    frame.word_wrap = True
    for i, (label, body) in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(size * 0.3)
        if label:
            head = paragraph.add_run()
            head.text = f"{label}: "
        run = paragraph.add_run()
        run.text = body
        L.style(paragraph, size)
        if label:
            paragraph.runs[0].font.bold = True
    return shape


def text_slides(deck, title: str, lines: list[tuple[str, str]], source: str, notes: str) -> list:
    """One or more slides titled `title` (numbered when continued), each with the source line."""
    width = L.WIDTH - 2 * L.MARGIN - L.NUMBER_WIDTH
    source = L.compact_sources(source, width)
    source_height = L.line_height(L.SOURCE_PT) * L.lines_needed(source, width, L.SOURCE_PT) + L.Inches(0.1)
    area = L.Box(L.MARGIN, L.BODY_TOP, L.WIDTH - 2 * L.MARGIN, L.HEIGHT - L.BOTTOM - source_height - L.Inches(0.1) - L.BODY_TOP)
    made = []
    laid = pages(lines, area)
    for n, (size, page) in enumerate(laid, start=1):
        slide = L.new_slide(deck, title + (f" ({n} of {len(laid)})" if len(laid) > 1 else ""))
        placed = L.source_line(slide, source)
        write(slide, L.body_area(placed), page, size)
        slide.notes_slide.notes_text_frame.text = notes
        made.append(slide)
    return made
