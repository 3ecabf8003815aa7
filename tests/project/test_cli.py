"""The trialfigs command, run as a user runs it: exit status and messages, never a traceback."""

import subprocess
import sys

from conftest import ROOT, apply_fixture


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "trialfigs.cli", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_validate_shipped_data_exits_zero_and_counts_rows():
    done = run("validate")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK: ") and "endpoints" in done.stdout


def test_validate_bad_data_exits_non_zero_with_located_problems_and_no_traceback(package):
    apply_fixture(package, "endpoints/not_utf8.csv", "replace")
    _, shipped = apply_fixture(package, "safety/rate_over_100_percent.csv", "append")
    done = run("validate", package / "data")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    assert "endpoints.csv" in done.stderr and "[unreadable]" in done.stderr
    # the fixture's one row follows the shipped rows; rows are numbered as in the file, row 1 the header
    assert f"safety.csv, row {shipped + 2}, column estimate: [percent-range]" in done.stderr


def test_validate_missing_folder_is_a_clear_error(tmp_path):
    done = run("validate", tmp_path / "absent")
    assert done.returncode == 1 and "no datapackage.json here" in done.stderr and "Traceback" not in done.stderr


def test_table_writes_values_with_citations(tmp_path):
    out = tmp_path / "values.md"
    done = run("table", "--out", out)
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert "| OS | median | T-DM1 | 30.9 months |" in text
    assert "Published values; no new analysis." in text
    assert "doi:10.1056/NEJMoa1209124" in text


def test_committed_values_table_is_current(tmp_path):
    """reports/values.md is what `trialfigs table` writes today (re-run `make report` after editing data/)."""
    out = tmp_path / "values.md"
    assert run("table", "--out", out).returncode == 0
    assert (ROOT / "reports" / "values.md").read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_vocab_lists_every_enum_of_the_descriptor_and_the_row_id_convention():
    import json

    done = run("vocab")
    assert done.returncode == 0, done.stderr
    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            allowed = field.get("constraints", {}).get("enum")
            if allowed:
                line = next(x for x in done.stdout.splitlines() if f"{resource['name']}" in x and f".{field['name']}`:" in x)
                assert all(value in line for value in allowed), line
    assert "IDFS (invasive disease-free survival; group time_to_event)" in done.stdout, "labels from vocabulary.csv"
    assert "`{endpoints,safety}.row_id`: `^[A-Za-z0-9_.-]+$`" in done.stdout
    assert "TRIAL-ANALYSIS-ENDPOINT-STATISTIC[-ARM]" in done.stdout and "- `K-P-IDFS-HR`: KATHERINE, primary, IDFS, hazard ratio" in done.stdout


def test_validate_names_the_allowed_values_of_a_value_not_in_the_list(package):
    import csv

    path = package / "data" / "trials.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    rows[1][rows[0].index("setting")] = "adjuvnt"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    done = run("validate", package / "data")
    assert done.returncode == 1
    assert ('trials.csv, row 2, column setting: [enum] "adjuvnt" is not an allowed setting; '
            "allowed: adjuvant, neoadjuvant, metastatic (`trialfigs vocab` lists every vocabulary)") in done.stderr
