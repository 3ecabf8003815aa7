"""Readable from the back of the room: every text of every figure kind, read from its SVG at the size it is placed.

Slide: the deck render placed at deck_size_in (every text >= 16 pt) and the full figure filling a
13.33 in slide (>= 16 pt, source footer >= 12 pt). Print: the figure at its own size (>= 7 pt).
"""

from __future__ import annotations

import json

import pytest

from trialfigs.checks.typesizes import figure_problems, placed_texts, problems
from trialfigs.evidence import select
from trialfigs.evidence.load import load
from trialfigs.figures import api as notebook
from trialfigs.figures import forest, landmark, medians
from trialfigs.figures.suite import default_suite
from trialfigs.figures.theme import THEMES


def _first_jobs() -> dict:
    """The first job of the default suite of each figure kind (forest, landmark, medians, icon array, both
    safety scopes): what the suite really renders, so the check follows the data as it grows."""
    found = {}
    for job in default_suite():
        kind = job.notebook + ("-" + job.parameters["scope"] if "scope" in job.parameters else "")
        if job.notebook not in ("trial", "illustrative") and kind not in found:
            found[kind] = job
    return found


JOBS = _first_jobs()


def _draw(job, theme, out):
    p, fm = job.parameters, ["svg", "png"]
    if job.notebook == "forest":
        return notebook.forest(p["trials"], p.get("endpoints", []), [], theme, fm, out, job.name)
    if job.notebook == "landmark":
        return notebook.landmark(p["trials"], [], theme, fm, out, job.name)
    if job.notebook == "proportions":
        return notebook.proportions(p["trials"], [], theme, fm, out, job.name)
    if job.notebook == "medians":
        return notebook.medians(p["trials"], p.get("endpoints", []), [], theme, fm, out, job.name)
    if job.notebook == "safety":
        return notebook.safety(p["trials"], [], [], theme, fm, out, job.name, p["scope"], p.get("events"))
    return notebook.iconarray(p["trial"], p["endpoint"], "", theme, fm, out, job.name)


KINDS = {job.name: (lambda theme, out, job=job: _draw(job, theme, out)) for job in JOBS.values()}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = {}
    for theme in THEMES:
        folder = tmp_path_factory.mktemp(theme)
        for name, draw in KINDS.items():
            draw(theme, folder)
        out[theme] = folder
    return out


@pytest.mark.parametrize("theme", list(THEMES))
@pytest.mark.parametrize("name", list(KINDS))
def test_every_text_meets_the_minimum_at_the_placed_size(rendered, theme, name):
    manifest = rendered[theme] / f"{name}.json"
    assert placed_texts(rendered[theme] / f"{name}.svg", 13.333), "the SVG has no text to check"
    assert figure_problems(manifest) == []


@pytest.mark.parametrize("name", list(KINDS))
def test_slide_figures_have_a_deck_render_without_title_or_footer(rendered, name):
    record = json.loads((rendered["slide"] / f"{name}.json").read_text(encoding="utf-8"))
    assert record["deck_files"] == {"png": f"{name}.deck.png", "svg": f"{name}.deck.svg"}
    assert record["deck_size_in"] == [12.3, 5.5]
    deck = (rendered["slide"] / record["deck_files"]["svg"]).read_text(encoding="utf-8")
    assert 'width="885.6pt" height="396pt"' in deck  # 12.3 x 5.5 in
    assert 'id="footer' not in deck and 'id="title' not in deck
    assert record["title"] not in deck
    full = (rendered["slide"] / f"{name}.svg").read_text(encoding="utf-8")
    assert 'id="footer' in full and 'id="title' in full


@pytest.mark.parametrize("name", list(KINDS))
def test_slide_figures_come_with_their_print_theme_downloads(rendered, name):
    record = json.loads((rendered["slide"] / f"{name}.json").read_text(encoding="utf-8"))
    assert record["print_files"] == {"svg": f"{name}.print.svg", "png": f"{name}.print.png"}
    svg = (rendered["slide"] / record["print_files"]["svg"]).read_text(encoding="utf-8")
    assert 'width="504pt" height="324pt"' in svg  # 7 x 4.5 in, checked at that size by the test above


def test_print_figures_have_no_deck_render(rendered):
    name = JOBS["forest"].name
    record = json.loads((rendered["print"] / f"{name}.json").read_text(encoding="utf-8"))
    assert "deck_files" not in record and not (rendered["print"] / f"{name}.deck.png").exists()


def test_deck_render_is_byte_identical_when_drawn_again(rendered, tmp_path):
    job = JOBS["landmark"]
    KINDS[job.name]("slide", tmp_path)
    for name in (f"{job.name}.deck.png", f"{job.name}.deck.svg"):
        assert (tmp_path / name).read_bytes() == (rendered["slide"] / name).read_bytes()


SMALL_TEXT = ('<svg xmlns="http://www.w3.org/2000/svg" width="960pt" height="540pt" viewBox="0 0 960 540">'
              '<g id="text_1"><text style="font-size: 16px; font-family: \'DejaVu Sans\'">big</text></g>'
              '<g id="footer"><text style="font: 400 12px \'DejaVu Sans\'">Sources</text></g></svg>')


@pytest.mark.parametrize("placed, minimum, source_minimum, flagged", [
    (13.333, 16, 12, []),  # placed at its own size: 16 pt and 12 pt
    (11.5, 16, 12, ["big", "Sources"]),  # placed smaller (as the old deck did): 13.8 pt and 10.4 pt
    (13.333, 16, 16, ["Sources"]),  # a deck render may not have a 12 pt line
])
def test_the_check_names_text_below_the_minimum(tmp_path, placed, minimum, source_minimum, flagged):
    svg = tmp_path / "small.svg"
    svg.write_text(SMALL_TEXT, encoding="utf-8")
    found = problems(svg, placed, minimum, source_minimum)
    assert [m.split("'")[1] for m in found] == flagged


DRAWINGS = {
    "forest": lambda ev, theme: forest.draw(select.hazard_ratios(ev, **_selection("forest")), ev, theme),
    "landmark": lambda ev, theme: landmark.draw(*select.landmark_rates(ev, **_selection("landmark")), ev, theme),
    "medians": lambda ev, theme: medians.draw(*select.medians(ev, **_selection("medians")), ev, theme),
}


def _selection(kind: str) -> dict:
    return {k: v for k, v in JOBS[kind].parameters.items() if k in ("trials", "endpoints")}


@pytest.mark.parametrize("theme", list(THEMES))
@pytest.mark.parametrize("kind", list(DRAWINGS))
def test_no_text_runs_off_the_figure(theme, kind):
    drawn = DRAWINGS[kind](load(), THEMES[theme])
    for figure in filter(None, (drawn.figure, drawn.deck_figure)):
        renderer = figure._get_renderer()
        box = figure.bbox
        outside = [t.get_text() for t in figure.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "get_window_extent"))
                   if t.get_text() and t.get_visible()
                   and not (box.x0 - 1 <= t.get_window_extent(renderer).x0 and t.get_window_extent(renderer).x1 <= box.x1 + 1)]
        assert outside == [], f"{kind} ({theme}): text beyond the figure's edge: {outside}"
