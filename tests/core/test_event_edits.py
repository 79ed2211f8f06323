"""Event edits: what the event form's fields make, and the changes that add, edit, delete and
duplicate events or rename the timeline, each undone exactly by its inverse."""

from __future__ import annotations

import copy
import unicodedata

import pytest
from core_helpers import applied
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from paths import DATASET

from timeline_app.core.actor_names import ActorNames, name_key, split_names
from timeline_app.core.change import Change
from timeline_app.core.dates import DateError, parse_date
from timeline_app.core.event_edits import (
    EventFields,
    LinkDraft,
    add_link_change,
    delete_event_change,
    duplicate_event_change,
    event_from_fields,
    link_draft_problem,
    link_draft_warning,
    rename_timeline_change,
    save_event_change,
)
from timeline_app.core.event_links import FORM_CHOICES, choice_words, links_of
from timeline_app.core.fileformat import load_timeline, timeline_to_text
from timeline_app.core.model import (
    Actor,
    DateBasis,
    Event,
    LinkBasis,
    LinkType,
    Quote,
    Status,
    Timeline,
    replace,
)
from timeline_app.core.store import TimelineStore

RAMANI = "ramani-north-korean-troops"
BOUNDED = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def original() -> Timeline:
    """The bundled dataset, with one accented actor more."""
    t = load_timeline(DATASET)
    return replace(t, actors=[*t.actors, Actor("seoul-government", "Séoul")])


def form_fields(timeline: Timeline, event: Event) -> EventFields:
    """The fields as the event form fills them for ``event``."""
    names = {a.id: a.name for a in timeline.actors}
    return EventFields(
        title=event.title,
        start=event.start.words(),
        end=event.end.words() if event.end else "",
        actors=", ".join(names.get(a, a) for a in event.actors),
        tags=", ".join(event.tags),
        status=event.status,
        date_basis=event.date_basis,
        summary=event.summary,
        notes=event.notes,
        quotes=tuple((q.source, q.text) for q in event.quotes),
    )


def made(timeline: Timeline, **fields: object) -> Event:
    event, new = event_from_fields(timeline, EventFields(**fields))  # type: ignore[arg-type]
    assert new == ()
    return event


# -- the form's fields ---------------------------------------------------------------------
def test_the_form_of_an_unchanged_event_gives_back_the_same_event(original: Timeline) -> None:
    for event in original.events:
        again, new = event_from_fields(original, form_fields(original, event), event)
        assert (again, new) == (event, ())


@pytest.mark.parametrize(
    ("typed", "title"),
    [("  Troops   reach\tKursk \n", "Troops reach Kursk"), ("Kursk", "Kursk"),
     ("\u00a0Kim\u2003meets  Putin\u3000", "Kim meets Putin")],
)  # fmt: skip
def test_the_title_spacing_is_tidied(original: Timeline, typed: str, title: str) -> None:
    assert made(original, title=typed, start="2024").title == title


@BOUNDED
@given(title=st.text(st.sampled_from(list("ab \t\n\u00a0\u2003")), max_size=20))
def test_a_tidied_title_has_the_same_words_and_single_spaces(
    original: Timeline, title: str
) -> None:
    tidy = made(original, title=title, start="2024").title
    assert tidy.split(" ") == title.split() or tidy == "" == "".join(title.split())


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [("1 Nov 2024", "2024-11-01", None), ("1 November 2024", "1 Nov 2024", None),
     ("Nov 2024", "2024-11", None), ("2016", " 2016 ", None), ("the 1980s", "1980s", None),
     ("1 Nov 2024", "", None), ("1 Nov 2024", "  \t", None),
     ("28 Oct 2024", "31 October 2024", "2024-10-31"), ("2024", "Nov 2024", "2024-11"),
     ("1 Nov 2024", "Nov 2024", "2024-11")],
)  # fmt: skip
def test_an_end_equal_to_the_start_is_dropped(
    original: Timeline, start: str, end: str, expected: str | None
) -> None:
    event = made(original, title="T", start=start, end=end)
    assert event.start == parse_date(start)  # the precision typed is kept
    assert (event.end.iso() if event.end else None) == expected
    assert event.is_span == (expected is not None)


