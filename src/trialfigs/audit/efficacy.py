"""Judge efficacy claims: hazard ratios, risk reductions, landmark rates, medians, differences,
response rates, follow-up and patients randomised."""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

from trialfigs.audit.claims import Claim
from trialfigs.audit.verdicts import (
    CONTRADICTED,
    NONE,
    OUTDATED,
    ROUNDED,
    SUPPORTED,
    SWAPPED,
    WRONG,
    Base,
    Finding,
    ci_text,
    has_ci,
    precision,
)

EARLIER = re.compile(r"\b(primary|interim|initial|first analysis|earlier|three-year|3-year|prior results|previous(?:ly)? (?:results|reported)|first report(?:ed)?)\b", re.IGNORECASE)


class Efficacy(Base):
    def _unknown_trial(self, claim: Claim) -> Finding | None:
        if not self.trials_of(claim):
            return self.finding(claim, NONE, note="the text names no trial (or setting) this value could be checked against")
        return None

    def _swapped(self, claim: Claim, statistic: str, column: str = "estimate_text") -> Finding | None:
        """The value equals another endpoint's value of the same trial: name it."""
        if not claim.endpoint or not claim.detail.get("formal_endpoint"):
            return None  # a swap is named only when the text names the endpoint, not when it is guessed from plain words
        others = self.rows(statistic, claim, any_endpoint=True)
        others = others[others.endpoint != claim.endpoint]
        if claim.timepoint is not None:
            others = others[others.timepoint == claim.timepoint]
        for row, _ in self.matches(claim, others, column):
            own = self.rows(statistic, claim)
            own = own[own.analysis == row["analysis"]] if not own[own.analysis == row["analysis"]].empty else own
            if claim.timepoint is not None:
                own = own[own.timepoint == claim.timepoint]
            if own.empty:
                return None
            right = own.iloc[0]
            note = f"{claim.value_text} is the {self.endpoint_label(row['endpoint'])} value ({self.label_of(row)}), not the {self.endpoint_label(claim.endpoint)} one"
            return self.flag(claim, SWAPPED, right, note)
        return None

    def _hazard_ratio(self, claim: Claim) -> Finding:
        if (unknown := self._unknown_trial(claim)):
            return unknown
        if claim.detail.get("boundary"):
            return self.finding(claim, NONE, note="read as a stopping boundary or threshold, not a published estimate")
        rows = self.rows("hazard_ratio", claim)
        if rows.empty:
            return self.finding(claim, NONE, note="no published hazard ratio for this trial and endpoint")
        found = self.matches(claim, rows)
        named = self.wrong_analysis(claim, pd.DataFrame([r for r, _ in found]), rows) if found else None
        if named is not None:
            return self.flag(claim, CONTRADICTED, named, f"{claim.value_text} is the {self.label_of(found[0][0])} value, not the {self.label_of(named)} one")
        if found:
            row, how = next(((r, h) for r, h in found if self.named(claim, r)), found[0])
            return self._ratio_verdict(claim, row, how, f"HR {ci_text(row)}")
        for _, row in rows.iterrows() if claim.endpoint else ():
            if precision(claim, f"{1 / float(row['estimate_text']):.4f}"):
                return self.flag(claim, CONTRADICTED, row, f"{claim.value:g} is the published ratio inverted ({row['comparator']} versus {row['arm']})")
        if (swapped := self._swapped(claim, "hazard_ratio")):
            return swapped
        if claim.detail.get("not_arms"):
            return self.finding(claim, NONE, note="read as a ratio between groups other than the trial's arms (for example by response), which the tables do not hold")
        if not claim.detail.get("formal_endpoint"):  # the endpoint is guessed from plain words: it may be one the tables lack
            return self.finding(claim, NONE, note="no published hazard ratio has this value, and the text does not name the endpoint (which endpoint?)")
        return self.flag(claim, CONTRADICTED, self._best(claim, rows), "no published hazard ratio has this value")

    def earlier(self, claim: Claim, later) -> bool:
        """Whether the text places itself before the later analysis: "primary", "interim", "3-year", or a
        year before the later analysis was published ("in 2018")."""
        if EARLIER.search(claim.text):
            return True
        years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", claim.text)]
        published = [int(y) for y in self.names._years(self.evidence.analyses[(self.evidence.analyses.trial == later["trial"])
                                                                                & (self.evidence.analyses.analysis == later["analysis"])].iloc[0])]
        return bool(years and published and max(years) < min(published))

    def _best(self, claim: Claim, rows: pd.DataFrame):
        """The row to show against a wrong value: one of the named analysis, else the latest."""
        arm = claim.arms[0] if len(set(claim.arms)) == 1 else next((a for a in rows.arm if self.names.is_product(a)), None)
        if arm in set(rows.arm):
            rows = rows[rows.arm == arm]
        named = [r for _, r in rows.iterrows() if self.named(claim, r)]
        return named[0] if named else rows.iloc[-1]

    def _ratio_verdict(self, claim: Claim, row, how: str, shown: str) -> Finding:
        if claim.detail.get("negated") and has_ci(row) and not (row["ci_low"] <= 1 <= row["ci_high"]):  # no interval: significance undecided
            return self.flag(claim, CONTRADICTED, row, "the claim is negated, but the published 95% CI excludes 1", shown)
        if claim.detail.get("recurrence") and row["endpoint"] == "IDFS":
            return self.flag(claim, WRONG, row, "the IDFS event is invasive disease or death, not recurrence alone: say 'risk of invasive disease or death'", shown)
        later = self.superseded(row)
        if later is not None and not self.named(claim, row) and not self.earlier(claim, later):
            claim.detail["earlier_row"] = (row["trial"], row["analysis"])
            return self.flag(claim, OUTDATED, later, f"{shown} is from the {self.label_of(row)}; a later analysis reports the value shown",
                             f"HR {ci_text(later)} ({self.label_of(later)})")
        verdict = SUPPORTED if how == "exact" or claim.kind == "risk_reduction" else ROUNDED
        return self.finding(claim, verdict, shown, self.cite(row))

    def _risk_reduction(self, claim: Claim) -> Finding:
        if (unknown := self._unknown_trial(claim)):
            return unknown
        rows = self.rows("hazard_ratio", claim)
        if rows.empty:
            return self.finding(claim, NONE, note="no published hazard ratio for this trial and endpoint")
        for _, row in rows.iterrows():
            reduction = (Decimal(1) - Decimal(row["estimate_text"])) * 100
            how = precision(claim, format(reduction.normalize(), "f"))
            if how:
                return self._ratio_verdict(claim, row, how, f"HR {ci_text(row)}, a {reduction.normalize():f}% lower hazard")
        if claim.endpoint in (None, "other"):
            for _, row in self.rows("hazard_ratio", claim, any_endpoint=True).iterrows():  # the endpoint in plain words may be read wrong
                reduction = (Decimal(1) - Decimal(row["estimate_text"])) * 100
                if precision(claim, format(reduction.normalize(), "f")):
                    return self._ratio_verdict(claim, row, "exact", f"HR {ci_text(row)}, a {reduction.normalize():f}% lower hazard")
            return self.finding(claim, NONE, note="no published hazard ratio gives this reduction, and the text does not name the endpoint (which endpoint?)")
        return self.flag(claim, CONTRADICTED, self._best(claim, rows), "no published hazard ratio gives this reduction")

    def _arm_check(self, claim: Claim, row, rows: pd.DataFrame) -> Finding | None:
        """A value printed for one arm that is the other arm's: the arm named right after the value
        ("9.6 months with <the comparator arm>"), or for a pair ("X% and Y%") the arms in the order named. An arm named
        elsewhere in the sentence decides nothing (it may be the other arm under a brand name)."""
        arms = claim.arms
        if claim.detail.get("respectively"):
            return None  # "A, B and C months for arms X, Y and Z, respectively": the order is not read, so no arm is judged
        if claim.detail.get("pair") and len(arms) >= 2:
            expected = arms[claim.detail.get("index", 0)]  # "80.8% and 67.1% in the <arm A> and <arm B> arms"
        else:
            expected = claim.detail.get("arm_after")
        if expected and expected != row["arm"]:
            right = rows[(rows.arm == expected) & (rows.endpoint == row["endpoint"]) & (rows.analysis == row["analysis"])]
            if not right.empty and not precision(claim, right.iloc[0]["estimate_text"]):
                return self.flag(claim, CONTRADICTED, right.iloc[0], f"{claim.value_text} is the {row['arm']} arm's value, not {expected}'s")
        return None

    def _landmark(self, claim: Claim) -> Finding:
        if (unknown := self._unknown_trial(claim)):
            return unknown
        rows = self.rows("landmark_rate", claim)
        rows = rows[(rows.timepoint == claim.timepoint) & (rows.time_unit == "years")]
        if rows.empty:
            return self.finding(claim, NONE, note=f"no published rate at {claim.timepoint:g} years for this trial and endpoint")
        if claim.high is not None:
            for _, row in rows.iterrows():
                if claim.value <= row["estimate"] <= claim.high:
                    return self.finding(claim, SUPPORTED, self.phrase(row), self.cite(row), "the published value lies in the stated range")
        else:
            for row, how in self.matches(claim, rows):
                if (wrong_arm := self._arm_check(claim, row, rows)):
                    return wrong_arm
                return self.finding(claim, SUPPORTED if how == "exact" else ROUNDED, self.phrase(row), self.cite(row))
            if (swapped := self._swapped(claim, "landmark_rate")):
                return swapped
        shown = "; ".join(f"{r['arm']} {r['estimate_text']}%" for _, r in rows.iterrows())
        return self.flag(claim, CONTRADICTED, rows.iloc[0], shown=shown)

    def _months(self, claim: Claim) -> Finding:
        if (unknown := self._unknown_trial(claim)):
            return unknown
        if not claim.endpoint:
            return self.finding(claim, NONE, note="the text names no endpoint for this number of months (which endpoint?)")
        rows = self.rows("median", claim)
        rows = rows[rows.endpoint != "follow_up"]
        if rows.empty:
            return self.finding(claim, NONE, note="no published median for this trial and endpoint")
        found = self.matches(claim, rows)
        named = self.wrong_analysis(claim, pd.DataFrame([r for r, _ in found]), rows) if found else None
        if named is not None:
            return self.flag(claim, CONTRADICTED, named, f"{claim.value_text} months is the {self.label_of(found[0][0])} value, not the {self.label_of(named)} one")
        if found:
            row, how = next(((r, h) for r, h in found if self.named(claim, r)), found[0])
            if (wrong_arm := self._arm_check(claim, row, rows)):
                return wrong_arm
            shown = f"median {row['endpoint']} {row['estimate_text']} months ({row['arm']}, {self.label_of(row)})"
            later = self.superseded(row)
            later_note = f"; the {self.label_of(later)} reports {later['estimate_text']} months" if later is not None else ""
            if claim.detail.get("statistic") == "average":
                return self.flag(claim, WRONG, row, "this is a median, not an average" + later_note, shown)
            if later is not None and not self.named(claim, row) and not self.earlier(claim, later):
                claim.detail["earlier_row"] = (row["trial"], row["analysis"])
                return self.flag(claim, OUTDATED, later, f"{row['estimate_text']} months is the {self.label_of(row)} value")
            return self.finding(claim, SUPPORTED if how == "exact" else ROUNDED, shown, self.cite(row))
        if (swapped := self._swapped(claim, "median")):
            return swapped
        shown = "; ".join(f"{r['endpoint']} {r['arm']} {r['estimate_text']} months ({self.label_of(r)})" for _, r in rows.iterrows())
        if not claim.detail.get("formal_endpoint") or "median" not in claim.text.lower():
            return self.finding(claim, NONE, note="no published median has this value, and the text names no median of a named endpoint")
        return self.flag(claim, CONTRADICTED, self._best(claim, rows), shown=shown)

    def _difference(self, claim: Claim) -> Finding:
        if (unknown := self._unknown_trial(claim)):
            return unknown
        rows = self.rows("difference", claim, any_endpoint=True)
        for row, how in self.matches(claim, rows):
            if claim.endpoint and row["endpoint"] != claim.endpoint:
                own = rows[rows.endpoint == claim.endpoint]
                if not own.empty:
                    return self.flag(claim, SWAPPED, own.iloc[0], f"{claim.value_text} percentage points is the {self.endpoint_label(row['endpoint'])} difference")
                continue
            return self.finding(claim, SUPPORTED if how == "exact" else ROUNDED, self.phrase(row), self.cite(row))
        return self.finding(claim, NONE, note="no published difference in percentage points matches this trial and endpoint")

    def _response(self, claim: Claim) -> Finding:
        if (unknown := self._unknown_trial(claim)):
            return unknown
        rows = self.rows("proportion", claim, any_endpoint=claim.endpoint not in self.endpoint_labels)
        rows = rows[rows.endpoint.isin(["ORR", "pCR", "CBR"] if claim.endpoint not in ("ORR", "pCR", "CBR") else [claim.endpoint])]
        if rows.empty:
            return self.finding(claim, NONE, note="no published response rate for this trial and endpoint")
        for row, how in self.matches(claim, rows):
            if (wrong_arm := self._arm_check(claim, row, rows)):
                return wrong_arm
            return self.finding(claim, SUPPORTED if how == "exact" else ROUNDED, self.phrase(row), self.cite(row))
        shown = "; ".join(f"{r['arm']} {r['estimate_text']}%" for _, r in rows.iterrows())
        return self.flag(claim, CONTRADICTED, rows.iloc[0], shown=shown)

    def _events(self, claim: Claim) -> Finding:
        """Patients with an event (percent of the arm). A value no row has is contradicted only when the
        text names the analysis and the endpoint (event counts grow with follow-up, and texts report
        subsets such as distant recurrence that the tables do not hold)."""
        if (unknown := self._unknown_trial(claim)):
            return unknown
        rows = self.rows("events", claim)
        for row, how in self.matches(claim, rows):
            if (wrong_arm := self._arm_check(claim, row, rows)):
                return wrong_arm
            return self.finding(claim, SUPPORTED if how == "exact" else ROUNDED, self._event_phrase(row), self.cite(row))
        named = rows[[(t, a) in claim.analyses for t, a in zip(rows.trial, rows.analysis)]]
        plain_death = claim.endpoint == "OS" and re.search(r"\b(died|deaths?)\b", claim.text, re.IGNORECASE)
        if not named.empty and (claim.detail.get("formal_endpoint") or plain_death):  # "distant recurrence ... first invasive event" is a subset
            row = named.iloc[0]
            shown = "; ".join(f"{r['arm']} {r['estimate_text']}%" for _, r in named.iterrows())
            return self.finding(claim, CONTRADICTED, shown, self.cite(row), "no arm had this share of patients with an event at the analysis named",
                                self._event_phrase(row))
        return self.finding(claim, NONE, note="no published share of patients with an event matches, and the text names no analysis")

    def _event_phrase(self, row) -> str:
        label = self.endpoint_label(row["endpoint"])
        article = "an" if label[:1].lower() in "aeiou" else "a"
        return f"{row['estimate_text']}% of the {row['arm']} arm had {article} {label} event ({self.label_of(row)})"

    def _follow_up(self, claim: Claim) -> Finding:
        if (unknown := self._unknown_trial(claim)):
            return unknown
        analyses = self.evidence.analyses[self.evidence.analyses.trial.isin(self.trials_of(claim))]
        for _, row in analyses.iterrows():
            if not pd.isna(row["median_follow_up"]) and row["median_follow_up"] and str(row["follow_up_unit"]).startswith(claim.unit) and precision(claim, row["median_follow_up"]):
                return self.finding(claim, SUPPORTED, f"median follow-up {row['median_follow_up']} {row['follow_up_unit']} ({self.label_of(row)})", self.cite(row))
        rows = self.endpoints[(self.endpoints.endpoint == "follow_up") & self.endpoints.trial.isin(self.trials_of(claim))]
        for row, how in self.matches(claim, rows[rows.unit.str.startswith(claim.unit)]):
            return self.finding(claim, SUPPORTED if how == "exact" else ROUNDED,
                                f"median follow-up {row['estimate_text']} {row['unit']} ({row['arm']}, {self.label_of(row)})", self.cite(row))
        return self.finding(claim, NONE, note="no published median follow-up matches")

    def _randomised(self, claim: Claim) -> Finding:
        if not claim.trial:
            return self.finding(claim, NONE, note="the text names no trial")
        arms = self.evidence.arms[self.evidence.arms.trial == claim.trial]
        if arms.empty or arms.n_randomised.isna().any():
            return self.finding(claim, NONE, note="no published number randomised for this trial")
        total = int(arms.n_randomised.sum())
        allowed = {int(n) for n in arms.n_randomised} if claim.detail.get("per_arm") else {total} | {int(n) for n in arms.n_randomised}
        shown = f"{total} randomised (" + ", ".join(f"{a['arm']} {a['n_randomised']}" for _, a in arms.iterrows()) + ")"
        row = arms.iloc[0]
        if int(claim.value) in allowed:
            return self.finding(claim, SUPPORTED, shown, self.cite(row))
        return self.finding(claim, CONTRADICTED, shown, self.cite(row), "no arm or total has this number", f"{total} patients were randomised")
