"""Speaker notes a speaker can read aloud: two to four sentences (what the slide shows, what it means, with
the published numbers, and the caveats of this slide only), then the full citations and where values were
read. Provenance (rows, hashes, commits) is not in the notes: it goes to the deck's last, hidden slide."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from trialfigs.evidence.load import Evidence
from trialfigs.figures.kinds import KINDS
from trialfigs.publish.deck import names as vocab
from trialfigs.publish.deck import rows as R

HEADLINE_VALUES = 2
# The statistic a figure kind is about, for its key values (other kinds: every value but differences).
STATISTIC = {name: k.statistic for name, k in KINDS.items() if k.statistic}  # figures/kinds.py
SHOWS = {name: k.shows for name, k in KINDS.items() if k.shows}
OVERALL_SURVIVAL = "overall survival"  # the endpoint (by its vocabulary label) that crossover dilutes


def talking_points(record: dict, evidence: Evidence, index: dict) -> list[str]:
    """Sentences: what the figure shows, its key comparisons with what they mean, then its caveats."""
    shown = R.shown(record, index)
    analyses = R.analyses(evidence)
    if not shown:
        return [f"{record.get('title', 'This figure')}."]
    kind = record.get("figure", "")
    points = [f"This slide shows {SHOWS.get(kind, record['title'].lower())} from {_where(shown, analyses)}."]
    wanted = STATISTIC.get(kind)
    main = [r for r in shown if r.get("statistic") == wanted] if wanted else []
    groups: dict[tuple, list[dict]] = {}
    for row in main or [r for r in shown if r.get("statistic") != "difference"] or shown:
        groups.setdefault(R.group_key(row), []).append(row)
    headline = list(groups.values())[:HEADLINE_VALUES]
    said = [message(g, shown, analyses) for g in headline]
    points.append(_sentence("; ".join(said)))
    if len(groups) > HEADLINE_VALUES:
        points.append(f"The slide shows {len(groups) - HEADLINE_VALUES} further comparison"
                      f"{'s' if len(groups) - HEADLINE_VALUES > 1 else ''} in the same way.")
    found = caveats(shown, record, evidence, analyses)
    if found:
        points.append(_sentence("Keep in mind: " + "; ".join(found)))
    return points


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def ratio_meaning(row: dict) -> str:
    """What a hazard ratio's interval says: which arm it favours only when the interval excludes 1."""
    try:
        low, high = float(row["ci_low"]), float(row["ci_high"])
    except (KeyError, TypeError, ValueError):
        return ""
    if high < 1:
        return f"the interval excludes 1, favouring {row['arm']}"
    if low > 1:
        return f"the interval excludes 1, favouring {row['comparator']}"
    return "the interval includes 1"


def difference(group: list[dict], shown: list[dict]) -> str:
    """The published difference of a two-arm rate comparison, else the derived one, named as such."""
    first = group[0]
    for r in shown:
        if (r.get("statistic") == "difference" and r["trial"] == first["trial"] and r["analysis"] == first["analysis"]
                and r.get("endpoint") == first.get("endpoint") and r.get("timepoint") == first.get("timepoint")):
            return f"a difference of {R.estimate(r)} percentage points"
    rates = [R.estimate(r) for r in group if r.get("unit") == "percent" and r.get("value_status", "reported") == "reported"]
    if len(group) == 2 and len(rates) == 2:
        try:
            return f"an absolute difference of {Decimal(rates[0]) - Decimal(rates[1])} percentage points (derived)"
        except InvalidOperation:
            return ""
    return ""


def message(group: list[dict], shown: list[dict], analyses: dict) -> str:
    """One comparison as said aloud, with what it means."""
    said = R.compare(group, analyses)
    first = group[0]
    if first.get("statistic") == "hazard_ratio":
        first = max(group, key=lambda r: (bool(r.get("p_value")), bool(r.get("ci_low"))))
        meaning = ratio_meaning(first)
        status = R.endpoint_status(first["trial"], first["analysis"], first.get("endpoint", ""), first.get("arm", ""),
                                   first.get("subset", ""))
        return ", ".join(p for p in (said, meaning, status) if p)
    if first.get("statistic") in ("landmark_rate", "proportion"):
        gap = difference(group, shown)
        return f"{said}, {gap}" if gap else said
    return said


