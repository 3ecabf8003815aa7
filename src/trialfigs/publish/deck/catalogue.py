"""Every slide the suite can make, with a stable id, a title and what it shows, in teaching order.

Ids are derived from the data and the rendered figures' file stems, never typed in:
  title, disclosures                    the title slide and an optional disclosures slide
  figure:<stem>                         a rendered figure (its manifest in reports/figures/<stem>.json)
  design:<trial slug>                   a trial's design slide (trials.csv, arms.csv, analyses.csv)
  label:<jurisdiction slug>             dosing, dose reductions and boxed warnings of one label (label.csv)
  summary                               the cross-trial summary table (trialfigs.publish.summary)
  references                            the full references of the slides chosen

Teaching order: title, disclosures, the headline figures, per trial its design then its figures
(trialfigs.publish.teaching_order), the summary, the label slides, the references, and last the
model illustrations. Each entry has a `role` the presets select on: title, disclosures, headline,
design, primary (a figure of the trial's primary endpoint), os (overall survival), secondary,
safety, label, summary, references, illustration.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from trialfigs import paths
from trialfigs.evidence.load import Evidence
from trialfigs.publish import teaching_order as sequence
from trialfigs.publish.deck import names as vocab
from trialfigs.publish.deck import rows as R

OS = "OS"


@dataclass
class Entry:
    id: str
    title: str
    kind: str  # title, disclosures, design, label, summary, references, or the figure's kind (forest, medians, ...)
    role: str
    trials: list[str] = field(default_factory=list)
    settings: list[str] = field(default_factory=list)
    shows: str = ""
    cited: list[str] = field(default_factory=list)
    phase: list[str] = field(default_factory=list)
    item: object = None  # the Exhibit of a figure slide
    jurisdiction: str = ""
    endpoints: list[str] = field(default_factory=list)
    also: list[str] = field(default_factory=list)  # further roles: a headline that is also its trial's primary result

    def public(self) -> dict:
        found = asdict(self)
        found.pop("item")
        return found


def _trial_rows(evidence: Evidence) -> dict[str, dict]:
    return {r["trial"]: r for r in R.records(evidence.trials)}


def _figure_role(item, data_dir: Path | None, heads: frozenset = frozenset()) -> str:
    if item.record.get("figure") == sequence.ILLUSTRATIVE:
        return "illustration"
    if id(item) in heads:  # the teaching order's headline: each setting's headline trial, first figure
        return "headline"
    return _step_role(item, data_dir)


def _step_role(item, data_dir: Path | None) -> str:
    """The figure's place in its trial's section: primary, os, secondary, safety or label."""
    step = sequence.rank(item, data_dir)[2]
    if step == 3:
        return "safety"
    if step == 4:
        return "label"
    if step == 1:
        return "primary"
    return "os" if OS in item.endpoints else "secondary"


def _shows(item, index: dict, analyses: dict) -> str:
    """What numbers the slide shows, in words: the published comparisons of its data rows."""
    rows = R.shown(item.record, index)
    groups: dict[tuple, list] = {}
    for row in rows:
        groups.setdefault(R.group_key(row), []).append(row)
    said = [R.compare(g, analyses) for g in groups.values()]
    derived = item.record.get("derived") or []
    text = "; ".join(said) if said else item.record.get("alt_text", "")
    return text + (f" (derived: {'; '.join(derived)})" if derived and not said else "")


def catalogue(evidence: Evidence, reports: Path | None = None, data_dir: Path | None = None,
              theme: str = "slide") -> list[Entry]:
    """Every slide, in teaching order."""
    from trialfigs.publish.deck.design import design_lines, design_title
    from trialfigs.publish.deck.label import TOPICS, current
    from trialfigs.publish.exhibits import exhibits
    from trialfigs.publish.summary import summary_rows

    reports = Path(reports) if reports else paths.REPORTS
    with vocab.reading(data_dir):
        trials = _trial_rows(evidence)
        index, analyses = R.by_id(evidence), R.analyses(evidence)
        try:
            from trialfigs.publish.export import recorded

            allowed = recorded(reports, data_dir)
        except Exception:  # no cache or an unreadable one: every manifest counts
            allowed = None
        items = [e for e in exhibits(evidence, reports, theme=theme) if allowed is None or e.stem in allowed]
        from trialfigs.publish.deck import _distinct

        items = _distinct(sequence.exhibit_order(items, data_dir), reports / "figures")

        def figure(item) -> Entry:
            settings = list(dict.fromkeys(trials[t]["setting"] for t in item.trials if t in trials))
            role = _figure_role(item, data_dir, heads)
            also = [_step_role(item, data_dir)] if role == "headline" else []
            return Entry(f"figure:{item.stem}", _title(item, index, analyses), item.record.get("figure", ""), role,
                         list(item.trials), settings, _shows(item, index, analyses),
                         [c["id"] for c in item.record.get("citations", [])],
                         list(dict.fromkeys(trials[t].get("phase", "") for t in item.trials if t in trials)), item,
                         endpoints=list(item.endpoints), also=also)

        order = [t for t in vocab.trial_order() if t in trials]
        found = [Entry("title", "Title slide", "title", "title", list(order),
                       list(dict.fromkeys(trials[t]["setting"] for t in order)), "no numbers: the medicine, the trials and settings"),
                 Entry("disclosures", "Disclosures", "disclosures", "disclosures", shows="no numbers: the presenter's disclosures "
                       "(text from --disclosures)")]
        main = [i for i in items if i.record.get("figure") != sequence.ILLUSTRATIVE]
        first = sequence.headlines(main, data_dir)
        heads = frozenset(id(i) for i in first)
        found += [figure(i) for i in first]
        for trial in order:
            row = trials[trial]
            lines, sources = design_lines(trial, evidence)
            found.append(Entry(f"design:{paths.slug(trial)}", design_title(trial), "design", "design",
                               [trial], [row["setting"]], "; ".join(f"{k}: {v}" for k, v in lines if "n =" in v or "follow-up" in v)
                               or "design, arms and analyses", [s for s in sources if s in evidence.references],
                               [row.get("phase", "")]))
            found += [figure(i) for i in main if id(i) not in heads and sequence.home(i, data_dir) == trial]
        rows = summary_rows(evidence, data_dir)
        found.append(Entry("summary", "Summary: the trials side by side", "summary", "summary", [r.trial for r in rows],
                           list(dict.fromkeys(trials[r.trial]["setting"] for r in rows)),
                           "per trial: N, primary endpoint and its published result, absolute difference where derivable",
                           list(dict.fromkeys(s for r in rows for s in r.sources if s in evidence.references))))
        labelled = [r for r in current(evidence) if r["topic"] in TOPICS]
        for place in dict.fromkeys(r.get("jurisdiction", "") for r in labelled):
            here = [r for r in labelled if r.get("jurisdiction", "") == place]
            doses = "; ".join(dict.fromkeys(r["statement"] for r in here if r["topic"] == "dose"))
            found.append(Entry(f"label:{paths.slug(place) or 'label'}",
                               f"Dosing, dose reductions and boxed warnings{f' ({place} label)' if place else ''}", "label", "label",
                               shows=doses or "label facts", cited=[s for s in dict.fromkeys(r["source"] for r in here)
                                                                    if s in evidence.references], jurisdiction=place))
        found.append(Entry("references", "References", "references", "references",
                           shows="the full references of the slides chosen"))
        found += [figure(i) for i in items if i.record.get("figure") == sequence.ILLUSTRATIVE]
    return found


def _title(item, index: dict, analyses: dict) -> str:
    """The slide's title as the suite's deck gives it: trial, endpoint and message, from the rows it shows."""
    from trialfigs.publish.deck import slide_title

    return slide_title(item, index, analyses)


def by_id(entries: list[Entry]) -> dict[str, Entry]:
    return {e.id: e for e in entries}


def listing(entries: list[Entry], format: str = "text") -> str:
    if format == "json":
        return json.dumps([e.public() for e in entries], indent=2, ensure_ascii=False) + "\n"
    lines = []
    for e in entries:
        trials = ", ".join(vocab.trial_label(t) for t in e.trials) if e.kind not in ("title", "summary") else "all"
        lines.append(f"{e.id}\n    {e.title}\n    trial: {trials or '-'}; kind: {e.kind}; role: {e.role}\n    shows: {e.shows}")
    return "\n".join(lines) + "\n"
