"""Type sizes as a reader sees them: every text of a figure's SVG, in points at the size the figure is placed.

A slide-theme figure's deck render is placed at its `deck_size_in` (every text at least 16 pt);
its full render fills a 13.33 in wide slide (every text at least 16 pt, the source footer at
least 12 pt). A print-theme figure is placed at its own size (every text at least 7 pt).
pt on the page = font-size in the SVG x placed width / SVG width (the SVG's user unit is 1 pt
at the figure's own size).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from trialfigs.figures.theme import MIN_PRINT_TEXT, MIN_SLIDE_SOURCE, MIN_SLIDE_TEXT, THEMES

SVG = "{http://www.w3.org/2000/svg}"
SIZE = re.compile(r"font-size:\s*([\d.]+)px|font:[^;]*?([\d.]+)px")
SOURCE_GROUPS = ("footer",)  # the source line: a smaller minimum on a slide


@dataclass
class Text:
    text: str
    size: float  # points at the placed size
    source_line: bool


def placed_texts(svg: Path, placed_width_in: float) -> list[Text]:
    root = ET.parse(svg).getroot()
    view_width = float(root.get("viewBox").split()[2])
    scale = placed_width_in * 72 / view_width
    parents = {child: parent for parent in root.iter() for child in parent}
    found = []
    for element in root.iter(f"{SVG}text"):
        match = SIZE.search(element.get("style") or "")
        if not match:
            continue
        node, source = element, False
        while node is not None:
            if (node.get("id") or "").startswith(SOURCE_GROUPS):
                source = True
            node = parents.get(node)
        text = "".join(element.itertext()).strip()
        found.append(Text(text, float(match.group(1) or match.group(2)) * scale, source))
    return found


def problems(svg: Path, placed_width_in: float, minimum: float, source_minimum: float) -> list[str]:
    """One message per text smaller than the minimum at the placed size."""
    return [f"{svg.name}: {t.text!r} is {t.size:.1f} pt placed {placed_width_in:g} in wide; "
            f"the minimum is {source_minimum if t.source_line else minimum:g} pt"
            for t in placed_texts(svg, placed_width_in)
            if t.size + 0.01 < (source_minimum if t.source_line else minimum)]


def figure_problems(manifest: Path) -> list[str]:
    """Type-size problems of one rendered figure (its SVG and, for a slide, its deck render)."""
    record = json.loads(manifest.read_text(encoding="utf-8"))
    folder, stem = manifest.parent, manifest.stem
    svg = folder / f"{stem}.svg"
    found = []
    if record.get("theme") == "slide":
        if svg.is_file():
            found += problems(svg, THEMES["slide"].size[0], MIN_SLIDE_TEXT, MIN_SLIDE_SOURCE)
        printed = record.get("print_files", {}).get("svg")
        if printed:
            found += problems(folder / printed, THEMES["print"].size[0], MIN_PRINT_TEXT, MIN_PRINT_TEXT)
        deck = record.get("deck_files", {}).get("svg")
        if deck:
            found += problems(folder / deck, record["deck_size_in"][0], MIN_SLIDE_TEXT, MIN_SLIDE_TEXT)
    elif svg.is_file():
        found += problems(svg, THEMES[record.get("theme", "print")].size[0], MIN_PRINT_TEXT, MIN_PRINT_TEXT)
    return found
