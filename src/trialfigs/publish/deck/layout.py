"""Where things go on a 16:9 slide, and the few primitives every slide is built from.

Every slide comes from a layout with a real title placeholder (python-pptx's default template,
"Title Only" or "Title Slide"), carries a slide-number placeholder, and writes all its text in
one typeface (DECK_FONT). Boxes are laid out top to bottom so that nothing overlaps: title,
body (picture, chart or text), then the source line and the slide number on the bottom edge.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from lxml import etree
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from trialfigs.publish.deck.font import DECK_FONT

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
TITLE_TOP, TITLE_HEIGHT = Inches(0.25), Inches(1.0)
BODY_TOP = Inches(1.35)
BOTTOM = Inches(0.15)
NUMBER_WIDTH = Inches(0.9)
TITLE_PT, BODY_PT, SOURCE_PT, NUMBER_PT = 32, 18, 12, 12
MIN_BODY_PT = 16
LAYOUT_TITLE_ONLY, LAYOUT_TITLE_SLIDE = 5, 0


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    width: int
    height: int

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def right(self) -> int:
        return self.left + self.width


def lines_needed(text: str, width: int, size: float) -> int:
    """A generous estimate of wrapped lines: a character is taken as 0.55 em wide."""
    per_line = max(1, int(Emu(width).inches * 72 / (size * 0.55)))
    return sum(max(1, math.ceil(len(line) / per_line)) for line in text.split("\n"))


def line_height(size: float) -> int:
    return Pt(size * 1.25)


def style(paragraph, size: float, bold: bool = False) -> None:
    for run in paragraph.runs:
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = DECK_FONT


def new_slide(deck, title: str, layout: int | None = None):
    """A slide whose title sits in its title placeholder (what outline view, PDF bookmarks and
    accessibility checkers read), stretched over the 16:9 width."""
    used = {s.shapes.title.text_frame.text for s in deck.slides if s.shapes.title is not None}
    base, n = title, 1
    while title in used:  # a figure split over slides: every slide keeps a title of its own
        n += 1
        title = f"{base} (continued)" if n == 2 else f"{base} (continued, {n - 1})"
    slide = deck.slides.add_slide(deck.slide_layouts[LAYOUT_TITLE_ONLY if layout is None else layout])
    holder = slide.shapes.title
    holder.left, holder.top, holder.width, holder.height = MARGIN, TITLE_TOP, WIDTH - 2 * MARGIN, TITLE_HEIGHT
    frame = holder.text_frame
    frame.word_wrap = True
    frame.text = title
    size = TITLE_PT if lines_needed(title, holder.width, TITLE_PT) == 1 else 24
    for paragraph in frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        style(paragraph, size, bold=True)
    slide_number(slide)
    return slide


def text_box(slide, box: Box, text: str, size: float, bold: bool = False, name: str | None = None):
    shape = slide.shapes.add_textbox(box.left, box.top, box.width, box.height)
    if name:
        shape.name = name
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for i, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = line
        style(paragraph, size, bold)
    return shape


SOURCE_LINES = 2
REGISTRY = re.compile(r"[^;]*?ClinicalTrials\.gov (NCT\d{8})[^;]*")


def compact_sources(text: str, width: int) -> str:
    """A source line of at most SOURCE_LINES lines: a registry record cited by its long title is cited as
    'ClinicalTrials.gov NCT…' (the full title is in the notes and the references)."""
    if lines_needed(text, width, SOURCE_PT) <= SOURCE_LINES:
        return text
    return REGISTRY.sub(lambda m: (" " if m.group(0).startswith(" ") else "") + f"ClinicalTrials.gov {m.group(1)}", text)


def source_line(slide, text: str) -> Box:
    """The "Source:" line on the bottom edge; returns its box so the body can end above it."""
    width = WIDTH - 2 * MARGIN - NUMBER_WIDTH
    text = compact_sources(text, width)
    height = line_height(SOURCE_PT) * lines_needed(text, width, SOURCE_PT) + Inches(0.1)
    box = Box(MARGIN, HEIGHT - BOTTOM - height, width, height)
    text_box(slide, box, text, SOURCE_PT, name="Source")
    return box


def body_area(source: Box | None) -> Box:
    bottom = (source.top if source else HEIGHT - BOTTOM - line_height(SOURCE_PT)) - Inches(0.1)
    return Box(MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, bottom - BODY_TOP)


def slide_number(slide) -> None:
    """The layout's slide-number placeholder, copied onto the slide with a live slide-number field."""
    top = HEIGHT - BOTTOM - line_height(NUMBER_PT) - Inches(0.1)
    sp = etree.SubElement(slide.shapes._spTree, qn("p:sp"))
    ident = max(int(e.get("id")) for e in slide.shapes._spTree.iter(qn("p:cNvPr"))) + 1
    sp.append(etree.fromstring(
        f'<p:nvSpPr xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        f'<p:cNvPr id="{ident}" name="Slide Number"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f'<p:nvPr><p:ph type="sldNum" sz="quarter" idx="12"/></p:nvPr></p:nvSpPr>'))
    sp.append(etree.fromstring(
        f'<p:spPr xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:xfrm>'
        f'<a:off x="{WIDTH - MARGIN - NUMBER_WIDTH}" y="{top}"/>'
        f'<a:ext cx="{NUMBER_WIDTH}" cy="{line_height(NUMBER_PT) + Inches(0.1)}"/></a:xfrm></p:spPr>'))
    number = len(slide.part.package.presentation_part.presentation.slides)
    sp.append(etree.fromstring(
        f'<p:txBody xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:bodyPr/><a:lstStyle/>'
        f'<a:p><a:pPr algn="r"/><a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum">'
        f'<a:rPr lang="en-GB" sz="{NUMBER_PT * 100}"><a:latin typeface="{DECK_FONT}"/></a:rPr>'
        f'<a:t>{number}</a:t></a:fld></a:p></p:txBody>'))


def fit(area: Box, width_in: float, height_in: float, exact: bool) -> Box:
    """A picture of the given size centred in the area: at exactly that size when `exact` and it
    fits, otherwise scaled (keeping its aspect ratio) to the largest size that fits."""
    width, height = Inches(width_in), Inches(height_in)
    if not (exact and width <= area.width and height <= area.height):
        scale = min(area.width / width, area.height / height)
        width, height = int(width * scale), int(height * scale)
    return Box(area.left + (area.width - width) // 2, area.top + (area.height - height) // 2, width, height)


def sources_text(citations: list[dict]) -> str:
    """'Source: <authors, journal, year>' or 'Sources: …; …' from a manifest's citations (short form)."""
    shorts = list(dict.fromkeys(c["short"] for c in citations if c.get("short")))
    return ("Source: " if len(shorts) == 1 else "Sources: ") + "; ".join(shorts) if shorts else ""


def theme_fonts(deck) -> None:
    """The theme's heading and body fonts (a:majorFont, a:minorFont) are DECK_FONT, so text that takes the
    theme font (chart labels an editor adds, new text boxes) is in the deck's one typeface."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    part = deck.slide_masters[0].part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    for latin in root.xpath("//a:fontScheme/a:majorFont/a:latin | //a:fontScheme/a:minorFont/a:latin", namespaces=ns):
        latin.set("typeface", DECK_FONT)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
