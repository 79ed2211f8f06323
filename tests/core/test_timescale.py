"""The compressed time axis and the viewport onto it."""

from __future__ import annotations

import datetime as dt
import math
import random
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import dataset_intervals, dataset_points

from timeline_app.core.timescale import (
    MIN_FIT_SPAN,
    PADDING_FRACTION,
    TimeScale,
    Viewport,
    zoom_limits,
)


def day(y: int, m: int = 1, d: int = 1) -> int:
    return dt.date(y, m, d).toordinal()


DATASET_POINTS = dataset_points()
STARTS, ENDS = dataset_intervals()


def whole_view(scale: TimeScale, points: list[float], width: float) -> Viewport:
    return Viewport.fitted(scale.to_u(min(points)), scale.to_u(max(points)), width)


# -- the mapping ------------------------------------------------------------------------------


def test_without_breaks_u_is_t() -> None:
    scale = TimeScale()
    for t in (-5.0, 0.0, 739191.0, 739191.5):
        assert scale.to_u(t) == t
        assert scale.to_t(t) == t
    assert scale.segments(10.0, 20.0) == [(10.0, 20.0)]
    assert scale.to_u_many([3.0, 1.0]) == [3.0, 1.0]
    assert not scale.in_break(5.0)


def test_a_break_replaces_its_gap_by_the_break_width() -> None:
    scale = TimeScale([(100.0, 200.0), (300.0, 1000.0)], break_width=10.0)
    assert scale.to_u(50.0) == 50.0
    assert scale.to_u(100.0) == 100.0
    assert scale.to_u(150.0) == 105.0  # halfway across the first break
    assert scale.to_u(200.0) == 110.0
    assert scale.to_u(300.0) == 210.0
    assert scale.to_u(1000.0) == 220.0
    assert scale.to_u(1100.0) == 320.0  # one day is still one u after the breaks
    assert scale.break_spans_u() == [(100.0, 110.0), (210.0, 220.0)]
    assert scale.to_t(105.0) == 150.0
    assert scale.to_t(320.0) == 1100.0
    assert scale.in_break(150.0)
    assert not scale.in_break(100.0) and not scale.in_break(200.0)  # edges are ordinary time
    assert not scale.in_break(250.0)


def test_segments_leave_out_the_breaks() -> None:
    scale = TimeScale([(100.0, 200.0), (300.0, 1000.0)], break_width=10.0)
    assert scale.segments(50.0, 320.0) == [(50.0, 100.0), (200.0, 300.0), (1000.0, 1100.0)]
    assert scale.segments(105.0, 215.0) == [(200.0, 300.0)]  # starts and ends in breaks
    assert scale.segments(102.0, 108.0) == []  # all inside a break
    assert scale.breaks_between(50.0, 320.0) == [0, 1]
    assert scale.breaks_between(111.0, 209.0) == []


@pytest.mark.parametrize(
    "breaks",
    [[(5.0, 5.0)], [(5.0, 3.0)], [(0.0, 10.0), (5.0, 20.0)], [(float("nan"), 1.0)]],
)
def test_malformed_breaks_are_refused(breaks: list[tuple[float, float]]) -> None:
    with pytest.raises(ValueError):
        TimeScale(breaks)


def test_a_break_needs_a_width() -> None:
    with pytest.raises(ValueError):
        TimeScale([(0.0, 10.0)], break_width=0.0)


@st.composite
def scales(draw: st.DrawFn) -> TimeScale:
    n = draw(st.integers(min_value=0, max_value=10))
    edges = sorted(
        draw(
            st.sets(
                st.integers(min_value=-100_000, max_value=100_000), min_size=2 * n, max_size=2 * n
            )
        )
    )
    width = draw(st.floats(min_value=0.5, max_value=500.0))
    return TimeScale(list(zip(edges[::2], edges[1::2], strict=True)), width)


times = st.floats(min_value=-200_000, max_value=200_000, allow_nan=False)


@settings(max_examples=60)
@given(scales(), times, times)
def test_the_mapping_is_strictly_increasing_and_invertible(
    scale: TimeScale, a: float, b: float
) -> None:
    if a != b:
        lo, hi = min(a, b), max(a, b)
        assert scale.to_u(lo) < scale.to_u(hi) or math.isclose(
            scale.to_u(lo), scale.to_u(hi), abs_tol=1e-6
        )
    assert scale.to_t(scale.to_u(a)) == pytest.approx(a, abs=1e-4)
    assert scale.to_u(scale.to_t(a)) == pytest.approx(a, abs=1e-4)


