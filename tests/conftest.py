"""Shared test helpers: a throwaway copy of the shipped package, and fixtures applied to it."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"

# The fixture notebooks are inputs of tests, not notebooks for nbval to run.
collect_ignore_glob = ["fixtures/*", "golden/*"]
collect_ignore = ["update_golden.py"]


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of data/ and evidence/ that a test may break."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "evidence", tmp_path / "evidence")
    return tmp_path


BOM = b"\xef\xbb\xbf"


def data_rows(path: Path) -> int:
    with open(path, encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def apply_fixture(package: Path, fixture: str, mode: str) -> tuple[Path, int]:
    """Put a fixture into the package; returns the file it went into and the rows already there.

    append:  the fixture's data rows are added after the shipped rows of the same table;
    replace: the fixture takes the place of the shipped file;
    records: the fixture's JSON or YAML list is added to the shipped evidence list;
    patch:   (datapackage) the fixture maps resource names to keys that replace the shipped ones.
    An appended fixture that starts with a UTF-8 BOM puts a BOM at the start of the shipped file.
    """
    source = FIXTURES / fixture
    folder, name = fixture.split("/")
    if folder == "evidence":
        target = package / "evidence" / ("references.json" if source.suffix == ".json" else "corrections.yml")
        if source.suffix == ".json":
            records = json.loads(target.read_text(encoding="utf-8")) + json.loads(source.read_text(encoding="utf-8"))
            target.write_text(json.dumps(records, indent=1), encoding="utf-8")
        else:
            target.write_text(target.read_text(encoding="utf-8") + "\n" + source.read_text(encoding="utf-8"), encoding="utf-8")
        return target, 0
    target = package / "data" / ("datapackage.json" if folder == "datapackage" else f"{folder}.csv")
    if mode == "replace":
        shutil.copyfile(source, target)
        return target, 0
    if mode == "patch":
        package_json = json.loads(target.read_text(encoding="utf-8"))
        for name, keys in json.loads(source.read_text(encoding="utf-8")).items():
            next(r for r in package_json["resources"] if r["name"] == name).update(keys)
        target.write_text(json.dumps(package_json, indent=1), encoding="utf-8")
        return target, 0
    offset = data_rows(target)
    raw = source.read_bytes()
    if raw.startswith(BOM):
        target.write_bytes(BOM + target.read_bytes())
    body = raw.split(b"\n", 1)[1]
    with open(target, "ab") as handle:
        handle.write(body)
    return target, offset


def append_row(path: Path, **cells: str) -> None:
    """Add one row to a CSV of the package by column name; columns not given stay empty."""
    with open(path, encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    unknown = set(cells) - set(header)
    assert not unknown, f"no such columns in {path.name}: {unknown}"
    with open(path, "a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow([cells.get(c, "") for c in header])


MADE_UP_TRIAL = "ZEPHYR-9"


@pytest.fixture
def made_up_trial(package: Path) -> Path:
    """The package copy with a trial that does not exist (tests/fixtures/made_up_trial/) added to every table."""
    folder = FIXTURES / "made_up_trial"
    for table in ("trials", "arms", "analyses", "endpoints", "safety"):
        body = (folder / f"{table}.csv").read_bytes().split(b"\n", 1)[1]
        with open(package / "data" / f"{table}.csv", "ab") as handle:
            handle.write(body)
    refs = package / "evidence" / "references.json"
    records = json.loads(refs.read_text(encoding="utf-8")) + json.loads((folder / "references.json").read_text(encoding="utf-8"))
    refs.write_text(json.dumps(records, indent=1, ensure_ascii=False), encoding="utf-8")
    return package


@pytest.fixture(scope="session")
def decks(tmp_path_factory) -> dict[str, Path]:
    """deck.pptx and deck-editable.pptx, and the deck with the appendix, from the committed figures."""
    built = {}
    for name, appendix in (("plain", False), ("appendix", True)):
        reports = tmp_path_factory.mktemp(name) / "reports"
        shutil.copytree(ROOT / "reports" / "figures", reports / "figures")
        from trialfigs.publish.export import export

        export(reports, appendix=appendix)
        built[name] = reports / "deck.pptx"
        if not appendix:
            built["editable"] = reports / "deck-editable.pptx"
    return built
