"""Speaker notes a speaker can use: talking points from the data first, then the full citations,
the secondary sources the values were read in, and the provenance (rows, hashes, commit) last."""

from __future__ import annotations

from trialfigs.evidence.load import Evidence
from trialfigs.publish.deck import names as vocab
from trialfigs.publish.deck import rows as R

HEADLINE_VALUES = 3
# The statistic a figure kind is about, for its key values (other kinds: every value but differences).
STATISTIC = {"forest": "hazard_ratio", "landmark": "landmark_rate", "medians": "median"}


def talking_points(record: dict, evidence: Evidence, index: dict) -> list[str]:
    """Two or three sentences on what the figure shows, then one per caveat the data record."""
    shown = R.shown(record, index)
    analyses = R.analyses(evidence)
    if not shown:
        return [f"{record.get('title', 'This figure')}."]
    points = [f"{record['title']}, from {_where(shown, analyses)}."]
    wanted = STATISTIC.get(record.get("figure", ""))
    main = [r for r in shown if r.get("statistic") == wanted] if wanted else []
    groups: dict[tuple, list[dict]] = {}
    for row in main or [r for r in shown if r.get("statistic") != "difference"] or shown:
        groups.setdefault(R.group_key(row), []).append(row)
    headline = list(groups.values())[:HEADLINE_VALUES]
    points.append("Key values: " + "; ".join(R.compare(g, analyses) for g in headline) + ".")
    return points + caveats(shown, record, evidence, analyses)


def _where(shown: list[dict], analyses: dict) -> str:
    by_trial: dict[str, list[str]] = {}
    for row in shown:
        names = by_trial.setdefault(row["trial"], [])
        name = R.analysis_name(row, analyses)
        if name not in names:
            names.append(name)
    return vocab.list_names([f"the {vocab.list_names(names)} of {vocab.trial_label(t)}" for t, names in by_trial.items()])


def caveats(shown: list[dict], record: dict, evidence: Evidence, analyses: dict) -> list[str]:
    said = []
    looks = list(dict.fromkeys((r["trial"], r["analysis"]) for r in shown))
    for key in looks:
        analysis = analyses.get(key, {})
        name = f"the {R.analysis_name({'trial': key[0], 'analysis': key[1]}, analyses)} of {vocab.trial_label(key[0])}"
        if analysis.get("analysis_type") == "descriptive":
            said.append(f"Caveat: {name} is descriptive, not a formal test; its P values are not confirmatory.")
        if analysis.get("boundary_crossed") == "no":
            said.append(f"Caveat: {name} did not cross its prespecified efficacy boundary.")
    trials = {t for t, _ in looks}
    time_to_event = set(vocab.values("endpoint", "time_to_event"))
    survival = {(r["trial"], r["analysis"]) for r in shown if r.get("endpoint") in time_to_event}
    for row in R.records(evidence.endpoints):
        if row["endpoint"] == "crossover" and row["trial"] in trials and (row["trial"], row["analysis"]) in survival:
            count = f" ({row['events']} of {row['n']})" if row.get("events") and row.get("n") and R.estimate(row) else ""
            said.append(f"Caveat: in {vocab.trial_label(row['trial'])}, {R.unit_text(row)} of the {row['arm']} arm{count} "
                        f"crossed over ({R.analysis_name(row, analyses)}), which dilutes differences in overall survival.")
    secondary = [r for r in shown if r.get("read_in")] or record.get("read_in")
    if secondary:
        said.append("Some values were read in a secondary source (see Read in below); the slide cites the original publications.")
    return said


def figure_notes(record: dict, evidence: Evidence, index: dict, stem: str, picture: str) -> str:
    parts = [" ".join(talking_points(record, evidence, index)), sources(record.get("citations", []))]
    parts.append(read_in(record.get("read_in") or []))
    values = "\n".join(f"- {v['label']}: {v['value']}" + (f" [{v['row_id']}]" if v.get("row_id") else " [derived]")
                       for v in record.get("values", []))
    parts.append(f"Values shown:\n{values}")
    parts.append(provenance(record, stem, picture))
    return "\n\n".join(p for p in parts if p)


def sources(citations: list[dict]) -> str:
    return "Sources:\n" + "\n".join(f"{i}. {c['full']}" for i, c in enumerate(citations, start=1)) if citations else ""


def read_in(summaries: list[dict]) -> str:
    if not summaries:
        return ""
    return "Read in:\n" + "\n".join(f"- {s['short']} (rows {', '.join(s.get('rows', []))}): {s['full']}" for s in summaries)


def provenance(record: dict, stem: str, picture: str) -> str:
    ids = [v["row_id"] for v in record.get("values", []) if v.get("row_id")]
    return (f"Provenance: rows {', '.join(ids)}\nData SHA-256: {record.get('data_sha256', '')}\n"
            f"Code sha256: {record.get('inputs', {}).get('code_sha256', '')[:12]}\nFigure: reports/figures/{picture}; manifest reports/figures/{stem}.json")
