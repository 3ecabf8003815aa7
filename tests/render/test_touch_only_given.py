"""Commands touch only what they were given: --name and --out never leave the chosen folder or write
over committed sources, a selection's export goes to build/, and `check` sees every file of reports/."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


def run(*args, env=None, timeout=300):
    return subprocess.run([sys.executable, "-m", "trialfigs.cli", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})})


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("args", [["--name", "../../../x"], ["--name", "/tmp/absolute-x"], ["-p", "name", "../.."],
                                  ["--name", "a/b"]])
def test_name_that_leaves_the_folder_is_refused(tmp_path, args):
    done = run("render", "--notebook", "forest", "--out", tmp_path / "out", *args)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "is not a plain file name" in done.stderr
    assert not (tmp_path / "out").exists() and not Path("/tmp/absolute-x.ipynb").exists()


@pytest.mark.parametrize("out", [".", "notebooks", "data", "evidence", "src", "tests", "notebooks/sub"])
def test_out_over_committed_sources_is_refused(out):
    before = tree(ROOT / "notebooks")
    done = run("render", "--notebook", "forest", "--out", out, "--name", "forest")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "would write over committed sources" in done.stderr
    assert tree(ROOT / "notebooks") == before


def test_out_that_is_an_existing_file_is_a_clear_error():
    done = run("render", "--notebook", "forest", "--out", "README.md")
    assert done.returncode == 1 and "Traceback" not in done.stderr and "is an existing file" in done.stderr


@pytest.mark.parametrize("out", ["README.md", "notebooks/forest.ipynb", "data/endpoints.csv", "Makefile"])
def test_table_refuses_to_overwrite_a_committed_file(out):
    before = (ROOT / out).read_bytes()
    done = run("table", "--out", out)
    assert done.returncode == 1 and "Traceback" not in done.stderr and "would overwrite a committed file" in done.stderr
    assert (ROOT / out).read_bytes() == before


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with a copy of the committed reports/, exported afresh as make report does."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "reports", root / "reports")
    (root / "notebooks").mkdir()
    env = {"TRIALFIGS_ROOT": str(root), "TRIALFIGS_DATA": str(ROOT / "data"), "TRIALFIGS_EVIDENCE": str(ROOT / "evidence")}
    for args in (["table"], ["export"]):
        done = run(*args, env=env)
        assert done.returncode == 0, done.stderr
    return root


def first_trial() -> str:
    import csv

    with open(ROOT / "data" / "trials.csv", encoding="utf-8", newline="") as handle:
        return next(csv.DictReader(handle))["trial"]


@pytest.mark.e2e
@pytest.mark.parametrize("selection", [["--trial", None], ["--appendix"], ["--theme", "print"]])
def test_export_of_a_selection_leaves_reports_byte_identical(project, selection):
    env = {"TRIALFIGS_ROOT": str(project), "TRIALFIGS_DATA": str(ROOT / "data"), "TRIALFIGS_EVIDENCE": str(ROOT / "evidence")}
    before = tree(project / "reports")
    done = run("export", *[a or first_trial() for a in selection], env=env)
    assert tree(project / "reports") == before
    if done.returncode == 0:  # (a theme with no rendered figure is refused instead: reports/ stays as well)
        assert (project / "build" / "export" / "index.html").is_file()
        assert (project / "build" / "export" / "deck.pptx").is_file()
        assert any((project / "build" / "export" / "figures").glob("*.json"))


@pytest.mark.e2e
def test_check_covers_every_file_of_reports(project):
    from trialfigs.publish.export import export_problems

    reports = project / "reports"
    assert export_problems(reports) == []
    (reports / "deck-EMILIA-only.pptx").write_bytes((reports / "deck.pptx").read_bytes())
    (reports / "data" / "extra.csv").write_text("a\n", encoding="utf-8")
    (reports / "deck-editable.pptx").unlink()
    with open(reports / "data" / "trials.csv", "ab") as handle:
        handle.write(b"\n")
    page = reports / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<p>edited</p></body>"), encoding="utf-8")
    (reports / "values.md").write_text("edited\n", encoding="utf-8")
    (reports / ".staging-1-abc").mkdir()
    text = "\n".join(export_problems(reports))
    for expected in ("deck-EMILIA-only.pptx is not a file", "data/extra.csv is not a file", "deck-editable.pptx is missing",
                     "data/trials.csv was changed after the export", "index.html was changed after the export",
                     "values.md is not the table", ".staging-1-abc is left over"):
        assert expected in text, text


@pytest.mark.e2e
def test_check_fails_on_a_selections_export_in_reports(project):
    from trialfigs.publish.export import export_problems

    env = {"TRIALFIGS_ROOT": str(project), "TRIALFIGS_DATA": str(ROOT / "data"), "TRIALFIGS_EVIDENCE": str(ROOT / "evidence")}
    done = run("export", "--trial", first_trial(), "--out", project / "reports", env=env)
    assert done.returncode == 0, done.stderr
    assert any("an export of a selection" in m for m in export_problems(project / "reports"))


def test_stale_staging_folder_is_removed_by_the_next_render(tmp_path):
    from trialfigs.render.runner import remove_stale_staging

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".staging-{dead.stdout.strip()}-abc"
    legacy = tmp_path / ".staging-xyz"
    mine = tmp_path / f".staging-{os.getpid()}-live"
    for folder in (stale, legacy, mine):
        (folder / "figures").mkdir(parents=True)
    lines = remove_stale_staging(tmp_path)
    assert not stale.exists() and not legacy.exists() and mine.exists()
    assert len(lines) == 2 and all("left by a render that was killed" in line for line in lines)


def test_gitignore_ignores_staging_and_build():
    ignored = subprocess.run(["git", "check-ignore", "reports/.staging-1-x/a.png", "build/x.png"], cwd=ROOT,
                             capture_output=True, text=True)
    assert ignored.stdout.split() == ["reports/.staging-1-x/a.png", "build/x.png"]