@settings(max_examples=60)
@given(scales(), st.lists(times, max_size=50))
def test_mapping_many_agrees_with_mapping_one_by_one(scale: TimeScale, ts: list[float]) -> None:
    assert scale.to_u_many(ts) == [scale.to_u(t) for t in ts]
    ts.sort()
    assert scale.to_u_many(ts) == [scale.to_u(t) for t in ts]


@settings(max_examples=60)
@given(scales(), times, st.floats(min_value=0.001, max_value=100_000))
def test_segments_and_breaks_tile_the_view(scale: TimeScale, u0: float, span: float) -> None:
    u1 = u0 + span
    segs = scale.segments(u0, u1)
    covered = sum(scale.to_u(b) - scale.to_u(a) for a, b in segs)
    covered += sum(max(0.0, min(b1, u1) - max(b0, u0)) for b0, b1 in scale.break_spans_u())
    assert covered == pytest.approx(span, rel=1e-6, abs=1e-6)
    for a, b in segs:
        assert a < b
        assert not scale.in_break(a) and not scale.in_break(b)
        assert not scale.in_break((a + b) / 2)
    for (_, b), (a, _) in pairwise(segs):
        assert b < a


# -- compressing empty time ----------------------------------------------------------------


def test_the_dataset_cluster_gets_more_of_the_width_than_on_a_linear_axis() -> None:
    """The empty decades go; the 1980s (a decade's band) stay whole, so the 2024 cluster
    gets several times its linear share at fit-all (and zooming shows it in full)."""
    scale = TimeScale.compressing(STARTS, ENDS)
    view = whole_view(scale, DATASET_POINTS, 1200)
    cluster = view.x(scale.to_u(day(2024, 11, 2))) - view.x(scale.to_u(day(2024, 10, 1)))
    linear = whole_view(TimeScale(), DATASET_POINTS, 1200)
    straight = linear.x(day(2024, 11, 2)) - linear.x(day(2024, 10, 1))
    assert cluster >= 4 * straight and straight < 0.005 * 1200


def test_the_dataset_breaks_are_all_alike_and_leave_every_event_room() -> None:
    scale = TimeScale.compressing(STARTS, ENDS)
    spans = scale.break_spans_u()
    assert len(spans) >= 5  # 1954 .. 1980, 1990 .. 2016, 2017 .. 2022, .. 2024 at least
    widths = {round(u1 - u0, 9) for u0, u1 in spans}
    assert widths == {round(scale.break_width, 9)}
    view = whole_view(scale, DATASET_POINTS, 1200)
    assert scale.break_width / view.days_per_pixel >= 2  # a break is drawn, not a hairline
    for t0, t1 in zip(STARTS, ENDS, strict=True):
        for g0, g1 in scale.breaks:  # none inside an event; its padding beside each
            assert g1 <= t0 or g0 >= t1
            assert min(abs(t - g) for t in (t0, t1) for g in (g0, g1)) >= 13
    # the weeks between events in 2024 stay uncompressed
    assert not any(scale.in_break(t) for t in range(day(2024, 10, 1), day(2024, 11, 2)))


def test_the_breaks_are_the_big_gaps_between_events() -> None:
    scale = TimeScale.compressing(STARTS, ENDS)
    for empty in (day(1954, 7, 1), day(1960), day(2000), day(2019)):
        assert scale.in_break(empty)
    for covered in (day(1953, 7, 1), day(1985, 1, 1), day(2016, 7, 1)):  # years, a decade
        assert not scale.in_break(covered)
    # 18 May to 6 Aug 2024 (80 days) is compressed, April to 18 May (17 days) is not
    assert scale.in_break(day(2024, 6, 20))
    assert not scale.in_break(day(2024, 5, 10))


def test_evenly_spread_events_need_no_breaks() -> None:
    points = [float(day(2019, 1, 1) + 10 * i + k) for i in range(200) for k in (0, 1)]
    assert TimeScale.compressing(points).breaks == []


@pytest.mark.parametrize(
    "points",
    [[], [739191.0], [739191.0, 739192.0], [float(day(1980)), float(day(1990))] * 3],
)
def test_no_event_or_one_event_gives_the_identity(points: list[float]) -> None:
    scale = TimeScale.compressing(points)
    assert scale == TimeScale()
    assert scale.to_u(day(1985)) == day(1985)


def test_breaks_come_from_the_data_not_its_order() -> None:
    shuffled = DATASET_POINTS[:]
    random.Random(4).shuffle(shuffled)
    assert TimeScale.compressing(shuffled) == TimeScale.compressing(DATASET_POINTS)


def test_explicit_parameters_are_used() -> None:
    scale = TimeScale.compressing([0.0, 1.0, 100.0, 101.0], threshold=10, padding=2, break_width=5)
    assert scale.breaks == [(3.0, 98.0)]
    assert scale.break_width == 5.0


