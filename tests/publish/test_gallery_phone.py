"""The gallery on a phone (390 px) and a desktop (1400 px), in real headless Chromium, built from a
fresh render in a temporary reports/ folder (so it tests this code, not the committed reports/)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_gallery import browser  # noqa: F401  (the Debian chromium fixture)

from conftest import ROOT
from trialfigs.figures import api as notebook
from trialfigs.publish.export import export

pytestmark = pytest.mark.e2e  # end-to-end: make test-fast skips it

ARTIFACTS = ROOT / ".test-artifacts"


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> Path:
    """reports/ with a headline forest plot, a trial's figures and an illustrative-kind manifest, moved
    away from the project after export (as when the folder is shared on its own)."""
    reports = tmp_path_factory.mktemp("reports")
    figures = reports / "figures"
    notebook.forest(["KATHERINE"], ["IDFS"], [], "slide", ["png", "svg", "pdf"], figures, "forest-early")
    notebook.forest(["EMILIA"], [], [], "slide", ["png", "svg", "pdf"], figures, "forest-metastatic")
    notebook.iconarray("KATHERINE", "IDFS", "", "slide", ["png", "svg", "pdf"], figures, "iconarray-katherine-idfs")
    notebook.safety(["KATHERINE"], [], [], "slide", ["png", "svg", "pdf"], figures, "safety-katherine-specific", "specific",
                    ["hepatotoxicity", "thrombocytopenia"])
    notebook.medians(["EMILIA"], ["OS"], [], "slide", ["png", "svg", "pdf"], figures, "medians-emilia-os")
    # A model illustration: any manifest with "figure": "illustrative" goes to the last section.
    notebook.landmark(["KATHERINE"], [], "slide", ["png"], figures, "illustrative-katherine-idfs")
    manifest = figures / "illustrative-katherine-idfs.json"
    manifest.write_text(json.dumps({**json.loads(manifest.read_text(encoding="utf-8")), "figure": "illustrative"}), encoding="utf-8")
    export(reports)
    moved = tmp_path_factory.mktemp("elsewhere") / "reports"
    shutil.move(str(reports), moved)
    return moved


def test_gallery_opens_with_the_headline_figures_and_ends_with_model_illustrations(shared):
    text = (shared / "index.html").read_text(encoding="utf-8")
    order = [text.index(f'id="{anchor}"') for anchor in (
        "headline-forest-early", "headline-forest-metastatic", "KATHERINE-iconarray-katherine-idfs",
        "KATHERINE-safety-katherine-specific", "EMILIA-medians-emilia-os", "model-illustrations-illustrative-katherine-idfs")]
    assert order == sorted(order)
    assert text.index("<h2>Model illustrations</h2>") > text.index("<h2>EMILIA: advanced or metastatic breast cancer</h2>")
    assert "Both trials" not in text and "KATHERINE and EMILIA (2 trials)" in text


def test_gallery_links_its_deck_print_downloads_and_data_copies_inside_reports(shared):
    text = (shared / "index.html").read_text(encoding="utf-8")
    assert 'href="deck.pptx"' in text and 'href="figures/forest-early.print.pdf"' in text
    assert "../data/" not in text and "../evidence/" not in text
    for name in ("endpoints.csv", "safety.csv", "label.csv", "datapackage.json", "references.json"):
        assert f'href="data/{name}"' in text
        source = (ROOT / "evidence" if name == "references.json" else ROOT / "data") / name
        assert (shared / "data" / name).read_bytes() == source.read_bytes()


def test_alt_text_is_short_and_the_long_description_holds_every_value(shared):
    record = json.loads((shared / "figures" / "forest-metastatic.json").read_text(encoding="utf-8"))
    assert len(record["alt_text"]) < 250
    text = (shared / "index.html").read_text(encoding="utf-8")
    assert f'alt="{record["alt_text"]}"' in text.replace("&#39;", "'")
    for value in ("0.65", "0.682", "0.75", "P&lt;0.0001"):
        assert value in record["description"].replace("<", "&lt;") or value in text


@pytest.mark.parametrize("width", [390, 1400])
def test_no_horizontal_scroll_and_a_figure_opens_full_size_on_tap(browser, shared, width):  # noqa: F811
    page = browser.new_page(viewport={"width": width, "height": 844}, has_touch=True)
    page.goto((shared / "index.html").as_uri(), wait_until="load")
    scroll, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    wide = page.eval_on_selector_all("body *", f"els => els.filter(e => e.getBoundingClientRect().right > {width} + 1)"
                                                ".map(e => e.tagName + ' ' + (e.textContent || '').slice(0, 40))")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"gallery-{width}.png"))
    assert scroll <= client and wide == [], wide
    shown = page.eval_on_selector("#headline-forest-early img", "e => e.getBoundingClientRect().width")
    with page.expect_navigation():
        page.tap("#headline-forest-early img")
    assert page.url.endswith("/figures/forest-early.png")
    natural = page.evaluate("document.images[0].naturalWidth")
    assert natural == 1999 and natural > shown  # the PNG itself, at full size (13.333 in at 150 dpi)
    page.close()
