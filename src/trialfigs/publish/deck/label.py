"""The dosing, dose-reduction and boxed-warning slide, one per jurisdiction, from the current label rows."""

from __future__ import annotations

from trialfigs.evidence import cite
from trialfigs.evidence.load import Evidence
from trialfigs.publish.deck import rows as R
from trialfigs.publish.deck.text_slides import text_slides

# The label.csv topics this slide shows, in the order a prescriber reads them.
TOPICS = ("dose", "cycle_length", "max_dose", "treatment_duration", "infusion_time", "dose_reduction", "dose_modification",
          "boxed_warning")
# Said on the slide when a label's current rows hold no dose-reduction schedule (a superseded one is never shown).
NO_REDUCTIONS = "no dose-reduction schedule in the current label rows of data/; see the current prescribing information"


def current(evidence: Evidence) -> list[dict]:
    rows = R.records(evidence.label)
    return [r for r in rows if r.get("status", "current") in ("current", "")]


def label_lines(rows: list[dict]) -> list[tuple[str, str]]:
    lines = []
    for topic in TOPICS:
        if topic == "dose_reduction" and not any(r["topic"] == topic for r in rows):
            lines.append(("Dose reductions", NO_REDUCTIONS))
        said, name = [], topic.replace("_", " ")
        for r in (r for r in rows if r["topic"] == topic):
            text = r["statement"]
            if text.lower().startswith(name + ": "):
                text = text[len(name) + 2:]
            if r.get("population") not in ("", "all patients") and r["population"] not in text:
                text = f"{text} ({r['population']})"
            if text not in said:
                said.append(text)
        if said:
            lines.append((name.capitalize() + ("s" if len(said) > 1 and topic == "boxed_warning" else ""), "; ".join(said)))
    return lines


def label_slides(deck, evidence: Evidence) -> list[str]:
    """One slide per jurisdiction with current facts of these topics; returns the source ids cited."""
    rows = [r for r in current(evidence) if r["topic"] in TOPICS]
    cited = []
    for place in dict.fromkeys(r.get("jurisdiction", "") for r in rows):
        here = [r for r in rows if r.get("jurisdiction", "") == place]
        sources = [s for s in dict.fromkeys(r["source"] for r in here) if s in evidence.references]
        where = "; ".join(f"{cite.short(evidence.references[s])}, "
                          + ", ".join(dict.fromkeys(r["locator"] for r in here if r["source"] == s and r.get("locator")))
                          for s in sources)
        read_in = [s for s in dict.fromkeys(r["read_in"] for r in here if r.get("read_in")) if s in evidence.references]
        title = f"Dosing, dose reductions and boxed warnings{f' ({place} label)' if place else ''}"
        reductions = ("the dose reductions for adverse reactions" if any(r["topic"] == "dose_reduction" for r in here)
                      else "no dose-reduction schedule among its current rows here")
        boxed = ("and the boxed warnings" if any(r["topic"] == "boxed_warning" for r in here)
                 else "and no boxed warning among its current rows here")
        notes = [f"Current {place} prescribing information: the recommended dose, how it is given, {reductions}, {boxed}.",
                 "Sources:\n" + "\n".join(f"{i}. {cite.full(evidence.references[s])}" for i, s in enumerate(sources, 1))]
        if read_in:
            notes.append("Read in:\n" + "\n".join(f"- {cite.full(evidence.references[s])}" for s in read_in))
        notes.append("Provenance: label.csv rows " + ", ".join(r["fact_id"] for r in here))
        text_slides(deck, title, label_lines(here), f"Source: {where}", "\n\n".join(notes))
        cited += sources
    return cited