def test_pixels_and_u_convert_both_ways() -> None:
    view = Viewport(1000.0, 1100.0, 400.0)
    assert view.x(1000.0) == 0.0
    assert view.x(1100.0) == 400.0
    assert view.u_at(200.0) == 1050.0
    assert view.days_per_pixel == 0.25
    assert view.span == 100.0


@pytest.mark.parametrize(("u0", "u1", "width"), [(1.0, 1.0, 10.0), (2.0, 1.0, 10.0), (0, 1, 0)])
def test_an_empty_viewport_is_refused(u0: float, u1: float, width: float) -> None:
    with pytest.raises(ValueError):
        Viewport(u0, u1, width)


@given(
    st.floats(min_value=0, max_value=1200),
    st.floats(min_value=0.1, max_value=10),
    st.floats(min_value=730_000, max_value=740_000),
    st.floats(min_value=3, max_value=30_000),
)
def test_zooming_keeps_the_point_under_the_cursor(
    anchor: float, factor: float, u0: float, span: float
) -> None:
    view = Viewport(u0, u0 + span, 1200)
    under = view.u_at(anchor)
    zoomed = view.zoomed(anchor, factor, 2.5, 40_000)
    assert zoomed.u_at(anchor) == pytest.approx(under, abs=1e-6)
    assert 2.5 - 1e-9 <= zoomed.span <= 40_000 + 1e-9
    expected = min(max(span / factor, 2.5), 40_000)
    assert zoomed.span == pytest.approx(expected)


def test_zooming_in_stops_at_the_limit_with_the_anchor_fixed() -> None:
    view = Viewport(day(2024, 1, 1), day(2025, 1, 1), 1200)
    anchor = 300.0
    under = view.u_at(anchor)
    for _ in range(100):
        view = view.zoomed(anchor, 1.25, 2.5, 500)
    assert view.span == pytest.approx(2.5)
    assert view.u_at(anchor) == pytest.approx(under)
    assert 1 / view.days_per_pixel >= 0.3 * 1200  # one day fills a good part of the width
    for _ in range(100):
        view = view.zoomed(anchor, 0.8, 2.5, 500)
    assert view.span == pytest.approx(500)
    assert view.u_at(anchor) == pytest.approx(under)


def test_zooming_in_and_out_again_returns_to_the_same_view() -> None:
    view = Viewport(700_000.0, 700_365.0, 800)
    back = view.zoomed(123.0, 1.5, 1, 1e6).zoomed(123.0, 1 / 1.5, 1, 1e6)
    assert back.u0 == pytest.approx(view.u0)
    assert back.u1 == pytest.approx(view.u1)


def test_dragging_moves_the_content_with_the_pointer() -> None:
    view = Viewport(1000.0, 1100.0, 400.0)
    moved = view.panned(40.0)
    assert moved.x(view.u_at(100.0)) == pytest.approx(140.0)
    assert moved.u0 == pytest.approx(990.0)  # earlier time comes into view
    assert moved.span == pytest.approx(view.span)


def test_fitting_shows_the_range_with_margins() -> None:
    view = Viewport.fitted(1000.0, 2000.0, 1000.0)
    assert view.x(1000.0) == pytest.approx(0.05 / 1.1 * 1000)
    assert view.x(2000.0) == pytest.approx(1000 - 0.05 / 1.1 * 1000)
    single = Viewport.fitted(739191.0, 739191.0, 800)
    assert single.span == MIN_FIT_SPAN
    assert single.x(739191.0) == pytest.approx(400)


def test_clamping_keeps_the_data_in_view() -> None:
    lo, hi = 1000.0, 2000.0
    inside = Viewport(1200.0, 1300.0, 500)
    assert inside.clamped(lo, hi) is inside
    far_right = Viewport(5000.0, 5100.0, 500).clamped(lo, hi)
    assert far_right.u0 == pytest.approx(1950.0)  # overshoots by half its width at most
    assert far_right.span == pytest.approx(100.0)
    far_left = Viewport(-9000.0, -8000.0, 500).clamped(lo, hi)
    assert far_left.u0 == pytest.approx(500.0)
    wide = Viewport(0.0, 10_000.0, 500).clamped(lo, hi)
    assert wide.u0 <= lo and wide.u1 >= hi  # a view wider than the data keeps all of it


