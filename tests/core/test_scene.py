"""The timeline scene, built without Qt from a text-width callback, answers its own hits."""

from __future__ import annotations

from itertools import combinations

import pytest
from paths import DATASET

from timeline_app.core.fileformat import load_timeline
from timeline_app.core.filters import FilterState
from timeline_app.core.model import replace
from timeline_app.core.scene import Scene, TextStyle
from timeline_app.core.scene_build import build_scene
from timeline_app.core.store import TimelineStore
from timeline_app.core.viewstate import ViewState


class Monospace:
    """Every character 7 px wide (9 in bold); elision keeps what fits and adds "…"."""

    def width(self, text: str, style: TextStyle) -> float:
        return len(text) * (9.0 if style is TextStyle.BOLD else 7.0)

    def elide(self, text: str, style: TextStyle, width: float) -> str:
        if self.width(text, style) <= width:
            return text
        per = 9.0 if style is TextStyle.BOLD else 7.0
        return text[: max(0, int(width // per) - 1)] + "…"

    def ascent(self, style: TextStyle) -> float:
        return 10.0

    def height(self, style: TextStyle) -> float:
        return 14.0


@pytest.fixture
def store() -> TimelineStore:
    return TimelineStore(load_timeline(DATASET))


def scene_of(store: TimelineStore, width: float = 1200, lanes: bool = False, **kw: object) -> Scene:
    state = ViewState(width, lanes=lanes)
    state.set_data(store, keep_range=False)
    return build_scene(store, state, 500.0, Monospace(), **kw)  # type: ignore[arg-type]


def test_every_event_is_drawn_once_at_fit_all(store: TimelineStore) -> None:
    scene = scene_of(store)
    assert scene.mode == "events"
    ids = scene.event_ids()
    assert sorted(ids) == sorted(e.id for e in store.timeline.events)


def test_no_two_labels_overlap(store: TimelineStore) -> None:
    for width in (700, 1200, 2000):
        for lanes in (False, True):
            marks = scene_of(store, width, lanes).marks
            for a, b in combinations(marks, 2):
                ra, rb = a.label_rect, b.label_rect
                overlap = (
                    ra.x < rb.right and rb.x < ra.right and ra.y < rb.bottom and rb.y < ra.bottom
                )
                assert not overlap, (a.event_id, b.event_id)


def test_the_scene_answers_hits_without_a_paint(store: TimelineStore) -> None:
    scene = scene_of(store)
    for mark in scene.marks:
        x, y = mark.hit.center()
        hit = scene.hit(x, y)
        assert hit is not None and hit.event_id == mark.event_id
    assert scene.hit(1, 1) is None  # the axis


def test_the_selected_label_is_bold_and_never_wider_than_its_room(store: TimelineStore) -> None:
    current = "choe-lavrov-meeting"
    plain = {m.event_id: m for m in scene_of(store).marks}
    bold = {m.event_id: m for m in scene_of(store, current=current).marks}
    assert bold[current].label.style is TextStyle.BOLD and bold[current].selected
    assert bold[current].label_rect.w <= max(plain[current].label_rect.w, 0) + 1e-6 or (
        bold[current].label.text.endswith("…")
    )


def test_a_filter_that_matches_nothing_says_so(store: TimelineStore) -> None:
    store.set_filter(FilterState(text="no such words anywhere"))
    scene = scene_of(store)
    assert scene.mode == "empty" and "No events match" in scene.message


def test_an_empty_timeline_invites_the_first_event(store: TimelineStore) -> None:
    empty = TimelineStore(replace(store.timeline, events=[]))
    assert scene_of(empty).message.startswith("No events yet")


def test_lanes_name_their_actors_and_hold_their_events(store: TimelineStore) -> None:
    scene = scene_of(store, lanes=True)
    names = [lane.name for lane in scene.lanes]
    assert names[0] == "North Korea" and scene.gutter > 0
    for mark in scene.marks:
        lane = next(ln for ln in scene.lanes if ln.top <= mark.top < ln.top + ln.height)
        event = store.event(mark.event_id)
        assert event is not None and (lane.actor_id in event.actors or not event.actors)


def test_density_bars_take_their_lanes_colour_and_the_no_actor_lane_is_muted(
    store: TimelineStore,
) -> None:
    from timeline_app.core.dates import parse_iso
    from timeline_app.core.model import Event
    from timeline_app.core.scene import DENSITY_THRESHOLD, NO_ACTOR

    many = [
        Event(f"e{i}", f"Event {i}", parse_iso(f"{1900 + i % 100}"),
              actors=("russia",) if i % 2 else ())
        for i in range(DENSITY_THRESHOLD + 500)
    ]  # fmt: skip
    dense = TimelineStore(replace(store.timeline, events=many))
    scene = scene_of(dense, lanes=True)
    assert scene.mode == "density"
    lane_of = {lane.actor_id: lane for lane in scene.lanes}
    assert set(lane_of) >= {"russia", NO_ACTOR}
    for bar in scene.bars:  # a lane's bars: its actor's colour, or muted for "No actor"
        lane = next(ln for ln in scene.lanes if ln.top <= bar.rect.y < ln.top + ln.height)
        assert bar.actor == lane.actor_id
    assert {bar.actor for bar in scene.bars} == {"russia", NO_ACTOR}
    assert {bar.actor for bar in scene_of(dense).bars} == {None}  # one area: the highlight


def test_a_kept_axis_is_the_axis_a_fresh_build_draws(store: TimelineStore) -> None:
    """The axis is kept between builds of the same view (an edit elsewhere), and made
    again when the view or the compression changes: never a stale one."""
    from timeline_app.core.change import Change
    from timeline_app.core.dates import parse_iso
    from timeline_app.core.model import Event
    from timeline_app.core.scene import SceneCache

    measure, cache = Monospace(), SceneCache()
    state = ViewState(1200)
    state.set_data(store, keep_range=False)

    def axis(scene: Scene) -> list[tuple[float, str]]:
        return [(t.x, t.text) for t in scene.axis_labels]

    def both() -> tuple[list[tuple[float, str]], list[tuple[float, str]]]:
        kept = build_scene(store, state, 500.0, measure, cache=cache)  # type: ignore[arg-type]
        fresh = build_scene(store, state, 500.0, measure)  # type: ignore[arg-type]
        return axis(kept), axis(fresh)

    first, fresh = both()
    assert first == fresh and first
    scale = state.scale
    store.apply(Change("Add", added=(Event("x", "Added", parse_iso("1967-06-01")),)))
    state.set_data(store, keep_range=True)  # a new event in empty time: compression changes
    assert state.scale != scale
    kept, fresh = both()
    assert kept == fresh and kept != first
    state.zoom_by(4.0, 600.0)
    kept, fresh = both()
    assert kept == fresh
