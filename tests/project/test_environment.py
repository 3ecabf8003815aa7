"""The lock is the environment: requirements.lock pins every package with hashes, environment.yml is
generated from it, `make` installs it, and what is installed is exactly what it names."""

from __future__ import annotations

import re
import sys
import tomllib
from importlib import metadata

import pytest
import yaml
from packaging.markers import Marker
from packaging.specifiers import SpecifierSet

from conftest import ROOT
from trialfigs import lockfile

LOCK = (ROOT / "requirements.lock").read_text(encoding="utf-8")
PYPROJECT = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
INSTALLERS = ("pip", "setuptools", "wheel")


def project() -> dict:
    return tomllib.loads(PYPROJECT)["project"]


def applies_here(pin: str) -> bool:
    _, _, marker = pin.partition(";")
    return not marker.strip() or Marker(marker.strip()).evaluate()


def test_environment_yml_is_generated_from_the_lock():
    assert (ROOT / "environment.yml").read_text(encoding="utf-8") == lockfile.environment_yml(LOCK, PYPROJECT), \
        "environment.yml differs from requirements.lock: run `make lock`"
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(item["pip"] for item in environment["dependencies"] if isinstance(item, dict))
    assert set(pip) == set(lockfile.pins(LOCK)) | {"-e .[test,notebook]"}


def test_the_lock_pins_every_dependency_of_pyproject_at_its_version():
    assert lockfile.unlocked(PYPROJECT, LOCK) == []


@pytest.mark.parametrize("edit, missing", [
    (lambda text: text.replace('"numpy==2.4.6"', '"numpy==2.4.5"'), ["numpy==2.4.5"]),  # a changed pin
    # a dependency added without `make lock` (a package the lock does not hold)
    (lambda text: text.replace('"pyyaml==6.0.3",', '"pyyaml==6.0.3",\n    "tomli-w==1.0.0",'), ["tomli-w==1.0.0"]),
])
def test_setup_refuses_a_lock_that_does_not_pin_pyproject(tmp_path, edit, missing):
    assert edit(PYPROJECT) != PYPROJECT
    assert all(lockfile.pinned_names(LOCK).get(lockfile.normalise(m.split("==")[0])) != m.split("==")[1] for m in missing)
    (tmp_path / "pyproject.toml").write_text(edit(PYPROJECT), encoding="utf-8")
    (tmp_path / "requirements.lock").write_text(LOCK, encoding="utf-8")
    assert lockfile.unlocked(edit(PYPROJECT), LOCK) == missing
    assert lockfile.main(tmp_path, check=True) == 1


def test_every_locked_package_has_one_version_and_its_hashes():
    entries = re.split(r"\n(?=[A-Za-z0-9])", LOCK.split("\n", 2)[2])
    names = [lockfile.normalise(entry.split("==")[0]) for entry in entries]
    assert len(names) == len(set(names)) > 50
    for entry in entries:
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", entry), entry.splitlines()[0]


def test_the_installed_environment_is_exactly_the_lock():
    wanted = {lockfile.normalise(p.split("==")[0]): p.split("==")[1].split(";")[0].strip()
              for p in lockfile.pins(LOCK) if applies_here(p)}
    installed = {lockfile.normalise(d.metadata["Name"]): d.version for d in metadata.distributions()}
    installed.pop("trialfigs")
    for installer in INSTALLERS:  # present in a venv made with pip or a conda environment; no part of the lock
        installed.pop(installer, None)
    assert installed == wanted


@pytest.mark.parametrize("version, admitted", [("3.11", True), ("3.12", True), ("3.13", True), ("3.14", True), ("3.10", False)])
def test_requires_python_admits_the_pythons_the_locked_wheels_support(version, admitted):
    assert (f"{version}.0" in SpecifierSet(project()["requires-python"])) is admitted


def test_this_interpreter_is_one_the_project_admits():
    assert f"{sys.version_info.major}.{sys.version_info.minor}.0" in SpecifierSet(project()["requires-python"])


def test_the_licence_is_an_spdx_expression():
    assert project()["license"] == "MIT"


@pytest.mark.parametrize("lock_text, expected", [
    ("# header\nnumpy==2.4.6 \\\n    --hash=sha256:ab\n", ["numpy==2.4.6"]),
    ("colorama==0.4.6 ; sys_platform == 'win32' \\\n    --hash=sha256:cd\n    # via pytest\n",
     ["colorama==0.4.6 ; sys_platform == 'win32'"]),
    ("# only comments\n\n", []),
])
def test_pins_reads_requirement_lines_without_hashes_or_comments(lock_text, expected):
    assert lockfile.pins(lock_text) == expected


def test_make_installs_the_lock_with_a_pinned_uv_and_offers_make_lock():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^UV_VERSION := \d+\.\d+\.\d+$", makefile, re.MULTILINE)
    assert "uv==$(UV_VERSION)" in makefile
    assert re.search(r"pip sync .*--require-hashes requirements\.lock", makefile)
    assert re.search(r"^lock:.*## ", makefile, re.MULTILINE)
