from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_app.core.dates import (
    DateError,
    Precision,
    TimelineDate,
    end_before_start,
    ends_before_start,
    parse_date,
    parse_iso,
    span_words,
)


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("27 July 1953", "1953-07-27", Precision.DAY),
        ("Nov 2024", "2024-11", Precision.MONTH),
        ("November 2024", "2024-11", Precision.MONTH),
        ("2016", "2016", Precision.YEAR),
        ("1980s", "1980s", Precision.DECADE),
        ("the 1980s", "1980s", Precision.DECADE),
        ("1 Nov 2024", "2024-11-01", Precision.DAY),
        ("Friday 1 November 2024", "2024-11-01", Precision.DAY),
        ("  1953-07-27 ", "1953-07-27", Precision.DAY),
        ("2024-11", "2024-11", Precision.MONTH),
        ("July 27, 1953", "1953-07-27", Precision.DAY),
        ("25/12/2020", "2020-12-25", Precision.DAY),
        ("2024/11/01", "2024-11-01", Precision.DAY),
    ],
)
def test_free_text_keeps_the_precision_given(text: str, iso: str, precision: Precision) -> None:
    date = parse_date(text)
    assert date.iso() == iso
    assert date.precision is precision


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2024-02-30", "no day 30"),
        ("13/13/2020", "not a possible date"),
        ("31 February 2023", "not a possible date"),
        ("May", "no four-digit year"),
        ("Friday", "no four-digit year"),
        ("02/03/2024", "ambiguous"),
        ("", "no date given"),
        ("   ", "no date given"),
        ("soon", "soon"),
        ("Saturday 1 November 2024", "was a Friday"),
        ("March 2024 12:00", "time of day"),
    ],
)
def test_rejected_input_says_why_and_what_is_accepted(text: str, reason: str) -> None:
    with pytest.raises(DateError) as info:
        parse_date(text)
    message = str(info.value)
    assert reason in message
    if reason != "was a Friday":
        assert "accepted forms" in message


def test_parse_date_never_fills_missing_fields_from_today() -> None:
    year = parse_date("2016")
    assert (year.precision, year.first_day, year.last_day) == (
        Precision.YEAR,
        dt.date(2016, 1, 1),
        dt.date(2016, 12, 31),
    )
    month = parse_date("Feb 2024")
    assert month.last_day == dt.date(2024, 2, 29)


def test_each_date_covers_its_interval() -> None:
    decade = parse_iso("1980s")
    assert decade.first_day == dt.date(1980, 1, 1)
    assert decade.last_day == dt.date(1989, 12, 31)
    assert decade.end - decade.start == (dt.date(1990, 1, 1) - dt.date(1980, 1, 1)).days
    day = parse_iso("1953-07-27")
    assert day.end - day.start == 1


@pytest.mark.parametrize(
    ("iso", "words"),
    [
        ("1953-07-27", "27 July 1953"),
        ("2024-11", "November 2024"),
        ("2016", "2016"),
        ("1980s", "the 1980s"),
    ],
)
def test_words_respect_precision(iso: str, words: str) -> None:
    assert parse_iso(iso).words() == words


def test_spans_and_phrases_in_words() -> None:
    assert span_words(parse_iso("1983"), parse_iso("1987")) == "1983 – 1987"
    assert span_words(parse_iso("2024-11-01"), parse_iso("2024-11-05")) == "1 – 5 November 2024"
    assert parse_iso("1980s").phrase() == "in the 1980s"
    assert parse_iso("2024-11-01").phrase() == "on Friday 1 November 2024"


@pytest.mark.parametrize("bad", ["2016-13", "24-11-01", "1985s", "2024-1", "1980S", "x"])
def test_the_file_grammar_is_strict(bad: str) -> None:
    with pytest.raises(DateError):
        parse_iso(bad)


dates = st.builds(
    lambda p, d: TimelineDate.from_ordinal(d.toordinal(), p),
    st.sampled_from(list(Precision)),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9990, 12, 31)),
)


@given(dates)
def test_iso_round_trips(date: TimelineDate) -> None:
    assert parse_iso(date.iso()) == date
    assert date.start < date.end


@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9998, 12, 31)))
def test_a_day_read_from_a_file_is_the_day_made_the_usual_way(day: dt.date) -> None:
    """The file's days are made by a quicker path: the same date, interval and hash."""
    made = TimelineDate(Precision.DAY, day.year, day.month, day.day)
    read = parse_iso.__wrapped__(made.iso())
    assert read == made and hash(read) == hash(made) and repr(read) == repr(made)
    assert (read.precision, read.start, read.end) == (Precision.DAY, made.start, made.end)


@given(dates)
def test_words_parse_back_to_the_same_date(date: TimelineDate) -> None:
    if date.year >= 1000:  # written forms need a four-digit year
        assert parse_date(date.words()) == date


@given(st.text(max_size=30))
def test_parse_date_only_ever_raises_date_error(text: str) -> None:
    try:
        date = parse_date(text)
    except DateError:
        return
    assert date.start < date.end


@pytest.mark.parametrize(
    ("start", "end", "backwards"),
    [
        ("1980s", "1985", False),  # inside the decade: a span, not an error
        ("1985", "1980s", False),  # the decade runs on past 1985
        ("2024-11-01", "2024-11-01", False),  # the same day
        ("2024-11", "2024-10-31", True),
        ("1990", "1985", True),
    ],
)
def test_an_end_before_the_start_is_one_rule(start: str, end: str, backwards: bool) -> None:
    first, last = parse_date(start), parse_date(end)
    assert ends_before_start(first, last) is backwards
    problem = end_before_start(first, last)
    assert (problem is not None) is backwards
    if problem:
        assert problem == f"{last.iso()} is before the start {first.iso()}"
    assert not ends_before_start(first, None) and end_before_start(None, last) is None


@pytest.mark.parametrize("text", ["٢٠٢٤", "２０２４-11", "१९५३", "1953-٠٧-27"])
def test_digits_other_than_0_to_9_are_refused_and_said(text: str) -> None:
    with pytest.raises(DateError, match="is not a date"):
        parse_iso(text)  # the file format: ASCII digits only
    with pytest.raises(DateError, match="digits other than 0-9"):
        parse_date(text)
