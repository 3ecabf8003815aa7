"""What the notebooks call: one function per figure kind, returning a result that prints as stable text.

The printed text (values, citations, files) is what nbval compares, so it holds no timestamps,
memory addresses or absolute paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import paths
from .load import load
from .output import FORMATS, save
from .select import check_choice, hazard_ratios
from .theme import THEMES
from .wording import p_text


@dataclass
class Rendered:
    kind: str
    stem: str
    record: dict
    png: Path | None

    def __repr__(self) -> str:
        lines = [f"{self.record['title']} ({self.kind}, theme {self.record['theme']})"]
        lines += [f"  {v['label']}: {v['value']}" + (f", {p_text(v['p_value'])}" if v.get("p_value") else "")
                  + f"  [{v['row_id']}]" for v in self.record["values"]]
        lines += ["Sources:"] + [f"  {c['full']}" for c in self.record["citations"]]
        lines += [f"Files: {', '.join(self.record['files'])}, {self.stem}.json"]
        return "\n".join(lines)

    def _repr_png_(self):
        return self.png.read_bytes() if self.png and self.png.exists() else None


def _common(theme: str, formats: list[str]) -> None:
    check_choice("theme", [theme], list(THEMES))
    check_choice("format", list(formats), list(FORMATS))


def forest(trials: list, endpoints: list, analyses: list, theme: str, formats: list, out_dir: str,
           name: str = "forest") -> Rendered:
    """Draw and save the hazard-ratio forest plot for a selection; returns what was drawn."""
    from .figures import forest as drawing

    _common(theme, formats)
    evidence = load()
    frame = hazard_ratios(evidence, trials or None, endpoints or None, analyses or None)
    drawn = drawing.draw(frame, evidence, THEMES[theme])
    stem = Path(out_dir) / name
    parameters = {"trials": trials, "endpoints": endpoints, "analyses": analyses, "theme": theme, "formats": list(formats)}
    record = save(drawn, evidence, THEMES[theme], stem, tuple(formats), parameters)
    return Rendered("forest", name, record, stem.with_suffix(".png") if "png" in formats else None)


def project_path(relative: str) -> Path:
    """A path given relative to the project root, whatever the kernel's working folder."""
    path = Path(relative)
    return path if path.is_absolute() else paths.ROOT / path
