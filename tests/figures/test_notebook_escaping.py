"""Notebook outputs built from data escape text: a reference title holding <script> is shown as text."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT
from trialfigs.figures.notebook_text import md

SCRIPT = "<script>alert('x')</script> made-up title"


def test_markdown_from_data_is_inert():
    assert md("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"
    assert md("[link](javascript:alert(1))") == "\\[link\\](javascript:alert(1))"
    assert md("a_b *c* `d` |e|") == "a\\_b \\*c\\* \\`d\\` \\|e\\|"
    assert md("line\nbreak") == "line break"


@pytest.mark.e2e
def test_script_in_a_reference_title_is_escaped_in_the_rendered_notebook(package, tmp_path):
    with open(package / "data" / "trials.csv", encoding="utf-8", newline="") as handle:
        first = next(csv.DictReader(handle))
    references = json.loads((package / "evidence" / "references.json").read_text(encoding="utf-8"))
    for record in references:
        if record["id"] == first["source"]:
            record["title"] = SCRIPT
    (package / "evidence" / "references.json").write_text(json.dumps(references, indent=1), encoding="utf-8")
    env = {**os.environ, "TRIALFIGS_DATA": str(package / "data"), "TRIALFIGS_EVIDENCE": str(package / "evidence")}
    done = subprocess.run([sys.executable, "-m", "trialfigs.cli", "render", "--notebook", "trial", "--trial", first["trial"],
                           "--out", str(tmp_path / "out"), "--quiet", "--workers", "1"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    [executed] = (tmp_path / "out" / "notebooks").glob("*.ipynb")
    outputs = [o for cell in json.loads(executed.read_text(encoding="utf-8"))["cells"] for o in cell.get("outputs", [])]
    markdown = "\n".join("".join(o.get("data", {}).get("text/markdown", "")) for o in outputs)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in markdown or "&lt;script&gt;alert('x')&lt;/script&gt;" in markdown
    assert "<script" not in markdown
    html = "\n".join("".join(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert "<script" not in html
