"""Claim-audit benchmark: per-verdict precision and recall over the labelled corpus in tests/audit_corpus/.

    .venv/bin/python benchmarks/audit_bench.py

Prints flag precision, errors caught and correct claims confirmed (issue 21). Targets (issue 14): flags (contradicted, swapped, wrong statistic or term, outdated) right at least
95% of the time, and no incorrect claim called supported. Prints; tests/audit/test_audit_corpus.py asserts
the two targets.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests" / "audit_corpus")]

from score import SETS, score  # noqa: E402

from trialfigs.audit import VERDICTS  # noqa: E402
from trialfigs.evidence.load import load  # noqa: E402


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "    -"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        result = score(load(), Path(tmp))
    table = result.per_verdict()
    print(f"{'verdict':26} {'precision':>9} {'recall':>7}   (correct / reported / expected)")
    for verdict in VERDICTS:
        tp, reported, expected = table.get(verdict, (0, 0, 0))
        print(f"{verdict:26} {_pct(tp, reported):>9} {_pct(tp, expected):>7}   ({tp} / {reported} / {expected})")
    right, flags = result.flags()
    wrong_supported = result.supported_but_incorrect()
    claims = len(result.pairs) + len(result.missed)
    print(f"\nlabelled claims: {claims}; found: {len(result.pairs)}; missed: {len(result.missed)}; unexpected findings: {len(result.unexpected)}")
    print(f"flag precision: {_pct(right, flags).strip()} ({right} of {flags} flags are on claims that are wrong as written; target >= 95%)")
    for name, documents in SETS.items():
        right_set, flags_set = result.flags(documents)
        print(f"  {name}: {_pct(right_set, flags_set).strip()} ({right_set} of {flags_set})")
    caught, wrong = result.caught()
    confirmed, correct = result.confirmed()
    print(f"errors caught: {_pct(caught, wrong).strip()} ({caught} of {wrong} claims wrong as written got a flag)")
    print(f"correct claims confirmed: {_pct(confirmed, correct).strip()} ({confirmed} of {correct} correct claims called supported)")
    print(f"incorrect claims called supported: {len(wrong_supported)} (target 0)")
    for row in result.missed:
        print(f"  missed: {row['document']} {row['location']}: {row['kind']} ({row['claim']})")
    for document, finding in result.unexpected:
        print(f"  unexpected: {document} {finding.location}: {finding.kind} {finding.verdict} ({finding.claim[:80]})")
    ok = flags and right / flags >= 0.95 and not wrong_supported
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
