"""Which jobs a render runs, under which names, into which folder.

A selection (--trial, --endpoint, --analysis, --theme, --format, -p) goes to every job whose
notebook declares the parameter, and a render with a selection runs only the jobs it changes or
that belong to a selected trial (a job fixed to one trial is kept only when the selection names
that trial; a job of several trials, such as a setting's forest plot, is narrowed to the selected
ones and named for them: `forest-<trial>`). A job the selection changed is a variant: it gets a name that says what it is
(`forest-<trial>-print`) and, unless asked otherwise, goes to build/, never to reports/, which
holds exactly the default suite. A job whose notebook has nothing to draw for its selection is
skipped with one line saying why.

Reading a notebook's parameters here needs no papermill: a cached render stays light.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

from trialfigs import paths
from trialfigs.figures.kinds import KINDS
from trialfigs.figures.suite import Job, default_suite
from trialfigs.paths import slug

SELECTION_FLAGS = ("trials", "endpoints", "analyses")
LIST_PARAMETERS = (*SELECTION_FLAGS, "formats")  # -p values that must be JSON lists (text would split into letters)
NOT_IN_NAMES = ("formats", "out_dir", "name")  # a variant's name says what it shows, not its file types
# What each figure kind draws, for the line that says a job was skipped.
DRAWS = {name: k.draws for name, k in KINDS.items()}

# The statistic without which a figure kind has nothing to draw (a landmark chart of differences alone is empty).
NEEDS = {name: k.needs for name, k in KINDS.items() if k.needs}


class SelectionError(ValueError):
    """A selection that cannot be applied; the message says what to do instead."""


def declared(notebook: Path) -> dict[str, object]:
    """The notebook's parameters cell: name -> default (None when the default is not a literal)."""
    cells = json.loads(Path(notebook).read_text(encoding="utf-8")).get("cells", [])
    found: dict[str, object] = {}
    for cell in cells:
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            source = "".join(cell.get("source", []))
            for node in ast.parse(source).body:
                target = node.target if isinstance(node, ast.AnnAssign) else (
                    node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None)
                if isinstance(target, ast.Name):
                    try:
                        found[target.id] = ast.literal_eval(node.value) if node.value is not None else None
                    except ValueError:
                        found[target.id] = None
    return found


def with_parameters(selection: dict, pairs: list[tuple[str, str]], name: str | None = None) -> tuple[dict, str | None]:
    """Add `-p NAME VALUE` pairs to a selection (VALUE read as JSON when it parses, else as text).

    `-p name X` names the variant like --name; `-p trial X` and `-p trials [..]` select trials like
    --trial, so a per-trial page is rendered under its own trial's name, never under another's.
    """
    selection = dict(selection)
    for key, text in pairs:
        try:
            value = json.loads(text)
        except ValueError:
            value = text
        if key in LIST_PARAMETERS and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise SelectionError(f"-p {key} takes a JSON list of names, e.g. -p {key} '[\"A\", \"B\"]' "
                                 f"(got {text!r}); or repeat --{key.rstrip('s')}")
        if key == "name":
            name = value
        elif key == "trial" or (key == "trials" and isinstance(value, list)):
            selection["trials"] = [*selection.get("trials", []), *(value if isinstance(value, list) else [value])]
        else:
            selection[key] = value
    return selection, name


# Selections a job may fix (safety-<trial> fixes its trial, medians-<trial>-<endpoint> its endpoint): such a job is
# kept only when the selection names what it fixes, and is never re-pointed at something else.
FIXABLE = {"trials": "trial", "endpoints": "endpoint"}


def _fixed(job: Job, plural: str) -> list[str] | None:
    single = FIXABLE[plural]
    if job.parameters.get(single):
        return [job.parameters[single]]
    return job.parameters.get(plural) or None


def _fixed_trials(job: Job) -> list[str] | None:
    return _fixed(job, "trials")


