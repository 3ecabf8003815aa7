"""Check educational text against the evidence tables: one verdict per claim, with the published value.

Verdicts: supported; supported after rounding; contradicted; wrong statistic or term; outdated;
no matching evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from . import cite
from .claims import Claim, extract
from .load import Evidence
from .wording import ci_text

SUPPORTED, ROUNDED, CONTRADICTED, WRONG, OUTDATED, NONE = (
    "supported", "supported after rounding", "contradicted", "wrong statistic or term", "outdated", "no matching evidence")
VERDICTS = [SUPPORTED, ROUNDED, CONTRADICTED, WRONG, OUTDATED, NONE]
FAILING = {CONTRADICTED, WRONG, OUTDATED}
ANALYSIS_ORDER = ["primary", "second_interim_os", "final_idfs", "final_os"]
EARLIER = re.compile(r"\b(primary|interim|initial|first analysis|2012|2018|2019|three-year|3-year)\b", re.IGNORECASE)


@dataclass
class Finding:
    line: int
    claim: str
    kind: str
    verdict: str
    published: str = ""
    source: str = ""
    note: str = ""


def _places(value: float) -> int:
    text = repr(value)
    return 0 if text.endswith(".0") else len(text.split(".")[1])


def _rounds_to(published: str, claimed: float) -> bool:
    places = Decimal(1).scaleb(-_places(claimed))
    return Decimal(published).quantize(places, ROUND_HALF_UP) == Decimal(repr(claimed)).quantize(places, ROUND_HALF_UP)


def _exact(published: str, claimed: float) -> bool:
    return Decimal(published) == Decimal(repr(claimed))


class Auditor:
    def __init__(self, evidence: Evidence):
        self.evidence = evidence
        self.endpoints = evidence.endpoints
        self.label = evidence.label.set_index("fact_id")

    def cite(self, row) -> str:
        return f"{cite.short(self.evidence.references[row['source']])}, {row['locator']}"

    def rows(self, statistic: str, claim: Claim) -> pd.DataFrame:
        frame = self.endpoints[(self.endpoints.statistic == statistic) & (self.endpoints.value_status == "reported")]
        if claim.trial:
            frame = frame[frame.trial == claim.trial]
        if claim.endpoint:
            frame = frame[frame.endpoint == claim.endpoint]
        return frame

    def superseded(self, row) -> pd.Series | None:
        """The same quantity at a later analysis of the same trial, if there is one."""
        same = self.endpoints[(self.endpoints.trial == row["trial"]) & (self.endpoints.endpoint == row["endpoint"])
                              & (self.endpoints.statistic == row["statistic"]) & (self.endpoints.arm == row["arm"])
                              & (self.endpoints.timepoint.isna() | (self.endpoints.timepoint == row["timepoint"]) if not pd.isna(row["timepoint"]) else self.endpoints.timepoint.isna())]
        later = [r for _, r in same.iterrows() if ANALYSIS_ORDER.index(r["analysis"]) > ANALYSIS_ORDER.index(row["analysis"])]
        return later[-1] if later else None

    def audit(self, claim: Claim) -> Finding:
        return getattr(self, f"_{claim.kind}")(claim)

    def _finding(self, claim, verdict, published="", source="", note="") -> Finding:
        return Finding(claim.line, claim.text, claim.kind, verdict, published, source, note)

    def _hazard_ratio(self, claim: Claim) -> Finding:
        rows = self.rows("hazard_ratio", claim)
        if rows.empty:
            return self._finding(claim, NONE, note="no published hazard ratio for this trial and endpoint")
        for _, row in rows.iterrows():
            if _rounds_to(row["estimate_text"], claim.value):
                return self._ratio_verdict(claim, row, f"HR {ci_text(row)}")
        for _, row in rows.iterrows():
            if _rounds_to(f"{1 / float(row['estimate_text']):.4f}", claim.value):
                return self._finding(claim, CONTRADICTED, f"HR {ci_text(row)}", self.cite(row),
                                     f"{claim.value:g} is the published ratio inverted (comparator versus T-DM1)")
        row = rows.iloc[0]
        return self._finding(claim, CONTRADICTED, f"HR {ci_text(row)}", self.cite(row), "no published hazard ratio has this value")

    def _ratio_verdict(self, claim: Claim, row, shown: str) -> Finding:
        if claim.detail.get("negated") and not (row["ci_low"] <= 1 <= row["ci_high"]):
            return self._finding(claim, CONTRADICTED, shown, self.cite(row), "the claim is negated, but the published 95% CI excludes 1")
        if claim.detail.get("recurrence") and row["endpoint"] == "IDFS":
            return self._finding(claim, WRONG, shown, self.cite(row),
                                 "the IDFS event is invasive disease or death, not recurrence alone: say 'risk of invasive disease or death'")
        later = self.superseded(row)
        if later is not None and not EARLIER.search(claim.text):
            return self._finding(claim, OUTDATED, f"HR {ci_text(later)} ({later['analysis']})", self.cite(later),
                                 f"{shown} is from the {row['analysis']} analysis; a later analysis reports the value shown")
        verdict = SUPPORTED if _exact(row["estimate_text"], claim.value) or claim.kind == "risk_reduction" else ROUNDED
        return self._finding(claim, verdict, shown, self.cite(row))

    def _risk_reduction(self, claim: Claim) -> Finding:
        rows = self.rows("hazard_ratio", claim)
        if rows.empty:
            return self._finding(claim, NONE, note="no published hazard ratio for this trial and endpoint")
        for _, row in rows.iterrows():
            reduction = (Decimal(1) - Decimal(row["estimate_text"])) * 100
            if _rounds_to(str(reduction), claim.value):
                return self._ratio_verdict(claim, row, f"HR {ci_text(row)}, a {reduction.normalize():f}% lower hazard")
        row = rows.iloc[0]
        return self._finding(claim, CONTRADICTED, f"HR {ci_text(row)}", self.cite(row), "no published hazard ratio gives this reduction")

    def _landmark(self, claim: Claim) -> Finding:
        rows = self.rows("landmark_rate", claim)
        rows = rows[(rows.timepoint == claim.timepoint) & (rows.time_unit == "years")]
        if rows.empty:
            return self._finding(claim, NONE, note=f"no published rate at {claim.timepoint:g} years for this trial and endpoint")
        for _, row in rows.iterrows():
            shown = f"{row['estimate_text']}% at {claim.timepoint:g} years ({row['arm']}, {row['endpoint']})"
            if claim.high is not None and claim.value <= row["estimate"] <= claim.high:
                return self._finding(claim, SUPPORTED, shown, self.cite(row), "the published value lies in the stated range")
            if claim.high is None and _exact(row["estimate_text"], claim.value):
                return self._finding(claim, SUPPORTED, shown, self.cite(row))
            if claim.high is None and _rounds_to(row["estimate_text"], claim.value):
                return self._finding(claim, ROUNDED, shown, self.cite(row))
        shown = "; ".join(f"{r['arm']} {r['estimate_text']}%" for _, r in rows.iterrows())
        return self._finding(claim, CONTRADICTED, shown, self.cite(rows.iloc[0]))

    def _months(self, claim: Claim) -> Finding:
        rows = self.rows("median", claim)
        rows = rows[rows.endpoint != "follow_up"]
        if rows.empty:
            return self._finding(claim, NONE, note="no published median for this trial and endpoint")
        for _, row in rows.iterrows():
            if _rounds_to(row["estimate_text"], claim.value):
                shown = f"median {row['endpoint']} {row['estimate_text']} months ({row['arm']}, {row['analysis']})"
                later = self.superseded(row)
                later_note = (f"; the {later['analysis']} analysis reports {later['estimate_text']} months" if later is not None else "")
                if claim.detail.get("statistic") == "average":
                    return self._finding(claim, WRONG, shown, self.cite(row), "this is a median, not an average" + later_note)
                if later is not None and not EARLIER.search(claim.text):
                    return self._finding(claim, OUTDATED, f"median {later['endpoint']} {later['estimate_text']} months ({later['analysis']})",
                                         self.cite(later), f"{row['estimate_text']} months is the {row['analysis']} value")
                verdict = SUPPORTED if _exact(row["estimate_text"], claim.value) else ROUNDED
                return self._finding(claim, verdict, shown, self.cite(row))
        shown = "; ".join(f"{r['endpoint']} {r['arm']} {r['estimate_text']} months ({r['analysis']})" for _, r in rows.iterrows())
        return self._finding(claim, CONTRADICTED, shown, self.cite(rows.iloc[0]))

    def _fact(self, claim: Claim, fact_id: str, note: str = "") -> Finding:
        fact = self.label.loc[fact_id]
        value = f"{fact['value']:g} {fact['unit']}" if not pd.isna(fact["value"]) else fact["statement"]
        source = f"{cite.short(self.evidence.references[fact['source']])}, {fact['locator']}"
        ok = not pd.isna(fact["value"]) and claim.value is not None and float(fact["value"]) == claim.value
        return self._finding(claim, SUPPORTED if ok else CONTRADICTED, value, source, note)

    def _dose(self, claim: Claim) -> Finding:
        if claim.value in (3.0, 2.4) and claim.detail.get("reduction"):
            return self._fact(claim, "dose_reduction_1" if claim.value == 3.0 else "dose_reduction_2")
        return self._fact(claim, "dose")

    def _cycles(self, claim: Claim) -> Finding:
        return self._fact(claim, "cycles_ebc")

    def _schedule(self, claim: Claim) -> Finding:
        return self._fact(claim, "cycle_length")

    def _infusion(self, claim: Claim) -> Finding:
        which = claim.detail.get("which")
        if which == "later":
            return self._fact(claim, "infusion_later")
        if which == "first" or claim.detail.get("later_mentioned"):
            return self._fact(claim, "infusion_first")
        finding = self._fact(claim, "infusion_first")
        if finding.verdict == SUPPORTED:
            later = self.label.loc["infusion_later"]
            return self._finding(claim, CONTRADICTED, f"first infusion 90 minutes; later infusions {later['value']:g} minutes if tolerated",
                                 finding.source, "only the first infusion takes 90 minutes")
        return finding

    def _contraception(self, claim: Claim) -> Finding:
        facts = {"female": self.label.loc["contraception_female"], "male": self.label.loc["contraception_male"]}
        shown = f"females {facts['female']['value']:g} months; male patients with female partners {facts['male']['value']:g} months"
        source = f"{cite.short(self.evidence.references[facts['male']['source']])}, {facts['male']['locator']}"
        if claim.detail.get("male_partners_of_females"):
            return self._finding(claim, CONTRADICTED, shown, source,
                                 "the label's rule for men is for male patients with female partners, for 4 months, not for the partners of female patients")
        wrong = [who for who in claim.detail.get("who", []) if float(facts[who]["value"]) != claim.value]
        if wrong:
            return self._finding(claim, CONTRADICTED, shown, source, f"wrong number of months for {', '.join(wrong)} patients")
        return self._finding(claim, SUPPORTED, shown, source)

    def _boxed(self, claim: Claim) -> Finding:
        boxed = self.label[self.label.topic == "boxed_warning"]
        shown = "; ".join(boxed.statement)
        source = f"{cite.short(self.evidence.references[boxed.source.iloc[0]])}, {boxed.locator.iloc[0]}"
        if claim.value is None:
            return self._finding(claim, SUPPORTED, shown, source)
        return self._finding(claim, SUPPORTED if claim.value == len(boxed) else CONTRADICTED, shown, source)

    def _pregnancy_category(self, claim: Claim) -> Finding:
        fact = self.label.loc["pregnancy_category"]
        return self._finding(claim, OUTDATED, fact["statement"], f"{cite.short(self.evidence.references[fact['source']])}, {fact['locator']}",
                             f"letter category {claim.detail['category']} is no longer used in US labels; the label describes the risk in words")

    def _comparator(self, claim: Claim) -> Finding:
        arms = self.evidence.arms[(self.evidence.arms.trial == claim.trial) & (self.evidence.arms.role == "control")]
        arm = arms.iloc[0]
        return self._finding(claim, WRONG, f"comparator: {arm['arm']} ({arm['regimen']})",
                             f"{cite.short(self.evidence.references[arm['source']])}, {arm['locator']}",
                             f"the comparator is described vaguely; in {claim.trial} it was {arm['arm']}")

    def _contraindication(self, claim: Claim) -> Finding:
        return self._finding(claim, NONE, note="the evidence tables hold no contraindication from the US label; check the label's section 4")


def audit_text(evidence: Evidence, text: str) -> list[Finding]:
    auditor = Auditor(evidence)
    return [auditor.audit(claim) for claim in extract(text)]
