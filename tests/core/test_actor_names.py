"""One rule turns a typed name into an actor, wherever it is typed."""

from __future__ import annotations

from timeline_app.core.actor_names import ActorNames, name_key, split_names
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
