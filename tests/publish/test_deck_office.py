"""The decks as a person sees them: converted to PDF by LibreOffice Impress, every page read back with
pypdf (one page per slide, each showing its slide's title) and rendered to PNG with pdftoppm
(saved in .test-artifacts/ to look at). On CI (CI set) a missing converter fails instead of skipping."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from conftest import ROOT

pytestmark = pytest.mark.e2e  # end-to-end: make test-fast skips it

ARTIFACTS = ROOT / ".test-artifacts"


def tool(*names: str) -> str:
    found = next((shutil.which(n) for n in names if shutil.which(n)), None)
    if not found:
        message = f"{names[0]} is missing (Debian package {'poppler-utils' if names[0] == 'pdftoppm' else 'libreoffice-impress'}; `make system-deps` installs it as root)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def to_pdf(deck: Path, out: Path) -> Path:
    office = tool("soffice", "libreoffice")
    profile = out / "profile"
    done = subprocess.run([office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(out), str(deck)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    pdf = out / f"{deck.stem}.pdf"
    assert pdf.exists(), f"LibreOffice wrote no PDF: {done.stdout} {done.stderr}"
    return pdf


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("which", ["plain", "editable", "appendix"])
def test_libreoffice_renders_one_page_per_slide_each_with_its_title(decks, which, tmp_path):
    pdf = PdfReader(str(to_pdf(decks[which], tmp_path)))
    # a hidden slide (the Provenance slide, for maintainers) is not exported: one page per shown slide
    slides = [s for s in Presentation(str(decks[which])).slides if s._element.get("show") != "0"]
    assert len(pdf.pages) == len(slides)
    for n, (page, slide) in enumerate(zip(pdf.pages, slides), start=1):
        title = words(slide.shapes.title.text_frame.text)
        assert title.split(":")[0] in words(page.extract_text()), f"page {n} does not show '{title}'"
    outline = [words(item.title) for item in pdf.outline if not isinstance(item, list)]
    assert len(outline) == len(slides), "the PDF's bookmarks are not the slide titles"
    for mark, slide in zip(outline, slides):
        # LibreOffice cuts a bookmark at about 64 characters and numbers ones whose cut text collides: " (2)"
        mark = re.sub(r" \(\d+\)$", "", mark) if len(mark) > 60 else mark
        assert mark and words(slide.shapes.title.text_frame.text).startswith(mark)


def test_every_page_of_the_deck_renders_to_a_picture_with_content(decks, tmp_path):
    from PIL import Image

    pdf = to_pdf(decks["plain"], tmp_path)
    render = tool("pdftoppm")
    ARTIFACTS.mkdir(exist_ok=True)
    for old in ARTIFACTS.glob("deck-*.png"):
        old.unlink()
    done = subprocess.run([render, "-png", "-r", "40", str(pdf), str(ARTIFACTS / "deck")], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    pages = sorted(ARTIFACTS.glob("deck-*.png"))
    assert len(pages) >= len([s for s in Presentation(str(decks["plain"])).slides if s._element.get("show") != "0"])
    for page in pages:
        image = Image.open(page).convert("L")
        body = image.crop((0, image.height // 5, image.width, image.height * 4 // 5))
        assert body.getextrema()[0] < 128, f"{page.name}: the body of the slide is empty"
