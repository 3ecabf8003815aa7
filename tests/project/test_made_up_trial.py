"""A trial nobody wrote code for reaches every output: README "Adding a trial" is exactly this.

tests/fixtures/made_up_trial/ holds one invented trial (ZEPHYR-9, metastatic, T-DM1 versus
observation) in the tables' own format. Added to a copy of data/ and evidence/, with no code
change, it must appear in the default suite, a forest plot, its own trial page and design slide,
the gallery, the deck, and the claim audit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from pptx import Presentation

from conftest import MADE_UP_TRIAL, ROOT

pytestmark = pytest.mark.e2e  # end-to-end: make test-fast skips it

SCRIPT = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from trialfigs.figures import api as notebook
    from trialfigs.figures import trial_page as glance
    from trialfigs.audit import audit_text
    from trialfigs.publish.export import export
    from trialfigs.evidence.load import load
    from trialfigs.figures.suite import default_suite

    reports, trial = Path(sys.argv[1]), sys.argv[2]
    figures = reports / "figures"
    jobs = [j for j in default_suite() if trial in (j.parameters.get("trials") or [j.parameters.get("trial")])]
    forest = next(j for j in jobs if j.notebook == "forest")
    notebook.forest(forest.parameters["trials"], forest.parameters.get("endpoints", []), [], "slide", ["png", "svg"],
                    figures, forest.name)
    page = next(j for j in jobs if j.notebook == "trial")
    glance.trial_at_a_glance(trial, "slide", ["png"], figures, page.name)
    export(reports)
    text = ("In ZEPHYR-9, median progression-free survival was 11.2 months with T-DM1 versus 5.9 months "
            "with observation (HR 0.48).\\nIn ZEPHYR-9, median progression-free survival with T-DM1 was 14.2 months.")
    found = [{"claim": f.claim, "verdict": f.verdict} for f in audit_text(load(), text)]
    print(json.dumps({"jobs": [j.name for j in jobs], "forest": forest.name, "page": page.name, "audit": found}))
""")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    from conftest import FIXTURES

    root = tmp_path_factory.mktemp("made-up")
    import shutil
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "evidence", root / "evidence")
    folder = FIXTURES / "made_up_trial"
    for table in ("trials", "arms", "analyses", "endpoints", "safety"):
        with open(root / "data" / f"{table}.csv", "ab") as handle:
            handle.write((folder / f"{table}.csv").read_bytes().split(b"\n", 1)[1])
    refs = root / "evidence" / "references.json"
    refs.write_text(json.dumps(json.loads(refs.read_text(encoding="utf-8")) +
                               json.loads((folder / "references.json").read_text(encoding="utf-8"))), encoding="utf-8")
    reports = root / "reports"
    env = {**os.environ, "TRIALFIGS_DATA": str(root / "data"), "TRIALFIGS_EVIDENCE": str(root / "evidence")}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(reports), MADE_UP_TRIAL], env=env, cwd=root,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return reports, json.loads(done.stdout.strip().splitlines()[-1])


def test_the_default_suite_renders_the_made_up_trial_without_a_code_change(outputs):
    _, result = outputs
    assert {"trial-zephyr-9", "safety-zephyr-9", "medians-zephyr-9-pfs", "landmark-zephyr-9"} <= set(result["jobs"])
    assert result["forest"].startswith("forest-metastatic"), "grouped with the other metastatic trials"


def test_its_hazard_ratio_is_drawn_in_a_forest_plot(outputs):
    reports, result = outputs
    manifest = json.loads((reports / "figures" / f"{result['forest']}.json").read_text(encoding="utf-8"))
    assert "Z9-P-PFS-HR" in {v["row_id"] for v in manifest["values"]}
    assert "0.48" in (reports / "figures" / f"{result['forest']}.svg").read_text(encoding="utf-8")


def test_it_has_its_own_trial_page(outputs):
    reports, result = outputs
    page = (reports / "figures" / f"{result['page']}.md").read_text(encoding="utf-8")
    assert "ZEPHYR-9" in page and "Nobody" in page and "11.2" in page


def test_the_gallery_and_the_deck_show_it_with_a_design_slide(outputs):
    reports, _ = outputs
    assert "ZEPHYR-9" in (reports / "index.html").read_text(encoding="utf-8")
    deck = Presentation(str(reports / "deck.pptx"))
    titles = [s.shapes.title.text_frame.text for s in deck.slides if s.shapes.title is not None]
    design = [t for t in titles if "ZEPHYR-9" in t]
    assert design, titles
    text = " ".join(shape.text_frame.text for s in deck.slides for shape in s.shapes if shape.has_text_frame)
    assert "observation" in text and "250" in text, "the design slide lists the arms with N"


def test_the_audit_checks_claims_about_it(outputs):
    _, result = outputs
    verdicts = [f["verdict"] for f in result["audit"]]
    assert verdicts and verdicts[0] in ("supported", "supported after rounding"), result["audit"]
    assert any(v == "contradicted" for v in verdicts[1:]), result["audit"]
