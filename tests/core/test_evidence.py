"""Evidence an analyst can weigh: grades in words, which sources are independent, how well
each event is supported, and the disagreements proposed between its quotes."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.dates import parse_iso
from timeline_app.core.disagreements import confirmed, contradictions, dismissed, proposals
from timeline_app.core.evidence import Sources, Support, event_support
from timeline_app.core.grades import grade_code, grade_words
from timeline_app.core.model import Event, Quote, Source, Stance, replace
from timeline_app.core.quantities import amounts, dates, number_value

# a wire story, a paper that rewrites it, a second rewrite, two outlets of one government
WIRE = Source("wire", "Wire story", publication="Example Wire")
PAPER = Source("paper", "Paper", publication="The Paper", derived_from=("wire",))
DIGEST = Source("digest", "Digest", derived_from=("paper",))
SISTER = Source("sister", "Sister", derived_from=("wire",))
DOD = Source("dod", "DOD News", publication="US Government")
USUN = Source("usun", "US Mission", publication="  us   government ")
UK = Source("uk", "UK statement", publication="GOV.UK", reliability="B")
SOURCES = Sources([WIRE, PAPER, DIGEST, SISTER, DOD, USUN, UK])
EVERY_TEXT = lambda _source: True  # noqa: E731


def test_grades_are_shown_as_code_and_words() -> None:
    quote = Quote("uk", "x", credibility=2)
    assert grade_words(UK, quote) == "B2 — usually reliable, probably true"
    assert grade_words(WIRE) == "F — reliability cannot be judged"
    assert grade_code(WIRE, Quote("wire", "x")) == "F6"  # the defaults
    assert grade_code(None) == "F"


@pytest.mark.parametrize(
    ("a", "b", "independent", "why"),
    [
        ("wire", "paper", False, "“Paper” derives from “Wire story”"),
        ("digest", "wire", False, "“Digest” derives from “Wire story”"),  # through a chain
        ("paper", "sister", False, "“Paper” and “Sister” both derive from “Wire story”"),
        ("digest", "sister", False, "“Digest” and “Sister” both derive from “Wire story”"),
        # one publication, however spelt
        ("dod", "usun", False, "“DOD News” and “US Mission” are both US Government"),
        ("dod", "uk", True, ""),
        ("wire", "uk", True, ""),
        ("uk", "uk", False, "the same source"),
    ],
)
def test_sources_are_independent_unless_they_share_an_origin_or_an_outlet(
    a: str, b: str, independent: bool, why: str
) -> None:
    assert SOURCES.independent(a, b) is independent
    assert SOURCES.independent(b, a) is independent
    assert SOURCES.why_not_independent(a, b) == why
    assert bool(SOURCES.why_not_independent(b, a)) is not independent


def _event(*quotes: Quote) -> Event:
    return Event("e", "E", parse_iso("2024-10"), quotes=quotes)


@pytest.mark.parametrize(
    ("quotes", "support", "independent"),
    [
        ((), Support.UNSOURCED, 0),
        ((Quote("uk", "a"), Quote("uk", "b")), Support.SINGLE, 1),
        ((Quote("wire", "a"), Quote("paper", "b")), Support.SINGLE, 1),  # one origin
        ((Quote("dod", "a"), Quote("usun", "b")), Support.SINGLE, 1),  # one government
        ((Quote("dod", "a"), Quote("uk", "b")), Support.CORROBORATED, 2),
        ((Quote("paper", "a"), Quote("uk", "b"), Quote("wire", "c")), Support.CORROBORATED, 2),
        (
            (Quote("dod", "a"), Quote("uk", "b"), Quote("wire", "c", stance=Stance.CONTRADICTS)),
            Support.CONTESTED,
            2,
        ),
        ((Quote("uk", "a", stance=Stance.CONTRADICTS),), Support.CONTESTED, 0),
    ],
)
def test_support_follows_the_recorded_stances(
    quotes: tuple[Quote, ...], support: Support, independent: int
) -> None:
    found = event_support(_event(*quotes), SOURCES, EVERY_TEXT)
    assert (found.support, found.independent) == (support, independent)


def test_sources_without_text_cannot_corroborate_on_their_own() -> None:
    event = _event(Quote("dod", "a"), Quote("uk", "b"))
    only_uk = event_support(event, SOURCES, lambda s: s == "uk")
    assert only_uk.support is Support.CORROBORATED and only_uk.unverified == {"dod"}
    neither = event_support(event, SOURCES, lambda _s: False)
    assert neither.support is Support.SINGLE and neither.unverified == {"dod", "uk"}


def test_confirmed_by_other_sources_on_a_single_source_is_inconsistent() -> None:
    alone = _event(Quote("uk", "a", credibility=1))
    assert event_support(alone, SOURCES, EVERY_TEXT).inconsistent
    backed = _event(Quote("uk", "a", credibility=1), Quote("dod", "b"))
    assert not event_support(backed, SOURCES, EVERY_TEXT).inconsistent


@pytest.mark.parametrize(
    ("text", "thing", "low", "high"),
    [
        ("about 11,000 North Korean troops", "troop", 9_900, 12_100),
        ("around 10,000 soldiers", "troop", 9_000, 11_000),
        ("more than 500 casualties", "casualty", 500, math.inf),
        ("over 600,000 casualties", "casualty", 600_000, math.inf),
        ("at least 20 ships", "ship", 20, math.inf),
        ("up to 3,000 troops", "troop", 0, 3_000),
        ("fewer than 40 soldiers", "troop", 0, 40),
        ("5,000 to 7,000 troops", "troop", 5_000, 7_000),
        ("between 5 and 7 soldiers", "troop", 5, 7),
        ("almost 1000 days ago", "day", 900, 1_000),
        ("160,000 new soldiers", "troop", 160_000, 160_000),
        ("8,000 of those forces", "force", 8_000, 8_000),
        ("ten thousand troops", "troop", 10_000, 10_000),
        ("more than half a million casualties", "casualty", 500_000, math.inf),
        ("twenty-five thousand people", "people", 25_000, 25_000),
        ("1.5 million refugees", "refugee", 1_500_000, 1_500_000),
    ],
)
def test_numbers_are_read_as_intervals_of_a_thing(
    text: str, thing: str, low: float, high: float
) -> None:
    (found,) = amounts(f"It said {text}, officials added.")
    assert found.thing == thing
    assert found.low == pytest.approx(low) and found.high == pytest.approx(high)


def test_words_for_numbers() -> None:
    assert number_value("a hundred") == 100
    assert number_value("two hundred thousand") == 200_000
    assert number_value("half a million") == 500_000
    assert number_value("troops") is None


def test_a_year_is_a_date_not_a_count() -> None:
    assert amounts("since the Korean War ended in 1953") == []
    assert amounts("in 2016 troops entered") == []
    ((date,),) = [dates("since the Korean War ended in 1953")]
    assert date.date == parse_iso("1953")


@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        ("signed on 27 July 1953", "the war ended in 1953", False),  # a day within a year
        ("signed on 27 July 1953", "signed in July 1954", True),
        ("active in the 1980s", "a campaign in 1983", False),
        ("active in the 1980s", "active in 1991", True),
        ("on 1 November 2024", "in November 2024", False),
        ("on 1 November 2024", "on 2 November 2024", True),
    ],
)
def test_dates_are_compared_at_the_precision_they_are_stated(a: str, b: str, clash: bool) -> None:
    found = proposals(_event(Quote("uk", a), Quote("dod", b)), SOURCES.by_id)
    assert bool(found) is clash
    if clash:
        assert found[0].what == "date"


def test_lower_bounds_that_can_both_be_true_are_not_proposed() -> None:
    """The US "more than half a million" and the UK "over 600,000" Russian casualties."""
    event = _event(
        Quote("usun", "Russia has suffered more than half a million casualties"),
        Quote("uk", "Russia has now suffered over 600,000 casualties."),
    )
    assert proposals(event, SOURCES.by_id) == []


def test_about_a_number_includes_numbers_within_a_tenth() -> None:
    event = _event(
        Quote("uk", "10,000 North Korean troops are stationed in Russia"),
        Quote("dod", "about 11,000 North Korean troops have moved into Russia's Kursk region"),
    )
    assert proposals(event, SOURCES.by_id) == []


def test_numbers_of_one_thing_that_cannot_both_be_true_are_proposed_with_both_dates() -> None:
    ramani = Source("ramani", "Article", published=parse_iso("2024-11"))
    dod = Source("dod", "DOD News", published=parse_iso("2024-11-18"))
    first = Quote("ramani", "10,000 North Korean troops are stationed in Russia")
    second = Quote("dod", "about 12,500 North Korean troops have moved into Kursk")
    event = _event(first, second, Quote("ramani", "8,000 of those forces"))
    (found,) = proposals(event, {"ramani": ramani, "dod": dod})
    assert (found.first, found.second, found.what) == (first, second, "troop")
    assert found.later_estimate
    assert found.words() == (
        "“10,000 North Korean troops” (November 2024) against “about 12,500 North Korean "
        "troops” (18 November 2024): a later estimate?"
    )
    # confirmed: the second quote contradicts the event, which is then contested
    contested = confirmed(event, found)
    assert contested.quotes[1].stance is Stance.CONTRADICTS and contested.quotes[1].note
    assert proposals(contested, {"ramani": ramani}) == []
    assert event_support(contested, SOURCES, EVERY_TEXT).support is Support.CONTESTED
    # dismissed: never proposed again, whatever the order of the quotes
    kept = dismissed(event, found)
    assert proposals(kept, {}) == []
    reordered = _event(*reversed(kept.quotes))
    assert proposals(Event(**{**_fields(reordered), "dismissed": kept.dismissed}), {}) == []
    assert dismissed(kept, found) == kept  # remembered once


def _fields(event: Event) -> dict[str, object]:
    return {f: getattr(event, f) for f in event.__struct_fields__}


def test_a_contradiction_is_set_beside_the_quote_it_disagrees_with() -> None:
    """Beside the quote whose number of the same thing cannot be true with it, else one
    stating a number of that thing, else the first supporting quote; with both dates."""
    ramani = Source("ramani", "Article", published=parse_iso("2024-11"))
    dod = Source("dod", "DOD News", published=parse_iso("2024-11-18"))
    by_id = {"ramani": ramani, "dod": dod}
    other = Quote("ramani", "Russia is on the defensive in Kursk")
    forces = Quote("ramani", "8,000 of those forces")
    troops = Quote("ramani", "10,000 North Korean troops are stationed in Russia")
    later = Quote("dod", "about 12,500 North Korean troops", stance=Stance.CONTRADICTS, note="n")
    (c,) = contradictions(_event(other, forces, troops, later), by_id)
    assert (c.stated, c.stated_at, c.against, c.against_at) == (troops, 2, later, 3)
    assert (c.stated_dated, c.against_dated, c.note) == (ramani.published, dod.published, "n")
    near = Quote("dod", "about 11,000 North Korean troops", stance=Stance.CONTRADICTS)
    (c,) = contradictions(_event(other, troops, near), by_id)  # overlapping: the same thing
    assert c.stated == troops
    (c,) = contradictions(_event(other, forces, Quote("dod", "no", stance=Stance.CONTRADICTS)), {})
    assert (c.stated, c.stated_dated, c.against_dated) == (other, None, None)  # the first
    (c,) = contradictions(_event(Quote("dod", "no", stance=Stance.CONTRADICTS)), {})
    assert c.stated is None and c.stated_at is None
    assert contradictions(_event(other, troops), by_id) == []


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("in the 1980s the brigade", []),  # a decade, not 1980 of "s"
        ("the 2nd battalion", []),
        ("11k troops", [("troop", 11_000, 11_000)]),
        ("around 10,000 soldiers", [("troop", 9_000, 11_000)]),  # soldiers are troops
        ("500 servicemen", [("troop", 500, 500)]),
    ],
)
def test_glued_letters_and_words_for_the_same_thing(
    text: str, read: list[tuple[str, float, float]]
) -> None:
    assert [(a.thing, round(a.low), round(a.high)) for a in amounts(text)] == read


def test_soldiers_and_troops_that_cannot_both_be_true_are_proposed() -> None:
    event = _event(Quote("uk", "around 10,000 soldiers"), Quote("dod", "about 12,500 troops"))
    (found,) = proposals(event, {})
    assert found.what == "troop"


def test_different_things_are_not_compared() -> None:
    event = _event(Quote("uk", "10,000 troops"), Quote("dod", "20,000 casualties"))
    assert proposals(event, {}) == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789,.- aotnehusidrlbmy\n")), max_size=80))
def test_any_text_is_read_without_error(text: str) -> None:
    for found in amounts(text):
        assert found.low <= found.high
    dates(text)


def test_a_long_run_of_number_words_is_read_in_one_pass() -> None:
    """(read in time proportional to its length: a pasted page never stalls the app)"""
    assert amounts("a " * 20_000 + "troops") == []
    assert {a.thing for a in amounts("one " * 5_000 + "hundred troops")} == {"troop"}


def test_date_basis_words_never_give_the_analysts_date_as_the_sources() -> None:
    from timeline_app.core.evidence import date_basis_words
    from timeline_app.core.model import DateBasis

    quoted = Event("e", "E", parse_iso("2024-11-04"), quotes=(Quote("wire", "said"),))
    mine = replace(quoted, date_basis=DateBasis.ELSEWHERE)
    assert date_basis_words(quoted) == "date as the quoted source gives it"
    assert date_basis_words(replace(quoted, quotes=())) == "no source quoted for the date"
    assert date_basis_words(mine) == "date established elsewhere: see the notes"
    assert date_basis_words(mine, notes=False) == "date established elsewhere by the analyst"
