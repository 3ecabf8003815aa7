"""Judge label facts (dose, schedule, infusion time, cycles, contraception, boxed warning, pregnancy
category, contraindications) against label.csv, by topic, for the jurisdiction the text names.

Rows are chosen by topic and population words, never by row id. With no jurisdiction named, every
current row of the topic counts; a value that only a superseded edition states is outdated.
"""

from __future__ import annotations

import pandas as pd

from .. import cite
from .claims import Claim
from .verdicts import CONTRADICTED, NONE, OUTDATED, SUPPORTED, Base, Finding


class LabelFacts(Base):
    def facts(self, claim: Claim, topic: str, population: str | None = None) -> pd.DataFrame:
        label = self.evidence.label
        rows = label[label.topic == topic]
        if population:
            rows = rows[rows.population.str.contains(population, case=False, regex=True)]
        if claim.jurisdiction:
            rows = rows[rows.jurisdiction == claim.jurisdiction]
        return rows

    def source(self, fact) -> str:
        where = f"{fact['jurisdiction']} label" + (f" {fact['edition']}" if fact["edition"] else "")
        return f"{cite.short(self.evidence.references[fact['source']])}, {fact['locator']} ({where})"

    def shown(self, fact) -> str:
        return f"{fact['value']:g} {fact['unit']}" if not pd.isna(fact["value"]) else fact["statement"]

    def _fact(self, claim: Claim, topic: str, population: str | None = None, note: str = "") -> Finding:
        rows = self.facts(claim, topic, population)
        if rows.empty:
            return self.finding(claim, NONE, note=f"no {claim.jurisdiction or ''} label row for {topic}".replace("  ", " "))
        current = rows[rows.status != "superseded"]
        for _, fact in current.iterrows():
            if not pd.isna(fact["value"]) and claim.value is not None and float(fact["value"]) == claim.value:
                return self.finding(claim, SUPPORTED, self.shown(fact), self.source(fact), note)
        for _, fact in rows[rows.status == "superseded"].iterrows():
            if not pd.isna(fact["value"]) and claim.value is not None and float(fact["value"]) == claim.value:
                now = current.iloc[0] if not current.empty else fact
                return self.finding(claim, OUTDATED, self.shown(now), self.source(now), f"{claim.value:g} {fact['unit']} is from the superseded {fact['edition']} label",
                                    now["statement"])
        fact = (current if not current.empty else rows).iloc[0]
        return self.finding(claim, CONTRADICTED, self.shown(fact), self.source(fact), note, fact["statement"])

    def _dose(self, claim: Claim) -> Finding:
        if claim.detail.get("reduction"):
            reductions = self.facts(claim, "dose_reduction")
            if claim.value in {float(v) for v in reductions.value.dropna()}:
                return self._fact(claim, "dose_reduction")
        return self._fact(claim, "dose")

    def _cycles(self, claim: Claim) -> Finding:
        return self._fact(claim, "treatment_duration")

    def _schedule(self, claim: Claim) -> Finding:
        return self._fact(claim, "cycle_length")

    def _infusion(self, claim: Claim) -> Finding:
        which = claim.detail.get("which")
        if which == "later":
            return self._fact(claim, "infusion_time", "subsequent|later")
        if which == "first" or claim.detail.get("later_mentioned"):
            return self._fact(claim, "infusion_time", "first")
        finding = self._fact(claim, "infusion_time", "first")
        later = self.facts(claim, "infusion_time", "subsequent|later")
        if finding.verdict == SUPPORTED and not later.empty:
            later = later.iloc[0]
            text = f"first infusion {claim.value:g} minutes; later infusions {later['value']:g} minutes if tolerated"
            return self.finding(claim, CONTRADICTED, text, finding.source, f"only the first infusion takes {claim.value:g} minutes", text)
        return finding

    def _contraception(self, claim: Claim) -> Finding:
        """Judged against each jurisdiction's current rows: a claim one label supports is supported (and says which)."""
        rows = self.facts(claim, "contraception")
        rows = rows[rows.status != "superseded"]
        findings = [self._contraception_in(claim, rows[rows.jurisdiction == j]) for j in rows.jurisdiction.unique()]
        findings = [f for f in findings if f is not None]
        if not findings:
            return self.finding(claim, NONE, note="no label row for contraception in this jurisdiction")
        return next((f for f in findings if f.verdict == SUPPORTED), findings[0])

    def _contraception_in(self, claim: Claim, rows: pd.DataFrame) -> Finding | None:
        female = rows[rows.population.str.contains("^female", case=False, regex=True)]
        male = rows[rows.population.str.contains("^male", case=False, regex=True)]
        if female.empty or male.empty:
            return None
        facts = {"female": female.iloc[0], "male": male.iloc[0]}
        shown = f"females {facts['female']['value']:g} months; male patients with female partners {facts['male']['value']:g} months"
        source = self.source(facts["male"])
        if claim.detail.get("male_partners_of_females"):
            return self.finding(claim, CONTRADICTED, shown, source,
                                f"the label's rule for men is for male patients with female partners, for {facts['male']['value']:g} months, not for the partners of female patients", shown)
        wrong = [who for who in claim.detail.get("who", []) if float(facts[who]["value"]) != claim.value]
        if wrong:
            return self.finding(claim, CONTRADICTED, shown, source, f"wrong number of months for {', '.join(wrong)} patients", shown)
        return self.finding(claim, SUPPORTED, shown, source)

    def _boxed(self, claim: Claim) -> Finding:
        boxed = self.facts(claim, "boxed_warning")
        boxed = boxed[boxed.status != "superseded"]
        if boxed.empty:
            return self.finding(claim, NONE, note="no boxed warning rows for this jurisdiction")
        counts = boxed.groupby("jurisdiction").size()
        jurisdiction = next((j for j, n in counts.items() if n == claim.value), counts.idxmax())  # the label the claim matches, else the fullest
        boxed = boxed[boxed.jurisdiction == jurisdiction]
        shown = "; ".join(boxed.statement)
        source = self.source(boxed.iloc[0])
        if claim.value is None:
            return self.finding(claim, SUPPORTED, shown, source)
        return self.finding(claim, SUPPORTED if claim.value == len(boxed) else CONTRADICTED, shown, source, "", f"a boxed warning for {len(boxed)} risks: {shown}")

    def _pregnancy_category(self, claim: Claim) -> Finding:
        rows = self.facts(claim, "pregnancy_category")
        if rows.empty:
            return self.finding(claim, NONE, note="no label row on pregnancy categories")
        fact = rows.iloc[0]
        return self.finding(claim, OUTDATED, fact["statement"], self.source(fact),
                            f"letter category {claim.detail['category']} is no longer used in US labels; the label describes the risk in words", fact["statement"])

    def _comparator(self, claim: Claim) -> Finding:
        arms = self.evidence.arms[(self.evidence.arms.trial == claim.trial) & (self.evidence.arms.role == "control")]
        if arms.empty:
            return self.finding(claim, NONE, note="no control arm for this trial")
        arm = arms.iloc[0]
        return self.finding(claim, "wrong statistic or term", f"comparator: {arm['arm']} ({arm['regimen']})",
                            f"{cite.short(self.evidence.references[arm['source']])}, {arm['locator']}",
                            f"the comparator is described vaguely; in {claim.trial} it was {arm['arm']}", f"compared with {arm['arm']}")

    def _contraindication(self, claim: Claim) -> Finding:
        rows = self.facts(claim, "contraindication")
        item = claim.detail.get("item", "").lower()
        for _, fact in rows.iterrows():
            if item and item.split()[0] in fact["statement"].lower():
                return self.finding(claim, SUPPORTED, fact["statement"], self.source(fact))
        return self.finding(claim, NONE, note="the evidence tables hold no contraindication from the US label; check the label's section 4"
                            if rows.empty else "no contraindication in the label rows matches this item")
