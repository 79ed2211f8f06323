"""Ids made from titles: readable, cut after a whole word, unique however many share a
title (a CSV of a million rows without ids); the one chronological order."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.dates import parse_iso
from timeline_app.core.model import (
    SLUG_LENGTH,
    Event,
    IdMaker,
    chronological,
    slugify,
    unique_id,
)


def test_a_long_title_is_cut_after_a_whole_word() -> None:
    title = "North Korean troops in Ukraine may soon face their worst fear: South Korean missiles"
    slug = slugify(title)
    assert slug == "north-korean-troops-in-ukraine-may-soon-face-their-worst"  # not "…-fea"
    assert len(slug) <= SLUG_LENGTH
    assert slugify("x" * 100) == "x" * SLUG_LENGTH  # one endless word: cut where it must be
    assert slugify("Choe meets Lavrov!") == "choe-meets-lavrov" and slugify("¿?") == "item"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_a_slug_is_short_plain_and_made_of_whole_words(title: str) -> None:
    slug = slugify(title)
    assert 0 < len(slug) <= SLUG_LENGTH and slug == slug.strip("-")
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in slug)
    full = slugify(title + " " + "z" * 200).removesuffix("-" + "z" * 200)
    if len(full) > SLUG_LENGTH and slug != "item":
        words = full.split("-")
        assert slug.split("-") == words[: len(slug.split("-"))] or len(words[0]) > SLUG_LENGTH


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Kursk", "kursk!", "Aleppo", "x" * 70, ""]), max_size=40),
       st.sets(st.sampled_from(["kursk", "kursk-2", "kursk-4", "aleppo-3"])))  # fmt: skip
def test_made_ids_are_unique_and_the_same_as_one_at_a_time(
    titles: list[str], taken: set[str]
) -> None:
    maker = IdMaker(taken)
    made = [maker.make(t) for t in titles]
    assert len(set(made)) == len(made) and not set(made) & taken
    one_by_one: set[str] = set(taken)
    for title, ident in zip(titles, made, strict=True):
        assert unique_id(title, one_by_one) == ident  # the first free number, as before
        one_by_one.add(ident)


def test_a_first_save_is_named_after_the_title_in_any_script() -> None:
    from timeline_app.core.file_names import timeline_file_name

    assert (
        timeline_file_name("North Korea's Troops in Kursk") == "north-koreas-troops-in-kursk.json"
    )
    assert timeline_file_name("Война в Украине") == "война-в-украине.json"
    assert timeline_file_name("2024: война") == "2024-война.json"
    assert timeline_file_name("  ") == timeline_file_name("?!") == "timeline.json"
    long = timeline_file_name("word " * 40)
    assert len(long) <= 60 + len(".json") and not long.startswith("-") and "--" not in long


def test_an_import_is_proposed_beside_its_file_under_a_name_of_its_own(tmp_path: Path) -> None:
    from timeline_app.core.file_names import imported_file_name

    eras = tmp_path / "eras.json"
    eras.write_text("{}", encoding="utf-8")
    assert imported_file_name(eras) == tmp_path / "eras-timeline.json"
    assert imported_file_name(tmp_path / "Kursk.TimelineJS.json").name == "Kursk-timeline.json"
    (tmp_path / "eras-timeline.json").write_text("{}", encoding="utf-8")  # never replaced
    assert imported_file_name(eras) == tmp_path / "eras-timeline 2.json"
    assert imported_file_name(tmp_path / ".json").name == "imported-timeline.json"


starts = st.sampled_from(["1980s", "1983", "1983-01", "1983-01-01", "1983-07", "1990s", "2024"])
titles = st.sampled_from(["Kursk", "kursk", "KURSK", "Armistice", "Ärmistice", "ß", "ss", ""])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(starts, titles, st.from_regex(r"[a-c]{1,2}", fullmatch=True)),
        max_size=30,
    )
)  # fmt: skip
def test_chronological_is_the_order_of_the_sort_key(rows: list[tuple[str, str, str]]) -> None:
    """The index sorts with chronological(); positions are found with the sort key: the
    two must agree on every order, ties of day, precision and folded title included."""
    events = [Event(i, t, parse_iso(d)) for d, t, i in rows]
    assert chronological(events) == sorted(events, key=Event.sort_key)
