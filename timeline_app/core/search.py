"""Text search over every event: one folded string per timeline, scanned at C speed.

Each event's title, summary, notes, quotes, actor names and tags are folded (case and
accents ignored) and joined into one long string, events separated by a NUL.  A word is
then found with ``str.find`` over the whole string (a hit jumps straight to the next
event), instead of a Python-level test of every event.  The string is built in slices, so
the window can prepare it while idle after a file opens.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from .bulk import bulk_allocation
from .model import Event, fold

SEPARATOR = "\x00"  # never in a folded word, so no match spans two events


class SearchText:
    def __init__(self, events: Sequence[Event]) -> None:
        self.events = events
        self._parts: list[str] = []
        self._blob: str | None = None
        self._offsets: list[int] = []

    @property
    def ready(self) -> bool:
        return self._blob is not None

    def prepare(self, actor_names: dict[str, str], budget: int | None = None) -> bool:
        """Fold up to ``budget`` more events (all when None); True once everything is ready."""
        if self._blob is not None:
            return True
        start = len(self._parts)
        stop = len(self.events) if budget is None else min(len(self.events), start + budget)
        with bulk_allocation():
            self._parts.extend(
                fold(
                    "\n".join(
                        [e.title, e.summary, e.notes]
                        + [q.text for q in e.quotes]
                        + [actor_names.get(a, a) for a in e.actors]
                        + list(e.tags)
                    ).replace(SEPARATOR, " ")
                )
                for e in self.events[start:stop]
            )
        if len(self._parts) < len(self.events):
            return False
        offsets, at = [], 0
        for part in self._parts:
            offsets.append(at)
            at += len(part) + 1
        offsets.append(at)
        self._offsets = offsets
        self._blob = SEPARATOR.join(self._parts) + SEPARATOR
        self._parts = []
        return True

    def text(self, position: int) -> str:
        assert self._blob is not None
        return self._blob[self._offsets[position] : self._offsets[position + 1] - 1]

    def matching(
        self, words: Sequence[str], actor_names: dict[str, str], within: Sequence[int] | None
    ) -> list[int]:
        """Positions whose text contains every word, in order; only among ``within`` when
        given (a narrower search: each candidate is tested in place)."""
        self.prepare(actor_names)
        blob, offsets = self._blob, self._offsets
        assert blob is not None
        find = blob.find
        if within is not None and len(within) * 8 < len(self.events):
            return [
                p for p in within if all(find(w, offsets[p], offsets[p + 1]) >= 0 for w in words)
            ]
        rarest = max(words, key=len)  # the longest word: usually the fewest hits
        if len(rarest) <= 2 and within is None:  # matches nearly everything: test in place
            return [
                p
                for p in range(len(self.events))
                if all(find(w, offsets[p], offsets[p + 1]) >= 0 for w in words)
            ]
        hits: list[int] = []
        end = len(blob)
        i = find(rarest)
        while i >= 0:
            p = bisect_right(offsets, i) - 1
            hits.append(p)
            nxt = offsets[p + 1]
            i = find(rarest, nxt, end) if nxt < end else -1
        others = [w for w in words if w != rarest]
        if others:
            hits = [
                p for p in hits if all(find(w, offsets[p], offsets[p + 1]) >= 0 for w in others)
            ]
        if within is not None:
            allowed = set(within)
            hits = [p for p in hits if p in allowed]
        return hits
