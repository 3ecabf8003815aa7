"""What the notebooks call: one function per figure kind, returning a result that prints as stable text.

The printed text (values, citations, files) is what nbval compares, so it holds no timestamps,
memory addresses or absolute paths.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import paths
from .load import load
from .output import save
from . import select
from .select import check_choice
from .theme import FORMATS, THEMES
from .wording import p_text


@dataclass
class Rendered:
    kind: str
    stem: str
    record: dict
    png: Path | None

    def __repr__(self) -> str:
        lines = [f"{self.record['title']} ({self.kind}, theme {self.record['theme']})"]
        lines += [f"  {v['label']}: {v['value']}" + (f", {p_text(v['p_value'])}" if v.get("p_value") else "")
                  + f"  [{v['row_id']}]" for v in self.record["values"]]
        if self.record.get("fidelity"):
            lines += ["Fidelity (published value, curve at the same time, at the published precision):"]
            lines += [f"  {f['arm']} [{f['row_id']}]: published {f['published']}, curve {f['curve']} ({f['model']})"
                      for f in self.record["fidelity"]]
        lines += ["Sources:"] + [f"  {c['full']}" for c in self.record["citations"]]
        lines += [f"Files: {', '.join(self.record['files'])}, {self.stem}.json"]
        return "\n".join(lines)

    def _repr_png_(self):
        return self.png.read_bytes() if self.png and self.png.exists() else None


def _common(theme: str, formats: list[str]) -> None:
    check_choice("theme", [theme], list(THEMES))
    check_choice("format", list(formats), list(FORMATS))


def _finish(drawn, evidence, theme: str, formats: list, out_dir, name: str, parameters: dict, redraw=None) -> Rendered:
    """Save the figure; a slide-theme figure with `redraw` (theme -> Drawn) also gets its print-theme downloads."""
    stem = Path(out_dir) / name
    print_drawn = redraw(THEMES["print"]) if redraw is not None and theme == "slide" else None
    record = save(drawn, evidence, THEMES[theme], stem, tuple(formats), {**parameters, "theme": theme, "formats": list(formats)},
                  print_drawn)
    return Rendered(drawn.kind, name, record, stem.with_suffix(".png") if "png" in formats else None)


def forest(trials: list, endpoints: list, analyses: list, theme: str, formats: list, out_dir, name: str = "forest") -> Rendered:
    """The hazard-ratio forest plot for a selection of trials, endpoints and analyses."""
    from .figures import forest as drawing

    _common(theme, formats)
    evidence = load()
    frame = select.hazard_ratios(evidence, trials or None, endpoints or None, analyses or None)
    drawn = drawing.draw(frame, evidence, THEMES[theme])
    return _finish(drawn, evidence, theme, formats, out_dir, name, {"trials": trials, "endpoints": endpoints, "analyses": analyses},
                   lambda t: drawing.draw(frame, evidence, t))


def landmark(trials: list, endpoints: list, theme: str, formats: list, out_dir, name: str = "landmark") -> Rendered:
    """Landmark rates per arm at every published timepoint, with the between-arm difference."""
    from .figures import landmark as drawing

    _common(theme, formats)
    evidence = load()
    rates, differences = select.landmark_rates(evidence, trials or None, endpoints or None)
    drawn = drawing.draw(rates, differences, evidence, THEMES[theme])
    return _finish(drawn, evidence, theme, formats, out_dir, name, {"trials": trials, "endpoints": endpoints},
                   lambda t: drawing.draw(rates, differences, evidence, t))


def medians(trials: list, endpoints: list, analyses: list, theme: str, formats: list, out_dir,
            name: str = "medians") -> Rendered:
    """Median survival per arm at each analysis, with the hazard ratio of the same analysis."""
    from .figures import medians as drawing

    _common(theme, formats)
    evidence = load()
    frame, ratios = select.medians(evidence, trials or None, endpoints or None, analyses or None)
    drawn = drawing.draw(frame, ratios, evidence, THEMES[theme])
    return _finish(drawn, evidence, theme, formats, out_dir, name, {"trials": trials, "endpoints": endpoints, "analyses": analyses},
                   lambda t: drawing.draw(frame, ratios, evidence, t))


def safety(trials: list, analyses: list, categories: list, theme: str, formats: list, out_dir,
           name: str = "safety", scope: str = "all", events: list | None = None) -> Rendered:
    """Adverse events by arm as published: all, the key specific events, or any adverse event by category."""
    from .figures import safety as drawing

    _common(theme, formats)
    evidence = load()
    frame = select.adverse_events(evidence, trials or None, analyses or None, categories or None, scope, events or None)
    drawn = drawing.draw(frame, evidence, THEMES[theme], scope)
    parameters = {"trials": trials, "analyses": analyses, "categories": categories}
    parameters.update({**({"scope": scope} if scope != "all" else {}), **({"events": list(events)} if events else {})})
    return _finish(drawn, evidence, theme, formats, out_dir, name, parameters,
                   lambda t: drawing.draw(frame, evidence, t, scope))


def iconarray(trial: str, endpoint: str, analysis: str, theme: str, formats: list, out_dir,
              name: str = "iconarray") -> Rendered:
    """Published landmark rates per arm as 100 patients each (rounding to whole icons is stated)."""
    from .figures import iconarray as drawing

    _common(theme, formats)
    evidence = load()
    rates, _ = select.landmark_rates(evidence, [trial], [endpoint])
    chosen = drawing.choose(rates, evidence, analysis)
    drawn = drawing.draw(chosen, evidence, THEMES[theme])
    return _finish(drawn, evidence, theme, formats, out_dir, name, {"trial": trial, "endpoint": endpoint, "analysis": analysis},
                   lambda t: drawing.draw(chosen, evidence, t))


def illustrative(trial: str, analysis: str, endpoint: str, seed: int, theme: str, formats: list, out_dir,
                 name: str = "illustrative") -> Rendered:
    """Curves through the published anchors under a stated model, and a seeded simulated cohort."""
    from . import illustrate
    from .figures import illustrative as drawing

    _common(theme, formats)
    evidence = load()
    anchors, unit = illustrate.anchors(evidence, trial, analysis, endpoint)
    models = {arm: illustrate.fit(points) for arm, points in anchors.items()}
    meta = evidence.analyses.set_index(["trial", "analysis"]).loc[(trial, analysis)]
    if not pd.isna(meta["median_follow_up"]) and meta["follow_up_unit"] == unit:
        horizon, note = float(meta["median_follow_up"]), ""
    else:
        horizon = 12 * math.ceil(3 * max(a.time for points in anchors.values() for a in points) / 12)
        note = "about three times the latest anchor, as no median follow-up is recorded for this analysis"
    drawn = drawing.draw(evidence, trial, analysis, endpoint, anchors, unit, models, horizon, note, seed, THEMES[theme])
    return _finish(drawn, evidence, theme, formats, out_dir, name,
                   {"trial": trial, "analysis": analysis, "endpoint": endpoint, "seed": seed})


def project_path(relative: str) -> Path:
    """A path given relative to the project root, whatever the kernel's working folder.

    TRIALFIGS_OUTPUT_ROOT, when set, takes the place of the project root: nbval re-executes the
    rendered notebooks with it pointing at a temporary folder, so a test never writes to reports/.
    """
    path = Path(relative)
    return path if path.is_absolute() else Path(os.environ.get("TRIALFIGS_OUTPUT_ROOT") or paths.ROOT) / path
