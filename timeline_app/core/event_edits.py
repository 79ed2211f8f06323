"""Edits of events and of the timeline's title, as :class:`~timeline_app.core.change.Change`
s (no Qt): the window pushes them, undo applies their inverse."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .actor_names import ActorNames, split_names
from .change import Change
from .dates import parse_date
from .disagreements import confirmed, dismissed, proposals
from .model import Actor, DateBasis, Event, Quote, Stance, Status, Timeline, replace, unique_id
from .references import links_touching
from .source_texts import SourceTexts, exact_quote


@dataclass(frozen=True, slots=True)
class EventFields:
    """What the event form holds, as typed."""

    title: str
    start: str
    end: str = ""
    actors: str = ""  # names, separated by commas or semicolons
    tags: str = ""
    status: Status = Status.REPORTED
    date_basis: DateBasis = DateBasis.SOURCE
    summary: str = ""
    notes: str = ""
    quotes: tuple[tuple[str, str], ...] = ()  # (source id, text)
    # each typed quote's credibility, stance and note, in the same order (empty: each quote
    # keeps what it had, a new one the defaults)
    weights: tuple[tuple[int, Stance, str], ...] = ()


def event_from_fields(
    timeline: Timeline,
    fields: EventFields,
    original: Event | None = None,
    texts: SourceTexts | None = None,
) -> tuple[Event, tuple[Actor, ...]]:
    """The event the form's fields describe, and the actors it names that the timeline
    does not have yet.  An edited event keeps its id and the fields the app does not know;
    a quote found in its source (``texts``) keeps the source's quote marks.
    Raises :class:`~timeline_app.core.dates.DateError` for a date it cannot read."""
    start = parse_date(fields.start)
    end = parse_date(fields.end) if fields.end.strip() else None
    if end == start:
        end = None
    names = ActorNames(timeline.actors)
    title = " ".join(fields.title.split())
    if original is not None:
        event_id, extra = original.id, original.extra  # the id never changes
    else:
        event_id, extra = unique_id(title, (e.id for e in timeline.events)), {}
    quotes = _quotes(fields.quotes, original.quotes if original is not None else (), fields.weights)
    if texts is not None:
        quotes = tuple(exact_quote(texts, timeline, q) for q in quotes)
    event = Event(
        id=event_id,
        title=title,
        start=start,
        end=end,
        actors=names.ids(split_names(fields.actors)),
        status=fields.status,
        date_basis=fields.date_basis,
        tags=tuple(split_names(fields.tags)),
        summary=fields.summary.strip(),
        quotes=quotes,
        notes=fields.notes.strip(),
        extra=extra,
    )
    if original is not None:
        event = replace(event, dismissed=original.dismissed)
    return event, tuple(names.new)


def carried_over(new: Event, old: Event) -> Event:
    """``new`` (an update of ``old`` from a source that cannot show everything, such as a
    CSV row) keeping what it could not show: the fields the app does not know, the
    dismissed contradictions, and each quote's evidence (credibility, stance, note,
    unknown fields) where the same words from the same source remain."""
    same = {(q.source, q.text): q for q in old.quotes}
    quotes = tuple(same.get((q.source, q.text), q) for q in new.quotes)
    return replace(new, extra=old.extra, dismissed=old.dismissed, quotes=quotes)


def _quotes(
    typed: Sequence[tuple[str, str]],
    before: Sequence[Quote],
    weights: Sequence[tuple[int, Stance, str]] = (),
) -> tuple[Quote, ...]:
    """The quotes as typed (empty ones left out).  A quote that was there before keeps the
    fields the app does not know: the same words from the same source, or, failing that,
    the quote in the same place from the same source (its words corrected).  ``weights``
    (when given, one per typed quote) set each quote's credibility, stance and note."""
    same = {(q.source, q.text): q for q in before}
    out: list[Quote] = []
    for i, (source, raw) in enumerate(typed):
        text = raw.strip()
        if not text:
            continue
        old = same.get((source, text))
        if old is None and i < len(before) and before[i].source == source:
            old = replace(before[i], text=text)
        quote = old or Quote(source, text)
        if i < len(weights):
            credibility, stance, note = weights[i]
            quote = replace(quote, credibility=credibility, stance=stance, note=note.strip())
        out.append(quote)
    return tuple(out)


def save_event_change(
    timeline: Timeline, event: Event, old: Event | None, new_actors: Sequence[Actor] = ()
) -> Change:
    """Add ``event`` (``old`` None) or put it in place of ``old``, with the actors it names
    that the timeline does not have yet."""
    actors = None
    if new_actors:
        before = tuple(timeline.actors)
        actors = (before, before + tuple(new_actors))
    verb = "Edit" if old else "Add"
    return Change(
        f"{verb} “{event.title}”",
        removed=(old,) if old else (),
        added=(event,),
        actors=actors,
    )


def delete_event_change(timeline: Timeline, event: Event) -> Change:
    """Delete ``event`` and, in the same step (one undo brings all back), its links."""
    links = None
    if gone := links_touching(timeline.links, {event.id}):
        before = tuple(timeline.links)
        links = (before, tuple(k for k in before if k not in gone))
    return Change(f"Delete “{event.title}”", removed=(event,), links=links)


def duplicate_event_change(timeline: Timeline, event: Event) -> tuple[Change, Event]:
    """A copy of ``event`` titled "… (copy)", with an id of its own."""
    title = f"{event.title} (copy)"
    copy = replace(event, id=unique_id(title, (e.id for e in timeline.events)), title=title)
    return Change(f"Duplicate “{event.title}”", added=(copy,)), copy


def proposal_change(timeline: Timeline, event: Event, index: int, confirm: bool) -> Change | None:
    """The user's answer to the ``index``-th disagreement proposed for ``event``: confirmed,
    one quote contradicts the event (with a note); dismissed, the pair is remembered.  None
    when there is no such proposal (any more)."""
    found = proposals(event, {s.id: s for s in timeline.sources})
    if not 0 <= index < len(found):
        return None
    proposal = found[index]
    if confirm:
        return Change(f"Record a contradiction in “{event.title}”", removed=(event,),
                      added=(confirmed(event, proposal),))  # fmt: skip
    return Change(f"Dismiss a disagreement in “{event.title}”", removed=(event,),
                  added=(dismissed(event, proposal),))  # fmt: skip


def rename_timeline_change(timeline: Timeline, title: str) -> Change | None:
    """The timeline's new title (spacing tidied), or None when it would not change."""
    clean = " ".join(title.split())
    if not clean or clean == timeline.title:
        return None
    return Change("Rename timeline", title=(timeline.title, clean))
