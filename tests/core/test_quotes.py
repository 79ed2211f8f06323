from __future__ import annotations

import re
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from paths import ARTICLE, DATASET

from timeline_app.core.fileformat import load_timeline
from timeline_app.core.quotes import NormalisedText, closest_passage, find_quote, normalise
from timeline_app.core.source_texts import SourceTexts, check_quotes

TEXT = "He said “stand alongside our\n  Russian comrades” on Friday. Another sentence here."


def test_quote_found_ignoring_whitespace_and_quote_marks() -> None:
    match = find_quote('"stand alongside our Russian comrades"', TEXT)
    assert match is not None
    assert TEXT[match.start : match.end] == "“stand alongside our\n  Russian comrades”"


def test_anything_else_must_match_exactly() -> None:
    assert find_quote("stand alongside our Russian comrade.", TEXT) is None
    assert find_quote("Stand alongside", TEXT) is None  # case matters
    assert find_quote("", TEXT) is None


def test_closest_passage_points_at_the_nearest_passage() -> None:
    match = closest_passage("stood alongside their Russian comrades on Friday", TEXT)
    assert match is not None
    assert "Russian comrades" in TEXT[match.start : match.end]
    assert "Another" not in TEXT[match.start : match.end]
    assert 0.5 < match.score < 1
    article = ARTICLE.read_text(encoding="utf-8")
    near = closest_passage("North Korean troops are fighting in Europe", article)
    assert near is not None
    assert "would be fighting on European" in article[near.start : near.end]


def test_every_bundled_quote_is_found_in_the_article() -> None:
    """Each where it was copied from: the article's quotes in the article, the other
    sources' quotes in their own texts."""
    timeline = load_timeline(DATASET)
    texts = SourceTexts(DATASET.parent)
    originals = {
        s.id: (DATASET.parent / s.text_file).read_text(encoding="utf-8") for s in timeline.sources
    }
    assert ARTICLE.read_text(encoding="utf-8") in originals.values()
    quotes = [q for e in timeline.events for q in e.quotes]
    assert len(quotes) >= 9
    assert all(e.quotes for e in timeline.events), "every bundled event quotes a source"
    assert {q.source for q in quotes} == set(originals)  # every source's text is quoted
    for q in quotes:
        match, reason = texts.find(timeline, q)
        assert match is not None, (q.text, reason)
        found = originals[q.source][match.start : match.end]
        assert found.replace("’", "'") == q.text.replace("’", "'"), (q.source, found)
    assert check_quotes(timeline, texts) == []


def test_check_quotes_warns_for_a_quote_not_in_its_source(dataset_copy: Path) -> None:
    timeline = load_timeline(dataset_copy)
    e = timeline.events[0]
    from timeline_app.core.model import replace

    bad = replace(e, quotes=(replace(e.quotes[0], text="words the article never used"),))
    timeline.events[0] = bad
    (warning,) = check_quotes(timeline, SourceTexts(dataset_copy.parent))
    assert warning.warning and warning.where == f"events[0] ({e.id}).quotes[0]"
    assert "not found" in warning.message
    (dataset_copy.parent / ARTICLE.name).unlink()
    warnings = check_quotes(load_timeline(dataset_copy), SourceTexts(dataset_copy.parent))
    assert warnings and all(
        "cannot be read: No such file or directory" in w.message for w in warnings
    )  # and why
    (dataset_copy.parent / ARTICLE.name).write_bytes(b"caf\xe9 au lait")  # Latin-1
    warnings = check_quotes(load_timeline(dataset_copy), SourceTexts(dataset_copy.parent))
    assert warnings and all("not UTF-8 (nor UTF-16) text" in w.message for w in warnings)
    # a text saved as UTF-16 (Notepad's "Unicode") is read: its quotes are found
    (dataset_copy.parent / ARTICLE.name).write_bytes(ARTICLE.read_text("utf-8").encode("utf-16"))
    assert check_quotes(load_timeline(dataset_copy), SourceTexts(dataset_copy.parent)) == []


ARTICLE_TEXT = NormalisedText(ARTICLE.read_text(encoding="utf-8"))


