"""What a notebook shows under its figure: the rows it drew and the full references.

A table (pandas) with each row's id, what the figure calls it, the value as published, the
short citation and the locator; then the references in full. As HTML for Jupyter and nbconvert
(the figure embedded, so one output shows figure, values and references together) and as
Markdown; the stable text for nbval is the result's own repr.
"""

from __future__ import annotations

import base64
import html

import pandas as pd

from trialfigs.evidence import cite
from trialfigs.evidence.load import Evidence
from trialfigs.figures.wording import published

COLUMNS = ["row id", "shown as", "value as published", "source", "locator"]
IMAGE_TYPES = {"png": "image/png", "svg": "image/svg+xml"}


_MARKDOWN = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_",
             "[": "\\[", "]": "\\]", "|": "\\|"}


def md(text) -> str:
    """A text from the data as Markdown that shows exactly that text: HTML is escaped (a title holding
    <script> is shown, never run) and Markdown's emphasis, link, code and table characters are inert."""
    return "".join(_MARKDOWN.get(c, c) for c in str(text).replace("\r", " ").replace("\n", " "))


def values_frame(evidence: Evidence, record: dict) -> pd.DataFrame:
    """One line per value the figure drew, in the order drawn; derived values say how they were derived."""
    tables = {"endpoints": evidence.endpoints.set_index("row_id"), "safety": evidence.safety.set_index("row_id")}
    lines = []
    for value in record.get("values", []):
        table = tables.get(value.get("table"))
        if table is None or value.get("row_id") not in table.index:
            lines.append([value.get("row_id") or "(derived)", value.get("label", ""), value.get("value", ""),
                          "derived (computed here, not published)", value.get("derivation", "")])
            continue
        row = table.loc[value["row_id"]]
        shown = published(row) if value["table"] == "endpoints" else f"{row['estimate_text']}%"
        lines.append([value["row_id"], value.get("label", ""), shown,
                      cite.short(evidence.references[row["source"]]), row["locator"]])
    return pd.DataFrame(lines, columns=COLUMNS)


def references(record: dict) -> list[str]:
    """The full citations of the figure, then where values were read when not in the original."""
    found = [c["full"] for c in record.get("citations", [])]
    found += [f"{r['full']} (values read here: {', '.join(r['rows'])})" for r in record.get("read_in", [])
              if r["full"] not in found]
    return found


def as_html(record: dict, frame: pd.DataFrame, image: tuple[str, bytes] | None) -> str:
    parts = []  # the figure carries its own title
    if image:
        kind, data = image
        uri = f"data:{IMAGE_TYPES[kind]};base64,{base64.b64encode(data).decode('ascii')}"
        parts.append(f'<img src="{uri}" alt="{html.escape(record.get("alt_text", ""), quote=True)}" style="max-width:100%">')
    parts += ["<h4>Values drawn</h4>", frame.to_html(index=False, escape=True, border=0),
              "<h4>References</h4>", "<ol>" + "".join(f"<li>{html.escape(r)}</li>" for r in references(record)) + "</ol>",
              "<p>Published values; no new analysis.</p>"]
    return "\n".join(parts)


def as_markdown(record: dict, frame: pd.DataFrame) -> str:
    cell = md
    lines = [f"### {md(record['title'])}", "", "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    lines += ["", "References:", ""] + [f"{i}. {md(r)}" for i, r in enumerate(references(record), start=1)]
    return "\n".join(lines)
