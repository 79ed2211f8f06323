"""Reviewing the events a source's text proposes (issue 19): which proposals a person is
shown, and what their answers do to the timeline, as :class:`~.change.Change`\\ s (no Qt).

* :func:`find_proposals` runs the extractor (:mod:`.extract`) on a source's text, counting
  relative dates from the source's publication date and finding the timeline's actors.
* :func:`listed` leaves out the proposals rejected before (the file's ``review`` marks, by
  the hash of their words: reopening the file or editing elsewhere in the text keeps them),
  marks those already in the timeline (the same passage of the same source quoted by an
  event) and offers the others as quotes to events they may corroborate: an event whose
  dates overlap the proposal's and which shares two actors (or one and a word of its
  title), quoting other sources.
* A proposal is accepted as a :class:`Draft`: the title, date and actors it goes in with
  (the reviewer may change them; a "needs a date" proposal waits for a typed date).
  :func:`accept_change` adds drafts as events in one step; :func:`add_quote_change` adds
  the passage to an existing event; :func:`reject_change` remembers rejections.
* Actors are the timeline's, found by name (:class:`~.actor_names.ActorNames`); names the
  text suggests are only created when the reviewer puts them in a draft's actors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .actor_names import ActorNames, join_names, split_names
from .change import Change
from .dates import TimelineDate, parse_date, span_words
from .event_edits import EventFields
from .extract import COUNTRY_WORDS, Proposal, extract, published_in
from .extract_text import word_set
from .fingerprints import proposal_mark, text_hash
from .model import (
    DateBasis,
    Event,
    IdMaker,
    ProposalMark,
    Quote,
    Source,
    Timeline,
    fold,
    replace,
)
from .quotes import NormalisedText, find_quote
from .wording import plural


class ReviewError(ValueError):
    """A proposal that cannot be accepted as it is; the message says why."""


@dataclass(frozen=True, slots=True)
class Draft:
    """A proposal as the reviewer will accept it.  ``actors`` are names: the timeline's
    actors the proposal names, and any the reviewer added (created on accepting);
    ``typed``: the date is the reviewer's, not the text's."""

    proposal: Proposal
    title: str
    start: TimelineDate | None
    end: TimelineDate | None
    actors: tuple[str, ...]
    typed: bool = False

    @property
    def problem(self) -> str:
        """Why it cannot be accepted as it is ("" when it can)."""
        if self.start is None:
            return "needs a date: type one (E) or open it in the form (Enter)"
        if not " ".join(self.title.split()):
            return "needs a title"
        return ""


def draft_of(proposal: Proposal) -> Draft:
    """The proposal as the extractor made it: its title, date and the timeline's actors."""
    return Draft(proposal, proposal.title, proposal.start, proposal.end, proposal.actors)


def with_date(draft: Draft, typed: str) -> Draft:
    """``draft`` at the date the reviewer typed ("" gives back the text's date, if any).
    Raises :class:`~.dates.DateError` for a date it cannot read."""
    if not typed.strip():
        p = draft.proposal
        return replace(draft, start=p.start, end=p.end, typed=False)
    return replace(draft, start=parse_date(typed), end=None, typed=True)


def with_actors(draft: Draft, typed: str) -> Draft:
    """``draft`` naming the actors typed (separated by commas, as in the event form)."""
    return replace(draft, actors=tuple(split_names(typed)))


def date_words(draft: Draft) -> str:
    """ "1 November 2024 (day)", "the 1980s (decade)", "needs a date"; a typed date says
    so: "1 November 2024 (typed)"."""
    if draft.start is None:
        return "needs a date"
    when = span_words(draft.start, draft.end)
    if draft.typed:
        return f"{when} (typed)"
    precision = min(draft.start.precision, (draft.end or draft.start).precision)
    return f"{when} ({precision.label})"


