"""Edits of the actor list, as :class:`~timeline_app.core.change.Change`\\ s (no Qt).

Each function checks its arguments against the timeline and returns one undoable change;
an impossible edit raises :class:`ActorEditError` with a message for the user.

* Names are required and unique (ignoring case and accents): two actors that are one
  should be merged, not given the same name.
* Merging A into B gives B to every event that had A (where B is already there A is
  simply dropped; otherwise B takes A's place, so the order of the other actors is kept)
  and removes A.  B keeps its own name and colour.
* Deleting an actor removes it from every event that has it, then removes the record.
  (The dialog asks first, naming how many events that is.)
"""

from __future__ import annotations

from .actor_names import name_key
from .change import Change
from .model import Actor, Event, Timeline, replace, unique_id
from .palette import color_problem


class ActorEditError(ValueError):
    """An actor edit that cannot be made; the message says why."""


def events_with_actor(timeline: Timeline, actor_id: str) -> list[Event]:
    """The events that name ``actor_id``, in file order."""
    return [e for e in timeline.events if actor_id in e.actors]


def event_counts(timeline: Timeline) -> dict[str, int]:
    """``{actor id: number of events naming it}`` for every actor of the timeline."""
    counts = {a.id: 0 for a in timeline.actors}
    for event in timeline.events:
        for actor_id in set(event.actors):
            if actor_id in counts:
                counts[actor_id] += 1
    return counts


def _actor(timeline: Timeline, actor_id: str) -> Actor:
    actor = timeline.actor(actor_id)
    if actor is None:
        raise ActorEditError(f"there is no actor {actor_id!r}")
    return actor


def _checked_name(timeline: Timeline, name: str, except_id: str | None = None) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise ActorEditError("an actor needs a name")
    for other in timeline.actors:
        if other.id != except_id and name_key(other.name) == name_key(clean):
            raise ActorEditError(
                f"there is already an actor named “{other.name}”; to make two actors one, "
                "use Merge into…"
            )
    return clean


def add_actor_change(timeline: Timeline, name: str, color: str = "") -> tuple[Change, Actor]:
    """A new actor named ``name`` (id from the name, unique), appended to the list."""
    clean = _checked_name(timeline, name)
    if problem := color_problem(color):
        raise ActorEditError(problem)
    actor = Actor(unique_id(clean, (a.id for a in timeline.actors)), clean, color)
    change = Change(
        f"Add actor “{clean}”",
        actors=(tuple(timeline.actors), (*timeline.actors, actor)),
    )
    return change, actor


def rename_actor_change(timeline: Timeline, actor_id: str, name: str) -> Change:
    """The actor's record replaced by one with the new name; its id never changes."""
    actor = _actor(timeline, actor_id)
    clean = _checked_name(timeline, name, except_id=actor_id)
    renamed = replace(actor, name=clean)
    actors = [renamed if a.id == actor_id else a for a in timeline.actors]
    return Change(
        f"Rename actor “{actor.name}” to “{clean}”",
        actors=(tuple(timeline.actors), tuple(actors)),
    )


def recolor_actor_change(timeline: Timeline, actor_id: str, color: str) -> Change:
    """Give the actor a colour ("#rrggbb"), or ``""`` to let the palette choose."""
    actor = _actor(timeline, actor_id)
    color = color.strip()
    if problem := color_problem(color):
        raise ActorEditError(problem)
    actors = [replace(a, color=color) if a.id == actor_id else a for a in timeline.actors]
    what = f"Colour actor “{actor.name}”" if color else f"Palette colour for “{actor.name}”"
    return Change(what, actors=(tuple(timeline.actors), tuple(actors)))


def merged_actors(actors: tuple[str, ...], source_id: str, target_id: str) -> tuple[str, ...]:
    """An event's actors with ``source_id`` merged into ``target_id``."""
    if source_id not in actors:
        return actors
    if target_id in actors:
        return tuple(a for a in actors if a != source_id)
    out: list[str] = []
    for a in actors:
        b = target_id if a == source_id else a
        if b not in out:
            out.append(b)
    return tuple(out)


def merge_actors_change(timeline: Timeline, source_id: str, target_id: str) -> Change:
    """Every event with ``source_id`` gets ``target_id`` instead; ``source_id`` goes."""
    source = _actor(timeline, source_id)
    target = _actor(timeline, target_id)
    if source_id == target_id:
        raise ActorEditError("an actor cannot be merged into itself")
    before = tuple(events_with_actor(timeline, source_id))
    after = tuple(replace(e, actors=merged_actors(e.actors, source_id, target_id)) for e in before)
    return Change(
        f"Merge actor “{source.name}” into “{target.name}”",
        removed=before,
        added=after,
        actors=(tuple(timeline.actors), tuple(a for a in timeline.actors if a.id != source_id)),
    )


def delete_actor_change(timeline: Timeline, actor_id: str) -> Change:
    """The actor removed from every event that names it, and from the list."""
    actor = _actor(timeline, actor_id)
    before = tuple(events_with_actor(timeline, actor_id))
    after = tuple(replace(e, actors=tuple(a for a in e.actors if a != actor_id)) for e in before)
    return Change(
        f"Delete actor “{actor.name}”",
        removed=before,
        added=after,
        actors=(tuple(timeline.actors), tuple(a for a in timeline.actors if a.id != actor_id)),
    )
