"""Figures that read right (issue 19): medians are labelled markers, never bars, and a median not reached is
words at its arm, never a length; icon arrays and landmark axes say what a patient counted is, per endpoint;
the same adverse-event rate over two treatment periods is two groups, each named; no deck render is cut at
its edges (no ink in the outermost pixel columns). Trials and rows are chosen from the data."""

from __future__ import annotations

import io

import numpy as np
import pytest
from matplotlib.patches import Rectangle
from PIL import Image

from trialfigs.evidence import select
from trialfigs.evidence import vocabulary as vocab
from trialfigs.evidence.load import load
from trialfigs.figures import iconarray, landmark, medians, safety
from trialfigs.figures.theme import THEMES
from trialfigs.figures.wording import alive


@pytest.fixture(scope="module")
def evidence():
    return load()


def median_selections(evidence) -> list[tuple[str, str]]:
    """(trial, endpoint) of every median in the data: as the suite splits them, one figure per trial and endpoint."""
    rows = evidence.endpoints[evidence.endpoints.statistic == "median"]
    return sorted(set(zip(rows.trial, rows.endpoint)))


def bars_drawn(fig) -> list[Rectangle]:
    return [p for ax in fig.axes for p in ax.patches if isinstance(p, Rectangle) and p.get_width() > 0]


def edge_ink(fig, dpi: int) -> tuple[int, int]:
    """Dark pixels in the first and the last pixel column of the figure saved as PNG."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    pixels = np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("L"))
    return int((pixels[:, 0] < 200).sum()), int((pixels[:, -1] < 200).sum())


def test_medians_are_markers_not_bars_and_not_reached_is_words_not_a_length(evidence):
    checked = reached = 0
    for trial, endpoint in median_selections(evidence):
        drawn = medians.draw(*select.medians(evidence, trials=[trial], endpoints=[endpoint]), evidence, THEMES["slide"])
        for fig in (drawn.figure, drawn.deck_figure):
            assert not bars_drawn(fig), f"{trial} {endpoint}: a median drawn as a bar"
            texts = [t.get_text() for ax in fig.axes for t in ax.texts]
            lines = [line for ax in fig.axes for line in ax.lines if len(line.get_xdata())]
            rows = evidence.endpoints[(evidence.endpoints.trial == trial) & (evidence.endpoints.endpoint == endpoint)
                                      & (evidence.endpoints.statistic == "median")]
            for status in rows.value_status:
                if status == "not_reached":
                    assert "not reached" in texts
                    reached += 1
            # every marker or interval drawn lies at a published value (never a length to the axis end)
            published = {float(v) for c in ("estimate", "ci_low", "ci_high") for v in rows[c].dropna()}
            for line in lines:
                for x in line.get_xdata():
                    assert min(abs(float(x) - v) for v in published) < 1e-9, f"{trial} {endpoint}: {x} is no published value"
        checked += 1
    assert checked and reached, "the data hold medians, some not reached"


def test_no_deck_render_is_cut_at_its_left_or_right_edge(evidence):
    """Every median and adverse-event figure the suite would draw, at the deck size: no ink in the edge columns
    (MARIANNE's three arms once ran the legend past the right edge)."""
    theme = THEMES["slide"]
    figures = [medians.draw(*select.medians(evidence, trials=[t], endpoints=[e]), evidence, theme).deck_figure
               for t, e in median_selections(evidence)]
    figures += [safety.draw(select.adverse_events(evidence, trials=[t], scope="overall"), evidence, theme, "overall").deck_figure
                for t in sorted(set(evidence.safety.trial))
                if len(select.adverse_events(evidence, trials=[t], scope="overall"))]
    for fig in figures:
        left, right = edge_ink(fig, theme.dpi)
        assert (left, right) == (0, 0), f"ink at the edge: {fig.axes[0].get_title() or fig.texts[0].get_text()}"


@pytest.mark.parametrize("label, said", [
    ("overall survival", "alive"), ("progression-free survival", "alive without progression"),
    ("invasive disease-free survival", "alive without invasive disease"), ("event-free survival", "alive without an event"),
])
def test_what_a_counted_patient_is_follows_the_endpoint(label, said):
    assert alive(label) == said


def test_icon_arrays_and_landmark_axes_say_alive_per_endpoint(evidence):
    rates = evidence.endpoints[evidence.endpoints.statistic == "landmark_rate"]
    for (trial, endpoint), _ in rates.groupby(["trial", "endpoint"]):
        frame, _ = select.landmark_rates(evidence, trials=[trial], endpoints=[endpoint])
        try:
            chosen = iconarray.choose(frame, evidence)
        except ValueError:  # fewer than two arms
            continue
        drawn = iconarray.draw(chosen, evidence, THEMES["print"])
        words = alive(vocab.label("endpoint", endpoint))
        assert drawn.title.endswith(words), drawn.title
        if words == "alive":
            assert "without" not in drawn.title
    frame, differences = select.landmark_rates(evidence, trials=[rates.trial.iloc[0]], endpoints=[rates.endpoint.iloc[0]])
    drawn = landmark.draw(frame, differences, evidence, THEMES["print"])
    assert alive(vocab.label("endpoint", rates.endpoint.iloc[0])) in drawn.figure.axes[0].get_xlabel()


def test_a_rate_over_two_treatment_periods_is_two_groups_each_named(evidence):
    periods = evidence.safety[evidence.safety.period.fillna("") != ""]
    assert len(periods), "the data hold rates by treatment period"
    for trial in sorted(set(periods.trial)):
        rows = select.adverse_events(evidence, trials=[trial])
        drawn = safety.draw(rows, evidence, THEMES["slide"])
        labels = [t.get_text() for t in drawn.figure.axes[0].get_yticklabels()]
        for period in set(periods[periods.trial == trial].period):
            assert any(period in label for label in labels), (trial, period, labels)
        assert period in drawn.description
