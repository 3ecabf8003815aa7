"""The fork's CI workflow passes the GitHub-workflow schema bundled with check-jsonschema, and the
pre-commit hook refuses a notebook with outputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT
from trialfigs.checks.clean_notebooks import main as clean_main

CHECKER = Path(sys.executable).with_name("check-jsonschema")


def test_workflow_passes_the_github_workflow_schema():
    done = subprocess.run([str(CHECKER), "--builtin-schema", "vendor.github-workflows", ".github/workflows/test.yml"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_checker_fails_a_broken_workflow(tmp_path):
    broken = tmp_path / "test.yml"
    broken.write_text("name: x\non: push\njobs:\n  test:\n    steps: 3\n", encoding="utf-8")
    done = subprocess.run([str(CHECKER), "--builtin-schema", "vendor.github-workflows", str(broken)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0


def test_workflow_runs_make_test():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "test.yml").read_text(encoding="utf-8"))
    steps = [s.get("run", "") for job in workflow["jobs"].values() for s in job["steps"]]
    assert "make test" in steps and "make setup" in steps


def test_pre_commit_runs_ruff_and_the_notebook_hook():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [h["id"] for repo in config["repos"] for h in repo["hooks"]]
    assert "ruff" in hooks and "notebooks-without-outputs" in hooks
    rev = next(r["rev"] for r in config["repos"] if "ruff" in r["repo"])
    pinned = next(line for line in (ROOT / "pyproject.toml").read_text(encoding="utf-8").splitlines() if '"ruff==' in line)
    assert rev.lstrip("v") in pinned, "the hook's ruff is the locked one"


def test_notebook_hook_passes_committed_notebooks_and_refuses_outputs(tmp_path, capsys):
    notebooks = sorted(str(p) for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert clean_main(notebooks) == 0
    executed = next((ROOT / "reports" / "notebooks").glob("*.ipynb"))
    copy = tmp_path / executed.name
    copy.write_text(executed.read_text(encoding="utf-8"), encoding="utf-8")
    assert any(c.get("outputs") for c in json.loads(copy.read_text(encoding="utf-8"))["cells"])
    assert clean_main([str(copy)]) == 1
    assert "hold outputs" in capsys.readouterr().err
