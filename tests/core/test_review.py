"""Reviewing proposed events: what is listed, and the edits accepting, quoting and
rejecting make (issue 19, the review panel's core)."""

from __future__ import annotations

from pathlib import Path

import pytest
from core_helpers import applied

from timeline_app.core.dates import DateError, parse_date
from timeline_app.core.extract import Proposal
from timeline_app.core.fileformat import load_timeline, timeline_from_text, timeline_to_text
from timeline_app.core.model import DateBasis, Quote, Source, Status, Timeline, replace
from timeline_app.core.quotes import find_quote
from timeline_app.core.review import (
    Draft,
    Listed,
    ReviewError,
    accept_change,
    add_quote_change,
    date_words,
    draft_of,
    find_proposals,
    form_fields,
    listed,
    quote_targets,
    reject_change,
    with_actors,
    with_date,
)

DATASET = Path(__file__).resolve().parents[2] / "events" / "north-korean-troops.json"
SOURCE = "seoul-report"
TEXT = """Report from Seoul

North Korea and Russia signed a pact on Friday, officials said.

On 12 October 1948, the Soviet Union recognised North Korea. The Soviet Union supported
the North in the war.

In 1860, the border along the Tumen River was formed.

Russia reportedly bought shells from North Korea in September 2022.

Russia and North Korea moved troops to Kursk in November 2024.
"""


def with_source(timeline: Timeline, published: str = "4 November 2024") -> Timeline:
    source = Source(SOURCE, "Seoul report", published=parse_date(published), text_file="s.txt")
    return replace(timeline, sources=[*timeline.sources, source])


@pytest.fixture
def timeline() -> Timeline:
    return with_source(load_timeline(DATASET))


def rows(timeline: Timeline) -> list[Listed]:
    source = timeline.source(SOURCE)
    assert source is not None
    return listed(timeline, SOURCE, TEXT, find_proposals(timeline, source, TEXT))


def row(timeline: Timeline, words: str) -> Listed:
    return next(r for r in rows(timeline) if words in r.proposal.quote)


def test_proposals_are_listed_with_the_timelines_actors(timeline: Timeline) -> None:
    listing = rows(timeline)
    assert [r.proposal.start.iso() if r.proposal.start else None for r in listing] == [
        "2024-11-01", "1948-10-12", "1860", "2022-09", "2024-11"]  # fmt: skip
    pact = listing[0].proposal
    assert pact.actors == ("North Korea", "Russia")
    assert date_words(draft_of(pact)) == "1 November 2024 (day)"
    assert date_words(draft_of(listing[4].proposal)) == "November 2024 (month)"
    assert not any(r.in_event for r in listing)


def test_accepting_makes_events_in_one_step_with_ids_from_titles(timeline: Timeline) -> None:
    drafts = [draft_of(row(timeline, w).proposal) for w in ("pact", "1948", "1860")]
    change = accept_change(timeline, SOURCE, TEXT, drafts)
    assert change.description == "Add 3 events from “Seoul report”"
    assert change.actors is None  # the timeline's actors only: nothing made silently
    after = applied(timeline, change)
    pact, soviet, border = (after.event(e.id) for e in change.added)
    assert pact is not None and soviet is not None and border is not None
    assert pact.id == "north-korea-and-russia-signed-a-pact-on-friday"
    assert pact.actors == ("north-korea", "russia")
    assert soviet.actors == ("north-korea",)  # "Soviet Union" is suggested, not made
    assert border.actors == ()
    # the passage quoted from the source, word for word: it verifies
    for event in (pact, soviet, border):
        assert event.quotes[0].source == SOURCE
        assert find_quote(event.quotes[0].text, TEXT) is not None
    # a date counted from the publication date says how
    assert pact.date_basis is DateBasis.SOURCE
    assert pact.notes == "Date: “on Friday”, counted back from 4 November 2024."
    assert soviet.notes == "" and soviet.date_basis is DateBasis.SOURCE
    # once accepted, the proposals are marked as in the timeline, not proposed twice
    marked = {r.proposal.quote: r.in_event for r in rows(after)}
    assert marked[pact.quotes[0].text] == pact.id
    with pytest.raises(ReviewError, match="already in the timeline"):
        accept_change(after, SOURCE, TEXT, [draft_of(row(after, "pact").proposal)])


def test_the_same_title_twice_gets_two_ids(timeline: Timeline) -> None:
    a, b = (draft_of(row(timeline, w).proposal) for w in ("1948", "1860"))
    change = accept_change(
        timeline, SOURCE, TEXT, [replace(a, title="Same"), replace(b, title="Same")]
    )
    assert [e.id for e in change.added] == ["same", "same-2"]


