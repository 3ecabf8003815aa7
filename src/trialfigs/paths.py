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


# Folders of committed sources: no command writes into them, whatever --out says.
SOURCES = ("notebooks", "data", "evidence", "src", "tests", "docs", "examples", "benchmarks", ".git", ".github")


class UnsafePath(ValueError):
    """An --out or --name that would write outside the chosen folder or over committed sources."""


def check_name(name: str) -> str:
    """A file-name stem for --name / -p name: one plain name, never a path that leaves the output folder."""
    import re

    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,120}", name) or ".." in name:
        raise UnsafePath(f"--name {name!r} is not a plain file name: use letters, digits, '.', '_' and '-' "
                         "(no '/', '..' or absolute name); the files go into the output folder under that name")
    return name


def check_out_folder(out: Path) -> Path:
    """An --out folder that holds no committed source: not the project folder itself (its notebooks/
    would be overwritten), not inside notebooks/, data/, evidence/, src/, tests/, and not a file."""
    out = Path(out)
    resolved = out.resolve()
    root = ROOT.resolve()
    if out.exists() and not out.is_dir():
        raise UnsafePath(f"--out {out} is an existing file, not a folder; give a folder (e.g. build/mine)")
    if resolved == root or any(resolved == p or resolved.is_relative_to(p) for p in _protected()):
        raise UnsafePath(f"--out {out} would write over committed sources ({shown(resolved)}); "
                         "give a folder of its own, e.g. build/mine")
    return out


def check_out_file(out: Path) -> Path:
    """An --out file that is no committed source: not inside the source folders, not a file of the
    project folder itself (README.md, Makefile ...), not a folder."""
    out = Path(out)
    resolved = out.resolve()
    if out.is_dir():
        raise UnsafePath(f"--out {out} is a folder; give a file name, e.g. build/values.md")
    if resolved.parent == ROOT.resolve() or any(resolved.is_relative_to(p) for p in _protected()):
        raise UnsafePath(f"--out {out} would overwrite a committed file ({shown(resolved)}); "
                         "write into reports/ or build/")
    return out


def _protected() -> list[Path]:
    return [(ROOT / name).resolve() for name in SOURCES] + [DATA.resolve(), EVIDENCE.resolve(), NOTEBOOKS.resolve()]
