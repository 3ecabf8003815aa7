"""The teaching sequence: one order, derived from data/ (setting, trial, then design -> primary
endpoint -> other endpoints -> safety -> label), headline forest plots first, model illustrations last."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from conftest import append_row
from trialfigs.evidence import vocabulary as vocab
from trialfigs.publish.teaching_order import exhibit_order, sections


def item(stem: str, figure: str, trials: list[str], endpoints: list[str], **parameters) -> SimpleNamespace:
    return SimpleNamespace(stem=stem, record={"figure": figure, "parameters": parameters}, trials=trials, endpoints=endpoints)


SHUFFLED = [
    item("illustrative-emilia-pfs", "illustrative", ["EMILIA"], ["PFS"]),
    item("safety-katherine", "safety", ["KATHERINE"], ["safety"], scope="overall"),
    item("medians-emilia-dor", "medians", ["EMILIA"], ["DoR"]),
    item("forest-metastatic", "forest", ["EMILIA"], ["PFS", "OS"]),
    item("iconarray-katherine-os", "iconarray", ["KATHERINE"], ["OS"]),
    item("safety-katherine-specific", "safety", ["KATHERINE"], ["safety"], scope="specific"),
    item("landmark-katherine", "landmark", ["KATHERINE"], ["IDFS", "OS"]),
    item("illustrative-katherine-idfs", "illustrative", ["KATHERINE"], ["IDFS"]),
    item("medians-emilia-pfs", "medians", ["EMILIA"], ["PFS"]),
    item("iconarray-katherine-idfs", "iconarray", ["KATHERINE"], ["IDFS"]),
    item("forest-early", "forest", ["KATHERINE"], ["IDFS", "OS"]),
]


def test_headline_forests_first_then_each_trial_in_teaching_order_then_model_illustrations():
    assert [i.stem for i in exhibit_order(SHUFFLED)] == [
        "forest-early", "forest-metastatic",
        # KATHERINE (adjuvant): primary endpoint IDFS (icon array, then landmark), then OS, then safety
        "iconarray-katherine-idfs", "landmark-katherine", "iconarray-katherine-os",
        "safety-katherine-specific", "safety-katherine",
        # EMILIA (metastatic): co-primary PFS and OS, then duration of response
        "medians-emilia-pfs", "medians-emilia-dor",
        "illustrative-katherine-idfs", "illustrative-emilia-pfs"]


def test_sections_name_the_headline_each_trial_with_its_setting_and_model_illustrations_last():
    found = [(s.heading, [i.stem for i in s.items]) for s in sections(SHUFFLED)]
    assert [h for h, _ in found] == ["Headline results", "KATHERINE: early breast cancer, after surgery (adjuvant)",
                                     "EMILIA: advanced or metastatic breast cancer", "Model illustrations"]
    assert found[-1][1] == ["illustrative-katherine-idfs", "illustrative-emilia-pfs"]


def test_the_order_follows_the_data_a_new_adjuvant_trial_with_teaching_order_0_comes_first(package):
    """Made-up trial NEWADJ in a copy of data/: setting adjuvant comes first in vocabulary.csv (order 1, so
    KATHERINE opens the sequence), and teaching_order 0 puts NEWADJ ahead of KATHERINE within it."""
    data = package / "data"
    append_row(data / "trials.csv", trial="NEWADJ", label="NewAdj", teaching_order="0", setting="adjuvant",
               primary_endpoint="EFS")
    vocab._rows.cache_clear()
    assert vocab.values("setting", data_dir=data)[0] == "adjuvant", "the premise: adjuvant is the first setting"
    items = [*SHUFFLED, item("forest-new", "forest", ["NEWADJ"], ["EFS"]),
             item("medians-newadj-os", "medians", ["NEWADJ"], ["OS"]),
             item("iconarray-newadj-efs", "iconarray", ["NEWADJ"], ["EFS"])]
    order = [i.stem for i in exhibit_order(items, data)]
    # NEWADJ is now the adjuvant setting's headline trial: its forest plot opens, then the metastatic headline
    assert order[:2] == ["forest-new", "forest-metastatic"]
    assert order[2:4] == ["iconarray-newadj-efs", "medians-newadj-os"], "primary endpoint before the others"
    assert order.index("medians-newadj-os") < order.index("forest-early") < order.index("iconarray-katherine-idfs")


@pytest.mark.parametrize("figure", ["forest", "landmark"])
def test_a_figure_of_several_trials_never_opens_the_talk_it_is_taught_with_its_first_trial(figure):
    """A forest plot of the leftover trials of a setting (several trials) goes to its first trial's section."""
    ordered = [i.stem for i in exhibit_order([item("x", figure, ["EMILIA", "KATHERINE"], ["OS"]), *SHUFFLED])]
    assert ordered[:2] == ["forest-early", "forest-metastatic"]
    found = {s.id: [i.stem for i in s.items] for s in sections([item("x", figure, ["EMILIA", "KATHERINE"], ["OS"]), *SHUFFLED])}
    assert "x" in found["KATHERINE"]
