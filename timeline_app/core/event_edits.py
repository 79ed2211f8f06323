"""Edits of events and of the timeline's title, as :class:`~timeline_app.core.change.Change`
s (no Qt): the window pushes them, undo applies their inverse."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from .actor_names import ActorNames, split_names
from .change import Change
from .dates import parse_date
from .disagreements import confirmed, dismissed, proposals
from .event_links import choice_words
from .model import (
    Actor,
    DateBasis,
    Event,
    IdMaker,
    Link,
    LinkBasis,
    LinkType,
    Quote,
    Stance,
    Status,
    Timeline,
    replace,
    unique_id,
)
from .references import link_ends, links_touching, same_link_key
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


@dataclass(frozen=True, slots=True)
class LinkDraft:
    """A link the event form adds, read from the event being edited ("Led to → other");
    ``backward``: read the other way ("In response to ← other"), stored from the other
    event.  The event's id is known once the event is made (a new one's from its title)."""

    type: LinkType
    other_id: str
    backward: bool = False
    basis: LinkBasis = LinkBasis.ANALYST
    quote: Quote | None = None  # what states it (the basis is a source)
    notes: str = ""  # why the analyst infers it
    label: str = ""

    def link(self, event_id: str, link_id: str = "") -> Link:
        """The link as stored: from the event it reads forward from (a symmetric type's
        ends in order), its texts tidied, the quote kept only when a source states it."""
        ends = (self.other_id, event_id) if self.backward else (event_id, self.other_id)
        source = self.basis is LinkBasis.SOURCE
        link = Link(link_id, *ends, self.type, self.basis, " ".join(self.label.split()),
                    self.quote if source else None, self.notes.strip())  # fmt: skip
        from_id, to_id = link_ends(link)
        return replace(link, from_id=from_id, to_id=to_id)


def link_draft_problem(draft: LinkDraft, event_id: str, links: Sequence[Link]) -> str:
    """Why ``draft`` cannot be added to the event ``event_id`` whose links (as the form
    holds them) are ``links``; "" when it can.  A new event's id is not known yet: any id
    no other event has will do (its drafts are compared with each other)."""
    if not draft.other_id:
        return "Choose the event it links to."
    if draft.other_id == event_id:
        return "An event cannot be linked to itself."
    if draft.basis is LinkBasis.ANALYST and not draft.notes.strip():
        return "Say in the notes why you infer this link."
    if draft.basis is LinkBasis.SOURCE and (draft.quote is None or not draft.quote.text.strip()):
        return "Quote the passage of the source that states this link."
    key = same_link_key(draft.link(event_id))
    if any(same_link_key(k) == key for k in links):
        return "This event already has that link to that event."
    return ""


def link_draft_warning(draft: LinkDraft, event: Event | None, other: Event | None) -> str:
    """A doubt worth saying, that does not stop the link: "led to" an event that began
    before its cause ("" when there is none, or an end is unknown)."""
    if draft.type is not LinkType.LED_TO or event is None or other is None:
        return ""
    cause, effect = (other, event) if draft.backward else (event, other)
    if cause.t0 <= effect.t0:
        return ""
    return f"“{cause.title}” began after “{effect.title}”: is the direction right?"


def save_event_change(
    timeline: Timeline,
    event: Event,
    old: Event | None,
    new_actors: Sequence[Actor] = (),
    removed_links: Collection[str] = (),
    new_links: Sequence[LinkDraft] = (),
) -> Change:
    """Add ``event`` (``old`` None) or put it in place of ``old``, with the actors it names
    that the timeline does not have yet; and, in the same step (one undo takes all back),
    without its links of ids ``removed_links`` and with ``new_links`` (each given an id;
    one that repeats a link the event keeps is left out: a file never repeats a link)."""
    actors = None
    if new_actors:
        before = tuple(timeline.actors)
        actors = (before, before + tuple(new_actors))
    links = _links_after(timeline, event.id, removed_links, new_links)
    verb = "Edit" if old else "Add"
    return Change(
        f"{verb} “{event.title}”",
        removed=(old,) if old else (),
        added=(event,),
        actors=actors,
        links=links,
    )


def _links_after(
    timeline: Timeline, event_id: str, removed: Collection[str], drafts: Sequence[LinkDraft]
) -> tuple[tuple[Link, ...], tuple[Link, ...]] | None:
    """The timeline's links before and after the event's link edits (None: no change): the
    links kept stay in their places, the new ones go last."""
    mine = {k.id for k in links_touching(timeline.links, {event_id})} & set(removed)
    kept = [k for k in timeline.links if k.id not in mine]
    ids = IdMaker(k.id for k in timeline.links)
    keys = {same_link_key(k) for k in kept}
    for draft in drafts:
        link = draft.link(event_id)
        if draft.other_id == event_id or same_link_key(link) in keys:
            continue
        keys.add(same_link_key(link))
        kept.append(replace(link, id=ids.make(f"{link.from_id} {link.type.value} {link.to_id}")))
    before = tuple(timeline.links)
    return None if len(kept) == len(before) and not mine else (before, tuple(kept))


def add_link_change(timeline: Timeline, event: Event, draft: LinkDraft) -> Change | None:
    """The link ``draft`` (read from ``event``) added on its own, as one undoable step;
    None when it cannot be (:func:`link_draft_problem` says why)."""
    mine = links_touching(timeline.links, {event.id})
    if link_draft_problem(draft, event.id, mine):
        return None
    links = _links_after(timeline, event.id, (), (draft,))
    if links is None:
        return None
    other = next((e for e in timeline.events if e.id == draft.other_id), None)
    words = choice_words(draft.type, draft.backward)
    title = other.title if other is not None else draft.other_id
    return Change(f"Link “{event.title}”: {words} “{title}”", links=links)


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