def test_the_status_the_words_give_is_kept(timeline: Timeline) -> None:
    shells = draft_of(row(timeline, "shells").proposal)
    change = accept_change(timeline, SOURCE, TEXT, [shells])
    assert change.added[0].status is Status.ALLEGED
    assert change.description == f"Add “{shells.title}” from “Seoul report”"


def test_new_actors_are_made_only_when_the_reviewer_names_them(timeline: Timeline) -> None:
    soviet = row(timeline, "1948").proposal
    draft = with_actors(draft_of(soviet), "North Korea, Soviet Union")
    change = accept_change(timeline, SOURCE, TEXT, [draft])
    assert change.actors is not None
    made = change.actors[1][len(change.actors[0]) :]
    assert [(a.id, a.name) for a in made] == [("soviet-union", "Soviet Union")]
    after = applied(timeline, change)
    assert after.event(change.added[0].id).actors == ("north-korea", "soviet-union")  # type: ignore[union-attr]


def test_a_needs_a_date_proposal_waits_for_a_typed_date() -> None:
    coarse = with_source(load_timeline(DATASET), published="November 2024")
    pact = row(coarse, "pact").proposal
    assert pact.needs_date and pact.start is None
    draft = draft_of(pact)
    assert date_words(draft) == "needs a date"
    assert "needs a date" in draft.problem
    with pytest.raises(ReviewError, match="needs a date"):
        accept_change(coarse, SOURCE, TEXT, [draft])
    with pytest.raises(DateError):
        with_date(draft, "Fryday")
    typed = with_date(draft, "1 November 2024")
    assert date_words(typed) == "1 November 2024 (typed)"
    event = accept_change(coarse, SOURCE, TEXT, [typed]).added[0]
    assert event.start == parse_date("2024-11-01")
    # the date is the reviewer's: where it comes from is recorded
    assert event.date_basis is DateBasis.ELSEWHERE
    assert event.notes == (
        "Date typed by the reviewer: 1 November 2024. The text says “on Friday”: the "
        "publication date (November 2024) has no day."
    )
    assert with_date(typed, "") == draft  # cleared: the text's (lack of a) date again


def test_a_proposal_sharing_dates_and_an_actor_may_be_added_as_a_quote(timeline: Timeline) -> None:
    kursk = row(timeline, "Kursk")
    # November 2024, North Korea and Russia: the dataset's 18 November event shares both
    assert kursk.quote_to[0] == "north-korean-troops-move-into-kursk"
    assert "choe-lavrov-meeting" in kursk.quote_to  # 1 November, the same actors too
    assert row(timeline, "1860").quote_to == ()  # no actor
    assert row(timeline, "1948").quote_to == ()  # no event then
    change = add_quote_change(timeline, SOURCE, TEXT, kursk.proposal, kursk.quote_to[0])
    assert change.description == (
        "Add a quote from “Seoul report” to “North Korean troops move into Russia's Kursk region”"
    )
    after = applied(timeline, change)
    event = after.event("north-korean-troops-move-into-kursk")
    assert event is not None and event.quotes[-1] == Quote(SOURCE, kursk.proposal.quote)
    assert row(after, "Kursk").in_event == event.id  # quoted now: in the timeline
    with pytest.raises(ReviewError, match="already quotes"):
        add_quote_change(after, SOURCE, TEXT, kursk.proposal, event.id)


def test_the_events_a_draft_may_corroborate_follow_its_edited_date_and_actors() -> None:
    coarse = with_source(load_timeline(DATASET), published="November 2024")
    pact = row(coarse, "pact")
    assert pact.quote_to == ()  # needs a date: nothing to compare with yet
    typed = with_date(draft_of(pact.proposal), "1 November 2024")
    assert quote_targets(coarse, SOURCE, typed)[0] == "choe-lavrov-meeting"
    assert quote_targets(coarse, SOURCE, with_date(typed, "1 November 1990")) == ()
    # without the actors it shared, nothing; with another one, that one's events
    assert quote_targets(coarse, SOURCE, with_actors(typed, "Zimbabwe")) == ()
    ukraine = with_actors(with_date(typed, "August 2024"), "Ukraine, Russia")
    assert quote_targets(coarse, SOURCE, ukraine) == ("ukraine-kursk-offensive",)


