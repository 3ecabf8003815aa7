"""Run the notebooks with papermill into reports/: checked parameters, the project's own kernel,
a timeout per cell, and output that replaces the previous reports only when every notebook succeeded.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from trialfigs import paths
from trialfigs.evidence import vocabulary as vocab
from trialfigs.evidence.parameter_lists import list_items
from trialfigs.figures.suite import Job, default_suite  # noqa: F401  (re-exported: the CLI and tests take them from here)
from trialfigs.figures.theme import FORMATS, THEMES
from trialfigs.render.jobs import SelectionError, apply_selection, default_out, nothing_to_draw  # noqa: F401

KERNEL = "trialfigs"
RENDER_SETS = ("out_dir", "name")  # every notebook takes these; render sets them
CELL_TIMEOUT = 300  # seconds
FAILED = paths.ROOT / ".trialfigs-failed"
# Keys of papermill's and nbclient's metadata that change on every run.
VOLATILE = ("start_time", "end_time", "duration", "exception", "execution", "input_path", "output_path")


class RenderError(RuntimeError):
    """A render that cannot start or did not finish; the message says which notebook and cell."""


class Written(list):
    """The files a render wrote, the names of the jobs it ran (the others were current), and one
    line for each job skipped because its selection has nothing to draw."""

    def __init__(self, files=(), ran=(), skipped=()):
        super().__init__(files)
        self.ran = list(ran)
        self.skipped = list(skipped)


def contract(notebook: Path) -> dict[str, dict]:
    """The notebook's parameters cell as papermill reads it: name -> type, default, help."""
    import papermill

    return papermill.inspect_notebook(str(notebook))


def check_parameters(notebook: Path, given: dict, choices: dict[str, list[str]]) -> None:
    """Refuse unknown, mistyped or out-of-vocabulary parameters before any kernel starts."""
    spec = contract(notebook)
    problems = [f"{notebook.name} lacks the parameter {name!r} that render sets; add it to its parameters cell"
                for name in RENDER_SETS if name not in spec]
    problems += [f"missing parameter {name!r} for {notebook.name} (it has no default): {spec[name]['help']}"
                 for name in spec if spec[name]["default"] == "None" and name not in given and name not in RENDER_SETS]
    for name, value in given.items():
        if name not in spec:
            problems.append(f"unknown parameter {name!r} for {notebook.name}; valid: {', '.join(spec)}")
            continue
        kind = spec[name]["inferred_type_name"]
        expected = {"list": list, "str": str, "int": int, "float": (int, float), "bool": bool}.get(kind)
        if expected and not isinstance(value, expected):
            hint = f"; give a JSON list: -p {name} '{json.dumps(list_items(value))}'" if kind == "list" and isinstance(value, str) else ""
            problems.append(f"parameter {name!r} of {notebook.name} must be a {kind}, not {type(value).__name__} {value!r}{hint}")
            continue
        values = value if isinstance(value, list) else [value]
        valid = choices.get(name)
        bad = [v for v in values if valid is not None and v not in valid]
        if bad:
            problems.append(f"unknown {name} {', '.join(map(repr, bad))}; valid: {', '.join(valid)}")
    if problems:
        raise RenderError("\n".join(problems))


def vocabulary() -> dict[str, list[str]]:
    """The valid values of the selection parameters, from the data."""
    from trialfigs.evidence.load import load

    evidence = load()
    chosen = vocab.selection_choices()
    return {
        **chosen,
        "trial": chosen["trials"],
        "analysis": chosen["analyses"],
        "endpoint": chosen["endpoints"],
        "theme": list(THEMES),
        "formats": list(FORMATS),
        "categories": sorted(set(evidence.safety.category)),
        "scope": ["all", "specific", "overall"],
        "events": sorted(set(evidence.safety.event)),
    }


def _kernel_home() -> str:
    """A Jupyter data folder whose only kernel runs this very Python, ahead of any user kernel."""
    home = Path(tempfile.mkdtemp(prefix="trialfigs-jupyter-"))
    spec = home / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "trialfigs", "language": "python"}), encoding="utf-8")
    return str(home)


