"""A printable handout (PDF, A4): one page per trial (design, key results as a small table, its primary
figure, references) and a summary page. Text is real PDF text (selectable, searchable), at least 9 pt;
every number on it is a row of data/, named on the page by its row id.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from trialfigs.evidence import cite
from trialfigs.evidence.load import Evidence
from trialfigs.figures.save import _atomic
from trialfigs.publish.deck import names as vocab
from trialfigs.publish.deck import rows as R

PAGE = (8.27, 11.69)  # A4 portrait, inches
MARGIN = 0.6
BODY_PT, SMALL_PT, HEAD_PT, TITLE_PT = 10, 9, 12, 16
KEY_STATISTICS = ("hazard_ratio", "landmark_rate", "proportion", "median")
MAX_RESULTS = 14


class _Page:
    """Text written top to bottom on one matplotlib figure, wrapped to the page width."""

    def __init__(self, pdf, font: str):
        import matplotlib.pyplot as plt

        self.plt, self.pdf, self.font = plt, pdf, font
        self.fig = plt.figure(figsize=PAGE)
        self.y = PAGE[1] - MARGIN

    def text(self, text: str, size: float = BODY_PT, bold: bool = False, indent: float = 0.0, gap: float = 0.04) -> None:
        width = int((PAGE[0] - 2 * MARGIN - indent) * 72 / (size * 0.52))
        for line in textwrap.wrap(text, width) or [""]:
            self.y -= size * 1.3 / 72
            self.fig.text((MARGIN + indent) / PAGE[0], self.y / PAGE[1], line, fontsize=size,
                          fontweight="bold" if bold else "normal", family=self.font, va="baseline")
        self.y -= gap

    def picture(self, path: Path, height: float) -> None:
        import matplotlib.image as mpimg

        if not path.exists() or self.y - height < MARGIN:
            return
        image = mpimg.imread(str(path))
        aspect = image.shape[1] / image.shape[0]
        width = min(PAGE[0] - 2 * MARGIN, height * aspect)
        height = width / aspect
        self.y -= height + 0.05
        ax = self.fig.add_axes([MARGIN / PAGE[0], self.y / PAGE[1], width / PAGE[0], height / PAGE[1]])
        ax.imshow(image)
        ax.axis("off")

    def room(self, lines: int, size: float = BODY_PT) -> bool:
        return self.y - lines * size * 1.3 / 72 > MARGIN

    def close(self) -> None:
        self.pdf.savefig(self.fig)
        self.plt.close(self.fig)


def key_results(trial: str, evidence: Evidence) -> list[tuple[str, str, str]]:
    """(what, value as published, row id) for the trial's whole-population hazard ratios, rates and medians."""
    analyses = R.analyses(evidence)
    rows = [r for r in R.records(evidence.endpoints) if r["trial"] == trial and not r.get("subset")
            and r.get("statistic") in KEY_STATISTICS]
    found, seen = [], set()
    for r in rows:
        row = {**r, "table": "endpoints"}
        text = R.describe(row, analyses)
        what, _, value = text.partition(": ")
        what = what.replace(f"{vocab.trial_label(trial)}, ", "", 1)
        key = (r["analysis"], r["endpoint"], r["statistic"], r.get("timepoint", ""), r["arm"])
        if key in seen:
            continue
        seen.add(key)
        found.append((what, value, r["row_id"]))
    return found[:MAX_RESULTS]


def _primary_figure(trial: str, entries: list, figures: Path) -> Path | None:
    for role in ("primary", "os", "secondary"):
        for e in entries:
            if e.role == role and e.trials == [trial] and e.item is not None:
                png = (e.item.record.get("deck_files") or {}).get("png") or f"{e.item.stem}.png"
                return figures / png
    return None