@pytest.mark.parametrize(
    ("start", "end"),
    [("", ""), ("  ", ""), ("not a date", ""), ("31 February 2024", ""), ("2024", "soon"),
     ("2024", "31 February 2024"), ("2024-13", "")],
)  # fmt: skip
def test_an_unreadable_date_raises_date_error(original: Timeline, start: str, end: str) -> None:
    with pytest.raises(DateError):
        event_from_fields(original, EventFields("Title", start, end))


def test_actor_names_resolve_to_existing_actors_whatever_the_accents_and_case(
    original: Timeline,
) -> None:
    fields = EventFields(
        "T", "2024", actors="north  KOREA; seoul, Russia, rússia,NATO ;north-korea, séoul"
    )
    event, new = event_from_fields(original, fields)
    assert event.actors == ("north-korea", "seoul-government", "russia", "nato")
    assert new == ()


def respelt(name: str, data: st.DataObject) -> str:
    """``name`` as someone might type it: other capitals, accents added or taken away,
    other spacing."""
    out = []
    for ch in unicodedata.normalize("NFD", name):
        if unicodedata.combining(ch):
            if data.draw(st.booleans()):
                out.append(ch)
            continue
        if ch == " ":
            out.append(data.draw(st.sampled_from([" ", "  ", "\t", " \u00a0"])))
            continue
        out.append(data.draw(st.sampled_from([ch.lower(), ch.upper()])))
        if ch.isalpha() and data.draw(st.integers(0, 3)) == 0:
            out.append(data.draw(st.sampled_from(["\u0301", "\u0308", "\u0302"])))
    typed = "".join(out)
    return data.draw(st.sampled_from([typed, unicodedata.normalize("NFC", typed)]))


@BOUNDED
@given(data=st.data())
def test_any_spelling_of_an_actors_name_names_that_actor(
    original: Timeline, data: st.DataObject
) -> None:
    actors = data.draw(st.lists(st.sampled_from(original.actors), min_size=1, max_size=4))
    typed = [respelt(a.name, data) for a in actors]
    sep = data.draw(st.sampled_from([",", ";", " , ", ";  "]))
    event, new = event_from_fields(original, EventFields("T", "2024", actors=sep.join(typed)))
    assert new == ()
    assert event.actors == tuple(dict.fromkeys(a.id for a in actors))
    names = ActorNames(original.actors)
    assert all(names.find(t) in actors for t in typed)  # as actor_names decides


def test_new_names_make_new_actors_once_with_ids_of_their_own(original: Timeline) -> None:
    t = replace(original, actors=[*original.actors, Actor("belarus", "Republic of Belarus")])
    fields = EventFields(
        "T", "2024", actors="Wagner  Group, Russia, wagner group; WAGNER GROUP, Belarus, Belarus!"
    )
    event, new = event_from_fields(t, fields)
    assert [(a.id, a.name) for a in new] == [
        ("wagner-group", "Wagner Group"),  # the spelling typed first, spacing tidied
        ("belarus-2", "Belarus!"),  # "Belarus" is the id of an actor: "Belarus!" is not
    ]
    assert event.actors == ("wagner-group", "russia", "belarus", "belarus-2")
    assert all(a.color == "" for a in new)  # the palette colours them


@BOUNDED
@given(names=st.lists(st.sampled_from(
    ["Wagner Group", "wagner  group", "Belarus", "BELARUS", "Iran", "iran", "North Korea",
     "Séoul", "seoul", "Hamas", "nato", "Kim Jong Un", "Kim Jong-un", "item", "Item!"]
), max_size=8))  # fmt: skip
def test_every_name_typed_names_one_of_the_events_actors_after_the_save(
    original: Timeline, names: list[str]
) -> None:
    fields = EventFields("A new event", "2024", actors=", ".join(names))
    event, new = event_from_fields(original, fields)
    existing = {a.id for a in original.actors}
    assert len({a.id for a in new}) == len(new) and not {a.id for a in new} & existing
    assert all(ActorNames(original.actors).find(a.name) is None for a in new)
    assert len(event.actors) == len(set(event.actors))
    after = applied(original, save_event_change(original, event, None, new))
    resolve = ActorNames(after.actors)
    for name in split_names(fields.actors):
        found = resolve.find(name)
        assert found is not None and found.id in event.actors
    assert {name_key(a.name) for a in new} <= {name_key(n) for n in names}


