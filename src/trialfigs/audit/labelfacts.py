"""Judge label facts (dose, schedule, infusion time, cycles, contraception, boxed warning, pregnancy
category, contraindications) against label.csv, by topic, for the jurisdiction the text names.

Rows are chosen by topic and population words, never by row id. With no jurisdiction named, every
current row of the topic counts. A value that only a superseded edition states is outdated when
the current label of that jurisdiction has a row of the same topic; when it has none, the tables
cannot say the value changed, so the verdict is "no matching evidence" (never a false alarm).
"""

from __future__ import annotations

import re

import pandas as pd

from trialfigs.audit.claims import Claim
from trialfigs.audit.verdicts import CONTRADICTED, NONE, OUTDATED, SUPPORTED, Base, Finding
from trialfigs.evidence import cite

HEADING = re.compile(r"\bWARNING:\s*((?:[A-Z][A-Z-]+(?![a-z])(?:,?\s+(?:(?:AND|and)\s+)?|$))+)")


def boxed_issues(rows: pd.DataFrame) -> list[str]:
    """The issues of one label's boxed warning: the ones its heading lists ("WARNING: HEPATOTOXICITY,
    CARDIAC TOXICITY, ..." in a row's verbatim quote), else one per row. Rows that quote the text
    of an issue already listed are not further issues."""
    headings = [[item.strip().lower() for item in re.split(r",|\b(?:AND|and)\b", m.group(1)) if item.strip()]
                for m in (HEADING.search(str(q)) for q in rows.quote) if m]
    return max(headings, key=len) if headings else list(dict.fromkeys(rows.statement))


