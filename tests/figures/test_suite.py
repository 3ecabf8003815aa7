"""The default suite, derived from data/: forests per setting group first, then per trial, each figure once."""

from __future__ import annotations

from conftest import append_row
from trialfigs.evidence import vocabulary as vocab
from trialfigs.figures.suite import default_suite


def test_the_suite_renders_each_figure_once_headline_forests_first():
    jobs = default_suite()
    names = [job.name for job in jobs]
    assert len(names) == len(set(names))
    forests = [j for j in jobs if j.notebook == "forest"]
    assert jobs[:len(forests)] == forests and all(j.name.startswith(("forest-early", "forest-metastatic")) for j in forests)
    assert [j.name for j in forests if "KATHERINE" in j.parameters["trials"]][0].startswith("forest-early")
    icons = {j.name: j.parameters for j in jobs if j.notebook == "iconarray"}
    assert icons["iconarray-katherine-idfs"] == {"trial": "KATHERINE", "endpoint": "IDFS"}
    assert all(len(j.parameters.get("events", [])) <= 4 for j in jobs if j.notebook == "safety")
    illustrative = [j for j in jobs if j.notebook == "illustrative"]
    assert illustrative and jobs[-len(illustrative):] == illustrative, "model illustrations last"
    assert not any(name.startswith(("trial-katherine-", "trial-emilia-")) for name in names), "trial pages draw no copies"


def test_a_new_trial_gets_its_figures_in_its_setting(package):
    """A made-up three-arm metastatic trial with medians, landmark rates and one hazard ratio."""
    data = package / "data"
    append_row(data / "trials.csv", trial="NEWTRIAL", label="NewTrial", teaching_order="2", setting="metastatic",
               primary_endpoint="PFS")
    for arm, rate in (("T-DM1", "50.0"), ("comparator A", "40.0"), ("comparator B", "30.0")):
        append_row(data / "endpoints.csv", row_id=f"N-{arm}", trial="NEWTRIAL", analysis="primary", endpoint="PFS",
                   statistic="landmark_rate", arm=arm, timepoint="2", time_unit="years", estimate=rate)
        append_row(data / "endpoints.csv", row_id=f"N-M-{arm}", trial="NEWTRIAL", analysis="primary", endpoint="PFS",
                   statistic="median", arm=arm, estimate="9.0")
    append_row(data / "endpoints.csv", row_id="N-HR", trial="NEWTRIAL", analysis="primary", endpoint="PFS",
               statistic="hazard_ratio", arm="T-DM1", comparator="comparator A", estimate="0.8")
    vocab._rows.cache_clear()
    jobs = {job.name: job for job in default_suite(data)}
    assert any("NEWTRIAL" in j.parameters["trials"] for n, j in jobs.items() if n.startswith("forest-metastatic"))
    assert {"landmark-newtrial", "iconarray-newtrial-pfs", "medians-newtrial-pfs"} <= set(jobs)
    names = list(jobs)
    assert names.index("medians-newtrial-pfs") > names.index("safety-emilia"), "after EMILIA (teaching order 1)"


def test_forest_plots_are_packed_to_what_a_slide_holds():
    from trialfigs.figures.suite import FOREST_ROWS, packed

    assert packed([("A", 3), ("B", 2), ("C", 4), ("D", 9), ("E", 1)], FOREST_ROWS) == [["A", "B"], ["C"], ["D"], ["E"]]
    vocab._rows.cache_clear()
