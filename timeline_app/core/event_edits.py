"""Edits of events and of the timeline's title, as :class:`~timeline_app.core.store.Change`
s (no Qt): the window pushes them, undo applies their inverse."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .change import Change
from .model import Actor, Event, Timeline, unique_id


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


def delete_event_change(event: Event) -> Change:
    return Change(f"Delete “{event.title}”", removed=(event,))


def duplicate_event_change(timeline: Timeline, event: Event) -> tuple[Change, Event]:
    """A copy of ``event`` titled "… (copy)", with an id of its own."""
    title = f"{event.title} (copy)"
    copy = replace(event, id=unique_id(title, (e.id for e in timeline.events)), title=title)
    return Change(f"Duplicate “{event.title}”", added=(copy,)), copy


def rename_timeline_change(timeline: Timeline, title: str) -> Change | None:
    """The timeline's new title (spacing tidied), or None when it would not change."""
    clean = " ".join(title.split())
    if not clean or clean == timeline.title:
        return None
    return Change("Rename timeline", title=(timeline.title, clean))
