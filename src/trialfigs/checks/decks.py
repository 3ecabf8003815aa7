"""reports/ holds the suite's decks only: a deck built by `trialfigs deck` (a selection) there is a problem."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from trialfigs import paths

SELECTION = "trialfigs deck selection"  # the category `trialfigs deck` writes into its decks' core properties


def selection_decks(reports: Path) -> list[str]:
    """One problem per .pptx at the top of reports/ that a `trialfigs deck` selection wrote."""
    problems = []
    for deck in sorted(Path(reports).glob("*.pptx")):
        try:
            core = zipfile.ZipFile(deck).read("docProps/core.xml").decode("utf-8", "replace")
        except (OSError, KeyError, zipfile.BadZipFile):
            continue
        if re.search(rf"<cp:category>{re.escape(SELECTION)}</cp:category>", core):
            problems.append(f"{paths.shown(deck)} is a `trialfigs deck` selection, not the suite's deck: "
                            "move it to build/ (the default of `trialfigs deck`) and run `trialfigs export`")
    return problems
