"""reports/index.html, opened in real headless Chromium (Debian's package) from file://."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from conftest import ROOT
from trialfigs.publish.export import export

pytestmark = pytest.mark.e2e  # end-to-end: make test-fast skips it

INDEX = ROOT / "reports" / "index.html"
ARTIFACTS = ROOT / ".test-artifacts"
# As the machine notes say: no background traffic, which this closed network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium")
    if not executable:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed on CI: `make browser` should have installed Debian's chromium")
        pytest.skip("Debian's chromium is not installed; `make browser` installs it (as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_gallery_loads_offline_with_every_image_alt_text_and_link(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors, failed, remote = [], [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("request", lambda r: remote.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
    page.goto(INDEX.as_uri(), wait_until="load")
    images = page.eval_on_selector_all(
        "img", "els => els.map(e => ({src: e.currentSrc, ok: e.complete && e.naturalWidth > 0, alt: e.alt}))")
    links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    anchors = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "gallery.png"), full_page=False)
    page.close()
    assert errors == [] and failed == [] and remote == []
    assert len(images) >= 5
    assert all(i["ok"] for i in images), [i["src"] for i in images if not i["ok"]]
    assert all(i["alt"].strip() and "<Figure" not in i["alt"] for i in images)
    for link in links:
        parsed = urlparse(link)
        if parsed.fragment and unquote(parsed.path) == str(INDEX):
            assert parsed.fragment in anchors, link
        else:
            assert parsed.scheme == "file" and Path(unquote(parsed.path)).is_file(), link
    assert (ARTIFACTS / "gallery.png").stat().st_size > 0


def test_every_rendered_figure_is_in_the_gallery():
    text = INDEX.read_text(encoding="utf-8")
    for manifest in sorted((ROOT / "reports" / "figures").glob("*.json")):
        if f"{manifest.stem}.png" in json.loads(manifest.read_text(encoding="utf-8"))["files"]:
            assert f'src="figures/{manifest.stem}.png"' in text, manifest.stem


def test_text_from_the_data_is_html_escaped(package, tmp_path):
    references = package / "evidence" / "references.json"
    references.write_text(references.read_text(encoding="utf-8").replace(
        "Survival with Trastuzumab Emtansine in Residual HER2-Positive Breast Cancer",
        "Survival <script>alert('x')</script> & <b>bold</b>"), encoding="utf-8")
    reports = tmp_path / "reports"
    shutil.copytree(ROOT / "reports" / "figures", reports / "figures")
    export(reports, data_dir=package / "data", evidence_dir=package / "evidence")
    text = (reports / "index.html").read_text(encoding="utf-8")
    assert "Survival &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in text
    assert "<script>" not in text and "<b>bold</b>" not in text
