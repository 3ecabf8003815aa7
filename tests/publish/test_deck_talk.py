"""trialfigs deck: the slide catalogue, selections in the order given, presets as data, the references of
exactly the chosen slides, and reports/ left as it was. Built from the committed figures into tmp_path."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation

from conftest import ROOT
from trialfigs import paths
from trialfigs.evidence import cite
from trialfigs.evidence.load import load
from trialfigs.publish.deck.catalogue import catalogue
from trialfigs.publish.deck.presets import PresetError, preset, read
from trialfigs.publish.talk import DEFAULT_OUT, DeckError, choose, write_deck

REPORTS = ROOT / "reports"


@pytest.fixture(scope="module")
def evidence():
    return load()


@pytest.fixture(scope="module")
def entries(evidence):
    return catalogue(evidence, REPORTS)


def titles(path: Path) -> list[str]:
    return [s.shapes.title.text_frame.text for s in Presentation(str(path)).slides]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "trialfigs.cli", "deck", *args], capture_output=True, text=True, cwd=ROOT)


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*"))
            if p.is_file()}


# --- the catalogue ---------------------------------------------------------------------------------------------

def test_catalogue_ids_are_unique_and_derived_from_the_data_and_the_figure_stems(entries, evidence):
    ids = [e.id for e in entries]
    assert len(ids) == len(set(ids))
    assert {f"design:{paths.slug(t)}" for t in evidence.trials.trial} <= set(ids)
    jurisdictions = {j for j, s in zip(evidence.label.jurisdiction, evidence.label.status) if s == "current"}
    assert {f"label:{paths.slug(j)}" for j in jurisdictions} <= set(ids)
    for e in entries:
        if e.id.startswith("figure:"):
            assert (REPORTS / "figures" / f"{e.id.split(':', 1)[1]}.json").is_file()
    assert {"title", "summary", "references"} <= set(ids)
    assert all(e.title for e in entries)


def test_catalogue_is_in_teaching_order(entries, evidence):
    from trialfigs.evidence import vocabulary as vocab

    ids = [e.id for e in entries]
    assert ids[0] == "title"
    headline = [i for i, e in enumerate(entries) if e.role == "headline"]
    designs = [i for i, e in enumerate(entries) if e.role == "design"]
    assert headline and max(headline) < min(designs)
    order = vocab.trial_order()
    assert [entries[i].trials[0] for i in designs] == [t for t in order if t in set(evidence.trials.trial)]
    for e in entries:  # a trial's own figures come after its design slide
        if e.role in ("primary", "secondary", "os", "safety") and len(e.trials) == 1:
            assert ids.index(e.id) > ids.index(f"design:{paths.slug(e.trials[0])}")
    assert all(e.role == "illustration" for e in entries[ids.index("references") + 1:])


def test_list_prints_every_id_and_json_holds_trial_kind_and_shown_numbers(entries):
    text = run("--list")
    assert text.returncode == 0, text.stderr
    for e in entries:
        assert e.id in text.stdout
    listed = json.loads(run("--list", "--format", "json").stdout)
    assert [x["id"] for x in listed] == [e.id for e in entries]
    forest = next(x for x in listed if x["role"] == "headline")
    assert forest["trials"] and forest["kind"] == "forest" and "hazard ratio" in forest["shows"]


# --- selections ------------------------------------------------------------------------------------------------

def test_slides_are_built_in_the_order_given(entries, tmp_path, evidence):
    figures = [e for e in entries if e.item is not None and e.role != "illustration"]
    design = next(e for e in entries if e.role == "design")
    chosen = [figures[-1].id, "summary", design.id, figures[0].id]
    written = write_deck(tmp_path, slides=chosen)
    shown = titles(written[0])
    positions = [next(i for i, t in enumerate(shown) if t.startswith(title))
                 for title in (figures[-1].title, "Summary", design.title, figures[0].title)]
    assert positions == sorted(positions) and positions[0] == 0


def test_unknown_slide_id_is_a_clear_error_without_traceback(tmp_path):
    done = run("--slides", "design:no-such-trial", "--out", str(tmp_path))
    assert done.returncode == 1
    assert "unknown slide id 'design:no-such-trial'" in done.stderr and "Traceback" not in done.stderr


def test_trial_filter_keeps_the_trials_design_and_the_label_slides(entries, evidence):
    trial = evidence.trials.trial.iloc[0]
    chosen = choose(entries, preset="core", trials=[trial], presets=ROOT / "data" / "presets.csv")
    roles = [e.role for e in chosen]
    assert f"design:{paths.slug(trial)}" in [e.id for e in chosen]
    assert "label" in roles and "title" in roles
    assert all(trial in e.trials for e in chosen if e.role not in ("title", "label", "references", "summary"))
    with pytest.raises(DeckError, match="unknown trial"):
        choose(entries, trials=["NO-SUCH-TRIAL"])


def test_every_trial_has_a_derived_preset(entries, evidence):
    for trial in evidence.trials.trial:
        chosen = preset(paths.slug(trial), entries, ROOT / "data" / "presets.csv")
        assert f"design:{paths.slug(trial)}" in [e.id for e in chosen]
        assert all(trial in e.trials for e in chosen if e.role not in ("title", "label", "references"))


# --- presets as data -------------------------------------------------------------------------------------------

def write_presets(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "presets.csv"
    path.write_text("preset,position,select,each,note\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("row, message", [
    ("mine,1,colour=blue,,", "column select: unknown field 'colour'"),
    ("mine,x,role=title,,", "column position: 'x' is not a whole number"),
    ("mine,1,,,", "column select: empty"),
    ("mine,1,role=title,arm,", "column each: 'arm'"),
])
def test_a_bad_preset_row_is_an_error_naming_file_row_and_column(tmp_path, row, message):
    path = write_presets(tmp_path, [row])
    with pytest.raises(PresetError, match=message) as error:
        read(path)
    assert "presets.csv, row 2" in str(error.value)


def test_a_preset_step_that_matches_no_slide_is_an_error(tmp_path, entries):
    path = write_presets(tmp_path, ["mine,1,role=title,,", "mine,2,design:no-such-trial,,"])
    with pytest.raises(PresetError, match=r"row 3, column select: 'id=design:no-such-trial' matches no slide"):
        preset("mine", entries, path)


def test_an_unknown_preset_lists_the_valid_ones(entries):
    with pytest.raises(PresetError, match="unknown preset 'nope'; valid: core"):
        preset("nope", entries, ROOT / "data" / "presets.csv")


def test_a_new_trial_joins_the_core_preset_without_editing_it(entries, evidence):
    """The rules select by role and phase, not by name: every phase 3 trial's design is in core."""
    chosen = {e.id for e in preset("core", entries, ROOT / "data" / "presets.csv")}
    phase3 = [t for t, p in zip(evidence.trials.trial, evidence.trials.phase) if str(p) == "3"]
    assert {f"design:{paths.slug(t)}" for t in phase3} <= chosen
    text = (ROOT / "data" / "presets.csv").read_text(encoding="utf-8")
    assert not any(t.lower() in text.lower() for t in evidence.trials.trial)


