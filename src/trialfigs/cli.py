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

    table = commands.add_parser("table", help="write every published value with its citation as a Markdown table")
    table.add_argument("--out", type=Path, default=paths.REPORTS / "values.md", help="file to write")

    args = parser.parse_args(argv)
    try:
        if args.command == "validate":
            return _validate(args.path, args.evidence)
        return _table(args.out)
    except KeyboardInterrupt:
        print("trialfigs: interrupted", file=sys.stderr)
        return 130


def _validate(path: Path, evidence: Path | None) -> int:
    from .problems import format_problems
    from .validate import validate

    result = validate(path, evidence)
    if result.problems:
        print(format_problems(result.problems), file=sys.stderr)
        return 1
    counts = ", ".join(f"{name} {n}" for name, n in result.rows.items())
    print(f"OK: {sum(result.rows.values())} rows valid ({counts}); {len(result.references)} sources.")
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
