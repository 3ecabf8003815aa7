"""reports/index.html: every figure with its caption, alt text, values, citations and downloads.

Works from file:// with no network request; every text taken from the data is HTML-escaped
(jinja2 autoescaping).
"""

from __future__ import annotations

from . import cite
from .exhibits import Exhibit, endpoint_name
from .html import render_template
from .load import Evidence

DATA_FILES = ["endpoints.csv", "safety.csv", "datapackage.json"]

def html(evidence: Evidence, items: list[Exhibit]) -> str:
    trial_ids = list(evidence.trials.trial)
    sections = []
    for trial in trial_ids:
        chosen = [e for e in items if e.trials == [trial]]
        if chosen:
            sections.append({"id": trial, "heading": trial, "exhibits": chosen})
    both = [e for e in items if len(e.trials) != 1]
    if both:
        sections.append({"id": "all", "heading": "Both trials", "exhibits": both})
    anchors = {id(e): f"{s['id']}-{e.stem}" for s in sections for e in s["exhibits"]}
    endpoints = []
    for endpoint in dict.fromkeys(e for item in items for e in item.endpoints):
        links = [{"anchor": anchors[id(item)], "title": f"{item.title} ({', '.join(item.trials)})"} for item in items if endpoint in item.endpoints]
        endpoints.append({"id": endpoint, "name": endpoint_name(endpoint), "count": len(links), "links": links})
    cited = list(dict.fromkeys(c["id"] for item in items for c in item.record["citations"]))
    return render_template(
        "gallery.html.j2",
        trials=[{"id": s["id"], "heading": s["heading"], "count": len(s["exhibits"])} for s in sections],
        endpoints=endpoints, sections=sections, data_files=DATA_FILES,
        references=[cite.full(evidence.references[i]) for i in cited if i in evidence.references])
