"""The `trialfigs` command."""

from __future__ import annotations

import argparse
import functools
import signal
import sys
from pathlib import Path

from trialfigs import __version__, commands, paths, steps


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help, but a line never breaks inside a hyphenated trial name."""

    def _split_lines(self, text, width):
        import textwrap

        return textwrap.wrap(self._whitespace_matcher.sub(" ", text).strip(), width, break_on_hyphens=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="trialfigs", description=__doc__, formatter_class=_HelpFormatter)
    parser.add_argument("--version", action="version", version=f"trialfigs {__version__}")
    commands = parser.add_subparsers(dest="command", required=True,
                                     parser_class=functools.partial(argparse.ArgumentParser, formatter_class=_HelpFormatter))

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
    run.add_argument("--trial", action="append", default=[], help=f"select a trial{_trials()} (repeatable)")
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
    bundle.add_argument("--trial", action="append", default=None, help=f"only figures of this trial{_trials()} (repeatable)")
    bundle.add_argument("--figure", action="append", default=None, help="only this figure, by file name stem (repeatable)")
    bundle.add_argument("--theme", default="slide", help="the theme of the figures to include (default slide)")
    bundle.add_argument("--reports", type=Path, default=paths.REPORTS, help="the reports folder (default reports/)")
    bundle.add_argument("--out", type=Path, default=None,
                        help="output folder (default: the reports folder for the whole suite, build/export/ for a selection)")
    bundle.add_argument("--appendix", action="store_true",
                        help="add the model illustrations to the decks as a final appendix (left out by default)")

    talk = commands.add_parser("deck", help="build a talk: chosen slides (ids, a preset, a trial or setting), optionally on "
                               "your template, into build/decks/")
    talk.add_argument("--list", dest="list_slides", action="store_true", help="list every slide id in teaching order and exit")
    talk.add_argument("--format", choices=["text", "json"], default="text", help="--list output format")
    talk.add_argument("--slides", nargs="+", default=None, metavar="ID", help="these slides, in this order (ids from --list)")
    talk.add_argument("--preset", default=None, help="a preset of data/presets.csv (e.g. core), or a trial's slug")
    talk.add_argument("--trial", action="append", default=None, help="only slides of this trial (repeatable); its design "
                      "and the label slides stay")
    talk.add_argument("--setting", action="append", default=None, help="only slides of trials in this setting (repeatable)")
    talk.add_argument("--title", default=None, help="the title slide's title")
    talk.add_argument("--presenter", default=None, help="the presenter, on the title slide")
    talk.add_argument("--date", default=None, help="the date, on the title slide, as you write it")
    talk.add_argument("--disclosures", default=None, help="text of a disclosures slide after the title")
    talk.add_argument("--template", type=Path, default=None, help="your institution's .pptx or .potx: its master, "
                      "layouts and theme fonts (figure and chart colours stay the suite's)")
    talk.add_argument("--handout", action="store_true", help="also write handout.pdf: a page per trial and a summary")
    talk.add_argument("--out", type=Path, default=None, help="output folder (default build/decks/)")
    talk.add_argument("--name", default="deck", help="file name stem of the decks (default deck)")
    talk.add_argument("--reports", type=Path, default=paths.REPORTS, help="where the rendered figures are (default reports/)")

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
    previous = _terminate_as_interrupt()
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt as error:  # Ctrl-C or SIGTERM: every write is atomic, so what was there stays
        signum = getattr(error, "signum", signal.SIGINT)
        text = str(error) if hasattr(error, "out") else "interrupted; reports/ is as it was"
        print(f"trialfigs {args.command}: {text}", file=sys.stderr)
        return 128 + int(signum)
    except BrokenPipeError:  # the reader stopped early (| head): no traceback, stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:  # a read-only folder, a full disk: one line, and the files stay as they were
        where = f" ({error.filename})" if error.filename else ""
        print(f"trialfigs {args.command}: cannot write{where}: {error.strerror or error}; "
              "the folder it writes to is as it was", file=sys.stderr)
        return 1
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _trials() -> str:
    """': <id>, <id>, ... (id or label, any case)', read from data/trials.csv; '' when it cannot be read."""
    try:
        from trialfigs.evidence import vocabulary

        names = vocabulary.selection_choices()["trials"]
    except Exception:  # noqa: BLE001 - help must show even when the data are broken (validate says why)
        return ""
    return f": {', '.join(names)} (the id or the label, any case)" if names else ""


class Terminated(KeyboardInterrupt):
    signum = signal.SIGTERM


def _terminate_as_interrupt():
    """SIGTERM ends a command the way Ctrl-C does (workers and kernels stopped, one line, exit 143)."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None

    def stop(signum, frame):
        raise Terminated()

    return signal.signal(signal.SIGTERM, stop)


# What each subcommand calls: a function of trialfigs.commands (or the steps of make report) with the parsed options.
COMMANDS = {
    "validate": lambda a: commands.validate(a.path, a.evidence, a.warnings),
    "vocab": lambda a: commands.vocab(a.path),
    "table": lambda a: commands.table(a.out),
    "render": lambda a: commands.render(a.notebook, a.trial, a.endpoint, a.analysis, a.theme, a.format, a.out, a.name,
                                        a.parameter, a.quiet, a.force, a.workers),
    "export": lambda a: commands.export(a.reports, a.trial, a.figure, a.theme, a.appendix, a.out),
    "deck": lambda a: commands.deck(a.list_slides, a.format, a.out, a.slides, a.preset, a.trial, a.setting, a.title,
                                    a.presenter, a.date, a.disclosures, a.template, a.handout, a.reports, a.name),
    "audit": lambda a: commands.audit(a.file, a.out, a.format, a.strict),
    "check": lambda a: commands.check(a.reports),
    "report": lambda a: steps.report(quiet=a.quiet),
}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