@settings(max_examples=60, deadline=None)
@given(
    start=st.integers(0, 10_000),
    length=st.integers(6, 25),
    damage=st.sampled_from(["drop a word", "typo", "case", "swap two words"]),
    where=st.floats(0, 1),
)
@example(start=95, length=6, damage="swap two words", where=0.5)  # once failed CI
def test_a_quote_with_a_slip_points_at_the_passage_it_came_from(
    start: int, length: int, damage: str, where: float
) -> None:
    """A quote copied from the article with one slip: the closest passage is where it was
    copied from (it overlaps it), and is scored as close."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", ARTICLE_TEXT.original)]
    first = start % (len(words) - length)
    span = words[first : first + length]
    typed = [ARTICLE_TEXT.original[a:b] for a, b in span]
    k = int(where * (length - 1))
    if damage == "drop a word":
        del typed[k]
    elif damage == "typo":
        typed[k] = typed[k][:-1] + ("x" if typed[k][-1] != "x" else "y")
    elif damage == "case":
        typed[k] = typed[k].swapcase()
    else:
        j = min(k + 1, length - 1)
        typed[k], typed[j] = typed[j], typed[k]
    quote = " ".join(typed)
    match = closest_passage(quote, ARTICLE_TEXT)
    assert match is not None
    copied = (span[0][0], span[-1][1])
    there = SequenceMatcher(
        None, normalise(quote).lower(), normalise(ARTICLE_TEXT.original[slice(*copied)]).lower()
    ).ratio()
    overlaps = match.start < copied[1] and copied[0] < match.end
    # where it came from, or a passage at least as like it (the article repeats phrases)
    assert overlaps or match.score >= there - 0.01, (match, there)
    if damage != "swap two words":  # two long words swapped in six score lower: 0.735
        assert match.score > 0.75
    else:
        assert match.score >= there - 0.01


def test_a_quote_sharing_no_word_has_no_closest_passage_and_answers_are_remembered() -> None:
    assert closest_passage("Zyxw qvbn plok", ARTICLE_TEXT) is None
    quote = "North Korean troops are fighting in Europe"
    first = closest_passage(quote, ARTICLE_TEXT)
    assert closest_passage(quote, ARTICLE_TEXT) is first  # the same answer, not searched again


def reference_normalised(text: str) -> tuple[str, list[int]]:
    """The straightforward version: character by character, each one's origin kept."""
    marks = str.maketrans("‘’‚′“”„″", "''''\"\"\"\"")
    chars: list[str] = []
    origin: list[int] = []
    in_space = False
    for i, ch in enumerate(text.translate(marks)):
        if ch.isspace():
            if not in_space and chars:
                chars.append(" ")
                origin.append(i)
            in_space = True
            continue
        in_space = False
        chars.append(ch)
        origin.append(i)
    return "".join(chars), origin


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("ab “”’ \t\n\r\x0b\x1c\u00a0\u2003\u3000é")), max_size=40))
def test_the_normalised_text_maps_every_character_back_to_where_it_came_from(text: str) -> None:
    expected, origin = reference_normalised(text)
    normalised = NormalisedText(text)
    assert normalised.text == expected
    assert [normalised.origin(i) for i in range(len(expected))] == origin


def test_a_long_text_normalised_in_pieces_maps_back_like_a_short_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from timeline_app.core import quotes

    monkeypatch.setattr(quotes, "PIECE", 7)  # many pieces, cut between two letters
    for text in ["  ab  cd\n\n“ef”   gh ij  ", "a b c d e", "abcdefghijklmnop   q", "   ", "x"]:
        expected, origin = reference_normalised(text)
        normalised = NormalisedText(text)
        assert normalised.text == expected, text
        assert [normalised.origin(i) for i in range(len(expected))] == origin


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from(list("ab '’\"“ \n")), max_size=30))
def test_a_quote_takes_the_sources_characters_and_keeps_its_spacing(passage: str) -> None:
    from timeline_app.core.quotes import as_in_source, straightened

    typed = " ".join(straightened(passage).split())  # straight marks, single spaces
    exact = as_in_source(typed, passage)
    assert [c for c in exact if not c.isspace()] == [c for c in passage if not c.isspace()]
    assert [c.isspace() for c in exact] == [c.isspace() for c in typed]