def _where(shown: list[dict], analyses: dict) -> str:
    by_trial: dict[str, list[str]] = {}
    for row in shown:
        names = by_trial.setdefault(row["trial"], [])
        name = R.analysis_name(row, analyses)
        if name not in names:
            names.append(name)
    return vocab.list_names([f"the {vocab.list_names(names)} of {vocab.trial_label(t)}" for t, names in by_trial.items()])


def caveats(shown: list[dict], record: dict, evidence: Evidence, analyses: dict) -> list[str]:
    """The caveats of the values on this slide: a descriptive analysis, the status the data state for an endpoint
    shown (R.endpoint_status; analyses.boundary_crossed is never applied to an endpoint), crossover where overall
    survival is shown."""
    said = []
    efficacy = [r for r in shown if r["table"] == "endpoints"]
    for key in dict.fromkeys((r["trial"], r["analysis"]) for r in efficacy):
        analysis = analyses.get(key, {})
        name = f"the {R.analysis_name({'trial': key[0], 'analysis': key[1]}, analyses)} of {vocab.trial_label(key[0])}"
        if analysis.get("analysis_type") == "descriptive":
            said.append(f"{name} is descriptive, not a formal test, so its P values are not confirmatory")
    for key in dict.fromkeys((r["trial"], r["analysis"], r.get("endpoint", ""), "", r.get("subset", "")) for r in efficacy
                             if r.get("statistic") != "hazard_ratio"):
        status = R.endpoint_status(*key)
        if status:
            said.append(f"{key[2]} in the {R.analysis_name({'trial': key[0], 'analysis': key[1]}, analyses)}: {status}")
    survival = {(r["trial"], r["analysis"]) for r in efficacy
                if vocab.label("endpoint", r.get("endpoint", "")) == OVERALL_SURVIVAL}
    for row in R.records(evidence.endpoints):
        if row["endpoint"] == "crossover" and (row["trial"], row["analysis"]) in survival:
            count = f" ({row['events']} of {row['n']})" if row.get("events") and row.get("n") and R.estimate(row) else ""
            said.append(f"in {vocab.trial_label(row['trial'])}, {R.unit_text(row)} of the {row['arm']} arm{count} "
                        f"crossed over ({R.analysis_name(row, analyses)}), which dilutes differences in overall survival")
    return said


def figure_notes(record: dict, evidence: Evidence, index: dict, stem: str, picture: str) -> str:
    """Talking points, then the full citations and the secondary sources values were read in."""
    parts = [" ".join(talking_points(record, evidence, index)), sources(record.get("citations", []))]
    parts.append(read_in(record.get("read_in") or []))
    return "\n\n".join(p for p in parts if p)


def sources(citations: list[dict]) -> str:
    return "Sources:\n" + "\n".join(f"{i}. {c['full']}" for i, c in enumerate(citations, start=1)) if citations else ""


def read_in(summaries: list[dict]) -> str:
    if not summaries:
        return ""
    return ("Some values were read in a secondary source; the slide cites the original publications. Read in:\n"
            + "\n".join(f"- {s['full']}" for s in summaries))


def provenance(record: dict, stem: str, picture: str) -> str:
    """Where a figure slide's values come from: the rows of data/, the data hash and commit, the files. For the
    deck's hidden Provenance slide, not for the speaker."""
    values = "\n".join(f"- {v['label']}: {v['value']}" + (f" [{v['row_id']}]" if v.get("row_id") else " [derived]")
                       for v in record.get("values", []))
    ids = [v["row_id"] for v in record.get("values", []) if v.get("row_id")]
    return (f"Rows {', '.join(ids)}\nValues shown:\n{values}\nData SHA-256: {record.get('data_sha256', '')}\n"
            f"Code SHA-256: {record.get('inputs', {}).get('code_sha256', '')}\nFigure: reports/figures/{picture}; manifest reports/figures/{stem}.json")
