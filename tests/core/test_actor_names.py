"""One rule turns a typed name into an actor, wherever it is typed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.actor_names import ActorNames, join_names, name_key, split_names
from timeline_app.core.model import Actor

ACTORS = [Actor("seoul", "Séoul"), Actor("north-korea", "North Korea"), Actor("un", "UN")]


def test_names_match_whatever_their_case_accents_and_spacing() -> None:
    names = ActorNames(ACTORS)
    cases = [("Seoul", "seoul"), ("SÉOUL", "seoul"), ("north  korea ", "north-korea"),
             ("North-Korea", "north-korea"), ("un", "un")]  # fmt: skip
    for typed, actor_id in cases:
        found = names.find(typed)
        assert found is not None and found.id == actor_id, typed
    assert names.find("South Korea") is None
    assert name_key(" Séoul ") == name_key("seoul")


def test_an_unknown_name_makes_one_new_actor_however_often_it_is_named() -> None:
    names = ActorNames(ACTORS)
    first = names.actor("Wagner  Group")
    assert first == Actor("wagner-group", "Wagner Group")
    assert names.actor("wagner group") is first and names.actor("WAGNER GROUP") is first
    assert names.new == [first]
    assert names.actor("Seoul").id == "seoul" and names.new == [first]


def test_a_name_wins_over_an_id_spelled_the_same() -> None:
    names = ActorNames([Actor("russia", "Moscow"), Actor("r2", "Russia")])
    assert names.find("Russia").id == "r2"  # type: ignore[union-attr]
    assert names.find("russia").id == "r2"  # type: ignore[union-attr]


def test_split_names() -> None:
    assert split_names("North Korea, Russia; Iran, north korea,, ") == [
        "North Korea", "Russia", "Iran",
    ]  # fmt: skip


def test_a_name_with_a_comma_is_one_name_when_quoted() -> None:
    assert split_names('"Korea, North"; Russia') == ["Korea, North", "Russia"]
    assert join_names(["Korea, North", "Russia"]) == '"Korea, North", Russia'


names_typed = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(names_typed, max_size=5))
def test_names_joined_for_the_form_read_back_as_the_same_names(names: list[str]) -> None:
    """What the event form shows of an event's actors gives back those actors on OK, even
    with commas, semicolons and double quotes in their names."""
    expected: list[str] = []
    for name in names:
        clean = " ".join(name.split())
        if clean and name_key(clean) not in {name_key(n) for n in expected}:
            expected.append(clean)
    assert split_names(join_names(expected)) == expected


def test_a_name_with_double_quotes_is_kept_as_it_is() -> None:
    name = 'Hamas "military wing"'
    assert join_names([name, "Iran"]) == 'Hamas "military wing", Iran'
    assert split_names(join_names([name, "Iran"])) == [name, "Iran"]
    assert split_names(join_names(['"Quoted", with a comma'])) == ['"Quoted", with a comma']


def test_the_event_form_fields_make_an_event_with_its_new_actors() -> None:
    from timeline_app.core.dates import parse_iso
    from timeline_app.core.event_edits import EventFields, event_from_fields
    from timeline_app.core.model import Event, Timeline

    t = Timeline("T", actors=list(ACTORS), events=[Event("talks", "Talks", parse_iso("2024"))])
    fields = EventFields("  Talks ", "1 Nov 2024", "1 Nov 2024", "seoul; Wagner Group, north korea",
                         "a, b, A", quotes=(("art", "  quoted "), ("art", "  ")))  # fmt: skip
    event, new = event_from_fields(t, fields)
    assert event.id == "talks-2" and event.title == "Talks" and event.end is None
    assert event.actors == ("seoul", "wagner-group", "north-korea")
    assert [a.name for a in new] == ["Wagner Group"] and event.tags == ("a", "b")
    assert [q.text for q in event.quotes] == ["quoted"]
    edited, _ = event_from_fields(t, fields, t.events[0])
    assert edited.id == "talks"
