"""trialfigs deck --template: slides built on a template the test makes with python-pptx (its own master,
layouts renamed and reordered so that no name can be relied on, a 16:9 or 4:3 page of another size,
other theme fonts): titles in title placeholders, text in the theme's fonts, chart arm colours the
suite's, nothing off the page or overlapping; LibreOffice renders it (e2e)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Inches

from conftest import ROOT
from trialfigs.evidence.load import load
from trialfigs.figures.theme import MORE_COLOURS, ROLE_STYLE
from trialfigs.publish.deck.assemble import build_selected
from trialfigs.publish.deck.catalogue import catalogue
from trialfigs.publish.deck.template import BODY_FONT, HEADING_FONT, TemplateError, open_template

REPORTS = ROOT / "reports"
PAGES = {"wide": (Inches(10), Inches(5.625)), "four-three": (Inches(10), Inches(7.5))}


def make_template(folder: Path, page: str, potx: bool = False) -> Path:
    deck = Presentation()
    deck.slide_width, deck.slide_height = PAGES[page]
    master = deck.slide_masters[0]
    theme = master.part.part_related_by(RT.THEME)
    xml = theme.blob.decode("utf-8")
    xml = re.sub(r'(<a:majorFont>\s*<a:latin typeface=")[^"]*', r"\g<1>Georgia", xml)
    xml = re.sub(r'(<a:minorFont>\s*<a:latin typeface=")[^"]*', r"\g<1>Verdana", xml)
    theme._blob = xml.encode("utf-8")
    layouts = master.slide_layouts
    ids = layouts._sldLayoutIdLst
    for n, layout in enumerate(layouts):
        layout.name = f"House style {n}"  # no layout is named as python-pptx's default template names them
    entries = list(ids)
    ids.remove(entries[5])
    ids.append(entries[5])  # the title-only layout last: no index can be relied on either
    width, height = PAGES[page]
    for shape in master.placeholders:  # the house title sits lower and narrower than the suite's
        if shape.placeholder_format.type == PP_PLACEHOLDER.TITLE:
            shape.left, shape.top, shape.width, shape.height = Inches(0.6), Inches(0.4), width - Inches(1.2), Inches(0.9)
    path = folder / f"house-{page}.pptx"
    deck.save(str(path))
    if potx:
        source = zipfile.ZipFile(path)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                content = source.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    content = content.replace(b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
                target.writestr(info, content)
        path = folder / f"house-{page}.potx"
        path.write_bytes(out.getvalue())
    return path


@pytest.fixture(scope="module")
def evidence():
    return load()


@pytest.fixture(scope="module")
def chosen(evidence):
    entries = catalogue(evidence, REPORTS)
    bar = next(e for e in entries if e.kind in ("landmark", "medians", "safety"))
    picked = ["title", next(e.id for e in entries if e.role == "headline"), next(e.id for e in entries if e.role == "design"),
              bar.id, "summary", next(e.id for e in entries if e.role == "label"), "references"]
    index = {e.id: e for e in entries}
    return [index[i] for i in picked]


def overlap(a, b) -> bool:
    return a.left < b.left + b.width and b.left < a.left + a.width and a.top < b.top + b.height and b.top < a.top + a.height


def built(tmp_path: Path, evidence, chosen, page: str, potx: bool = False, editable: bool = False) -> Presentation:
    template = make_template(tmp_path, page, potx)
    data = build_selected(evidence, chosen, REPORTS / "figures", editable=editable, template=template)
    return Presentation(io.BytesIO(data))


@pytest.mark.parametrize("page", list(PAGES))
def test_template_master_page_size_and_title_placeholders(tmp_path, evidence, chosen, page):
    deck = built(tmp_path, evidence, chosen, page)
    assert (deck.slide_width, deck.slide_height) == PAGES[page]
    assert len(deck.slide_masters) == 1
    for n, slide in enumerate(deck.slides, start=1):
        assert slide.slide_layout.name.startswith("House style"), f"slide {n} is not on the template's layouts"
        title = slide.shapes.title
        assert title is not None and title.is_placeholder, f"slide {n}: no title placeholder"
        assert title.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        assert title.text_frame.text.strip()
        assert {r.font.name for p in title.text_frame.paragraphs for r in p.runs} == {HEADING_FONT}


@pytest.mark.parametrize("page", list(PAGES))
def test_nothing_runs_off_the_page_or_overlaps(tmp_path, evidence, chosen, page):
    deck = built(tmp_path, evidence, chosen, page, editable=True)
    for n, slide in enumerate(deck.slides, start=1):
        shapes = [s for s in slide.shapes if (s.has_text_frame and s.text_frame.text.strip())
                  or s.shape_type == MSO_SHAPE_TYPE.PICTURE or getattr(s, "has_chart", False) or getattr(s, "has_table", False)]
        for s in shapes:
            assert s.left >= 0 and s.top >= 0 and s.left + s.width <= deck.slide_width \
                and s.top + s.height <= deck.slide_height, f"slide {n}: {s.name} off the page"
        for i, a in enumerate(shapes):
            for b in shapes[i + 1:]:
                assert not overlap(a, b), f"slide {n}: {a.name} overlaps {b.name}"


def test_body_text_takes_the_theme_font_and_chart_arms_keep_the_suites_colours(tmp_path, evidence, chosen):
    deck = built(tmp_path, evidence, chosen, "wide", editable=True)
    fonts = {r.font.name for s in deck.slides for shape in s.shapes if shape.has_text_frame and shape != s.shapes.title
             for p in shape.text_frame.paragraphs for r in p.runs}
    assert fonts == {BODY_FONT}
    charts = [shape.chart for s in deck.slides for shape in s.shapes if getattr(shape, "has_chart", False)]
    assert charts
    suite = {c.lstrip("#").upper() for c in [s["color"] for s in ROLE_STYLE.values()] + MORE_COLOURS}
    for chart in charts:
        # a series' line carries its arm's colour (a hatched fill keeps it as the pattern's background)
        colours = [str(series.format.line.color.rgb) for series in chart.plots[0].series]
        assert colours and set(colours) <= suite, colours
        assert ROLE_STYLE["experimental"]["color"].lstrip("#").upper() in colours


def test_potx_templates_are_read(tmp_path, evidence, chosen):
    deck = built(tmp_path, evidence, chosen, "four-three", potx=True)
    assert deck.slide_width == PAGES["four-three"][0] and len(deck.slides) >= len(chosen)


def test_a_file_that_is_no_template_is_a_clear_error(tmp_path):
    bad = tmp_path / "not.pptx"
    bad.write_text("hello", encoding="utf-8")
    with pytest.raises(TemplateError, match="not a .pptx or .potx"):
        open_template(bad)


@pytest.mark.e2e
@pytest.mark.parametrize("page", list(PAGES))
def test_libreoffice_renders_the_templated_deck_one_page_per_slide(tmp_path, evidence, chosen, page):
    from pypdf import PdfReader
    from test_deck_office import to_pdf

    template = make_template(tmp_path, page)
    deck = tmp_path / "templated.pptx"
    deck.write_bytes(build_selected(evidence, chosen, REPORTS / "figures", template=template))
    pdf = PdfReader(str(to_pdf(deck, tmp_path)))
    slides = Presentation(str(deck)).slides
    assert len(pdf.pages) == len(slides)
    box = pdf.pages[0].mediabox
    width, height = PAGES[page]
    assert abs(float(box.width) / float(box.height) - width / height) < 0.01
    for page_, slide in zip(pdf.pages, slides):
        assert " ".join(slide.shapes.title.text_frame.text.split()[:3]) in " ".join(page_.extract_text().split())
