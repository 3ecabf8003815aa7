"""Trial at a glance: design, population, arms, every published endpoint with its citation, the
trial's figures and its references, for one trial."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trialfigs.evidence import cite, select
from trialfigs.evidence import vocabulary as vocab
from trialfigs.evidence.load import Evidence, load
from trialfigs.figures.api import _common
from trialfigs.figures.notebook_text import md
from trialfigs.figures.save import _atomic, provenance, write_manifest
from trialfigs.figures.theme import THEMES
from trialfigs.figures.wording import published
from trialfigs.paths import slug


@dataclass
class Glance:
    markdown: str
    record: dict

    def __repr__(self) -> str:
        return self.markdown

    def _repr_markdown_(self) -> str:
        return self.markdown


def figures_for(trial: str, data_dir: Path | None = None) -> list[str]:
    """The figures of the default suite that show this trial, in suite order: the page lists them
    (by name) rather than drawing its own copies, so no figure is rendered twice."""
    from trialfigs.figures.suite import default_suite

    found = []
    for job in default_suite(data_dir):
        shown = job.parameters.get("trials") or ([job.parameters["trial"]] if "trial" in job.parameters else [])
        if job.notebook != "trial" and trial in shown:
            found.append(job.name)
    return found


def page(evidence: Evidence, trial: str, figures: list[str]) -> tuple[str, list[dict], list[str]]:
    row = evidence.trials.set_index("trial").loc[trial]
    arms = evidence.arms[evidence.arms.trial == trial]
    lines = [f"## {md(trial)} ({md(row['registry_id'])}) at a glance", "",
             f"- Setting: {md(row['setting'])}; design: {md(row['design'])}",
             f"- Population: {md(row['population'])}",
             "- Arms: " + "; ".join(f"{md(a.arm)}, {md(a.regimen)} (n = {a.n_randomised})" for a in arms.itertuples()), "",
             "| Analysis | Endpoint | Statistic | Arm | Value as published | Source |", "|---|---|---|---|---|---|"]
    rows, sources = [], []
    for _, r in evidence.endpoints[evidence.endpoints.trial == trial].iterrows():
        arm = r["arm"] + (f" vs {r['comparator']}" if r["comparator"] else "")
        when = f" at {r['timepoint']:g} {r['time_unit']}" if r["time_unit"] else ""
        lines.append(f"| {md(vocab.analysis_label(r['trial'], r['analysis']))} | {md(r['endpoint'])} | "
                     f"{md(r['statistic'].replace('_', ' ') + when)} | {md(arm)} | {md(published(r))} | "
                     f"{md(cite.short(evidence.references[r['source']]))}, {md(r['locator'])} |")
        rows.append({"table": "endpoints", "row_id": r["row_id"], "label": f"{r['endpoint']} {r['statistic']} {arm}",
                     "value": published(r)})
        sources.append(r["source"])
    adverse = evidence.safety[evidence.safety.trial == trial]
    if len(adverse):
        lines += ["", "| Analysis | Adverse event | Category | Arm | Patients | Source |", "|---|---|---|---|---|---|"]
    for _, r in adverse.iterrows():
        lines.append(f"| {md(vocab.analysis_label(r['trial'], r['analysis']))} | {md(r['event'])} | "
                     f"{md(r['category'].replace('_', ' '))} | {md(r['arm'])} | {md(r['estimate_text'])}% | "
                     f"{md(cite.short(evidence.references[r['source']]))}, {md(r['locator'])} |")
        rows.append({"table": "safety", "row_id": r["row_id"], "label": f"{r['event']} {r['category']} {r['arm']}",
                     "value": f"{r['estimate_text']}%"})
        sources.append(r["source"])
    sources = list(dict.fromkeys([row["source"], *arms.source, *sources]))
    lines += ["", "Figures (rendered once, in the suite): " + ", ".join(f"[{f}]({f}.png)" for f in figures),
              "", "### References", ""]
    lines += [f"{i}. {md(cite.full(evidence.references[s]))}" for i, s in enumerate(sources, start=1)]
    lines += ["", "Published values; no new analysis."]
    return "\n".join(lines), rows, sources


def trial_at_a_glance(trial: str, theme: str, formats: list, out_dir, name: str) -> Glance:
    """A page of the trial's design, endpoints and references, listing the suite's figures of the trial."""
    _common(theme, formats)
    evidence = load()
    select.check_choice("trial", [trial], list(evidence.trials.trial))
    name = name or f"trial-{slug(trial)}"
    text, rows, sources = page(evidence, trial, figures_for(trial))
    stem = Path(out_dir) / name
    stem.parent.mkdir(parents=True, exist_ok=True)
    _atomic(stem.with_suffix(".md"), lambda tmp: Path(tmp).write_text(text + "\n", encoding="utf-8"))
    label = vocab.trial_label(trial)
    record = {"figure": "trial", "title": f"{label} at a glance", "alt_text": f"Summary page of the {label} trial.",
              "derived": [], "theme": THEMES[theme].name, "files": [f"{name}.md"],
              **provenance(evidence, "trial", rows, sources, {"trial": trial, "theme": theme, "formats": list(formats)})}
    write_manifest(stem, record)
    return Glance(text, record)
