"""The open timeline in memory: its records, index, filter and visible events.

Every edit is a :class:`Change` (which events leave, which arrive, and the actors, sources
or title before and after).  A change knows its inverse, so undo is applying the inverse;
the Qt layer wraps changes in ``QUndoCommand``\\ s and never edits records itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .bulk import bulk_allocation
from .filters import FilterState, apply_filter, narrows
from .index import EventIndex, VisibleSet
from .model import Actor, Event, Source, Timeline


@dataclass(frozen=True, slots=True)
class Change:
    """One undoable edit.  ``removed`` events leave (by id), ``added`` arrive."""

    description: str
    removed: tuple[Event, ...] = ()
    added: tuple[Event, ...] = ()
    actors: tuple[tuple[Actor, ...], tuple[Actor, ...]] | None = None
    sources: tuple[tuple[Source, ...], tuple[Source, ...]] | None = None
    title: tuple[str, str] | None = None
    texts: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)

    def inverted(self) -> Change:
        def flip(pair: tuple[object, object] | None) -> object:
            return None if pair is None else (pair[1], pair[0])

        return Change(
            self.description,
            removed=self.added,
            added=self.removed,
            actors=flip(self.actors),  # type: ignore[arg-type]
            sources=flip(self.sources),  # type: ignore[arg-type]
            title=flip(self.title),  # type: ignore[arg-type]
            texts={k: (v[1], v[0]) for k, v in self.texts.items()},
        )

    @property
    def touches_events(self) -> bool:
        return bool(self.removed or self.added)


RECENT_FILTERS = 12


class TimelineStore:
    """Holds the timeline; rebuilds the index and the visible set after each change."""

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self.filter = FilterState()
        self._recent: dict[FilterState, VisibleSet] = {}  # results of the last filters
        with bulk_allocation(freeze=True):  # a whole document, once: long-lived
            self.index = EventIndex(timeline.events)
        self.visible: VisibleSet = apply_filter(self.index, self.filter, timeline)

    # -- filter ----------------------------------------------------------------------
    def set_filter(self, state: FilterState) -> None:
        new = state.normalised([a.id for a in self.timeline.actors])
        cached = self._recent.pop(new, None)  # e.g. backspace: the result before this one
        if cached is None:
            within = self.visible.positions if narrows(self.filter, new) else None
            cached = apply_filter(self.index, new, self.timeline, within)
        self.filter = new
        self.visible = cached
        self._recent[new] = cached
        while len(self._recent) > RECENT_FILTERS:
            del self._recent[next(iter(self._recent))]

    # -- edits -----------------------------------------------------------------------
    def apply(self, change: Change) -> None:
        t = self.timeline
        if change.touches_events:
            gone = {e.id for e in change.removed}
            arriving = {e.id: e for e in change.added}
            events = []
            for e in t.events:
                if e.id in arriving and e.id in gone:
                    events.append(arriving.pop(e.id))  # edited in place: keep file order
                elif e.id not in gone:
                    events.append(e)
            events.extend(arriving.values())
            t = replace(t, events=events)
        if change.actors is not None:
            t = replace(t, actors=list(change.actors[1]))
        if change.sources is not None:
            t = replace(t, sources=list(change.sources[1]))
        if change.title is not None:
            t = replace(t, title=change.title[1])
        self.timeline = t
        if change.touches_events or change.actors is not None:
            with bulk_allocation():
                self.index = EventIndex(t.events)  # new positions: filter from scratch
            self._recent.clear()
            self.filter = self.filter.normalised([a.id for a in t.actors])
            self.visible = apply_filter(self.index, self.filter, t)

    # -- lookups ---------------------------------------------------------------------
    def event_at(self, position: int) -> Event:
        return self.index.events[position]

    def event(self, event_id: str) -> Event | None:
        """The event with this id (a dictionary lookup, not a scan of every event)."""
        position = self.index.position_of.get(event_id)
        return self.index.events[position] if position is not None else None

    def position_of(self, event_id: str) -> int | None:
        return self.index.position_of.get(event_id)