def render(jobs: list[Job] | None = None, out: Path | None = None, notebooks: Path | None = None,
           quiet: bool = False, force: bool = False, workers: int | None = None) -> list[Path]:
    """Render the jobs whose inputs changed (all with force), in parallel kernels; on success move the
    results into `out` and record them in its cache, else change nothing. `out` defaults to reports/
    for the default suite and to build/ for anything else (jobs.default_out). A job with nothing to
    draw is skipped (Written.skipped says why); a render where every job would be skipped fails."""
    from trialfigs.evidence.problems import InvalidData
    from trialfigs.evidence.validate import problems as data_problems
    from trialfigs.render import cache

    problems = data_problems()  # every render reads the data through validation, a cache hit too (no pandas)
    if problems:
        raise InvalidData(problems)
    jobs = default_suite() if jobs is None else jobs
    out = Path(out) if out else default_out(jobs)
    notebooks = Path(notebooks) if notebooks else paths.NOTEBOOKS
    for job in jobs:
        try:
            paths.check_name(job.name)
        except paths.UnsafePath as error:
            raise RenderError(str(error)) from None
        source = notebooks / f"{job.notebook}.ipynb"
        if not source.is_file():
            valid = ", ".join(sorted(p.stem for p in notebooks.glob("*.ipynb")))
            raise RenderError(f"no notebook {source.name} in {paths.shown(notebooks)}; valid: {valid}")
    why = {job.name: nothing_to_draw(job) for job in jobs}
    skipped = [line for line in why.values() if line]
    if len(skipped) == len(jobs):
        choices = vocabulary()  # a misspelt name matches nothing: say so, with the valid choices
        for job in jobs:
            check_parameters(notebooks / f"{job.notebook}.ipynb", job.parameters, choices)
        raise RenderError("nothing matches the selection:\n" + "\n".join(skipped))
    jobs = [job for job in jobs if not why[job.name]]
    keys = cache.keys_for(jobs, notebooks)
    entries = cache.load_cache(out)
    todo = [job for job in jobs if force or not cache.is_current(out, entries.get(job.name), keys[job.name])]
    if not todo:
        return Written(ran=[], skipped=skipped)
    choices = vocabulary()
    for job in todo:
        check_parameters(notebooks / f"{job.notebook}.ipynb", job.parameters, choices)
    out.mkdir(parents=True, exist_ok=True)
    for line in remove_stale_staging(out):
        print(line, file=sys.stderr)
    staging = Path(tempfile.mkdtemp(prefix=f".staging-{os.getpid()}-", dir=out))
    home = _kernel_home()
    previous_path = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = home + (os.pathsep + previous_path if previous_path else "")
    written = Written(ran=[job.name for job in todo], skipped=skipped)
    produced: dict[str, list[str]] = {}
    pool = None
    restore: dict = {}
    from trialfigs.render import kernels

    kernels.folder = home  # the kernels' sockets and connection files: removed with home below
    try:
        workers = max(1, min(workers or os.cpu_count() or 1, len(todo)))
        progress = _progress(len(todo), quiet)
        if workers == 1:
            for job in todo:
                produced[job.name] = run_job(job, staging, notebooks)
                progress.update()
        else:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                       initializer=kernels.worker_signals)
            futures = {pool.submit(run_job, job, staging, notebooks): job for job in todo}
            for future in futures:
                produced[futures[future].name] = future.result()
                progress.update()
            pool.shutdown(wait=True)
            pool = None
        progress.close()
        for path in sorted(p for p in staging.rglob("*") if p.is_file()):
            target = out / path.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
            written.append(target)
        for job in todo:
            entries[job.name] = cache.entry_for(out, keys[job.name], produced[job.name])
        cache.save_cache(out, entries)
    except KeyboardInterrupt as error:  # Ctrl-C, or SIGTERM (the command turns it into Interrupted)
        restore = _ignore_further_signals()  # a second Ctrl-C must not cut the clean-up short
        if pool is not None:
            _stop_pool(pool)
            pool = None
        kernels.kill()
        raise Interrupted(getattr(error, "signum", 2), out) from None
    finally:
        if pool is not None:  # a notebook failed: the others need not finish
            _stop_pool(pool)
        kernels.shutdown()  # the serial path's kernel; each pool worker stops its own as it exits
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)
        kernels.folder = None
        if previous_path is None:
            os.environ.pop("JUPYTER_PATH", None)
        else:
            os.environ["JUPYTER_PATH"] = previous_path
        if restore:
            import signal

            for number, handler in restore.items():
                signal.signal(number, handler)
    return written


class Interrupted(KeyboardInterrupt):
    """A render stopped by SIGINT or SIGTERM: its workers and kernels are stopped, `out` is as it was."""

    def __init__(self, signum: int = 2, out: Path | None = None):
        super().__init__(signum)
        self.signum = signum
        self.out = out

    def __str__(self) -> str:
        return f"interrupted; {paths.shown(self.out) if self.out else 'reports'}/ is as it was"


def _ignore_further_signals() -> dict:
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return {}
    return {number: signal.signal(number, signal.SIG_IGN) for number in (signal.SIGINT, signal.SIGTERM)}