def trial_page(pdf, font: str, trial: str, evidence: Evidence, entries: list, figures: Path) -> None:
    from trialfigs.publish.deck.design import design_lines

    page = _Page(pdf, font)
    lines, sources = design_lines(trial, evidence)
    row = next(r for r in R.records(evidence.trials) if r["trial"] == trial)
    page.text(f"{vocab.trial_label(trial)}: {vocab.label('setting', row['setting'])}", TITLE_PT, bold=True, gap=0.1)
    page.text("Design", HEAD_PT, bold=True)
    for label, body in lines:
        page.text(f"{label}: {body}", BODY_PT, indent=0.1, gap=0.0)
    page.y -= 0.1
    page.text("Key results (as published; row id of data/endpoints.csv in brackets)", HEAD_PT, bold=True)
    results = key_results(trial, evidence)
    cited = set(sources)
    for what, value, row_id in results:
        page.text(f"{what}: {value} [{row_id}]", SMALL_PT, indent=0.1, gap=0.0)
    cited |= {r["source"] for r in R.records(evidence.endpoints) if r["row_id"] in {x[2] for x in results}}
    page.y -= 0.1
    picture = _primary_figure(trial, entries, figures)
    if picture is not None:
        page.picture(picture, min(3.2, page.y - MARGIN - 2.0))
        page.y -= 0.05
        page.text(f"Figure: {picture.name} (from reports/figures; its values are the rows above).", SMALL_PT)
    page.text("References", HEAD_PT, bold=True)
    ordered = [s for s in dict.fromkeys(list(sources) + sorted(cited - set(sources))) if s in evidence.references]
    for n, source in enumerate(ordered, start=1):
        if not page.room(2, SMALL_PT):
            page.text("(further references: see the deck's references slide)", SMALL_PT)
            break
        page.text(f"{n}. {cite.full(evidence.references[source])}", SMALL_PT, indent=0.1, gap=0.0)
    page.close()


def summary_page(pdf, font: str, evidence: Evidence, data_dir: Path | None, title: str | None,
                 trials: list[str] | None = None) -> None:
    from trialfigs.publish.summary import summary_rows

    page = _Page(pdf, font)
    page.text(title or "Summary: the trials side by side", TITLE_PT, bold=True, gap=0.1)
    page.text("Per trial in teaching order: setting, comparison, number randomised (N), each primary endpoint with its "
              "published result, and the absolute difference where the data derive it (marked derived: computed here "
              "from two published rates, not a published value).", SMALL_PT, gap=0.1)
    rows = [r for r in summary_rows(evidence, data_dir) if not trials or r.trial in trials]
    for r in rows:
        if not page.room(5):
            page.close()
            page = _Page(pdf, font)
        page.text(f"{r.label} ({r.setting}): {r.comparison}; N = {r.n}", BODY_PT, bold=True, gap=0.0)
        for x in r.results:
            page.text(f"{x.endpoint}, {x.analysis}: {x.result}", SMALL_PT, indent=0.15, gap=0.0)
            if x.difference:
                page.text(f"Absolute difference: {x.difference}", SMALL_PT, indent=0.3, gap=0.0)
            page.text("Rows: " + ", ".join(x.row_ids), SMALL_PT, indent=0.3, gap=0.0)
        page.text("Sources: " + "; ".join(cite.short(evidence.references[s]) for s in r.sources if s in evidence.references),
                  SMALL_PT, indent=0.15, gap=0.08)
    page.close()


def write_handout(evidence: Evidence, path: Path, figures: Path, trials: list[str] | None = None, entries: list | None = None,
                  title: str | None = None, data_dir: Path | None = None) -> Path:
    """Write the handout PDF (summary page first, then a page per trial in teaching order) and return its path."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_pdf import PdfPages

    from trialfigs.figures.theme import FONT

    with vocab.reading(data_dir):
        order = [t for t in vocab.trial_order() if not trials or t in trials]

        def write(tmp) -> None:
            with matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(tmp, metadata={
                    "Title": title or "Handout: published trial results", "Creator": "trialfigs",
                    "CreationDate": None}) as pdf:
                summary_page(pdf, FONT, evidence, data_dir, title, order)
                for trial in order:
                    trial_page(pdf, FONT, trial, evidence, entries or [], figures)

        _atomic(Path(path), write)
    return Path(path)
