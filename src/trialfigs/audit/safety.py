"""Judge side-effect claims against safety.csv: rates by arm and which arm had more."""

from __future__ import annotations

import re

import pandas as pd

from trialfigs.audit.claims import Claim
from trialfigs.audit.verdicts import CONTRADICTED, NONE, ROUNDED, SUPPORTED, Base, Finding


class Safety(Base):
    def _safety_rows(self, claim: Claim) -> tuple[pd.DataFrame, bool]:
        """The trial's safety rows narrowed to the event or category the text names, and whether it named one."""
        safety = self.evidence.safety
        rows = safety[safety.trial.isin(self.trials_of(claim))]
        lower = re.sub(r"\s?\([^()]{1,12}\)", "", claim.text.lower())  # "interstitial lung disease (ILD) or pneumonitis"
        events = [e for e in safety.event.unique() if e != "any adverse event" and re.search(r"\b" + re.escape(e.lower()), lower)]
        if events:  # an event the trial has no row for leaves nothing to judge by
            rows = rows[rows.event.isin(events)]
            category = claim.detail.get("category")
            if category and category in set(safety.category) and not rows.empty and category not in set(rows.category):
                return rows.iloc[0:0], True  # "0.8% being grade 3": no grade 3 row for this event
            return rows, True
        category = claim.detail.get("category")
        if category:
            rows = rows[(rows.category == category) & (rows.event == "any adverse event")]
            attribution = "treatment_related" if re.search(r"treatment[- ]related|drug[- ]related|related to (?:the )?(?:treatment|drug)", lower) else None
            if attribution and "attribution" in rows:  # a treatment-related rate is never an all-cause one
                rows = rows[rows.attribution.fillna("") == attribution]
            return rows, True
        return rows, False

    def _shown(self, row) -> str:
        what = row["event"] if row["event"] != "any adverse event" else self.evidence.vocabulary.set_index(["field", "value"]).label.get(("category", row["category"]), row["category"]) + " adverse events"
        return f"{what}: {row['estimate_text']}% with {row['arm']} ({self.label_of(row)})"

    def _adverse_event(self, claim: Claim) -> Finding:
        if not self.trials_of(claim):
            return self.finding(claim, NONE, note="the text names no trial")
        rows, specific = self._safety_rows(claim)
        for _, row in rows.iterrows():
            how = self._how(claim, row)
            if how:
                return self.finding(claim, SUPPORTED if how == "exact" else ROUNDED, self._shown(row), self.cite(row))
        periods = set(rows.period.fillna(""))
        if len(periods) > 1 and self._periods(claim, rows).empty:
            return self.finding(claim, NONE, note="no published rate matches, and the text does not say which treatment period (which period?)")
        if specific and claim.trial and not rows.empty and (claim.detail.get("category") or set(rows.category) == {"any_grade"}):
            row = rows.iloc[-1]
            shown = "; ".join(self._shown(r) for _, r in rows.iterrows())
            return self.finding(claim, CONTRADICTED, shown, self.cite(row), "no published rate for this event and trial has this value", self._shown(row))
        return self.finding(claim, NONE, note="no published side-effect rate matches")

    @staticmethod
    def _periods(claim: Claim, rows: pd.DataFrame) -> pd.DataFrame:
        """Rows of the treatment period the text names ("during adjuvant treatment"), else of the whole
        treatment (no period, or the period stated as overall)."""
        period = rows.period.fillna("")
        named = [p for p in period.unique() if p and re.search(r"\b" + re.escape(p.split()[0]) + r"\b", claim.text, re.IGNORECASE)
                 and not p.startswith("overall")]
        return rows[period.isin(named)] if named else rows[(period == "") | period.str.startswith("overall")]

    def _how(self, claim: Claim, row):
        from trialfigs.audit.verdicts import precision

        return precision(claim, row["estimate_text"])

    def _adverse_direction(self, claim: Claim) -> Finding:
        rows, specific = self._safety_rows(claim)
        arms = claim.arms
        if not claim.trial or not specific or len(set(arms)) < 1 or rows.empty:
            return self.finding(claim, NONE, note="the text names no trial, arm and kind of side effect the tables hold")
        first, second = arms[0], next((a for a in arms[1:] if a != arms[0]), None)
        if re.match(r"\s*compared (?:with|to)\b", claim.text, re.IGNORECASE) and second:
            first, second = second, first
        signs, shown = set(), []
        for (_, _, _), group in self._periods(claim, rows).groupby(["analysis", "event", "period"]):
            if first not in set(group.arm) or len(group) < 2:
                continue
            mine = float(group[group.arm == first].estimate.iloc[0])
            others = group[group.arm == second] if second in set(group.arm) else group[group.arm != first]  # the arm named, else every other arm
            signs |= {mine > float(v) for v in others.estimate}
            shown += [self._shown(r) for _, r in group.iterrows()]
        if len(signs) != 1:
            return self.finding(claim, NONE, note="the published rates do not decide the direction")
        claimed = claim.detail["more"]
        row = rows.iloc[0]
        if signs == {claimed}:
            return self.finding(claim, SUPPORTED, "; ".join(shown), self.cite(row))
        product = next((a for a in set(rows.arm) if self.names.is_product(a)), first)
        return self.finding(claim, CONTRADICTED, "; ".join(shown), self.cite(row), "the direction is reversed: the published rates say the opposite",
                            "; ".join(shown) + f" ({'more' if signs == {True} else 'fewer'} with {first})" if product else "")
