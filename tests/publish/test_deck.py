"""The deck as slides: a title placeholder, a slide number and nothing overlapping on every slide,
no picture twice, teaching order, design and label slides from data/, model illustrations only
in the appendix. Decks are built from the committed figures into a temporary folder."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.util import Inches

from conftest import ROOT, append_row
from trialfigs.evidence import cite
from trialfigs.evidence import vocabulary as vocab
from trialfigs.evidence.load import load
from trialfigs.publish.export import export

FIGURES = ROOT / "reports" / "figures"
MIN_PT, SOURCE_PT = 16, 12


def manifest(stem: str, folder: Path = FIGURES) -> dict:
    return json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))


def stem_of(shape) -> str | None:
    """Figure pictures are named 'Figure <stem>', charts 'Chart <stem>'."""
    for prefix in ("Figure ", "Chart "):
        if shape.name.startswith(prefix):
            return shape.name[len(prefix):]
    return None


def design_title(shown: list[str], trial: str) -> int:
    """The index of a trial's design slide: titled with the trial, its primary endpoint and 'trial design'."""
    label = vocab.trial_label(trial)
    return next(n for n, t in enumerate(shown) if t.startswith(label + " ") and "trial design" in t
                or t == f"{label}: trial design and primary endpoint")


def titles(path: Path) -> list[str]:
    return [s.shapes.title.text_frame.text for s in Presentation(str(path)).slides]


def boxes(slide):
    """(text shapes, picture or chart shapes) of a slide."""
    texts = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]
    drawn = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE or getattr(s, "has_chart", False)]
    return texts, drawn


def overlap(a, b) -> bool:
    return a.left < b.left + b.width and b.left < a.left + a.width and a.top < b.top + b.height and b.top < a.top + a.height


@pytest.mark.parametrize("which", ["plain", "editable", "appendix"])
def test_every_slide_has_a_title_placeholder_with_text_and_a_slide_number(decks, which):
    deck = Presentation(str(decks[which]))
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))
    for n, slide in enumerate(deck.slides, start=1):
        title = slide.shapes.title
        assert title is not None, f"slide {n} has no title placeholder"
        assert title.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        assert title.text_frame.text.strip(), f"slide {n}: empty title"
        numbers = [s for s in slide.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER]
        assert len(numbers) == 1, f"slide {n}: no slide-number placeholder"
        field = numbers[0]._element.find(f".//{qn('a:fld')}")
        assert field is not None and field.get("type") == "slidenum"


def test_document_title_is_set_and_the_bytes_do_not_depend_on_the_time(decks, tmp_path):
    deck = Presentation(str(decks["plain"]))
    assert deck.core_properties.title == deck.slides[0].shapes.title.text_frame.text
    assert deck.core_properties.created.year == 2000
    reports = decks["plain"].parent
    again = tmp_path / "reports"
    shutil.copytree(reports / "figures", again / "figures")
    export(again)
    assert (again / "deck.pptx").read_bytes() == decks["plain"].read_bytes()
    assert (again / "deck-editable.pptx").read_bytes() == decks["editable"].read_bytes()


@pytest.mark.parametrize("which", ["plain", "editable", "appendix"])
def test_no_text_overlaps_a_picture_or_another_text_and_all_is_on_the_slide(decks, which):
    deck = Presentation(str(decks[which]))
    for n, slide in enumerate(deck.slides, start=1):
        texts, drawn = boxes(slide)
        for shape in texts + drawn:
            assert shape.left >= 0 and shape.top >= 0, f"slide {n}: {shape.name} off the slide"
            assert shape.left + shape.width <= deck.slide_width and shape.top + shape.height <= deck.slide_height, \
                f"slide {n}: {shape.name} runs off the slide"
        for text in texts:
            for picture in drawn:
                assert not overlap(text, picture), f"slide {n}: text '{text.name}' overlaps {picture.name}"
        for i, a in enumerate(texts):
            for b in texts[i + 1:]:
                assert not overlap(a, b), f"slide {n}: '{a.name}' overlaps '{b.name}'"


def sizes(shape) -> list[int]:
    """Font sizes (hundredths of a point) of every run and field with text in a shape."""
    found = []
    for run in shape._element.iter(qn("a:r"), qn("a:fld")):
        text = run.find(qn("a:t"))
        if text is not None and (text.text or "").strip():
            props = run.find(qn("a:rPr"))
            found.append(int(props.get("sz")) if props is not None and props.get("sz") else 0)
    return found


