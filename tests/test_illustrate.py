"""Illustrative curves: through the published anchors exactly, seeded, stamped, and derived throughout."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from conftest import ROOT
from trialfigs import illustrate
from trialfigs.illustrate import Anchor, fit, fidelity, simulate
from trialfigs.load import load
from trialfigs.render import default_suite

CASES = [tuple(job.parameters[k] for k in ("trial", "analysis", "endpoint")) for job in default_suite() if job.notebook == "illustrative"]
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def evidence():
    return load()


@pytest.mark.parametrize("trial, analysis, endpoint", CASES)
def test_fidelity_holds_for_every_anchor_in_every_rendered_case(evidence, trial, analysis, endpoint):
    anchors, _ = illustrate.anchors(evidence, trial, analysis, endpoint)
    assert len(anchors) == 2
    for arm, points in anchors.items():
        model = fit(points)
        for anchor in points:
            published, curve = fidelity(model, anchor)
            assert published == curve, (arm, anchor)


def test_two_anchors_give_a_weibull_curve_through_both():
    points = [Anchor("a", "s", 3.0, 0.883, "88.3", "landmark_rate"), Anchor("b", "s", 7.0, 0.808, "80.8", "landmark_rate")]
    model = fit(points)
    assert model.name == "Weibull"
    assert [fidelity(model, p) for p in points] == [("88.3", "88.3"), ("80.8", "80.8")]


def test_a_median_anchor_gives_the_exponential_with_that_median():
    model = fit([Anchor("m", "s", 9.6, 0.5, "9.6", "median")])
    assert model.name == "exponential" and fidelity(model, Anchor("m", "s", 9.6, 0.5, "9.6", "median")) == ("9.6", "9.6")


def test_the_simulation_is_reproducible_from_its_seed():
    models = {"T-DM1": fit([Anchor("m", "s", 9.6, 0.5, "9.6", "median")])}
    first = simulate(models, {"T-DM1": 495}, 36, seed=7)
    assert first.equals(simulate(models, {"T-DM1": 495}, 36, seed=7))
    assert not first.equals(simulate(models, {"T-DM1": 495}, 36, seed=8))


@pytest.mark.parametrize("stem", ["illustrative-katherine-idfs", "illustrative-emilia-pfs", "illustrative-emilia-os"])
def test_every_rendered_illustration_is_stamped_inside_the_plot_and_marked_derived(stem):
    root = ET.parse(ROOT / "reports" / "figures" / f"{stem}.svg").getroot()
    stamp = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "stamp")
    text = " ".join(t.text or "" for t in stamp.iter(f"{SVG}text"))
    assert text == "Illustrative model through published values; not the trial's Kaplan-Meier curve"
    record = json.loads((ROOT / "reports" / "figures" / f"{stem}.json").read_text(encoding="utf-8"))
    assert record["derived"] and all(v["derivation"] for v in record["values"] if v["table"] == "derived")
    assert all(f["published"] == f["curve"] for f in record["fidelity"])
    assert "The simulation demonstrates the model, not the trial." in record["alt_text"]


def test_emilia_shows_that_the_ratio_of_medians_is_not_the_hazard_ratio():
    """Verma 2012 abstract: medians 9.6 and 6.4 months, HR 0.65; the ratio 6.4/9.6 = 0.67 is derived."""
    svg = (ROOT / "reports" / "figures" / "illustrative-emilia-pfs.svg").read_text(encoding="utf-8")
    assert "Ratio of medians 6.4/9.6 = 0.67 (derived)" in svg and "Published HR 0.65 (0.55 to 0.77)" in svg
    svg = (ROOT / "reports" / "figures" / "illustrative-emilia-os.svg").read_text(encoding="utf-8")
    assert "Ratio of medians 25.1/30.9 = 0.81 (derived)" in svg and "Published HR 0.682 (0.548 to 0.849)" in svg


def test_the_illustration_never_touches_data(evidence):
    before = {p.name: p.read_bytes() for p in (ROOT / "data").iterdir()}
    anchors, _ = illustrate.anchors(evidence, "EMILIA", "primary", "PFS")
    simulate({a: fit(p) for a, p in anchors.items()}, {a: 100 for a in anchors}, 36, seed=1)
    assert before == {p.name: p.read_bytes() for p in (ROOT / "data").iterdir()}