# --- the core deck, end to end ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def core(tmp_path_factory):
    out = tmp_path_factory.mktemp("core")
    before = digest(REPORTS)
    done = run("--preset", "core", "--out", str(out), "--presenter", "A. Presenter", "--date", "1 January 2027",
               "--disclosures", "No disclosures to declare (test)")
    assert done.returncode == 0, done.stderr
    return out, before


@pytest.mark.e2e
def test_core_deck_has_18_to_25_slides_opens_with_headlines_and_holds_each_trials_design(core, entries, evidence):
    out, _ = core
    shown = titles(out / "deck.pptx")
    assert 18 <= len(shown) <= 25 + 1  # + the disclosures slide asked for
    headline = [e.title for e in entries if e.role == "headline"]
    assert shown[0] and shown[1] == "Disclosures" and shown[2] in headline
    phase3 = [t for t, p in zip(evidence.trials.trial, evidence.trials.phase) if str(p) == "3"]
    for trial in phase3:
        design = next(e for e in entries if e.id == f"design:{paths.slug(trial)}")
        assert design.title in shown
    assert any(t.startswith("Dosing") for t in shown) and any(t.startswith("Summary") for t in shown)
    # each phase 3 trial's primary result: a figure of its primary endpoint, even where that figure is also a headline
    primary = {t: set(str(e).split(";")) for t, e in zip(evidence.trials.trial, evidence.trials.primary_endpoint)}
    for trial in phase3:
        results = [e.title for e in entries if e.item is not None and trial in e.trials and set(e.endpoints) & primary[trial]]
        if results:
            assert set(results) & set(shown), f"{trial}: no primary-endpoint figure in the core deck"
    assert titles(out / "deck-editable.pptx") == shown
    first = Presentation(str(out / "deck.pptx")).slides[0]
    text = " ".join(s.text_frame.text for s in first.shapes if s.has_text_frame)
    assert "A. Presenter" in text and "1 January 2027" in text and "This deck:" in text


