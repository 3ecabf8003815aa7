"""trialfigs.load: typed frames from validated tables; invalid tables never reach a notebook."""

import pandas as pd
import pytest

from conftest import apply_fixture
from trialfigs.evidence.load import load
from trialfigs.evidence.problems import InvalidData


def test_load_gives_typed_frames_and_keeps_published_text():
    evidence = load()
    endpoints = evidence.endpoints.set_index("row_id")
    hr = endpoints.loc["E-P-PFS-HR-LABEL"]
    assert hr.estimate == pytest.approx(0.65) and hr.estimate_text == "0.650"
    assert str(evidence.endpoints["events"].dtype) == "Int64"
    assert str(evidence.endpoints["estimate"].dtype) == "Float64"
    assert pd.isna(endpoints.loc["E-P-PFS-HR-LABEL", "timepoint"])
    assert set(evidence.references) >= set(evidence.endpoints.source)


def test_load_refuses_invalid_tables_and_lists_every_problem(package):
    apply_fixture(package, "endpoints/ci_excludes_estimate.csv", "append")
    apply_fixture(package, "safety/rate_over_100_percent.csv", "append")
    with pytest.raises(InvalidData) as raised:
        load(package / "data")
    text = str(raised.value)
    assert "[ci-order]" in text and "[percent-range]" in text
    assert text.endswith("2 problems found.")


def test_a_second_load_of_unchanged_files_is_a_copy_and_a_changed_file_is_validated_again(package, monkeypatch):
    from trialfigs.evidence import load as module

    calls = []
    monkeypatch.setattr(module, "checked", _counting(module.checked, calls))
    first = load(package / "data")
    first.endpoints.loc[0, "estimate"] = -1.0  # a caller that edits its frames changes nobody else's
    second = load(package / "data")
    assert len(calls) == 1 and second.endpoints.loc[0, "estimate"] != -1.0
    apply_fixture(package, "endpoints/ci_excludes_estimate.csv", "append")
    with pytest.raises(InvalidData):
        load(package / "data")
    assert len(calls) == 2


def _counting(function, calls):
    def counted(*args):
        calls.append(args)
        return function(*args)
    return counted
