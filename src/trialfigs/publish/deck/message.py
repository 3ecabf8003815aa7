"""What a figure slide says in its title and alt text, from the data rows the manifest names: the trial, the
endpoint, what the slide shows and, where one comparison carries the slide, its published numbers.

"favouring" is said only when the interval excludes 1; a median not reached is said as such."""

from __future__ import annotations

from trialfigs.figures.kinds import KINDS
from trialfigs.publish.deck import names as vocab
from trialfigs.publish.deck import rows as R

ALT_LIMIT = 250
PICTURE = {name: k.picture for name, k in KINDS.items() if k.picture != "Figure"}  # figures/kinds.py


def _endpoints(rows: list[dict]) -> list[str]:
    return list(dict.fromkeys(r["endpoint"] for r in rows if r["table"] == "endpoints" and r.get("endpoint")))


def ratio(r: dict, level: bool = False) -> str:
    """'HR 0.50 (95% CI 0.39 to 0.64)' as published; '' for no estimate."""
    if not R.estimate(r):
        return ""
    ci = ""
    if r.get("ci_low") and r.get("ci_high"):
        named = f"{float(r['ci_level']):g}% CI " if level and r.get("ci_level") else ""
        ci = f" ({named}{r.get('ci_low_text') or r['ci_low']} to {r.get('ci_high_text') or r['ci_high']})"
    return f"HR {R.estimate(r)}{ci}"


def favours(r: dict) -> str:
    try:
        low, high = float(r["ci_low"]), float(r["ci_high"])
    except (KeyError, TypeError, ValueError):
        return ""
    return f", favouring {r['arm']}" if high < 1 else f", favouring {r['comparator']}" if low > 1 else ""


def arm_values(group: list[dict]) -> str:
    """'T-DM1 9.6 vs lapatinib plus capecitabine 6.4 months'."""
    values = []
    for r in group:
        value = R.unit_text(r) if r.get("value_status", "reported") == "reported" and R.estimate(r) else "not reached"
        values.append(f"{r['arm']} {value}")
    return " vs ".join(values)


def groups(rows: list[dict], statistic: str | None) -> list[list[dict]]:
    found: dict[tuple, list[dict]] = {}
    for r in rows:
        if statistic is None or r.get("statistic") == statistic:
            found.setdefault(R.group_key(r), []).append(r)
    return list(found.values())


def _when(r: dict) -> str:
    return f"{r['timepoint']}-{r.get('time_unit', '').rstrip('s')} " if r.get("timepoint") else ""


def phrase(group: list[dict], analyses: dict, with_trial: bool) -> str:
    """One comparison: '<trial> <endpoint> (<analysis>): <values>'."""
    first = group[0]
    trial = f"{vocab.trial_label(first['trial'])} " if with_trial else ""
    where = R.analysis_name(first, analyses)
    if first.get("subset"):
        where += f", {first['subset']}"
    if first["table"] == "safety":
        what = f"{first['event']}, {vocab.label('category', first['category'])}" + (f", {first['period']}" if first.get("period") else "")
    else:
        what = f"{_when(first)}{first.get('endpoint', '')}"
    if first.get("statistic") == "hazard_ratio":
        return f"{trial}{what} ({where}) {ratio(first, level=True)}{favours(first)}"
    return f"{trial}{what} ({where}): {arm_values(group)}"


def alive_wording(text: str, endpoints: list[str]) -> str:
    """'alive without an event' said per endpoint (figures.wording.alive): 'alive', 'alive without progression'."""
    from trialfigs.figures.wording import alive

    if len(endpoints) == 1:
        return text.replace("alive without an event", alive(vocab.label("endpoint", endpoints[0])))
    return text


