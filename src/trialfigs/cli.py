"""The `trialfigs` command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__, paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="trialfigs", description=__doc__)
    parser.add_argument("--version", action="version", version=f"trialfigs {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("validate", help="check the data package and its evidence; list every problem")
    check.add_argument("path", nargs="?", type=Path, default=paths.DATA, help="the data folder (default: data/)")
    check.add_argument("--evidence", type=Path, default=None, help="the evidence folder (default: beside PATH)")
    check.add_argument("--warnings", action="store_true", help="also list each value read only in a news page, press release or blog")

    words = commands.add_parser("vocab", help="list every controlled vocabulary, the id patterns and the row-id convention")
    words.add_argument("path", nargs="?", type=Path, default=paths.DATA, help="the data folder (default: data/)")

    table = commands.add_parser("table", help="write every published value with its citation as a Markdown table")
    table.add_argument("--out", type=Path, default=paths.REPORTS / "values.md", help="file to write")

    run = commands.add_parser("render", help="run the notebooks with papermill into reports/")
    run.add_argument("--notebook", action="append", default=None, help="render only this notebook (repeatable)")
    run.add_argument("--trial", action="append", default=[], help="select a trial (repeatable)")
    run.add_argument("--endpoint", action="append", default=[], help="select an endpoint (repeatable)")
    run.add_argument("--analysis", action="append", default=[], help="select an analysis (repeatable)")
    run.add_argument("--theme", default=None, help="slide (default) or print")
    run.add_argument("--format", action="append", default=None, help="png, svg or pdf (repeatable; default all)")
    run.add_argument("--out", type=Path, default=None,
                     help="output folder (default: reports/ for the default suite, build/ for anything else)")
    run.add_argument("--name", default=None, help="file name of the one figure this render makes (default: what it shows, "
                                                  "e.g. forest-<trial>-print)")
    run.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                     help="set a parameter of the notebooks that declare it; VALUE is read as JSON when it parses, else as text")
    run.add_argument("--quiet", action="store_true", help="no progress bar (for CI)")
    run.add_argument("--force", action="store_true", help="re-render everything, whatever the cache says")
    run.add_argument("--workers", type=int, default=None, help="notebooks run at once (default: the number of cores)")

    bundle = commands.add_parser("export", help="write reports/index.html, deck.pptx and deck-editable.pptx from the rendered figures")
    bundle.add_argument("--trial", action="append", default=None, help="only figures of this trial (repeatable)")
    bundle.add_argument("--figure", action="append", default=None, help="only this figure, by file name stem (repeatable)")
    bundle.add_argument("--theme", default="slide", help="the theme of the figures to include (default slide)")
    bundle.add_argument("--reports", type=Path, default=paths.REPORTS, help="the reports folder (default reports/)")
    bundle.add_argument("--appendix", action="store_true",
                        help="add the model illustrations to the decks as a final appendix (left out by default)")

    claims = commands.add_parser("audit", help="check the claims of a text, Markdown, .pptx or .docx file against the evidence")
    claims.add_argument("file", type=Path, help="the document to audit (.txt, .md, .pptx, .docx)")
    claims.add_argument("--out", type=Path, default=None, help="folder for <name>.md and <name>.html (default: the report to stdout)")
    claims.add_argument("--format", choices=["markdown", "json"], default="markdown", help="stdout format (json: one object per claim)")
    claims.add_argument("--strict", action="store_true", help="exit 1 when any claim is contradicted, swapped, wrong or outdated")

    audit = commands.add_parser("check", help="check that reports/ is current and shows exactly its data")
    audit.add_argument("--reports", type=Path, default=paths.REPORTS, help="the reports folder (default reports/)")

    everything = commands.add_parser("report", help="what `make report` does, in one process: validate, table, render, "
                                     "export, audit examples/; a step whose inputs did not change is skipped")
    everything.add_argument("--quiet", action="store_true", help="no progress bar (for CI)")

    args = parser.parse_args(argv)
    try:
        if args.command == "validate":
            return _validate(args.path, args.evidence, args.warnings)
        if args.command == "render":
            return _render(args)
        if args.command == "vocab":
            from .vocab_list import listing

            print(listing(args.path), end="")
            return 0
        if args.command == "check":
            return _check(args.reports)
        if args.command == "export":
            return _export(args)
        if args.command == "audit":
            return _audit(args)
        if args.command == "report":
            from .report import report

            return report(quiet=args.quiet)
        return _table(args.out)
    except KeyboardInterrupt:
        print("trialfigs: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader stopped early (| head): no traceback, stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _validate(path: Path, evidence: Path | None, show_warnings: bool = False) -> int:
    from .problems import format_problems
    from .validate import validate

    result = validate(path, evidence)
    if result.problems:
        print(format_problems(result.problems), file=sys.stderr)
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
    from . import vocab
    from .render import RenderError

    choices = vocab.selection_choices()
    for key, values in selection.items():
        if key not in choices or not isinstance(values, list):
            continue
        bad = [v for v in values if v not in choices[key]]
        if bad:
            raise RenderError(f"unknown {key} {', '.join(map(repr, bad))}; valid: {', '.join(choices[key])}")


def _render(args) -> int:
    from .jobs import with_parameters
    from .problems import InvalidData
    from .render import Job, RenderError, SelectionError, apply_selection, default_out, default_suite, render

    chosen = {"trials": args.trial, "endpoints": args.endpoint, "analyses": args.analysis}
    selection = {k: v for k, v in chosen.items() if v}
    if args.theme:
        selection["theme"] = args.theme
    if args.format:
        selection["formats"] = args.format
    selection, name = with_parameters(selection, args.parameter, args.name)
    jobs = default_suite()
    if args.notebook:
        known = {job.notebook for job in jobs}
        jobs = [job for job in jobs if job.notebook in args.notebook]
        jobs += [Job(nb, nb) for nb in args.notebook if nb not in known]
    try:
        if selection or args.notebook or name:  # without one, the suite stands as it is (no notebook inspected)
            check_values(selection)  # before jobs fixed to a trial or endpoint are dropped: a typo is never silent
            jobs = apply_selection(jobs, selection, requested=args.notebook, name=name)
        # reports/ holds exactly the default suite: any selection is a variant and goes to build/ unless --out says
        out = args.out or default_out(jobs, selected=bool(selection or args.notebook or name))
        written = render(jobs, out=out, quiet=args.quiet, force=args.force, workers=args.workers)
    except (RenderError, SelectionError, InvalidData) as error:
        print(f"trialfigs render: {error}", file=sys.stderr)
        return 1
    for line in written.skipped:
        print(line)
    current = len(jobs) - len(written.ran) - len(written.skipped)
    print(f"rendered {len(written.ran)} notebook(s) into {paths.shown(out)} ({len(written)} files); "
          f"{current} current in the cache")
    return 0


def _audit(args) -> int:
    from .audit import FAILING, audit_file
    from .audit.report import as_json, html, markdown
    from .load import load
    from .output import _atomic
    from .problems import InvalidData

    if not args.file.is_file():
        print(f"trialfigs audit: cannot read {args.file}: no such file", file=sys.stderr)
        return 2
    try:
        evidence = load()
    except InvalidData as error:
        print(error, file=sys.stderr)
        return 1
    try:
        findings = audit_file(evidence, args.file)
    except OSError as error:
        print(f"trialfigs audit: cannot read {args.file}: {error.strerror or error}", file=sys.stderr)
        return 2
    except Exception as error:  # a damaged .pptx/.docx (zip or XML errors) is bad input, not a crash
        if args.file.suffix.lower() not in (".pptx", ".docx"):
            raise
        print(f"trialfigs audit: cannot read {args.file} as {args.file.suffix}: {error}", file=sys.stderr)
        return 2
    name = args.file.name
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        stem = args.file.stem
        for suffix, content in ((".md", markdown(name, findings)), (".html", html(name, findings))):
            _atomic(args.out / f"{stem}{suffix}", lambda tmp, c=content: Path(tmp).write_text(c, encoding="utf-8"))
        print(f"wrote {paths.shown(args.out / (stem + '.md'))} and .html: " + markdown(name, findings).splitlines()[2])
    else:
        print(as_json(name, findings) if args.format == "json" else markdown(name, findings), end="")
    return 1 if args.strict and any(f.verdict in FAILING for f in findings) else 0


def _export(args) -> int:
    from .export import export
    from .problems import InvalidData
    from .select import SelectionError

    try:
        written = export(args.reports, args.trial, args.figure, args.theme, appendix=args.appendix)
    except (InvalidData, SelectionError, ValueError) as error:
        print(f"trialfigs export: {error}", file=sys.stderr)
        return 1
    print("wrote " + ", ".join(paths.shown(p) for p in written))
    return 0


def _check(reports: Path) -> int:
    from .content import figure_problems
    from .freshness import stale_outputs, suite_problems
    from .validate import validate

    result = validate()
    problems = [str(p) for p in result.problems]
    problems += stale_outputs(reports, paths.DATA, paths.EVIDENCE) + figure_problems(result.tables, result.references, reports)
    problems += suite_problems(reports)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print("Run `make report` to re-render reports/.", file=sys.stderr)
        return 1
    print(f"OK: {paths.shown(reports)} is current and every figure shows its data.")
    return 0


def _table(out: Path) -> int:
    from .problems import InvalidData
    from .values_table import write_values_table

    try:
        write_values_table(out)
    except InvalidData as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"wrote {paths.shown(out)}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
