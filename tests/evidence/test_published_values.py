"""The values the suite exists to show, pinned to the publications and locators they come from.

If one of these fails, a number an educator may put on a slide has changed: check the source.
"""

from __future__ import annotations

import pytest

from trialfigs.evidence.load import load


@pytest.fixture(scope="module")
def endpoints():
    return load().endpoints.set_index("row_id")


def row(endpoints, row_id):
    return endpoints.loc[row_id]


def test_katherine_idfs_hazard_ratio_geyer_2025_nejm_abstract_results(endpoints):
    """Geyer et al., N Engl J Med 2025;392:249-257, Abstract: HR for invasive disease or death 0.54 (0.44 to 0.66)."""
    hr = row(endpoints, "K-F-IDFS-HR")
    assert (hr.endpoint, hr.statistic, hr.arm, hr.comparator) == ("IDFS", "hazard_ratio", "T-DM1", "trastuzumab")
    assert (hr.estimate_text, hr.ci_low_text, hr.ci_high_text, hr.ci_level) == ("0.54", "0.44", "0.66", 95)
    assert hr.source == "geyer2025" and hr.locator == "Abstract, Results"


def test_katherine_idfs_hazard_ratio_primary_analysis_delgado_2021_esmo_open_abstract(endpoints):
    """Delgado et al., ESMO Open 2021 (EMA review of the 2019 primary analysis), Abstract: HR 0.50 (0.39-0.64)."""
    hr = row(endpoints, "K-P-IDFS-HR")
    assert (hr.estimate_text, hr.ci_low_text, hr.ci_high_text) == ("0.50", "0.39", "0.64")
    assert hr.comparator == "trastuzumab" and hr.source == "delgado2021" and hr.read_in == ""
    assert hr.preferred == "yes", "the row figures use for the primary-analysis IDFS hazard ratio"


@pytest.mark.parametrize("row_id, arm, value", [
    ("K-F-IDFS-7Y-TDM1", "T-DM1", "80.8"),
    ("K-F-IDFS-7Y-TRAS", "trastuzumab", "67.1"),
])
def test_katherine_7_year_idfs_geyer_2025_nejm_abstract_results(endpoints, row_id, arm, value):
    """Geyer et al., N Engl J Med 2025, Abstract: seven-year IDFS 80.8% with T-DM1 and 67.1% with trastuzumab."""
    rate = row(endpoints, row_id)
    assert (rate.endpoint, rate.statistic, rate.arm, rate.timepoint, rate.time_unit) == ("IDFS", "landmark_rate", arm, 7, "years")
    assert (rate.estimate_text, rate.unit) == (value, "percent")


@pytest.mark.parametrize("row_id, arm, value, source", [
    ("E-I2-OS-MED-TDM1", "T-DM1", "30.9", "fda_kadcyla_uspi_2013"),
    ("E-I2-OS-MED-LC", "lapatinib plus capecitabine", "25.1", "fda_kadcyla_uspi_2013"),
])
def test_emilia_median_os_second_interim_kadcyla_label_section_14_1(endpoints, row_id, arm, value, source):
    """Kadcyla US prescribing information (02/2013), Section 14.1, Study 1 table: median OS 30.9 vs 25.1 months
    (the label is the source; it was read in a verbatim third-party copy, recorded in read_in)."""
    median = row(endpoints, row_id)
    assert (median.endpoint, median.statistic, median.arm, median.analysis) == ("OS", "median", arm, "second_interim_os")
    assert (median.estimate_text, median.unit, median.source) == (value, "months", source)


@pytest.mark.parametrize("row_id, arm, value", [
    ("E-P-PFS-MED-TDM1", "T-DM1", "9.6"),
    ("E-P-PFS-MED-LC", "lapatinib plus capecitabine", "6.4"),
])
def test_emilia_median_pfs_verma_2012_nejm_abstract_results(endpoints, row_id, arm, value):
    """Verma et al., N Engl J Med 2012;367:1783-1791, Abstract: median PFS 9.6 vs 6.4 months (independent review)."""
    median = row(endpoints, row_id)
    assert (median.endpoint, median.statistic, median.arm) == ("PFS", "median", arm)
    assert (median.estimate_text, median.unit, median.source) == (value, "months", "verma2012")


def test_emilia_pfs_and_os_hazard_ratios_are_not_swapped(endpoints):
    """Kadcyla label Section 14.1: PFS HR 0.650, OS HR 0.682 (a review table is known to swap them)."""
    assert row(endpoints, "E-P-PFS-HR-LABEL").estimate_text == "0.650"
    assert row(endpoints, "E-P-PFS-HR-LABEL").endpoint == "PFS"
    assert row(endpoints, "E-I2-OS-HR").estimate_text == "0.682"
    assert row(endpoints, "E-I2-OS-HR").endpoint == "OS"


