"""Trial at a glance: design, population, arms, every published endpoint with its citation, the
trial's figures and its references, for one trial."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import cite, select, vocab
from .load import Evidence, load
from .notebook import _common, _finish
from .output import _atomic, provenance, write_manifest
from .theme import THEMES
from .values_table import published


@dataclass
class Glance:
    markdown: str
    record: dict

    def __repr__(self) -> str:
        return self.markdown

    def _repr_markdown_(self) -> str:
        return self.markdown


def figures_for(evidence: Evidence, trial: str) -> list[str]:
    """The figure kinds this trial has data for."""
    kinds = ["forest"] if len(select.hazard_ratios(evidence, [trial])) else []
    if len(select.landmark_rates(evidence, [trial])[0]):
        kinds.append("landmark")
    if len(select.medians(evidence, [trial])[0]):
        kinds.append("medians")
    if len(select.adverse_events(evidence, [trial])):
        kinds.append("safety")
    return kinds


def page(evidence: Evidence, trial: str, figures: list[str]) -> tuple[str, list[dict], list[str]]:
    row = evidence.trials.set_index("trial").loc[trial]
    arms = evidence.arms[evidence.arms.trial == trial]
    lines = [f"## {trial} ({row['registry_id']}) at a glance", "",
             f"- Setting: {row['setting']}; design: {row['design']}",
             f"- Population: {row['population']}",
             "- Arms: " + "; ".join(f"{a.arm}, {a.regimen} (n = {a.n_randomised})" for a in arms.itertuples()), "",
             "| Analysis | Endpoint | Statistic | Arm | Value as published | Source |", "|---|---|---|---|---|---|"]
    rows, sources = [], []
    for _, r in evidence.endpoints[evidence.endpoints.trial == trial].iterrows():
        arm = r["arm"] + (f" vs {r['comparator']}" if r["comparator"] else "")
        when = f" at {r['timepoint']:g} {r['time_unit']}" if r["time_unit"] else ""
        lines.append(f"| {vocab.analysis_label(r['trial'], r['analysis'])} | {r['endpoint']} | {r['statistic'].replace('_', ' ')}{when} | "
                     f"{arm} | {published(r)} | {cite.short(evidence.references[r['source']])}, {r['locator']} |")
        rows.append({"table": "endpoints", "row_id": r["row_id"], "label": f"{r['endpoint']} {r['statistic']} {arm}",
                     "value": published(r)})
        sources.append(r["source"])
    adverse = evidence.safety[evidence.safety.trial == trial]
    if len(adverse):
        lines += ["", "| Analysis | Adverse event | Category | Arm | Patients | Source |", "|---|---|---|---|---|---|"]
    for _, r in adverse.iterrows():
        lines.append(f"| {vocab.analysis_label(r['trial'], r['analysis'])} | {r['event']} | "
                     f"{r['category'].replace('_', ' ')} | {r['arm']} | {r['estimate_text']}% | "
                     f"{cite.short(evidence.references[r['source']])}, {r['locator']} |")
        rows.append({"table": "safety", "row_id": r["row_id"], "label": f"{r['event']} {r['category']} {r['arm']}",
                     "value": f"{r['estimate_text']}%"})
        sources.append(r["source"])
    sources = list(dict.fromkeys([row["source"], *arms.source, *sources]))
    lines += ["", "Figures: " + ", ".join(figures), "", "### References", ""]
    lines += [f"{i}. {cite.full(evidence.references[s])}" for i, s in enumerate(sources, start=1)]
    lines += ["", "Published values; no new analysis."]
    return "\n".join(lines), rows, sources


def trial_at_a_glance(trial: str, theme: str, formats: list, out_dir, name: str) -> Glance:
    """Render the trial's figures beside a page of its design, endpoints and references."""
    from . import notebook

    _common(theme, formats)
    evidence = load()
    select.check_choice("trial", [trial], list(evidence.trials.trial))
    kinds = figures_for(evidence, trial)
    written = []
    for kind in kinds:
        figure_name = f"{name}-{kind}"
        if kind == "forest":
            done = notebook.forest([trial], [], [], theme, formats, out_dir, figure_name)
        elif kind == "landmark":
            done = notebook.landmark([trial], [], theme, formats, out_dir, figure_name)
        elif kind == "medians":
            done = notebook.medians([trial], [], [], theme, formats, out_dir, figure_name)
        else:
            done = notebook.safety([trial], [], [], theme, formats, out_dir, figure_name)
        written += done.record["files"] + [f"{figure_name}.json"]
    text, rows, sources = page(evidence, trial, [f"{name}-{k}" for k in kinds])
    stem = Path(out_dir) / name
    stem.parent.mkdir(parents=True, exist_ok=True)
    _atomic(stem.with_suffix(".md"), lambda tmp: Path(tmp).write_text(text + "\n", encoding="utf-8"))
    record = {"figure": "trial", "title": f"{trial} at a glance", "alt_text": f"Summary page of the {trial} trial.",
              "derived": [], "theme": THEMES[theme].name, "files": [f"{name}.md", *written],
              **provenance(evidence, "trial", rows, sources, {"trial": trial, "theme": theme, "formats": list(formats)})}
    write_manifest(stem, record)
    return Glance(text, record)
