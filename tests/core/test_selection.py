"""Which event is selected: Next/Previous step through the visible events in time, and an
event a filter hides is deselected, then selected again when a filter shows it."""

from __future__ import annotations

import datetime as dt

import pytest
from core_helpers import small_store
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.dates import parse_iso
from timeline_app.core.event_edits import delete_event_change
from timeline_app.core.filters import FilterState
from timeline_app.core.index import EventIndex, VisibleSet
from timeline_app.core.model import Event, Timeline
from timeline_app.core.selection import HiddenSelection, step_position
from timeline_app.core.store import TimelineStore

BOUNDED = settings(max_examples=50, deadline=None)


store = small_store


def only(*actors: str) -> FilterState:
    return FilterState(checked=frozenset(actors))


def ids(s: TimelineStore, positions: list[int | None]) -> list[str | None]:
    return [s.event_at(p).id if p is not None else None for p in positions]


def walk(visible: VisibleSet, step: int, start: int | None = None) -> list[int | None]:
    """The positions Next (1) or Previous (-1) selects, pressed once per visible event and
    once more."""
    out, position = [], start
    for _ in range(len(visible) + 1):
        position = step_position(visible, position, step)
        out.append(position)
    return out


# -- next and previous ---------------------------------------------------------------------
def test_next_and_previous_go_through_the_events_in_time_and_stop_at_the_ends() -> None:
    s = store()
    order = ["armistice", "brigade", "nobody", "kursk", "deploy"]
    assert ids(s, walk(s.visible, 1)) == [*order, "deploy"]
    assert ids(s, walk(s.visible, -1)) == [*reversed(order), "armistice"]


def test_next_and_previous_skip_the_events_a_filter_hides() -> None:
    s = store()
    s.set_filter(only("nk"))
    assert ids(s, walk(s.visible, 1)) == ["armistice", "brigade", "deploy", "deploy"]
    deploy = s.position_of("deploy")
    assert ids(s, [step_position(s.visible, deploy, -1)]) == ["brigade"]


def test_nothing_to_step_to_when_no_event_is_visible() -> None:
    s = store()
    s.set_filter(FilterState(checked=frozenset()))
    assert len(s.visible) == 0
    assert step_position(s.visible, None, 1) is None
    assert step_position(s.visible, None, -1) is None


def test_a_long_step_stops_at_the_first_or_last_event() -> None:
    s = store()
    middle = s.position_of("nobody")
    assert ids(s, [step_position(s.visible, middle, 100)]) == ["deploy"]
    assert ids(s, [step_position(s.visible, middle, -100)]) == ["armistice"]
    assert ids(s, [step_position(s.visible, middle, 2)]) == ["deploy"]


DAYS = st.lists(st.integers(min_value=0, max_value=400), min_size=0, max_size=40)


def timeline_of(days: list[int]) -> Timeline:
    base = dt.date(2024, 1, 1).toordinal()
    events = [
        Event(f"e{i}", f"Event {i % 7}", parse_iso(dt.date.fromordinal(base + d).isoformat()))
        for i, d in enumerate(days)
    ]
    return Timeline("T", events=events)


def check_walks(visible: VisibleSet) -> None:
    """Next from nothing visits every visible event once, in time order, then stays on the
    last; Previous does the same backwards; Next then Previous comes back."""
    events = visible.index.events
    forward = walk(visible, 1)
    backward = walk(visible, -1)
    if not len(visible):
        assert forward == backward == [None]
        return
    assert forward[:-1] == sorted(forward[:-1], key=lambda p: events[p].sort_key())
    assert set(forward) == set(visible.positions) and len(set(forward[:-1])) == len(visible)
    assert forward[-1] == forward[-2] and backward[-1] == backward[-2]  # stops at the end
    assert backward[:-1] == forward[-2::-1]
    for p in visible.positions[:-1]:
        assert step_position(visible, step_position(visible, p, 1), -1) == p


@BOUNDED
@given(DAYS, st.data())
def test_stepping_visits_each_visible_event_once_in_time_order(
    days: list[int], data: st.DataObject
) -> None:
    index = EventIndex(timeline_of(days).events)
    shown = data.draw(st.sets(st.sampled_from(range(len(index))))) if len(index) else set()
    check_walks(VisibleSet(index, sorted(shown)))
    check_walks(VisibleSet(index, list(range(len(index)))))