def _stop_pool(pool) -> None:
    """End a pool's workers now: SIGTERM (each stops its kernel and exits), then SIGKILL for any still there."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join(1)
    pool.shutdown(wait=False, cancel_futures=True)


def remove_stale_staging(out: Path) -> list[str]:
    """Remove the staging folders a killed render left in `out` (its process is gone); a running
    render's (its process alive) stays. One line per folder removed."""
    import re

    removed = []
    for folder in sorted(Path(out).glob(".staging-*")):
        found = re.match(r"\.staging-(\d+)-", folder.name)
        if found and _alive(int(found.group(1))):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(f"removed {paths.shown(folder)}, left by a render that was killed")
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _progress(total: int, quiet: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc="render", unit="notebook", disable=quiet, file=sys.stderr)


def run_job(job: Job, staging: Path, notebooks: Path) -> list[str]:
    """Execute one notebook into the staging folder; returns the files it wrote, relative to staging."""
    import papermill

    from trialfigs.render import kernels

    executed = staging / "notebooks" / f"{job.name}.ipynb"
    executed.parent.mkdir(parents=True, exist_ok=True)
    parameters = {**job.parameters, "out_dir": str(staging / "figures"), "name": job.name}
    try:
        kernels.execute_notebook(str(notebooks / f"{job.notebook}.ipynb"), str(executed), parameters, KERNEL,
                                 str(paths.ROOT), CELL_TIMEOUT)
    except papermill.PapermillExecutionError as error:
        raise RenderError(_failure(job, executed, f"cell {error.cell_index + 1} of the executed notebook"
                                                  f"{_raising_line(error)}: {error.ename}: {error.evalue}")) from None
    except Exception as error:  # a kernel that dies or times out
        raise RenderError(_failure(job, executed, f"{type(error).__name__}: {error}")) from None
    _settle(executed, job, parameters["out_dir"])
    files = _check_figures(staging / "figures", job)
    return [f"notebooks/{job.name}.ipynb", *(f"figures/{name}" for name in files)]


def _raising_line(error) -> str:
    """', line 2 ('forest(trials, ...)')': the line of the cell that raised, as the traceback names it."""
    import re

    text = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(error.traceback or []))
    found = re.search(r"Cell In\[\d+\], line (\d+)", text)
    lines = (error.source or "").splitlines()
    if not found or not 0 < int(found.group(1)) <= len(lines):
        return ""
    number = int(found.group(1))
    return f", line {number} ({lines[number - 1].strip()[:80]!r})"


def _failure(job: Job, executed: Path, what: str) -> str:
    kept = ""
    if executed.exists():
        FAILED.mkdir(exist_ok=True)
        shutil.copyfile(executed, FAILED / executed.name)
        kept = f"; the executed notebook is kept at {paths.shown(FAILED / executed.name)}"
    return f"notebooks/{job.notebook}.ipynb ({job.name}) failed in {what}{kept}. {paths.shown(executed.parents[2])}/ was left as it was."


def _out_name(out: Path) -> str:
    """The output folder as recorded in the executed notebooks (so that a re-run writes there): relative
    to the project; a folder outside it is recorded as build, so the same render anywhere gives the same bytes."""
    try:
        return Path(out).resolve().relative_to(paths.ROOT.resolve()).as_posix()
    except ValueError:
        return paths.BUILD.name


def _settle(executed: Path, job: Job, staging_figures: str) -> None:
    """Strip what changes from run to run (times, absolute paths), so an unchanged render is byte-identical."""
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    meta = nb.metadata.get("papermill", {})
    for key in VOLATILE:
        meta.pop(key, None)
    meta["input_path"] = f"notebooks/{job.notebook}.ipynb"
    out = _out_name(Path(staging_figures).parents[1])
    meta["output_path"] = f"{out}/notebooks/{job.name}.ipynb"
    if "parameters" in meta:
        meta["parameters"]["out_dir"] = f"{out}/figures"
    for cell in nb.cells:
        for key in VOLATILE:
            cell.metadata.get("papermill", {}).pop(key, None)
            cell.metadata.pop(key, None)
        if cell.cell_type == "code" and "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"  # papermill gives it a random id
            cell.source = cell.source.replace(repr(staging_figures), repr(f"{out}/figures"))
            cell.source = cell.source.replace(json.dumps(staging_figures), json.dumps(f"{out}/figures"))
    nbformat.write(nb, executed)


def _check_figures(figures: Path, job: Job) -> None:
    manifest = figures / f"{job.name}.json"
    if not manifest.is_file():
        raise RenderError(f"notebooks/{job.notebook}.ipynb ({job.name}) wrote no manifest {manifest.name}")
    record = json.loads(manifest.read_text(encoding="utf-8"))
    promised = [*record["files"], *(record.get("deck_files") or {}).values(), *(record.get("print_files") or {}).values()]
    missing = [f for f in promised if not (figures / f).is_file() or (figures / f).stat().st_size == 0]
    if missing or not record["files"]:
        raise RenderError(f"notebooks/{job.notebook}.ipynb ({job.name}) promised figures it did not write: {missing or 'none'}")
    return sorted({manifest.name, *promised})


