"""Eras on the timeline, without Qt: their rows (overlapping and nested), where an ongoing
one ends, the strip above the axis, and what Fit All and compression make of them."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import DATASET
from test_scene import Monospace

from timeline_app.core.dates import parse_iso
from timeline_app.core.eras import (
    MAX_ERA_ROWS,
    era_end,
    era_interval,
    eras_extent,
    last_date,
    place_eras,
)
from timeline_app.core.fileformat import load_timeline
from timeline_app.core.filters import FilterState
from timeline_app.core.model import Era
from timeline_app.core.scene import AXIS_H, Scene
from timeline_app.core.scene_build import build_scene
from timeline_app.core.store import TimelineStore
from timeline_app.core.viewstate import ViewState


def era(ident: str, start: str, end: str | None = None) -> Era:
    return Era(ident, ident.replace("-", " ").title(), parse_iso(start),
               parse_iso(end) if end else None)  # fmt: skip


def rows(*eras: Era, last_t1: int | None = None) -> dict[str, int]:
    return {p.era.id: p.row for p in place_eras(eras, last_t1)}


def test_a_nested_era_is_a_row_below_the_one_it_is_in() -> None:
    placed = rows(era("korean-war", "1950-06-25", "1953-07-27"), era("cold-war", "1947", "1991-12"))
    assert placed == {"cold-war": 0, "korean-war": 1}  # the longer above, whatever the order


def test_eras_apart_share_a_row_and_overlapping_ones_do_not() -> None:
    placed = rows(era("a", "1950", "1955"), era("b", "1960", "1965"), era("c", "1954", "1961"))
    assert placed["a"] == placed["b"] == 0
    assert placed["c"] == 1  # overlaps both, nested in neither


def test_an_era_ending_the_day_another_begins_shares_its_row() -> None:
    assert rows(era("a", "1950-01-01", "1950-12-31"), era("b", "1951-01-01", "1951-06")) == {
        "a": 0, "b": 0,
    }  # fmt: skip


def test_past_three_levels_the_deepest_eras_share_the_last_row() -> None:
    placed = rows(*(era(f"e{i}", f"{1950 + i}", f"{1990 - i}") for i in range(5)))
    assert [placed[f"e{i}"] for i in range(5)] == [0, 1, 2, 2, 2]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1900, 2000), st.integers(0, 40)), max_size=8))
def test_eras_in_different_rows_or_apart_never_overlap_below_the_last_row(
    spans: list[tuple[int, int]],
) -> None:
    eras = [era(f"e{i}", f"{y}", f"{y + n}") for i, (y, n) in enumerate(spans)]
    placed = place_eras(eras, None)
    assert [p.era for p in placed] == eras  # in the file's order
    for a in placed:
        for b in placed:
            if a is not b and a.row == b.row and a.row < MAX_ERA_ROWS - 1:
                assert a.t1 <= b.t0 or b.t1 <= a.t0


def test_an_ongoing_era_runs_to_the_datas_last_date_never_before_its_start() -> None:
    timeline = load_timeline(DATASET)
    last = last_date(timeline.events)
    assert last == max((e.end or e.start for e in timeline.events), key=lambda d: d.end)
    assert last.words() == "18 November 2024"  # the Pentagon's figure, the latest event
    ongoing = era("full-scale-war", "2022-02-24")
    assert era_end(ongoing, last) == last
    assert era_interval(ongoing, last.end) == (parse_iso("2022-02-24").start, last.end)
    later = era("later", "2030")
    assert era_end(later, last) == later.start  # the data ends before it begins
    assert era_interval(later, last.end) == (later.start.start, later.start.end)
    assert era_end(ongoing, None) == ongoing.start  # no events at all


@pytest.fixture
def store() -> TimelineStore:
    return TimelineStore(load_timeline(DATASET))


def scene_of(store: TimelineStore, width: float = 1200, **kw: object) -> tuple[ViewState, Scene]:
    state = ViewState(width)
    state.set_data(store, keep_range=False)
    return state, build_scene(store, state, 500.0, Monospace(), **kw)  # type: ignore[arg-type]


def test_the_strip_is_above_the_axis_one_row_per_nesting_level(store: TimelineStore) -> None:
    _, scene = scene_of(store)
    assert [b.era_id for b in scene.eras] == ["cold-war", "full-scale-war", "korean-war"]
    cold, war, korea = scene.eras
    assert cold.rect.y == war.rect.y < korea.rect.y  # two levels: Korea inside the Cold War
    assert cold.rect.x <= korea.rect.x and korea.rect.right <= cold.rect.right
    assert max(b.rect.bottom for b in scene.eras) <= scene.era_h == scene.plot_top - AXIS_H
    assert all(label.baseline > scene.era_h for label in scene.axis_labels)  # axis below
    assert cold.label is not None and cold.label.text == "Cold War"


def test_eras_hide_no_event(store: TimelineStore) -> None:
    _, scene = scene_of(store)
    without = TimelineStore(replace(store.timeline, eras=[]))
    _, plain = scene_of(without)
    assert plain.era_h == 0 and not plain.eras
    assert sorted(scene.event_ids()) == sorted(plain.event_ids())  # every event still drawn
    for mark in scene.marks:
        assert mark.top >= scene.plot_top  # under the axis, so under the strip
        assert all(not band.rect.contains(*mark.label_rect.center()) for band in scene.eras)


def test_fit_all_shows_the_eras_and_compresses_the_empty_time_before_the_events(
    store: TimelineStore,
) -> None:
    state, _ = scene_of(store)
    ta, tb = state.time_range()
    assert ta < parse_iso("1947").start  # the Cold War begins before the first event (1953)
    assert tb > parse_iso("2024-11-01").end
    six_years = state.x_of_t(parse_iso("1953").start) - state.x_of_t(parse_iso("1947").start)
    linear = ViewState(1200, compress=False)
    linear.set_data(store, keep_range=False)
    shown = linear.x_of_t(parse_iso("1953").start) - linear.x_of_t(parse_iso("1947").start)
    assert six_years < shown / 3  # no event there: compressed like any empty time


def test_an_era_beyond_the_events_widens_what_fits(store: TimelineStore) -> None:
    long_ago = era("long-ago", "1900", "1910")
    wider = TimelineStore(replace(store.timeline, eras=[*store.timeline.eras, long_ago]))
    state, scene = scene_of(wider)
    assert state.time_range()[0] < parse_iso("1900").start
    assert "long-ago" in [b.era_id for b in scene.eras]
    # without events, the ongoing war lasts its first day: still the latest end
    assert eras_extent(wider.timeline.eras, None) == (parse_iso("1900").start,
                                                      parse_iso("2022-02-24").end)  # fmt: skip


def test_the_era_under_the_pointer_is_found_and_tints_the_plot(store: TimelineStore) -> None:
    _, scene = scene_of(store)
    korea = next(b for b in scene.eras if b.era_id == "korean-war")
    band = scene.era_at(*korea.rect.center())
    assert band is not None and band.era_id == "korean-war"
    assert scene.era_at(korea.rect.x + 1, scene.plot_top + 30) is None  # among the events
    assert scene.tint is None
    _, hovered = scene_of(store, era_hovered="korean-war", era_selected="cold-war")
    assert hovered.tint is not None and hovered.tint.era_id == "korean-war"
    focus = {b.era_id: b.focus for b in hovered.eras}
    assert focus == {"cold-war": "selected", "korean-war": "hovered", "full-scale-war": ""}
    _, selected = scene_of(store, era_selected="cold-war")
    assert selected.tint is not None and selected.tint.era_id == "cold-war"


def test_a_band_too_narrow_for_its_name_is_named_beside_it(store: TimelineStore) -> None:
    m = Monospace()
    for width in (400, 800, 1200):
        _, scene = scene_of(store, width=width)
        bands = {b.era_id: b for b in scene.eras}
        korea = bands["korean-war"]
        assert korea.label is not None
        text = m.width(korea.label.text, korea.label.style)
        inside = korea.label.x >= korea.rect.x and korea.label.x + text <= korea.rect.right
        beside = korea.label.x >= korea.rect.right or korea.label.x + text <= korea.rect.x
        assert inside or beside  # never across its band's edge
        for band in scene.eras:  # no name over another band of its row
            if band.label is None:
                continue
            span = (band.label.x, band.label.x + m.width(band.label.text, band.label.style))
            for other in scene.eras:
                if other is not band and other.rect.y == band.rect.y:
                    assert span[1] <= other.rect.x or span[0] >= other.rect.right


def test_a_filtered_view_fits_the_events_it_shows_not_the_eras(store: TimelineStore) -> None:
    store.set_filter(FilterState(checked=frozenset({"united-kingdom"})))
    state, _ = scene_of(store)
    ta, _tb = state.time_range()
    assert ta > parse_iso("2024").start  # the two UK events of October 2024, not 1947


def test_the_era_zoomed_to_is_shown_at_its_length(store: TimelineStore) -> None:
    korea = next(e for e in store.timeline.eras if e.id == "korean-war")
    t0, t1 = era_interval(korea, None)
    state, _ = scene_of(store)
    u = state.scale.to_u
    assert state.scale.breaks_between(u(t0), u(t1))  # no event in 1950-1952: compressed
    state.era_shown = (t0, t1)
    state.set_data(store)
    state.fit_range(t0, t1)
    u = state.scale.to_u
    assert not state.scale.breaks_between(u(t0), u(t1))
    assert u(t1) - u(t0) == pytest.approx(t1 - t0)  # day for day


def test_thousands_of_eras_are_placed_in_rows_without_comparing_each_with_all() -> None:
    """A file of 20,000 eras one after another (a hostile or generated file) placed in
    0.05 s, where comparing each with every era placed took 10 s; the rows are right."""
    from timeline_app.core.dates import Precision, TimelineDate

    def day(n: int) -> TimelineDate:
        return TimelineDate.from_ordinal(n, Precision.DAY)

    eras = [Era(f"e{i}", "E", day(700000 + 3 * i), day(700001 + 3 * i)) for i in range(20000)]
    eras.append(Era("all", "All", day(700000), day(760001)))
    placed = place_eras(eras, None)
    assert placed[-1].row == 0  # the longest, above
    assert {p.row for p in placed[:-1]} == {1}  # one after another: one row under it
