"""The committed reports/: every figure opens, cites its sources, and shows only numbers from data/."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import matplotlib.image
import pytest

from conftest import ROOT
from trialfigs.load import load

FIGURES = ROOT / "reports" / "figures"
MANIFESTS = sorted(p for p in FIGURES.glob("*.json"))
SVGS = sorted(FIGURES.glob("*.svg"))
NUMBER = re.compile(r"(?<![\w.\-])\d+(?:\.\d+)?(?![\w])")
SVG_NS = "{http://www.w3.org/2000/svg}"


def data_numbers() -> set[str]:
    evidence = load()
    numbers = set()
    for frame in (evidence.endpoints, evidence.safety, evidence.arms, evidence.analyses, evidence.label):
        for column in frame.columns:
            for value in frame[column].astype("string").fillna(""):
                numbers.update(NUMBER.findall(str(value).replace("<", " ")))
    for manifest in MANIFESTS:
        for row in json.loads(manifest.read_text(encoding="utf-8"))["values"]:
            if row["table"] == "derived":
                numbers.add(row["value"])
    return numbers


def shown_numbers(svg) -> list[str]:
    """Numbers in the figure's text, leaving out axis scales and the footer of citations."""
    root = ET.parse(svg).getroot()
    skipped = {id(t) for g in root.iter(f"{SVG_NS}g") if (g.get("id") or "").startswith(("axis-tick", "footer"))
               for t in g.iter(f"{SVG_NS}text")}
    texts = [t.text or "" for t in root.iter(f"{SVG_NS}text") if id(t) not in skipped]
    return [n for text in texts for n in NUMBER.findall(text)]


def test_there_is_a_manifest_for_every_default_render():
    assert {p.stem for p in MANIFESTS} >= {"forest", "landmark", "medians", "safety-katherine", "safety-emilia",
                                            "trial-katherine", "trial-emilia"}


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


@pytest.mark.parametrize("svg", SVGS, ids=lambda p: p.stem)
def test_every_number_in_the_svg_text_is_a_value_in_data(svg):
    allowed = data_numbers()
    stray = [n for n in shown_numbers(svg) if n not in allowed]
    assert not stray, f"{svg.name} shows numbers that are in no row of data/: {stray}"
