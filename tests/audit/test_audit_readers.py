"""trialfigs.audit.readers: documents read as documents (text, Markdown, .pptx, .docx) with their context."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT
from trialfigs.audit.readers import read, read_markdown, read_text

sys.path.insert(0, str(ROOT / "tests" / "audit_corpus"))
import build  # noqa: E402


def test_markdown_table_cells_carry_their_row_labels_and_column_header():
    text = "# EMILIA\n\n| Endpoint | T-DM1 | HR (95% CI) |\n|---|---|---|\n| Overall survival | 30.9 months | 0.65 (0.55–0.77) |\n"
    cells = [b for b in read_markdown(text) if b.kind == "cell"]
    assert [(b.prefix, b.text, b.line) for b in cells] == [("Overall survival T-DM1:", "30.9 months", 5),
                                                          ("Overall survival HR (95% CI):", "0.65 (0.55–0.77)", 5)]
    assert cells[1].location == "table 1, row 1, column 'HR (95% CI)'" and cells[1].heading == "EMILIA"


def test_markdown_headings_nest_so_a_title_carries_down():
    blocks = read_markdown("# KATHERINE final analysis\n\n## Safety\n\nText.\n")
    assert blocks[-1].heading == "KATHERINE final analysis / Safety" and blocks[-1].line == 5


def test_markdown_front_matter_is_read_as_text_with_its_line_numbers():
    blocks = read_markdown("---\ntitle: x\nfaq: 3.6 mg/kg every 3 weeks\n---\n# Body\n")
    assert [(b.line, b.text) for b in blocks][:2] == [(2, "title: x"), (3, "faq: 3.6 mg/kg every 3 weeks")]


def test_plain_text_pipe_rows_form_a_table_with_the_first_row_as_header():
    blocks = read_text("| Feature | Detail |\n| Standard Dose | 3.6 mg per kilogram |\n")
    assert [(b.prefix, b.text, b.line) for b in blocks] == [("Standard Dose Detail:", "3.6 mg per kilogram", 2)]


def test_plain_text_lines_of_one_paragraph_share_it_and_headings_end_it():
    blocks = read_text("If you are a man, take care.\nUse birth control for 4 months.\n\nPregnancy\nNext.\n")
    assert blocks[0].paragraph == blocks[1].paragraph != blocks[3].paragraph and blocks[2].kind == "heading"


def test_a_deck_is_read_per_slide_with_titles_shapes_tables_and_notes(tmp_path):
    blocks = read(build.build_deck(tmp_path / "deck.pptx"))
    assert blocks[0].location == "slide 1, Title 1" and blocks[0].kind == "heading"
    bullets = [b for b in blocks if b.location == "slide 2, Bullets"]
    assert bullets[1].text == "iDFS HR 0.54 (95% CI 0.44–0.66)" and bullets[1].heading == "KATHERINE final analysis (2025)"
    cell = next(b for b in blocks if b.kind == "cell" and b.text == "0.65")
    assert cell.location == "slide 3, Results table, row 1, column 'HR'" and cell.prefix == "Median PFS HR:"
    assert any(b.kind == "notes" and b.location == "slide 2, notes" for b in blocks)


def test_text_inside_a_grouped_shape_is_read(tmp_path):
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "EMILIA"
    group = slide.shapes.add_group_shape()
    group.shapes.add_textbox(Inches(1), Inches(2), Inches(4), Inches(1)).text_frame.text = "Median PFS 9.6 months"
    deck.save(str(tmp_path / "grouped.pptx"))
    (block,) = [b for b in read(tmp_path / "grouped.pptx") if b.kind != "heading"]
    assert block.text == "Median PFS 9.6 months" and block.heading == "EMILIA" and block.location.startswith("slide 1, TextBox")


def test_a_handout_is_read_with_headings_paragraphs_and_tables(tmp_path):
    blocks = read(build.build_handout(tmp_path / "handout.docx"))
    swap = next(b for b in blocks if "overall survival was 0.65" in b.text)
    assert swap.location == "paragraph 6" and swap.heading == "Evidence in brief"
    cell = next(b for b in blocks if b.kind == "cell" and "80.8%" in b.text)
    assert cell.prefix == "KATHERINE Result:" and cell.location == "table 1, row 1, column 'Result'"


@pytest.mark.parametrize("name", ["broken.pptx", "broken.docx"])
def test_a_damaged_deck_or_handout_is_a_clear_error_not_a_traceback(tmp_path, name):
    import subprocess

    path = tmp_path / name
    path.write_bytes(b"not a zip file")
    done = subprocess.run([sys.executable, "-m", "trialfigs.cli", "audit", str(path)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and f"cannot read {path}" in done.stderr and "Traceback" not in done.stderr
