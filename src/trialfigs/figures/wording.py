"""How published values are written out, in one place: figures, tables and notebooks agree."""

from __future__ import annotations

import pandas as pd


def p_text(p: str) -> str:
    """'P<0.001' or 'P = 0.003' exactly as published; empty when no P value was published."""
    if not p:
        return ""
    return f"P{p}" if p[0] in "<>≤" else f"P = {p}"


def interval_text(row) -> str:
    """'95% CI 0.39 to 0.64' with the published level and digits; '' when no interval was published.
    Takes a loaded row (numbers beside their *_text) or a row of CSV text."""
    def given(value) -> bool:
        return value is not None and not (not isinstance(value, str) and pd.isna(value)) and value != ""

    low = row.get("ci_low_text") if given(row.get("ci_low_text")) else row.get("ci_low")
    high = row.get("ci_high_text") if given(row.get("ci_high_text")) else row.get("ci_high")
    if not given(low) or not given(high):
        return ""
    level = f"{float(row.get('ci_level')):g}" if given(row.get("ci_level")) else "95"
    return f"{level}% CI {low} to {high}"


def ci_text(row) -> str:
    """'0.54 (0.44 to 0.66)': the published digits, never re-rounded; the estimate alone when the data hold no CI
    (an absent value is not printed)."""
    if not row["ci_low_text"] or not row["ci_high_text"]:
        return f"{row['estimate_text']}"
    return f"{row['estimate_text']} ({row['ci_low_text']} to {row['ci_high_text']})"


UNIT_TEXT = {"ratio": "", "percent": "%", "percentage_points": " percentage points", "months": " months", "years": " years"}
STATISTIC_TEXT = {"hazard_ratio": "hazard ratio", "landmark_rate": "rate", "median": "median", "proportion": "proportion",
                  "difference": "difference", "events": "patients with an event"}


def published(row) -> str:
    """The value as the source prints it: estimate, CI and p-value, never re-rounded."""
    if row["value_status"] == "not_reached":
        return "not reached"
    text = f"{row['estimate_text']}{UNIT_TEXT[row['unit']]}"
    if not pd.isna(row["events"]):
        count = f"{row['events']}/{row['n']}" if not pd.isna(row["n"]) else f"{row['events']}"
        text = f"{count} ({text})"
    if interval_text(row):
        text += f" ({interval_text(row)})"
    if row["p_value"]:
        text += f"; {p_text(row['p_value'])}"
    return text


def alive(endpoint_label: str) -> str:
    """What a patient counted by a survival rate is, from the endpoint's name in vocabulary.csv:
    'overall survival' -> 'alive'; '<X>-free survival' -> 'alive without <X>' ('progression-free survival' ->
    'alive without progression', 'invasive disease-free survival' -> 'alive without invasive disease');
    otherwise 'alive without an event'."""
    name = endpoint_label.strip().lower()
    if name == "overall survival":
        return "alive"
    if name.endswith("-free survival"):
        what = name[: -len("-free survival")]
        return "alive without an event" if what == "event" else f"alive without {what}"
    return "alive without an event"
