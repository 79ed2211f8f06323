"""One timeline's events brought into another as one undoable change (a TimelineJS file
imported into the open timeline): actors matched by name as the event form matches them,
sources by title and author, ids kept when free and made otherwise (a source's
``derived_from`` follows its sources' ids).  The events come without the incoming links,
eras and review marks: they are the other timeline's reading, not facts of the events."""

from __future__ import annotations

from .actor_names import ActorNames, name_key
from .change import Change
from .model import IdMaker, QuoteMark, Source, Timeline, replace
from .wording import plural


def merge_change(current: Timeline, incoming: Timeline, what: str = "") -> Change:
    """``incoming``'s events added to ``current``, with the actors and sources they need
    that ``current`` does not have (``what`` names the import: "Import from file.json")."""
    names = ActorNames(current.actors)
    actor_ids = {a.id: names.actor(a.name).id for a in incoming.actors}

    def source_key(s: Source) -> tuple[str, str]:
        return (name_key(s.title), name_key(s.author))

    known = {source_key(s): s.id for s in current.sources}
    source_ids_made = IdMaker(s.id for s in current.sources)
    new_sources: list[Source] = []
    source_ids: dict[str, str] = {}
    for s in incoming.sources:
        same = known.get(source_key(s))
        if same is None:
            same = s.id if s.id not in source_ids_made else source_ids_made.make(s.title)
            source_ids_made.add(same)
            new_sources.append(replace(s, id=same))
            known[source_key(s)] = same
        source_ids[s.id] = same
    new_sources = [_derived_anew(s, source_ids) for s in new_sources]

    event_ids = IdMaker(e.id for e in current.events)
    added = []
    for e in incoming.events:
        ident = e.id if e.id not in event_ids else event_ids.make(e.title)
        event_ids.add(ident)
        added.append(
            replace(
                e,
                id=ident,
                actors=tuple(dict.fromkeys(actor_ids.get(a, a) for a in e.actors)),
                quotes=tuple(
                    replace(q, source=source_ids.get(q.source, q.source)) for q in e.quotes
                ),
                dismissed=tuple(
                    (_mark_anew(a, source_ids), _mark_anew(b, source_ids)) for a, b in e.dismissed
                ),
            )
        )
    colors = {name_key(a.name): a.color for a in incoming.actors}
    new_actors = tuple(replace(a, color=colors.get(name_key(a.name), "")) for a in names.new)
    before_actors, before_sources = tuple(current.actors), tuple(current.sources)
    return Change(
        what or f"Import {plural(len(added), 'event')}",
        added=tuple(added),
        actors=(before_actors, before_actors + new_actors) if new_actors else None,
        sources=(before_sources, before_sources + tuple(new_sources)) if new_sources else None,
    )


def _derived_anew(source: Source, ids: dict[str, str]) -> Source:
    """``source`` deriving from its sources by their new ids (never from itself: two
    incoming sources that became one)."""
    derived = dict.fromkeys(ids.get(d, d) for d in source.derived_from)
    derived.pop(source.id, None)
    return replace(source, derived_from=tuple(derived))


def _mark_anew(mark: QuoteMark, ids: dict[str, str]) -> QuoteMark:
    return QuoteMark(ids.get(mark.source, mark.source), mark.hash)
