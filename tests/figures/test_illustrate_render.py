"""Model illustrations as rendered: nothing that looks like trial data by default, the simulation only
when asked for and stamped on every panel, the observed window only, and a named refusal from `render`."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from conftest import FIXTURES, ROOT, append_row, data_rows
from trialfigs.evidence.load import load
from trialfigs.figures import api as notebook
from trialfigs.figures import model_curves as drawing
from trialfigs.figures.theme import THEMES
from trialfigs.model import curves as illustrate
from trialfigs.model.fit import fit
from trialfigs.render.runner import Job, default_suite, render

pytestmark = pytest.mark.e2e  # end-to-end: make test-fast skips it

JOBS = [job for job in default_suite() if job.notebook == "illustrative"]
SVG = "{http://www.w3.org/2000/svg}"


def svg_text(path) -> str:
    return " ".join(t.text or "" for t in ET.parse(path).getroot().iter(f"{SVG}text"))


def group_text(path, gid: str) -> list[str]:
    root = ET.parse(path).getroot()
    return [" ".join(t.text or "" for t in g.iter(f"{SVG}text")) for g in root.iter(f"{SVG}g") if g.get("id") == gid]


@pytest.fixture(scope="module")
def default_renders(tmp_path_factory):
    """The default illustrative jobs drawn in this process, with the notebook's own function."""
    out = tmp_path_factory.mktemp("figures")
    for job in JOBS:
        p = job.parameters
        notebook.illustrative(p["trial"], p["analysis"], p["endpoint"], 2025, "slide", ["png", "svg"], out, job.name)
    return out


@pytest.mark.parametrize("job", JOBS, ids=[job.name for job in JOBS])
def test_a_default_illustration_holds_no_simulated_number_and_says_model(default_renders, job):
    text = svg_text(default_renders / f"{job.name}.svg")
    assert not re.search("simulat|at risk|cox", text, re.IGNORECASE)
    assert group_text(default_renders / f"{job.name}.svg", "watermark") == ["Model through published values, not trial data"]
    record = json.loads((default_renders / f"{job.name}.json").read_text(encoding="utf-8"))
    assert "model" in record["title"] and record["section"] == "model" and "simulated" not in record
    assert not (default_renders / f"{job.name}-simulated.svg").exists()
    assert "Kaplan-Meier figure of" in record["caption"] and record["caption"] in text
    assert all(f["status"] in ("reproduced", "hazard ratio not modelled") for f in record["fidelity"])


@pytest.mark.parametrize("job", JOBS, ids=[job.name for job in JOBS])
def test_the_watermark_is_at_least_as_large_as_the_axis_labels_and_the_axis_ends_at_follow_up(job):
    evidence = load()
    p = job.parameters
    chosen = illustrate.analysis(evidence, p["trial"], p["analysis"], p["endpoint"])
    for theme in THEMES.values():
        drawn = drawing.draw(evidence, chosen, fit(chosen), theme)
        ax = drawn.figure.axes[0]
        watermark = next(t for t in ax.texts if t.get_gid() == "watermark")
        labels = [ax.xaxis.label, ax.yaxis.label, *ax.get_xticklabels(), *ax.get_yticklabels()]
        assert watermark.get_fontsize() >= max(label.get_fontsize() for label in labels)
        assert ax.get_xlim() == (0, chosen.horizon)
    latest = max(a.time for points in chosen.anchors.values() for a in points)
    meta = evidence.analyses.set_index(["trial", "analysis"]).loc[(p["trial"], p["analysis"])]
    assert chosen.horizon == (latest if meta.isna()["median_follow_up"] else max(latest, float(meta["median_follow_up"])))


def test_the_simulation_runs_in_a_kernel_only_when_asked_and_is_stamped_on_every_panel(tmp_path):
    job = next(job for job in JOBS if job.parameters["endpoint"] == "PFS")
    render([Job("illustrative", job.name, {**job.parameters, "simulate": True, "formats": ["png", "svg"]})], out=tmp_path, quiet=True)
    figures = tmp_path / "figures"
    simulated = figures / f"{job.name}-simulated.svg"
    assert simulated.is_file() and (figures / f"{job.name}.svg").is_file()
    stamps = group_text(simulated, "stamp-simulated")
    assert len(stamps) == 2 and all("Simulated cohort drawn from the model, not trial data" == s for s in stamps)
    assert "Simulated Cox HR" in svg_text(simulated)
    assert not re.search("simulat", svg_text(figures / f"{job.name}.svg"), re.IGNORECASE)
    record = json.loads((figures / f"{job.name}-simulated.json").read_text(encoding="utf-8"))
    assert record["simulated"] is True and record["section"] == "model"
    assert all(v["table"] == "derived" and v["derivation"] for v in record["values"])


def test_render_refuses_values_no_curve_can_meet_naming_the_number_and_keeps_the_output_folder(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "evidence", tmp_path / "evidence")
    fixture = FIXTURES / "illustrative" / "rate_rises_with_time.csv"
    assert data_rows(fixture) == 1
    with open(fixture, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):  # by column name: the table may have gained columns since
            append_row(tmp_path / "data" / "endpoints.csv", **{k: v for k, v in row.items() if v})
    out = tmp_path / "out"
    (out / "figures").mkdir(parents=True)
    (out / "figures" / "illustrative-katherine-idfs.json").write_text("{}\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    env = {**__import__("os").environ, "TRIALFIGS_DATA": str(tmp_path / "data"), "TRIALFIGS_EVIDENCE": str(tmp_path / "evidence")}
    done = subprocess.run([sys.executable, "-m", "trialfigs.cli", "render", "--notebook", "illustrative", "--trial", "KATHERINE",
                           "--out", str(out), "--quiet"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    assert ("KATHERINE IDFS T-DM1: 8-year rate 85.0% (K-F-IDFS-8Y-TDM1) cannot be met by any exponential or Weibull curve "
            "that also meets the 7-year rate 80.8%") in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("stem", [job.name for job in JOBS])
def test_no_committed_default_illustration_contains_a_simulated_number(stem):
    """What `grep -i simulated reports/figures/*.svg` checks, for the committed default renders."""
    assert not re.search("simulat", svg_text(ROOT / "reports" / "figures" / f"{stem}.svg"), re.IGNORECASE)
    record = json.loads((ROOT / "reports" / "figures" / f"{stem}.json").read_text(encoding="utf-8"))
    assert record["section"] == "model" and all(f["status"] in ("reproduced", "hazard ratio not modelled") for f in record["fidelity"])
