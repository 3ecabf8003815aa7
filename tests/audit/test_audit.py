"""trialfigs audit: labelled claims for every verdict, tricky phrasings, non-claims, and the worked examples."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT
from trialfigs.audit import CONTRADICTED, NONE, OUTDATED, ROUNDED, SUPPORTED, SWAPPED, WRONG, audit_file, audit_text
from trialfigs.evidence import cite
from trialfigs.evidence.load import load


@pytest.fixture(scope="module")
def evidence():
    return load()


def verdicts(evidence, text):
    return [(f.kind, f.verdict) for f in audit_text(evidence, text)]


LABELLED = [
    # hazard ratios and relative risk, against Geyer 2025 / the KATHERINE primary analysis
    ("In the primary analysis of KATHERINE, the risk of invasive disease or death was 50% lower with T-DM1.", [("risk_reduction", SUPPORTED)]),
    ("In KATHERINE, T-DM1 cut the risk of invasive disease or death by 50%.", [("risk_reduction", OUTDATED)]),
    ("In KATHERINE, patients had a 50% lower risk of their cancer returning.", [("risk_reduction", WRONG)]),
    ("KATHERINE: hazard ratio for invasive disease or death 0.54 (95% CI 0.44 to 0.66).", [("hazard_ratio", SUPPORTED)]),
    ("In KATHERINE the hazard ratio for invasive disease-free survival was 2.0.", [("hazard_ratio", CONTRADICTED)]),
    ("T-DM1 did not improve overall survival in KATHERINE (HR 0.66).", [("hazard_ratio", CONTRADICTED)]),
    ("In EMILIA the hazard ratio for overall survival was 0.45.", [("hazard_ratio", CONTRADICTED)]),
    # landmark rates, with rounding and ranges
    ("Seven-year invasive disease-free survival in KATHERINE was 80.8% with T-DM1.", [("landmark", SUPPORTED)]),
    ("Seven-year invasive disease-free survival in KATHERINE was 81% with T-DM1.", [("landmark", ROUNDED)]),
    ("In KATHERINE, 7-year IDFS was between 80% and 82% with T-DM1.", [("landmark", SUPPORTED)]),
    ("In KATHERINE, 7-year IDFS was 85% with T-DM1.", [("landmark", CONTRADICTED)]),
    ("In KATHERINE, 5-year IDFS was 84% with T-DM1.", [("landmark", NONE)]),
    # medians, averages and later analyses, against Verma 2012, the label and Diéras 2017
    ("In EMILIA, median progression-free survival was 9.6 months with T-DM1.", [("months", SUPPORTED)]),
    ("EMILIA patients lived an average of 30.9 months.", [("months", WRONG)]),
    ("In EMILIA, median overall survival was 30.9 months with T-DM1.", [("months", OUTDATED)]),
    ("At the 2012 second interim analysis of EMILIA, median overall survival was 30.9 months.", [("months", SUPPORTED)]),
    ("In EMILIA, median overall survival was 33.0 months with T-DM1.", [("months", CONTRADICTED)]),
    ("In the EMILIA trial, T-DM1 was compared with older combination therapies.", [("comparator", WRONG)]),
    # label facts
    ("The dose is 3.6 mg/kg every 3 weeks.", [("dose", SUPPORTED), ("schedule", SUPPORTED)]),
    ("The dose is 4.8 mg/kg.", [("dose", CONTRADICTED)]),
    # 3 mg/kg is in label.csv only as us2013_dose_reduction_1 (fda_kadcyla_uspi_2013, Section 2.2 Table 1; status superseded):
    # no current row has a dose-reduction schedule, so the tables cannot say it changed. The current label keeps the same
    # schedule, so "outdated" would tell an educator to change a correct sentence: the verdict is no matching evidence.
    ("If needed, reduce the dose to 3 mg/kg.", [("dose", NONE)]),
    ("Give the first infusion over 90 minutes and later infusions over 30 minutes.", [("infusion", SUPPORTED), ("infusion", SUPPORTED)]),
    ("Each infusion takes 90 minutes.", [("infusion", CONTRADICTED)]),
    ("In early breast cancer, treatment lasts 14 cycles.", [("cycles", SUPPORTED)]),
    ("In early breast cancer, treatment lasts 17 cycles.", [("cycles", CONTRADICTED)]),
    ("Women should use contraception for 7 months after the last dose; men for 4 months.", [("contraception", SUPPORTED), ("contraception", SUPPORTED)]),
    ("Male patients should use contraception for 7 months after the last dose.", [("contraception", CONTRADICTED)]),
    ("Use contraception for 7 months after the last dose, for female patients and their male partners.", [("contraception", CONTRADICTED)]),
    ("It carries a boxed warning for three issues.", [("boxed", SUPPORTED)]),
    ("It carries a boxed warning for two issues.", [("boxed", CONTRADICTED)]),
    ("Pregnancy category: D.", [("pregnancy_category", OUTDATED)]),
]

# Issue 14: the failure patterns seen on real public texts, each with its verdict against data/.
LABELLED_REAL_WORLD = [
    # swapped and inverted hazard ratios (Verma 2012 Abstract: PFS 0.65; OS 0.682 at the second interim analysis)
    ("In EMILIA, the overall survival hazard ratio was 0.65.", [("hazard_ratio", SWAPPED)]),
    ("In EMILIA, the hazard ratio for progression-free survival was 0.68.", [("hazard_ratio", SWAPPED)]),
    ("In KATHERINE, the hazard ratio for death was 1.52.", [("hazard_ratio", CONTRADICTED)]),
    # the analysis the text names, and the precision it prints (Geyer 2025 Abstract: OS HR 0.66; IDFS HR 0.54 at 8.4 years)
    ("In the final analysis of KATHERINE, the IDFS hazard ratio was 0.50.", [("hazard_ratio", CONTRADICTED)]),
    ("In KATHERINE (2018), the hazard ratio for invasive disease or death was 0.50.", [("hazard_ratio", SUPPORTED)]),
    # 0.70 is the OS ratio of the primary analysis (row K-P-OS-HR: von Minckwitz 2019, HR 0.70 (0.47 to 1.05), read in
    # Nat Rev Clin Oncol 2019): an earlier analysis's value given without naming it is outdated, not a wrong number
    ("In KATHERINE, the overall survival hazard ratio was 0.70.", [("hazard_ratio", OUTDATED)]),
    ("In the primary analysis of KATHERINE, the overall survival hazard ratio was 0.70.", [("hazard_ratio", SUPPORTED)]),
    ("In the final analysis of KATHERINE, the overall survival hazard ratio was 0.70.", [("hazard_ratio", CONTRADICTED)]),
    ("In KATHERINE, the overall survival hazard ratio was 0.7.", [("hazard_ratio", ROUNDED)]),
    ("In KATHERINE, after a median follow-up of 8.4 years, the hazard ratio for invasive DFS was 0.54 (95% CI 0.44 to 0.66).",
     [("hazard_ratio", SUPPORTED), ("follow_up", SUPPORTED)]),
    ("After 8.4 years of follow-up in KATHERINE, 7-year IDFS was 80.8% and 67.1%.", [("landmark", SUPPORTED), ("landmark", SUPPORTED)]),
    ("In EMILIA, median follow-up was 47.8 months.", [("follow_up", SUPPORTED)]),
    # percentage points are differences, not rates (Geyer 2025 Abstract: 13.7 IDFS, 4.7 OS)
    ("In KATHERINE, 7-year overall survival was 89.1% with T-DM1, a gain of 4.7 percentage points.", [("difference", SUPPORTED), ("landmark", SUPPORTED)]),
    ("In KATHERINE, 7-year overall survival improved by 13.7 percentage points.", [("difference", SWAPPED)]),
    # context across sentences and around the number
    ("If you are a man with a partner who could become pregnant, take care. Keep using birth control for at least 4 months after your last dose.",
     [("contraception", SUPPORTED)]),
    ("The infusion takes 90 minutes for the first dose; following doses take 30 minutes.", [("infusion", SUPPORTED), ("infusion", SUPPORTED)]),
    ("T-DM1 (3.6 mg/kg every 3 weeks) or trastuzumab (6 mg/kg every 3 weeks) for 14 cycles.", [("dose", SUPPORTED), ("schedule", SUPPORTED)]),
    ("The dose is 3.6mg per kg, given 3-weekly.", [("dose", SUPPORTED), ("schedule", SUPPORTED)]),
    # claims the tables cover: patients randomised, response, side effects by arm, arm attribution
    ("In EMILIA, 991 patients were randomised.", [("randomised", SUPPORTED)]),
    ("In EMILIA, 1,200 patients were randomised.", [("randomised", CONTRADICTED)]),
    ("In EMILIA, the objective response rate was 48.2% with T-DM1.", [("response", CONTRADICTED)]),
    ("In KATHERINE, grade 3 or higher adverse events occurred in 26.1% with T-DM1 and 15.7% with trastuzumab.",
     [("adverse_event", SUPPORTED), ("adverse_event", SUPPORTED)]),
    ("In KATHERINE, patients given trastuzumab had more severe side effects than those given T-DM1.", [("adverse_direction", CONTRADICTED)]),
    ("In EMILIA, median progression-free survival was 9.6 months with lapatinib plus capecitabine.", [("months", CONTRADICTED)]),
    # patients with an event (von Minckwitz 2019 via Delgado 2021: 12.2% vs 22.2%; Verma 2012: 30.1% died at the second interim analysis)
    ("In the primary analysis of KATHERINE, invasive disease events occurred in 12.2% of patients given T-DM1 and 22.2% of those given trastuzumab.",
     [("events", SUPPORTED), ("events", SUPPORTED)]),
    ("In EMILIA, 35% of patients on T-DM1 had died at the second interim analysis.", [("events", CONTRADICTED)]),
    ("In EMILIA, 45% of patients on T-DM1 had died.", [("events", NONE)]),  # another analysis may say so
    ("In the primary analysis of KATHERINE, distant recurrence was the first invasive event in 10.5% vs 15.9%.",
     [("events", NONE), ("events", NONE)]),  # a subset the tables do not hold
    ("A: 90 minutes the first time; 30 minutes for later doses if the first was tolerated.", [("infusion", SUPPORTED), ("infusion", SUPPORTED)]),
    ("Q: What about contraception? A: Women: 7 months after the last dose. Men with partners who could become pregnant: 4 months.",
     [("contraception", SUPPORTED), ("contraception", SUPPORTED)]),  # the question is the answer's context
    ("In EMILIA, progression-free survival was longer with T-DM1 (median 9.6 vs 6.4 months; HR 0.65), and overall survival improved.",
     [("hazard_ratio", SUPPORTED), ("months", SUPPORTED)]),  # a semicolon inside parentheses does not end the sentence
    ("In KATHERINE, T-DM1 halved the risk of invasive disease or death at the primary analysis (HR 0.50) and reduced the risk of death by 34% (HR 0.66).",
     [("hazard_ratio", SUPPORTED), ("hazard_ratio", SUPPORTED), ("risk_reduction", SUPPORTED)]),  # each value takes the endpoint named nearest before it
    # an analysis named after an endpoint belongs to that endpoint's value; named before any endpoint, to every value
    # (K-P-IDFS-HR 0.50 and K-P-OS-HR 0.70 at the primary analysis, von Minckwitz 2019; OS 0.66 at the final one, Geyer 2025)
    ("In KATHERINE, the IDFS hazard ratio was 0.50 at the primary analysis and the overall survival hazard ratio 0.66 at the final analysis.",
     [("hazard_ratio", SUPPORTED), ("hazard_ratio", SUPPORTED)]),
    ("In the primary analysis of KATHERINE, the IDFS hazard ratio was 0.50 and the overall survival hazard ratio 0.66.",
     [("hazard_ratio", SUPPORTED), ("hazard_ratio", CONTRADICTED)]),
    # several trials and arms (Perez 2017, MARIANNE rows MAR-P-PFS-MED-*): an arm's whole name wins over the product's name inside it
    ("In MARIANNE, median PFS was 14.1 months with T-DM1, 15.2 months with T-DM1 plus pertuzumab and 13.7 months with trastuzumab plus a taxane.",
     [("months", SUPPORTED), ("months", SUPPORTED), ("months", SUPPORTED)]),
    # MAR-P-PFS-HR-T is 0.91 with no interval in the tables: the value is checked, the "not superior" cannot be
    ("In MARIANNE, T-DM1 was not superior: the PFS hazard ratio was 0.91.", [("hazard_ratio", SUPPORTED)]),
    # side effects by arm and treatment period (Hurvitz 2019, KRI-3Y-AE3-*: overall 31.8% vs 67.7%; KRI-3Y-AE3ADJ-*: adjuvant 24.5% vs 9.9%)
    ("In KRISTINE, more patients had grade 3 or higher adverse events with TCHP.", [("adverse_direction", SUPPORTED)]),
    ("In KRISTINE, during adjuvant treatment, more patients had grade 3 or higher adverse events with TCHP.", [("adverse_direction", CONTRADICTED)]),
    # three arms: the arm compared with is the one named (Perez 2019, MAR-F-AE3-T 47.1% vs MAR-F-AE3-HT 55.8%)
    ("In MARIANNE, patients given T-DM1 had more severe side effects than those given trastuzumab plus taxane.", [("adverse_direction", CONTRADICTED)]),
    # a setting with several trials (trials.csv: four early-setting trials) does not say which trial a wrong value is from
    ("In early breast cancer, the IDFS hazard ratio was 0.60.", [("hazard_ratio", NONE)]),
    ("In early breast cancer, the IDFS hazard ratio was 0.98 with AC-KP versus AC-THP.", [("hazard_ratio", SUPPORTED)]),  # KAI-P-IDFS-HR-ITT
    # jurisdiction: a label fact is judged by the rows of the jurisdiction the text names (us_dose_ebc)
    ("In the US label, the dose is 3.6 mg/kg.", [("dose", SUPPORTED)]),
    ("The hazard ratio was 0.99.", [("hazard_ratio", NONE)]),
]


@pytest.mark.parametrize("text, expected", LABELLED_REAL_WORLD, ids=[t[0][:50] for t in LABELLED_REAL_WORLD])
def test_labelled_real_world_claims(evidence, text, expected):
    assert verdicts(evidence, text) == expected


@pytest.mark.parametrize("text, expected", LABELLED, ids=[t[0][:50] for t in LABELLED])
def test_labelled_claims(evidence, text, expected):
    assert verdicts(evidence, text) == expected


def test_every_verdict_is_covered_by_the_labelled_claims():
    assert {v for _, expected in LABELLED for _, v in expected} == {SUPPORTED, ROUNDED, CONTRADICTED, WRONG, OUTDATED, NONE}


NOT_CLAIMS = [
    "Call 1-800-690-6720 to enrol in the registry.",
    "See section 8.3 of the label, revised 02/2013.",
    "Published on 2025-01-16 in volume 392, pages 249-257.",
    "ClinicalTrials.gov NCT01772472 and NCT00829166.",
    "Patients aged 65 years or older were included; 12% were 75 years or older.",
    "Capecitabine 1000 mg/m2 twice daily plus lapatinib 1250 mg once daily.",
    "Trastuzumab 6 mg/kg every 3 weeks for 14 cycles.",
    "Research from 2020 to 2025 has grown by 40%.",
]


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_numbers_that_are_not_claims_are_left_alone(evidence, text):
    assert verdicts(evidence, text) == []


def test_the_trial_is_taken_from_the_paragraph(evidence):
    text = "KATHERINE enrolled patients with residual disease.\nSeven-year IDFS was 80.8% with T-DM1.\n\nSeven-year IDFS was 80.8% with T-DM1."
    findings = audit_text(evidence, text)
    assert [(f.line, f.verdict) for f in findings] == [(2, SUPPORTED), (4, SUPPORTED)]


def seed(evidence, name: str, reader: str):
    """A seed text read as plain text (audit_text) or as the document its extension says (audit_file)."""
    path = ROOT / "examples" / name
    return audit_text(evidence, path.read_text(encoding="utf-8")) if reader == "text" else audit_file(evidence, path)


@pytest.mark.parametrize("reader", ["text", "file"])
def test_worked_example_drug_guide(evidence, reader):
    findings = seed(evidence, "drug-guide.txt", reader)
    by_line = {(f.line, f.kind): f for f in findings}
    assert by_line[(42, "risk_reduction")].verdict == WRONG  # "50% lower risk of their cancer returning"
    assert by_line[(43, "landmark")].verdict == ROUNDED  # "about 81% ... 7 years": 80.8%
    months = [f for f in findings if f.line == 44 and f.kind == "months"]
    assert [f.verdict for f in months] == [WRONG, SUPPORTED]  # "an average of 30.9 months"; PFS median 9.6
    assert "this is a median, not an average" in months[0].note and "29.9" in months[0].note
    assert any(f.kind == "comparator" and f.verdict == WRONG for f in findings)  # "older combination therapies"
    assert all(f.verdict == SUPPORTED for f in findings if f.kind in {"dose", "infusion", "cycles", "schedule", "boxed"})
    assert [f.verdict for f in findings if f.kind == "contraception"] == [SUPPORTED]


@pytest.mark.parametrize("reader", ["text", "file"])
def test_worked_example_drug_monograph(evidence, reader):
    findings = seed(evidence, "drug-monograph.md", reader)
    assert {f.verdict for f in findings if f.kind == "infusion"} == {CONTRADICTED}  # "a 90-minute infusion" for every dose
    assert [f.verdict for f in findings if f.kind == "pregnancy_category"] == [OUTDATED]
    contraception = [f for f in findings if f.kind == "contraception"]
    assert [f.verdict for f in contraception] == [CONTRADICTED] and "4 months" in contraception[0].note
    assert {f.verdict for f in findings if f.kind == "contraindication"} == {NONE}
    assert all(f.verdict == SUPPORTED for f in findings if f.kind in {"dose", "schedule"})


def test_a_swap_is_named_and_comes_with_the_right_value_and_a_corrected_phrase(evidence):
    """Verma 2012 / the US label: OS HR 0.682 (second interim analysis); 0.65 is the PFS ratio."""
    (finding,) = audit_text(evidence, "In EMILIA, the overall survival hazard ratio was 0.65.")
    assert finding.note == "0.65 is the progression-free survival value (primary analysis), not the overall survival one"
    assert finding.suggestion == "hazard ratio for overall survival 0.682 (0.548 to 0.849), T-DM1 versus lapatinib plus capecitabine (second interim OS analysis)"
    # row E-I2-OS-HR: its source is the 2013 US label itself (fda_kadcyla_uspi_2013), read in a copy (kadcyla_uspi_2013)
    assert finding.source == f"{cite.short(evidence.references['fda_kadcyla_uspi_2013'])}, Section 14.1, efficacy table for Study 1 (EMILIA)"


SEED_VERDICTS = {  # every (line, kind, verdict) the audit gave the seed texts before issue 14; they must all stay
    "drug-guide.txt": [(30, "schedule", SUPPORTED), (32, "dose", SUPPORTED), (33, "schedule", SUPPORTED), (33, "schedule", SUPPORTED),
                       (34, "infusion", SUPPORTED), (34, "infusion", SUPPORTED), (35, "cycles", SUPPORTED), (42, "risk_reduction", WRONG),
                       (43, "landmark", ROUNDED), (44, "months", WRONG), (44, "comparator", WRONG), (44, "months", SUPPORTED),
                       (48, "boxed", SUPPORTED), (74, "contraception", SUPPORTED)],
    "drug-monograph.md": [(14, "dose", SUPPORTED), (14, "schedule", SUPPORTED), (15, "dose", SUPPORTED), (15, "schedule", SUPPORTED),
                          (19, "infusion", CONTRADICTED), (22, "infusion", CONTRADICTED), (117, "dose", SUPPORTED), (117, "schedule", SUPPORTED),
                          (117, "schedule", SUPPORTED), (117, "infusion", CONTRADICTED), (163, "contraindication", NONE),
                          (164, "contraindication", NONE), (176, "pregnancy_category", OUTDATED), (176, "contraception", CONTRADICTED),
                          (183, "contraindication", NONE), (183, "contraindication", NONE), (186, "dose", SUPPORTED), (186, "schedule", SUPPORTED),
                          (203, "dose", SUPPORTED), (203, "schedule", SUPPORTED), (206, "infusion", CONTRADICTED)],
}


@pytest.mark.parametrize("reader", ["text", "file"])
@pytest.mark.parametrize("name", sorted(SEED_VERDICTS))
def test_the_seed_texts_keep_every_verdict_they_had(evidence, name, reader):
    assert sorted((f.line, f.kind, f.verdict) for f in seed(evidence, name, reader)) == sorted(SEED_VERDICTS[name])


def test_published_value_and_citation_come_with_each_contradiction(evidence):
    (finding,) = audit_text(evidence, "In EMILIA, median overall survival was 33.0 months with T-DM1.")
    assert "30.9" in finding.published and "29.9" in finding.published
    # the fix names the latest published value for the arm: Diéras 2017, Overall Survival (final OS analysis)
    assert finding.source.startswith("Diéras et al., Lancet Oncol 2017")
    assert finding.suggestion == "median overall survival 29.9 months with T-DM1 (final OS analysis)"


def test_strict_cli_exits_non_zero_on_the_seed_and_zero_on_clean_text(tmp_path):
    clean = tmp_path / "clean.md"
    clean.write_text("In EMILIA, median progression-free survival was 9.6 months with T-DM1.\n", encoding="utf-8")
    run = lambda path: subprocess.run([sys.executable, "-m", "trialfigs.cli", "audit", str(path), "--strict"],  # noqa: E731
                                      cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run(ROOT / "examples" / "drug-guide.txt").returncode == 1
    done = run(clean)
    assert done.returncode == 0 and "| 1 | In EMILIA, median progression-free survival" in done.stdout


def test_large_and_adversarial_input_is_audited_without_hanging(tmp_path):
    """1 MB of pathological punctuation and digits: a subprocess with a generous timeout guards against backtracking."""
    text = ("(((" * 200 + "9" * 300 + " months median %%% 3.6.6.6 mg/kg " + "-" * 500 + "\n") * 700
    path = tmp_path / "big.txt"
    path.write_text(text[:1_000_000], encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "trialfigs.cli", "audit", str(path)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.startswith("# Claim audit: big.txt")


@pytest.mark.parametrize("example", ["drug-guide.txt", "drug-monograph.md"])
def test_committed_audit_reports_are_current(evidence, example):
    from trialfigs.audit.report import html, markdown

    findings = audit_file(evidence, ROOT / "examples" / example)  # as `make report` reads it
    stem = example.rsplit(".", 1)[0]
    assert (ROOT / "reports" / "audit" / f"{stem}.md").read_text(encoding="utf-8") == markdown(example, findings)
    assert (ROOT / "reports" / "audit" / f"{stem}.html").read_text(encoding="utf-8") == html(example, findings)
