"""trialfigs.load: typed frames from validated tables; invalid tables never reach a notebook."""

import pandas as pd
import pytest

from conftest import apply_fixture
from trialfigs.load import load
from trialfigs.problems import InvalidData


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