def test_a_new_event_gets_an_id_from_its_title_not_taken_by_another(original: Timeline) -> None:
    event = made(original, title="Korean War  ends", start="1953")
    assert event.id == "korean-war-ends-2"  # "korean-war-ends" is taken
    assert event.extra == {}
    fresh = made(original, title="Troops reach Kursk", start="Nov 2024")
    assert fresh.id == "troops-reach-kursk"


def test_an_edited_event_keeps_its_id_and_the_fields_the_app_does_not_know(
    original: Timeline,
) -> None:
    old = replace(original.events[0], extra={"reviewed_by": "ana", "x": {"deep": [1, None]}})
    t = replace(original, events=[old, *original.events[1:]])
    fields = replace(form_fields(t, old), title="Armistice signed", start="27 July 1953")
    event, new = event_from_fields(t, fields, old)
    assert (event.id, event.title, event.extra) == (old.id, "Armistice signed", old.extra)
    after = applied(t, save_event_change(t, event, old, new))
    assert after.events[0] == event  # in its place in the file
    assert '"reviewed_by": "ana"' in timeline_to_text(after)  # and written back


def test_an_edited_event_keeps_the_fields_the_app_does_not_know_of_its_quotes(
    original: Timeline,
) -> None:
    old = original.events[0]
    quote = replace(old.quotes[0], extra={"page": 3, "checked_by": "ana"})
    old = replace(old, quotes=(quote,))
    t = replace(original, events=[old, *original.events[1:]])
    fields = replace(form_fields(t, old), title="Armistice signed")  # the quote untouched
    event, _ = event_from_fields(t, fields, old)
    assert event.quotes == (quote,)
    corrected = replace(fields, quotes=((quote.source, quote.text + " (corrected)"),))
    event, _ = event_from_fields(t, corrected, old)
    assert event.quotes == (replace(quote, text=quote.text + " (corrected)"),)
    elsewhere = replace(fields, quotes=(("another-source", quote.text),))
    event, _ = event_from_fields(t, elsewhere, old)
    assert event.quotes[0].extra == {}  # a quote from another source is a new quote


def test_an_edited_event_keeps_its_evidence(original: Timeline) -> None:
    """The form does not show a quote's credibility, stance and note, nor the dismissed
    contradictions (format 2): editing the event keeps them, as does a CSV update."""
    from timeline_app.core.event_edits import carried_over
    from timeline_app.core.fingerprints import pair_mark
    from timeline_app.core.model import Stance

    old = original.events[0]
    weighed = replace(old.quotes[0], credibility=2, stance=Stance.CONTRADICTS, note="later")
    other = replace(weighed, text="another passage", credibility=6, stance=Stance.SUPPORTS)
    old = replace(old, quotes=(weighed, other), dismissed=(pair_mark(weighed, other),))
    t = replace(original, events=[old, *original.events[1:]])
    event, _ = event_from_fields(t, replace(form_fields(t, old), title="Renamed"), old)
    assert (event.quotes, event.dismissed) == (old.quotes, old.dismissed)
    applied(t, save_event_change(t, event, old))  # written and read back whole
    from_csv = replace(old, title="From a CSV", quotes=(Quote(weighed.source, weighed.text),))
    updated = carried_over(from_csv, old)
    assert updated.quotes == (weighed,) and updated.dismissed == old.dismissed
    assert updated.title == "From a CSV"