@pytest.mark.parametrize("which", ["plain", "editable", "appendix"])
def test_slide_text_is_at_least_16_pt_and_the_source_line_at_least_12(decks, which):
    for n, slide in enumerate(Presentation(str(decks[which])).slides, start=1):
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            footer = shape.name == "Source" or (shape.is_placeholder and shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER)
            least = SOURCE_PT if footer else MIN_PT
            for size in sizes(shape):
                assert size >= least * 100, f"slide {n}: '{shape.name}' has text at {size / 100} pt (< {least})"
        for shape in slide.shapes:
            if getattr(shape, "has_chart", False):
                xml = shape.chart.part.blob.decode("utf-8")
                import re
                chart_sizes = [int(s) for s in re.findall(r'\bsz="(\d+)"', xml)]
                assert chart_sizes and min(chart_sizes) >= MIN_PT * 100, f"slide {n}: chart text below {MIN_PT} pt"


@pytest.mark.parametrize("which", ["plain", "editable", "appendix"])
def test_no_two_slides_share_a_picture(decks, which):
    seen = {}
    for n, slide in enumerate(Presentation(str(decks[which])).slides, start=1):
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                digest = hashlib.sha256(shape.image.blob).hexdigest()
                assert digest not in seen, f"slides {seen.get(digest)} and {n} show the same picture"
                seen[digest] = n
    assert seen


def test_alt_text_is_one_or_two_sentences_with_the_figures_numbers_and_favouring_only_when_the_interval_excludes_1(decks):
    """The alt text is written from the rows the figure shows: under 250 characters, at most two sentences, at
    least one published value of the figure in it; "favouring <arm>" only after an interval that excludes 1."""
    rows = {r["row_id"]: r for t in ("endpoints", "safety") for r in load().__getattribute__(t).to_dict("records")}
    pictures = 0
    for slide in Presentation(str(decks["appendix"])).slides:
        for shape in slide.shapes:
            if shape.shape_type != MSO_SHAPE_TYPE.PICTURE or manifest(stem_of(shape))["figure"] == "illustrative":
                continue
            pictures += 1
            alt = shape._element.nvPicPr.cNvPr.get("descr")
            assert alt and len(alt) < 250, alt
            assert len([s for s in alt.replace("...", "").split(". ") if s]) <= 2, alt
            values = [rows[v["row_id"]] for v in manifest(stem_of(shape))["values"] if v.get("row_id") in rows]
            assert any(str(r.get("estimate_text") or "") and str(r["estimate_text"]) in alt for r in values), alt
            for low, high, arm in re.findall(r"CI (-?[0-9.]+) to (-?[0-9.]+)\), favouring ([^;.]+)", alt):
                assert float(high) < 1 or float(low) > 1, alt
    assert pictures


def test_figure_slides_cite_the_original_publications_not_where_values_were_read(decks):
    evidence = load()
    table = {r: t for t in ("endpoints", "safety") for r in getattr(evidence, t).row_id}
    checked = 0
    for slide in Presentation(str(decks["editable"])).slides:
        shape = next((s for s in slide.shapes if stem_of(s)), None)
        if shape is None:
            continue
        record = manifest(stem_of(shape))
        source = next(s for s in slide.shapes if s.name == "Source").text_frame.text
        for citation in record["citations"]:
            assert citation["short"] in source
        originals = {c["id"] for c in record["citations"]}
        for value in record["values"]:
            if value.get("row_id") in table:
                frame = getattr(evidence, table[value["row_id"]])
                read_in = frame.loc[frame.row_id == value["row_id"], "read_in"].iloc[0]
                if read_in and read_in not in originals:
                    assert cite.short(evidence.references[read_in]) not in source
        checked += 1
    assert checked


def headline_trials() -> list[str]:
    """Each setting's first trial in teaching order (setting order of vocabulary.csv, then trials.teaching_order)."""
    first: dict[str, str] = {}
    for row in vocab.trials():
        first.setdefault(row["setting"], row["trial"])
    return list(first.values())


def test_order_headline_then_each_trial_design_first_then_label_and_references(decks):
    """The talk opens with each setting's headline trial, never with a figure of several trials' leftover rows."""
    shown = titles(decks["plain"])
    designs = [design_title(shown, t) for t in vocab.trial_order()]
    assert designs == sorted(designs)
    deck = Presentation(str(decks["plain"]))
    opening = [manifest_trials(stem_of(p)) for s in list(deck.slides)[1:designs[0]] for p in s.shapes if stem_of(p)]
    assert opening, "the deck opens with headline figures"
    assert all(len(trials) == 1 and trials <= set(headline_trials()) for trials in opening), opening
    assert list(opening[0]) == [vocab.trial_order()[0]]
    label = next(n for n, t in enumerate(shown) if t.startswith("Dosing"))
    assert designs[-1] < label < next(n for n, t in enumerate(shown) if t.startswith("References"))


