"""The two-tier date axis."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import dataset_points

from timeline_app.core.ticks import WIDE_SEGMENT, Axis, Tick, compute_axis
from timeline_app.core.timescale import TimeScale, Viewport, zoom_limits


def day(y: int, m: int = 1, d: int = 1) -> int:
    return dt.date(y, m, d).toordinal()


def measure(text: str) -> float:
    return 7.0 * len(text)


IDENTITY = TimeScale()
POINTS = dataset_points()
COMPRESSED = TimeScale.compressing(POINTS)
DATA_U0, DATA_U1 = COMPRESSED.to_u(min(POINTS)), COMPRESSED.to_u(max(POINTS))
# the widest label of each major unit with measure(): "September 2024", "2024", "1980s"
WIDEST_MAJOR = {"month": 98.0, "year": 28.0, "decade": 35.0, "century": 35.0, "millennium": 35.0}


def date_of(t: float) -> dt.date:
    return dt.date.fromordinal(int(t))


def labelled(ticks: list[Tick]) -> list[Tick]:
    return [t for t in ticks if t.label]


def check_axis(axis: Axis, scale: TimeScale, view: Viewport, min_gap: float = 8.0) -> None:
    """What a user would see go wrong: overlapping or cut labels, ticks in breaks or in
    the wrong place, ticks off the calendar."""
    for tier in (axis.major, axis.minor):
        xs = [t.x for t in tier]
        assert xs == sorted(xs)
        for tick in tier:
            assert not scale.in_break(tick.t), f"{tick} lies inside a break"
            assert -1e-6 <= tick.x <= view.width + 1e-6
            assert tick.x == pytest.approx(view.x(scale.to_u(tick.t)), abs=1e-6)
        shown = sorted(labelled(tier), key=lambda t: t.label_x)
        for tick in shown:
            w = measure(tick.label)
            assert -1e-9 <= tick.label_x <= view.width - w + 1e-9, f"{tick.label!r} is cut"
            # a label touches its tick (major labels start just right of it)
            assert tick.label_x - 3.0 - 1e-6 <= tick.x <= tick.label_x + w + 1e-6 or tick.pinned
        for a, b in pairwise(shown):
            assert a.label_x + measure(a.label) + min_gap <= b.label_x + 1e-6, (
                f"{a.label!r} and {b.label!r} overlap"
            )
    for tick in axis.minor:
        if tick.pinned:  # the unit a wide segment with no boundary in it shows
            assert tick.label and tick.x == pytest.approx(tick.label_x)
            continue
        d = date_of(tick.t)
        assert tick.t == d.toordinal()
        # on the step, or (a wide segment's only label) on the unit's own boundary
        if axis.minor_unit == "year":
            assert (d.month, d.day) == (1, 1)
            assert d.year % axis.minor_step == 0 or tick.label
            assert tick.label in ("", str(d.year))
        elif axis.minor_unit == "month":
            assert d.day == 1 and ((d.month - 1) % axis.minor_step == 0 or tick.label)
            assert tick.label in ("", d.strftime("%b"))
        else:
            assert tick.label in ("", str(d.day))
    for tick in axis.major:
        if tick.pinned:
            assert tick.label
            continue
        d = date_of(tick.t)
        assert tick.t == d.toordinal() and d.day == 1
        if axis.major_unit != "month":
            n = {"year": 1, "decade": 10, "century": 100, "millennium": 1000}[axis.major_unit]
            assert d.month == 1 and d.year % n == 0


def named_years(axis: Axis) -> list[tuple[float, int]]:
    """Where each label that names a year is, and the year: the minor tier's when it
    counts years, the major tier's when it counts years (decades name none)."""
    out = []
    if axis.minor_unit == "year":
        out += [(t.label_x, int(t.label)) for t in axis.minor if t.label]
    if axis.major_unit == "year":  # ("Aug 2024" continues a year named before a break)
        out += [(t.label_x, int(t.label)) for t in axis.major if t.label.isdigit()]
    return sorted(out)