def test_the_other_fields_are_tidied(original: Timeline) -> None:
    event = made(
        original,
        title="T",
        start="2024",
        tags=" Kursk ; troops,, kursk,  North   Korea ",
        status=Status.DISPUTED,
        date_basis=DateBasis.ELSEWHERE,
        summary="\n  A summary.\n\nTwo paragraphs.  \n",
        notes="  Dated from the Kyiv Independent.  ",
        quotes=((RAMANI, "  some words "), (RAMANI, " \n "), (RAMANI, "more words")),
    )
    assert event.tags == ("Kursk", "troops", "North Korea")
    assert (event.status, event.date_basis) == (Status.DISPUTED, DateBasis.ELSEWHERE)
    assert event.summary == "A summary.\n\nTwo paragraphs."
    assert event.notes == "Dated from the Kyiv Independent."
    assert event.quotes == (Quote(RAMANI, "some words"), Quote(RAMANI, "more words"))


# -- the changes ---------------------------------------------------------------------------
def test_adding_an_event_with_new_actors_adds_them_too_and_undo_removes_both(
    original: Timeline,
) -> None:
    fields = EventFields("Wagner arrives", "Nov 2024", actors="Wagner Group, Russia")
    event, new = event_from_fields(original, fields)
    change = save_event_change(original, event, None, new)
    after = applied(original, change)
    assert after.events == [*original.events, event]
    assert after.actors == [*original.actors, *new]
    assert change.description == "Add “Wagner arrives”"


def test_adding_an_event_with_known_actors_leaves_the_actors_alone(original: Timeline) -> None:
    event, new = event_from_fields(original, EventFields("X", "2024", actors="russia"))
    change = save_event_change(original, event, None, new)
    assert change.actors is None
    assert applied(original, change).actors == original.actors


def test_editing_an_event_replaces_it_in_its_place(original: Timeline) -> None:
    old = original.events[3]
    fields = replace(form_fields(original, old), title="Invasion", actors="Russia, Belarus")
    event, new = event_from_fields(original, fields, old)
    change = save_event_change(original, event, old, new)
    after = applied(original, change)
    assert [e.id for e in after.events] == [e.id for e in original.events]
    assert after.events[3] == event and after.events[3].actors == ("russia", "belarus")
    assert after.actors[-1] == Actor("belarus", "Belarus")
    assert change.description == "Edit “Invasion”"


FIELDS = st.builds(
    EventFields,
    title=st.text(st.sampled_from(list("Kursk <&> \t")), min_size=1, max_size=12).filter(
        str.strip
    ),
    start=st.sampled_from(["1953", "the 1980s", "Nov 2024", "1 Nov 2024", "2024-10-28"]),
    end=st.sampled_from(["", "", "2025", "31 December 2024", "1 Nov 2024"]),
    actors=st.lists(st.sampled_from(["Russia", "north korea", "Belarus", "Séoul", "Wagner"]),
                    max_size=4).map(", ".join),
    tags=st.sampled_from(["", "troops", "troops, Kursk"]),
    status=st.sampled_from(Status),
    date_basis=st.sampled_from(DateBasis),
    summary=st.sampled_from(["", "  A <b>summary</b>\n\n"]),
    quotes=st.lists(st.tuples(st.just(RAMANI), st.sampled_from(["", " q ", "North Korea"])),
                    max_size=2).map(tuple),
)  # fmt: skip


@BOUNDED
@given(fields=FIELDS, which=st.one_of(st.none(), st.integers(min_value=0, max_value=99)))
def test_any_save_is_a_valid_file_and_undo_gives_back_the_timeline(
    original: Timeline, fields: EventFields, which: int | None
) -> None:
    old = original.events[which % len(original.events)] if which is not None else None
    start, end = parse_date(fields.start), parse_date(fields.end) if fields.end else None
    assume(end is None or end.end > start.start)  # the form refuses an end before the start
    event, new = event_from_fields(original, fields, old)
    after = applied(original, save_event_change(original, event, old, new))
    assert after.event(event.id) == event
    assert len(after.events) == len(original.events) + (old is None)
    if old is not None:
        assert event.id == old.id


def test_deleting_an_event_removes_only_it_and_undo_brings_it_back(original: Timeline) -> None:
    event = original.events[4]
    change = delete_event_change(original, event)
    assert change.description == f"Delete “{event.title}”"
    store = TimelineStore(copy.deepcopy(original))
    change = store.apply(change)
    assert store.timeline.events == [e for e in original.events if e.id != event.id]
    assert store.event(event.id) is None
    store.apply(change.inverted())
    assert {e.id: e for e in store.timeline.events} == {e.id: e for e in original.events}
    assert store.event(event.id) == event


