"""Links drawn as arrows in the scene (issue 18): between the right marks, only when both
ends pass the filter, to the edge with its title when an end is out of view, at a pill
when an end is in one; the selected event's emphasised; past 200, only the selected's."""

from __future__ import annotations

import pytest
from paths import DATASET
from test_scene import Monospace

from timeline_app.core.dates import parse_iso
from timeline_app.core.fileformat import load_timeline
from timeline_app.core.filters import FilterState
from timeline_app.core.model import Event, Link, LinkBasis, LinkType, Timeline, replace
from timeline_app.core.scene import Arrow, Scene
from timeline_app.core.scene_build import build_scene
from timeline_app.core.scene_links import MAX_ARROWS
from timeline_app.core.store import TimelineStore
from timeline_app.core.viewstate import ViewState

WEST = "north-korean-soldiers-arrive-western-russia"
KURSK = "north-korean-troops-move-into-kursk"
OFFENSIVE = "ukraine-kursk-offensive"


def scene_of(store: TimelineStore, width: float = 1400, current: str | None = None,
             window: tuple[str, str] | None = None, all_links: bool = False,
             height: float = 500.0) -> Scene:  # fmt: skip
    state = ViewState(width, all_links=all_links)
    state.set_data(store, keep_range=False)
    if window is not None:
        state.set_time_range(parse_iso(window[0]).start, parse_iso(window[1]).end)
    return build_scene(store, state, height, Monospace(), current=current)  # type: ignore[arg-type]


@pytest.fixture
def store() -> TimelineStore:
    return TimelineStore(load_timeline(DATASET))


def arrows(scene: Scene) -> dict[str, Arrow]:
    return {a.link_id: a for a in scene.arrows}


def test_each_link_joins_the_marks_of_its_events(store: TimelineStore) -> None:
    scene = scene_of(store, window=("2024-03", "2024-12"))
    drawn = arrows(scene)
    assert set(drawn) == {k.id for k in store.timeline.links}
    marks = {m.event_id: m for m in scene.marks}
    a = drawn["western-russia-then-kursk"]
    west, kursk = marks[WEST], marks[KURSK]
    assert (a.x0, a.y0) == (west.x0, west.top + west.height / 2)  # from the marker
    assert (a.x1, a.y1) == (kursk.x0, kursk.top + kursk.height / 2)  # to the other
    assert a.head and a.dashed and a.emphasis == "normal"  # an inference: dashed
    assert not drawn["kursk-offensive-led-to-deployment"].dashed  # a quote states it


def test_the_selected_events_links_stand_out_and_the_others_fade(store: TimelineStore) -> None:
    drawn = arrows(scene_of(store, current=WEST, window=("2024-03", "2024-12")))
    mine = {"entering-russia-then-western-russia", "western-russia-then-kursk"}
    assert {i for i, a in drawn.items() if a.emphasis == "selected"} == mine
    assert {a.emphasis for i, a in drawn.items() if i not in mine} == {"faded"}


def test_a_link_to_an_event_the_filter_hides_is_not_drawn(store: TimelineStore) -> None:
    store.set_filter(FilterState(text="Kursk"))  # the offensive and the move stay, not west
    drawn = arrows(scene_of(store, window=("2024-03", "2024-12")))
    assert "kursk-offensive-led-to-deployment" in drawn
    assert "western-russia-then-kursk" not in drawn


def test_an_end_out_of_view_is_drawn_to_the_edge_with_its_title(store: TimelineStore) -> None:
    scene = scene_of(store, width=1000, window=("2024-10-15", "2024-12-31"))
    a = arrows(scene)["kursk-offensive-led-to-deployment"]  # the offensive: 6 August
    assert a.x0 == 0.0  # the left edge of the plot
    assert a.edge_title.startswith("Ukraine launches off") and a.edge_x == 4.0
    kursk = next(m for m in scene.marks if m.event_id == KURSK)
    assert (a.x1, a.y1, a.y0) == (kursk.x0, kursk.top + kursk.height / 2, a.y1)
    assert a.edge_y == 0.0  # named only for the selected event: at the foot of the plot
    scene = scene_of(store, width=1000, window=("2024-10-15", "2024-12-31"), current=KURSK)
    a = arrows(scene)["kursk-offensive-led-to-deployment"]
    assert a.edge_title.startswith("← Ukraine launches off") and a.edge_x == 4.0
    assert a.edge_y == scene.height - 6
    assert all(m.label_rect.bottom < a.edge_y - 10 for m in scene.marks)  # below the labels


def test_an_end_in_a_cluster_points_at_its_pill(store: TimelineStore) -> None:
    scene = scene_of(store, width=700, height=130)  # few rows: the autumn of 2024 clusters
    clustered = {i for p in scene.pills for i in p.event_ids}
    assert clustered
    for link in store.timeline.links:
        a = arrows(scene).get(link.id)
        if a is None or link.to_id not in clustered:
            continue
        pill = next(p for p in scene.pills if link.to_id in p.event_ids)
        assert (a.x1, a.y1) == pill.rect.center()
        break
    else:
        pytest.fail("no link into a cluster drawn")


def test_past_200_links_only_the_selected_events_are_drawn_unless_all_are_asked() -> None:
    events = [Event(f"e{i}", f"Event {i}", parse_iso(f"2001-01-{1 + i % 28:02d}"))
              for i in range(60)]  # fmt: skip
    links = [Link(f"l{i}-{j}", f"e{i}", f"e{j}", LinkType.LED_TO, LinkBasis.ANALYST, notes="n")
             for i in range(60) for j in range(i + 1, min(60, i + 5))]  # fmt: skip
    assert len(links) > MAX_ARROWS
    store = TimelineStore(Timeline("T", events=events, links=links))
    assert scene_of(store, width=4000).arrows == []
    selected = scene_of(store, width=4000, current="e10").arrows
    ends = {k.id: (k.from_id, k.to_id) for k in links}
    assert selected and all("e10" in ends[a.link_id] for a in selected)
    every = scene_of(store, width=4000, all_links=True).arrows
    assert len(every) > MAX_ARROWS


def test_no_links_no_arrows_and_a_symmetric_link_has_no_head(store: TimelineStore) -> None:
    assert scene_of(TimelineStore(replace(store.timeline, links=[]))).arrows == []
    same = Link("same", WEST, KURSK, LinkType.SAME_INCIDENT, LinkBasis.ANALYST, notes="n")
    drawn = arrows(scene_of(TimelineStore(replace(store.timeline, links=[same]))))
    assert not drawn["same"].head


def test_links_from_one_mark_to_the_same_edge_are_one_arrow_with_a_count() -> None:
    """Many links out of view to the right: one arrow, titled with how many, not a pile of
    titles on top of one another (and solid as soon as a quote states one of them)."""
    events = [Event("here", "Here", parse_iso("2001-01-01"))] + [
        Event(f"later{i}", f"Later {i}", parse_iso(f"2005-01-{1 + i:02d}")) for i in range(5)
    ]
    links = [Link(f"l{i}", "here", f"later{i}", LinkType.LED_TO, LinkBasis.ANALYST, notes="n")
             for i in range(5)]  # fmt: skip
    store = TimelineStore(Timeline("T", events=events, links=links))
    scene = scene_of(store, width=800, window=("2000-06", "2001-06"))
    (arrow,) = scene.arrows
    assert arrow.edge_title == "5 linked events" and arrow.dashed and arrow.head
    one = TimelineStore(Timeline("T", events=events, links=links[:1]))
    (single,) = scene_of(one, width=800, window=("2000-06", "2001-06")).arrows
    assert single.edge_title == "Later 0"