def date_note(draft: Draft) -> tuple[DateBasis, str]:
    """Where the accepted event's date comes from, and the note that says so: the text's
    own date needs none; one counted from the publication date says how ("Date: “on
    Friday”, counted back from 4 November 2024"); a typed date is the reviewer's."""
    note = draft.proposal.date_note
    if draft.typed and draft.start is not None:
        typed = span_words(draft.start, draft.end)
        said = f" The text says {note}." if note else ""
        return DateBasis.ELSEWHERE, f"Date typed by the reviewer: {typed}.{said}"
    return DateBasis.SOURCE, f"Date: {note}." if note else ""


# -- what is shown -------------------------------------------------------------------------


def counted_from(source: Source, text: str) -> str:
    """What relative dates ("on Friday") in ``source``'s text count from, in a sentence
    for the person reviewing: the source's publication date, else a date the text states
    at its top (what :func:`~timeline_app.core.extract.extract` uses), else none."""
    if source.published is not None:
        return f"Relative dates count from {source.published.words()}, the source's date."
    found = published_in(text)
    if found is not None:
        return (f"Relative dates count from {found.words()}, read from the text: give the "
                "source a date in the Sources window to change it.")  # fmt: skip
    return ("The source has no date: relative dates (“on Friday”) need one. Give it in the "
            "Sources window.")  # fmt: skip


def find_proposals(timeline: Timeline, source: Source, text: str) -> list[Proposal]:
    """The proposals of ``source``'s ``text``: relative dates counted from the source's
    publication date (or the one the text states), the timeline's actors found."""
    quotes = [q.text for e in timeline.events for q in e.quotes if q.source == source.id]
    return extract(text, source.published, timeline.actors, quotes)


@dataclass(frozen=True, slots=True)
class Listed:
    """A proposal as the review lists it: ``in_event``, the event that already quotes its
    passage (""); ``quote_to``, the events it may corroborate, the likeliest first."""

    proposal: Proposal
    in_event: str = ""
    quote_to: tuple[str, ...] = ()


def rejected_hashes(timeline: Timeline, source_id: str) -> set[str]:
    return {m.hash for m in timeline.review.get(source_id, ())}


def is_rejected(timeline: Timeline, source_id: str, proposal: Proposal) -> bool:
    return text_hash(proposal.quote) in rejected_hashes(timeline, source_id)


def listed(
    timeline: Timeline, source_id: str, text: str, proposals: Iterable[Proposal]
) -> list[Listed]:
    """The proposals to show, in the text's order: without those rejected before, each
    marked with the event that already quotes it, or else the events it may corroborate."""
    gone = rejected_hashes(timeline, source_id)
    normalised = NormalisedText(text)
    quoted: list[tuple[int, int, str]] = []  # where this source's quotes are, and whose
    for event in timeline.events:
        for quote in event.quotes:
            if quote.source == source_id:
                match = find_quote(quote.text, normalised)
                if match is not None:
                    quoted.append((match.start, match.end, event.id))
    out = []
    for p in proposals:
        if text_hash(p.quote) in gone:
            continue
        stop = p.offset + p.length
        holder = next((e for a, b, e in quoted if a < stop and p.offset < b), "")
        out.append(Listed(p, holder, () if holder else corroborated(timeline, source_id, p)))
    return out


def corroborated(timeline: Timeline, source_id: str, proposal: Proposal) -> tuple[str, ...]:
    """The events ``proposal`` may be a second source for, as the text dates it (see
    :func:`quote_targets`)."""
    return quote_targets(timeline, source_id, draft_of(proposal))


