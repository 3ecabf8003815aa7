"""The audit as Markdown and HTML: line, claim as quoted, verdict, published value and citation."""

from __future__ import annotations

from collections import Counter

from .audit import FAILING, VERDICTS, Finding
from .html import render_template

CSS = {"supported": "supported", "supported after rounding": "supported", "contradicted": "contradicted",
       "wrong statistic or term": "wrong", "outdated": "outdated", "no matching evidence": "none"}


def summary(findings: list[Finding]) -> str:
    counts = Counter(f.verdict for f in findings)
    parts = [f"{counts[v]} {v}" for v in VERDICTS if counts[v]]
    failing = sum(counts[v] for v in FAILING)
    return f"{len(findings)} claims: " + ", ".join(parts) + f". {failing} need correcting."


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def markdown(name: str, findings: list[Finding]) -> str:
    lines = [f"# Claim audit: {name}", "", summary(findings), "",
             "| Line | Claim as written | Verdict | Published value | Source | Note |", "|---|---|---|---|---|---|"]
    lines += [f"| {f.line} | {_cell(f.claim)} | {f.verdict} | {_cell(f.published)} | {_cell(f.source)} | {_cell(f.note)} |" for f in findings]
    return "\n".join(lines) + "\n"


def html(name: str, findings: list[Finding]) -> str:
    rows = [{**f.__dict__, "css": CSS[f.verdict]} for f in findings]
    return render_template("audit.html.j2", name=name, summary=summary(findings), findings=rows)
