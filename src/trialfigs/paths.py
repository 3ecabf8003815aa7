"""Where the project's folders are. Every other module takes its paths from here."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
EVIDENCE = ROOT / "evidence"
REPORTS = ROOT / "reports"
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
