"""What the notebooks call: one function per figure kind, returning a result that prints as stable text.

The printed text (values, citations, files) is what nbval compares, so it holds no timestamps,
memory addresses or absolute paths.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from trialfigs import paths
from trialfigs.evidence import select
from trialfigs.evidence.load import load
from trialfigs.evidence.parameter_lists import how_to_pass_a_list
from trialfigs.evidence.select import SelectionError, check_choice
from trialfigs.figures import notebook_text as shown
from trialfigs.figures.save import save
from trialfigs.figures.theme import FORMATS, THEMES
from trialfigs.figures.wording import p_text


@dataclass
class Rendered:
    """A drawn figure: its manifest record, the rows it drew (`values`, a DataFrame with row id, value
    as published, citation and locator) and its files. In Jupyter it shows the figure, the values and
    the full references (HTML); its repr is stable text (what nbval compares)."""

    kind: str
    stem: str
    record: dict
    png: Path | None
    values: pd.DataFrame | None = None
    image: Path | None = None  # the PNG, else the SVG, shown in the notebook

    def __repr__(self) -> str:
        lines = [f"{self.record['title']} ({self.kind}, theme {self.record['theme']})"]
        lines += [f"  {v['label']}: {v['value']}" + (f", {p_text(v['p_value'])}" if v.get("p_value") else "")
                  + f"  [{v['row_id'] or 'derived'}]" for v in self.record["values"]]
        if self.record.get("fidelity"):
            lines += ["Fidelity (every published number of the analysis, and the model's value at the published precision):"]
            lines += [f"  {f['arm']}, {f['quantity']} [{f['row_id']}]: published {f['published']}, model {f['model']} ({f['status']})"
                      for f in self.record["fidelity"]]
        lines += ["Sources:"] + [f"  {c['full']}" for c in self.record["citations"]]
        lines += [f"Files: {', '.join(self.record['files'])}, {self.stem}.json"]
        return "\n".join(lines)

    @property
    def references(self) -> list[str]:
        """The full citations of every source the figure cites."""
        return shown.references(self.record)

    def _repr_html_(self) -> str:
        image = (self.image.suffix[1:], self.image.read_bytes()) if self.image and self.image.exists() else None
        return shown.as_html(self.record, self._values(), image)

    def _repr_markdown_(self) -> str:
        return shown.as_markdown(self.record, self._values())

    def _values(self) -> pd.DataFrame:
        return self.values if self.values is not None else pd.DataFrame(columns=shown.COLUMNS)


def _common(theme: str, formats: list[str], **lists) -> None:
    for name, value in {"formats": formats, **lists}.items():
        if not isinstance(value, (list, tuple)):
            raise SelectionError(how_to_pass_a_list(name, value))
    check_choice("theme", [theme], list(THEMES))
    check_choice("format", list(formats), list(FORMATS))


def _finish(drawn, evidence, theme: str, formats: list, out_dir, name: str, parameters: dict, redraw=None) -> Rendered:
    """Save the figure; a slide-theme figure with `redraw` (theme -> Drawn) also gets its print-theme downloads."""
    stem = Path(out_dir) / name
    print_drawn = redraw(THEMES["print"]) if redraw is not None and theme == "slide" else None
    record = save(drawn, evidence, THEMES[theme], stem, tuple(formats), {**parameters, "theme": theme, "formats": list(formats)},
                  print_drawn)
    image = next((stem.with_suffix(f".{f}") for f in ("png", "svg") if f in formats), None)
    return Rendered(drawn.kind, name, record, stem.with_suffix(".png") if "png" in formats else None,
                    shown.values_frame(evidence, record), image)


def forest(trials: list, endpoints: list, analyses: list, theme: str, formats: list, out_dir, name: str = "forest") -> Rendered:
    """The hazard-ratio forest plot for a selection of trials, endpoints and analyses."""
    from trialfigs.figures import forest as drawing

    _common(theme, formats, trials=trials, endpoints=endpoints, analyses=analyses)
    evidence = load()
    frame = select.hazard_ratios(evidence, trials or None, endpoints or None, analyses or None)
    drawn = drawing.draw(frame, evidence, THEMES[theme])
    return _finish(drawn, evidence, theme, formats, out_dir, name, {"trials": trials, "endpoints": endpoints, "analyses": analyses},
                   lambda t: drawing.draw(frame, evidence, t))


def landmark(trials: list, endpoints: list, theme: str, formats: list, out_dir, name: str = "landmark") -> Rendered:
    """Landmark rates per arm at every published timepoint, with the between-arm difference."""
    from trialfigs.figures import landmark as drawing

    _common(theme, formats, trials=trials, endpoints=endpoints)
    evidence = load()
    rates, differences = select.landmark_rates(evidence, trials or None, endpoints or None)
    drawn = drawing.draw(rates, differences, evidence, THEMES[theme])
    return _finish(drawn, evidence, theme, formats, out_dir, name, {"trials": trials, "endpoints": endpoints},
                   lambda t: drawing.draw(rates, differences, evidence, t))


def proportions(trials: list, endpoints: list, theme: str, formats: list, out_dir, name: str = "proportions") -> Rendered:
    """Proportions of patients per arm (pCR, objective response, a primary endpoint such as clinically relevant
    toxicity), with the between-arm difference."""
    from trialfigs.figures import proportions as drawing

    _common(theme, formats, trials=trials, endpoints=endpoints)
    evidence = load()
    shares, differences = select.proportions(evidence, trials or None, endpoints or None)
    drawn = drawing.draw(shares, differences, evidence, THEMES[theme])
    return _finish(drawn, evidence, theme, formats, out_dir, name, {"trials": trials, "endpoints": endpoints},
                   lambda t: drawing.draw(shares, differences, evidence, t))


def medians(trials: list, endpoints: list, analyses: list, theme: str, formats: list, out_dir,
            name: str = "medians") -> Rendered:
    """Median survival per arm at each analysis, with the hazard ratio of the same analysis."""
    from trialfigs.figures import medians as drawing

    _common(theme, formats, trials=trials, endpoints=endpoints, analyses=analyses)
    evidence = load()
    frame, ratios = select.medians(evidence, trials or None, endpoints or None, analyses or None)
    drawn = drawing.draw(frame, ratios, evidence, THEMES[theme])
    return _finish(drawn, evidence, theme, formats, out_dir, name, {"trials": trials, "endpoints": endpoints, "analyses": analyses},
                   lambda t: drawing.draw(frame, ratios, evidence, t))


def safety(trials: list, analyses: list, categories: list, theme: str, formats: list, out_dir,
           name: str = "safety", scope: str = "all", events: list | None = None) -> Rendered:
    """Adverse events by arm as published: all, the key specific events, or any adverse event by category."""
    from trialfigs.figures import safety as drawing

    _common(theme, formats, trials=trials, analyses=analyses, categories=categories)
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
    from trialfigs.figures import iconarray as drawing

    _common(theme, formats)
    evidence = load()
    rates, _ = select.landmark_rates(evidence, [trial], [endpoint])
    chosen = drawing.choose(rates, evidence, analysis)
    drawn = drawing.draw(chosen, evidence, THEMES[theme])
    return _finish(drawn, evidence, theme, formats, out_dir, name, {"trial": trial, "endpoint": endpoint, "analysis": analysis},
                   lambda t: drawing.draw(chosen, evidence, t))


def illustrative(trial: str, analysis: str, endpoint: str, seed: int, theme: str, formats: list, out_dir,
                 name: str = "illustrative", simulate: bool = False) -> list[Rendered]:
    """Model curves through every published number of one analysis, with the fidelity table: [model figure].

    Raises IllustrationError, naming the number, when no curve of the model family meets it. With
    `simulate`, also writes <name>-simulated: a seeded cohort drawn from the model and fitted with
    lifelines, stamped as simulated on every panel (off by default; never in the default suite).
    """
    from trialfigs.figures import model_curves as drawing
    from trialfigs.model import curves as illustrate
    from trialfigs.model import fit as illustrate_fit

    _common(theme, formats)
    evidence = load()
    chosen = illustrate.analysis(evidence, trial, analysis, endpoint)
    found = illustrate_fit.fit(chosen)
    drawn = drawing.draw(evidence, chosen, found, THEMES[theme])
    parameters = {"trial": trial, "analysis": analysis, "endpoint": endpoint, "seed": seed, "simulate": simulate}
    model = _finish(drawn, evidence, theme, formats, out_dir, name, parameters)
    if not simulate:
        return [model]
    from trialfigs.figures import simulated_cohort as simulated

    cohort = simulated.draw(evidence, chosen, found, seed, THEMES[theme])
    return [model, _finish(cohort, evidence, theme, formats, out_dir, f"{name}-simulated", parameters)]


def project_path(relative: str) -> Path:
    """A path given relative to the project root, whatever the kernel's working folder.

    TRIALFIGS_OUTPUT_ROOT, when set, takes the place of the project root: nbval re-executes the
    rendered notebooks with it pointing at a temporary folder, so a test never writes to reports/.
    """
    path = Path(relative)
    return path if path.is_absolute() else Path(os.environ.get("TRIALFIGS_OUTPUT_ROOT") or paths.ROOT) / path


def declared_parameters(notebook: str) -> dict[str, object]:
    """The names and literal defaults of a notebook's parameters cell (notebooks/<notebook>.ipynb)."""
    import ast
    import json

    cells = json.loads((paths.NOTEBOOKS / f"{notebook}.ipynb").read_text(encoding="utf-8")).get("cells", [])
    found: dict[str, object] = {}
    for cell in cells:
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            for node in ast.parse("".join(cell.get("source", []))).body:
                if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                    found[node.target.id] = ast.literal_eval(node.value) if node.value is not None else None
                elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                    found[node.targets[0].id] = ast.literal_eval(node.value)
    return found