def apply_selection(jobs: list[Job], selection: dict, notebooks: Path | None = None,
                    requested: list[str] | None = None, name: str | None = None) -> list[Job]:
    """Apply command-line choices to each job whose notebook declares the parameter.

    requested: notebooks asked for by name (--notebook); a per-trial notebook among them gets a job
    for each selected trial that has none. name: the file name of a single variant.
    """
    notebooks = Path(notebooks) if notebooks else paths.NOTEBOOKS
    defaults = {n: _declared_or_all(notebooks, n, selection) for n in {job.notebook for job in jobs} | set(requested or [])}
    params = {n: set(d) for n, d in defaults.items()}
    trials = selection.get("trials")
    if trials:
        for notebook in requested or []:
            ours = [job for job in jobs if job.notebook == notebook]
            have = {t for job in ours for t in (_fixed_trials(job) or [])}
            if "trial" in params[notebook] and "trials" not in params[notebook]:
                jobs = [job for job in jobs if not (job.notebook == notebook and not _fixed_trials(job))]
                jobs += [Job(notebook, f"{notebook}-{slug(t)}", {"trial": t}) for t in trials if t not in have]
            elif "trials" in params[notebook] and ours and all(_fixed_trials(job) for job in ours):
                # a notebook split by trial in the suite: a selected trial it has no job for gets one
                jobs += [Job(notebook, f"{notebook}-{slug(t)}", {"trials": [t]}) for t in trials if t not in have]
    takes = {n: params[n] | ({"trials"} if "trial" in params[n] else set()) for n in params}
    unused = [k for k in selection if not any(k in takes[job.notebook] for job in jobs)]
    if unused and jobs:
        shown = ", ".join(sorted({job.notebook for job in jobs}))
        raise SelectionError(f"no notebook of this render ({shown}) has the parameter {', '.join(map(repr, unused))}; "
                             "see each notebook's parameters with: papermill --help-notebook notebooks/<name>.ipynb")
    kept = []
    for job in jobs:
        fixed = {k: _fixed(job, k) for k in FIXABLE}
        narrowed = _narrowed(job, fixed, selection)
        if narrowed is None:
            continue
        extra = {k: v for k, v in selection.items() if k in params[job.notebook] and not (k in FIXABLE and fixed[k])}
        # a value equal to what the job runs with anyway (its own, else the notebook's default) changes nothing
        changed = {k: v for k, v in extra.items() if job.parameters.get(k, defaults[job.notebook].get(k)) != v}
        kept.append((job, narrowed, changed, any(selection.get(k) and fixed[k] for k in FIXABLE)))
    if trials or any(changed for *_, changed, _ in kept):  # the jobs the selection says nothing about stay as in the suite
        kept = [(job, narrowed, changed, mine) for job, narrowed, changed, mine in kept if changed or mine]
    # a group narrowed to part of itself is named for what it now shows, not for the group (forest-<trial>)
    chosen = [Job(job.notebook, variant_name(job.notebook, {**narrowed, **changed}) if narrowed
                  else variant_name(job.name, changed), {**job.parameters, **narrowed, **changed})
              for job, narrowed, changed, _ in kept]
    if name:
        if len(chosen) != 1:
            raise SelectionError(f"--name names one figure, but this render has {len(chosen)}: "
                                 f"{', '.join(j.name for j in chosen) or 'none'}; choose one with --notebook, --trial or --endpoint")
        chosen = [Job(chosen[0].notebook, name, chosen[0].parameters)]
    return chosen


def _narrowed(job: Job, fixed: dict, selection: dict) -> dict | None:
    """What a selection leaves of a job fixed to several trials or endpoints (a group such as a setting's
    forest plot): {} when the selection takes the job whole, the selected part of a group, None to drop it.
    A job fixed to one trial or endpoint is never re-pointed."""
    narrowed = {}
    for plural in FIXABLE:
        wanted, own = selection.get(plural), fixed[plural]
        if not wanted or not own or set(own) <= set(wanted):
            continue
        common = [v for v in own if v in wanted]
        if not common or FIXABLE[plural] in job.parameters:
            return None
        narrowed[plural] = common
    trials = fixed["trials"]
    if selection.get("trials") and trials and "trials" not in narrowed and not all(slug(t) in job.name for t in trials):
        narrowed["trials"] = list(trials)  # a group job taken whole by a trial selection is named for its trials
    return narrowed


def _declared_or_all(notebooks: Path, notebook: str, selection: dict) -> dict[str, object]:
    """The notebook's parameters with their defaults; for a notebook not on disk (render will say so), the selection's."""
    source = notebooks / f"{notebook}.ipynb"
    return declared(source) if source.is_file() else {k: None for k in selection}


def variant_name(name: str, changed: dict) -> str:
    """'forest' + {trials: [<TRIAL>], theme: print} -> 'forest-<trial>-print'."""
    parts = []
    for key, value in changed.items():
        if key in NOT_IN_NAMES:
            continue
        values = value if isinstance(value, list) else [value]
        parts += [slug(v) if isinstance(v, str) else f"{slug(key)}-{slug(str(v))}" for v in values]
    return "-".join([name, *(p for p in parts if p)])


def default_out(jobs: list[Job], data_dir: Path | None = None, selected: bool = False) -> Path:
    """reports/ when the render is the default suite as it stands, asked for with no selection; build/ for
    anything else (a selection is a variant even where its jobs happen to equal suite jobs)."""
    if selected:
        return paths.BUILD
    suite = {job.name: (job.notebook, job.parameters) for job in default_suite(data_dir)}
    same = all(suite.get(job.name) == (job.notebook, job.parameters) for job in jobs)
    return paths.REPORTS if same else paths.BUILD


def nothing_to_draw(job: Job, data_dir: Path | None = None) -> str | None:
    """'landmark: no <TRIAL> landmark rates, skipped' when the job's selection reads no value; else None."""
    from trialfigs.figures.inputs import drawn_rows

    rows = drawn_rows(job.notebook, job.parameters, data_dir)
    needed = NEEDS.get(job.notebook)
    if any(needed is None or row.get("statistic") == needed for _, row in rows):
        return None
    p = job.parameters
    words = [*(_fixed_trials(Job(job.notebook, job.name, p)) or []),
             *(p.get("endpoints") or []), *([p["endpoint"]] if p.get("endpoint") else []),
             *(p.get("analyses") or []), *([p["analysis"]] if p.get("analysis") else []),
             *(p.get("categories") or [])]
    what = DRAWS.get(job.notebook, "values")
    return f"{job.name}: no {' '.join([*map(str, words), what])}, skipped"
