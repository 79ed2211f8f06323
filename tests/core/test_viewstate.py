"""The view state: one place for the zoom limits, zoom anchored at the cursor, fit, copies."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import DATASET

from timeline_app.core.fileformat import load_timeline
from timeline_app.core.store import TimelineStore
from timeline_app.core.timescale import MIN_SPAN
from timeline_app.core.viewstate import LANE_GUTTER, ViewState


@pytest.fixture(scope="module")
def store() -> TimelineStore:
    return TimelineStore(load_timeline(DATASET))


def state_for(store: TimelineStore, width: float = 1000.0) -> ViewState:
    state = ViewState(width)
    state.set_data(store, keep_range=False)
    return state


def test_fit_all_shows_every_event(store: TimelineStore) -> None:
    state = state_for(store)
    t0, t1 = store.index.extent()  # type: ignore[misc]
    ta, tb = state.time_range()
    assert ta < t0 and tb > t1


@settings(max_examples=100, deadline=None)
@given(st.floats(0.05, 20), st.floats(0, 1000))
def test_zoom_keeps_the_date_under_the_cursor_and_stays_within_the_limits(
    factor: float, x: float
) -> None:
    store = TimelineStore(load_timeline(DATASET))
    state = state_for(store)
    state.zoom_by(3.0, 500)  # somewhere in the middle of the data first
    before = state.t_at(x)
    state.zoom_by(factor, x)
    assert state.viewport.span >= MIN_SPAN - 1e-9
    data = state.extent_t  # the events and the eras
    assert data is not None
    extent_u = state.scale.to_u(data[1]) - state.scale.to_u(data[0])
    assert state.viewport.span <= max(1.2 * extent_u, 3650.0) + 1e-6
    centre = (state.viewport.u0 + state.viewport.u1) / 2
    lo, hi = (state.scale.to_u(t) for t in store.index.extent())  # type: ignore[union-attr]
    if lo <= centre <= hi and state.t_at(x) != pytest.approx(before, abs=1):
        # only keeping the view on the data may move the date under the cursor
        assert centre in (pytest.approx(lo), pytest.approx(hi))


def test_zooming_in_stops_at_the_limit_with_the_anchor_in_place(store: TimelineStore) -> None:
    state = state_for(store)
    x = 700.0
    for _ in range(60):
        state.zoom_by(2.0, x)
    assert state.viewport.span == pytest.approx(MIN_SPAN)


def test_a_copy_at_another_width_shows_the_same_time(store: TimelineStore) -> None:
    state = state_for(store)
    state.zoom_by(4.0, 300)
    copy = state.sized(1600)
    assert copy.time_range() == pytest.approx(state.time_range())
    assert copy.plot_width == 1600 and state.plot_width == 1000


def test_lanes_leave_room_for_names_and_keep_the_time_range(store: TimelineStore) -> None:
    state = state_for(store)
    before = state.time_range()
    state.set_lanes(True)
    assert state.gutter == LANE_GUTTER and state.plot_width < 1000 - LANE_GUTTER
    assert state.time_range() == pytest.approx(before)


def test_an_empty_timeline_shows_a_year(tmp_path: object) -> None:
    from timeline_app.core.model import Timeline

    state = ViewState(800)
    state.set_data(TimelineStore(Timeline()), keep_range=False)
    assert state.viewport.span == 365.0 and state.extent_t is None


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.floats(712_000, 740_000) | st.floats(-40_000, 800_000), max_size=40),
    st.booleans(),
    st.floats(0.5, 30.0),
)
def test_many_times_map_to_the_pixels_each_maps_to(
    ts: list[float], lanes: bool, zoom: float
) -> None:
    """The labels are laid out from xs_of_t: every number must be x_of_t's, sorted times
    (mapped in one pass) and unsorted ones alike, on a compressed scale."""
    state = ViewState(width=900, lanes=lanes)
    state.set_data(TimelineStore(load_timeline(DATASET)))
    state.zoom_by(zoom, anchor_x=450.0)
    assert state.scale.breaks  # the dataset's empty decades are compressed
    for times in (ts, sorted(ts)):
        assert state.xs_of_t(times) == [state.x_of_t(t) for t in times]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["1953-07-27", "1967-06-01", "2024-11-01", "2040"]), st.booleans())
def test_after_an_edit_the_compression_is_the_one_a_fresh_view_makes(
    date: str, retitle: bool
) -> None:
    """The scale of every event is kept across an edit only when it is still right: an event
    added in compressed empty time opens it (a stale scale would hide the event in a
    break), and an edit that changes no date keeps the scale (no sort of every date)."""
    from timeline_app.core.change import Change
    from timeline_app.core.dates import parse_iso
    from timeline_app.core.model import Event, replace

    store = TimelineStore(load_timeline(DATASET))
    state = state_for(store)
    state.zoom_by(3.7, 123.4)  # a view whose time range does not round-trip to the bit
    before, view = state.scale, state.viewport
    if retitle:
        old = store.timeline.events[0]
        change = Change("Edit", removed=(old,), added=(replace(old, title="Renamed"),))
    else:
        change = Change("Add", added=(Event("new", "New", parse_iso(date)),))
    store.apply(change)
    state.set_data(store, keep_range=True)
    assert state.scale == state_for(store).scale
    if retitle:  # ... and the same view, to the last bit (the axis is kept then)
        assert state.scale is before and state.viewport == view


@settings(max_examples=100, deadline=None)
@given(
    st.floats(min_value=-3000, max_value=3000),
    st.floats(min_value=1, max_value=2000),
    st.floats(min_value=2, max_value=4000),
)
def test_an_event_brought_into_view_is_shown_whole(start: float, days: float, span: float) -> None:
    """A new or edited event off the view, or cut at its edge, is shown whole, 24 px
    from the edges; the zoom stays unless the event is longer than the view."""
    from timeline_app.core.timescale import Viewport
    from timeline_app.core.viewstate import VISIBLE_MARGIN

    state = ViewState(1000.0, compress=False)
    mid = 738000.0
    state.extent_t = (mid - 10_000, mid + 10_000)
    state.viewport, state.has_view = Viewport(mid - span / 2, mid + span / 2, 1000.0), True
    state._show(state.viewport)  # (within the zoom limits)
    before = state.viewport.span
    t0 = mid + start
    state.ensure_visible(t0, t0 + days)
    x0, x1 = state.x_of_t(t0) - state.gutter, state.x_of_t(t0 + days) - state.gutter
    assert x0 >= VISIBLE_MARGIN - 1e-6 and x1 <= state.plot_width - VISIBLE_MARGIN + 1e-6
    if days + 2 * VISIBLE_MARGIN * before / state.plot_width <= before:
        assert state.viewport.span == pytest.approx(before)
