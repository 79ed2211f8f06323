"""Show Linked Events (issue 18): the filter also shows the events linked to those it
shows, one step of links, remembered with the filter; an edit of the links refilters."""

from __future__ import annotations

from dataclasses import replace

from core_helpers import small_store

from timeline_app.core.change import Change
from timeline_app.core.dates import parse_iso
from timeline_app.core.filters import FilterState
from timeline_app.core.model import Event, Link, LinkBasis, LinkType
from timeline_app.core.store import TimelineStore

A = LinkBasis.ANALYST
LINKS = [
    Link("1", "kursk", "deploy", LinkType.LED_TO, A),
    Link("2", "deploy", "nobody", LinkType.PART_OF, A),
    Link("3", "armistice", "brigade", LinkType.LED_TO, A),
    Link("4", "gone", "brigade", LinkType.LED_TO, A),  # an end not in the timeline
]


def linked_store() -> TimelineStore:
    s = small_store()
    return TimelineStore(replace(s.timeline, links=list(LINKS)))


def ids(s: TimelineStore) -> list[str]:
    return [s.event_at(p).id for p in s.visible.positions]


def test_the_events_linked_to_those_shown_are_shown_too_one_step_of_links() -> None:
    s = linked_store()
    s.set_filter(FilterState(text="offensive"))
    assert ids(s) == ["kursk"] and s.visible.linked == 0
    s.set_filter(FilterState(text="offensive", linked=True))
    assert ids(s) == ["kursk", "deploy"]  # not "nobody": two steps away
    assert s.visible.linked == 1
    s.set_filter(FilterState(text="kursk", linked=True))  # kursk and deploy, and deploy's
    assert ids(s) == ["nobody", "kursk", "deploy"] and s.visible.linked == 1
    s.set_filter(FilterState(text="no actor", linked=True))  # a link read from its far end
    assert ids(s) == ["nobody", "deploy"]
    s.set_filter(FilterState(checked=frozenset({"ua"}), linked=True))
    assert ids(s) == ["kursk", "deploy"]
    s.set_filter(FilterState(text="fifth", linked=True))  # the link to no event is passed
    assert ids(s) == ["armistice", "brigade"]


def test_with_no_filter_every_event_is_shown_and_none_counts_as_linked() -> None:
    s = linked_store()
    s.set_filter(FilterState(linked=True))
    assert len(ids(s)) == 5 and s.visible.linked == 0
    assert not s.filter.active  # nothing hidden: no filter bar
    assert FilterState(linked=True).describe(s.timeline) == ""


def test_typing_more_letters_searches_what_the_filter_chose_not_what_links_added() -> None:
    s = linked_store()
    s.set_filter(FilterState(text="kursk", linked=True))
    assert "nobody" in ids(s)
    s.set_filter(FilterState(text="kursk off", linked=True))  # narrows: searched within
    assert ids(s) == ["kursk", "deploy"]
    s.set_filter(FilterState(text="kursk", linked=True))  # backspace: as before
    assert ids(s) == ["nobody", "kursk", "deploy"]


def test_a_link_edit_refilters_and_its_undo_too() -> None:
    s = linked_store()
    s.set_filter(FilterState(text="offensive", linked=True))
    new = Link("5", "kursk", "armistice", LinkType.CONTRADICTS, A)
    change = s.apply(Change("Link", links=(tuple(LINKS), (*LINKS, new))))
    assert ids(s) == ["armistice", "kursk", "deploy"] and s.visible.linked == 2
    s.set_filter(FilterState(text="offensive"))
    s.apply(change.inverted())  # with the linked events hidden: remembered results go stale
    s.set_filter(FilterState(text="offensive", linked=True))
    assert ids(s) == ["kursk", "deploy"]


def test_the_links_follow_the_events_positions_after_an_edit() -> None:
    s = linked_store()
    s.set_filter(FilterState(text="offensive", linked=True))
    earliest = Event("first", "Earliest", parse_iso("1900"))  # every position moves by one
    s.apply(Change("Add", added=(earliest,)))
    assert ids(s) == ["kursk", "deploy"]
    s.apply(Change("Link", links=(tuple(LINKS), (*LINKS, Link("6", "first", "kursk",
                                                             LinkType.LED_TO, A)))))  # fmt: skip
    assert ids(s) == ["first", "kursk", "deploy"]


def test_it_is_remembered_with_the_filter_and_kept_when_the_filter_is_cleared() -> None:
    state = FilterState(text="kursk", linked=True)
    assert FilterState.from_dict(state.to_dict()) == state
    assert FilterState.from_dict({"text": "kursk"}).linked is False  # saved before it was
    assert FilterState.from_dict({"linked": "yes"}).linked is False
    assert state.cleared() == FilterState(linked=True)
    assert FilterState(text="x").cleared() == FilterState()
    s = linked_store()
    assert state.describe(s.timeline) == "“kursk” · and linked events"
