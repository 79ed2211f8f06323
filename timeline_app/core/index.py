"""Time-sorted arrays of events, for fast visible-range queries.

Events are kept in chronological order (:meth:`Event.sort_key`); an event's *position* is
its rank in that order, and every view speaks in positions.  :class:`VisibleSet` holds the
positions a filter lets through, bucketed by duration, so "which events overlap this time
window" is a few binary searches, never a scan of every event per frame.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Sequence
from functools import cached_property
from itertools import chain
from operator import attrgetter

from .model import Event, chronological
from .search import SearchText

# Upper bounds (days) of the duration buckets: days and short spans, months, years,
# decades; longer spans go to a last bucket that is scanned (there are few of them).
_BUCKET_LIMITS = (2, 32, 367, 3654)


_actors_of = attrgetter("actors")
UPDATE_LIMIT = 64  # more changed events than this: a new index is quicker than updates


class EventIndex:
    """Events in chronological order with parallel arrays of their time intervals."""

    def __init__(self, events: Sequence[Event]) -> None:
        ordered = chronological(events)
        self.events: list[Event] = ordered
        self.ids: list[str] = [e.id for e in ordered]  # copied without touching each event
        self.t0: list[int] = [e.start.start for e in ordered]  # Event.t0, without the call
        self.t1: list[int] = [(e.end or e.start).end for e in ordered]  # Event.t1
        self.max_t1 = max(self.t1, default=0)
        # duration bucket of each position, and the positions of each bucket
        durations = map(int.__sub__, self.t1, self.t0)
        self.bucket_of = [bisect_left(_BUCKET_LIMITS, d) for d in durations]
        self.buckets: list[list[int]] = [[] for _ in range(len(_BUCKET_LIMITS) + 1)]
        for p, k in enumerate(self.bucket_of):
            self.buckets[k].append(p)
        t0 = self.t0  # ... and their starts, for window queries (kept, not made per filter)
        self.bucket_starts: list[list[int]] = [[t0[p] for p in b] for b in self.buckets]
        self._by_actor: dict[str, list[int]] | None = None  # whole, or not built yet
        self._partial: tuple[dict[str, list[int]], int] = ({}, 0)  # built so far
        self._no_actor: list[int] | None = None  # built when first asked for
        # edits not yet made to the actor lists: (position, +1 in or -1 out, its actors)
        self._pending: list[tuple[int, int, tuple[str, ...]]] = []
        # how many events each actor has (the actor list shows it at once)
        self._actor_counts = Counter(chain.from_iterable(map(_actors_of, ordered)))
        self.search = SearchText(ordered)
        # how many times update() changed the arrays, and the intervals (t0, t1) of the
        # events its last call took out and put in: what a view keeps may be kept
        self.version = 0
        self._positions: tuple[int, dict[str, int]] | None = None  # (version, id -> position)
        self.last_edit: tuple[list[tuple[int, int]], list[tuple[int, int]]] = ([], [])

    # what the first paint of a whole timeline does not need is built when first asked for
    @cached_property
    def by_id(self) -> dict[str, Event]:
        return dict(zip(self.ids, self.events, strict=True))  # in C

    def positions_by_id(self) -> dict[str, int]:
        """Each event's position by its id: made in C when first asked for after a change
        (10 ms at 100,000 events), for the links a filter follows."""
        made = self._positions
        if made is None or made[0] != self.version:
            ids = self.ids
            made = self._positions = (self.version, dict(zip(ids, range(len(ids)), strict=True)))
        return made[1]

    def prepare_ids(self) -> bool:
        """Build :attr:`by_id` if it is not built yet (30 ms at 100,000 events: done while
        the window is idle after a file opens, not before its first paint); True if it was
        built now."""
        if "by_id" in self.__dict__:
            return False
        self.by_id  # noqa: B018
        return True

    def position_of(self, event_id: str) -> int | None:
        """The position of the event with this id (its rank in time: a binary search, so
        an edit never renumbers a table of every event)."""
        event = self.by_id.get(event_id)
        if event is None:
            return None
        return bisect_left(self.events, event.sort_key(), key=Event.sort_key)

    @property
    def by_actor(self) -> dict[str, list[int]]:
        """The positions of each actor's events (built when first asked for, or a slice at
        a time while the window is idle: :meth:`prepare_actor_lists`)."""
        self.prepare_actor_lists(len(self.events))
        self.settle()
        assert self._by_actor is not None
        return self._by_actor

    def prepare_actor_lists(self, budget: int) -> bool:
        """Put ``budget`` more events in :attr:`by_actor`; True once it is whole."""
        if self._by_actor is not None:
            return True
        lists, start = self._partial
        stop = min(len(self.events), start + budget)
        for i in range(start, stop):
            for a in self.events[i].actors:
                lists.setdefault(a, []).append(i)
        self._partial = (lists, stop)
        if stop < len(self.events):
            return False
        self.settle()  # (edits noted before now are in these lists already)
        self._by_actor = lists
        return True

    @property
    def no_actor(self) -> list[int]:
        """The positions of the events with no actor."""
        self.settle()
        if self._no_actor is None:
            self._no_actor = [i for i, e in enumerate(self.events) if not e.actors]
        return self._no_actor

    def settle(self) -> bool:
        """Make the edits :meth:`update` left for later to the actor lists (a pass over
        each list per edited event: 5 ms at 100,000 events, which an edit need not wait
        for: the lists are read by a filter change or an idle moment after it); True if
        there were any."""
        pending, self._pending = self._pending, []
        for p, delta, actors in pending:
            lists = [] if self._by_actor is None else list(self._by_actor.values())
            if self._no_actor is not None:
                lists.append(self._no_actor)
            for positions in lists:
                i = bisect_left(positions, p)
                if delta < 0 and i < len(positions) and positions[i] == p:
                    del positions[i]
                positions[i:] = [q + delta for q in positions[i:]]
            if delta > 0 and self._by_actor is not None:
                for a in actors:
                    insort(self._by_actor.setdefault(a, []), p)
            if delta > 0 and self._no_actor is not None and not actors:
                insort(self._no_actor, p)
        return bool(pending)

    # -- a few events changed: the arrays are updated, not built again ----------------------
    def update(
        self,
        removed: Sequence[Event],
        added: Sequence[Event],
        actor_names: dict[str, str] | None = None,
    ) -> bool:
        """Take out ``removed`` and put in ``added`` (an edit: a few events), keeping every
        array as a fresh index would have it; False (nothing done) for more changes than
        :data:`UPDATE_LIMIT`: build a new index then.  The search text, when prepared and
        ``actor_names`` given, is updated too (else prepared again)."""
        if len(removed) + len(added) > UPDATE_LIMIT:
            return False
        here, leaving = self.by_id, {e.id for e in removed}
        if not leaving <= here.keys() or any(e.id in here and e.id not in leaving for e in added):
            return False  # not this index's events (a new one is built from the timeline)
        text = self.search if self.search.ready and actor_names is not None else None
        self.version += 1
        self.last_edit = ([(e.t0, e.t1) for e in removed], [(e.t0, e.t1) for e in added])
        for event in removed:
            position = self.position_of(event.id)
            assert position is not None
            self._remove(position, event)
            if text is not None:
                text.removed(position)
        for event in added:
            position = self._insert(event)
            if text is not None and actor_names is not None:
                text.inserted(position, event, actor_names)
        if text is None:
            self.search = SearchText(self.events)
        return True

    def _moved(self, p: int, delta: int, actors: tuple[str, ...]) -> None:
        """An event came in at (+1) or left (-1) position ``p``: noted for the actor lists
        (see :meth:`settle`), if any is built."""
        self._partial = ({}, 0)  # what an idle preparation had made is made again
        if self._by_actor is not None or self._no_actor is not None:
            self._pending.append((p, delta, actors))

    def _remove(self, p: int, event: Event) -> None:
        self.events.pop(p)
        self.ids.pop(p)
        self.t0.pop(p)
        t1 = self.t1.pop(p)
        k = self.bucket_of.pop(p)
        bucket = self.buckets[k]
        i = bisect_left(bucket, p)
        del bucket[i], self.bucket_starts[k][i]
        for positions in self.buckets:
            i = bisect_left(positions, p)
            positions[i:] = [q - 1 for q in positions[i:]]
        self._moved(p, -1, event.actors)
        self._actor_counts.subtract(event.actors)
        del self.by_id[event.id]
        if t1 == self.max_t1:
            self.max_t1 = max(self.t1, default=0)

    def _insert(self, event: Event) -> int:
        p = bisect_right(self.events, event.sort_key(), key=Event.sort_key)
        t0, t1 = event.t0, event.t1
        k = bisect_left(_BUCKET_LIMITS, t1 - t0)
        self.events.insert(p, event)
        self.ids.insert(p, event.id)
        self.t0.insert(p, t0)
        self.t1.insert(p, t1)
        self.bucket_of.insert(p, k)
        for positions in self.buckets:
            i = bisect_left(positions, p)
            positions[i:] = [q + 1 for q in positions[i:]]
        i = bisect_left(self.buckets[k], p)
        self.buckets[k].insert(i, p)
        self.bucket_starts[k].insert(i, t0)
        self._moved(p, 1, event.actors)
        self._actor_counts.update(event.actors)
        if "by_id" in self.__dict__:
            self.by_id[event.id] = event
        self.max_t1 = max(self.max_t1, t1)
        return p

    def __len__(self) -> int:
        return len(self.events)

    def actor_count(self, actor_id: str) -> int:
        return self._actor_counts[actor_id]

    def extent(self) -> tuple[int, int] | None:
        if not self.events:
            return None
        return self.t0[0], self.max_t1


class VisibleSet:
    """The positions a filter shows, with duration buckets for window queries."""

    def __init__(
        self, index: EventIndex, positions: Sequence[int], picked: Sequence[int] | None = None
    ) -> None:
        """``positions``: ascending; every event's (``range(len(index))``, say) shares the
        index's arrays rather than copying them (an edit then makes no pass over them).
        ``picked``: those the filter itself chose, when links brought in the others."""
        self.index = index
        self.positions = positions
        self.chosen = positions if picked is None else picked
        t0 = index.t0
        every = len(positions) == len(index)
        self.t0 = t0 if every else [t0[p] for p in positions]
        if every:
            self._buckets = list(zip(index.buckets, index.bucket_starts, strict=True))
        else:
            bucket_of = index.bucket_of
            chosen: list[list[int]] = [[] for _ in index.buckets]
            for p in positions:
                chosen[bucket_of[p]].append(p)
            self._buckets = [(b, [t0[p] for p in b]) for b in chosen]
        self._rank = {p: i for i, p in enumerate(positions)} if len(positions) < 2000 else None
        self._extent: tuple[int, int] | None = None

    def __len__(self) -> int:
        return len(self.positions)

    @property
    def linked(self) -> int:
        """How many events are shown only because they are linked to one the filter shows."""
        return len(self.positions) - len(self.chosen)

    def __contains__(self, position: int) -> bool:
        return self.rank(position) is not None

    def rank(self, position: int) -> int | None:
        """Row of ``position`` among the visible events, or None if it is hidden."""
        if self._rank is not None:
            return self._rank.get(position)
        i = bisect_left(self.positions, position)
        return i if i < len(self.positions) and self.positions[i] == position else None

    def overlapping(self, ta: float, tb: float) -> list[int]:
        """Positions of visible events whose interval overlaps [ta, tb), in time order."""
        t1 = self.index.t1
        out: list[int] = []
        last = len(self._buckets) - 1
        for k, (positions, starts) in enumerate(self._buckets):
            hi = bisect_left(starts, tb)
            lo = 0 if k == last else bisect_right(starts, ta - _BUCKET_LIMITS[k])
            out.extend(p for p in positions[lo:hi] if t1[p] > ta)
        out.sort()
        return out

    def count_starting(self, ta: float, tb: float) -> int:
        """How many visible events start in [ta, tb)."""
        return bisect_left(self.t0, tb) - bisect_left(self.t0, ta)

    def extent(self) -> tuple[int, int] | None:
        if not self.positions:
            return None
        if self._extent is None:
            if len(self.positions) == len(self.index):
                self._extent = (self.t0[0], self.index.max_t1)
            else:
                t1 = self.index.t1
                self._extent = (self.t0[0], max(t1[p] for p in self.positions))
        return self._extent
