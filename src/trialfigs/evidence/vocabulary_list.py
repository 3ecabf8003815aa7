"""trialfigs vocab: every controlled vocabulary and id pattern, so a trial can be added without
reading data/datapackage.json.

The allowed values come from the descriptor's enum constraints, their labels and groups from
data/vocabulary.csv; the row-id convention is shown on rows of the data themselves.
"""

from __future__ import annotations

from pathlib import Path

from trialfigs import paths
from trialfigs.evidence import vocabulary as vocab
from trialfigs.evidence.tables import read_descriptor

ID_COLUMNS = ("row_id", "fact_id")


def _fields(descriptor: dict, constraint: str):
    """(tables, field) per column with this constraint; a column alike in several tables is listed once."""
    grouped: dict[tuple, tuple[list[str], dict]] = {}
    for resource in descriptor.get("resources") or []:
        for field in (resource.get("schema") or {}).get("fields") or []:
            value = (field.get("constraints") or {}).get(constraint)
            if value:
                key = (field["name"], str(value))
                grouped.setdefault(key, ([], field))[0].append(resource.get("name", ""))
    for tables, field in grouped.values():
        yield (tables[0] if len(tables) == 1 else "{" + ",".join(tables) + "}"), field


def listing(data_dir: Path | None = None) -> str:
    """The vocabularies as Markdown: one line per constrained column, then the patterns, then the row ids."""
    data_dir = Path(data_dir) if data_dir else paths.DATA
    descriptor = read_descriptor(data_dir / paths.DESCRIPTOR) or {}
    lines = ["# Controlled vocabularies", "",
             f"Allowed values of each column ({paths.DESCRIPTOR}, enum); labels from vocabulary.csv.", ""]
    for table, field in _fields(descriptor, "enum"):
        allowed = field["constraints"]["enum"]
        labelled = []
        for value in allowed:
            name = vocab.label(field["name"], value, data_dir)
            group = next((e.get("group") for e in vocab.entries(field["name"], data_dir) if e["value"] == value), "")
            extra = "; ".join(x for x in (name if name != value else "", f"group {group}" if group else "") if x)
            labelled.append(f"{value} ({extra})" if extra else value)
        lines.append(f"- `{table}.{field['name']}`: " + ", ".join(labelled))
    lines += ["", "# Patterns", "", "Ids and codes that are not a closed list must match a pattern:", ""]
    for table, field in _fields(descriptor, "pattern"):
        pattern = field["constraints"]["pattern"]
        if pattern:
            lines.append(f"- `{table}.{field['name']}`: `{pattern}`" + (f" ({field['description']})" if field.get("description") else ""))
    lines += ["", "# Row ids", "", *row_id_convention(data_dir)]
    return "\n".join(lines) + "\n"


def row_id_convention(data_dir: Path) -> list[str]:
    """How row ids are built, shown on the first rows of each kind in endpoints.csv and safety.csv."""
    lines = ["Unique within its table, never reused; built from short codes joined by hyphens:",
             "TRIAL-ANALYSIS-ENDPOINT-STATISTIC[-ARM] (safety: TRIAL-ANALYSIS-AE-EVENT-ARM). For example:", ""]
    seen = set()
    for row in vocab.rows("endpoints", data_dir):
        kind = (row.get("statistic"), bool(row.get("comparator")))
        if kind in seen or not row.get("row_id"):
            continue
        seen.add(kind)
        when = f"{row['timepoint']}-{row['time_unit'].rstrip('s')} " if row.get("timepoint") else ""
        arm = f"{row['arm']} vs {row['comparator']}" if row.get("comparator") else row.get("arm", "")
        lines.append(f"- `{row['row_id']}`: {row['trial']}, {row['analysis']}, {row['endpoint']}, "
                     f"{when}{row['statistic'].replace('_', ' ')}, {arm}")
    for row in vocab.rows("safety", data_dir)[:1]:
        lines.append(f"- `{row['row_id']}`: {row['trial']}, {row['analysis']}, {row['event']}, "
                     f"{row['category'].replace('_', ' ')}, {row['arm']}")
    return lines