def test_zoom_limits_follow_the_data() -> None:
    scale = TimeScale.compressing(STARTS, ENDS)
    u0, u1 = scale.to_u(min(DATASET_POINTS)), scale.to_u(max(DATASET_POINTS))
    lo, hi = zoom_limits(scale, u0, u1, 1200)
    assert 2 <= lo <= 3  # a single day takes a third or more of the width
    assert hi == pytest.approx(1.2 * (u1 - u0))
    fitted = Viewport.fitted(u0, u1, 1200)
    assert lo <= fitted.span <= hi  # the whole-data view is reachable
    long_ago = zoom_limits(TimeScale(), day(1), day(9000), 1200)[1]
    assert long_ago == pytest.approx(1.2 * (day(9000) - day(1)))  # no fixed century limit
    lo1, hi1 = zoom_limits(TimeScale(), 739191.0, 739192.0, 800)
    assert lo1 < hi1 and hi1 >= 30  # a single event can still be seen in context


days = st.integers(-20_000, 20_000).map(float)


@settings(max_examples=300, deadline=None)
@given(st.lists(days, min_size=3, max_size=40), st.lists(days, max_size=4), st.data())
def test_a_scale_with_added_times_is_the_scale_made_with_them(
    points: list[float], added: list[float], data: st.DataObject
) -> None:
    """An edit's new times are added to the scale instead of sorting every time again:
    the result is what compressing them all makes, breaks and all; times it already has
    (an edit that changed no date) give the same scale back."""
    scale = TimeScale.compressing(points)
    near = [  # just beside times it has: inside a break's padding, or just outside it
        p + d for p in data.draw(st.lists(st.sampled_from(points), max_size=3))
        for d in data.draw(st.lists(st.integers(-12, 12), min_size=1, max_size=2))
    ]  # fmt: skip
    middles = [(g0 + g1) / 2 for g0, g1 in scale.breaks]  # in the middle of a gap
    for more in (added, near, middles[:2], [*near, *middles[-1:]]):
        updated = scale.adding((t, t) for t in more)
        if updated is not None:
            assert updated.breaks == TimeScale.compressing(points + more).breaks
            assert updated == TimeScale.compressing(points + more)
        elif len(set(points)) >= 3:  # unsure only when a time is outside the extent
            assert not all(min(points) <= q <= max(points) for q in more)
    if len(set(points)) >= 3:
        same = data.draw(st.lists(st.sampled_from(points), max_size=4))
        assert scale.adding((t, t) for t in same) is scale
    if middles:
        assert scale.adding([(middles[0], middles[0])]) != scale


def test_a_scale_not_made_by_compressing_cannot_say() -> None:
    assert TimeScale([(10.0, 20.0)], 1.0).adding([]) is None
    assert TimeScale.compressing([1.0, 1.0, 5.0]).adding([(1.0, 1.0)]) is None  # two times


intervals = st.lists(
    st.tuples(st.integers(-20_000, 20_000), st.integers(0, 3_000)).map(
        lambda sd: (float(sd[0]), float(sd[0] + sd[1]))
    ),
    max_size=30,
)


def uncovered(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The time between the intervals that none covers, by a plain sweep."""
    out, reach = [], None
    for t0, t1 in sorted(spans):
        if reach is not None and t0 > reach:
            out.append((reach, t0))
        reach = t1 if reach is None else max(reach, t1)
    return out


@settings(max_examples=300, deadline=None)
@given(intervals, intervals)
def test_no_break_falls_inside_an_event(
    spans: list[tuple[float, float]], more: list[tuple[float, float]]
) -> None:
    """Time inside any event's interval is never compressed; the breaks are the uncovered
    gaps longer than the threshold, each with its padding; and a scale with more
    intervals added is the scale made with them all."""
    starts, ends = [a for a, _ in spans], [b for _, b in spans]
    scale = TimeScale.compressing(starts, ends)
    for g0, g1 in scale.breaks:
        assert not any(t0 < g1 and t1 > g0 for t0, t1 in spans)
    if scale.breaks:
        pad = scale.breaks[0][0] - max(b for b in ends if b < scale.breaks[0][0])
        least = max(pad / PADDING_FRACTION, 2 * pad + scale.break_width)
        wide = [(a + pad, b - pad) for a, b in uncovered(spans) if b - a > least]
        assert [t for b in scale.breaks for t in b] == pytest.approx([t for b in wide for t in b])
    updated = scale.adding(more)
    if updated is not None:
        both = spans + more
        assert updated == TimeScale.compressing([a for a, _ in both], [b for _, b in both])


def test_a_long_span_turns_compression_off_where_it_lies() -> None:
    """ "1945 - present" with events in 1953 and 2024: nothing between is empty time."""
    starts = [float(day(1945)), float(day(1953)), float(day(2024))]
    ends = [float(day(2026)), float(day(1954)), float(day(2025))]
    assert TimeScale.compressing(starts, ends).breaks == []
    assert TimeScale.compressing(starts[1:], ends[1:]).breaks != []
