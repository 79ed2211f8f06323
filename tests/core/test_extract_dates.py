"""The extractor's date grammar (core/extract_dates.py): every form of issue 19 and the
traps, read as a user would check them against a calendar."""

from __future__ import annotations

import pytest

from timeline_app.core.dates import TimelineDate, parse_iso
from timeline_app.core.extract_dates import Context, DateMention, find_dates

PUB = parse_iso("2024-11-04")  # a Monday


def dates(sentence: str, published: TimelineDate | None = PUB) -> list[DateMention]:
    return find_dates(sentence, Context(published))


def read(sentence: str, published: TimelineDate | None = PUB) -> tuple[str | None, ...]:
    """The one date of the sentence: (start, end or None) in the app's ISO forms."""
    found = dates(sentence, published)
    assert len(found) == 1, found
    m = found[0]
    return (m.start.iso() if m.start else None, m.end.iso() if m.end else None)


@pytest.mark.parametrize(
    ("sentence", "start", "end"),
    [
        ("The armistice was signed on 27 July 1953.", "1953-07-27", None),
        ("It was signed on 27th July 1953.", "1953-07-27", None),
        ("It was signed on July 27, 1953, at Panmunjom.", "1953-07-27", None),
        ("Nov. 18, 2024 was a Monday.", "2024-11-18", None),
        ("On Friday, 1 November 2024, they met.", "2024-11-01", None),
        ("They met on 2024-11-01 in Moscow.", "2024-11-01", None),
        ("the first to recognize North Korea on October 12, 1948, shortly after", "1948-10-12",
         None),
        ("In September 2022, Russia reportedly purchased shells.", "2022-09", None),
        ("Fighting resumed in late February 2020.", "2020-02", None),  # the month
        ("Aleppo fell in 2016.", "2016", None),
        ("The economy shrank in early 2020.", "2020", None),  # the year
        ("Kim accepted an invitation in mid-2015.", "2015", None),
        ("They met in the summer of 2023.", "2023", None),
        ("They repressed dissent in the 1980s.", "1980s", None),
        ("It was built in the mid-1980s.", "1980s", None),  # the decade
        ("Music of the '80s was loud.", "1980s", None),
        ("The campaign ran from 1983 to 1987.", "1983", "1987"),
        ("The campaign ran between 1983 and 1987.", "1983", "1987"),
        ("The campaign (1983–1987) was brutal.", "1983", "1987"),
        ("It rained from March to May 2020.", "2020-03", "2020-05"),
        ("From 1989 the border was open.", "1989", None),  # start only
        ("Sanctions have applied since 2014.", "2014", "2024-11-04"),  # a state still so
    ],
)  # fmt: skip
def test_absolute_dates_and_spans(sentence: str, start: str, end: str | None) -> None:
    assert read(sentence) == (start, end)


@pytest.mark.parametrize(
    ("sentence", "start", "end"),
    [
        ("She spoke to the media today.", "2024-11-04", None),
        ("The talks ended yesterday.", "2024-11-03", None),
        ("They met on Friday.", "2024-11-01", None),  # the latest Friday on or before
        ("They meet on Monday.", "2024-11-04", None),  # the publication day itself
        ("They will meet next Friday.", "2024-11-08", None),
        ("They met last Monday.", "2024-10-28", None),
        ("Troops arrived this week.", "2024-11-04", "2024-11-10"),  # Monday to Sunday
        ("Troops arrived last week.", "2024-10-28", "2024-11-03"),
        ("A year ago this week, the offensive began.", "2023-11-06", "2023-11-12"),
        ("Troops began entering Russia last month.", "2024-10", None),
        ("The law passed this year.", "2024", None),
        ("The law passed last year.", "2023", None),
        ("Spending will rise next year.", "2025", None),
        ("An election is due later this year.", "2024", None),
        ("The deal was struck a year ago.", "2023", None),
        ("Russia invaded 979 days ago.", "2022-03-01", None),
        ("Russia invaded almost 1000 days ago.", "2022", None),  # approximate: the year
        ("Trump was informed of the threat last December.", "2023-12", None),
        ("The vote was held on October 7.", "2024-10-07", None),  # the publication year
        ("An election will be held on October 27.", "2025-10-27", None),  # next occurrence
        ("For 979 days, Russia has waged a war.", "2022-03-01", "2024-11-04"),
    ],
)  # fmt: skip
def test_relative_dates_count_from_the_publication_date(
    sentence: str, start: str, end: str | None
) -> None:
    assert read(sentence) == (start, end)


def test_a_weekday_needs_a_date_when_the_publication_date_has_no_day() -> None:
    (m,) = dates("After meeting Lavrov on Friday, Choe vowed support.", parse_iso("2024-11"))
    assert m.needs_date and m.start is None
    assert "has no day" in m.note
    (m,) = dates("They met on Friday.", None)
    assert m.needs_date
    (m,) = dates("They met last month.", parse_iso("2024-11"))  # a month is enough
    assert m.start == parse_iso("2024-10") and not m.needs_date
    (m,) = dates("They met on Friday.")
    assert m.note == "“on Friday”, counted back from 4 November 2024"


