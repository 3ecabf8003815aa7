"""The rows of data/ behind a manifest, as published text, and how to name them aloud."""

from __future__ import annotations

from trialfigs.evidence.load import Evidence
from trialfigs.figures.wording import interval_text, p_text
from trialfigs.publish.deck import names as vocab


def text(value) -> str:
    """A cell as text: '' for missing, integers without '.0'."""
    if value is None or str(value) in {"<NA>", "nan", "NaN"}:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def records(frame) -> list[dict[str, str]]:
    columns = list(frame.columns)
    return [{c: text(v) for c, v in zip(columns, row)} for row in frame.itertuples(index=False, name=None)]


def by_id(evidence: Evidence) -> dict[str, dict[str, str]]:
    """row_id -> the row (with its table's name under 'table'), for endpoints and safety."""
    found = {}
    for table in ("endpoints", "safety"):
        for row in records(getattr(evidence, table)):
            found[row["row_id"]] = {**row, "table": table}
    return found


def shown(record: dict, rows: dict[str, dict]) -> list[dict]:
    """The data rows of the values a manifest records, in its order (derived values have none)."""
    return [rows[v["row_id"]] for v in record.get("values", []) if v.get("row_id") in rows]


def analyses(evidence: Evidence) -> dict[tuple[str, str], dict[str, str]]:
    return {(r["trial"], r["analysis"]): r for r in records(evidence.analyses)}


def analysis_name(row: dict, evidence_analyses: dict) -> str:
    found = evidence_analyses.get((row["trial"], row["analysis"]))
    return (found or {}).get("label") or row["analysis"].replace("_", " ")


def estimate(row: dict) -> str:
    return row.get("estimate_text") or row.get("estimate", "")


def unit_text(row: dict) -> str:
    value = estimate(row)
    if not value and row.get("events"):  # a count published without a percentage ("44 of 198")
        return f"{row['events']} of {row['n']}" if row.get("n") else f"{row['events']} patients"
    unit = row.get("unit", "")
    return f"{value}%" if unit == "percent" else f"{value} {unit}".strip() if unit not in ("ratio", "") else value


def describe(row: dict, evidence_analyses: dict) -> str:
    """'<trial>, <endpoint> (<analysis>), <arm>: <value as published>'."""
    trial = vocab.trial_label(row["trial"])
    where = analysis_name(row, evidence_analyses)
    if row.get("subset"):  # a population or sensitivity analysis, never passed off as the whole trial
        where = f"{where}, {row['subset']}"
    if row["table"] == "safety":
        what = f"{row['event']}, {vocab.label('category', row['category'])}"
        if row.get("period"):
            what += f", {row['period']}"
        return f"{trial}, {what} ({where}), {row['arm']}: {unit_text(row)}"
    what = vocab.label("endpoint", row["endpoint"])
    if row.get("timepoint"):
        what = f"{row['timepoint']}-{row.get('time_unit', '').rstrip('s')} {what}"
    if row.get("statistic") == "hazard_ratio":
        ci = f" ({interval_text(row)})" if interval_text(row) else ""
        p = f", {p_text(row['p_value'])}" if row.get("p_value") else ""
        return f"{trial}, {what} ({where}): hazard ratio {estimate(row)}{ci}{p}, {row['arm']} versus {row['comparator']}"
    if row.get("value_status") == "not_reached":
        return f"{trial}, {what} ({where}), {row['arm']}: median not reached"
    statistic = vocab.label("statistic", row.get("statistic", ""))
    return f"{trial}, {what} ({where}), {row['arm']}, {statistic}: {unit_text(row)}"


def group_key(row: dict) -> tuple:
    """Rows that make one comparison: same trial, analysis, endpoint or event, category, timepoint, statistic."""
    return (row["trial"], row["analysis"], row.get("endpoint") or row.get("event"), row.get("category", ""),
            row.get("period", ""), row.get("subset", ""), row.get("timepoint", ""), row.get("statistic", ""))


