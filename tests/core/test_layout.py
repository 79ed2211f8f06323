"""Stacking event labels in rows, clustering the rest, and counting what is in view."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import overload

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.layout import (
    CLUSTER_MERGE_PX,
    Cluster,
    LabelItem,
    Placement,
    bin_counts,
    stack_labels,
)


def items_at(*xs_widths: tuple[float, float]) -> list[LabelItem]:
    return [LabelItem(i, x, w) for i, (x, w) in enumerate(xs_widths)]


def check_placement(items: Sequence[LabelItem], rows: int, gap: float, p: Placement) -> None:
    """Every event is labelled or counted, exactly once; labels in a row never overlap."""
    by_key = {it.key: it for it in items}
    placed_keys = [k for k, _, _ in p.placed]
    clustered_keys = [k for c in p.clusters for k in c.keys]
    assert sorted(placed_keys + clustered_keys) == sorted(by_key)
    last_end: dict[int, float] = {}
    for key, row, x in p.placed:
        assert 0 <= row < rows
        assert x == by_key[key].x  # labels stay at their event
        if row in last_end:
            assert x >= last_end[row] + gap - 1e-9
        last_end[row] = x + by_key[key].width
    for c in p.clusters:
        assert c.count == len(c.keys) >= 1
        assert c.x0 <= c.x1 < c.x0 + CLUSTER_MERGE_PX
        assert all(c.x0 <= by_key[k].x <= c.x1 for k in c.keys)
    assert [c.x0 for c in p.clusters] == sorted(c.x0 for c in p.clusters)


def test_labels_with_room_share_the_first_row() -> None:
    items = items_at((0, 50), (60, 50), (200, 80))
    p = stack_labels(items, rows=3)
    assert p.placed == [(0, 0, 0.0), (1, 0, 60.0), (2, 0, 200.0)]
    assert p.clusters == []


def test_overlapping_labels_go_to_the_next_free_row() -> None:
    items = items_at((0, 100), (20, 100), (40, 100), (110, 30))
    p = stack_labels(items, rows=3)
    assert [(k, r) for k, r, _ in p.placed] == [(0, 0), (1, 1), (2, 2), (3, 0)]
    check_placement(items, 3, 6.0, p)


def test_labels_that_fit_nowhere_are_counted_in_a_cluster() -> None:
    items = items_at((0, 100), (10, 100), (20, 100), (30, 100), (300, 50))
    p = stack_labels(items, rows=2)
    assert [k for k, _, _ in p.placed] == [0, 1, 4]
    assert p.clusters == [Cluster(20.0, 30.0, [2, 3])]
    assert p.clusters[0].label == "2 events"
    check_placement(items, 2, 6.0, p)


def test_cluster_labels_read_naturally() -> None:
    assert Cluster(0, 0, [7]).label == "1 event"
    assert Cluster(0, 10, [1, 2, 3, 4]).label == "4 events"
    assert Cluster(0, 10, [1, 2, 3, 4]).count == 4


def test_a_crowd_becomes_several_local_clusters() -> None:
    items = [LabelItem(i, i * 2.0, 120.0) for i in range(300)]  # 600 px of overlapping labels
    p = stack_labels(items, rows=2)
    check_placement(items, 2, 6.0, p)
    assert len(p.clusters) >= 600 / CLUSTER_MERGE_PX - 1


def test_without_rows_every_event_is_clustered() -> None:
    items = items_at((0, 10), (100, 10), (500, 10))
    p = stack_labels(items, rows=0)
    assert p.placed == []
    assert [c.keys for c in p.clusters] == [[0], [1], [2]]
    with pytest.raises(ValueError):
        stack_labels(items, rows=-1)


@st.composite
def crowds(draw: st.DrawFn) -> list[LabelItem]:
    spots = draw(st.lists(st.tuples(st.integers(0, 1500), st.integers(1, 250)), max_size=60))
    keys = list(range(len(spots)))
    draw(st.randoms(use_true_random=False)).shuffle(keys)  # keys need not follow x
    return [LabelItem(k, x / 2, w / 2) for k, (x, w) in zip(keys, sorted(spots), strict=True)]


@settings(max_examples=100)
@given(crowds(), st.integers(min_value=0, max_value=6), st.floats(min_value=0, max_value=20))
def test_crowded_labels_never_overlap_and_no_event_is_lost(
    items: list[LabelItem], rows: int, gap: float
) -> None:
    p = stack_labels(items, rows, gap)
    check_placement(items, rows, gap, p)
    if rows and items:
        assert p.placed  # the first label always finds room


class CountingList(Sequence[float]):
    """A sorted list that counts how many of its items are read."""

    def __init__(self, data: list[float]) -> None:
        self.data = data
        self.reads = 0

    def __len__(self) -> int:
        return len(self.data)

    @overload
    def __getitem__(self, i: int) -> float: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[float]: ...
    def __getitem__(self, i: int | slice) -> float | Sequence[float]:
        if isinstance(i, slice):
            raise TypeError("not sliced here")
        self.reads += 1
        return self.data[i]


sorted_values = st.lists(st.floats(-100, 1100, allow_nan=False), max_size=200).map(sorted)


@settings(max_examples=60, deadline=None)
@given(sorted_values, st.lists(st.floats(-200, 1200, allow_nan=False), min_size=2, max_size=40))
def test_each_value_is_counted_in_the_bin_it_falls_in(
    values: list[float], cut: list[float]
) -> None:
    edges = sorted(cut)
    counts = bin_counts(values, edges)
    assert len(counts) == len(edges) - 1
    for k, count in enumerate(counts):
        assert count == sum(1 for v in values if edges[k] <= v < edges[k + 1])


def test_bin_counts_read_a_few_values_not_all() -> None:
    values = CountingList([float(i) for i in range(100_000)])
    edges = [20_000.0 + k * 200.0 for k in range(301)]
    counts = bin_counts(values, edges)
    assert sum(counts) == 60_000 and counts[0] == 200
    assert values.reads < 301 * 2 * math.log2(100_000)
