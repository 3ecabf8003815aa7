"""reports/deck.pptx, reopened with python-pptx (and converted by LibreOffice where it is installed)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from pptx import Presentation
from pptx.util import Inches

from conftest import ROOT
from trialfigs.export import export

DECK = ROOT / "reports" / "deck.pptx"
FIGURES = ROOT / "reports" / "figures"


def manifests() -> dict:
    records = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(FIGURES.glob("*.json"))}
    return {stem: r for stem, r in records.items() if r["figure"] != "trial"}


def test_deck_has_a_title_slide_one_slide_per_figure_and_references():
    deck = Presentation(str(DECK))
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))
    slides = list(deck.slides)
    assert len(slides) == len(manifests()) + 2
    assert "published trial results" in slides[0].shapes[0].text_frame.text
    assert slides[-1].shapes[0].text_frame.text == "References"


def test_every_picture_has_alt_text_and_every_notes_page_cites_its_sources():
    deck = Presentation(str(DECK))
    records = manifests()
    pictures = 0
    for slide in list(deck.slides)[1:-1]:
        notes = slide.notes_slide.notes_text_frame.text
        stem = re.search(r"Figure: reports/figures/(.+)\.png", notes).group(1)
        for shape in slide.shapes:
            if shape.shape_type == 13:  # picture
                pictures += 1
                assert shape._element.nvPicPr.cNvPr.get("descr") == records[stem]["alt_text"]
                for citation in records[stem]["citations"]:
                    assert citation["full"] in notes
                assert records[stem]["data_sha256"] in notes and "Values shown:" in notes
    assert pictures == len(manifests())


def test_export_by_trial_and_is_byte_identical(tmp_path):
    reports = tmp_path / "reports"
    shutil.copytree(FIGURES, reports / "figures")
    export(reports, trials=["EMILIA"])
    first = (reports / "deck.pptx").read_bytes()
    export(reports, trials=["EMILIA"])
    assert (reports / "deck.pptx").read_bytes() == first
    deck = Presentation(str(reports / "deck.pptx"))
    titles = [s.shapes[0].text_frame.text for s in list(deck.slides)[1:-1]]
    assert titles and all("EMILIA" in t for t in titles)


def test_unknown_trial_or_figure_lists_the_choices(tmp_path):
    from trialfigs.select import SelectionError

    with pytest.raises(SelectionError, match="unknown trial 'KATHRINE'; valid: KATHERINE, EMILIA"):
        export(ROOT / "reports", trials=["KATHRINE"])
    with pytest.raises(SelectionError, match="unknown figure 'nope'; valid: .*forest"):
        export(ROOT / "reports", figures=["nope"])


def test_libreoffice_converts_the_deck_to_one_page_per_slide(tmp_path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office:
        pytest.skip("LibreOffice is not installed (Debian package libreoffice-impress); the conversion check needs it")
    done = subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(DECK)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    pdf = (tmp_path / "deck.pdf").read_bytes()
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == len(Presentation(str(DECK)).slides)


def test_export_takes_only_the_suites_figures_not_a_stray_one(tmp_path, monkeypatch):
    """A figure left in reports/figures by a notebook run by hand is not in the gallery or the deck."""
    from trialfigs import paths

    reports = tmp_path / "reports"
    shutil.copytree(ROOT / "reports", reports, ignore=shutil.ignore_patterns("notebooks", "audit", "*.pptx", "index.html"))
    for suffix in (".json", ".png"):
        shutil.copyfile(reports / "figures" / f"medians{suffix}", reports / "figures" / f"stray-medians{suffix}")
    monkeypatch.setattr(paths, "REPORTS", reports)
    export(reports)
    page = (reports / "index.html").read_text(encoding="utf-8")
    assert 'src="figures/medians.png"' in page and "stray-medians" not in page
    deck = Presentation(str(reports / "deck.pptx"))
    assert not any("stray-medians" in s.notes_slide.notes_text_frame.text for s in deck.slides)
