"""Placing event labels on the timeline: stacking them in rows, clustering the rest, and
counting events per pixel column.

:func:`stack_labels` puts each label in the first row where it fits; the labels that fit
nowhere are gathered into :class:`Cluster` s ("4 events") so that every event is either
labelled or counted, exactly once.  :func:`bin_counts` answers "how many per pixel column"
by bisection on the sorted event times, in O(bins log n), so it can run on every paint.

Pure, no Qt.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

__all__ = [
    "CLUSTER_MERGE_PX",
    "Cluster",
    "LabelItem",
    "Placement",
    "bin_counts",
    "stack_labels",
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


def bin_counts(sorted_values: Sequence[float], edges: Sequence[float]) -> list[int]:
    """How many of ``sorted_values`` fall in each bin ``[edges[k], edges[k+1])``: the one
    density binning of the timeline, the overview strip and the exports.  O(bins log n)."""
    idx = [bisect_left(sorted_values, e) for e in edges]
    return [b - a for a, b in pairwise(idx)]
