"""Golden images of the two flagship figures, and the command that updates them on purpose.

    make golden        # after a deliberate change to how the forest or landmark figure looks

The test (tests/figures/test_golden.py) draws the same figures and compares them byte for byte with the
PNGs in tests/golden/; rendering is deterministic (fixed fonts, no metadata), so any difference is
a change in what the figure shows or how.
"""

from __future__ import annotations

import sys
from pathlib import Path

from trialfigs.figures import api as notebook

GOLDEN = Path(__file__).resolve().parent / "golden"
FIGURES = ("forest", "landmark", "forest.deck", "landmark.deck")  # the full figures and their deck renders


def draw_flagships(folder: Path) -> list[Path]:
    """KATHERINE's IDFS forest plot and landmark chart, slide theme, as PNG."""
    folder.mkdir(parents=True, exist_ok=True)
    notebook.forest(["KATHERINE"], ["IDFS"], [], "slide", ["png"], folder, "forest")
    notebook.landmark(["KATHERINE"], [], "slide", ["png"], folder, "landmark")
    for other in [*folder.glob("*.json"), *folder.glob("*.svg"), *folder.glob("*.print.*")]:
        other.unlink()
    return [folder / f"{name}.png" for name in FIGURES]


if __name__ == "__main__":
    for path in draw_flagships(GOLDEN):
        print(f"updated {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    sys.exit(0)
