from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_app.core.actor_edits import (
    ActorEditError,
    add_actor_change,
    delete_actor_change,
    event_counts,
    events_with_actor,
    merge_actors_change,
    merged_actors,
    recolor_actor_change,
    rename_actor_change,
)
from timeline_app.core.change import Change
from timeline_app.core.fileformat import load_timeline, timeline_from_text, timeline_to_text
from timeline_app.core.model import Timeline
from timeline_app.core.store import TimelineStore

DATASET = Path(__file__).resolve().parents[2] / "events" / "north-korean-troops.json"


@pytest.fixture(scope="module")
def original() -> Timeline:
    return load_timeline(DATASET)


def applied(timeline: Timeline, change: Change) -> Timeline:
    """The timeline after ``change``; checks that the inverse restores it exactly and that
    the result is still a valid file."""
    before = copy.deepcopy(timeline)
    store = TimelineStore(timeline)
    change = store.apply(change)
    after = store.timeline
    assert timeline_from_text(timeline_to_text(after)) == after  # no dangling actor ids
    store.apply(change.inverted())
    assert store.timeline == before
    assert [e.id for e in store.timeline.events] == [e.id for e in before.events]
    return after


def test_add_actor_gets_a_unique_id_from_its_name(original: Timeline) -> None:
    change, actor = add_actor_change(original, "  Wagner   Group ")
    assert (actor.id, actor.name, actor.color) == ("wagner-group", "Wagner Group", "")
    after = applied(original, change)
    assert after.actors[-1] == actor
    assert after.actors[:-1] == original.actors
    assert after.events == original.events
    assert change.description == "Add actor “Wagner Group”"

    with_color = add_actor_change(original, "Belarus", "#112233")[1]
    assert with_color.color == "#112233"
    # an id that is taken (but not the name) gets a suffix
    renamed = applied(original, rename_actor_change(original, "north-korea", "DPRK"))
    _, again = add_actor_change(renamed, "North Korea")
    assert again.id == "north-korea-2"


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "needs a name"), ("   ", "needs a name"), ("russia", "already an actor named “Russia”"),
     ("NÔRTH  korea", "already an actor named “North Korea”")],
)  # fmt: skip
def test_add_actor_refuses_an_empty_or_taken_name(
    original: Timeline, name: str, message: str
) -> None:
    with pytest.raises(ActorEditError, match=message):
        add_actor_change(original, name)


def test_add_actor_refuses_a_bad_color(original: Timeline) -> None:
    with pytest.raises(ActorEditError, match="not a colour"):
        add_actor_change(original, "Belarus", "red")


def test_rename_replaces_the_record_and_keeps_the_id(original: Timeline) -> None:
    change = rename_actor_change(original, "russia", "  Russian  Federation ")
    after = applied(original, change)
    russia = after.actor("russia")
    assert russia is not None and russia.name == "Russian Federation"
    assert russia.color == original.actors[1].color  # (kept, whatever it is)
    assert [a.id for a in after.actors] == [a.id for a in original.actors]
    assert after.events == original.events
    assert not change.touches_events


def test_rename_may_change_case_but_not_take_another_name(original: Timeline) -> None:
    applied(original, rename_actor_change(original, "nato", "Nato"))  # its own name: fine
    with pytest.raises(ActorEditError, match="Merge into"):
        rename_actor_change(original, "nato", "Russia")
    with pytest.raises(ActorEditError, match="needs a name"):
        rename_actor_change(original, "nato", " ")
    with pytest.raises(ActorEditError, match="no actor 'nobody'"):
        rename_actor_change(original, "nobody", "X")


def test_recolor_sets_and_clears_the_color(original: Timeline) -> None:
    after = applied(original, recolor_actor_change(original, "south-korea", "#123456"))
    assert after.actor("south-korea").color == "#123456"  # type: ignore[union-attr]
    cleared = applied(original, recolor_actor_change(original, "russia", ""))
    assert cleared.actor("russia").color == ""  # type: ignore[union-attr]
    with pytest.raises(ActorEditError, match="not a colour"):
        recolor_actor_change(original, "russia", "#12345")