def compare(group: list[dict], evidence_analyses: dict) -> str:
    """'<trial>, <timepoint> <endpoint> (<analysis>), landmark rate: <arm> <value> versus <arm> <value>'."""
    if group[0].get("statistic") == "hazard_ratio":  # one comparison published twice: the fuller row, said once
        return describe(max(group, key=lambda r: (bool(r.get("p_value")), bool(r.get("ci_low")))), evidence_analyses)
    if len(group) == 1:
        return describe(group[0], evidence_analyses)
    head = describe(group[0], evidence_analyses).rsplit(": ", 1)[0]
    head = head.replace(f", {group[0]['arm']}", "", 1)
    values = [f"{r['arm']} {unit_text(r) if r.get('value_status', 'reported') == 'reported' else 'not reached'}" for r in group]
    return f"{head}: {' versus '.join(values)}"


# --- the result and status of one endpoint of one analysis -------------------------------------------------
# A boundary, a hypothesis and "descriptive" belong to the endpoint they were stated for. analyses.csv holds
# `boundary_crossed` per analysis, and an analysis reports several endpoints (a primary PFS analysis is also a
# first interim OS analysis): the deck never applies that flag to an endpoint. It states a status only from a
# table keyed by trial, analysis and endpoint (data/results.csv: hypothesis, result, boundary_crossed, status,
# ci_level), when the data folder has one; without it, nothing is said.

RESULT_KEY = ("trial", "analysis", "endpoint")


def results() -> dict[tuple[str, str, str], list[dict[str, str]]]:
    """(trial, analysis, endpoint) -> its rows of results.csv (one per comparison, subset and hypothesis: two
    experimental arms tested for non-inferiority and superiority make four); empty when the data folder has none."""
    found: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for r in vocab.table("results"):
        found.setdefault(tuple(r.get(k, "") for k in RESULT_KEY), []).append(dict(r))
    return found


def status_text(result: dict) -> str:
    """'non-inferiority met; prespecified boundary not crossed; descriptive', from one results row."""
    parts = []
    hypothesis, outcome = result.get("hypothesis", ""), result.get("result", "")
    if hypothesis or outcome:
        parts.append(" ".join(p for p in (vocab.label("hypothesis", hypothesis) if hypothesis else "",
                                          vocab.label("result", outcome) if outcome else "") if p))
    if result.get("boundary_crossed") == "yes":
        parts.append("prespecified boundary crossed")
    elif result.get("boundary_crossed") == "no":
        parts.append("prespecified boundary not crossed")
    if result.get("status"):
        parts.append(vocab.label("result_status", result["status"]))
    if result.get("ci_level") not in (None, "", "95"):
        parts.append(f"{result['ci_level']}% CI")
    return "; ".join(p for p in parts if p)


def endpoint_status(trial: str, analysis: str, endpoint: str, arm: str = "", subset: str = "") -> str:
    """The status of one endpoint at one analysis as words, '' when the data state none: the results rows of that
    subset ('' is the whole population) and, when an arm is given, of the comparisons it is in (a row naming no
    arm is the endpoint's), each hypothesis
    once ('non-inferiority met; superiority not met')."""
    rows = [r for r in results().get((trial, analysis, endpoint), []) if r.get("subset", "") == subset
            and (not arm or not r.get("arm") or arm in (r["arm"], r.get("comparator", "")))]
    return "; ".join(dict.fromkeys(t for t in map(status_text, rows) if t))


def analysis_status(trial: str, analysis: str) -> str:
    """'PFS: primary endpoint met; OS: prespecified boundary not crossed': every endpoint of the analysis with a
    stated status for the whole population, each named; '' when none is stated."""
    said = [f"{endpoint}: {status}" for (t, a, endpoint) in results()
            if t == trial and a == analysis and (status := endpoint_status(t, a, endpoint))]
    return "; ".join(said)