@pytest.mark.e2e
def test_core_deck_leaves_reports_byte_identical(core):
    _, before = core
    assert digest(REPORTS) == before


@pytest.mark.e2e
def test_references_slides_list_exactly_the_references_of_the_chosen_slides(core, entries, evidence):
    out, _ = core
    chosen = preset("core", entries, ROOT / "data" / "presets.csv")
    expected = list(dict.fromkeys(s for e in chosen for s in e.cited if s in evidence.references))
    deck = Presentation(str(out / "deck.pptx"))
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in deck.slides
                      if s.shapes.title.text_frame.text.startswith("References"))
    listed = [line.split(". ", 1)[1] for line in notes.splitlines() if line[:1].isdigit()]
    assert listed == [cite.full(evidence.references[s]) for s in expected]


def test_default_out_is_build_decks_not_reports():
    assert DEFAULT_OUT == paths.BUILD / "decks"
    assert paths.REPORTS not in DEFAULT_OUT.parents


def test_validate_checks_the_presets_file(package):
    (package / "data" / "presets.csv").write_text("preset,position,select,each,note\ncore,1,colour=blue,,\n",
                                                  encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "trialfigs.cli", "validate", str(package / "data")],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1 and "presets.csv, row 2, column select: unknown field 'colour'" in done.stderr
    assert "Traceback" not in done.stderr


def test_setting_filter_keeps_only_trials_of_that_setting(entries, evidence):
    setting = evidence.trials.setting.iloc[-1]
    mine = {t for t, s in zip(evidence.trials.trial, evidence.trials.setting) if s == setting}
    chosen = choose(entries, settings=[setting])
    assert {t for e in chosen if e.role == "design" for t in e.trials} == mine
    assert all(set(e.trials) & mine for e in chosen if e.role not in ("title", "label", "references", "disclosures"))


def test_a_disclosures_slide_needs_its_text(tmp_path):
    done = run("--slides", "title", "disclosures", "--out", str(tmp_path))
    assert done.returncode == 1 and "--disclosures TEXT" in done.stderr


def test_check_names_a_selection_deck_left_in_a_reports_folder(tmp_path, entries):
    from trialfigs.checks.decks import selection_decks

    written = write_deck(tmp_path, slides=["title", next(e.id for e in entries if e.role == "design")])
    assert selection_decks(tmp_path) and all("trialfigs deck" in p for p in selection_decks(tmp_path))
    assert selection_decks(REPORTS) == []  # the suite's own decks are not selections
    assert len(selection_decks(tmp_path)) == len(written)