def test_merge_gives_the_events_to_the_target_without_duplicates(original: Timeline) -> None:
    counts = event_counts(original)
    either = {e.id for e in original.events if {"north-korea", "russia"} & set(e.actors)}
    change = merge_actors_change(original, "north-korea", "russia")
    after = applied(original, change)
    assert after.actor("north-korea") is None
    assert [a.id for a in after.actors] == [a.id for a in original.actors if a.id != "north-korea"]
    assert event_counts(after)["russia"] == len(either) < counts["russia"] + counts["north-korea"]
    actors = {e.id: e.actors for e in after.events}
    assert actors["korean-war-ends"] == ("russia",)  # took North Korea's place
    assert actors["fifth-brigade-zimbabwe"] == ("russia", "zimbabwe", "robert-mugabe")
    assert actors["north-korean-troops-arrival-reported"] == ("russia", "south-korea")
    assert actors["rutte-echoes-uk-statement"] == ("nato", "mark-rutte", "russia", "vladimir-putin")
    assert all(len(set(a)) == len(a) for a in actors.values())
    # one change: only the events that named North Korea left and came back
    assert {e.id for e in change.removed} == {e.id for e in change.added}
    assert {e.id for e in change.removed} == {
        e.id for e in events_with_actor(original, "north-korea")
    }
    assert [e.id for e in after.events] == [e.id for e in original.events]  # file order kept


def test_merge_refuses_itself_and_unknown_actors(original: Timeline) -> None:
    with pytest.raises(ActorEditError, match="into itself"):
        merge_actors_change(original, "russia", "russia")
    with pytest.raises(ActorEditError, match="no actor"):
        merge_actors_change(original, "russia", "nobody")


@pytest.mark.parametrize(
    ("actors", "expected"),
    [(("a", "x", "b"), ("x", "b")), (("x", "a", "y"), ("x", "b", "y")),
     (("b", "a"), ("b",)), (("x",), ("x",)), (("a",), ("b",))],
)  # fmt: skip
def test_merged_actors_keeps_the_order(actors: tuple[str, ...], expected: tuple[str, ...]) -> None:
    assert merged_actors(actors, "a", "b") == expected


@given(st.lists(st.sampled_from("abcxyz"), unique=True).map(tuple))
def test_merged_actors_is_the_set_with_a_replaced_by_b(actors: tuple[str, ...]) -> None:
    out = merged_actors(actors, "a", "b")
    assert len(set(out)) == len(out)
    expected = set(actors) - {"a"} | ({"b"} if "a" in actors else set())
    assert set(out) == expected
    rest = [x for x in actors if x not in "ab"]
    assert [x for x in out if x not in "ab"] == rest


def test_delete_removes_the_actor_from_its_events_and_keeps_them(original: Timeline) -> None:
    change = delete_actor_change(original, "vladimir-putin")
    after = applied(original, change)
    assert after.actor("vladimir-putin") is None
    assert len(after.events) == len(original.events)
    assert all("vladimir-putin" not in e.actors for e in after.events)
    assert after.event("uk-un-mission-putin-desperate").actors == (  # type: ignore[union-attr]
        "united-kingdom",
        "russia",
    )
    assert len(change.removed) == event_counts(original)["vladimir-putin"] == 2


def test_delete_an_unused_actor_touches_no_event(original: Timeline) -> None:
    change = delete_actor_change(original, "iran")
    assert not change.touches_events
    after = applied(original, change)
    assert [a.id for a in after.actors] == [a.id for a in original.actors if a.id != "iran"]


def test_event_counts_count_each_event_once(original: Timeline) -> None:
    counts = event_counts(original)
    naming = sum("north-korea" in e.actors for e in original.events)  # each event once
    assert counts["north-korea"] == naming == 10 and counts["iran"] == 0
    assert set(counts) == {a.id for a in original.actors}