def check_years(axis: Axis, scale: TimeScale, view: Viewport) -> None:
    """The axis rules of issue 15: no year named twice across both tiers, years in
    increasing order, and where the lower tier steps by one year or by months, every year
    whose 1 January is on screen and outside a break named; a segment 120 px wide or more
    has a label of each tier in it."""
    years = [y for _, y in named_years(axis)]
    assert len(years) == len(set(years)), f"a year named twice: {years}"
    assert years == sorted(years), f"years out of order: {years}"
    stepping = axis.minor_unit == "month" or (axis.minor_unit == "year" and axis.minor_step == 1)
    if stepping:
        first = date_of(min(max(scale.to_t(view.u0), 1), dt.date.max.toordinal()))
        last = date_of(min(max(scale.to_t(view.u1), 1), dt.date.max.toordinal()))
        for year in range(first.year, last.year + 1):
            jan1 = dt.date(year, 1, 1).toordinal()
            x = view.x(scale.to_u(jan1))
            if 0 <= x <= view.width and not scale.in_break(jan1):
                assert year in years, f"{year} is on screen and not named: {years}"
    for x0, x1 in visible_segments_px(scale, view):
        x0, x1 = max(x0, 0.0), min(x1, view.width)
        if x1 - x0 >= 120:
            for name, tier in (("minor", axis.minor), ("major", axis.major)):
                inside = [t for t in tier if t.label and x0 - 1e-6 <= t.x <= x1 + 1e-6]
                assert inside, f"no {name} label in the segment at {x0:.0f}..{x1:.0f} px"


def span_view(first: dt.date, days: float, width: float) -> Viewport:
    u0 = float(first.toordinal())
    return Viewport(u0, u0 + days, width)


# -- the tiers adapt to the zoom ------------------------------------------------------------


@pytest.mark.parametrize("width", [800, 1280])
def test_a_seventy_year_view_shows_decades_over_years(width: int) -> None:
    view = span_view(dt.date(1953, 3, 1), 70 * 365.25, width)
    axis = compute_axis(IDENTITY, view, measure)
    check_axis(axis, IDENTITY, view)
    assert (axis.major_unit, axis.minor_unit) == ("decade", "year")
    majors = [t.label for t in labelled(axis.major)]
    assert {"1960s", "1980s", "2010s"} <= set(majors)
    minors = [t.label for t in labelled(axis.minor)]
    assert "1980" in minors and all(re.fullmatch(r"\d{4}", s) for s in minors)
    assert len(minors) >= 7  # at least one label per decade


@pytest.mark.parametrize("width", [800, 1280])
def test_a_one_year_view_shows_years_over_months(width: int) -> None:
    view = span_view(dt.date(2023, 12, 10), 365, width)
    axis = compute_axis(IDENTITY, view, measure)
    check_axis(axis, IDENTITY, view)
    assert (axis.major_unit, axis.minor_unit, axis.minor_step) == ("year", "month", 1)
    assert [t.label for t in labelled(axis.major)] == ["2023", "2024"]
    assert axis.major[0].pinned  # December 2023 is labelled from the left edge
    assert [t.label for t in labelled(axis.minor)][:3] == ["Jan", "Feb", "Mar"]


@pytest.mark.parametrize("width", [800, 1280])
def test_a_three_week_view_shows_months_over_days(width: int) -> None:
    view = span_view(dt.date(2024, 10, 20), 21, width)
    axis = compute_axis(IDENTITY, view, measure)
    check_axis(axis, IDENTITY, view)
    assert (axis.major_unit, axis.minor_unit) == ("month", "day")
    assert axis.minor_step <= 2
    assert [t.label for t in labelled(axis.major)] == ["October 2024", "November 2024"]
    minors = [t.label for t in labelled(axis.minor)]
    assert "27" in minors or "28" in minors


def test_the_month_of_a_day_view_stays_in_sight() -> None:
    view = span_view(dt.date(2024, 11, 10), 21, 1280)
    axis = compute_axis(IDENTITY, view, measure)
    first = labelled(axis.major)[0]
    assert first.label == "November 2024" and first.pinned and first.label_x < 10


