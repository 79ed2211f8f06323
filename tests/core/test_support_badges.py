"""Each event's support as a badge beside its mark, and in the one legend (issue 17): the
scene says which badge goes where, without Qt."""

from __future__ import annotations

from itertools import pairwise

import pytest
from paths import DATASET
from test_scene import Monospace

from timeline_app.core.evidence import EventEvidence, Sources, Support, event_support
from timeline_app.core.fileformat import load_timeline
from timeline_app.core.filters import FilterState
from timeline_app.core.legend import legend_entries
from timeline_app.core.model import Event, Quote, Stance, replace
from timeline_app.core.palette import actor_styles
from timeline_app.core.scene import BADGE_R, BADGE_W, MARKER_R, Scene
from timeline_app.core.scene_build import build_scene
from timeline_app.core.scene_marks import LABEL_PAD
from timeline_app.core.store import TimelineStore
from timeline_app.core.viewstate import ViewState


@pytest.fixture
def store() -> TimelineStore:
    return TimelineStore(load_timeline(DATASET))


def scene_of(store: TimelineStore, width: float = 1400, badges: bool = True) -> Scene:
    state = ViewState(width, badges=badges)
    state.set_data(store, keep_range=False)
    return build_scene(store, state, 500.0, Monospace())  # type: ignore[arg-type]


def test_each_mark_carries_its_events_support(store: TimelineStore) -> None:
    marks = {m.event_id: m for m in scene_of(store).marks}
    assert marks["us-estimates-north-korean-troops"].support is Support.CONTESTED
    assert marks["korean-war-ends"].support is Support.CORROBORATED
    assert marks["choe-lavrov-meeting"].support is Support.SINGLE
    sources = Sources(store.timeline.sources)
    for event_id, mark in marks.items():
        event = store.event(event_id)
        assert event is not None
        assert mark.support is event_support(event, sources, lambda _: True).support


def test_an_event_without_a_quote_is_badged_unsourced(store: TimelineStore) -> None:
    bare = replace(store.timeline.events[0], id="bare", quotes=())
    store = TimelineStore(replace(store.timeline, events=[*store.timeline.events, bare]))
    marks = {m.event_id: m for m in scene_of(store).marks}
    assert marks["bare"].support is Support.UNSOURCED


def test_the_badge_sits_between_the_mark_and_its_label(store: TimelineStore) -> None:
    scene = scene_of(store)
    assert scene.marks
    for m in scene.marks:
        if not m.label.text:
            continue
        bx, by = m.badge
        assert m.top <= by - BADGE_R and by + BADGE_R <= m.top + m.height  # in its row
        text = Monospace().width(m.label.text, m.label.style)
        assert m.label_rect.w == pytest.approx(text + BADGE_W)  # its room is the label's
        assert m.label_rect.x <= bx - BADGE_R and bx + BADGE_R <= m.label_rect.right
        if m.kind != "point":
            continue
        if m.label.x > m.x0:  # label on the right: mark, badge, words
            assert m.x0 + MARKER_R < bx - BADGE_R and bx + BADGE_R < m.label.x
        else:  # on the left: words, badge, mark
            assert m.label.x + text < bx - BADGE_R and bx + BADGE_R < m.x0 - MARKER_R


def test_without_badges_no_mark_has_one_and_labels_sit_by_their_marks(
    store: TimelineStore,
) -> None:
    marks = scene_of(store, badges=False).marks
    assert marks and all(m.support is None for m in marks)
    points = [m for m in marks if m.kind == "point" and m.label.text]
    assert points
    for m in points:
        if m.label.x > m.x0:
            assert m.label.x == pytest.approx(m.x0 + MARKER_R + LABEL_PAD)
        else:
            text = Monospace().width(m.label.text, m.label.style)
            assert m.label.x + text == pytest.approx(m.x0 - MARKER_R - LABEL_PAD)


def test_badges_cost_room_but_never_make_labels_overlap(store: TimelineStore) -> None:
    for width in (700, 1000, 1400):
        marks = scene_of(store, width).marks
        by_row: dict[float, list[tuple[float, float]]] = {}
        for m in marks:
            by_row.setdefault(m.top, []).append((m.hit.x, m.hit.right))
        for row in by_row.values():
            for (_, a_right), (b_left, _) in pairwise(sorted(row)):
                assert a_right <= b_left + 0.5


