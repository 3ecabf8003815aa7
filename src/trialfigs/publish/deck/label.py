"""The dosing slide, one per jurisdiction, from the current label rows: dose, schedule, infusion, dose reductions and
modifications, and the warnings the label itself carries (boxed warnings in a US label; an SmPC has none, its
special warnings are titled as such). A topic with no current row is simply not on the slide; a superseded
edition is never shown. Each fact is cited with its label section."""

from __future__ import annotations

import re

from trialfigs.evidence import cite
from trialfigs.evidence.load import Evidence
from trialfigs.publish.deck import names as vocab
from trialfigs.publish.deck import rows as R
from trialfigs.publish.deck.text_slides import text_slides

# The label.csv topics this slide shows, in the order a prescriber reads them.
TOPICS = ("dose", "cycle_length", "max_dose", "treatment_duration", "infusion_time", "dose_reduction", "dose_modification",
          "boxed_warning", "special_warning")
# What the title names for each topic present, in order (a label without boxed warnings is not titled with them).
TITLED = {"dose_reduction": "dose reductions", "dose_modification": "dose modification", "boxed_warning": "boxed warnings",
          "special_warning": "special warnings"}
PREFIX = re.compile(r"^(boxed warning|special warning)( text)?:\s*", re.I)


def current(evidence: Evidence) -> list[dict]:
    rows = R.records(evidence.label)
    return [r for r in rows if r.get("status", "current") in ("current", "")]


def label_lines(rows: list[dict]) -> list[tuple[str, str]]:
    lines = []
    for topic in TOPICS:
        said, name, stated = [], topic.replace("_", " "), set()
        for r in (r for r in rows if r["topic"] == topic):
            if r.get("value") and (r.get("population"), r["value"]) in stated:
                continue  # the same rule from a second document of the same label: said once
            stated.add((r.get("population"), r.get("value")))
            text = PREFIX.sub("", r["statement"])
            if text.lower().startswith(name + ": "):
                text = text[len(name) + 2:]
            if r.get("population") not in ("", "all patients") and r["population"] not in text:
                text = f"{text} ({r['population']})"
            if text not in said:
                said.append(text)
        if said:
            lines.append((name.capitalize() + ("s" if len(said) > 1 and topic.endswith("warning") else ""), "; ".join(said)))
    return lines


def sections(found: list[str]) -> str:
    """', boxed warning, sections 2.2 and 2.3' from the label_section cells of the facts cited."""
    found = [s for s in dict.fromkeys(found) if s]
    numbered = [s for s in found if s[:1].isdigit()]
    named = [s for s in found if not s[:1].isdigit()]
    parts = named + ([("section " if len(numbered) == 1 else "sections ") + vocab.list_names(numbered)] if numbered else [])
    return f", {', '.join(parts)}" if parts else ""


def label_title(rows: list[dict], place: str) -> str:
    """'Dosing, dose modification and boxed warnings (US label)': only what the slide shows."""
    named = ["Dosing"] + [TITLED[t] for t in TITLED if any(r["topic"] == t for r in rows)]
    return vocab.list_names(named) + (f" ({place} label)" if place else "")


def label_slides(deck, evidence: Evidence) -> list[str]:
    """One slide per jurisdiction with current facts of these topics; returns the source ids cited."""
    rows = [r for r in current(evidence) if r["topic"] in TOPICS]
    cited = []
    for place in dict.fromkeys(r.get("jurisdiction", "") for r in rows):
        here = [r for r in rows if r.get("jurisdiction", "") == place]
        sources = [s for s in dict.fromkeys(r["source"] for r in here) if s in evidence.references]
        where = "; ".join(f"{cite.short(evidence.references[s])}"
                          + sections([r.get("label_section", "") for r in here if r["source"] == s]) for s in sources)
        read_in = [s for s in dict.fromkeys(r["read_in"] for r in here if r.get("read_in")) if s in evidence.references]
        title = label_title(here, place)
        missing = [TITLED[t] for t in ("dose_reduction", "dose_modification") if not any(r["topic"] == t for r in here)]
        notes = [f"This slide gives the current {place} label's recommended dose and how it is given"
                 + (", and the boxed warnings" if any(r["topic"] == "boxed_warning" for r in here) else "") + "."
                 + (f" Not in the data for this label: {' and '.join(missing)}; check the current prescribing information."
                    if missing else ""),
                 "Sources:\n" + "\n".join(f"{i}. {cite.full(evidence.references[s])}" for i, s in enumerate(sources, 1))]
        if read_in:
            notes.append("Read in:\n" + "\n".join(f"- {cite.full(evidence.references[s])}" for s in read_in))
        text_slides(deck, title, label_lines(here), f"Source: {where}", "\n\n".join(notes))
        cited += sources
    return cited
