"""The deck speaks to an audience (issue 19): no slide prints a developer's message (files, tables, fields, API
records, what the sources lack), source lines are at most two lines, the deck and the gallery teach in one
order, and no slide title is a generic "(continued)"."""

from __future__ import annotations

import re

import pytest
from pptx import Presentation
from test_deck import manifest, stem_of

from trialfigs.publish.deck import layout as L

# Phrases that name the machinery behind a slide, or say what the data lack, instead of saying something to an
# audience. An absent value is simply not printed (the notes may say what is missing).
DEVELOPER_TEXT = [
    r"\bdata/", r"\.csv\b", r"\.json\b", r"\brows? of\b", r"\blabel rows\b",
    r"not (stated|given) in the sources", r"not given\b", r"number randomised not given",
    r"\bopenFDA\b", r"\bfield [a-z_]+\b", r"\b[a-z]+_[a-z_]+\b",  # an API field or a column name
    r"section (number )?inferred", r"\bsee notes\b", r"\bSPL set\b", r"\bmanifest\b", r"\bSHA-256\b",
    r"\bcopy of\b", r"\bcurrent rows\b",
]
CASE_SENSITIVE = [r"\bNone\b", r"\bnan\b", r"\bNaN\b"]


def slide_texts(path):
    """(slide number, its text) of every slide shown to an audience. Not checked: the hidden Provenance slide (for
    maintainers) and the reference list, whose entries are the bibliography's records as cited."""
    for n, slide in enumerate(Presentation(str(path)).slides, start=1):
        if slide._element.get("show") == "0" or slide.shapes.title.text_frame.text.startswith("References"):
            continue
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        texts += [c for s in slide.shapes if getattr(s, "has_chart", False) for c in s.chart.plots[0].categories]
        yield n, "\n".join(texts)


@pytest.mark.parametrize("pattern", DEVELOPER_TEXT + CASE_SENSITIVE)
@pytest.mark.parametrize("which", ["plain", "editable"])
def test_no_slide_prints_a_developer_message(decks, which, pattern):
    for n, text in slide_texts(decks[which]):
        found = re.search(pattern, text, flags=0 if pattern in CASE_SENSITIVE else re.I)
        assert not found, f"slide {n} of {which}: {found.group(0)!r} in {text[:300]!r}"


@pytest.mark.parametrize("phrase", ["data cut-off not stated in the sources", "number randomised not given in the sources",
                                    "no dose-reduction schedule in the current label rows of data/",
                                    "openFDA drug label record, field boxed_warning", "section number inferred"])
def test_the_patterns_catch_the_phrases_the_issue_found(phrase):
    assert any(re.search(p, phrase, flags=re.I) for p in DEVELOPER_TEXT), phrase


@pytest.mark.parametrize("which", ["plain", "editable"])
def test_source_lines_are_at_most_two_lines(decks, which):
    for n, slide in enumerate(Presentation(str(decks[which])).slides, start=1):
        for shape in slide.shapes:
            if shape.name == "Source":
                assert L.lines_needed(shape.text_frame.text, shape.width, L.SOURCE_PT) <= 2, (n, shape.text_frame.text)


def test_an_eu_label_slide_is_not_titled_boxed_warnings_and_says_each_rule_once(decks):
    for slide in Presentation(str(decks["plain"])).slides:
        title = slide.shapes.title.text_frame.text
        if not title.startswith("Dosing"):
            continue
        body = [s.text_frame.text for s in slide.shapes if s.has_text_frame and s.name != "Source" and s != slide.shapes.title]
        lines = [p for text in body for line in text.split("\n") for p in line.split(": ", 1)[-1].split("; ")]
        numbers = [tuple(re.findall(r"\d+ minutes", p)) for p in lines if re.findall(r"\d+ minutes", p)]
        assert len(numbers) == len(set(numbers)), f"{title}: a rule said twice: {lines}"
        if "EU" in title:
            assert "boxed" not in title.lower()


def test_no_slide_title_is_a_generic_continuation(decks):
    for which in ("plain", "editable"):
        for slide in Presentation(str(decks[which])).slides:
            title = slide.shapes.title.text_frame.text
            assert "(continued" not in title, title


def test_deck_and_gallery_show_the_figures_in_one_order(decks):
    """The gallery's figure order (index.html, written by the same export) is the deck's order of figure slides."""
    html = (decks["plain"].parent / "index.html").read_text(encoding="utf-8")
    sections = re.findall(r'<section id="section-([^"]+)"', html)
    gallery = [stem for anchor in re.findall(r'<figure id="([^"]+)"', html) for stem in
               [next(anchor[len(s) + 1:] for s in sorted(sections, key=len, reverse=True) if anchor.startswith(s + "-"))]]
    deck = [stem_of(p) for s in Presentation(str(decks["plain"])).slides for p in s.shapes if stem_of(p)]
    gallery = [s for s in gallery if manifest(s).get("figure") != "illustrative"]
    assert deck and deck == [s for s in gallery if s in deck]
    assert set(deck) == set(gallery)
