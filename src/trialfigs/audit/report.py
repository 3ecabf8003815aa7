"""The audit as Markdown, HTML and JSON: where, claim as quoted, how it was read (its frame), verdict, published value,
citation, suggested fix."""

from __future__ import annotations

import json
from collections import Counter

from trialfigs.audit.verdicts import FAILING, VERDICTS, Finding
from trialfigs.html import render_template

CSS = {"supported": "supported", "supported after rounding": "supported", "contradicted": "contradicted", "swapped": "contradicted",
       "wrong statistic or term": "wrong", "outdated": "outdated", "no matching evidence": "none"}


def summary(findings: list[Finding]) -> str:
    counts = Counter(f.verdict for f in findings)
    parts = [f"{counts[v]} {v}" for v in VERDICTS if counts[v]]
    failing = sum(counts[v] for v in FAILING)
    return f"{len(findings)} claims: " + ", ".join(parts) + f". {failing} need correcting."


def per_slide(findings: list[Finding]) -> str:
    """For a deck: the claims and flags of each slide ("slide 3: 6 claims, 1 to correct"); empty for other documents."""
    slides: dict[str, list[Finding]] = {}
    for f in findings:
        if f.location.startswith("slide "):
            slides.setdefault(f.location.split(",")[0], []).append(f)
    parts = [f"{name}: {len(fs)} claims, {sum(f.verdict in FAILING for f in fs)} to correct" for name, fs in slides.items()]
    return "; ".join(parts) + "." if parts else ""


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _where(f: Finding) -> str:
    return f.location.removeprefix("line ") if f.location.startswith("line ") else f.location


def markdown(name: str, findings: list[Finding]) -> str:
    slides = per_slide(findings)
    lines = [f"# Claim audit: {name}", "", summary(findings), "", *([slides, ""] if slides else []),
             "| Where | Claim as written | Read as | Verdict | Published value | Source | Note | Suggested wording |", "|---|---|---|---|---|---|---|---|"]
    lines += [f"| {_cell(_where(f))} | {_cell(f.claim)} | {_cell('read as: ' + f.read_as if f.read_as else '')} | {f.verdict} | {_cell(f.published)} | "
              f"{_cell(f.source)} | {_cell(f.note)} | {_cell(f.suggestion)} |" for f in findings]
    return "\n".join(lines) + "\n"


def html(name: str, findings: list[Finding]) -> str:
    rows = [{**f.__dict__, "where": _where(f), "css": CSS[f.verdict]} for f in findings]
    return render_template("audit.html.j2", name=name, summary=summary(findings), slides=per_slide(findings), findings=rows)


def as_json(name: str, findings: list[Finding]) -> str:
    """One object per claim: location, text, kind, verdict, published value, citation, note, suggestion."""
    claims = [{"location": f.location, "line": f.line or None, "text": f.claim, "kind": f.kind, "read_as": f.read_as, "verdict": f.verdict,
               "published": f.published, "citation": f.source, "note": f.note, "suggestion": f.suggestion} for f in findings]
    return json.dumps({"file": name, "summary": summary(findings), "claims": claims}, indent=2, ensure_ascii=False) + "\n"
