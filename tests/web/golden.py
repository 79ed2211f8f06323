"""Golden vectors for the page's JavaScript: the axis (core/ticks.compute_axis) and the
label rows (core/layout.stack_labels) computed by Python on a spread of scales, zooms and
widths, for the browser test to run the page's own code on and compare."""

from __future__ import annotations

import random
from dataclasses import asdict
from typing import Any

from timeline_app.core.layout import LabelItem, stack_labels
from timeline_app.core.ticks import compute_axis
from timeline_app.core.timescale import TimeScale, Viewport

_WIDTHS = {**dict.fromkeys("0123456789", 6.5), " ": 3.25, "s": 5.75}


def measure(text: str) -> float:
    """A text's width as the vectors have it (the page's test uses the same rule)."""
    return sum(_WIDTHS.get(c, 7.25) for c in text)


def _scales() -> list[tuple[list[tuple[float, float]], float]]:
    rng = random.Random(20)
    out: list[tuple[list[tuple[float, float]], float]] = [([], 1.0)]
    # the bundled dataset's kind of time: 1953, the 1980s, 2016, 2022, a crowd in 2024
    points = [713000.0, 723000.0, 736000.0, 738200.0, *(739000.0 + 3 * k for k in range(40))]
    s = TimeScale.compressing(points, [p + 30 for p in points])
    out.append((s.breaks, s.break_width))
    for _ in range(4):
        pts = sorted(rng.uniform(1000, 3_600_000) for _ in range(rng.randint(3, 30)))
        s = TimeScale.compressing(pts, [p + rng.choice([1, 31, 365]) for p in pts])
        out.append((s.breaks, s.break_width))
    return out


def axis_vectors() -> list[dict[str, Any]]:
    rng = random.Random(7)
    cases = []
    for breaks, width in _scales():
        scale = TimeScale(breaks, width)
        for span in (3.0, 12.0, 40.0, 200.0, 900.0, 4000.0, 40_000.0, 400_000.0, 2_000_000.0):
            for px in (375.0, 900.0, 1280.0):
                u0 = rng.uniform(1.0, 3_600_000.0 - span)
                if breaks and rng.random() < 0.6:  # often around a break
                    g0 = scale.to_u(rng.choice(breaks)[0])
                    u0 = g0 - span * rng.uniform(0.1, 0.9)
                view = Viewport(u0, u0 + span, px)
                axis = compute_axis(scale, view, measure)
                cases.append(
                    {
                        "breaks": breaks, "break_width": width, "u0": u0, "u1": u0 + span,
                        "width": px,
                        "major": [asdict(t) for t in axis.major],
                        "minor": [asdict(t) for t in axis.minor],
                        "major_unit": axis.major_unit, "minor_unit": axis.minor_unit,
                        "minor_step": axis.minor_step,
                    }
                )  # fmt: skip
    return cases


def label_vectors() -> list[dict[str, Any]]:
    rng = random.Random(11)
    cases = []
    for n, rows in ((0, 3), (5, 0), (30, 1), (200, 3), (500, 6)):
        xs = sorted(rng.uniform(0, 1200) for _ in range(n))
        items = [LabelItem(k, x, rng.uniform(20, 180)) for k, x in enumerate(xs)]
        placement = stack_labels(items, rows)
        cases.append(
            {
                "items": [asdict(i) for i in items], "rows": rows,
                "placed": [list(p) for p in placement.placed],
                "clusters": [{"x0": c.x0, "x1": c.x1, "keys": c.keys}
                             for c in placement.clusters],
            }
        )  # fmt: skip
    return cases
