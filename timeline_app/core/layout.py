"""Placing event labels on the timeline: stacking them in rows, clustering the rest, and
counting what is visible.

:func:`stack_labels` puts each label in the first row where it fits; the labels that fit
nowhere are gathered into :class:`Cluster` s ("4 events") so that every event is either
labelled or counted, exactly once.  :func:`visible_slice` and :func:`density_bins` answer
"which events are in view" and "how many per pixel column" by bisection on the sorted
event positions, in O(log n) and O(bins log n), so they can run on every paint.

Pure, no Qt.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from .timescale import Viewport

__all__ = [
    "CLUSTER_MERGE_PX",
    "Cluster",
    "LabelItem",
    "Placement",
    "density_bins",
    "stack_labels",
    "visible_slice",
]

#: A cluster gathers the unlabelled events whose anchors lie within this many pixels of its
#: first one: wide enough for a "12 events" badge, narrow enough to say where they are.
CLUSTER_MERGE_PX = 48.0


@dataclass(frozen=True, slots=True)
class LabelItem:
    """An event's label: ``x`` is its left anchor in pixels, ``width`` the text's width plus
    room for the marker."""

    key: int
    x: float
    width: float


@dataclass(frozen=True, slots=True)
class Cluster:
    """Events left unlabelled for want of room, with anchors from ``x0`` to ``x1``.

    A cluster counts only events that have no label of their own.
    """

    x0: float
    x1: float
    keys: list[int] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.keys)

    @property
    def label(self) -> str:
        """``"1 event"``, ``"4 events"``."""
        n = len(self.keys)
        return f"{n} event" if n == 1 else f"{n} events"


@dataclass(frozen=True, slots=True)
class Placement:
    """``placed``: ``(key, row, x)`` of each labelled event, in input order; ``clusters``:
    the unlabelled events, left to right."""

    placed: list[tuple[int, int, float]]
    clusters: list[Cluster]


def stack_labels(
    items: Sequence[LabelItem],
    rows: int,
    gap: float = 6.0,
    *,
    merge_px: float = CLUSTER_MERGE_PX,
) -> Placement:
    """Place labels in ``rows`` rows, greedily from left to right.

    ``items`` must be sorted by ``x``.  Each label goes into the first row whose last label
    ends at least ``gap`` pixels before it; a label that fits in no row joins a cluster.
    Consecutive unlabelled events share a cluster while their anchors lie less than
    ``merge_px`` from the cluster's first anchor (so a crowd becomes several local clusters,
    not one that spans the view).  Clusters count unlabelled events only and never take a
    label away.  Every key ends up in exactly one place: labelled, or counted in one cluster.
    Labels in a row never overlap.  O(n * rows).
    """
    if rows < 0:
        raise ValueError(f"rows must be >= 0, not {rows}")
    row_free = [-float("inf")] * rows  # where each row is free again (last end + gap)
    row_range = range(rows)
    placed: list[tuple[int, int, float]] = []
    clusters: list[Cluster] = []
    c_keys: list[int] = []
    c_x0 = c_x1 = 0.0
    for item in items:
        x = item.x
        for r in row_range:
            if x >= row_free[r]:
                row_free[r] = x + item.width + gap
                placed.append((item.key, r, x))
                break
        else:
            if c_keys and x - c_x0 < merge_px:
                c_keys.append(item.key)
                c_x1 = max(c_x1, x)
            else:
                if c_keys:
                    clusters.append(Cluster(c_x0, c_x1, c_keys))
                c_keys = [item.key]
                c_x0 = c_x1 = x
    if c_keys:
        clusters.append(Cluster(c_x0, c_x1, c_keys))
    return Placement(placed, clusters)


def visible_slice(sorted_u: Sequence[float], u0: float, u1: float) -> tuple[int, int]:
    """``(i, j)`` such that ``sorted_u[i:j]`` are the positions with ``u0 <= u <= u1``."""
    i = bisect_left(sorted_u, u0)
    return i, max(i, bisect_right(sorted_u, u1, i))


def density_bins(sorted_u: Sequence[float], view: Viewport, bins: int) -> list[int]:
    """How many positions fall in each of ``bins`` equal pixel-column bins across the view.

    Bin ``k`` covers ``[u_k, u_k+1)``, the last one also its right edge, so the counts add up
    to the number of positions :func:`visible_slice` finds in the view.  O(bins log n).
    """
    if bins <= 0:
        raise ValueError(f"bins must be positive, not {bins}")
    lo, hi = visible_slice(sorted_u, view.u0, view.u1)
    step = view.span / bins
    counts: list[int] = []
    prev = lo
    for k in range(1, bins):
        edge = bisect_left(sorted_u, view.u0 + k * step, prev, hi)
        counts.append(edge - prev)
        prev = edge
    counts.append(hi - prev)
    return counts
