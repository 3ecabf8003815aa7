"""Check educational text against the evidence tables: one verdict per claim, with the published value.

readers (documents to blocks) -> context (blocks to claims, with trial, analysis and subject) ->
claims and numbers (what a sentence states) -> efficacy, safety, labelfacts (verdicts) -> report.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from trialfigs.audit.context import extract
from trialfigs.audit.efficacy import Efficacy
from trialfigs.audit.labelfacts import LabelFacts
from trialfigs.audit.readers import read, read_markdown, read_text
from trialfigs.audit.safety import Safety
from trialfigs.audit.verdicts import (
    CONTRADICTED,
    FAILING,
    NONE,
    OUTDATED,
    ROUNDED,
    SUPPORTED,
    SWAPPED,
    VERDICTS,
    WRONG,
    Finding,
)
from trialfigs.evidence.load import Evidence

__all__ = ["CONTRADICTED", "FAILING", "NONE", "OUTDATED", "ROUNDED", "SUPPORTED", "SWAPPED", "VERDICTS", "WRONG",
           "Auditor", "Finding", "audit_blocks", "audit_file", "audit_text"]


UNNAMED_OK = {"hazard_ratio", "risk_reduction", "landmark", "months", "response", "difference", "follow_up", "events"}


STATISTIC_OF = {"hazard_ratio": "hazard_ratio", "risk_reduction": "hazard_ratio", "landmark": "landmark_rate", "months": "median",
                "response": "proportion", "events": "events", "difference": "difference"}


class Auditor(Efficacy, Safety, LabelFacts):
    def audit(self, claim) -> Finding:
        """The claim's finding; a claim read the same way as one judged before (a repeated sentence in the same
        context: a deck's footer, a handout's repeated table) reuses that verdict, so long documents stay fast."""
        key = (claim.text, claim.kind, claim.value_text, claim.value, claim.high, claim.unit, claim.endpoint, claim.trial, tuple(claim.trials),
               tuple(sorted(claim.analyses)), claim.jurisdiction, tuple(claim.arms), claim.timepoint, repr(sorted(claim.detail.items(), key=str)))
        cache = self.__dict__.setdefault("_findings", {})
        if key not in cache:
            cache[key] = self._judge(claim)
        return replace(cache[key], line=claim.line, location=claim.location or f"line {claim.line}")

    def _judge(self, claim) -> Finding:
        """A claim read in a population: one the tables do not hold is never judged against another one's values."""
        subset = claim.detail.get("subset") or ""
        if subset and (claim.kind in STATISTIC_OF or claim.kind in ("adverse_event", "adverse_direction")):
            statistic = STATISTIC_OF.get(claim.kind)
            held = self.endpoints[self.endpoints.trial.isin(self.trials_of(claim)) & (self.endpoints.statistic == statistic)] if statistic else None
            if subset.startswith("?") or held is None or not (held.subset.fillna("").str.lower() == subset.lower()).any():
                return self.finding(claim, NONE, note=f"subgroup '{subset.lstrip('?')}' not in the data for this kind of value")
        return self._audit(claim)

    def _audit(self, claim) -> Finding:
        """A claim that names no trial is checked against every trial, or every trial of the setting it names:
        a match supports it; anything else is unsure, as the value may be another trial's."""
        if claim.trial or len(claim.trials) == 1 or claim.kind not in UNNAMED_OK:
            return getattr(self, f"_{claim.kind}")(claim)
        claim.trials = claim.trials or list(self.evidence.trials.trial)
        finding = getattr(self, f"_{claim.kind}")(claim)
        if finding.verdict not in (SUPPORTED, ROUNDED):
            return self.finding(claim, NONE, note="the text names no trial, and no published value of the trials it may mean matches")
        return finding


def audit_blocks(evidence: Evidence, blocks) -> list[Finding]:
    """Every claim's finding. A value called outdated is judged again as of its own analysis when other values
    of the document are that same earlier analysis's (the text reports that analysis; its values are not stale)."""
    auditor = Auditor(evidence)
    claims = extract(blocks, auditor.names)
    findings = [auditor.audit(claim) for claim in claims]
    placed: dict = {}
    for claim, finding in zip(claims, findings):
        if finding.verdict in (SUPPORTED, ROUNDED) and finding.analysis:
            placed.setdefault("document", set()).add(finding.analysis)
    for i, (claim, finding) in enumerate(zip(claims, findings)):
        earlier = claim.detail.get("earlier_row")
        if finding.verdict == OUTDATED and earlier and earlier in placed.get("document", set()):
            claim.analyses = set(claim.analyses) | {earlier}
            findings[i] = auditor.audit(claim)
    return findings


def audit_text(evidence: Evidence, text: str, markdown: bool = False) -> list[Finding]:
    """Audit a string as plain text (a line is a paragraph) or, with markdown=True, as Markdown."""
    return audit_blocks(evidence, read_markdown(text) if markdown else read_text(text))


def audit_file(evidence: Evidence, path: Path) -> list[Finding]:
    """Audit a .txt, .md, .pptx or .docx file, read as the document it is."""
    return audit_blocks(evidence, read(path))
