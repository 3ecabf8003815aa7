"""Read a document as a document: blocks of text, each with where it is and what it sits under.

A block is a paragraph, a list item, a table cell or a slide's text frame. Its `heading` is the
nearest heading or slide title above it; a table cell carries its row label and column header in
`prefix`, read together with the cell but never reported as the claim. Plain text is read line
by line (a line is a paragraph; pipe rows form a table whose first row is the header); Markdown
through markdown-it-py (its front matter read as plain text); decks through python-pptx;
handouts through python-docx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Block:
    text: str
    location: str  # "line 42", "slide 3, TextBox 2", "table 1, row 2, column 'HR'"
    line: int = 0  # the first line, for text files; 0 elsewhere
    heading: str = ""
    prefix: str = ""  # a table cell's row label and column header
    paragraph: int = 0  # blocks with the same number share a paragraph (a subject carries across them)
    kind: str = "paragraph"  # paragraph | item | cell | heading | notes


VALUE_CELL = re.compile(r"[<>≥≤~]?\s*\d[\d.,]*\s*(?:%|months?|mo|years?|mg/kg)?(?:\s*\(.*\))?")
HEADING_LINE = re.compile(r"\s*(#|\*\*[A-Z])|\s*[A-Z][A-Za-z ]{2,40}$")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _rule(cells: list[str]) -> bool:
    return all(re.fullmatch(r":?-{3,}:?", c) for c in cells if c)


def table_blocks(rows: list[list[str]], where, heading: str, paragraph: int, table: int) -> list[Block]:
    """One block per cell after the header row; the prefix is the row label (its first cell) and the column header."""
    if not rows:
        return []
    header, blocks = rows[0], []
    for r, row in enumerate(rows[1:], start=1):
        for c, cell in enumerate(row):
            if not cell or c == 0 and len(row) > 1:
                continue
            column = header[c] if c < len(header) else ""
            labels = [x for x in row[:c] if x and not VALUE_CELL.fullmatch(x)]  # the row's label cells to the left
            prefix = " ".join(p for p in (*labels, column) if p)
            blocks.append(Block(cell, f"table {table}, row {r}, column '{column}'", where(r), heading, prefix + ":" if prefix else "",
                                paragraph * 1000 + r, "cell"))
    return blocks


def read_text(text: str, first_line: int = 1, heading: str = "") -> list[Block]:
    """Plain text: a line is a block; blank lines and headings end a paragraph; pipe rows form tables."""
    blocks: list[Block] = []
    paragraph, table, pending = 0, 0, []
    lines = text.splitlines()

    def flush():
        nonlocal pending, table
        if pending and not any(_rule(cells) for _, cells in pending) and max(len(cells) for _, cells in pending) <= 1:
            for number, cells in pending:  # "| one boxed line |": lines of text, not a table with a header
                blocks.append(Block(cells[0] if cells else "", f"line {number}", number, heading, "", paragraph, "paragraph"))
            pending = []
        if pending:
            table += 1
            rows = [cells for _, cells in pending if not _rule(cells)]
            numbers = [n for n, cells in pending if not _rule(cells)]
            blocks.extend(table_blocks(rows, lambda r: numbers[r], heading, paragraph, table))
            pending = []

    for number, raw in enumerate(lines, start=first_line):
        line = raw[:5000]
        if line.strip().startswith("|") and line.count("|") >= 2:
            pending.append((number, _cells(line)))
            continue
        flush()
        if not line.strip():
            paragraph += 1
            continue
        if HEADING_LINE.match(line):
            paragraph += 1
            heading = line.strip(" #*:")
            blocks.append(Block(line, f"line {number}", number, heading, "", paragraph, "heading"))
            paragraph += 1
            continue
        item = re.match(r"\s*[-*•]\s+\S", line)
        blocks.append(Block(line, f"line {number}", number, heading, "", paragraph, "item" if item else "paragraph"))
    flush()
    return blocks


def read_markdown(text: str) -> list[Block]:
    from markdown_it import MarkdownIt

    blocks: list[Block] = []
    body_start = 0
    front = re.match(r"---\n.*?\n---\n", text, re.DOTALL)
    if front:  # YAML front matter: read as plain text, keeping its line numbers
        blocks += read_text(front.group(0)[4:-4], first_line=2)
        body_start = front.group(0).count("\n")
    body = "\n" * body_start + text[front.end():] if front else text
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    heading, paragraph, table, in_item, rows, row_lines, stack = "", len(blocks) + 1, 0, 0, [], [], []
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            level = int(token.tag[1])
            stack = [h for h in stack if h[0] < level] + [(level, tokens[i + 1].content.strip(" *:"))]
            heading = " / ".join(h for _, h in stack)  # the enclosing headings: a trial named in the title carries down
            line = token.map[0] + 1
            blocks.append(Block(tokens[i + 1].content, f"line {line}", line, heading, "", paragraph, "heading"))
            paragraph += 1
        elif token.type == "list_item_open":
            in_item += 1
        elif token.type == "list_item_close":
            in_item -= 1
        elif token.type == "table_open":
            rows, row_lines, table = [], [], table + 1
        elif token.type == "tr_open":
            rows.append([])
            row_lines.append(token.map[0] + 1 if token.map else 0)
        elif token.type == "inline" and tokens[i - 1].type in ("th_open", "td_open"):
            rows[-1].append(token.content.strip())
        elif token.type == "table_close":
            blocks += table_blocks(rows, lambda r, ls=row_lines: ls[r], heading, paragraph, table)
            paragraph += 1
        elif token.type == "inline" and tokens[i - 1].type == "paragraph_open" and token.map:
            blocks.append(Block(token.content, f"line {token.map[0] + 1}", token.map[0] + 1, heading, "", paragraph,
                                "item" if in_item else "paragraph"))
            paragraph += 1
    return blocks


def _shapes(shapes):
    """Every shape of a slide, with the shapes inside groups."""
    for shape in shapes:
        if hasattr(shape, "shapes"):  # a group shape
            yield from _shapes(shape.shapes)
        else:
            yield shape


def read_pptx(path: Path) -> list[Block]:
    from pptx import Presentation

    blocks: list[Block] = []
    paragraph = 0
    for number, slide in enumerate(Presentation(str(path)).slides, start=1):
        title_shape = slide.shapes.title
        title = title_shape.text_frame.text.strip() if title_shape is not None and title_shape.has_text_frame else ""
        for shape in _shapes(slide.shapes):
            paragraph += 1
            where = f"slide {number}, {shape.name}"
            if shape.has_text_frame:
                kind = "heading" if shape == title_shape else "item"
                for para in shape.text_frame.paragraphs:
                    if para.text.strip():
                        blocks.append(Block(para.text, where, 0, title, "", paragraph, kind))
            elif getattr(shape, "has_table", False) and shape.has_table:
                rows = [[cell.text.strip() for cell in row.cells] for row in shape.table.rows]
                for block in table_blocks(rows, lambda r: 0, title, paragraph, 1):
                    block.location = f"{where}, {block.location.split(', ', 1)[1]}"
                    blocks.append(block)
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
            paragraph += 1
            for para in slide.notes_slide.notes_text_frame.paragraphs:
                if para.text.strip():
                    blocks.append(Block(para.text, f"slide {number}, notes", 0, title, "", paragraph, "notes"))
    return blocks


def read_docx(path: Path) -> list[Block]:
    import docx

    document = docx.Document(str(path))
    blocks: list[Block] = []
    heading = ""
    for number, para in enumerate(document.paragraphs, start=1):
        if not para.text.strip():
            continue
        style = (para.style.name or "") if para.style is not None else ""
        if style.startswith("Heading") or style == "Title":
            heading = para.text.strip()
            blocks.append(Block(para.text, f"paragraph {number}", 0, heading, "", number, "heading"))
        else:
            blocks.append(Block(para.text, f"paragraph {number}", 0, heading, "", number,
                                "item" if "List" in style else "paragraph"))
    for t, table in enumerate(document.tables, start=1):
        rows = [[cell.text.strip() for cell in row.cells] for row in table.rows]
        blocks += table_blocks(rows, lambda r: 0, heading, 10_000 + t, t)
    return blocks


class NotText(OSError):
    """A file that is not text in an encoding the audit reads; an OSError, so the CLI reports it as unreadable input."""


BOMS = [(b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")]


def decode(data: bytes, name: str = "the file") -> str:
    """The text of a file: UTF-8, UTF-16 or UTF-8 with a byte-order mark, or Windows-1252 (older Word exports).
    Anything else (a binary file, UTF-16 without its mark, a file cut mid-character in a way no encoding reads) is
    refused with what was found and where, never read as replacement characters."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise NotText(f"{name} starts with a {encoding.upper()} byte-order mark but is not valid {encoding.upper()} "
                              f"(byte {error.start})") from None
    if b"\x00" in data[:65536]:
        raise NotText(f"{name} is not text: it holds NUL bytes (a binary file, or UTF-16 without a byte-order mark); "
                      "save it as UTF-8 text") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        first = error.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is None or re.search(r"[\x00-\x08\x0e-\x1f\x7f]", text):
        raise NotText(f"{name} is not text in a known encoding (UTF-8, UTF-16 with a byte-order mark, Windows-1252): "
                      f"byte 0x{data[first]:02x} at offset {first}")
    return text


def read(path: Path) -> list[Block]:
    """The blocks of a file, by its extension: .pptx, .docx, .md/.markdown, anything else as plain text."""
    suffix = path.suffix.lower()
    if suffix == ".pptx":
        return read_pptx(path)
    if suffix == ".docx":
        return read_docx(path)
    text = decode(path.read_bytes(), str(path))
    return read_markdown(text) if suffix in (".md", ".markdown") else read_text(text)