@pytest.mark.parametrize("row_id, arm, comparator, estimate", [
    ("K-F-IDFS-HR", "T-DM1", "trastuzumab", "0.54"),
    ("E-I2-OS-HR", "T-DM1", "lapatinib plus capecitabine", "0.682"),
    ("TH3-F-OS-HR", "T-DM1", "physician's choice", "0.68"),
    ("KRI-3Y-EFS-HR", "T-DM1 plus pertuzumab", "TCHP", "2.61"),
    ("DB03-P-PFS-HR", "trastuzumab deruxtecan", "T-DM1", "0.28"),
])
def test_hazard_ratios_read_experimental_versus_control_as_published(endpoints, row_id, arm, comparator, estimate):
    """Geyer 2025 and Label 14.1 (T-DM1 better); Krop SABCS 2015 S5-05 (TH3RESA OS 0.68); Hurvitz JCO 2019
    abstract (KRISTINE EFS 2.61: higher risk with T-DM1 plus pertuzumab, not an inverted ratio); Cortés NEJM 2022
    abstract (DESTINY-Breast03: T-DM1 is the control, HR 0.28 for trastuzumab deruxtecan)."""
    hr = row(endpoints, row_id)
    assert (hr.statistic, hr.arm, hr.comparator, hr.estimate_text) == ("hazard_ratio", arm, comparator, estimate)


def test_every_hazard_ratio_names_an_experimental_arm_against_a_control():
    """No inverted ratio: each HR is stated experimental (or the first of two experimental arms) versus control."""
    evidence = load()
    roles = {(a.trial, a.arm): a.role for a in evidence.arms.itertuples()}
    ratios = evidence.endpoints[evidence.endpoints.statistic == "hazard_ratio"]
    assert len(ratios) >= 6
    for r in ratios.itertuples():
        assert roles[(r.trial, r.comparator)] == "control", r.row_id
        assert roles[(r.trial, r.arm)] == "experimental", r.row_id


def test_destiny_breast05_idfs_hazard_ratio_nejm_2025_abstract_results(endpoints):
    """DESTINY-Breast05, N Engl J Med 2025 (doi:10.1056/NEJMoa2514661), Abstract, Results: invasive-disease events or
    deaths 51 (6.2%) with T-DXd and 102 (12.5%) with T-DM1, hazard ratio 0.47 (95% CI, 0.34 to 0.66; P<0.001);
    T-DXd versus T-DM1, T-DM1 the control arm."""
    hr = row(endpoints, "DB05-P-IDFS-HR")
    assert (hr.endpoint, hr.statistic, hr.arm, hr.comparator) == ("IDFS", "hazard_ratio", "trastuzumab deruxtecan", "T-DM1")
    assert (hr.estimate_text, hr.ci_low_text, hr.ci_high_text, hr.ci_level, hr.p_value) == ("0.47", "0.34", "0.66", 95, "<0.001")
    assert (hr.source, hr.evidence_level) == ("geyer2025_db05", "primary")
    assert hr.locator.startswith("Abstract") and "Results" in hr.locator


@pytest.mark.parametrize("row_id, arm, value", [
    ("DB05-P-IDFS-3Y-TDXD", "trastuzumab deruxtecan", "92.4"),
    ("DB05-P-IDFS-3Y-TDM1", "T-DM1", "83.7"),
])
def test_destiny_breast05_3_year_idfs_nejm_2025_abstract_results(endpoints, row_id, arm, value):
    """DESTINY-Breast05, N Engl J Med 2025, Abstract, Results: 3-year invasive disease-free survival 92.4% and 83.7%."""
    rate = row(endpoints, row_id)
    assert (rate.endpoint, rate.statistic, rate.arm, rate.timepoint, rate.time_unit) == ("IDFS", "landmark_rate", arm, 3, "years")
    assert (rate.estimate_text, rate.unit) == (value, "percent")

def test_destiny_breast03_drug_related_grade_3_or_4_cortes_2022_nejm_abstract():
    """Cortés et al., N Engl J Med 2022, Abstract: drug-related adverse events of grade 3 or 4, 45.1% and 39.8%.
    Published as grade 3 or 4, so coded grade_3_4 (not grade 3 or higher)."""
    safety = load().safety.set_index("row_id")
    for row_id, value in (("DB03-P-TRAE-G34-TDXD", 45.1), ("DB03-P-TRAE-G34-TDM1", 39.8)):
        r = safety.loc[row_id]
        assert (r.category, r.attribution, r.estimate, r.source) == ("grade_3_4", "treatment_related", value, "cortes2022")
        assert "grade 3 or 4" in r.quote


def test_th3resa_pfs_medians_registry_nct01419197_primary_outcome(endpoints):
    """ClinicalTrials.gov NCT01419197, Results, Primary Outcome Measure: PFS by investigator assessment,
    median 6.2 (5.59 to 6.87) vs 3.3 (2.89 to 4.14) months."""
    for row_id, est, low, high in (("TH3-P-PFS-MED-TDM1", "6.2", "5.59", "6.87"), ("TH3-P-PFS-MED-TPC", "3.3", "2.89", "4.14")):
        r = row(endpoints, row_id)
        assert (r.estimate_text, r.ci_low_text, r.ci_high_text, r.ci_level) == (est, low, high, 95)
        assert (r.source, r.assessment, r.read_in) == ("ctgov_th3resa", "investigator", "")


def test_marianne_pfs_coded_non_inferior_not_superior():
    """ASCO Daily News report of ASCO 2015 abstract 507 (Ellis et al.): noninferior PFS, but not superiority."""
    results = load().results
    marianne = results[(results.trial == "MARIANNE") & (results.endpoint == "PFS")]
    coded = {(r.arm, r.hypothesis, r.result) for r in marianne.itertuples()}
    for arm in ("T-DM1", "T-DM1 plus pertuzumab"):
        assert {(arm, "non_inferiority", "met"), (arm, "superiority", "not_met")} <= coded
