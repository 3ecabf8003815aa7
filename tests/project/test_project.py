"""The project's own promises: one dependency list, a true README, the two commands."""

from __future__ import annotations

import re
import tomllib

from conftest import ROOT

# What git ignores (and git itself) is not part of the documented layout.
IGNORED = {".git", ".gitignore"} | {line.strip().rstrip("/") for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
                                    if line.strip() and not line.startswith("#")}


def pyproject_dependencies() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return set(project["dependencies"]) | set(project["optional-dependencies"]["test"])


def test_every_dependency_is_pinned():
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.]*", d) for d in pyproject_dependencies())


def test_readme_layout_tree_matches_the_top_level_of_the_repository():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tree = readme.split("## Layout", 1)[1].split("```", 2)[1]
    documented = {line.split()[0].split("/")[0] for line in tree.splitlines() if line.strip()}
    actual = {p.name for p in ROOT.iterdir() if p.name not in IGNORED and not p.name.endswith(".egg-info")}
    assert documented == actual


def test_readme_names_the_two_commands_and_how_to_run_one_test():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make report" in readme and "make test" in readme
    assert "pytest tests/" in readme and "-k " in readme


def test_makefile_offers_help_report_and_test_and_ci_runs_make_test():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("help", "report", "test", "setup", "check", "golden"):
        assert re.search(rf"^{target}:.*## ", makefile, re.MULTILINE), target
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
