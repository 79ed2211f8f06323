from __future__ import annotations

from core_helpers import small_store
from paths import DATASET

from timeline_app.core.change import Change
from timeline_app.core.dates import parse_date
from timeline_app.core.fileformat import load_timeline
from timeline_app.core.filters import ActorMode, FilterState
from timeline_app.core.model import Event
from timeline_app.core.store import TimelineStore

store = small_store


def ids(s: TimelineStore) -> list[str]:
    return [s.event_at(p).id for p in s.visible.positions]


def test_events_are_indexed_chronologically() -> None:
    s = store()
    assert ids(s) == ["armistice", "brigade", "nobody", "kursk", "deploy"]
    assert s.visible.t0 == sorted(s.visible.t0)


def test_actor_filter_any_and_all() -> None:
    s = store()
    s.set_filter(FilterState(checked=frozenset({"nk"})))
    assert ids(s) == ["armistice", "brigade", "deploy"]
    s.set_filter(FilterState(checked=frozenset({"nk", "ua"})))
    assert ids(s) == ["armistice", "brigade", "kursk", "deploy"]
    s.set_filter(FilterState(checked=frozenset({"nk", "ru"}), mode=ActorMode.ALL))
    assert ids(s) == ["deploy"]
    s.set_filter(FilterState(checked=frozenset()))
    assert ids(s) == []
    s.set_filter(FilterState(checked=frozenset({"nk", "ru", "ua"})))
    assert s.filter.checked is None and len(ids(s)) == 5  # all checked: no actor filter


def test_text_search_is_case_and_accent_insensitive_and_covers_actor_names() -> None:
    s = store()
    s.set_filter(FilterState(text="KURSK"))
    assert ids(s) == ["kursk", "deploy"]
    s.set_filter(FilterState(text="deploiement"))
    assert ids(s) == ["deploy"]
    s.set_filter(FilterState(text="north korea kursk"))
    assert ids(s) == ["deploy"]


def test_date_range_keeps_events_whose_interval_overlaps() -> None:
    s = store()
    s.set_filter(FilterState(date_from=parse_date("1985"), date_to=parse_date("2016")))
    assert ids(s) == ["brigade", "nobody"]  # the 1980s decade overlaps 1985
    s.set_filter(FilterState(date_from=parse_date("Nov 2024")))
    assert ids(s) == []
    s.set_filter(FilterState(date_to=parse_date("1980s")))
    assert ids(s) == ["armistice", "brigade"]


def test_filter_description_and_persistence() -> None:
    s = store()
    f = FilterState(frozenset({"nk", "ru"}), ActorMode.ALL, "Kursk", parse_date("2024"))
    assert f.describe(s.timeline) == "North Korea and Russia · “Kursk” · from 2024"
    assert FilterState.from_dict(f.to_dict()) == f
    assert FilterState.from_dict({"mode": "bogus", "from": "never"}) == FilterState()


def test_overlapping_window_query_matches_a_scan() -> None:
    t = load_timeline(DATASET)
    s = TimelineStore(t)
    for ta, tb in [(0, 10**6), (parse_date("1985").start, parse_date("1985").end),
                   (parse_date("Oct 2024").start, parse_date("Nov 2024").end)]:  # fmt: skip
        expected = [p for p in s.visible.positions if s.index.t0[p] < tb and s.index.t1[p] > ta]
        assert s.visible.overlapping(ta, tb) == expected
    one_day = parse_date("1985-06-01")
    assert [
        s.event_at(p).start.iso() for p in s.visible.overlapping(one_day.start, one_day.end)
    ] == ["1980s"]


def test_changes_apply_and_invert() -> None:
    s = store()
    before = s.timeline
    new = Event("new", "New event", parse_date("2000"), actors=("nk",))
    edited = Event("armistice", "Armistice signed", parse_date("27 July 1953"), actors=("nk",))
    old = s.timeline.event("armistice")
    assert old is not None
    change = Change("edit", removed=(old,), added=(edited, new))
    change = s.apply(change)
    assert [e.id for e in s.timeline.events][:2] == ["kursk", "armistice"]  # file order kept
    assert s.timeline.event("armistice") == edited and s.timeline.event("new") == new
    assert s.index.actor_count("nk") == 4
    s.apply(change.inverted())
    assert s.timeline.events == before.events


def test_typing_more_narrows_within_the_previous_result_and_stays_correct() -> None:
    s = store()
    s.set_filter(FilterState(text="k"))
    broad = ids(s)
    s.set_filter(FilterState(text="ku"))
    assert ids(s) == ["kursk", "deploy"] and set(ids(s)) <= set(broad)
    s.set_filter(FilterState(text="kursk tro"))
    assert ids(s) == ["deploy"]
    s.set_filter(FilterState(text="kurs"))  # deleting a letter widens again
    assert ids(s) == ["kursk", "deploy"]
    s.set_filter(FilterState(checked=frozenset({"ua"}), text="kursk"))  # other fields changed
    assert ids(s) == ["kursk"]


def test_a_command_lines_filter_names_actors_as_the_form_does() -> None:
    from paths import DATASET

    from timeline_app.core.fileformat import load_timeline
    from timeline_app.core.filters import asked_filter

    timeline = load_timeline(DATASET)
    state, unknown = asked_filter(timeline, ["north  KOREA", "russia", "Atlantis"], "Kursk")
    assert unknown == ["Atlantis"]
    assert state.checked == frozenset({"north-korea", "russia"}) and state.text == "Kursk"
    assert asked_filter(timeline)[0] == FilterState()  # nothing asked: everything shown
