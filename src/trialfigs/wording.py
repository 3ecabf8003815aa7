"""How published values are written out, in one place: figures, tables and notebooks agree."""

from __future__ import annotations


def p_text(p: str) -> str:
    """'P<0.001' or 'P = 0.003' exactly as published; empty when no P value was published."""
    if not p:
        return ""
    return f"P{p}" if p[0] in "<>≤" else f"P = {p}"


def ci_text(row) -> str:
    """'0.54 (0.44 to 0.66)': the published digits, never re-rounded; the estimate alone when no CI was published."""
    if not row["ci_low_text"] or not row["ci_high_text"]:
        return f"{row['estimate_text']} (CI not given)"
    return f"{row['estimate_text']} ({row['ci_low_text']} to {row['ci_high_text']})"
