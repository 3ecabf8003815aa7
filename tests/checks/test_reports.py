"""The committed reports/: every figure opens and cites its sources (numbers: tests/checks/test_checks.py)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import matplotlib.image
import pytest

from conftest import ROOT
from trialfigs.evidence.load import load

FIGURES = ROOT / "reports" / "figures"
MANIFESTS = sorted(p for p in FIGURES.glob("*.json"))
SVGS = sorted(p for p in FIGURES.glob("*.svg") if not p.name.endswith(".deck.svg"))  # a deck render has no footer
SVG_NS = "{http://www.w3.org/2000/svg}"


def test_there_is_a_manifest_for_every_default_render():
    from trialfigs.figures.suite import default_suite

    assert {p.stem for p in MANIFESTS} >= {job.name for job in default_suite()}


@pytest.mark.parametrize("manifest", MANIFESTS, ids=lambda p: p.stem)
def test_every_file_opens_and_every_citation_resolves(manifest):
    record = json.loads(manifest.read_text(encoding="utf-8"))
    references = load().references
    assert record["alt_text"] and "<Figure" not in record["alt_text"]
    assert record["citations"] and all(c["id"] in references for c in record["citations"])
    for name in record["files"]:
        path = FIGURES / name
        assert path.stat().st_size > 0
        if name.endswith(".png"):
            assert matplotlib.image.imread(path).shape[0] > 100
        elif name.endswith(".svg"):
            ET.parse(path)
        elif name.endswith(".pdf"):
            data = path.read_bytes()
            assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")


@pytest.mark.parametrize("svg", SVGS, ids=lambda p: p.stem)
def test_every_footer_cites_its_sources(svg):
    root = ET.parse(svg).getroot()
    footer = next(g for g in root.iter(f"{SVG_NS}g") if g.get("id") == "footer")
    text = " ".join(t.text or "" for t in footer.iter(f"{SVG_NS}text"))
    assert "Sources: " in text or "Read in summaries: " in text
    assert "Published values; no new analysis." in text or "Derived: " in text


DECK_READY = [m for m in MANIFESTS if "deck_files" in json.loads(m.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("manifest", DECK_READY, ids=lambda p: p.stem)
def test_every_rendered_figure_made_for_the_deck_is_readable_at_its_placed_size(manifest):
    """Deck render >= 16 pt at deck_size_in; full slide figure >= 16 pt (footer >= 12 pt); print downloads >= 7 pt."""
    from trialfigs.checks.typesizes import figure_problems

    assert figure_problems(manifest) == []
