"""The commands of `trialfigs`, as functions: each prints its result and returns its exit code.

The command line (cli.py) and the steps of `make report` (steps.py) both call these; neither calls the other."""

from __future__ import annotations

import sys
from pathlib import Path

from trialfigs import paths


def vocab(path: Path = paths.DATA) -> int:
    from trialfigs.evidence.vocabulary_list import listing

    print(listing(path), end="")
    return 0


def validate(path: Path = paths.DATA, evidence: Path | None = None, show_warnings: bool = False) -> int:
    from trialfigs.evidence.problems import format_problems
    from trialfigs.evidence.validate import validate as check_package

    result = check_package(path, evidence)
    if result.problems:
        print(format_problems(result.problems), file=sys.stderr)
        return 1
    from trialfigs.publish.deck.presets import PRESETS, PresetError, read

    try:
        read(Path(path) / PRESETS)  # the deck presets: columns, positions, selector fields (ids are checked by `deck`)
    except PresetError as error:
        print(error, file=sys.stderr)
        return 1
    counts = ", ".join(f"{name} {n}" for name, n in result.rows.items())
    print(f"OK: {sum(result.rows.values())} rows valid ({counts}); {len(result.references)} sources.")
    if result.warnings:
        print(f"{len(result.warnings)} values were read only in a news page, press release or blog "
              "(the figures cite the original; `trialfigs validate --warnings` lists them).")
        if show_warnings:
            print("\n".join(f"warning: {w}" for w in result.warnings))
    return 0


def check_values(selection: dict) -> None:
    """Refuse a trial, endpoint or analysis the data do not have, listing the valid ones.

    Read from the CSV text (no pandas): a render with nothing to do stays light."""
    from trialfigs.evidence import vocabulary as vocab
    from trialfigs.render.runner import RenderError

    choices = vocab.selection_choices()
    for key, values in selection.items():
        if key not in choices or not isinstance(values, list):
            continue
        bad = [v for v in values if v not in choices[key]]
        if bad:
            raise RenderError(f"unknown {key} {', '.join(map(repr, bad))}; valid: {', '.join(choices[key])}")


def render(notebooks: list[str] | None = None, trials: list[str] = (), endpoints: list[str] = (), analyses: list[str] = (),
           theme: str | None = None, formats: list[str] | None = None, out: Path | None = None, name: str | None = None,
           parameters: list = (), quiet: bool = False, force: bool = False, workers: int | None = None) -> int:
    from trialfigs.evidence.problems import InvalidData
    from trialfigs.evidence.vocabulary import trial_id
    from trialfigs.render.jobs import with_parameters
    from trialfigs.render.runner import (
        Job,
        RenderError,
        SelectionError,
        apply_selection,
        default_out,
        default_suite,
    )
    from trialfigs.render.runner import render as run_jobs

    chosen = {"trials": [trial_id(t) for t in trials], "endpoints": list(endpoints), "analyses": list(analyses)}
    selection = {k: v for k, v in chosen.items() if v}
    if theme:
        selection["theme"] = theme
    if formats:
        selection["formats"] = formats
    try:
        selection, name = with_parameters(selection, list(parameters), name)
        if "trials" in selection:
            selection["trials"] = [trial_id(t) for t in selection["trials"]]
        if name is not None:
            paths.check_name(name)
        if out is not None:
            paths.check_out_folder(out)
    except (SelectionError, paths.UnsafePath) as error:
        print(f"trialfigs render: {error}", file=sys.stderr)
        return 1
    jobs = default_suite()
    if notebooks:
        known = {job.notebook for job in jobs}
        jobs = [job for job in jobs if job.notebook in notebooks]
        jobs += [Job(nb, nb) for nb in notebooks if nb not in known]
    try:
        if selection or notebooks or name:  # without one, the suite stands as it is (no notebook inspected)
            check_values(selection)  # before jobs fixed to a trial or endpoint are dropped: a typo is never silent
            jobs = apply_selection(jobs, selection, requested=notebooks, name=name)
        # reports/ holds exactly the default suite: any selection is a variant and goes to build/ unless --out says
        out = out or default_out(jobs, selected=bool(selection or notebooks or name))
        written = run_jobs(jobs, out=out, quiet=quiet, force=force, workers=workers)
    except (RenderError, SelectionError, InvalidData) as error:
        print(f"trialfigs render: {error}", file=sys.stderr)
        return 1
    for line in written.skipped:
        print(line)
    current = len(jobs) - len(written.ran) - len(written.skipped)
    print(f"rendered {len(written.ran)} notebook(s) into {paths.shown(out)} ({len(written)} files); "
          f"{current} current in the cache")
    return 0