def test_stepping_through_thousands_of_visible_events() -> None:
    """Past 2,000 visible events the rank of a position is found another way."""
    index = EventIndex(timeline_of([i % 997 for i in range(3000)]).events)
    check_walks(VisibleSet(index, list(range(len(index)))))
    check_walks(VisibleSet(index, [p for p in range(len(index)) if p % 7]))  # 2,571 shown


# -- an event hidden by a filter -----------------------------------------------------------
class Window:
    """What the main window does with the selection when the filter changes."""

    def __init__(self) -> None:
        self.store = store()
        self.hidden = HiddenSelection()
        self.current: str | None = None

    def select(self, event_id: str | None) -> None:
        self.current = event_id
        if event_id is not None:
            self.hidden.forget()

    def exists(self, event_id: str) -> bool:
        return self.store.event(event_id) is not None

    def visible(self, event_id: str) -> bool:
        position = self.store.position_of(event_id)
        return position is not None and position in self.store.visible

    def filter(self, state: FilterState) -> bool:
        """Apply a filter; whether the selection changed because of it."""
        self.store.set_filter(state)
        current, changed = self.hidden.after_filter(self.current, self.exists, self.visible)
        assert changed == (current != self.current)
        self.current = current
        return changed


def test_a_selected_event_the_filter_hides_is_deselected_and_comes_back() -> None:
    w = Window()
    w.select("kursk")
    assert w.filter(only("nk"))  # Kursk has no North Korea: hidden
    assert w.current is None
    assert not w.filter(FilterState(text="troops"))  # still hidden: nothing to say
    assert w.current is None
    assert w.filter(FilterState(text="kursk"))  # shown again: selected again
    assert w.current == "kursk"
    assert not w.filter(only("ru"))  # still shown: it stays, nothing changes
    assert w.current == "kursk"


def test_a_selected_event_the_filter_keeps_stays_selected() -> None:
    w = Window()
    w.select("deploy")
    assert not w.filter(only("nk"))
    assert w.current == "deploy"
    assert not w.filter(FilterState())
    assert w.current == "deploy"


def test_no_selection_and_nothing_hidden_stays_so() -> None:
    w = Window()
    assert not w.filter(only("nk"))
    assert not w.filter(FilterState())
    assert w.current is None


def test_selecting_another_event_forgets_the_hidden_one() -> None:
    w = Window()
    w.select("kursk")
    w.filter(only("nk"))
    w.select("armistice")
    w.select(None)  # e.g. a click on empty space
    assert not w.filter(FilterState())
    assert w.current is None  # Kursk is not selected behind the user's back


def test_only_the_last_hidden_selection_comes_back() -> None:
    w = Window()
    w.select("kursk")
    w.filter(only("ua"))
    w.select("kursk")  # still visible under this filter
    w.filter(only("nk"))
    assert w.current is None
    w.filter(only("ua", "ru"))
    assert w.current == "kursk"


def test_a_hidden_event_deleted_meanwhile_is_not_selected_again() -> None:
    w = Window()
    w.select("kursk")
    w.filter(only("nk"))
    kursk = w.store.event("kursk")
    assert kursk is not None
    delete = delete_event_change(w.store.timeline, kursk)
    delete = w.store.apply(delete)
    assert not w.filter(FilterState())
    assert w.current is None and w.hidden.event_id is None  # forgotten for good
    w.store.apply(delete.inverted())  # undone after the filter changed: not selected
    assert not w.filter(only("ua"))
    assert w.current is None


@pytest.mark.parametrize("visible_after", [True, False])
def test_a_hidden_event_deleted_and_restored_before_the_filter_changes_is_still_remembered(
    visible_after: bool,
) -> None:
    w = Window()
    w.select("kursk")
    w.filter(only("nk"))
    kursk = w.store.event("kursk")
    assert kursk is not None
    delete = delete_event_change(w.store.timeline, kursk)
    delete = w.store.apply(delete)
    w.store.apply(delete.inverted())
    w.filter(FilterState() if visible_after else FilterState(text="troops"))
    assert w.current == ("kursk" if visible_after else None)
    assert w.hidden.event_id == (None if visible_after else "kursk")
