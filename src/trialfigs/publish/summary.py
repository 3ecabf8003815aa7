"""The cross-trial summary: one row per trial in teaching order, every cell read from data/.

Per trial: setting, comparison (the arms by role in arms.csv), N (the sum of the arms' numbers
randomised, when every arm has one), each primary endpoint (trials.csv) with its published result
at the first analysis of analyses.csv that reports it (a hazard ratio with its CI and P, else the
arms' rates), the absolute difference (published as a `difference` row, else derived from the
two arms' rates at the same timepoint and named as derived), the analysis, and the sources of
every row used. Never an average, never a new analysis.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from trialfigs.evidence.load import Evidence
from trialfigs.publish.deck import names as vocab
from trialfigs.publish.deck import rows as R

RATES = ("landmark_rate", "proportion")


@dataclass
class Result:
    endpoint: str
    analysis: str
    result: str
    difference: str
    row_ids: list[str] = field(default_factory=list)
    code: str = ""  # the endpoint as data/ codes it (IDFS)
    analysis_name: str = ""  # the analysis without cut-off and follow-up
    short_difference: str = ""  # '+11.3 percentage points at 3 years (derived)'


@dataclass
class SummaryRow:
    trial: str
    label: str
    setting: str
    comparison: str
    setting_code: str
    n: str
    results: list[Result]
    sources: list[str]

    @property
    def endpoints(self) -> str:
        return "; ".join(r.endpoint for r in self.results) or "not stated in trials.csv"


def _p(row: dict) -> str:
    p = row.get("p_value", "")
    if not p:
        return ""
    return f", P {p}" if p[0] in "<>=" else f", P = {p}"


def hazard_text(row: dict) -> str:
    level = f"{float(row['ci_level']):g}" if row.get("ci_level") else "95"
    ci = (f" ({level}% CI {row.get('ci_low_text') or row['ci_low']} to {row.get('ci_high_text') or row['ci_high']})"
          if row.get("ci_low") and row.get("ci_high") else "")
    return f"HR {R.estimate(row)}{ci}{_p(row)}"


def _fullest(rows: list[dict]) -> dict:
    """Of rows giving the same comparison, the one that states the most (CI, P)."""
    return max(rows, key=lambda r: (bool(r.get("ci_low")), bool(r.get("p_value"))))


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def _result(trial: str, endpoint: str, rows: list[dict], analyses: list[dict], arms: list[dict], names: dict) -> Result | None:
    mine = [r for r in rows if r["trial"] == trial and r.get("endpoint") == endpoint and not r.get("subset")
            and r.get("value_status", "reported") == "reported"]
    for analysis in [a["analysis"] for a in analyses]:
        here = [r for r in mine if r["analysis"] == analysis]
        if not here:
            continue
        name = R.analysis_name({"trial": trial, "analysis": analysis}, names)
        found = names.get((trial, analysis), {})
        facts = [f"data cut-off {found['data_cutoff']}"] if found.get("data_cutoff") else []
        if found.get("median_follow_up"):
            facts.append(f"median follow-up {found['median_follow_up']} {found.get('follow_up_unit', '')}".strip())
        analysis_text = name + (f" ({'; '.join(facts)})" if facts else "")
        label = vocab.label("endpoint", endpoint)
        ratios = [r for r in here if r.get("statistic") == "hazard_ratio"]
        used, parts = [], []
        if ratios:
            groups: dict[tuple, list] = {}
            for r in ratios:
                groups.setdefault((r["arm"], r.get("comparator", "")), []).append(r)
            several = len(groups) > 1
            for (arm, comparator), group in groups.items():
                best = _fullest(group)
                used.append(best["row_id"])
                parts.append(hazard_text(best) + (f" ({arm} vs {comparator})" if several else ""))
        rates = [r for r in here if r.get("statistic") in RATES and r.get("estimate")]
        timepoints = list(dict.fromkeys(r.get("timepoint", "") for r in rates))
        rate_rows = [r for r in rates if r.get("timepoint", "") == (timepoints[0] if timepoints else "")]
        when = (f" at {rate_rows[0]['timepoint']} {rate_rows[0].get('time_unit', '')}".rstrip() if rate_rows and rate_rows[0].get("timepoint")
                else "")
        if not ratios and rate_rows:
            parts.append(f"{vocab.label('statistic', rate_rows[0]['statistic'])}{when}: "
                         + " vs ".join(f"{r['arm']} {R.unit_text(r)}" for r in rate_rows))
            used += [r["row_id"] for r in rate_rows]
        if not parts:
            medians = [r for r in here if r.get("statistic") == "median" and r.get("estimate")]
            if medians:
                parts.append("median: " + " vs ".join(f"{r['arm']} {R.unit_text(r)}" for r in medians))
                used += [r["row_id"] for r in medians]
        if not parts:
            continue
        published = [r for r in here if r.get("statistic") == "difference" and r.get("estimate")]
        difference, short = "", ""
        if published:
            r = published[0]
            difference = short = f"{R.unit_text(r).replace('%', ' percentage points')} (published)"
            used.append(r["row_id"])
        else:
            roles = {a["arm"]: a.get("role", "") for a in arms}
            experimental = [r for r in rate_rows if roles.get(r["arm"]) == "experimental"]
            control = [r for r in rate_rows if roles.get(r["arm"]) == "control"]
            if len(experimental) == 1 and len(control) == 1 and experimental[0].get("unit") == "percent":
                a, b = experimental[0], control[0]
                places = max(_decimals(R.estimate(a)), _decimals(R.estimate(b)))
                value = float(a["estimate"]) - float(b["estimate"])
                difference = (f"{value:+.{places}f} percentage points{when} (derived: {a['arm']} {R.estimate(a)}% "
                              f"minus {b['arm']} {R.estimate(b)}%)")
                short = f"{value:+.{places}f} percentage points{when} (derived)"
                used += [a["row_id"], b["row_id"]]
        return Result(label, analysis_text, "; ".join(parts), difference, list(dict.fromkeys(used)), endpoint, name, short)
    return None


def summary_rows(evidence: Evidence, data_dir: Path | None = None) -> list[SummaryRow]:
    with vocab.reading(data_dir):
        trials = {r["trial"]: r for r in R.records(evidence.trials)}
        arms = R.records(evidence.arms)
        analyses = R.records(evidence.analyses)
        names = R.analyses(evidence)
        rows = R.records(evidence.endpoints)
        by_row = {r["row_id"]: r for r in rows}
        found = []
        for trial in (t for t in vocab.trial_order() if t in trials):
            row = trials[trial]
            mine = [a for a in arms if a["trial"] == trial]
            experimental = [a["arm"] for a in mine if a.get("role") == "experimental"]
            control = [a["arm"] for a in mine if a.get("role") != "experimental"]
            comparison = " vs ".join(x for x in (" or ".join(experimental), " or ".join(control)) if x)
            n = str(sum(int(a["n_randomised"]) for a in mine)) if mine and all(a.get("n_randomised") for a in mine) else "not given"
            results = [r for e in row.get("primary_endpoint", "").split(";") if e
                       for r in [_result(trial, e, rows, [a for a in analyses if a["trial"] == trial], mine, names)] if r]
            sources = [row["source"]] + [a["source"] for a in mine]
            sources += [by_row[i]["source"] for r in results for i in r.row_ids]
            found.append(SummaryRow(trial, vocab.trial_label(trial), vocab.label("setting", row["setting"]), comparison, row["setting"], n,
                                    results, list(dict.fromkeys(s for s in sources if s))))
        return found


def used_rows(rows: list[SummaryRow]) -> list[str]:
    """Every endpoints.csv row id a summary shows (for provenance in notes and tests)."""
    return [i for r in rows for result in r.results for i in result.row_ids]
