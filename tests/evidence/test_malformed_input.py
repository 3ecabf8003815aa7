"""Property: whatever is in the files, validation reports problems and never raises."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from trialfigs.evidence.load import load
from trialfigs.evidence.problems import InvalidData
from trialfigs.evidence.validate import validate

TABLES = ["trials", "arms", "analyses", "endpoints", "safety", "label"]
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

cells = st.one_of(st.text(max_size=12), st.sampled_from(["", "0", "-1", "1e999", "NaN", "<0.001", "0.650", "nan", "∞", "\"", ",", "\n"]))


def fresh(tmp: Path) -> Path:
    target = tmp / "pkg"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(ROOT / "data", target / "data")
    shutil.copytree(ROOT / "evidence", target / "evidence")
    return target


@SETTINGS
@given(table=st.sampled_from(TABLES), content=st.binary(max_size=400))
def test_random_bytes_never_crash_the_validator(tmp_path, table, content):
    package = fresh(tmp_path)
    (package / "data" / f"{table}.csv").write_bytes(content)
    problems = validate(package / "data").problems
    assert problems, "random bytes in place of a table must be reported"
    assert all(p.file and p.rule and p.message for p in problems)


@SETTINGS
@given(table=st.sampled_from(TABLES), row=st.integers(0, 40), column=st.integers(0, 30), value=cells)
def test_one_mutated_cell_never_crashes_the_loader(tmp_path, table, row, column, value):
    package = fresh(tmp_path)
    path = package / "data" / f"{table}.csv"
    import csv

    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    r, c = 1 + row % (len(rows) - 1), column % len(rows[0])
    rows[r][c] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    try:
        load(package / "data")
    except InvalidData as error:
        assert error.problems and all(p.rule for p in error.problems)


@SETTINGS
@given(text=st.text(max_size=300))
def test_malformed_evidence_files_never_crash(tmp_path, text):
    package = fresh(tmp_path)
    (package / "evidence" / "references.json").write_text(text, encoding="utf-8")
    (package / "evidence" / "corrections.yml").write_text(text, encoding="utf-8")
    assert validate(package / "data").problems
