"""The rendered figures as exhibits for the gallery and the deck, read from their manifests (no re-rendering)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from trialfigs import paths
from trialfigs.evidence import vocabulary as vocab
from trialfigs.evidence.load import Evidence


@dataclass
class Exhibit:
    stem: str
    title: str
    alt_text: str
    record: dict
    trials: list[str] = field(default_factory=list)
    endpoints: list[str] = field(default_factory=list)

    @property
    def files(self) -> list[str]:
        return self.record["files"]

    @property
    def caption(self) -> str:
        shown = vocab.list_names([vocab.trial_label(t) for t in self.trials]) or "no trial"
        derived = " Includes derived values: " + "; ".join(self.record["derived"]) + "." if self.record.get("derived") else ""
        return f"{self.title}, {shown}.{derived}"

    @property
    def description(self) -> str:
        """Every value in words (the alt text is the short version)."""
        return self.record.get("description") or self.alt_text


def exhibits(evidence: Evidence, reports: Path | None = None, trials: list[str] | None = None,
             figures: list[str] | None = None, theme: str | None = None) -> list[Exhibit]:
    """Every rendered figure (not the trial pages), in teaching order (trialfigs.sequence), optionally selected."""
    from trialfigs.publish.teaching_order import exhibit_order

    folder = (Path(reports) if reports else paths.REPORTS) / "figures"
    where = {}
    for table in ("endpoints", "safety"):
        frame = getattr(evidence, table)
        for row_id, trial, endpoint in zip(frame.row_id, frame.trial, frame["endpoint"] if table == "endpoints" else ["safety"] * len(frame)):
            where[row_id] = (trial, endpoint)
    found = []
    for manifest in sorted(folder.glob("*.json")):
        record = json.loads(manifest.read_text(encoding="utf-8"))
        if record.get("figure") == "trial" or f"{manifest.stem}.png" not in record.get("files", []):
            continue
        places = [where[v["row_id"]] for v in record["values"] if v.get("row_id") in where]
        exhibit = Exhibit(manifest.stem, record["title"], record["alt_text"], record,
                          list(dict.fromkeys(t for t, _ in places)), list(dict.fromkeys(e for _, e in places)))
        if trials and not set(exhibit.trials) & set(trials):
            continue
        if figures and manifest.stem not in figures:
            continue
        if theme and record.get("theme") != theme:
            continue
        found.append(exhibit)
    return exhibit_order(found)


def endpoint_name(endpoint: str) -> str:
    return "adverse events" if endpoint == "safety" else vocab.label("endpoint", endpoint)