class LabelFacts(Base):
    def facts(self, claim: Claim, topic: str, population: str | None = None) -> pd.DataFrame:
        """The label rows of a topic for the claim's jurisdiction (cached: a long text asks the same often; callers only read them)."""
        key = (topic, population, claim.jurisdiction)
        cache = self.__dict__.setdefault("_facts", {})
        if key not in cache:
            label = self.evidence.label
            rows = label[label.topic == topic]
            if population:
                rows = rows[rows.population.str.contains(population, case=False, regex=True)]
            if claim.jurisdiction:
                rows = rows[rows.jurisdiction == claim.jurisdiction]
            cache[key] = rows
        return cache[key]

    def _split(self, claim: Claim, topic: str, population: str | None = None):
        """The rows of facts() as current and superseded rows, and the row shown against a value no row has (cached)."""
        key = (topic, population, claim.jurisdiction)
        cache = self.__dict__.setdefault("_splits", {})
        if key not in cache:
            rows = self.facts(claim, topic, population)
            current = rows[rows.status != "superseded"]
            first = (current if not current.empty else rows).iloc[0] if not rows.empty else None
            cache[key] = (rows, current, [fact for _, fact in current.iterrows()],
                          [fact for _, fact in rows[rows.status == "superseded"].iterrows()], first)
        return cache[key]

    def source(self, fact) -> str:
        where = f"{fact['jurisdiction']} label" + (f" {fact['edition']}" if fact["edition"] else "")
        return f"{cite.short(self.evidence.references[fact['source']])}, {fact['locator']} ({where})"

    def shown(self, fact) -> str:
        return f"{fact['value']:g} {fact['unit']}" if not pd.isna(fact["value"]) else fact["statement"]

    def _fact(self, claim: Claim, topic: str, population: str | None = None, note: str = "") -> Finding:
        rows, current, current_facts, superseded_facts, first = self._split(claim, topic, population)
        if rows.empty:
            return self.finding(claim, NONE, note=f"no {claim.jurisdiction or ''} label row for {topic}".replace("  ", " "))
        for fact in current_facts:
            if not pd.isna(fact["value"]) and claim.value is not None and float(fact["value"]) == claim.value:
                return self.finding(claim, SUPPORTED, self.shown(fact), self.source(fact), note)
        for fact in superseded_facts:
            if not pd.isna(fact["value"]) and claim.value is not None and float(fact["value"]) == claim.value:
                successors = current[current.jurisdiction == fact["jurisdiction"]]
                if successors.empty:  # no current row says otherwise: the value may stand unchanged in the current label
                    return self.finding(claim, NONE, self.shown(fact), self.source(fact),
                                        f"only the superseded {fact['edition']} {fact['jurisdiction']} label has a row for {topic}; "
                                        "the current label's rows do not cover it")
                now = successors.iloc[0]
                return self.finding(claim, OUTDATED, self.shown(now), self.source(now), f"{claim.value:g} {fact['unit']} is from the superseded {fact['edition']} label",
                                    now["statement"])
        return self.finding(claim, CONTRADICTED, self.shown(first), self.source(first), note, first["statement"])

    def _dose(self, claim: Claim) -> Finding:
        if claim.detail.get("reduction"):
            reductions = self.facts(claim, "dose_reduction")
            if claim.value in {float(v) for v in reductions.value.dropna()} or (reductions.status != "superseded").any():
                return self._fact(claim, "dose_reduction")
            if not reductions.empty:  # a reduced dose is never judged against the starting dose
                return self.finding(claim, NONE, "; ".join(reductions.statement), self.source(reductions.iloc[0]),
                                    "no current label row holds a dose-reduction schedule; the superseded one does not have this value")
        return self._fact(claim, "dose")

    def _cycles(self, claim: Claim) -> Finding:
        """Cycles in a text about a trial are that trial's regimen (arms.csv, trials.csv design), not the label's."""
        if claim.trial:
            arms = self.evidence.arms[self.evidence.arms.trial == claim.trial]
            design = self.evidence.trials[self.evidence.trials.trial == claim.trial]
            texts = [*arms.regimen.fillna(""), *design.design.fillna("")]
            counts = {float(n) for text in texts for n in re.findall(r"(?<![\d.])(\d{1,2})\s(?:cycles|rounds)\b", text)}
            counts |= {float(n) for text in texts for n in re.findall(r"(?<![\d.])(\d{1,2})\s(?:cycles|rounds)\b", str(text))}
            words = {w: float(i) for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
            counts |= {words[w.lower()] for text in texts for w in re.findall(r"\b(" + "|".join(words) + r")(?:-\w+)?\s(?:cycles|rounds)\b", text, re.IGNORECASE)}
            source = arms.iloc[0] if not arms.empty else None
            if claim.value in counts:
                return self.finding(claim, SUPPORTED, f"{claim.value:g} cycles ({claim.trial} regimen)", self.cite(source) if source is not None else "")
            if claim.detail.get("carried"):  # the trial comes from above: the text may be speaking of the label's course
                finding = self._fact(claim, "treatment_duration")
                return finding if finding.verdict not in (CONTRADICTED, OUTDATED) else self.finding(
                    claim, NONE, note=f"neither the {claim.trial} regimen nor the label's course has this number of cycles, and the sentence names no trial")
            return self.finding(claim, NONE, note=f"the {claim.trial} regimen in the data does not state this number of cycles" if counts else
                                f"the data hold no number of cycles for {claim.trial}")
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
        findings = [self._contraception_in(claim, rule) for rule in self._contraception_rules(claim)]
        findings = [f for f in findings if f is not None]
        if not findings:
            return self.finding(claim, NONE, note="no label row for contraception in this jurisdiction")
        return next((f for verdict in (SUPPORTED, CONTRADICTED) for f in findings if f.verdict == verdict), findings[0])

    def _contraception_rules(self, claim: Claim) -> list:
        """Per jurisdiction of the current contraception rows: its rule for women and for men (cached), or None
        when its rows lack one of them."""
        cache = self.__dict__.setdefault("_contraception_cache", {})
        if claim.jurisdiction not in cache:
            rows = self.facts(claim, "contraception")
            rows = rows[rows.status != "superseded"]
            cache[claim.jurisdiction] = [self._contraception_rule(rows[rows.jurisdiction == j]) for j in rows.jurisdiction.unique()]
        return cache[claim.jurisdiction]

    def _contraception_rule(self, rows: pd.DataFrame):
        facts = {}
        for who, words in (("female", r"^(?:females?|wom[ae]n|mothers?)\b"), ("male", r"^(?:males?|m[ae]n)\b")):
            group = rows[rows.population.str.contains(words, case=False, regex=True)]
            if group.empty:
                return None
            stated = group[group.value.notna()]
            facts[who] = (stated if not stated.empty else group).iloc[0]
        months = {who: None if pd.isna(fact["value"]) else float(fact["value"]) for who, fact in facts.items()}
        said = {who: f"{m:g} months" if m is not None else "no duration stated" for who, m in months.items()}
        shown = f"{facts['female']['population']} {said['female']}; {facts['male']['population']} {said['male']}"
        return facts, months, said, shown, self.source(facts["male"])

    def _contraception_in(self, claim: Claim, rule) -> Finding | None:
        """One jurisdiction's verdict, or None when its rows cannot judge the claim. A rule that states
        no duration (the EU label's for men) neither supports nor contradicts a number of months."""
        if rule is None:
            return None
        facts, months, said, shown, source = rule
        if claim.detail.get("male_partners_of_females"):
            return self.finding(claim, CONTRADICTED, shown, source,
                                f"the label's rule for men is for {facts['male']['population']} ({said['male']}), not for the partners of female patients", shown)
        who = claim.detail.get("who", [])
        wrong = [w for w in who if months[w] is not None and months[w] != claim.value]
        if wrong:
            return self.finding(claim, CONTRADICTED, shown, source, f"wrong number of months for {', '.join(wrong)} patients", shown)
        unstated = [w for w in who if months[w] is None]
        if unstated:
            return self.finding(claim, NONE, shown, source, f"the {facts['male']['jurisdiction']} label states no duration for {', '.join(unstated)} patients")
        return self.finding(claim, SUPPORTED, shown, source)

    def _boxed(self, claim: Claim) -> Finding:
        warnings = self._boxed_warnings(claim)
        if warnings is None:
            return self.finding(claim, NONE, note="no boxed warning rows for this jurisdiction")
        issues, sources = warnings
        counts = {j: len(found) for j, found in issues.items()}
        jurisdiction = next((j for j, n in counts.items() if n == claim.value), max(counts, key=counts.get))  # the label the claim matches, else the fullest
        shown = "; ".join(issues[jurisdiction])
        source = sources[jurisdiction]
        if claim.value is None:
            return self.finding(claim, SUPPORTED, shown, source)
        n = counts[jurisdiction]
        return self.finding(claim, SUPPORTED if claim.value == n else CONTRADICTED, shown, source, "", f"a boxed warning for {n} risks: {shown}")

    def _boxed_warnings(self, claim: Claim):
        """The current boxed warning's issues and source per jurisdiction (cached), or None when no row has one."""
        cache = self.__dict__.setdefault("_boxed_cache", {})
        if claim.jurisdiction not in cache:
            boxed = self.facts(claim, "boxed_warning")
            boxed = boxed[boxed.status != "superseded"]
            cache[claim.jurisdiction] = None if boxed.empty else (
                {j: boxed_issues(rows) for j, rows in boxed.groupby("jurisdiction")},
                {j: self.source(rows.iloc[0]) for j, rows in boxed.groupby("jurisdiction")})
        return cache[claim.jurisdiction]

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