def quote_targets(timeline: Timeline, source_id: str, draft: Draft) -> tuple[str, ...]:
    """The events ``draft`` may be a second source for, at the date and with the actors
    the reviewer left it (a date typed for a "needs a date" proposal counts): dates
    overlapping, two actors in common or one and a word of the event's title (not a
    common word, a date's or an actor's: "troops", "Kursk"), no quote from ``source_id``
    yet.  The likeliest
    first: more actors in common, then more words in common with its title and summary
    ("troops", "Kursk"), then a length of time closer to the proposal's, then a closer
    start."""
    if draft.start is None:
        return ()
    t0, t1 = draft.start.start, (draft.end or draft.start).end
    names = ActorNames(timeline.actors)
    ids = {a.id for n in draft.actors if (a := names.find(n)) is not None}
    if not ids:
        return ()
    words = _words(draft.proposal.quote)
    named = _name_words([a.name for a in timeline.actors] + list(draft.actors))
    significant = {_stem(w) for w in words if w not in _COMMON and not _in_names(w, named)}
    found = []
    for e in timeline.events:
        shared = ids.intersection(e.actors)
        if shared and e.t0 < t1 and t0 < e.t1 and all(q.source != source_id for q in e.quotes):
            titled = significant & {_stem(w) for w in _words(e.title)}
            if len(shared) < 2 and not titled:
                continue  # one actor in common, and nothing the title says
            said = len(words & _words(f"{e.title} {e.summary}"))
            length = abs((e.t1 - e.t0) - (t1 - t0))
            found.append(((-len(shared), -said, length, abs(e.t0 - t0), e.sort_key()), e.id))
    return tuple(event_id for _, event_id in sorted(found))


_WORD = re.compile(r"\w{4,}")


def _words(text: str) -> set[str]:
    """The longer words of a text, folded: what a passage and an event's title share."""
    return set(_WORD.findall(fold(text)))


# words too common to say two passages tell of the same happening
_COMMON = word_set(
    """
    that this with from have been were will would said says their there which about after
    before into over also than them they what when where while more most some such only
    other these those being just like last next month year week years months weeks today
    first second third including against during between under since until within without
    again still already could should because amid across among early late later earlier
    reportedly allegedly according officials told added around took made make takes
    january february march april june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """
)


def _name_words(names: Sequence[str]) -> set[str]:
    """The words of actors' names and of the words naming countries ("korea", "british")."""
    return {w for name in [*names, *COUNTRY_WORDS] for w in _words(name)}


def _in_names(word: str, names: set[str]) -> bool:
    """Whether ``word`` is (a form of) an actor's name: "korean" of "North Korea"."""
    return any(word.startswith(n) for n in names)


