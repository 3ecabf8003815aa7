"""The forest plot draws exactly the selected hazard ratios, as published, with citations and alt text."""

from __future__ import annotations

import json
import re

import pytest

from trialfigs.evidence import vocabulary as vocab
from trialfigs.evidence.load import load
from trialfigs.evidence.select import SelectionError, hazard_ratios, row_label
from trialfigs.figures import forest
from trialfigs.figures.common import DrawingError, assert_drawn
from trialfigs.figures.save import save
from trialfigs.figures.theme import THEMES


@pytest.fixture(scope="module")
def evidence():
    return load()


def svg_texts(path) -> list[str]:
    return [re.sub(r"&lt;", "<", t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", path.read_text(encoding="utf-8"))]


def test_default_selection_is_every_hazard_ratio_once_in_trial_and_analysis_order(evidence):
    """Trials in teaching order (adjuvant, neoadjuvant, metastatic; then trials.teaching_order), each trial's
    analyses as analyses.csv lists them; one row per quantity (MARIANNE: one per comparison of its three arms)."""
    frame = hazard_ratios(evidence)
    assert list(frame.trial.drop_duplicates()) == [t for t in vocab.trial_order() if t in set(frame.trial)]
    # derived from data/: every hazard-ratio quantity once (a cross-check row marked preferred = no never drawn)
    rows = evidence.endpoints[evidence.endpoints.statistic == "hazard_ratio"]
    preferred = rows[rows.get("preferred", "").fillna("") != "no"] if "preferred" in rows else rows
    identity = ["trial", "analysis", "endpoint", "arm", "comparator", "subset"]
    assert not frame.duplicated(identity).any()
    assert set(map(tuple, frame[identity].fillna("").values)) == set(map(tuple, preferred[identity].fillna("").values))
    for trial, rows_of_trial in frame.groupby("trial", sort=False):  # analyses in the order analyses.csv lists them
        order = list(evidence.analyses[evidence.analyses.trial == trial].analysis)
        seen = list(dict.fromkeys(rows_of_trial.analysis))
        assert seen == [a for a in order if a in seen], trial
    # published rows pinned by id: KATHERINE IDFS primary (von Minckwitz, N Engl J Med 2019, via the EMA review),
    # the preferred of its three rows; KAITLIN's two co-primary populations, told apart by subset
    ids = list(frame.row_id)
    assert "K-P-IDFS-HR" in ids and "K-P-IDFS-HR-GBG" not in ids and "K-P-IDFS-HR-NRCO" not in ids
    assert {"KAI-P-IDFS-HR-NPOS", "KAI-P-IDFS-HR-ITT"} <= set(ids)


def test_selection_by_trial_and_endpoint(evidence):
    frame = hazard_ratios(evidence, trials=["EMILIA"], endpoints=["OS"])
    assert list(frame.row_id) == ["E-I2-OS-HR", "E-F-OS-HR"]


@pytest.mark.parametrize("kwargs, message", [
    ({"trials": ["KATHRINE"]}, "unknown trial 'KATHRINE'; valid: KATHERINE, EMILIA"),
    ({"endpoints": ["NOT-AN-ENDPOINT"]}, "unknown endpoint 'NOT-AN-ENDPOINT'; valid:"),
    ({"analyses": ["interim"]}, "unknown analysis 'interim'; valid:"),
])
def test_unknown_selection_lists_the_valid_choices(evidence, kwargs, message):
    with pytest.raises(SelectionError, match=re.escape(message)):
        hazard_ratios(evidence, **kwargs)


@pytest.mark.parametrize("theme", ["slide", "print"])
def test_svg_shows_each_selected_row_with_its_published_values_in_order(evidence, tmp_path, theme):
    frame = hazard_ratios(evidence, trials=["KATHERINE", "EMILIA"])
    drawn = forest.draw(frame, evidence, THEMES[theme])
    save(drawn, evidence, THEMES[theme], tmp_path / "forest", formats=("svg",))
    texts = svg_texts(tmp_path / "forest.svg")
    labels = [t for t in texts if t.startswith(("KATHERINE,", "EMILIA,"))]
    marks = [forest.status(r, evidence) for _, r in frame.iterrows()]
    assert labels == [row_label(r) + (f" ({m})" if m else "") for (_, r), m in zip(frame.iterrows(), marks)]
    assert labels[:1] == ["KATHERINE, IDFS, primary analysis"] and "EMILIA, OS, second interim OS analysis" in labels
    assert "0.54 (0.44 to 0.66)" in texts and "0.682 (0.548 to 0.849)" in texts
    assert "P = 0.003" in texts and "P = 0.0006" in texts
    assert "P<0.001\u2020" in texts, "the preferred KATHERINE row shows the P its cross-check publishes, marked"
    assert "\u2190 Favours T-DM1" in texts and "Favours comparator \u2192" in texts
    footer = " ".join(t for t in texts if "Published values" in t or "Sources" in t)
    assert "Geyer et al., N Engl J Med 2025" in footer and "Published values; no new analysis." in footer


def test_a_single_comparator_is_named_in_the_favours_label(evidence):
    drawn = forest.draw(hazard_ratios(evidence, trials=["KATHERINE"]), evidence, THEMES["slide"])
    texts = [t.get_text() for t in drawn.figure.findobj(lambda a: hasattr(a, "get_text"))]
    assert "Favours trastuzumab \u2192" in texts


def test_description_states_every_value_and_direction_and_the_alt_text_is_short(evidence):
    drawn = forest.draw(hazard_ratios(evidence, trials=["KATHERINE", "EMILIA"]), evidence, THEMES["slide"])
    assert drawn.alt_text.startswith("Forest plot of hazard ratios on a log scale")
    assert len(drawn.alt_text) < 250 and drawn.description.startswith(drawn.alt_text.rstrip(" \u2026"))
    assert ("KATHERINE, invasive disease-free survival, final IDFS analysis: hazard ratio 0.54 "
            "(95% CI 0.44 to 0.66) favouring T-DM1, T-DM1 versus trastuzumab.") in drawn.description
    # KAITLIN (Krop et al., J Clin Oncol 2022): IDFS HR 0.98 (0.72 to 1.32), an interval containing 1: no "favouring"
    null = forest.draw(hazard_ratios(evidence, trials=["KAITLIN"]), evidence, THEMES["slide"]).description
    assert "0.98 (95% CI 0.72 to 1.32), AC-KP versus AC-THP" in null and "favouring AC-KP" not in null
    assert "EMILIA, overall survival, second interim OS analysis: hazard ratio 0.682" in drawn.description
    assert "<Figure" not in drawn.alt_text


def test_manifest_lists_the_values_drawn_with_their_rows(evidence, tmp_path):
    drawn = forest.draw(hazard_ratios(evidence, trials=["KATHERINE", "EMILIA"]), evidence, THEMES["slide"])
    record = save(drawn, evidence, THEMES["slide"], tmp_path / "forest", parameters={"trials": []})
    on_disk = json.loads((tmp_path / "forest.json").read_text(encoding="utf-8"))
    assert on_disk == record
    endpoints = evidence.endpoints.set_index("row_id")
    for value in record["values"]:
        row = endpoints.loc[value["row_id"]]
        if value["label"].endswith(", P value"):  # a P value read from another row of the same quantity
            assert value["value"] == f"P{row.p_value}"
        else:
            assert value["value"] == f"{row.estimate_text} ({row.ci_low_text} to {row.ci_high_text})"
    frame = hazard_ratios(evidence, trials=["KATHERINE", "EMILIA"])
    assert {c["id"] for c in record["citations"]} == set(frame.source) | set(frame.p_source) - {""}
    assert re.fullmatch(r"[0-9a-f]{64}", record["data_sha256"])
    assert record["files"] == ["forest.png", "forest.svg", "forest.pdf"]
    assert all((tmp_path / f).stat().st_size > 0 for f in record["files"])


def test_same_inputs_give_byte_identical_files(evidence, tmp_path):
    for folder in ("a", "b"):
        drawn = forest.draw(hazard_ratios(evidence, trials=["KATHERINE", "EMILIA"]), evidence, THEMES["slide"])
        save(drawn, evidence, THEMES["slide"], tmp_path / folder / "forest")
    for name in ("forest.png", "forest.svg", "forest.pdf", "forest.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_drawing_check_refuses_a_shifted_row():
    with pytest.raises(DrawingError, match="expected"):
        assert_drawn(["KATHERINE, IDFS", "EMILIA, OS"], ["EMILIA, OS", "KATHERINE, IDFS"], "row labels")


def test_emilia_pfs_shows_the_labels_p_value_with_its_citation(evidence, tmp_path):
    """EMILIA PFS, primary analysis: Verma 2012 (chosen, the analysis's own publication) gives no P;
    the KADCYLA US prescribing information 2013 (row E-P-PFS-HR-LABEL) publishes P<0.0001 for the same
    comparison, so the plot shows it, marked and cited, instead of 'not given'."""
    frame = hazard_ratios(evidence, trials=["EMILIA"], endpoints=["PFS"])
    row = frame.iloc[0]
    assert (row.row_id, row.p_value, row.p_row_id) == ("E-P-PFS-HR", "<0.0001", "E-P-PFS-HR-LABEL")
    assert row.p_source == evidence.endpoints.set_index("row_id").loc["E-P-PFS-HR-LABEL", "source"]
    drawn = forest.draw(frame, evidence, THEMES["slide"])
    record = save(drawn, evidence, THEMES["slide"], tmp_path / "forest", formats=("svg",))
    texts = svg_texts(tmp_path / "forest.svg")
    assert "P<0.0001\u2020" in texts and "not given" not in texts
    from trialfigs.evidence import cite

    cited = cite.short(evidence.references[row.p_source])
    assert any(t.startswith(f"\u2020 P value as published in {cited}") for t in texts), texts
    assert row.p_source in [c["id"] for c in record["citations"]]
    assert {"row_id": "E-P-PFS-HR-LABEL", "value": "P<0.0001"}.items() <= record["values"][-1].items()


@pytest.mark.parametrize("trials, borrowed", [(["KATHERINE"], ["K-P-IDFS-HR"]), (["EMILIA"], ["E-P-PFS-HR"])])
def test_a_row_with_its_own_p_or_no_donor_keeps_it(evidence, trials, borrowed):
    frame = hazard_ratios(evidence, trials=trials)
    assert list(frame[frame.p_row_id != ""].row_id) == borrowed
    assert list(frame[frame.row_id == "E-F-OS-HR"].p_value) in ([], [""]), "no other row of EMILIA's final OS HR has a P"


def _expected_status(row, evidence) -> set[str]:
    """The marks a row must carry, read from the data without the figure code: analyses.analysis_type, the
    results.csv rows of its endpoint (subset and arm), the CI level and the assessor."""
    kinds = {(a, b): c for a, b, c in zip(evidence.analyses.trial, evidence.analyses.analysis, evidence.analyses.analysis_type)}
    res = [r for _, r in evidence.results.iterrows() if (r.trial, r.analysis, r.endpoint) == (row.trial, row.analysis, row.endpoint)
           and (r.subset if isinstance(r.subset, str) else "") == (row.subset if isinstance(row.subset, str) else "")
           and (not isinstance(r.arm, str) or r.arm in ("", row.arm))]
    marks = set()
    if kinds.get((row.trial, row.analysis)) == "descriptive" or (res and all(r.testing == "descriptive" for r in res)):
        marks.add("descriptive")
    if any(r.boundary_crossed == "no" for r in res):
        marks.add("boundary not crossed")
    if row.assessment == "investigator":
        marks.add("investigator-assessed")
    return marks


def test_each_row_says_what_changes_how_its_hazard_ratio_reads(evidence):
    """A descriptive analysis (EMILIA final OS, Dieras et al., Lancet Oncol 2017), a prespecified boundary not crossed
    for that endpoint (DESTINY-Breast03 primary OS, Cortes et al., N Engl J Med 2022) and investigator assessment are
    printed on the row they concern, and on no other row."""
    frame = hazard_ratios(evidence)
    marked = 0
    for trial in dict.fromkeys(frame.trial):
        rows = hazard_ratios(evidence, [trial])
        for endpoint in dict.fromkeys(rows.endpoint):  # one endpoint at a time fits a slide
            chosen = hazard_ratios(evidence, [trial], [endpoint])
            drawn = forest.draw(chosen, evidence, THEMES["print"])
            for (_, row), value in zip(chosen.iterrows(), [v for v in drawn.rows if v.get("p_value") is not None]):
                expected = _expected_status(row, evidence)
                found = set(re.findall(r"descriptive|boundary not crossed|investigator-assessed", value["label"]))
                assert found == expected, (row.row_id, value["label"])
                marked += bool(expected)
    assert marked, "no hazard ratio of the data is descriptive, short of its boundary or investigator-assessed"