def test_one_actor_in_common_needs_a_word_of_the_events_title_too() -> None:
    timeline = with_source(load_timeline(DATASET))
    text = (
        "Russian officials met the envoy in October 2024.\n\n"
        "Desperate Russian generals pleaded for help in October 2024.\n\n"
        "North Korean soldiers were seen entering Russia in October 2024.\n"
    )
    met, desperate, entering = (
        quote_targets(timeline, SOURCE, draft_of(p)) for p in find_proposals(
            timeline, timeline.sources[-1], text)
    )  # fmt: skip
    # Russia alone, and no word of a title: not "UK mission to the UN calls Putin …"
    assert met == ()
    assert desperate == ("uk-un-mission-putin-desperate",)  # “clearly desperate”
    # North Korea and Russia: the October events naming both, the likeliest first
    assert entering[0] == "north-korean-troops-enter-russia"
    assert "uk-un-mission-putin-desperate" not in entering


def test_an_event_quoting_the_source_already_is_not_offered(timeline: Timeline) -> None:
    event = timeline.event("choe-lavrov-meeting")
    assert event is not None
    other = Quote(SOURCE, "Report from Seoul")
    more = replace(event, quotes=(*event.quotes, other))
    quoted = replace(timeline, events=[more if e.id == event.id else e for e in timeline.events])
    assert "choe-lavrov-meeting" not in row(quoted, "Kursk").quote_to


def test_rejections_are_remembered_in_the_file(timeline: Timeline) -> None:
    border = row(timeline, "1860").proposal
    change = reject_change(timeline, SOURCE, TEXT, [border])
    assert change is not None and change.description == f"Reject “{border.title}”"
    after = applied(timeline, change)
    assert [r.proposal.quote for r in rows(after)].count(border.quote) == 0
    assert len(rows(after)) == len(rows(timeline)) - 1
    # written and read back: a second run still leaves it out
    reread = timeline_from_text(timeline_to_text(after))
    assert all(r.proposal.quote != border.quote for r in rows(reread))
    # found by its words: the text edited elsewhere (offsets moved) keeps it rejected
    moved = "Preface.\n\n" + TEXT
    source = reread.source(SOURCE)
    assert source is not None
    again = listed(reread, SOURCE, moved, find_proposals(reread, source, moved))
    assert all(r.proposal.quote != border.quote for r in again)
    assert reject_change(after, SOURCE, TEXT, [border]) is None  # already


def test_the_form_opens_with_the_proposal_filled_in(timeline: Timeline) -> None:
    soviet = row(timeline, "1948").proposal
    fields = form_fields(SOURCE, TEXT, draft_of(soviet))
    assert fields.title == "The Soviet Union recognised North Korea"
    assert fields.start == "12 October 1948" and fields.end == ""
    assert fields.actors == "North Korea, Soviet Union"  # suggested: the form says it makes it
    assert fields.quotes == ((SOURCE, soviet.quote),)
    coarse = with_source(load_timeline(DATASET), published="November 2024")
    pact = form_fields(SOURCE, TEXT, draft_of(row(coarse, "pact").proposal))
    assert pact.start == "" and pact.date_basis is DateBasis.ELSEWHERE
    assert "“on Friday”" in pact.notes


def test_drafts_are_plain_values() -> None:
    bare = Proposal("q", 0, 1, None, None, None, (), Status.REPORTED, "T", True)
    draft = Draft(bare, "T", None, None, ())
    assert draft.problem.startswith("needs a date")
    assert replace(draft, start=parse_date("2020"), title="  ").problem == "needs a title"


def test_edits_of_an_unknown_source_or_event_are_refused(timeline: Timeline) -> None:
    p = row(timeline, "1948").proposal
    with pytest.raises(ReviewError):
        accept_change(timeline, "nope", TEXT, [draft_of(p)])
    with pytest.raises(ReviewError):
        add_quote_change(timeline, SOURCE, TEXT, p, "nope")
    with pytest.raises(ReviewError):
        accept_change(timeline, SOURCE, TEXT, [])


def test_the_reviewer_is_told_what_relative_dates_count_from() -> None:
    from timeline_app.core.review import counted_from

    dated = Source("s", "A source", published=parse_date("4 November 2024"))
    assert counted_from(dated, "On Friday they met.") == (
        "Relative dates count from 4 November 2024, the source's date."
    )
    undated = Source("s", "A source")
    dateline = "WASHINGTON, Aug. 9, 2017 -- On Friday they met."
    assert counted_from(undated, dateline).startswith(
        "Relative dates count from 9 August 2017, read from the text"
    )
    assert "has no date" in counted_from(undated, "On Friday they met.")
