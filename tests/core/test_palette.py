"""Actor colours: the file's colour wins, the others get distinct palette colours that stay
put when actors are added."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import DATASET

from timeline_app.core.fileformat import load_timeline
from timeline_app.core.model import Actor
from timeline_app.core.palette import PALETTE, actor_colors, is_color

BOUNDED = settings(max_examples=50, deadline=None)


@pytest.mark.parametrize("text", ["#0072B2", "#0072b2", "#000000", "#ffFFff"])
def test_is_color_accepts_rrggbb(text: str) -> None:
    assert is_color(text)


@pytest.mark.parametrize(
    "text",
    ["", "red", "#12345", "#1234567", "#12345g", "0072B2", " #0072B2", "#0072B2 ", "#0072B2\n",
     "#fff", "rgb(0,0,0)", "#٠١٢٣٤٥"],
)  # fmt: skip
def test_is_color_refuses_anything_else(text: str) -> None:
    assert not is_color(text)


def test_the_palette_is_distinct_valid_colours_without_black() -> None:
    assert all(is_color(c) for c in PALETTE)
    assert len({c.upper() for c in PALETTE}) == len(PALETTE)
    assert "#000000" not in PALETTE  # black reads as text, not as a category


COLOR = st.sampled_from(["", "", "#123456", *PALETTE, *(c.lower() for c in PALETTE)])
ACTORS = st.lists(COLOR, max_size=30).map(
    lambda colors: [Actor(f"a{i}", f"Actor {i}", c) for i, c in enumerate(colors)]
)


@BOUNDED
@given(ACTORS)
def test_every_actor_gets_a_colour_and_the_files_colour_wins(actors: list[Actor]) -> None:
    colors = actor_colors(actors)
    assert set(colors) == {a.id for a in actors}
    assert all(is_color(c) for c in colors.values())
    for a in actors:
        if a.color:
            assert colors[a.id] == a.color


@BOUNDED
@given(ACTORS)
def test_chosen_colours_avoid_each_other_and_the_files_colours_while_there_are_enough(
    actors: list[Actor],
) -> None:
    colors = actor_colors(actors)
    taken = {a.color.upper() for a in actors if a.color}
    chosen = [colors[a.id].upper() for a in actors if not a.color]
    free = [c for c in PALETTE if c.upper() not in taken]
    if len(chosen) <= len(free):
        assert len(set(chosen)) == len(chosen)  # no two actors share a colour
        assert not set(chosen) & taken  # nor one set in the file (whatever its case)


@BOUNDED
@given(ACTORS, st.sampled_from(["", "#ABCDEF"]))
def test_adding_an_actor_changes_no_other_actors_colour(actors: list[Actor], color: str) -> None:
    """An actor added at the end (uncoloured, or with a colour outside the palette) leaves
    every colour the user has already learnt where it was."""
    before = actor_colors(actors)
    after = actor_colors([*actors, Actor("new-actor", "New", color)])
    assert {k: after[k] for k in before} == before


def test_the_bundled_dataset_keeps_its_colours_and_the_rest_are_distinct() -> None:
    actors = load_timeline(DATASET).actors
    colors = actor_colors(actors)
    assert colors["north-korea"] == "#d55e00" and colors["ukraine"] == "#0072b2"
    # Okabe & Ito's orange-red and blue are taken by the file, whatever their case
    others = [colors[a.id] for a in actors if not a.color]
    assert "#D55E00" not in others and "#0072B2" not in others
    # 15 uncoloured actors and 16 - 3 palette colours left: as many distinct as there can be
    assert len(set(others)) == min(len(others), len(PALETTE) - 3) == 13
