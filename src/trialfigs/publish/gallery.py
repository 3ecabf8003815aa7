"""reports/index.html: every figure in teaching order with its caption, alt text, long description,
values, citations and downloads.

Works from file:// with no network request, and when reports/ is shared on its own: it links the
deck, the print-theme downloads and copies of the data files in reports/data/ (written by export).
Every text taken from the data is HTML-escaped (jinja2 autoescaping).
"""

from __future__ import annotations

from trialfigs.evidence import cite
from trialfigs.evidence import vocabulary as vocab
from trialfigs.evidence.load import Evidence
from trialfigs.html import render_template
from trialfigs.publish.exhibits import Exhibit, endpoint_name
from trialfigs.publish.teaching_order import sections as teaching_sections

DATA_FOLDER = "data"  # inside reports/: copies of data/ and the bibliography, so the folder stands alone
DECKS = {"deck.pptx": "Slide deck (PowerPoint)", "deck-editable.pptx": "Editable deck (charts you can restyle)"}


def html(evidence: Evidence, items: list[Exhibit], data_files: list[str], decks: list[str] | None = None) -> str:
    sections = [{"id": s.id, "heading": s.heading, "exhibits": s.items} for s in teaching_sections(items)]
    anchors = {id(e): f"{s['id']}-{e.stem}" for s in sections for e in s["exhibits"]}
    endpoints = []
    for endpoint in dict.fromkeys(e for item in items for e in item.endpoints):
        links = [{"anchor": anchors[id(item)],
                  "title": f"{item.title} ({vocab.list_names([vocab.trial_label(t) for t in item.trials])})"}
                 for item in items if endpoint in item.endpoints]
        endpoints.append({"id": endpoint, "name": endpoint_name(endpoint), "count": len(links), "links": links})
    cited = list(dict.fromkeys(c["id"] for item in items for c in item.record["citations"]))
    shown = list(dict.fromkeys(t for item in items for t in item.trials))
    order = vocab.trial_order()
    shown.sort(key=lambda t: order.index(t) if t in order else len(order))
    return render_template(
        "gallery.html.j2",
        trial_names=vocab.list_names([vocab.trial_label(t) for t in shown]), trial_count=len(shown),
        figure_count=len(items), decks=[{"file": d, "name": DECKS.get(d, d)} for d in (decks or [])],
        sections_nav=[{"id": s["id"], "heading": s["heading"], "count": len(s["exhibits"])} for s in sections],
        endpoints=endpoints, sections=sections, data_folder=DATA_FOLDER,
        data_files=[f for f in data_files if f != "references.json"],
        references_file="references.json" if "references.json" in data_files else None,
        references=[cite.full(evidence.references[i]) for i in cited if i in evidence.references])