def test_zoomed_in_fully_a_single_day_is_labelled() -> None:
    view = span_view(dt.date(2024, 11, 1), 2.5, 800)
    axis = compute_axis(IDENTITY, view, measure)
    check_axis(axis, IDENTITY, view)
    assert [t.label for t in labelled(axis.minor)] == ["1", "2", "3"]
    assert [t.label for t in labelled(axis.major)] == ["November 2024"]


def test_finer_steps_come_with_more_pixels() -> None:
    steps = []
    for width in (300, 800, 1280, 2560):
        axis = compute_axis(IDENTITY, span_view(dt.date(1950, 1, 1), 100 * 365.25, width), measure)
        steps.append(axis.minor_step)
    assert steps == sorted(steps, reverse=True) and steps[0] > steps[-1]


# -- edges, breaks and cost ----------------------------------------------------------------


def test_labels_at_the_edges_are_moved_in_not_cut() -> None:
    # 1 Jan 2000 a pixel inside the left edge, 1 Jan 2010 a pixel inside the right one
    width = 800.0
    dpp = (day(2010) - day(2000)) / (width - 2)
    view = Viewport(day(2000) - dpp, day(2010) + dpp, width)
    axis = compute_axis(IDENTITY, view, measure)
    check_axis(axis, IDENTITY, view)
    minors = labelled(axis.minor)
    assert minors[0].label == "2000" and minors[0].label_x == 0.0
    assert minors[-1].label == "2010" and minors[-1].label_x == width - measure("2010")


def test_no_tick_falls_in_a_break_of_the_dataset() -> None:
    for width in (800, 1200, 1280):
        view = Viewport.fitted(DATA_U0, DATA_U1, width)
        axis = compute_axis(COMPRESSED, view, measure)
        check_axis(axis, COMPRESSED, view)


def visible_segments_px(scale: TimeScale, view: Viewport) -> list[tuple[float, float]]:
    """The visible stretches of time between breaks, in pixels (the calendar's ends, year 1
    and 9999, bound them too)."""
    first, last = 1, dt.date.max.toordinal()
    return [
        (view.x(scale.to_u(max(a, first))), view.x(scale.to_u(min(b, last))))
        for a, b in scale.segments(view.u0, view.u1)
        if max(a, first) < min(b, last)
    ]


def assert_each_wide_segment_is_labelled(scale: TimeScale, view: Viewport, axis: Axis) -> None:
    """A segment 120 px wide or more has a major label within it (a narrower one may go
    without, when its year is named already: a year is named once)."""
    need = max(WIDE_SEGMENT, WIDEST_MAJOR[axis.major_unit] + 3.0)
    segs = visible_segments_px(scale, view)
    majors = labelled(axis.major)
    for i, (x0, x1) in enumerate(segs):
        gaps = [x0 - segs[i - 1][1]] if i else []
        gaps += [segs[i + 1][0] - x1] if i + 1 < len(segs) else []
        if x1 - x0 < need or any(g < 8.0 for g in gaps):
            continue
        inside = [t for t in majors if x0 - 1e-6 <= t.label_x <= x1 - measure(t.label) + 1e-6]
        assert inside, f"no label for the segment at {x0:.0f}..{x1:.0f} px"
        assert any(x0 - 1e-6 <= t.x <= x1 + 1e-6 for t in axis.minor + axis.major)


@pytest.mark.parametrize("width", [800, 1200, 1280])
def test_both_sides_of_every_break_are_labelled(width: int) -> None:
    views = [Viewport.fitted(DATA_U0, DATA_U1, width)]
    for b0, b1 in COMPRESSED.break_spans_u():
        for span in (40.0, 120.0, 400.0):
            mid = (b0 + b1) / 2
            views.append(Viewport(mid - span / 2, mid + span / 2, width))
    seen_breaks = 0
    for view in views:
        axis = compute_axis(COMPRESSED, view, measure)
        check_axis(axis, COMPRESSED, view)
        check_years(axis, COMPRESSED, view)
        assert_each_wide_segment_is_labelled(COMPRESSED, view, axis)
        seen_breaks += len(COMPRESSED.breaks_between(view.u0, view.u1))
    assert seen_breaks >= 2 * len(COMPRESSED.breaks)