def _stem(word: str) -> str:
    """ "entering", "entered", "enters" → "enter": what two forms of a word share."""
    for suffix in ("ing", "ed", "es", "e", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


# -- the edits -----------------------------------------------------------------------------


def _source(timeline: Timeline, source_id: str) -> Source:
    source = timeline.source(source_id)
    if source is None:
        raise ReviewError(f"there is no source {source_id!r}")
    return source


def _passage(text: str, proposal: Proposal) -> str:
    passage = text[proposal.offset : proposal.offset + proposal.length]
    if not passage.strip():
        raise ReviewError("the proposal is not in this text")
    return passage


def event_of(
    draft: Draft, source_id: str, text: str, event_id: str, actor_ids: Sequence[str]
) -> Event:
    """The event ``draft`` becomes: its passage quoted from ``source_id``, its date's
    origin in ``date_basis`` and the notes."""
    if draft.problem:
        raise ReviewError(f"“{draft.title}” {draft.problem}")
    assert draft.start is not None
    basis, notes = date_note(draft)
    return Event(
        id=event_id,
        title=" ".join(draft.title.split()),
        start=draft.start,
        end=draft.end if draft.end != draft.start else None,
        actors=tuple(actor_ids),
        status=draft.proposal.status,
        date_basis=basis,
        quotes=(Quote(source_id, _passage(text, draft.proposal)),),
        notes=notes,
    )


def accept_change(timeline: Timeline, source_id: str, text: str, drafts: Sequence[Draft]) -> Change:
    """Add ``drafts`` as events, in one step (one undo takes them all back), each with an
    id from its title; the actors they name that the timeline lacks are made with them.
    Raises :class:`ReviewError` for a draft that cannot be accepted (no date, no title) or
    whose passage is already quoted from this source."""
    source = _source(timeline, source_id)
    if not drafts:
        raise ReviewError("no proposal to accept")
    in_timeline = {e.proposal.offset: e.in_event for e in listed(
        timeline, source_id, text, [d.proposal for d in drafts]) if e.in_event}  # fmt: skip
    ids = IdMaker(e.id for e in timeline.events)
    names = ActorNames(timeline.actors)
    events = []
    for draft in drafts:
        holder = in_timeline.get(draft.proposal.offset)
        if holder:
            title = next((e.title for e in timeline.events if e.id == holder), holder)
            raise ReviewError(f"“{draft.title}” is already in the timeline, in “{title}”")
        if draft.problem:
            raise ReviewError(f"“{draft.title}” {draft.problem}")
        actor_ids = names.ids(draft.actors)
        events.append(event_of(draft, source_id, text, ids.make(draft.title), actor_ids))
    before = tuple(timeline.actors)
    actors = (before, before + tuple(names.new)) if names.new else None
    what = f"“{events[0].title}”" if len(events) == 1 else plural(len(events), "event")
    return Change(f"Add {what} from “{source.title}”", added=tuple(events), actors=actors)


def add_quote_change(
    timeline: Timeline, source_id: str, text: str, proposal: Proposal, event_id: str
) -> Change:
    """Add the proposal's passage as a quote (from ``source_id``) to the event ``event_id``:
    a second source for it."""
    source = _source(timeline, source_id)
    event = timeline.event(event_id)
    if event is None:
        raise ReviewError(f"there is no event {event_id!r}")
    quote = Quote(source_id, _passage(text, proposal))
    if any(q.source == source_id and text_hash(q.text) == text_hash(quote.text)
           for q in event.quotes):  # fmt: skip
        raise ReviewError(f"“{event.title}” already quotes this passage")
    updated = replace(event, quotes=(*event.quotes, quote))
    return Change(
        f"Add a quote from “{source.title}” to “{event.title}”",
        removed=(event,),
        added=(updated,),
    )


def reject_change(
    timeline: Timeline, source_id: str, text: str, proposals: Sequence[Proposal]
) -> Change | None:
    """Remember that ``proposals`` were rejected (the source's ``review`` marks), so that
    finding events again does not bring them back; None when all were already."""
    _source(timeline, source_id)
    before: tuple[ProposalMark, ...] = tuple(timeline.review.get(source_id, ()))
    known = {m.hash for m in before}
    marks = list(before)
    for p in proposals:
        mark = proposal_mark(text, p.offset, p.length)
        if mark.hash not in known:
            known.add(mark.hash)
            marks.append(mark)
    if len(marks) == len(before):
        return None
    after = {**timeline.review, source_id: tuple(marks)}
    n = len(marks) - len(before)
    what = f"“{proposals[0].title}”" if n == 1 else plural(n, "proposed event")
    return Change(f"Reject {what}", review=(dict(timeline.review), after))


def form_fields(source_id: str, text: str, draft: Draft) -> EventFields:
    """What the event form opens with for ``draft`` (Enter in the review): its title, date,
    actors (the names suggested too: the form says it will create them), status, where
    the date comes from and the passage quoted."""
    p = draft.proposal
    names = list(draft.actors) + [n for n in p.new_actors if n not in draft.actors]
    basis, notes = date_note(draft)
    if draft.start is None:  # the reviewer types the date in the form: say what the text says
        basis = DateBasis.ELSEWHERE
        notes = f"Date typed by the reviewer. The text says {p.date_note}." if p.date_note else ""
    return EventFields(
        title=draft.title,
        start=draft.start.words() if draft.start is not None else "",
        end=draft.end.words() if draft.end is not None and draft.end != draft.start else "",
        actors=join_names(names),
        status=p.status,
        date_basis=basis,
        notes=notes,
        quotes=((source_id, _passage(text, p)),),
    )
