"""Where the project's folders are. Every other module takes its paths from here."""

import os
from pathlib import Path

# TRIALFIGS_ROOT puts the project's working folders (notebooks/, reports/, build/) elsewhere: the
# README test runs every documented command in a temporary copy of the project.
ROOT = Path(os.environ.get("TRIALFIGS_ROOT") or Path(__file__).resolve().parents[2])
# TRIALFIGS_DATA and TRIALFIGS_EVIDENCE point the whole suite, kernels included, at another copy
# of the tables (the benchmark and the cache tests edit a copy, never data/ itself).
DATA = Path(os.environ.get("TRIALFIGS_DATA") or ROOT / "data")
EVIDENCE = Path(os.environ.get("TRIALFIGS_EVIDENCE") or ROOT / "evidence")
REPORTS = ROOT / "reports"  # the default suite, rendered by `make report` and committed
BUILD = ROOT / "build"  # scratch, ignored by git: variants, selections, notebooks run by hand
NOTEBOOKS = ROOT / "notebooks"

DESCRIPTOR = "datapackage.json"
REFERENCES = "references.json"
CORRECTIONS = "corrections.yml"


def shown(path: Path) -> str:
    """A path as a person should read it in a message: relative to the working folder when inside it."""
    path = Path(path).resolve()
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def slug(text: str) -> str:
    """A file-name stem from a name: lower case, every other character a hyphen."""
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")