def test_the_whole_dataset_view_names_each_island() -> None:
    view = Viewport.fitted(DATA_U0, DATA_U1, 1200)
    axis = compute_axis(COMPRESSED, view, measure)
    majors = [t.label for t in labelled(axis.major)]
    for year in ("1953", "1980", "1990", "2016", "2022", "2024"):
        assert year in majors
    assert len(labelled(axis.minor)) >= 8


def test_the_far_past_and_future_do_not_break_the_axis() -> None:
    for u0, u1 in [(-50_000.0, 400_000.0), (3_600_000.0, 3_700_000.0), (-1e6, 4e6)]:
        view = Viewport(u0, u1, 800)
        axis = compute_axis(IDENTITY, view, measure)
        check_axis(axis, IDENTITY, view)


# -- any view -------------------------------------------------------------------------------

MIN_SPAN, MAX_SPAN = zoom_limits(COMPRESSED, DATA_U0, DATA_U1, 1200)


@settings(max_examples=100, deadline=None)
@given(
    st.floats(min_value=-0.6, max_value=1.6),
    st.floats(min_value=math.log(MIN_SPAN), max_value=math.log(MAX_SPAN)),
    st.sampled_from([320.0, 800.0, 1280.0, 1920.0]) | st.floats(min_value=150, max_value=3000),
    st.booleans(),
)
def test_any_view_of_the_dataset_gives_a_clean_axis(
    where: float, log_span: float, width: float, compressed: bool
) -> None:
    scale = COMPRESSED if compressed else IDENTITY
    lo, hi = scale.to_u(min(POINTS)), scale.to_u(max(POINTS))
    span = math.exp(log_span) * (1 if compressed else (hi - lo) / (DATA_U1 - DATA_U0))
    mid = lo + where * (hi - lo)
    view = Viewport(mid - span / 2, mid + span / 2, width)
    axis = compute_axis(scale, view, measure)
    check_axis(axis, scale, view)
    check_years(axis, scale, view)
    assert_each_wide_segment_is_labelled(scale, view, axis)
    if sum(x1 - x0 for x0, x1 in visible_segments_px(scale, view)) >= 150:
        assert labelled(axis.minor) or labelled(axis.major)  # a view inside a break has none


@settings(max_examples=50, deadline=None)
@given(
    st.floats(min_value=1, max_value=3_650_000),
    st.floats(min_value=0.5, max_value=4_000_000),
    st.floats(min_value=100, max_value=3000),
    st.floats(min_value=0, max_value=20),
)
def test_any_view_of_the_calendar_gives_a_clean_axis(
    u0: float, span: float, width: float, min_gap: float
) -> None:
    view = Viewport(u0, u0 + span, width)
    axis = compute_axis(IDENTITY, view, measure, min_gap=min_gap)
    check_axis(axis, IDENTITY, view, min_gap)
    check_years(axis, IDENTITY, view)


def test_a_two_day_step_falls_on_odd_days_and_keeps_the_31st_when_it_has_room() -> None:
    """ "25 27 29 31 · 1 3": no day looks missing; the 31st gives way to the 1st only when
    their labels would touch."""
    seen_31 = seen_without = 0
    for width, spacing in itertools.product(range(300, 1400, 7), (40.0, 20.0)):
        view = span_view(dt.date(2024, 10, 17), 24, width)
        axis = compute_axis(IDENTITY, view, measure, min_spacing=spacing)
        if (axis.minor_unit, axis.minor_step) != ("day", 2):
            continue
        days = {date_of(t.t): t for t in axis.minor}
        assert all(d.day % 2 == 1 for d in days)
        first, last = days[dt.date(2024, 11, 1)], days.get(dt.date(2024, 10, 31))
        assert first.label == "1"
        assert last is not None
        room = first.label_x - (last.x - measure("31") / 2) >= measure("31") + 8.0
        assert (last.label == "31") == room
        seen_31 += room
        seen_without += not room
    assert seen_31 and seen_without  # both cases were met
