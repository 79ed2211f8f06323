"""Actor colours: the file's colour wins, the others get distinct palette colours that stay
put when actors are added."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import DATASET

from timeline_app.core.color_metrics import (
    DEFICIENCIES,
    as_seen_with,
    contrast,
    delta_e,
    delta_e_lab,
)
from timeline_app.core.fileformat import load_timeline
from timeline_app.core.model import Actor
from timeline_app.core.palette import (
    DARK_PALETTE,
    DISTINCT,
    LIGHT_PALETTE,
    PALETTE,
    SHAPES,
    actor_colors,
    actor_styles,
    is_color,
)

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


def test_the_bundled_dataset_gives_its_18_actors_distinct_looks() -> None:
    """The bundled actors take the palette: the first 12 twelve colours, the rest the same
    colours as squares; no two actors look alike."""
    actors = load_timeline(DATASET).actors
    styles = actor_styles(actors)
    assert len(actors) == 18 and not any(a.color for a in actors)
    looks = [(styles[a.id].light, styles[a.id].shape) for a in actors]
    assert len(set(looks)) == 18
    assert [s for _, s in looks] == ["circle"] * 12 + ["square"] * 6
    assert len({c for c, _ in looks[:12]}) == 12


@pytest.mark.parametrize(
    ("colors", "background"), [(LIGHT_PALETTE, "#FFFFFF"), (DARK_PALETTE, "#1E1E1E")]
)
def test_the_twelve_colours_are_far_apart_for_every_eye_and_stand_out(
    colors: tuple[str, ...], background: str
) -> None:
    """Issue 15's rules: any two of the 12 differ by CIEDE2000 >= 20, and by >= 10 as seen
    with protanopia and with deuteranopia; each has 3:1 contrast with its background."""
    assert len(colors) == 12 and len({c.upper() for c in colors}) == 12
    for a, b in itertools.combinations(colors, 2):
        assert delta_e(a, b) >= 20, (a, b)
        for deficiency in DEFICIENCIES:
            seen = delta_e(as_seen_with(a, deficiency), as_seen_with(b, deficiency))
            assert seen >= 10, (a, b, deficiency)
    for c in colors:
        assert contrast(c, background) >= 3.0, c


@BOUNDED
@given(st.integers(0, 60), st.lists(st.sampled_from(["", "#123456", *LIGHT_PALETTE]), max_size=8))
def test_every_actor_looks_different_up_to_48(n: int, coloured: list[str]) -> None:
    """Every (colour, shape) pair is one actor's up to 48 actors, file colours included
    (one taken by the file is not handed out again as a circle)."""
    actors = [Actor(f"f{i}", f"F{i}", c) for i, c in enumerate(coloured)]
    actors += [Actor(f"a{i}", f"A{i}") for i in range(n)]
    styles = actor_styles(actors)
    looks = [(styles[a.id].light.upper(), styles[a.id].shape) for a in actors]
    files = [c.upper() for c in coloured if c]
    if len(actors) <= DISTINCT and len(set(files)) == len(files):
        assert len(set(looks)) == len(looks)
    assert all(s in SHAPES for _, s in looks)


def test_colour_maths_matches_published_values() -> None:
    """CIEDE2000 against Sharma, Wu & Dalal's test pairs; contrast against WCAG's ends."""
    pairs = [
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
        ((22.7233, 20.0904, -46.6940), (23.0331, 14.9730, -42.5619), 2.0373),
        ((90.8027, -2.0831, 1.4410), (91.1528, -1.6435, 0.0447), 1.4441),
    ]
    for one, other, expected in pairs:
        assert delta_e_lab(one, other) == pytest.approx(expected, abs=1e-4)
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#777777") == pytest.approx(1.0)
    assert as_seen_with("#808080", "deuteranopia") == "#808080"  # greys stay grey