def manifest_trials(stem: str) -> set[str]:
    evidence = load()
    trial = {r: t for f in (evidence.endpoints, evidence.safety) for r, t in zip(f.row_id, f.trial)}
    return {trial[v["row_id"]] for v in manifest(stem)["values"] if v.get("row_id") in trial}


def test_model_illustrations_only_in_the_appendix_and_last(decks):
    def kinds(path):
        return [[manifest(stem_of(p))["figure"] for p in s.shapes if stem_of(p)] for s in Presentation(str(path)).slides]

    assert "illustrative" not in sum(kinds(decks["plain"]), [])
    with_appendix = kinds(decks["appendix"])
    start = titles(decks["appendix"]).index("Appendix: model illustrations")
    assert titles(decks["appendix"])[-1] == "Provenance"
    models = [k for k in with_appendix[start + 1:-1]]
    assert models and all(k == ["illustrative"] for k in models)
    assert "illustrative" not in sum(with_appendix[:start], [])


def test_design_slide_per_trial_shows_population_arms_with_n_and_analyses(decks):
    evidence = load()
    deck = Presentation(str(decks["plain"]))
    by_title = {s.shapes.title.text_frame.text: s for s in deck.slides}
    assert len(by_title) == len(deck.slides), "every slide has a title of its own"
    for trial in vocab.trial_order():
        slide = list(deck.slides)[design_title(list(by_title), trial)]
        text = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        row = evidence.trials[evidence.trials.trial == trial].iloc[0]
        assert row.population in text
        arms = evidence.arms[evidence.arms.trial == trial]
        for arm, n, treated in zip(arms.arm, arms.n_randomised, arms.n_treated):
            # ATEMPT's sources give the patients treated (383 and 114, Tolaney et al., J Clin Oncol 2021, Abstract),
            # not the number randomised to each arm: the slide says treated; with neither, nothing is printed
            expected = (f"{arm} (n = {n:g} randomised)" if pd.notna(n) else f"{arm} (n = {treated:g} treated)"
                        if pd.notna(treated) else f"{arm}: ")
            assert expected in text, (trial, expected)
        assert any(s.name == "Source" and s.text_frame.text.startswith("Source") for s in slide.shapes)


def test_label_slide_shows_current_dosing_reductions_and_boxed_warnings(decks):
    """One slide per jurisdiction shows its current dose, dose modifications and boxed warnings; the US 2013 label's
    dose-reduction schedule (3 then 2.4 mg/kg, label.csv us2013_dose_reduction_*, status superseded) is not current,
    so the slide does not show it (and prints no message about the data)."""
    evidence = load()
    slides = {s.shapes.title.text_frame.text: s for s in Presentation(str(decks["plain"])).slides
              if s.shapes.title.text_frame.text.startswith("Dosing")}
    current = evidence.label[evidence.label.status != "superseded"]
    assert {"dose", "boxed_warning"} <= set(current.topic)
    for place in current.jurisdiction.unique():
        here = current[(current.jurisdiction == place) & current.topic.isin(["dose", "dose_reduction", "dose_modification", "boxed_warning"])]
        if not len(here):
            continue
        slide = next(v for k, v in slides.items() if k.endswith(f"({place} label)"))
        text = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        for statement in here.statement:
            assert statement.split(": ", 1)[-1] in text
        assert "data/" not in text and "Dose reductions" not in text or "dose_reduction" in set(here.topic)
        title = next(k for k, v in slides.items() if v is slide)
        assert ("boxed warnings" in title) == ("boxed_warning" in set(here.topic)), title
    superseded = evidence.label[evidence.label.status == "superseded"]
    assert (superseded.topic == "dose_reduction").any()
    shown = " ".join(s.text_frame.text for slide in slides.values() for s in slide.shapes if s.has_text_frame)
    for statement in superseded.statement:
        assert statement not in shown