def test_deleting_the_last_event_in_the_file_is_undone_exactly(original: Timeline) -> None:
    after = applied(original, delete_event_change(original, original.events[-1]))
    assert after.events == original.events[:-1]


def test_undoing_a_delete_puts_the_event_back_where_it_was_in_the_file(
    original: Timeline,
) -> None:
    for i in (0, 5):
        applied(original, delete_event_change(original, original.events[i]))
    both = Change("Delete two", removed=(original.events[7], original.events[2]))
    applied(original, both)


def test_duplicating_an_event_copies_everything_but_id_and_title(original: Timeline) -> None:
    event = replace(original.events[9], extra={"reviewed_by": "ana"})
    t = replace(original, events=[*original.events[:9], event, *original.events[10:]])
    change, dup = duplicate_event_change(t, event)
    assert dup.title == f"{event.title} (copy)"
    assert dup.id not in {e.id for e in t.events}
    assert replace(dup, id=event.id, title=event.title) == event  # dates, quotes, extra...
    after = applied(t, change)
    assert after.events == [*t.events, dup]
    assert change.description == f"Duplicate “{event.title}”"
    change2, dup2 = duplicate_event_change(after, event)
    assert dup2.id not in {e.id for e in after.events}
    applied(after, change2)


def test_renaming_the_timeline_tidies_the_title_and_undo_restores_it(original: Timeline) -> None:
    change = rename_timeline_change(original, "  North Korea \t in   Kursk ")
    assert change is not None
    after = applied(original, change)
    assert after.title == "North Korea in Kursk"
    assert (after.events, after.actors, after.sources) == (
        original.events, original.actors, original.sources,
    )  # fmt: skip


@pytest.mark.parametrize("title", ["", "   ", "\t\n"])
def test_renaming_to_nothing_is_no_change(original: Timeline, title: str) -> None:
    assert rename_timeline_change(original, title) is None


def test_renaming_to_the_same_title_is_no_change(original: Timeline) -> None:
    assert rename_timeline_change(original, original.title) is None
    assert rename_timeline_change(original, f"  {original.title.replace(' ', '  ')} ") is None
    assert rename_timeline_change(original, original.title.upper()) is not None


def test_a_quote_typed_with_straight_marks_keeps_the_sources_own(original: Timeline) -> None:
    from paths import DATASET

    from timeline_app.core.source_texts import SourceTexts

    article = (DATASET.parent / original.sources[0].text_file).read_text(encoding="utf-8")
    at = article.index("Russia’s")
    passage = article[at - 40 : at + 40].split(" ", 1)[1].rsplit(" ", 1)[0]
    typed = " ".join(passage.replace("’", "'").split())  # as typed: straight, one space
    fields = EventFields("Typed", "2024", quotes=((original.sources[0].id, typed),))
    event, _ = event_from_fields(original, fields, texts=SourceTexts(DATASET.parent))
    assert event.quotes[0].text == " ".join(passage.split())  # the source's ’, typed spacing
    assert "’" in event.quotes[0].text
    unchecked, _ = event_from_fields(original, fields)  # no text to check: as typed
    assert unchecked.quotes[0].text == typed


# -- the event's links, edited with it -------------------------------------------------------
WEST = "north-korean-soldiers-arrive-western-russia"
KURSK = "north-korean-troops-move-into-kursk"
LAVROV = "choe-lavrov-meeting"


def inferred(kind: LinkType, other: str, backward: bool = False) -> LinkDraft:
    return LinkDraft(kind, other, backward, notes="  Both follow the deployment. ")


def test_the_form_offers_links_read_from_the_event_as_the_detail_pane_reads_them() -> None:
    words = [choice_words(kind, backward) for kind, backward in FORM_CHOICES]
    assert words == ["Led to →", "In response to ←", "Part of →", "The same incident as ↔",
                     "Contradicts ↔"]  # fmt: skip
    for kind, backward in FORM_CHOICES:  # and a link made so reads so from the event
        link = inferred(kind, "other", backward).link("this", "x")
        (entry,) = links_of([link], "this")
        assert f"{entry.words} {entry.arrow}" == choice_words(kind, backward)