def title(record: dict, index: dict, analyses: dict, fallback: str) -> str:
    """'<trial>: <endpoints> <what the slide shows>', with the numbers when one comparison carries the slide."""
    rows = R.shown(record, index)
    if not rows:
        return fallback
    kind = record.get("figure", "")
    trials = vocab.list_names([vocab.trial_label(t) for t in dict.fromkeys(r["trial"] for r in rows)])
    endpoints = vocab.list_names(_endpoints(rows))
    if kind == "forest":
        ratios = groups([r for r in rows if not r.get("subset")], "hazard_ratio")
        if len(ratios) == 1:
            r = ratios[0][0]
            return f"{trials}: {r['endpoint']} hazard ratio {ratio(r)[3:]} ({R.analysis_name(r, analyses)})"
        return f"{trials}: hazard ratios for {endpoints} by analysis"
    if kind == "medians":
        medians = groups(rows, "median")
        if len(medians) == 1:
            g = medians[0]
            hr = next((r for r in rows if r.get("statistic") == "hazard_ratio" and r["analysis"] == g[0]["analysis"]
                       and r.get("endpoint") == g[0].get("endpoint")), None)
            return f"{trials}: median {endpoints}, {arm_values(g)}" + (f"; {ratio(hr)}" if hr and ratio(hr) else "")
        names = vocab.list_names(list(dict.fromkeys(R.analysis_name(g[0], analyses) for g in medians)))
        return f"{trials}: median {endpoints} by arm at the {names}"
    if kind == "landmark":
        times = vocab.list_names(list(dict.fromkeys(_when(r).strip() for r in rows if r.get("timepoint"))))
        return f"{trials}: {times} {endpoints} rates by arm".replace("  ", " ")
    if kind == "proportions":
        shares = groups(rows, "proportion")
        if len(shares) == 1:
            return f"{trials}: {vocab.label('endpoint', shares[0][0]['endpoint'])}, {arm_values(shares[0])}"
        return f"{trials}: {endpoints} by arm"
    if kind == "iconarray":
        return f"{trials}: " + alive_wording(record.get("title", ""), _endpoints(rows))
    if kind == "safety":
        events = list(dict.fromkeys(r["event"] for r in rows if r["table"] == "safety"))
        categories = vocab.list_names(list(dict.fromkeys(vocab.label("category", r["category"]) for r in rows
                                                         if r["table"] == "safety")))
        specific = (record.get("parameters") or {}).get("scope") == "specific"
        if specific or (len(events) <= 3 and not any(e.startswith("any ") for e in events)):
            shown = events if len(events) <= 4 else events[:3] + ["others"]
            return f"{trials} safety: {vocab.list_names(shown)} by arm"
        return f"{trials} safety: adverse events by arm ({categories})"
    return f"{trials}: {fallback}"


def alt_text(record: dict, index: dict, analyses: dict) -> str:
    """One or two sentences with the key numbers of the whole figure, under ALT_LIMIT characters."""
    rows = R.shown(record, index)
    kind = record.get("figure", "")
    if not rows:
        return (record.get("alt_text") or "")[: ALT_LIMIT - 1]
    several = len({r["trial"] for r in rows}) > 1
    trials = vocab.list_names([vocab.trial_label(t) for t in dict.fromkeys(r["trial"] for r in rows)])
    statistic = KINDS[kind].statistic if kind in KINDS else None
    found = groups([r for r in rows if not (kind == "forest" and r.get("subset"))], statistic)
    head = f"{PICTURE.get(kind, 'Figure')}, {trials}: "
    said: list[str] = []
    for g in found:
        piece = phrase(g, analyses, several)
        if len(head) + len("; ".join(said + [piece])) + 1 >= ALT_LIMIT:
            break
        said.append(piece)
    text = head + "; ".join(said) + "."
    if len(said) < len(found):
        more = f" {len(found) - len(said)} more in the notes."
        if len(text) + len(more) < ALT_LIMIT:
            text += more
    if len(text) >= ALT_LIMIT:  # one comparison longer than the limit: cut at a word
        text = text[: ALT_LIMIT - 2].rsplit(" ", 1)[0] + "…"
    return text
