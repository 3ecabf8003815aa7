"""Fit model curves that reproduce every published number of an analysis, or say which one cannot be met.

On the log cumulative-hazard scale a Weibull curve is a line, log H(t) = shape * log t + c, so each
published value at its printed precision is a pair of linear bounds on (shape, c): a landmark rate
in [low, high) bounds log H at its time, a median in [low, high) bounds the time where H = ln 2.
Under proportional hazards the experimental arm's line is the comparator's shifted by log HR. A
family (exponential: shape 1; Weibull: shape free) reproduces the values when these bounds leave
room; the curve chosen is the least-squares line through the values as printed, or, when that
misses one, the point deepest inside the bounds.

Order of preference: the comparator through its values and the experimental arm tied to it by the
published hazard ratio (exponential, then Weibull); else each arm through its own values, the
hazard ratio shown as text only ("hazard ratio not modelled"); else no figure.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from trialfigs.model.curves import Analysis, Anchor, IllustrationError, Model

LOG_LN2 = math.log(math.log(2))
NOT_MODELLED = "hazard ratio not modelled"
REPRODUCED = "reproduced"


@dataclass(frozen=True)
class Fit:
    models: dict[str, Model]  # per arm
    proportional: bool  # each other arm's curve is the comparator's under its published hazard ratio
    hazard_ratios: dict[str, float]  # the modelled hazard ratio per arm against the comparator, when proportional

    @property
    def family(self) -> str:
        names = {m.name for m in self.models.values()}
        return "Weibull" if "Weibull" in names else "exponential"


def _bounds(anchor: Anchor, offset: float) -> tuple[tuple[float, float], list[tuple[float, float, float]]]:
    """The value as printed as a point (log time, log H) and its precision as rows a_k, a_c, b of a.(k, c) <= b."""
    low, high = anchor.bounds()
    if anchor.kind == "landmark_rate":
        x = math.log(anchor.time)
        point = (x, math.log(-math.log(float(anchor.published) / 100)) - offset)
        rows = []
        if 0 < low < 100:
            rows.append((x, 1.0, math.log(-math.log(low / 100)) - offset))
        if 0 < high < 100:
            rows.append((-x, -1.0, -(math.log(-math.log(high / 100)) - offset)))
        return point, rows
    point = (math.log(anchor.time), LOG_LN2 - offset)
    rows = [(-math.log(high / anchor.scale), -1.0, -(LOG_LN2 - offset))]
    if low > 0:
        rows.append((math.log(low / anchor.scale), 1.0, LOG_LN2 - offset))
    return point, rows


def _deepest(rows: list[tuple[float, float, float]], weibull: bool) -> tuple[float, float] | None:
    """The (shape, c) farthest inside all bounds (Chebyshev centre), or None when they leave no room."""
    if not weibull:
        lower = [-(b - ak) for ak, ac, b in rows if ac < 0]
        upper = [b - ak for ak, ac, b in rows if ac > 0]
        low, high = max(lower, default=-50.0), min(upper, default=50.0)
        return (1.0, (low + high) / 2) if low < high else None
    # variables (k, c, r): a.(k, c) + r |a| <= b, with 0.001 <= k <= 100 and |r| <= 10; maximise r over the vertices
    g = [(ak, ac, math.hypot(ak, ac), b) for ak, ac, b in rows]
    g += [(-1, 0, 0, -0.001), (1, 0, 0, 100), (0, 0, 1, 10), (0, 0, -1, 10)]
    G, h = np.array([r[:3] for r in g], dtype=float), np.array([r[3] for r in g], dtype=float)
    best = None
    for triple in itertools.combinations(range(len(g)), 3):
        A = G[list(triple)]
        if abs(np.linalg.det(A)) < 1e-12:
            continue
        z = np.linalg.solve(A, h[list(triple)])
        if np.all(G @ z <= h + 1e-9) and (best is None or z[2] > best[2]):
            best = z
    return (float(best[0]), float(best[1])) if best is not None and best[2] > 1e-12 else None


def _solve(items: list[tuple[Anchor, float]], weibull: bool) -> Model | None:
    """A curve of the family meeting every (anchor, log-HR offset) at its printed precision, or None."""
    points, rows = [], []
    for anchor, offset in items:
        point, bounds = _bounds(anchor, offset)
        points.append(point)
        rows += bounds
    x, y = np.array([p[0] for p in points]), np.array([p[1] for p in points])
    candidates = []
    if not weibull:
        candidates.append((1.0, float(np.mean(y - x))))
    elif len(set(np.round(x, 12))) >= 2:
        (k, c), *_ = np.linalg.lstsq(np.column_stack([x, np.ones_like(x)]), y, rcond=None)
        if k > 0:
            candidates.append((float(k), float(c)))
    deepest = _deepest(rows, weibull)
    if deepest:
        candidates.append(deepest)
    for k, c in candidates:
        if all(Model(k, c + offset).reproduces(anchor) for anchor, offset in items):
            return Model(k, c)
    return None


def _one_arm(a: Analysis, arm: str) -> Model:
    points = a.anchors[arm]
    if not points:
        raise IllustrationError(f"{a.trial} {a.endpoint} {arm}: no landmark rate or median is published in the {a.analysis} analysis, "
                                "and no hazard ratio ties this arm to the other; the illustration is not drawn")
    for weibull in (False, True):
        model = _solve([(p, 0.0) for p in points], weibull)
        if model:
            return model
    for i in range(1, len(points) + 1):
        if not any(_solve([(p, 0.0) for p in points[:i]], w) for w in (False, True)):
            met = points[:i - 1]
            raise IllustrationError(
                f"{a.trial} {a.endpoint} {arm}: {points[i - 1].label} ({points[i - 1].row_id}) cannot be met by any exponential or "
                f"Weibull curve" + (f" that also meets the {', '.join(p.label for p in met)}" if met else "")
                + f" ({a.analysis} analysis, within the printed precision); the illustration is not drawn")
    raise AssertionError("unreachable: every prefix was met but the whole was not")  # pragma: no cover


def fit(a: Analysis) -> Fit:
    """The curves for the analysis, in the order of preference above; IllustrationError when none."""
    others = [arm for arm in a.arms if arm != a.comparator]
    if a.comparator and others and all(arm in a.hazard_ratios for arm in others):
        ratios = {arm: float(a.hazard_ratios[arm].published) for arm in others}
        items = [(p, 0.0) for p in a.anchors[a.comparator]]
        items += [(p, math.log(ratios[arm])) for arm in others for p in a.anchors[arm]]
        for weibull in (False, True):
            model = _solve(items, weibull)
            if model:
                found = Fit({**{arm: model.scaled(ratios[arm]) for arm in others}, a.comparator: model}, True, ratios)
                _check_every_row(a, found)
                return found
    found = Fit({arm: _one_arm(a, arm) for arm in a.arms}, False, {})
    _check_every_row(a, found)
    return found


def _check_every_row(a: Analysis, found: Fit) -> None:
    """Rows of the same quantity from other sources must be met too."""
    for row in a.rows:
        if row.kind != "hazard_ratio" and not found.models[row.arm].reproduces(row):
            raise IllustrationError(f"{a.trial} {a.endpoint} {row.arm}: {row.label} ({row.row_id}) cannot be met by the curve through "
                                    f"the other published values ({a.analysis} analysis); the illustration is not drawn")


def fidelity(a: Analysis, found: Fit) -> list[dict]:
    """Every published number of the analysis beside the model's value at the same precision."""
    table = []
    for row in a.rows:
        if row.kind == "hazard_ratio":
            modelled = found.proportional and row.arm in found.hazard_ratios
            model = row.shown(found.hazard_ratios[row.arm]) if modelled else "not modelled"
            status = (REPRODUCED if model == row.published else "differs") if modelled else NOT_MODELLED
        else:
            model = found.models[row.arm].shown(row)
            status = REPRODUCED if model == row.published else "differs"
        table.append({"row_id": row.row_id, "arm": row.arm, "quantity": row.quantity, "published": row.published + row.suffix,
                      "model": model + (row.suffix if status == REPRODUCED or status == "differs" else ""), "status": status})
    return table