def test_support_at_answers_one_event_as_the_whole_list_does(store: TimelineStore) -> None:
    events = store.index.events
    quoted = replace(events[0], quotes=(*events[0].quotes, Quote("elsewhere", "x")))
    contradicted = replace(
        events[1], quotes=(*events[1].quotes, Quote(events[1].quotes[0].source, "y",
                           stance=Stance.CONTRADICTS))
    )  # fmt: skip
    some: list[Event] = [quoted, contradicted, *events[2:]]
    one = EventEvidence(some, store.timeline.sources, lambda _: True)
    whole = EventEvidence(some, store.timeline.sources, lambda _: True).supports()
    assert [one.support_at(p) for p in range(len(some))] == whole
    assert whole[1] is Support.CONTESTED


# -- the legend -----------------------------------------------------------------------------


def supports_in(store: TimelineStore, badges: bool = True) -> list[str]:
    entries = legend_entries(store, actor_styles(store.timeline.actors), badges=badges)
    kinds = [e.kind for e in entries]
    if "support" in kinds:  # the heading comes right before the badges
        assert kinds[kinds.index("support") - 1] == "heading"
    return [e.label for e in entries if e.kind == "support"]


def test_an_export_legend_keys_every_badge_in_one_order_whatever_is_shown(
    store: TimelineStore,
) -> None:
    key = ["corroborated", "single source", "contested", "no source"]
    assert supports_in(store) == key  # a key: the legend never jumps as the view moves
    store.set_filter(FilterState(text="Choe Son Hui"))
    assert supports_in(store) == key
    store.set_filter(FilterState(text="no such words anywhere"))
    assert supports_in(store) == []  # nothing shown: nothing to explain


def test_an_export_legend_names_the_actors_whose_colours_are_shown(
    store: TimelineStore,
) -> None:
    styles = actor_styles(store.timeline.actors)
    shown = {e.label for e in legend_entries(store, styles)}
    assert "NATO" in shown and "Mark Rutte" not in shown  # first actors only
    assert "Mark Rutte" in {e.label for e in legend_entries(store, styles, lanes=True)}
    assert "alleged" in shown
    store.set_filter(FilterState(text="Choe Son Hui"))
    shown = {e.label for e in legend_entries(store, styles)}
    assert "North Korea" in shown and "NATO" not in shown and "alleged" not in shown


def test_the_window_key_is_the_looks_and_the_badges() -> None:
    from timeline_app.core.legend import window_key

    assert [e.label for e in window_key(True)] == [
        "alleged / disputed / denied", "Support:", "corroborated", "single source",
        "contested", "no source",
    ]  # fmt: skip
    assert [e.label for e in window_key(False)] == ["alleged / disputed / denied"]


def test_no_badges_no_badge_entries(store: TimelineStore) -> None:
    assert supports_in(store, badges=False) == []
    entries = legend_entries(store, actor_styles(store.timeline.actors), badges=False)
    assert all(e.kind != "support" and e.label != "Support:" for e in entries)


def test_legend_lines_keep_a_heading_with_its_badges_and_stay_in_the_width() -> None:
    from timeline_app.core.legend import LegendEntry, legend_lines, swatch_room

    entries = [LegendEntry("actor", f"Actor {n}") for n in range(5)] + [
        LegendEntry("heading", "Support:"),
        *(LegendEntry("support", SUPPORT, support=s) for SUPPORT, s in
          (("corroborated", Support.CORROBORATED), ("contested", Support.CONTESTED))),
    ]  # fmt: skip

    def measure(text: str) -> float:
        return 7.0 * len(text)

    for width in (150.0, 300.0, 420.0, 2000.0):
        lines = legend_lines(entries, width, measure)
        assert [e for line in lines for _, e in line] == entries  # each once, in order
        for line in lines:
            x, last = line[-1]
            assert x + swatch_room(last) + measure(last.label) <= width or len(line) == 1
        heading = next(n for n, line in enumerate(lines) for _, e in line if e.kind == "heading")
        group = [e.label for _, e in lines[heading] if e.kind != "actor"]
        whole = 7 * len("Support:corroboratedcontested") + 2 * (12 + 5) + 2 * 18
        if whole <= width:  # room for them on one line: together
            assert group == ["Support:", "corroborated", "contested"], (width, lines)
        pair = 7 * len("Support:corroborated") + (12 + 5) + 18
        if pair <= width:  # room for the heading and its first entry: never a line's last
            assert lines[heading][-1][1].kind != "heading", (width, lines)
    assert len(legend_lines(entries, 2000.0, measure)) == 1