def test_a_made_up_trial_gets_its_design_slide_in_teaching_order_and_superseded_label_facts_stay_off(package, monkeypatch):
    data = package / "data"
    append_row(data / "trials.csv", trial="ZEPHYR", label="Zephyr-1", teaching_order="9", registry_id="NCT00000001", phase="3",
               setting="metastatic", population="made-up population for a test", design="randomised, open-label, phase 3",
               primary_endpoint="PFS", source="verma2012", locator="Abstract", quote="made-up population for a test, phase 3",
               evidence_level="primary")
    for arm, n in (("T-DM1", "101"), ("arm B", "102"), ("arm C", "103")):
        append_row(data / "arms.csv", trial="ZEPHYR", arm=arm, role="experimental" if arm == "T-DM1" else "control",
                   regimen=f"{arm} regimen", n_randomised=n, source="verma2012", locator="Table 1", quote=f"{arm}: {n}",
                   evidence_level="primary")
    append_row(data / "analyses.csv", trial="ZEPHYR", analysis="primary", title="Primary analysis", label="primary analysis",
               publication="verma2012", data_cutoff="2020-01-31", analysis_type="primary", boundary_crossed="no",
               source="verma2012", locator="Abstract", quote="data cut-off 31 January 2020", evidence_level="primary")
    append_row(data / "label.csv", fact_id="dose_old", topic="dose", population="all patients",
               statement="an earlier dosing statement", value="3.6", unit="mg/kg", jurisdiction="US", edition="2013",
               status="superseded", label_section="2.1", evidence_level="secondary", source="fda_kadcyla_uspi_2013", read_in="kadcyla_uspi_2013",
               locator="Section 2.1", quote="3.6 mg/kg")
    monkeypatch.setattr("trialfigs.paths.DATA", data)
    monkeypatch.setattr("trialfigs.paths.EVIDENCE", package / "evidence")
    reports = package / "reports"
    shutil.copytree(FIGURES, reports / "figures")
    export(reports, data_dir=data, evidence_dir=package / "evidence")
    shown = titles(reports / "deck.pptx")
    assert design_title(shown, "ZEPHYR") > max(n for n, t in enumerate(shown) if "trial design" in t and "Zephyr" not in t)
    deck = Presentation(str(reports / "deck.pptx"))
    text = " ".join(s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame)
    for piece in ("arm C (n = 103 randomised)", "data cut-off 2020-01-31"):
        assert piece in text
    # analyses.boundary_crossed belongs to one endpoint of the analysis and the row does not say which: never shown
    # (ZEPHYR has no row in results.csv, where a boundary is stated per endpoint)
    zephyr = " ".join(s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame
                      and "Zephyr" in " ".join(t.text_frame.text for t in slide.shapes if t.has_text_frame))
    assert "Zephyr-1" in zephyr and "boundary" not in zephyr
    assert "an earlier dosing statement" not in text


@pytest.mark.parametrize("size, placed", [
    ([11.0, 4.5], (11.0, 4.5)),  # fits: exactly the stated size, so its type sizes hold on the slide
    ([24.0, 10.0], None),  # too large: scaled down to fit, aspect kept
])
def test_a_deck_render_is_placed_at_its_stated_size_when_it_fits(tmp_path, size, placed):
    reports = tmp_path / "reports"
    shutil.copytree(FIGURES, reports / "figures")
    folder = reports / "figures"
    record = manifest("landmark-katherine", folder)
    shutil.copyfile(folder / "landmark-katherine.png", folder / "landmark-katherine.deck.png")
    record.update({"deck_files": {"png": "landmark-katherine.deck.png"}, "deck_size_in": size})
    (folder / "landmark-katherine.json").write_text(json.dumps(record), encoding="utf-8")
    export(reports, figures=["landmark-katherine"])
    slide = next(s for s in Presentation(str(reports / "deck.pptx")).slides if any(p.name == "Figure landmark-katherine" for p in s.shapes))
    picture = next(p for p in slide.shapes if p.name == "Figure landmark-katherine")
    assert picture.image.blob == (folder / "landmark-katherine.deck.png").read_bytes()
    if placed:
        assert (picture.width, picture.height) == (Inches(placed[0]), Inches(placed[1]))
    else:
        source = next(p for p in slide.shapes if p.name == "Source")
        assert picture.top + picture.height <= source.top and picture.width <= Inches(12.4)
        assert abs(picture.width / picture.height - size[0] / size[1]) < 0.01


