"""A problem found in the data: which file, row and column, which rule, and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass

# Every rule the validator applies, with what it checks. Each has a fixture in tests/fixtures/.
RULES = {
    "unreadable": "the file exists, decodes as UTF-8 and parses",
    "descriptor": "datapackage.json is a valid Frictionless Data Package",
    "columns": "the header names exactly the schema's columns, in order",
    "row-shape": "every row has as many cells as the header",
    "type": "a cell has the type its column declares (number, integer ...)",
    "required": "a required cell is not empty",
    "enum": "a cell takes one of the values its column allows",
    "pattern": "a cell matches its column's pattern",
    "range": "a number lies within its column's minimum and maximum",
    "unique-key": "primary keys are unique",
    "foreign-key": "trial, analysis, arm and comparator exist in the tables they refer to",
    "unknown-source": "source and publication ids exist in evidence/references.json",
    "ci-order": "CI low <= estimate <= CI high, and a CI has its confidence level",
    "ratio-positive": "a ratio and its CI bounds are > 0",
    "percent-range": "a percentage lies within 0 to 100",
    "unit": "the unit fits the statistic, and a timepoint has its time unit",
    "quote": "every number of the row appears in its verbatim quote as published",
    "ci-asymmetric": "a ratio's CI is near symmetric on the log scale (a typing check)",
    "p-value": "a p-value agrees with whether the 95% CI excludes the null",
    "not-reached": "a 'not reached' median carries no number; a reported value carries one",
    "derived": "a derived value says how it was computed",
    "duplicate-row": "no two rows report the same value from the same source",
    "contradictory-rows": "sources that disagree on a value are declared in evidence/corrections.yml",
    "evidence-record": "each reference and correction record has the fields it needs",
    "origin": "source names the publication that reported the value (article, label, registry record, congress "
              "abstract), never a news page, press release or blog; evidence_level is secondary exactly when read_in names "
              "where it was read instead",
    "text": "a text cell holds no control character (NUL included), no right-to-left or other direction override "
            "and does not start like a spreadsheet formula (=, @, or + / - followed by a formula)",
    "ci-level": "a CI's confidence level is one that is published (90, 95, 97.5 or 99), as printed beside the CI",
    "preferred-row": "a quantity in several rows (another source, a registry record) has exactly one row marked "
                     "preferred = yes, the cross-checks no",
    "p-kind": "a P value says whether it is confirmatory or nominal; a confirmatory P has its test coded in results.csv",
    "comparison-status": "a comparison's testing, result, hypothesis and boundary agree (descriptive analyses have no "
                         "formal result; a crossed boundary means the test was met)",
    "read-in-summary": "(warning) a value read only in a news page, press release or blog: find the original",
}
# Rules that warn: reported and counted, but the data stay usable.
WARNINGS = {"read-in-summary"}


@dataclass(frozen=True)
class Problem:
    """One broken rule. `row` counts as a spreadsheet does: the header is row 1."""

    file: str
    row: int | None
    column: str | None
    rule: str
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: [{self.rule}] {self.message}"


class InvalidData(Exception):
    """Raised when the evidence tables break one or more rules; carries every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = sort_problems(problems)
        super().__init__(format_problems(self.problems))


def sort_problems(problems) -> list[Problem]:
    """File by file, row by row; problems without a row or column first."""
    return sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or "", p.rule, p.message))


def format_problems(problems: list[Problem]) -> str:
    lines = [str(p) for p in sort_problems(problems)]
    noun = "problem" if len(lines) == 1 else "problems"
    return "\n".join([*lines, f"{len(lines)} {noun} found."])