def audit(file: Path, out: Path | None = None, format: str = "markdown", strict: bool = False) -> int:
    from trialfigs.audit import FAILING, audit_file
    from trialfigs.audit.report import as_json, html, markdown
    from trialfigs.evidence.load import load
    from trialfigs.evidence.problems import InvalidData
    from trialfigs.figures.save import _atomic

    if not file.is_file():
        print(f"trialfigs audit: cannot read {file}: no such file", file=sys.stderr)
        return 2
    if out is not None:
        try:
            paths.check_out_folder(out)
        except paths.UnsafePath as error:
            print(f"trialfigs audit: {error}", file=sys.stderr)
            return 2
    try:
        evidence = load()
    except InvalidData as error:
        print(error, file=sys.stderr)
        return 1
    try:
        findings = audit_file(evidence, file)
    except OSError as error:
        print(f"trialfigs audit: cannot read {file}: {error.strerror or error}", file=sys.stderr)
        return 2
    except Exception as error:  # a damaged .pptx/.docx (zip or XML errors) is bad input, not a crash
        if file.suffix.lower() not in (".pptx", ".docx"):
            raise
        print(f"trialfigs audit: cannot read {file} as {file.suffix}: {error}", file=sys.stderr)
        return 2
    name = file.name
    if out:
        out.mkdir(parents=True, exist_ok=True)
        stem = file.stem
        for suffix, content in ((".md", markdown(name, findings)), (".html", html(name, findings))):
            _atomic(out / f"{stem}{suffix}", lambda tmp, c=content: Path(tmp).write_text(c, encoding="utf-8"))
        print(f"wrote {paths.shown(out / (stem + '.md'))} and .html: " + markdown(name, findings).splitlines()[2])
    else:
        print(as_json(name, findings) if format == "json" else markdown(name, findings), end="")
    return 1 if strict and any(f.verdict in FAILING for f in findings) else 0


def export(reports: Path = paths.REPORTS, trials: list[str] | None = None, figures: list[str] | None = None,
           theme: str = "slide", appendix: bool = False, out: Path | None = None) -> int:
    """Export the figures of `reports`; a selection (trials, figures, another theme, the appendix) is a
    variant and goes to build/export/ (or --out), never into reports/, which holds the suite's export."""
    from trialfigs.evidence.problems import InvalidData
    from trialfigs.evidence.select import SelectionError
    from trialfigs.evidence.vocabulary import trial_id
    from trialfigs.publish.export import export as write_exports

    trials = [trial_id(t) for t in trials] if trials else trials
    selected = bool(trials or figures or appendix or theme != "slide")
    if out is None and selected and Path(reports).resolve() == paths.REPORTS.resolve():
        out = paths.BUILD / "export"
    try:
        if out is not None:
            paths.check_out_folder(out)
        written = write_exports(reports, trials, figures, theme, appendix=appendix, out=out)
    except (InvalidData, SelectionError, ValueError) as error:
        print(f"trialfigs export: {error}", file=sys.stderr)
        return 1
    print("wrote " + ", ".join(paths.shown(p) for p in written))
    return 0


def deck(list_slides: bool = False, format: str = "text", out: Path | None = None, slides: list[str] | None = None,
         preset: str | None = None, trials: list[str] | None = None, settings: list[str] | None = None,
         title: str | None = None, presenter: str | None = None, date: str | None = None, disclosures: str | None = None,
         template: Path | None = None, handout: bool = False, reports: Path = paths.REPORTS, name: str = "deck") -> int:
    from trialfigs.evidence.problems import InvalidData
    from trialfigs.publish.deck.catalogue import catalogue, listing
    from trialfigs.publish.deck.presets import PresetError
    from trialfigs.publish.deck.template import TemplateError
    from trialfigs.publish.talk import DeckError, choose, write_deck

    try:
        if list_slides:
            from trialfigs.evidence.load import load

            entries = catalogue(load(), reports)
            if trials or settings or preset or slides:
                entries = choose(entries, slides, preset, trials, settings)
            print(listing(entries, format), end="")
            return 0
        written = write_deck(out, slides, preset, trials, settings, title, presenter, date, disclosures, template,
                             handout, name, reports)
    except (InvalidData, DeckError, PresetError, TemplateError) as error:
        print(f"trialfigs deck: {error}", file=sys.stderr)
        return 1
    from trialfigs.publish.deck.assemble import slide_count

    count = slide_count(written[0].read_bytes())
    print(f"wrote {', '.join(paths.shown(p) for p in written)} ({count} slides)")
    return 0


def check(reports: Path = paths.REPORTS) -> int:
    from trialfigs.checks.figure_content import figure_problems
    from trialfigs.checks.freshness import stale_outputs, suite_problems
    from trialfigs.evidence.validate import validate as check_package

    result = check_package()
    problems = [str(p) for p in result.problems]
    problems += stale_outputs(reports, paths.DATA, paths.EVIDENCE) + figure_problems(result.tables, result.references, reports)
    problems += suite_problems(reports)
    if not result.problems:
        from trialfigs.publish.export import export_problems

        problems += export_problems(reports)
    from trialfigs.checks.decks import selection_decks

    problems += selection_decks(reports)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print("Run `make report` to re-render reports/.", file=sys.stderr)
        return 1
    print(f"OK: {paths.shown(reports)} is current and every figure shows its data.")
    return 0


def table(out: Path = paths.REPORTS / "values.md") -> int:
    from trialfigs.evidence.problems import InvalidData
    from trialfigs.publish.values_table import write_values_table

    try:
        paths.check_out_file(out)
    except paths.UnsafePath as error:
        print(f"trialfigs table: {error}", file=sys.stderr)
        return 1
    try:
        write_values_table(out)
    except InvalidData as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"wrote {paths.shown(out)}")
    return 0
