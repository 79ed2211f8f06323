from __future__ import annotations

from dataclasses import replace

import pytest
from core_helpers import applied
from paths import DATASET

from timeline_app.core.dates import Precision, TimelineDate, parse_iso
from timeline_app.core.era_edits import (
    EraEditError,
    EraFields,
    add_era_change,
    delete_era_change,
    edit_era_change,
    era_from_fields,
    new_era_id,
    read_era_fields,
)
from timeline_app.core.fileformat import load_timeline
from timeline_app.core.model import Era, Timeline

KOREAN_WAR = EraFields("Korean War", "25 June 1950", "27 July 1953", "#8899aa", "Armistice.")


@pytest.fixture(scope="module")
def original() -> Timeline:
    return load_timeline(DATASET)


def bare() -> Timeline:
    return Timeline("T")


# -- reading the fields ------------------------------------------------------------------
def test_fields_in_the_apps_date_forms_are_read_with_their_precision() -> None:
    reading = read_era_fields(EraFields("  Cold   War ", "1947", "Dec 1991", "", "  bounds  "))
    assert reading.problems == {}
    assert reading.name == "Cold War" and reading.notes == "bounds"
    assert reading.start == parse_iso("1947") and reading.end == parse_iso("1991-12")
    assert read_era_fields(EraFields("Eighties", "the 1980s")).start == parse_iso("1980s")


def test_an_empty_end_is_an_ongoing_era() -> None:
    reading = read_era_fields(EraFields("War", "24 February 2022", "  "))
    assert reading.problems == {} and reading.end is None


def test_a_name_and_a_start_are_required() -> None:
    reading = read_era_fields(EraFields("  ", ""))
    assert reading.problems == {
        "name": "An era needs a name.",
        "start": "An era needs a start date.",
    }
    assert reading.message() == "Name: An era needs a name.\nStart: An era needs a start date."


def test_a_date_that_is_not_one_says_why_and_what_is_accepted() -> None:
    problems = read_era_fields(EraFields("War", "31 February 2024", "soon")).problems
    assert "'31 February 2024' is not a possible date" in problems["start"]
    assert "'soon' has no four-digit year" in problems["end"]
    assert "accepted forms" in problems["end"]
    ambiguous = read_era_fields(EraFields("War", "02/03/2024")).problems
    assert "ambiguous" in ambiguous["start"]


def test_an_end_before_the_start_is_refused_in_words() -> None:
    reading = read_era_fields(EraFields("Korean War", "27 July 1953", "25 June 1950"))
    assert reading.problems == {"end": "The end (25 June 1950) is before the start (27 July 1953)."}


@pytest.mark.parametrize(
    ("start", "end"),
    [("1950", "1950"), ("1980s", "1985"), ("June 1950", "25 June 1950"), ("1953", "1953-01-01")],
)
def test_an_end_within_or_after_the_start_is_accepted(start: str, end: str) -> None:
    assert read_era_fields(EraFields("Era", start, end)).problems == {}


def test_a_colour_is_empty_or_rrggbb() -> None:
    assert read_era_fields(EraFields("Era", "1950", color="#A1b2C3")).problems == {}
    problems = read_era_fields(EraFields("Era", "1950", color="red")).problems
    assert problems == {"color": "'red' is not a colour: write \"#rrggbb\"."}


def test_the_fields_of_an_era_read_back_as_the_same_era(original: Timeline) -> None:
    for era in original.eras:
        assert era_from_fields(original, EraFields.of(era), era) == era
    early = Era(
        "early", "Early", TimelineDate(Precision.YEAR, 500), TimelineDate(Precision.DAY, 812, 3, 1)
    )
    fields = EraFields.of(early)
    assert (fields.start, fields.end) == ("0500", "0812-03-01")  # "500" would not read back
    assert era_from_fields(bare(), fields, early) == early


# -- the changes ---------------------------------------------------------------------------
def test_add_era_gets_an_id_from_its_name_and_goes_last(original: Timeline) -> None:
    change, era = add_era_change(original, KOREAN_WAR)
    assert change.description == "Add era “Korean War”"
    assert era.id == "korean-war-2"  # the dataset has a "korean-war" already
    assert (era.name, era.color, era.notes) == ("Korean War", "#8899aa", "Armistice.")
    assert (era.start, era.end) == (parse_iso("1950-06-25"), parse_iso("1953-07-27"))
    after = applied(original, change)
    assert after.eras == [*original.eras, era]
    assert after.events == original.events

    first, era = add_era_change(bare(), KOREAN_WAR)
    assert era.id == "korean-war"
    assert applied(bare(), first).eras == [era]


def test_new_ids_never_clash(original: Timeline) -> None:
    taken = {e.id for e in original.eras}
    assert new_era_id(original, "Cold War") not in taken
    assert new_era_id(original, "Thaw") == "thaw"
    assert new_era_id(original, "!!!") == "item"


def test_add_refuses_fields_with_problems_and_says_which(original: Timeline) -> None:
    with pytest.raises(EraEditError) as caught:
        add_era_change(original, EraFields("", "1953", "1950"))
    assert str(caught.value) == (
        "Name: An era needs a name.\nEnd: The end (1950) is before the start (1953)."
    )


def test_edit_era_keeps_its_id_place_and_unknown_fields(original: Timeline) -> None:
    era = original.eras[1]
    timeline = replace(
        original, eras=[*original.eras[:1], replace(era, extra={"x": 1}), *original.eras[2:]]
    )
    fields = replace(EraFields.of(era), name="The Korean War", end="", color="#112233")
    change = edit_era_change(timeline, era.id, fields)
    assert change.description == "Edit era “The Korean War”"
    after = applied(timeline, change)
    edited = after.eras[1]
    assert (edited.id, edited.name, edited.end, edited.color) == (
        era.id, "The Korean War", None, "#112233",
    )  # fmt: skip
    assert edited.start == era.start and edited.extra == {"x": 1}
    assert [e.id for e in after.eras] == [e.id for e in original.eras]


def test_edit_refuses_a_bad_end_and_an_unknown_era(original: Timeline) -> None:
    era = original.eras[1]
    with pytest.raises(EraEditError, match=r"End: The end \(1900\) is before the start"):
        edit_era_change(original, era.id, replace(EraFields.of(era), end="1900"))
    with pytest.raises(EraEditError, match="no era 'gone'"):
        edit_era_change(original, "gone", KOREAN_WAR)


def test_delete_era_and_undo_puts_it_back_in_its_place(original: Timeline) -> None:
    era = original.eras[1]
    change = delete_era_change(original, era.id)
    assert change.description == f"Delete era “{era.name}”"
    after = applied(original, change)  # (the inverse restores the list exactly)
    assert [e.id for e in after.eras] == [e.id for e in original.eras if e.id != era.id]
    with pytest.raises(EraEditError, match="no era 'gone'"):
        delete_era_change(original, "gone")
