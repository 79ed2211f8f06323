"""The timeline scene, built without Qt from a text-width callback, answers its own hits."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import DATASET

from timeline_app.core.dates import parse_iso
from timeline_app.core.fileformat import load_timeline
from timeline_app.core.filters import FilterState
from timeline_app.core.model import Actor, Event, Timeline, replace
from timeline_app.core.scene import BADGE_W, MARKER_R, ROW_H, Mark, Scene, TextStyle, label_text
from timeline_app.core.scene_build import build_scene
from timeline_app.core.scene_marks import LANE_ROWS
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


def test_the_selected_label_is_bold_and_whole_where_the_view_has_room(
    store: TimelineStore,
) -> None:
    """Laid out in the bold font it is drawn in, the selected label is never cut for being
    bold (it was cut to the room its plain width had)."""
    current = "choe-lavrov-meeting"
    bold = {m.event_id: m for m in scene_of(store, 2000, current=current).marks}
    mark = bold[current]
    event = store.event(current)
    assert event is not None and mark.label.style is TextStyle.BOLD and mark.selected
    assert mark.label.text == label_text(event)
    # (with the badge before it)
    assert mark.label_rect.w == Monospace().width(label_text(event), TextStyle.BOLD) + BADGE_W


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


# -- the label rules of issue 15, over generated timelines ---------------------------------

GAP = 6.0  # what the layout leaves between two items of a row


def extent(mark: Mark) -> tuple[float, float]:
    """What a mark itself covers in its row: a marker's disc, a band or a bar."""
    if mark.kind == "point":
        return mark.x0 - MARKER_R, mark.x0 + MARKER_R
    return mark.x0, max(mark.x1, mark.x0 + 3.0)


def occupied(mark: Mark) -> tuple[float, float]:
    """The mark and its label."""
    a, b = extent(mark)
    r = mark.label_rect
    return (min(a, r.x), max(b, r.right)) if mark.label.text else (a, b)


@st.composite
def small_timelines(draw: st.DrawFn) -> Timeline:
    n = draw(st.integers(1, 25))
    actors = [Actor(f"a{i}", f"Actor {i}") for i in range(3)]
    events = []
    for i in range(n):
        year = draw(st.integers(2000, 2004))
        kind = draw(st.sampled_from(["day", "month", "year", "span"]))
        start = {
            "day": f"{year}-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d}",
            "month": f"{year}-{draw(st.integers(1, 12)):02d}",
            "year": str(year),
            "span": f"{year}-{draw(st.integers(1, 12)):02d}-01",
        }[kind]
        end = parse_iso(f"{year + draw(st.integers(1, 3))}-06-30") if kind == "span" else None
        title = draw(st.sampled_from(["Talks", "A much longer title of an event", "Kursk"]))
        who = tuple(draw(st.lists(st.sampled_from(["a0", "a1", "a2"]), max_size=2, unique=True)))
        events.append(Event(f"e{i}", f"{title} {i}", parse_iso(start), end, who))
    return Timeline("Generated", actors=actors, events=events)


@settings(max_examples=120, deadline=None)
@given(small_timelines(), st.integers(300, 1600), st.booleans(), st.data())
def test_labels_never_overlap_and_are_elided_only_without_room(
    timeline: Timeline, width: int, lanes: bool, data: st.DataObject
) -> None:
    """No label overlaps another label or mark of its row, nor straddles its own band;
    a label is elided only when no row it may use has room for the whole of it (in bold
    when selected) on either side of its mark."""
    store = TimelineStore(timeline)
    current = data.draw(st.sampled_from([None, *[e.id for e in timeline.events]]))
    state = ViewState(width, lanes=lanes)
    state.set_data(store, keep_range=False)
    state.zoom_by(data.draw(st.sampled_from([1.0, 1.5, 3.0])), data.draw(st.floats(0, width)))
    measure = Monospace()
    height = data.draw(st.sampled_from([120.0, 420.0]))  # few rows: crowded
    scene = build_scene(store, state, height, measure, current=current)  # type: ignore[arg-type]
    left, right = state.gutter, state.gutter + state.plot_width
    rows: dict[float, list[Mark]] = {}
    for mark in scene.marks:
        rows.setdefault(mark.top, []).append(mark)
    for row in rows.values():
        for a, b in combinations(row, 2):
            (a0, a1), (b0, b1) = occupied(a), occupied(b)
            assert a1 <= b0 or b1 <= a0, (a.kind, a.label.text, a.label_rect, b.kind, b.label)
    for pill in scene.pills:  # a pill stands for two events or more, over no mark
        assert len(pill.event_ids) > 1
        for mark in scene.marks:
            a, b = occupied(mark)
            same_row = pill.rect.y < mark.top + mark.height and mark.top < pill.rect.bottom
            assert not same_row or b <= pill.rect.x or a >= pill.rect.right, mark.event_id
    if lanes and scene.mode == "events":  # a lane grows to 6 rows before it clusters
        for lane in scene.lanes:
            n = int((lane.height - 4) // ROW_H)
            clustered = any(lane.top <= p.rect.y < lane.top + lane.height for p in scene.pills)
            assert n == LANE_ROWS if clustered else 1 <= n <= LANE_ROWS
    events = {e.id: e for e in timeline.events}
    for mark in scene.marks:
        x0, x1 = extent(mark)
        r = mark.label_rect
        if mark.kind != "point" and mark.label.text:  # inside its band, or outside it
            assert (r.right <= x1 + 1e-6 and r.x >= x0 - 1e-6) or r.x >= x1 or r.right <= x0
        full = label_text(events[mark.event_id])
        if mark.label.text == full:
            continue
        style = TextStyle.BOLD if mark.selected else TextStyle.LABEL
        need = measure.width(full, style) + BADGE_W  # the label with its badge
        lane = next(ln for ln in scene.lanes if ln.top <= mark.top < ln.top + ln.height)
        n = max(1, int((lane.height - 4) // ROW_H))
        usable = n - 1 if n > 1 else n
        for k in range(usable):
            top = lane.top + 2 + k * ROW_H
            others = [occupied(m) for m in rows.get(top, []) if m is not mark]
            for a, b in ((x1 + 4, x1 + 4 + need), (x0 - 4 - need, x0 - 4)):  # right, left
                fits = left <= a and b <= right
                fits = fits and all(b + GAP <= o0 or o1 + GAP <= a for o0, o1 in others)
                assert not fits, f"{full!r} elided with room in row {k} ({a:.0f}..{b:.0f})"


def test_a_band_in_a_lane_sized_for_it_keeps_its_label() -> None:
    """A month's band as wide as the view, in a lane sized to hold both May events: both
    labels are shown, inside their bands (the second was cut to nothing)."""
    may = parse_iso("2020-05")
    events = [
        Event("a1", "Talks in May", may, actors=("a",)),
        Event("a2", "Strikes in May", may, actors=("a",)),
        Event("p0", "Start", parse_iso("2020-01-01"), actors=("a",)),
        Event("p1", "End", parse_iso("2020-12-01"), actors=("a",)),
    ]
    store = TimelineStore(Timeline("T", actors=[Actor("a", "A")], events=events))
    state = ViewState(1200, lanes=True)
    state.set_data(store, keep_range=False)
    state.set_time_range(may.start, may.end)
    scene = build_scene(store, state, 500.0, Monospace())  # type: ignore[arg-type]
    labels = {m.event_id: m.label.text for m in scene.marks}
    assert labels["a1"] == "Talks in May" and labels["a2"] == "Strikes in May"
    assert not scene.pills
