"""Refuse notebooks committed with outputs (the pre-commit hook of notebooks/): one line per notebook.

    python -m trialfigs.checks.clean_notebooks notebooks/*.ipynb
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def with_outputs(path: Path) -> list[int]:
    """The numbers (from 1) of the code cells that hold outputs or an execution count."""
    cells = json.loads(Path(path).read_text(encoding="utf-8")).get("cells", [])
    code = [c for c in cells if c.get("cell_type") == "code"]
    return [i for i, c in enumerate(code, start=1) if c.get("outputs") or c.get("execution_count") is not None]


def main(argv: list[str] | None = None) -> int:
    failed = 0
    for name in sys.argv[1:] if argv is None else argv:
        try:
            cells = with_outputs(Path(name))
        except (OSError, ValueError) as error:
            print(f"{name}: not a readable notebook ({error})", file=sys.stderr)
            failed = 1
            continue
        if cells:
            print(f"{name}: code cells {', '.join(map(str, cells))} hold outputs; clear them "
                  "(jupyter nbconvert --clear-output --inplace) before committing", file=sys.stderr)
            failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main())
