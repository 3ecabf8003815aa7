"""Build the corpus's deck (.pptx) and handout (.docx) from the text below, the way educators make them.

The slides follow the style of real teaching decks: a title per slide, terse bullets, a results
table, speaker notes. `build(folder)` writes deck.pptx and handout.docx; the test and the
benchmark build them afresh, so the words are reviewable here rather than inside a binary.
"""

from __future__ import annotations

from pathlib import Path

SLIDES = [
    ("KATHERINE: adjuvant T-DM1 vs trastuzumab",
     ["Residual invasive disease after neoadjuvant therapy", "1486 patients randomised 1:1",
      "T-DM1 3.6 mg/kg IV every 3 weeks for 14 cycles"], None,
     "Remind the audience that the comparator was trastuzumab, not chemotherapy."),
    ("KATHERINE final analysis (2025)",
     ["Median follow-up 8.4 years", "iDFS HR 0.54 (95% CI 0.44–0.66)", "7-yr iDFS 80.8% vs 67.1%",
      "OS HR 0.66 (95% CI 0.51–0.87)", "7-yr OS 89.1% vs 84.4%"], None,
     "The 50% lower risk of invasive disease or death is from the primary analysis."),
    ("EMILIA: T-DM1 vs lapatinib + capecitabine",
     ["991 patients with previously treated HER2+ MBC"],
     [["Endpoint", "T-DM1", "Lap + Cap", "HR"],
      ["Median PFS", "9.6 mo", "6.4 mo", "0.65"],
      ["Median OS (2nd interim, 2012)", "30.9 mo", "25.1 mo", "0.68"],
      ["Median OS (final analysis)", "29.9 mo", "25.9 mo", "0.68"],
      ["ORR", "43.6%", "30.8%", ""]],
     None),
    ("Safety",
     ["EMILIA: fewer grade ≥3 AEs with T-DM1 (41% vs 57%)",
      "KATHERINE: fewer severe side effects with T-DM1 than with trastuzumab",
      "KATHERINE: thrombocytopenia 28.5% vs 2.4%"], None,
     "Severe means grade 3 or higher."),
    ("Dosing",
     ["3.6 mg/kg IV every 3 weeks", "First infusion over 90 minutes, then 30 minutes if tolerated",
      "Dose reductions: 3 mg/kg, then 2.4 mg/kg"], None, None),
]

HANDOUT = [
    ("heading", "Kadcyla (T-DM1): handout for the chemotherapy day unit"),
    ("paragraph", "Give 3.6 mg/kg every three weeks. The first infusion runs over 90 minutes; later infusions over 30 minutes."),
    ("paragraph", "Women must use contraception for 7 months after the last dose, and men for 4 months."),
    ("paragraph", "Call the unit on 01632 960 123 with questions; see protocol BC-14, version 3.2."),
    ("heading", "Evidence in brief"),
    ("paragraph", "In EMILIA, the hazard ratio for overall survival was 0.65."),
    ("paragraph", "In KATHERINE, T-DM1 reduced the risk of invasive disease or death by 46%."),
]
HANDOUT_TABLE = [["Trial", "Result"],
                 ["KATHERINE", "7-year IDFS 80.8% vs 67.1%"],
                 ["EMILIA", "Objective response rate 43.6% vs 30.8%"]]


def build_deck(path: Path) -> Path:
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    for title, bullets, table, notes in SLIDES:
        slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
        slide.shapes.title.text = title
        box = slide.shapes.add_textbox(Inches(0.5), Inches(1.5), Inches(9), Inches(2))
        box.name = "Bullets"
        box.text_frame.text = bullets[0]
        for bullet in bullets[1:]:
            box.text_frame.add_paragraph().text = bullet
        if table:
            shape = slide.shapes.add_table(len(table), len(table[0]), Inches(0.5), Inches(3.5), Inches(9), Inches(2))
            shape.name = "Results table"
            for r, row in enumerate(table):
                for c, text in enumerate(row):
                    shape.table.cell(r, c).text = text
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
    deck.save(str(path))
    return path


def build_handout(path: Path) -> Path:
    import docx

    document = docx.Document()
    for kind, text in HANDOUT:
        if kind == "heading":
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    table = document.add_table(rows=len(HANDOUT_TABLE), cols=2)
    for r, row in enumerate(HANDOUT_TABLE):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(str(path))
    return path


def build(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [build_deck(folder / "deck.pptx"), build_handout(folder / "handout.docx")]
