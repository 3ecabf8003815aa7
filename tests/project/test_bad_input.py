"""Bad input is never a traceback and never hidden: every command reads the data through the same
validation, so a broken package gives the same listed problems (file, row, column, rule) everywhere."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, apply_fixture
from trialfigs.evidence.load import load
from trialfigs.evidence.problems import InvalidData
from trialfigs.evidence.validate import validate


def run(args, package: Path, cwd: Path = ROOT, timeout: int = 300):
    env = {**os.environ, "TRIALFIGS_DATA": str(package / "data"), "TRIALFIGS_EVIDENCE": str(package / "evidence")}
    return subprocess.run([sys.executable, "-m", "trialfigs.cli", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_bom_is_read_as_utf8_and_hides_no_table(package):
    _, offset = apply_fixture(package, "label/bom_hides_no_rule.csv", "append")
    assert (package / "data" / "label.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    result = validate(package / "data")
    assert "label" in result.tables and len(result.tables["label"].rows) == offset + 1
    assert "fact_id" in result.tables["label"].fields  # the header's first name without the BOM
    assert [(p.row, p.column, p.rule) for p in result.problems] == [(offset + 2, "value", "quote")]


def test_bom_in_a_shipped_table_changes_nothing(package):
    path = package / "data" / "endpoints.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = validate(package / "data")
    assert result.problems == [] and result.rows == validate().rows


@pytest.mark.parametrize("command", [["table", "--out", "{tmp}/values.md"], ["export", "--reports", "{tmp}/reports"],
                                     ["render", "--notebook", "forest", "--out", "{tmp}/build"]])
def test_bom_table_with_a_wrong_value_is_a_listed_problem_in_every_command(package, tmp_path, command):
    _, offset = apply_fixture(package, "label/bom_hides_no_rule.csv", "append")
    done = run([c.format(tmp=tmp_path) for c in command], package)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "TypeError" not in done.stderr
    assert f"label.csv, row {offset + 2}, column value: [quote]" in done.stderr
    assert not (tmp_path / "values.md").exists() and not (tmp_path / "reports" / "index.html").exists()


def test_a_table_that_cannot_be_read_is_never_left_out_silently(package):
    """A resource that reads as no table gives a problem of its own; load raises, never a TypeError."""
    (package / "data" / "label.csv").write_bytes(b"")
    problems = validate(package / "data").problems
    assert any(p.file.endswith("label.csv") for p in problems), problems
    with pytest.raises(InvalidData):
        load(package / "data")


def test_resource_path_that_is_a_url_is_refused_and_not_fetched(package, monkeypatch):
    apply_fixture(package, "datapackage/resource_path_is_a_url.json", "patch")
    connections = []
    monkeypatch.setattr(socket.socket, "connect", lambda self, address: connections.append(address))
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: connections.append(a) or [])
    problems = validate(package / "data").problems
    assert connections == []
    refused = [p for p in problems if p.rule == "descriptor" and p.column == "path"]
    assert refused and "https://example.invalid/label.csv" in refused[0].message
    with pytest.raises(InvalidData):
        load(package / "data")


@pytest.mark.parametrize("path", ["/etc/passwd", "../evidence/references.json", "file:///etc/passwd", "C:label.csv"])
def test_resource_path_outside_the_package_is_refused(package, path):
    import json

    descriptor = package / "data" / "datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["resources"][0]["path"] = path
    descriptor.write_text(json.dumps(data), encoding="utf-8")
    problems = validate(package / "data").problems
    assert any(p.rule == "descriptor" and p.column == "path" for p in problems), problems


@pytest.mark.parametrize("fixture", ["control_character_in_text", "nul_in_text", "right_to_left_override_in_text",
                                     "formula_leading_text"])
def test_hidden_characters_and_formulas_fail_the_commands_too(package, tmp_path, fixture):
    _, offset = apply_fixture(package, f"label/{fixture}.csv", "append")
    done = run(["table", "--out", tmp_path / "values.md"], package)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"label.csv, row {offset + 2}, column statement: [text]" in done.stderr


def test_verbatim_leading_dash_and_negative_numbers_stay_valid():
    """A quote that starts with a label's bullet ("-Women ...") is text, not a formula."""
    from trialfigs.evidence.rules import _FORMULA

    assert not _FORMULA.match("-Women of childbearing potential should use effective contraception.")
    assert not _FORMULA.match("-0.5")
    assert _FORMULA.match("=1+1") and _FORMULA.match("@SUM(A1)") and _FORMULA.match("+cmd|' /C calc'!A0")
    assert _FORMULA.match("-2+3+cmd|' /C calc'!A0")


def test_parameter_list_given_as_text_is_refused_not_split_into_letters(tmp_path):
    done = subprocess.run([sys.executable, "-m", "trialfigs.cli", "render", "-p", "trials", "notjson",
                           "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "-p trials takes a JSON list" in done.stderr and "'notjson'" in done.stderr
    assert not any(tmp_path.iterdir())


def test_render_validates_on_a_cache_hit(package, tmp_path, monkeypatch):
    """A render with nothing to run (every job current, or none at all) still refuses invalid data."""
    from trialfigs.render import runner

    apply_fixture(package, "label/bom_hides_no_rule.csv", "append")
    monkeypatch.setattr(runner.paths, "DATA", package / "data")
    with pytest.raises(InvalidData):
        runner.render([], out=tmp_path)
