"""Issue 13: names live in data/. No trial named in data/trials.csv appears anywhere in src/ (code,
docstrings, templates), so adding or renaming a trial never means editing Python."""

from __future__ import annotations

import csv
import re

from conftest import ROOT


def test_no_trial_of_the_data_is_named_in_the_package():
    with open(ROOT / "data" / "trials.csv", encoding="utf-8", newline="") as handle:
        names = {name for row in csv.DictReader(handle) for name in (row["trial"], row["label"])}
    assert len(names) >= 2
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names)), re.IGNORECASE)
    found = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
             for path in sorted((ROOT / "src").rglob("*")) if path.suffix in {".py", ".j2"}
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if pattern.search(line)]
    assert found == [], "\n".join(found)
