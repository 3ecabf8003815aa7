"""Build a deck on an institution's template (.pptx or .potx): its master, layouts, page size and theme fonts.

The layouts are found by their placeholders' types, never by name: the title-only layout is one
with a title placeholder and no body placeholder, the title-slide layout one with a centred title
(else the title-only one). The page size and the title placeholder's position come from the
template; slide text is set in the theme's fonts (+mj-lt for titles, +mn-lt for the rest) and
takes the theme's text colour. Figure pictures and native chart arm colours stay the suite's.
"""

from __future__ import annotations

import io
import zipfile
from contextlib import contextmanager
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Inches

from trialfigs.publish.deck import layout as L

TEMPLATE_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PRESENTATION_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
KEPT = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
HEADING_FONT, BODY_FONT = "+mj-lt", "+mn-lt"  # the theme's major (headings) and minor (body) Latin fonts


class TemplateError(ValueError):
    pass


def open_template(path: Path):
    """The template as a Presentation with no slides (a .potx is read as the presentation it describes)."""
    path = Path(path)
    try:
        data = path.read_bytes()
        source = zipfile.ZipFile(io.BytesIO(data))
    except OSError as error:
        raise TemplateError(f"cannot read template {path}: {error.strerror or error}") from None
    except zipfile.BadZipFile:
        raise TemplateError(f"template {path}: not a .pptx or .potx file (not a zip package)") from None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(TEMPLATE_MAIN, PRESENTATION_MAIN)
            target.writestr(info, content)
    try:
        deck = Presentation(io.BytesIO(out.getvalue()))
    except Exception as error:  # a zip that is no presentation: bad input, not a crash
        raise TemplateError(f"template {path}: not a PowerPoint presentation or template ({error})") from None
    ids = deck.slides._sldIdLst
    for slide_id in list(ids):
        deck.part.drop_rel(slide_id.rId)
        ids.remove(slide_id)
    return deck


def _types(layout) -> set:
    return {p.placeholder_format.type for p in layout.placeholders}


def layouts(deck, path: Path | str = "template") -> tuple[int, int]:
    """(title-only layout, title-slide layout) indices, by placeholder type."""
    found = list(deck.slide_layouts)
    titled = [i for i, layout in enumerate(found) if _types(layout) & set(TITLES)]
    if not titled:
        raise TemplateError(f"template {path}: no slide layout has a title placeholder")
    bare = [i for i in titled if not (_types(found[i]) - set(TITLES) - set(KEPT))]
    only = bare[0] if bare else min(titled, key=lambda i: len(_types(found[i])))
    centred = [i for i in titled if PP_PLACEHOLDER.CENTER_TITLE in _types(found[i])]
    return only, (centred[0] if centred else only)


def _title_box(deck, index: int):
    layout = deck.slide_layouts[index]
    for shape in list(layout.placeholders) + list(layout.slide_master.placeholders):
        if shape.placeholder_format.type in TITLES and shape.width is not None and shape.height is not None:
            return shape.left, shape.top, shape.width, shape.height
    return None


PATCHED = ("WIDTH", "HEIGHT", "MARGIN", "TITLE_TOP", "TITLE_HEIGHT", "BODY_TOP", "LAYOUT_TITLE_ONLY", "LAYOUT_TITLE_SLIDE",
           "DECK_FONT")


@contextmanager
def page(template: Path | None):
    """A new deck: the suite's 16:9 page, or the template's master with the layout module set to its page."""
    if template is None:
        deck = Presentation()
        deck.slide_width, deck.slide_height = L.WIDTH, L.HEIGHT
        yield deck
        return
    deck = open_template(template)
    before = {name: getattr(L, name) for name in PATCHED}
    try:
        only, first = layouts(deck, template)
        width, height = deck.slide_width, deck.slide_height
        L.WIDTH, L.HEIGHT = width, height
        L.LAYOUT_TITLE_ONLY, L.LAYOUT_TITLE_SLIDE = only, first
        box = _title_box(deck, only)
        if box:
            left, top, w, h = box
            L.MARGIN = max(Inches(0.25), min(int(left), width // 8))
            L.TITLE_TOP = max(0, min(int(top), height // 5))
            L.TITLE_HEIGHT = max(Inches(0.6), min(int(h), height // 5))
        else:
            L.MARGIN = max(Inches(0.25), width // 26)
        L.BODY_TOP = L.TITLE_TOP + L.TITLE_HEIGHT + Inches(0.1)
        L.DECK_FONT = BODY_FONT
        yield deck
    finally:
        for name, value in before.items():
            setattr(L, name, value)


def theme_fonts(deck, template: Path | None) -> None:
    """Drop placeholders the layout brought and nothing filled; on a template, titles in the theme's heading font."""
    for slide in deck.slides:
        for shape in list(slide.placeholders):
            kind = shape.placeholder_format.type
            if kind not in TITLES and kind not in KEPT and shape.has_text_frame and not shape.text_frame.text.strip():
                shape._element.getparent().remove(shape._element)
        if template is not None and slide.shapes.title is not None:
            for paragraph in slide.shapes.title.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.name = HEADING_FONT
