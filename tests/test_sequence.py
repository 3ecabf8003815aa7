"""The teaching sequence: one order, derived from data/ (setting, trial, then design -> primary
endpoint -> other endpoints -> safety -> label), headline forest plots first, model illustrations last."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from conftest import append_row
from trialfigs import vocab
from trialfigs.sequence import exhibit_order, sections


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


def test_the_order_follows_the_data_a_new_neoadjuvant_trial_comes_between_adjuvant_and_metastatic(package):
    """Made-up trial NEOTRIAL in a copy of data/: vocabulary.csv orders the settings adjuvant, neoadjuvant, metastatic."""
    data = package / "data"
    append_row(data / "trials.csv", trial="NEOTRIAL", label="NeoTrial", teaching_order="1", setting="neoadjuvant",
               primary_endpoint="EFS")
    vocab._rows.cache_clear()
    assert vocab.values("setting") == ["adjuvant", "neoadjuvant", "metastatic"]
    items = [*SHUFFLED, item("forest-neo", "forest", ["NEOTRIAL"], ["EFS"]),
             item("medians-neotrial-os", "medians", ["NEOTRIAL"], ["OS"]),
             item("iconarray-neotrial-efs", "iconarray", ["NEOTRIAL"], ["EFS"])]
    order = [i.stem for i in exhibit_order(items, data)]
    assert order[:3] == ["forest-early", "forest-neo", "forest-metastatic"]
    neo = order.index("iconarray-neotrial-efs")
    assert order[neo:neo + 2] == ["iconarray-neotrial-efs", "medians-neotrial-os"], "primary endpoint before the others"
    assert order.index("safety-katherine") < neo and order.index("medians-neotrial-os") < order.index("medians-emilia-pfs")


@pytest.mark.parametrize("figure, position", [("illustrative", -2), ("landmark", 2)])
def test_a_figure_of_several_trials_is_a_headline_unless_it_is_illustrative(figure, position):
    ordered = exhibit_order([item("x", figure, ["KATHERINE", "EMILIA"], ["OS"]), *SHUFFLED])
    assert [i.stem for i in ordered].index("x") == position % len(ordered)