LITERALS = (str, int, float, bool, list, dict, tuple, type(None))


def run_parameters(notebook: str, namespace: dict, *selection: str) -> tuple:
    """The first cell of a notebook after its parameters: refuses a parameter the notebook does not
    declare (papermill only warns of one), and returns the values of the named selection parameters.

    When every one of them is left at its default (all empty), the selection is the suite's first
    figure of this notebook: the first setting or trial in teaching order, read from data/ now,
    because every trial at once does not fit one slide. Given a selection, it is used as it is."""
    from trialfigs.figures.suite import default_suite

    declared = declared_parameters(notebook)
    hidden = set(getattr(namespace.get("get_ipython", lambda: None)(), "user_ns_hidden", {}) or {})
    unknown = sorted(k for k, v in namespace.items() if not k.startswith("_") and k not in declared and k not in hidden
                     and isinstance(v, LITERALS))
    if unknown:
        raise SelectionError(f"unknown parameter {', '.join(map(repr, unknown))} for notebooks/{notebook}.ipynb; "
                             f"valid: {', '.join(declared)}")
    from trialfigs.evidence.vocabulary import trial_id

    values = {k: namespace.get(k, declared.get(k)) for k in selection}
    if isinstance(values.get("trials"), list):  # the id or the label printed on the slides, any case
        values["trials"] = [trial_id(t) for t in values["trials"]]
    if selection and all(values[k] == declared.get(k) for k in selection):
        first = next((job for job in default_suite() if job.notebook == notebook), None)
        if first is not None:
            values = {k: first.parameters.get(k, declared.get(k)) for k in selection}
    return tuple(values[k] for k in selection)
