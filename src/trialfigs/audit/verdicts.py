"""Verdicts, findings and what every judge shares: citations, precision, analysis order, suggestions.

Verdicts: supported; supported after rounding; contradicted; swapped (the value is another
endpoint's); wrong statistic or term; outdated; no matching evidence. When the evidence cannot
decide (no trial named, no row for the quantity), the verdict is "no matching evidence", never a flag.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from trialfigs.audit.claims import Claim
from trialfigs.audit.match import Names, reported
from trialfigs.audit.numbers import same_at_precision
from trialfigs.evidence import cite
from trialfigs.evidence.load import Evidence
from trialfigs.figures.wording import ci_text as _ci_text

SUPPORTED, ROUNDED, CONTRADICTED, SWAPPED, WRONG, OUTDATED, NONE = (
    "supported", "supported after rounding", "contradicted", "swapped", "wrong statistic or term", "outdated", "no matching evidence")
VERDICTS = [SUPPORTED, ROUNDED, CONTRADICTED, SWAPPED, WRONG, OUTDATED, NONE]
FAILING = {CONTRADICTED, SWAPPED, WRONG, OUTDATED}


@dataclass
class Finding:
    line: int
    claim: str
    kind: str
    verdict: str
    published: str = ""
    source: str = ""
    note: str = ""
    location: str = ""
    suggestion: str = ""
    read_as: str = ""  # the claim frame: how the claim was read ("<trial> · <analysis> · whole population · IDFS · 7-year rate · <arm> · 80.8%")
    analysis: tuple = ()  # (trial, analysis) of the row the verdict rests on, when it rests on one


STATISTIC = {"hazard_ratio": "hazard ratio", "risk_reduction": "risk reduction (1 - HR)", "landmark": "rate at a timepoint",
             "months": "median", "response": "response rate", "events": "share with an event", "difference": "difference in points",
             "follow_up": "median follow-up", "randomised": "number randomised", "adverse_event": "side-effect rate",
             "adverse_direction": "direction of a side-effect comparison", "dose": "dose", "cycles": "number of cycles",
             "schedule": "cycle length", "infusion": "infusion time", "contraception": "contraception after the last dose",
             "boxed": "boxed warning", "boxed_warning": "boxed warning", "dose_rule": "dose-modification rule"}


def frame(judge, claim: Claim, row=None) -> str:
    """How the claim was read, slot by slot: each slot resolved from the text, or from the row the verdict
    rests on (marked "per data"), or open ("?"). Slots that do not apply to the kind of claim are left out."""
    def get(key):
        value = row.get(key) if row is not None and hasattr(row, "get") else None
        return value if isinstance(value, str) and value else None

    slots = []
    trial = claim.trial or (get("trial") and f"{get('trial')} (per data)") or ("/".join(claim.trials) + "?" if claim.trials else "trial ?")
    slots.append(trial)
    efficacy = claim.kind in ("hazard_ratio", "risk_reduction", "landmark", "months", "response", "events", "difference", "follow_up")
    safety = claim.kind in ("adverse_event", "adverse_direction")
    if efficacy or safety:
        named = sorted(a for t, a in claim.analyses if t == (claim.trial or get("trial")))
        if named:
            slots.append(" / ".join(judge.analysis_labels.get((claim.trial, a), a) for a in named))
        elif get("analysis"):
            slots.append(judge.analysis_labels.get((row["trial"], row["analysis"]), row["analysis"]) + " (per data)")
        else:
            slots.append("analysis ?")
        subset = claim.detail.get("subset") or ""
        slots.append(subset.lstrip("?") + (" (not in the data)" if subset.startswith("?") else "") if subset else "whole population")
    if efficacy:
        slots.append(claim.endpoint if claim.endpoint and claim.endpoint != "other" else (get("endpoint") and f"{get('endpoint')} (per data)") or "endpoint ?")
    if safety:
        slots.append(get("event") or claim.detail.get("category") or "event ?")
        if get("period"):
            slots.append(get("period"))
    statistic = STATISTIC.get(claim.kind, claim.kind)
    if claim.timepoint is not None:
        statistic = f"{claim.timepoint:g}-year rate"
    slots.append(statistic)
    if get("assessment"):
        slots.append(f"assessed by {get('assessment').replace('_', ' ')}")
    arm = claim.detail.get("arm_after") or (claim.arms[claim.detail["index"]] if claim.detail.get("pair") and len(claim.arms) > claim.detail.get("index", 0) else None)
    if efficacy or safety or claim.kind in ("dose", "randomised"):
        slots.append(arm or (get("arm") and f"{get('arm')} (per data)") or "arm ?")
    if claim.value is not None:
        slots.append(f"{claim.value_text or f'{claim.value:g}'}{' ' + claim.unit if claim.unit and claim.unit != 'percent' else '%' if claim.unit == 'percent' else ''}")
    return " · ".join(str(s) for s in slots)


def ci_text(row) -> str:
    """'0.54 (0.44 to 0.66)', or the estimate alone when the source printed no interval."""
    return _ci_text(row) if str(row.get("ci_low_text") or "") and str(row.get("ci_high_text") or "") else str(row["estimate_text"])


def has_ci(row) -> bool:
    return not (pd.isna(row["ci_low"]) or pd.isna(row["ci_high"]))


def precision(claim: Claim, published: str) -> str | None:
    """'exact', 'rounded' or None: the claim as printed against the source as printed."""
    text = claim.value_text or (f"{claim.value:g}" if claim.value is not None else "")
    try:
        return same_at_precision(text, str(published))
    except ArithmeticError:
        return None


class Base:
    def __init__(self, evidence: Evidence, names: Names | None = None):
        self.evidence = evidence
        self.names = names or Names(evidence)
        self.endpoints = reported(evidence.endpoints)
        vocab = evidence.vocabulary
        self.endpoint_labels = {r["value"]: r["label"] for _, r in vocab[vocab.field == "endpoint"].iterrows()}
        self._rows: dict = {}
        self._later: dict = {}
        self.analysis_labels = {(r["trial"], r["analysis"]): r["label"] or r["analysis"] for _, r in evidence.analyses.iterrows()}

    # where the values come from ----------------------------------------------------------------
    def cite(self, row) -> str:
        self._last_row = row  # the row the finding being built rests on: its frame is read from it
        return f"{cite.short(self.evidence.references[row['source']])}, {row['locator']}"

    def trials_of(self, claim: Claim) -> list[str]:
        return [claim.trial] if claim.trial else list(claim.trials)

    def rows(self, statistic: str, claim: Claim, any_endpoint: bool = False) -> pd.DataFrame:
        """The reported rows of a statistic for the claim's trial(s) and endpoint (cached: a long text asks the same often)."""
        subset = claim.detail.get("subset") or ""
        key = (statistic, tuple(self.trials_of(claim)), None if any_endpoint else claim.endpoint, subset)
        if key not in self._rows:
            frame = self.endpoints[(self.endpoints.statistic == statistic) & self.endpoints.trial.isin(key[1])]
            if subset:  # a population the text names: only its rows (a node-positive rate is never the whole population's)
                frame = frame[frame.subset.fillna("").str.lower() == subset.lower()]
            self._rows[key] = frame[frame.endpoint == key[2]] if key[2] else frame
        return self._rows[key]

    def label_of(self, row) -> str:
        return self.analysis_labels.get((row["trial"], row["analysis"]), row["analysis"])

    def endpoint_label(self, endpoint: str) -> str:
        return self.endpoint_labels.get(endpoint, endpoint)

    # analyses ---------------------------------------------------------------------------------
    def named(self, claim: Claim, row) -> bool:
        return (row["trial"], row["analysis"]) in claim.analyses

    def superseded(self, row) -> pd.Series | None:
        """The same quantity at the latest later analysis of the same trial (analyses.csv order), if any."""
        if row["row_id"] not in self._later:
            self._later[row["row_id"]] = self._superseded(row)
        return self._later[row["row_id"]]

    def _superseded(self, row) -> pd.Series | None:
        e = self.endpoints
        same = e[(e.trial == row["trial"]) & (e.endpoint == row["endpoint"]) & (e.statistic == row["statistic"]) & (e.arm == row["arm"])]
        for slot in ("assessment", "subset"):  # a later value assessed by someone else, or of another population, supersedes nothing
            if slot in same:
                same = same[same[slot].fillna("") == (row[slot] if isinstance(row[slot], str) else "")]
        if not pd.isna(row["timepoint"]):
            same = same[same.timepoint.isna() | (same.timepoint == row["timepoint"])]
        else:
            same = same[same.timepoint.isna()]
        later = [r for _, r in same.iterrows() if self.names.later(row["trial"], row["analysis"], r["analysis"])]
        return later[-1] if later else None

    def wrong_analysis(self, claim: Claim, matches: pd.DataFrame, rows: pd.DataFrame):
        """When the text names an analysis and the value belongs to another one: the named analysis's row."""
        if not claim.analyses or matches.empty or any(self.named(claim, r) for _, r in matches.iterrows()):
            return None
        row = matches.iloc[0]
        named = rows[[(t, a) in claim.analyses for t, a in zip(rows.trial, rows.analysis)]]
        named = named[(named.endpoint == row["endpoint"]) & (named.arm == row["arm"])]
        return named.iloc[0] if not named.empty else None

    # findings ---------------------------------------------------------------------------------
    def finding(self, claim: Claim, verdict: str, published: str = "", source: str = "", note: str = "", suggestion: str = "") -> Finding:
        row = getattr(self, "_last_row", None) if source else None
        self._last_row = None
        found = Finding(claim.line, claim.text, claim.kind, verdict, published, source, note, claim.location or f"line {claim.line}",
                        suggestion if verdict in FAILING else "")
        found.read_as = frame(self, claim, row)
        if row is not None and "analysis" in row and isinstance(row.get("analysis"), str):
            found.analysis = (row["trial"], row["analysis"])
        return found

    def phrase(self, row) -> str:
        """The corrected phrase for an efficacy row: 'median overall survival 30.9 months with <arm> (<analysis label>)'."""
        endpoint, analysis, arm = self.endpoint_label(row["endpoint"]), self.label_of(row), row["arm"]
        statistic = row["statistic"]
        if statistic == "hazard_ratio":
            return f"hazard ratio for {endpoint} {ci_text(row)}, {arm} versus {row['comparator']} ({analysis})"
        if statistic == "median":
            return f"median {endpoint} {row['estimate_text']} months with {arm} ({analysis})"
        if statistic == "landmark_rate":
            return f"{row['timepoint']:g}-year {endpoint} {row['estimate_text']}% with {arm} ({analysis})"
        if statistic == "difference":
            when = f" at {row['timepoint']:g} years" if not pd.isna(row["timepoint"]) else ""
            return f"{endpoint}{when}: {row['estimate_text']} percentage points higher with {arm} than {row['comparator']} ({analysis})"
        return f"{endpoint} {row['estimate_text']}% with {arm} ({analysis})"

    def flag(self, claim: Claim, verdict: str, row, note: str = "", shown: str | None = None) -> Finding:
        return self.finding(claim, verdict, shown or self.phrase(row), self.cite(row), note, self.phrase(row))

    def matches(self, claim: Claim, rows: pd.DataFrame, column: str = "estimate_text") -> list[tuple[pd.Series, str]]:
        found = []
        for _, row in rows.iterrows():
            how = precision(claim, row[column])
            if how:
                found.append((row, how))
        return found