def test_a_draft_becomes_a_link_stored_from_the_end_it_reads_forward_from() -> None:
    led = inferred(LinkType.LED_TO, "b").link("a", "id")
    assert (led.from_id, led.to_id, led.notes, led.quote) == ("a", "b", "Both follow the "
                                                              "deployment.", None)  # fmt: skip
    back = inferred(LinkType.LED_TO, "b", backward=True).link("a")
    assert (back.from_id, back.to_id) == ("b", "a")
    same = inferred(LinkType.SAME_INCIDENT, "a").link("z")
    assert (same.from_id, same.to_id) == ("a", "z")  # symmetric: in order
    quoted = LinkDraft(LinkType.PART_OF, "b", basis=LinkBasis.SOURCE, quote=Quote(RAMANI, "q"),
                       notes="", label="  part  of it ")  # fmt: skip
    link = quoted.link("a")
    assert (link.quote, link.basis, link.label) == (Quote(RAMANI, "q"), LinkBasis.SOURCE,
                                                    "part of it")  # fmt: skip
    assert replace(quoted, basis=LinkBasis.ANALYST).link("a").quote is None


def test_a_draft_is_refused_with_a_reason(original: Timeline) -> None:
    links = [k for k in original.links if WEST in (k.from_id, k.to_id)]
    assert link_draft_problem(LinkDraft(LinkType.LED_TO, ""), WEST, links) == (
        "Choose the event it links to.")  # fmt: skip
    assert "itself" in link_draft_problem(inferred(LinkType.LED_TO, WEST), WEST, links)
    no_notes = LinkDraft(LinkType.LED_TO, LAVROV, notes=" ")
    assert "notes" in link_draft_problem(no_notes, WEST, links)
    no_quote = LinkDraft(LinkType.LED_TO, LAVROV, basis=LinkBasis.SOURCE, quote=Quote(RAMANI, " "))
    assert "Quote the passage" in link_draft_problem(no_quote, WEST, links)
    assert link_draft_problem(inferred(LinkType.LED_TO, LAVROV), WEST, links) == ""
    # the same type on the same pair: refused; the other way round, or another type: not
    assert "already" in link_draft_problem(inferred(LinkType.LED_TO, KURSK), WEST, links)
    assert link_draft_problem(inferred(LinkType.LED_TO, KURSK, True), WEST, links) == ""
    assert link_draft_problem(inferred(LinkType.PART_OF, KURSK), WEST, links) == ""
    same = [inferred(LinkType.SAME_INCIDENT, LAVROV).link(WEST)]  # symmetric: either way
    assert "already" in link_draft_problem(inferred(LinkType.SAME_INCIDENT, WEST), LAVROV, same)
    new_event = [inferred(LinkType.CONTRADICTS, LAVROV).link("")]  # a new event: id unknown
    assert "already" in link_draft_problem(inferred(LinkType.CONTRADICTS, LAVROV), "", new_event)


def test_an_edit_with_link_changes_is_one_change_and_undo_takes_all_back(
    original: Timeline,
) -> None:
    old = original.event(WEST)
    assert old is not None
    event = replace(old, title="Soldiers reach western Russia")
    gone = next(k for k in original.links if k.from_id == WEST)  # "then into Kursk"
    drafts = (inferred(LinkType.LED_TO, LAVROV), inferred(LinkType.CONTRADICTS, "korean-war-ends"))
    change = save_event_change(original, event, old, (), {gone.id}, drafts)
    assert change.description == "Edit “Soldiers reach western Russia”"
    after = applied(original, change)  # a valid file; the inverse gives all back
    assert after.event(WEST) == event
    added = after.links[len(original.links) - 1 :]
    assert after.links[: len(original.links) - 1] == [k for k in original.links if k != gone]
    assert [(k.from_id, k.type, k.to_id) for k in added] == [
        (WEST, LinkType.LED_TO, LAVROV),
        ("korean-war-ends", LinkType.CONTRADICTS, WEST),  # symmetric: in order
    ]
    assert added[0].id.startswith(f"{WEST}-led-to") and added[1].id.startswith("korean-war")
    assert len({k.id for k in after.links}) == len(after.links)  # ids of their own