def test_durations_count_from_the_date_of_the_sentence_before() -> None:
    anchor = parse_iso("1953-07-27")
    (m,) = find_dates("Nine days later, prisoners were exchanged.", Context(PUB, anchor))
    assert m.start == parse_iso("1953-08-05")
    (m,) = find_dates("The following year, talks began.", Context(PUB, anchor))
    assert m.start == parse_iso("1954")
    (m,) = find_dates("During the same year, the DMZ was drawn.", Context(PUB, parse_iso("1953")))
    assert m.start == parse_iso("1953")
    assert find_dates("Nine days later, prisoners were exchanged.", Context(PUB)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "About 2,000 troops crossed the border.",
        "Russia suffered 1,953 casualties.",
        "Resolution 2231 endorsed the deal.",
        "Resolution 1718 imposed sanctions.",
        "The unit lost 1500 soldiers.",
        "Theresa May said the talks went well.",
        "May I ask a question?",
        "March forward, the general said.",
        "Troops will march on the capital.",
        "The range is about 190 miles.",
        "Over 40% of spending goes to defence.",
        "Casualties average about 1,200 per day.",
        "The DMZ runs close to the 38th parallel.",
        "He has fought for decades.",
        "Officials met recently, in recent days.",
        "The border is 17 kilometers (11 mi) long.",
        "Good Friday is a holiday.",
    ],
)
def test_traps_are_not_dates(sentence: str) -> None:
    assert dates(sentence) == []


def test_may_and_march_as_months() -> None:
    assert read("Elections were held in May.") == ("2024-05", None)
    assert read("On 3 March 2022, the Assembly voted.") == ("2022-03-03", None)
    assert read("March 2022 saw the vote.") == ("2022-03", None)


def test_yearless_dates_take_the_year_the_paragraph_has_made_clear() -> None:
    (m,) = find_dates("On 25 June, the North invaded.", Context(None, year=1950))
    assert m.start == parse_iso("1950-06-25")
    (m,) = find_dates("On 25 June, the North invaded.", Context(None))
    assert m.needs_date


@pytest.mark.parametrize(
    ("sentence", "start", "end"),
    [
        # a weekday in a sentence about what is to come: the next one (PUB is a Monday)
        ("The minister will fly to Oslo on Thursday.", "2024-11-07", None),
        ("We're going to decide on Friday.", "2024-11-08", None),
        ("The package is coming on Wednesday.", "2024-11-06", None),
        ("They voted on Thursday.", "2024-10-31", None),  # what happened: the one before
        # weekends: Saturday and Sunday
        ("Protesters gathered over the weekend.", "2024-11-02", "2024-11-03"),
        ("Talks were held in Doha this weekend.", "2024-11-02", "2024-11-03"),
        ("The fair opened last weekend.", "2024-11-02", "2024-11-03"),
        ("The fair will open next weekend.", "2024-11-09", "2024-11-10"),
        ("Three years ago this week, the dam burst.", "2021-11-08", "2021-11-14"),
        ("We mark five years this week since the flood.", "2019-11-11", "2019-11-17"),
        ("The vote is three days from now.", "2024-11-07", None),
        # days of one month, however written
        ("The summit ran from 3 to 5 May 2021.", "2021-05-03", "2021-05-05"),
        ("The festival runs 3–5 May 2021 in Bergen.", "2021-05-03", "2021-05-05"),
        ("It toured Peru from July 19th to the 21st.", "2024-07-19", "2024-07-21"),
        ("Ballots are counted on April 11-15.", "2024-04-11", "2024-04-15"),
        ("The fort fell on the 14th of March, 1781.", "1781-03-14", None),
        # months of a year the text is about
        ("Exports fell in the first six months of the year.", "2024-01", "2024-06"),
        ("Sales rose in the last quarter of last year.", "2023-10", "2023-12"),
        # a year before a singular noun it dates
        ("A 1998 survey found lead in the water.", "1998", None),
    ],
)  # fmt: skip
def test_more_forms(sentence: str, start: str, end: str | None) -> None:
    assert read(sentence) == (start, end)


def test_a_date_counts_from_the_date_before_it_in_the_same_sentence() -> None:
    later = find_dates("Rebels took the port on 5 June 1944, and it was shelled the next day.")
    assert [m.start.iso() for m in later if m.start] == ["1944-06-05", "1944-06-06"]
    (_, same) = find_dates("The dyke broke on 2 May 1998 and the town flooded later in the day.")
    assert same.start == parse_iso("1998-05-02")
    (m,) = find_dates(
        "Her deputy was sworn in that same day.", Context(PUB, parse_iso("1961-01-20"))
    )
    assert m.start == parse_iso("1961-01-20")
    assert dates("Exports fell in the first six months of the year.", None)[0].needs_date


@pytest.mark.parametrize(
    "sentence",
    [
        "The 1962–63 season was the coldest.",  # a season's name
        "Historians revised the 1990 figures.",  # figures of a year
        "Turnout rose to 70 percent, compared with 61 percent in 2012.",
        "Sales matched the same period for 2019.",
        "Arsenal won 3-1 in Madrid.",
        "Its 2000 workers struck.",  # "its" is not a label ("s"), but 2000 workers a count
    ],
)
def test_names_figures_and_comparisons_are_not_dates(sentence: str) -> None:
    assert dates(sentence) == []