def test_export_by_trial_keeps_that_trial_and_is_byte_identical(tmp_path):
    reports = tmp_path / "reports"
    shutil.copytree(FIGURES, reports / "figures")
    shown = {t for f in FIGURES.glob("*.json") if manifest(f.stem).get("figure") != "trial" for t in manifest_trials(f.stem)}
    trial = [t for t in vocab.trial_order() if t in shown][-1]  # the last trial in teaching order with a figure
    export(reports, trials=[trial])
    first = (reports / "deck.pptx").read_bytes()
    export(reports, trials=[trial])
    assert (reports / "deck.pptx").read_bytes() == first
    deck = Presentation(str(reports / "deck.pptx"))
    stems = [stem_of(shape) for slide in deck.slides for shape in slide.shapes if stem_of(shape)]
    assert stems and all(trial in manifest_trials(stem) for stem in stems)
    assert design_title(titles(reports / "deck.pptx"), trial) > 0


def test_unknown_trial_or_figure_lists_the_choices():
    from trialfigs.evidence.select import SelectionError

    with pytest.raises(SelectionError, match="unknown trial 'KATHRINE'; valid: "):
        export(ROOT / "reports", trials=["KATHRINE"])
    with pytest.raises(SelectionError, match="unknown figure 'nope'; valid: .*forest"):
        export(ROOT / "reports", figures=["nope"])


def test_the_command_adds_the_appendix_only_when_asked(tmp_path, capsys):
    from trialfigs.cli import main

    reports = tmp_path / "reports"
    shutil.copytree(FIGURES, reports / "figures")
    assert main(["export", "--reports", str(reports)]) == 0
    assert "Appendix: model illustrations" not in titles(reports / "deck.pptx")
    assert main(["export", "--reports", str(reports), "--appendix"]) == 0
    assert "deck-editable.pptx" in capsys.readouterr().out
    assert titles(reports / "deck.pptx")[-1] == "Provenance"
    assert titles(reports / "deck.pptx")[-2 - sum(1 for p in (reports / "figures").glob("*.json")
                                                  if manifest(p.stem, reports / "figures")["figure"] == "illustrative")] \
        == "Appendix: model illustrations"


def test_a_screen_reader_meets_the_title_first_and_the_source_line_and_number_last(decks):
    for n, slide in enumerate(Presentation(str(decks["editable"])).slides, start=1):
        names = [s.name for s in slide.shapes]
        assert slide.shapes[0].shape_id == slide.shapes.title.shape_id, f"slide {n}: {names}"
        assert names[-1] == "Slide Number" and ("Source" not in names or names[-2] == "Source"), f"slide {n}: {names}"


def copy_figure(source: str, folder: Path, stem: str) -> list[str]:
    """A committed figure copied under another name, its manifest naming its new files; returns them."""
    record = manifest(source)
    record["files"] = [f.replace(source, stem, 1) for f in record["files"]]
    for old, new in zip(manifest(source)["files"], record["files"]):
        shutil.copyfile(FIGURES / old, folder / new)
    (folder / f"{stem}.json").write_text(json.dumps(record), encoding="utf-8")
    return [f"{stem}.json", *record["files"]]


def test_export_takes_only_the_suites_figures_not_a_stray_one(tmp_path, monkeypatch):
    """A figure left in reports/figures by a notebook run by hand is not in the gallery or the deck: only the figures
    the render cache records for a job of the default suite are. The folder is built here (the committed figure of
    median survival, copied as the suite's first medians job and as a stray), so the test does not depend on
    reports/ having been re-rendered since the data changed."""
    from trialfigs import paths
    from trialfigs.figures.suite import default_suite
    from trialfigs.publish.exhibits import exhibits
    from trialfigs.render.cache import CACHE, entry_for

    reports = tmp_path / "reports"
    (reports / "figures").mkdir(parents=True)
    job = next(j.name for j in default_suite() if j.notebook == "medians")
    files = copy_figure("medians-emilia-pfs", reports / "figures", job)
    copy_figure("medians-emilia-pfs", reports / "figures", "stray-medians")
    entry = entry_for(reports, "made here, not by a render", [f"figures/{f}" for f in files])
    (reports / CACHE).write_text(json.dumps({job: entry}), encoding="utf-8")
    assert {job, "stray-medians"} <= {e.stem for e in exhibits(load(), reports)}  # both are figures the export could take
    monkeypatch.setattr(paths, "REPORTS", reports)
    export(reports)
    page = (reports / "index.html").read_text(encoding="utf-8")
    assert f'src="figures/{job}.png"' in page and "stray-medians" not in page
    deck = Presentation(str(reports / "deck.pptx"))
    assert any(stem_of(p) == job for s in deck.slides for p in s.shapes)
    assert not any("stray-medians" in s.notes_slide.notes_text_frame.text for s in deck.slides)
    assert not any(stem_of(p) == "stray-medians" for s in deck.slides for p in s.shapes)