def test_a_new_event_gets_its_links_in_the_step_that_adds_it(original: Timeline) -> None:
    event = made(original, title="Korean War ends", start="1953")  # an id of its own
    drafts = (inferred(LinkType.LED_TO, "korean-war-ends", backward=True),)
    change = save_event_change(original, event, None, (), (), drafts)
    after = applied(original, change)
    (link,) = links_of(after.links, event.id)
    assert (link.link.from_id, link.link.to_id) == ("korean-war-ends", "korean-war-ends-2")
    assert link.words == "In response to"


def test_link_edits_never_repeat_a_link_nor_touch_another_events_links(
    original: Timeline,
) -> None:
    old = original.event(WEST)
    assert old is not None
    other = next(k for k in original.links if WEST not in (k.from_id, k.to_id))
    twice = (inferred(LinkType.LED_TO, KURSK), inferred(LinkType.LED_TO, LAVROV),
             inferred(LinkType.LED_TO, LAVROV), inferred(LinkType.LED_TO, WEST))  # fmt: skip
    change = save_event_change(original, old, old, (), {other.id}, twice)
    after = applied(original, change)
    assert other in after.links
    assert len(after.links) == len(original.links) + 1  # only the link to Lavrov
    assert save_event_change(original, old, old).links is None  # no link edit: none
    unknown = save_event_change(original, old, old, (), {"no-such-link"})
    assert unknown.links is None


def test_a_link_added_on_its_own_is_one_step_and_never_twice(original: Timeline) -> None:
    korea = next(e for e in original.events if e.id == "korean-war-ends")
    draft = LinkDraft(LinkType.LED_TO, "aleppo-north-korean-aid", notes="old debts")
    change = add_link_change(original, korea, draft)
    assert change is not None and not change.touches_events
    assert change.description == (
        "Link “Korean War ends”: Led to → “North Korean forces allegedly aid Assad's conquest "
        "of Aleppo”"
    )
    after = applied(original, change)
    (new,) = [k for k in after.links if k not in original.links]
    assert (new.from_id, new.to_id, new.notes) == (korea.id, draft.other_id, "old debts")
    assert add_link_change(after, korea, draft) is None  # the same link again
    backward = LinkDraft(LinkType.LED_TO, korea.id, backward=True, notes="x")
    aleppo = next(e for e in after.events if e.id == "aleppo-north-korean-aid")
    assert add_link_change(after, aleppo, backward) is None  # the same, from the other end
    assert add_link_change(original, korea, LinkDraft(LinkType.LED_TO, korea.id, notes="x")) is None
    assert (
        add_link_change(original, korea, LinkDraft(LinkType.PART_OF, "aleppo-north-korean-aid"))
        is None
    )  # no why


def test_a_link_that_led_to_an_earlier_event_is_questioned_not_refused(
    original: Timeline,
) -> None:
    by_id = {e.id: e for e in original.events}
    korea, aleppo = by_id["korean-war-ends"], by_id["aleppo-north-korean-aid"]
    forward = LinkDraft(LinkType.LED_TO, aleppo.id, notes="x")
    assert link_draft_warning(forward, korea, aleppo) == ""  # 1953 led to 2016
    warning = link_draft_warning(forward, aleppo, korea)  # 2016 "led to" 1953
    assert warning == (
        "“North Korean forces allegedly aid Assad's conquest of Aleppo” began after "
        "“Korean War ends”: is the direction right?"
    )
    backward = LinkDraft(LinkType.LED_TO, aleppo.id, backward=True, notes="x")
    assert link_draft_warning(backward, korea, aleppo) == warning  # read from the other end
    assert link_draft_warning(LinkDraft(LinkType.PART_OF, korea.id), aleppo, korea) == ""
    assert add_link_change(original, aleppo, LinkDraft(LinkType.LED_TO, korea.id, notes="x"))
