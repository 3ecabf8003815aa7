"""Check educational text against the evidence tables: one verdict per claim, with the published value.

readers (documents to blocks) -> context (blocks to claims, with trial, analysis and subject) ->
claims and numbers (what a sentence states) -> efficacy, safety, labelfacts (verdicts) -> report.
"""

from __future__ import annotations

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


class Auditor(Efficacy, Safety, LabelFacts):
    def audit(self, claim) -> Finding:
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
    auditor = Auditor(evidence)
    return [auditor.audit(claim) for claim in extract(blocks, auditor.names)]


def audit_text(evidence: Evidence, text: str, markdown: bool = False) -> list[Finding]:
    """Audit a string as plain text (a line is a paragraph) or, with markdown=True, as Markdown."""
    return audit_blocks(evidence, read_markdown(text) if markdown else read_text(text))


def audit_file(evidence: Evidence, path: Path) -> list[Finding]:
    """Audit a .txt, .md, .pptx or .docx file, read as the document it is."""
    return audit_blocks(evidence, read(path))
