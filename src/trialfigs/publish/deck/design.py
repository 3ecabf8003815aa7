"""One design slide per trial, from trials.csv, arms.csv and analyses.csv, as native slide text."""

from __future__ import annotations

from trialfigs.evidence import cite
from trialfigs.evidence.load import Evidence
from trialfigs.publish.deck import names as vocab
from trialfigs.publish.deck import rows as R
from trialfigs.publish.deck.text_slides import text_slides


def randomised(arm: dict) -> str:
    """'n = 743 randomised', else 'n = 383 treated' where only the number treated is published; '' when the data
    hold neither (nothing is printed)."""
    if arm.get("n_randomised"):
        return f"n = {arm['n_randomised']} randomised"
    return f"n = {arm['n_treated']} treated" if arm.get("n_treated") else ""


PEOPLE = ("adults", "patients", "women", "men", "people", "participants")


def sentence_start(text: str) -> str:
    """A table cell continued inside a sentence: 'Adults with …' -> 'adults with …' (an acronym stays)."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first[:1].isupper() and not first[1:2].isupper() else text


def design_lines(trial: str, evidence: Evidence) -> tuple[list[tuple[str, str]], list[str]]:
    """(label, text) lines and the ids of the sources they were read in (original publications)."""
    row = next(r for r in R.records(evidence.trials) if r["trial"] == trial)
    arms = [r for r in R.records(evidence.arms) if r["trial"] == trial]
    analyses = [r for r in R.records(evidence.analyses) if r["trial"] == trial]
    registry = f"; {row['registry_id']}" if row.get("registry_id") else ""
    lines = [("Population", row["population"]),
             ("Design", f"{row['design']}{registry}"),
             ("Setting", vocab.label("setting", row["setting"]))]
    lines += [(f"Arm {i}", f"{a['arm']}{f' ({randomised(a)})' if randomised(a) else ''}: {a['regimen']}")
              for i, a in enumerate(arms, start=1)]
    endpoints = [vocab.label("endpoint", e) for e in row.get("primary_endpoint", "").split(";") if e]
    if endpoints:
        lines.append(("Primary endpoint" + ("s" if len(endpoints) > 1 else ""), vocab.list_names(endpoints)))
    for a in analyses:
        name = a.get("label") or a["analysis"].replace("_", " ")
        kind = vocab.label("analysis_type", a["analysis_type"]) if a.get("analysis_type") else ""
        facts = [kind] if kind and kind.split()[0] not in name.split() else []
        if a.get("data_cutoff"):  # an absent cut-off is simply not printed
            facts.append(f"data cut-off {a['data_cutoff']}")
        if a.get("median_follow_up"):
            facts.append(f"median follow-up {a['median_follow_up']} {a.get('follow_up_unit', '')}".strip())
        # The result per endpoint (R.analysis_status), never analyses.boundary_crossed: that flag belongs to one
        # endpoint of the analysis and the row does not say which.
        status = R.analysis_status(trial, a["analysis"])
        if status:
            facts.append(status)
        if facts:
            lines.append((name[:1].upper() + name[1:], "; ".join(facts)))
    sources = [row["source"]] + [a["source"] for a in arms] + [s for a in analyses for s in (a.get("publication"), a["source"]) if s]
    return lines, list(dict.fromkeys(sources))


def design_notes(trial: str, evidence: Evidence, sources: list[str], read_in: list[str]) -> str:
    row = next(r for r in R.records(evidence.trials) if r["trial"] == trial)
    arms = [r for r in R.records(evidence.arms) if r["trial"] == trial]
    groups = vocab.list_names([f"{a['n_randomised']} patients to {a['arm']}" for a in arms if a.get("n_randomised")])
    endpoints = vocab.list_names([vocab.label("endpoint", e) for e in row.get("primary_endpoint", "").split(";") if e])
    population = sentence_start(row["population"])
    if population.split(" ", 1)[0] not in PEOPLE:
        population = f"patients with {population}"
    said = (f"{vocab.trial_label(trial)} enrolled {population}. "
            + (f"It randomised {groups}. " if groups else "")
            + (f"The primary endpoint{'s were' if ' and ' in endpoints else ' was'} {endpoints}." if endpoints else ""))
    treated = vocab.list_names([f"{a['n_treated']} patients with {a['arm']}" for a in arms
                                if not a.get("n_randomised") and a.get("n_treated")])
    if treated:
        said = said.replace("The primary endpoint", f"It treated {treated}. The primary endpoint", 1) if "The primary endpoint" in said \
            else said + f" It treated {treated}."
    unknown = [a["arm"] for a in arms if not a.get("n_randomised")]
    if unknown:
        said += f" (Not in the data: the number randomised to {vocab.list_names(unknown)}.)"
    cited = "Sources:\n" + "\n".join(f"{i}. {cite.full(evidence.references[s])}" for i, s in enumerate(sources, start=1)
                                    if s in evidence.references)
    parts = [said, cited]
    if read_in:
        parts.append("Read in:\n" + "\n".join(f"- {cite.full(evidence.references[s])}" for s in read_in if s in evidence.references))
    return "\n\n".join(parts)


def design_title(trial: str) -> str:
    """'<trial> (<primary endpoints>): trial design and primary endpoint'."""
    row = next((r for r in vocab.trials() if r["trial"] == trial), {})
    endpoints = [e for e in (row.get("primary_endpoint") or "").split(";") if e]
    return f"{vocab.trial_label(trial)}{f' ({vocab.list_names(endpoints)})' if endpoints else ''}: trial design and primary endpoint"


def design_slides(deck, trial: str, evidence: Evidence) -> list[str]:
    """The slide(s); returns the source ids cited, for the references."""
    lines, sources = design_lines(trial, evidence)
    sources = [s for s in sources if s in evidence.references]
    read_in = [r["read_in"] for table in (evidence.trials, evidence.arms, evidence.analyses)
               for r in R.records(table) if r["trial"] == trial and r.get("read_in")]
    source = ("Source: " if len(sources) == 1 else "Sources: ") + "; ".join(cite.short(evidence.references[s]) for s in sources)
    text_slides(deck, design_title(trial), lines, source,
                design_notes(trial, evidence, sources, list(dict.fromkeys(read_in))))
    return sources
