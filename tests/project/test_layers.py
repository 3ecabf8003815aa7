"""The package's stages, bottom to top: a module imports only from its own stage and the stages below it.

evidence -> model -> figures -> audit -> render -> checks -> publish -> commands -> steps -> cli, with paths, html
and lockfile at the bottom beside the data (commands, steps and cli are the three top-level modules of the front door). A lower stage importing a higher one fails here, function-level imports included.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "trialfigs"
ORDER = ["evidence", "model", "figures", "audit", "render", "checks", "publish", "commands", "steps", "cli"]
BASE = {"paths", "html", "lockfile", "__init__", "templates"}


def stage(module: str) -> int:
    """-1 for the base modules, else the index of the module's stage folder (or cli.py)."""
    first = module.split(".")[1] if module.count(".") else "__init__"
    if first in BASE:
        return -1
    assert first in ORDER, f"{module}: every module sits in a stage folder or is one of {sorted(BASE)}"
    return ORDER.index(first)


def module_name(path: Path) -> str:
    parts = ("trialfigs",) + path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every trialfigs module a file imports, at any depth of the file."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.update(f"{target}.{a.name}" if _is_module(f"{target}.{a.name}") else target for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m == "trialfigs" or m.startswith("trialfigs.")}


def _is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_the_package_has_modules_in_every_stage():
    """The sweep below saw the whole package: every stage folder holds modules."""
    seen = {stage(module_name(p)) for p in MODULES}
    assert set(range(len(ORDER))) <= seen


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_imports_a_higher_stage(path):
    own = stage(module_name(path))
    upward = sorted(m for m in imports(path) if m != "trialfigs" and stage(m) > own)
    assert not upward, f"{module_name(path)} ({ORDER[own] if own >= 0 else 'base'}) imports a higher stage: {upward}"


def test_the_check_fails_on_an_upward_import(tmp_path):
    """The rule can fail: an evidence module that imported the deck would be a higher-stage import."""
    assert stage("trialfigs.publish.deck") > stage("trialfigs.evidence.load")
    assert stage("trialfigs.figures.theme") > stage("trialfigs.evidence.select")
    assert stage("trialfigs.cli") > stage("trialfigs.steps") > stage("trialfigs.commands")
