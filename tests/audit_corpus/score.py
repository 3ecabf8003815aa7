"""Score the audit against the labelled corpus: per-verdict precision and recall, flag precision,
and any incorrect claim called supported. Used by tests/audit/test_audit_corpus.py and benchmarks/audit_bench.py.

expected.csv holds one row per claim a careful reader finds, in document order within a location:
the verdict it deserves and whether the claim is correct as written. Rows of kind "-" are numbers
that are not claims (the audit must not report them). A finding with no row is "unexpected"; a row
with no finding is "missed".
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETS = {  # which texts were written alongside the code, and which were labelled before the audit first read them
    "written with the code": ["leaflet.txt", "news-katherine.md", "news-emilia.md", "review-table.md", "blog.md", "deck.pptx", "handout.docx"],
    "held out, set 1": ["nurse-update.txt", "emilia-final-news.md", "deck-notes.md"],
    "held out, set 2 (after the fixes set 1 prompted)": ["support-group.txt", "conference-slides.md"],
    "held out, set 3 (after the fixes set 2 prompted)": ["journal-club.md", "faq.txt"],
    "held out, set 4 (after the fixes set 3 prompted)": ["grand-rounds.md", "patient-email.txt"],
}
TEXTS = [name for names in SETS.values() for name in names if not name.endswith((".pptx", ".docx"))]
FAILING = {"contradicted", "swapped", "wrong statistic or term", "outdated"}
SUPPORTED = {"supported", "supported after rounding"}


@dataclass
class Score:
    pairs: list = field(default_factory=list)  # (expected row, finding)
    unexpected: list = field(default_factory=list)  # (document, finding)
    missed: list = field(default_factory=list)  # expected rows with no finding

    def per_verdict(self) -> dict[str, tuple[int, int, int]]:
        """verdict -> (true positives, reported, expected)."""
        table = defaultdict(lambda: [0, 0, 0])
        for row, finding in self.pairs:
            table[finding.verdict][1] += 1
            table[row["verdict"]][2] += 1
            if finding.verdict == row["verdict"]:
                table[finding.verdict][0] += 1
        for _, finding in self.unexpected:
            table[finding.verdict][1] += 1
        for row in self.missed:
            table[row["verdict"]][2] += 1
        return {v: tuple(n) for v, n in table.items()}

    def flags(self, documents=None) -> tuple[int, int]:
        """(flags on claims that are wrong as written, all flags), over all documents or the ones named."""
        pairs = [(row, f) for row, f in self.pairs if documents is None or row["document"] in documents]
        unexpected = [f for doc, f in self.unexpected if documents is None or doc in documents]
        right = sum(1 for row, f in pairs if f.verdict in FAILING and row["correct"] == "no")
        total = sum(1 for _, f in pairs if f.verdict in FAILING) + sum(1 for f in unexpected if f.verdict in FAILING)
        return right, total

    def caught(self) -> tuple[int, int]:
        """(claims wrong as written that got a flag, claims wrong as written in the labels): errors caught."""
        wrong = [(row, f) for row, f in self.pairs if row["correct"] == "no"] + [(row, None) for row in self.missed if row["correct"] == "no"]
        return sum(1 for _, f in wrong if f is not None and f.verdict in FAILING), len(wrong)

    def confirmed(self) -> tuple[int, int]:
        """(correct claims called supported, correct claims in the labels; numbers that are not claims left out)."""
        right = [(row, f) for row, f in self.pairs if row["correct"] == "yes"] + [(row, None) for row in self.missed if row["correct"] == "yes"]
        return sum(1 for _, f in right if f is not None and f.verdict in SUPPORTED), len(right)

    def supported_but_incorrect(self) -> list:
        return [(row, f) for row, f in self.pairs if f.verdict in SUPPORTED and row["correct"] == "no"]


def documents(built: Path) -> list[Path]:
    """The corpus files: the text documents here and the deck and handout built into `built`."""
    import build

    return [HERE / name for name in TEXTS] + build.build(built)


def score(evidence, built: Path) -> Score:
    from trialfigs.audit import audit_file

    expected = defaultdict(list)
    with open(HERE / "expected.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            expected[(row["document"], row["location"], row["kind"])].append(row)
    result = Score()
    seen = set()
    for path in documents(built):
        found = defaultdict(list)
        for finding in audit_file(evidence, path):
            found[(path.name, finding.location, finding.kind)].append(finding)
        for key, findings in found.items():
            rows = expected.get(key, [])
            seen.add(key)
            result.pairs += list(zip(rows, findings))
            result.unexpected += [(path.name, f) for f in findings[len(rows):]]
            result.missed += rows[len(findings):]
    result.missed += [row for key, rows in expected.items() if key not in seen and key[2] != "-" for row in rows]
    return result
