"""Counts and lists in messages: plurals right, long lists cut short without losing a line."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.wording import LIST_LIMIT, clipped, plural, summarise

BOUNDED = settings(max_examples=50, deadline=None)
LINE = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"))


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "0 events"), (1, "1 event"), (2, "2 events"), (2000, "2,000 events"),
     (1_234_567, "1,234,567 events")],
)  # fmt: skip
def test_plural_of_a_regular_noun(n: int, expected: str) -> None:
    assert plural(n, "event") == expected


def test_plural_of_an_irregular_noun() -> None:
    assert plural(1, "quote mark", "quote marks") == "1 quote mark"
    assert plural(3, "person", "people") == "3 people"
    assert plural(1, "person", "people") == "1 person"


@BOUNDED
@given(st.integers(min_value=0, max_value=10**12))
def test_plural_shows_the_count_and_the_right_form(n: int) -> None:
    number, noun = plural(n, "file").split(" ")
    assert int(number.replace(",", "")) == n
    assert noun == ("file" if n == 1 else "files")


def test_a_short_list_is_shown_whole_with_no_details() -> None:
    lines = [f"line {i}" for i in range(LIST_LIMIT)]  # exactly the limit: nothing cut
    assert summarise(lines) == ("\n".join(lines), "")
    assert summarise([]) == ("", "")


def test_a_long_list_says_how_many_more_and_keeps_them_all_in_the_details() -> None:
    lines = [f"line {i}" for i in range(LIST_LIMIT + 1)]
    text, details = summarise(lines)
    assert text.splitlines()[:LIST_LIMIT] == lines[:LIST_LIMIT]
    assert lines[-1] not in text.splitlines()
    assert "and 1 more" in text.splitlines()[-1]
    assert details == "\n".join(lines)
    thousands = summarise(["x"] * 2015, limit=3)[0]
    assert "and 2,012 more" in thousands


@BOUNDED
@given(st.lists(LINE, max_size=40), st.integers(min_value=1, max_value=20))
def test_summarise_never_loses_a_line(lines: list[str], limit: int) -> None:
    text, details = summarise(lines, limit)
    if len(lines) <= limit:
        assert text == "\n".join(lines) and details == ""
        return
    shown = text.split("\n")
    assert shown[:limit] == lines[:limit]  # the first lines, as they are
    assert len(shown) == limit + 1  # and one line saying what was left out
    assert f"{len(lines) - limit:,} more" in shown[-1]
    assert details.split("\n") == lines  # every line, in the details


def test_a_text_is_clipped_only_when_longer_than_the_limit() -> None:
    assert clipped("abc", 3) == "abc"
    assert clipped("abcd", 3) == "abc…"
    assert clipped("a" * 1_234, 200, count=True) == "a" * 200 + "… (1,034 more characters)"
