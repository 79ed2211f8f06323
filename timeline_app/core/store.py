"""The open timeline in memory: its records, source texts, index, filter and visible events.

Every edit is a :class:`~timeline_app.core.change.Change`, applied whole by
:meth:`TimelineStore.apply` (records and source texts held in memory alike); undo is
applying its inverse.  The Qt layer wraps changes in ``QUndoCommand``\\ s and never edits
records itself.
"""

from __future__ import annotations

from dataclasses import replace

from .bulk import bulk_allocation
from .change import Change
from .evidence import EventEvidence
from .filters import FilterState, apply_filter, narrows
from .index import EventIndex, VisibleSet
from .model import Event, Timeline
from .search import SearchText
from .source_texts import SourceTexts

RECENT_FILTERS = 12


class TimelineStore:
    """Holds the timeline; rebuilds the index and the visible set after each change."""

    def __init__(self, timeline: Timeline, texts: SourceTexts | None = None) -> None:
        self.timeline = timeline
        self.texts = texts if texts is not None else SourceTexts(None)
        self.filter = FilterState()
        self._recent: dict[FilterState, VisibleSet] = {}  # results of the last filters
        with bulk_allocation(freeze=True):  # a whole document, once: long-lived
            self.index = EventIndex(timeline.events)
        self._evidence: tuple[object, EventEvidence] | None = None
        self.visible: VisibleSet = apply_filter(self.index, self.filter, timeline)

    # -- filter ----------------------------------------------------------------------
    def set_filter(self, state: FilterState) -> None:
        new = state.normalised([a.id for a in self.timeline.actors])
        cached = self._recent.pop(new, None)  # e.g. backspace: the result before this one
        if cached is None:
            within = self.visible.chosen if narrows(self.filter, new) else None
            evidence = self.evidence() if new.weighs else None  # asked for only when used
            cached = apply_filter(self.index, new, self.timeline, within, evidence)
        self.filter = new
        self.visible = cached
        self._recent[new] = cached
        while len(self._recent) > RECENT_FILTERS:
            del self._recent[next(iter(self._recent))]

    # -- edits -----------------------------------------------------------------------
    def apply(self, change: Change) -> Change:
        """Apply ``change``; the change as applied (with where the events that left were
        in the file), whose inverse undoes it exactly."""
        t = self.timeline
        if change.touches_events:
            events, removed_at = _events_after(t.events, change)
            t = replace(t, events=events)
            change = replace(change, removed_at=removed_at)
        if change.actors is not None:
            t = replace(t, actors=list(change.actors[1]))
        if change.sources is not None:
            t = replace(t, sources=list(change.sources[1]))
        if change.title is not None:
            t = replace(t, title=change.title[1])
        if change.links is not None:
            t = replace(t, links=list(change.links[1]))
        if change.eras is not None:
            t = replace(t, eras=list(change.eras[1]))
        if change.review is not None:
            t = replace(t, review=dict(change.review[1]))
        self.timeline = t
        for source_id, (_, after) in change.texts.items():
            source = t.source(source_id)
            if after is not None and source is not None and self.texts.file_text(source) == after:
                after = None  # the same as the file: nothing left to write
            self.texts.set_text(source_id, after)
        weighed = self.filter.weighs and (change.sources is not None or bool(change.texts))
        linked = self.filter.linked and change.links is not None
        if change.links is not None:  # what a filter showing linked events showed is stale
            self._recent = {f: v for f, v in self._recent.items() if not f.linked}
        if change.touches_events or change.actors is not None or weighed or linked:
            if change.touches_events:
                updated = self.index.update(
                    change.removed, change.added, {a.id: a.name for a in t.actors}
                )
                if not updated:
                    with bulk_allocation():
                        self.index = EventIndex(t.events)  # many changed: a new index
            elif change.actors is not None:  # actors renamed or recoloured: names are searched
                self.index.search = SearchText(self.index.events)
            self._recent.clear()
            self.filter = self.filter.normalised([a.id for a in t.actors])
            evidence = self.evidence() if self.filter.weighs else None
            self.visible = apply_filter(self.index, self.filter, t, evidence=evidence)
        return change

    def evidence(self) -> EventEvidence:
        """The events' supports and sources for the evidence filters, made again after a
        change to the events, the sources or the texts held (worked out when asked)."""
        sources = self.timeline.sources
        key = (self.index, self.index.version, tuple(sources), frozenset(self.texts.pending()))
        if self._evidence is None or self._evidence[0] != key:
            checkable = self.texts.checkable(sources)
            self._evidence = (key, EventEvidence(self.index.events, sources, checkable))
        return self._evidence[1]

    # -- lookups ---------------------------------------------------------------------
    def event_at(self, position: int) -> Event:
        return self.index.events[position]

    def shown_events(self) -> list[Event]:
        """The events the filter shows, in time order (what an export writes)."""
        events = self.index.events
        return list(map(events.__getitem__, self.visible.positions))

    def event(self, event_id: str) -> Event | None:
        """The event with this id (a dictionary lookup, not a scan of every event)."""
        return self.index.by_id.get(event_id)

    def position_of(self, event_id: str) -> int | None:
        return self.index.position_of(event_id)


FEW = 64  # changed events found by a search of the list rather than a pass over it


def _events_after(before: list[Event], change: Change) -> tuple[list[Event], dict[str, int]]:
    """The timeline's events (in file order) after ``change``, and where the events that
    left were: an edited event keeps its place, one that comes back goes where it was, a
    new one goes last."""
    arriving = {e.id: e for e in change.added}
    removed_at: dict[str, int] = {}
    if len(change.removed) + len(change.added) <= FEW:  # an edit: a few C-speed searches
        events = list(before)
        try:
            found = [(events.index(e), e) for e in change.removed]
        except ValueError:  # not the timeline's own records: the pass below finds them
            found = None
        if found is not None:
            for i, e in found:
                if e.id in arriving:
                    events[i] = arriving.pop(e.id)  # edited in place: keep file order
                else:
                    removed_at[e.id] = i
            for i in sorted(removed_at.values(), reverse=True):
                del events[i]
            return _placed(events, arriving, change), removed_at
    gone = {e.id for e in change.removed}
    events = []
    for i, e in enumerate(before):
        if e.id in arriving and e.id in gone:
            events.append(arriving.pop(e.id))  # edited in place: keep file order
        elif e.id not in gone:
            events.append(e)
        else:
            removed_at[e.id] = i
    return _placed(events, arriving, change), removed_at


def _placed(events: list[Event], arriving: dict[str, Event], change: Change) -> list[Event]:
    placed = sorted((change.added_at[i], e) for i, e in arriving.items() if i in change.added_at)
    for index, e in placed:  # in rising order: each goes back where it was
        events.insert(min(index, len(events)), e)
    events.extend(e for i, e in arriving.items() if i not in change.added_at)
    return events
