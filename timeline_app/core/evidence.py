"""How well an event is supported: which sources are independent of each other, and the
event's support computed from the stances its quotes record.

* Two sources are **independent** unless one derives from the other (directly or through a
  chain of ``derived_from``), both derive from a common source, or they have the same
  ``publication`` (compared as actor names are: case and spacing aside).
* An event is **contested** when a quote contradicts it; **corroborated** when supporting
  quotes come from two or more independent sources, at least one of them verified (its text
  is in the timeline), and none contradicts; **single** when its quotes rest on one source
  (or on sources that are not independent); **unsourced** without a quote.
* Credibility 1 ("confirmed by other sources") on an event resting on one source is
  **inconsistent**: flagged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import combinations

from .actor_names import name_key
from .model import DateBasis, Event, Source, Stance


class Support(str, Enum):
    CORROBORATED = "corroborated"
    SINGLE = "single"
    CONTESTED = "contested"
    UNSOURCED = "unsourced"

    @property
    def words(self) -> str:
        return _WORDS[self]


SUPPORT_NAMES = {  # short, for filters and badges
    Support.CORROBORATED: "corroborated",
    Support.SINGLE: "single source",
    Support.CONTESTED: "contested",
    Support.UNSOURCED: "no source",
}
#: How a date the analyst established (not a quoted source) is named: the detail pane, the
#: published page and the TimelineJS export's facts ("Date: established elsewhere").
DATE_ELSEWHERE = "established elsewhere"


def date_basis_words(event: Event, notes: bool = True) -> str:
    """Where an event's date comes from, in words: "date as the quoted source gives it",
    "date established elsewhere: see the notes" (``notes``: the reader can see the notes;
    else "… by the analyst") or "no source quoted for the date"."""
    if event.date_basis is DateBasis.ELSEWHERE:
        return f"date {DATE_ELSEWHERE}" + (": see the notes" if notes else " by the analyst")
    if event.quotes:
        return "date as the quoted source gives it"
    return "no source quoted for the date"


_WORDS = {
    Support.CORROBORATED: "corroborated by independent sources",
    Support.SINGLE: "resting on a single source",
    Support.CONTESTED: "contested: a source contradicts it",
    Support.UNSOURCED: "no source quoted",
}


def named_texts(sources: Iterable[Source]) -> Callable[[str], bool]:
    """Whether a source (by id) names a text file: what "its quotes can be checked" means
    where no texts are held in memory (the command line, an export)."""
    with_text = frozenset(s.id for s in sources if s.text_file)
    return with_text.__contains__


class Sources:
    """A timeline's sources, with what each derives from, however far back."""

    def __init__(self, sources: Iterable[Source]) -> None:
        self.by_id: dict[str, Source] = {s.id: s for s in sources}
        self._roots: dict[str, frozenset[str]] = {}

    def ancestry(self, source_id: str) -> frozenset[str]:
        """The source and every source it derives from, through any chain (a cycle, which
        the reader refuses, ends the walk)."""
        known = self._roots.get(source_id)
        if known is not None:
            return known
        seen: set[str] = set()
        todo = [source_id]
        while todo:
            ident = todo.pop()
            if ident in seen:
                continue
            seen.add(ident)
            source = self.by_id.get(ident)
            if source is not None:
                todo.extend(source.derived_from)
        found = frozenset(seen)
        self._roots[source_id] = found
        return found

    def independent(self, a: str, b: str) -> bool:
        """Whether sources ``a`` and ``b`` are independent (see the module)."""
        if a == b or self.ancestry(a) & self.ancestry(b):
            return False  # one derives from the other, or both from a common source
        pa, pb = self.by_id.get(a), self.by_id.get(b)
        if pa is not None and pb is not None and pa.publication.strip():
            return name_key(pa.publication) != name_key(pb.publication)
        return True

    def why_not_independent(self, a: str, b: str) -> str:
        """Why two sources are not independent, in words naming both by their titles
        ("“Paper” derives from “Wire story”"; "" when they are independent)."""
        if a == b:
            return "the same source"
        if a in self.ancestry(b):
            return f"{self._name(b)} derives from {self._name(a)}"
        if b in self.ancestry(a):
            return f"{self._name(a)} derives from {self._name(b)}"
        both = f"{self._name(a)} and {self._name(b)}"
        common = self.ancestry(a) & self.ancestry(b)
        if common:
            return f"{both} both derive from {self._name(min(common))}"
        pa, pb = self.by_id.get(a), self.by_id.get(b)
        if pa and pb and pa.publication.strip() and not self.independent(a, b):
            return f"{both} are both {pa.publication.strip()}"
        return ""

    def _name(self, source_id: str) -> str:
        source = self.by_id.get(source_id)
        return f"“{source.title}”" if source is not None else source_id


@dataclass(frozen=True, slots=True)
class EventSupport:
    support: Support
    independent: int  # how many independent sources support it
    unverified: frozenset[str]  # ids of its sources with no text in the timeline
    inconsistent: bool  # credibility 1 on an event resting on one source


def event_support(event: Event, sources: Sources, has_text: Callable[[str], bool]) -> EventSupport:
    """The support of ``event`` (``has_text(source id)``: whether the source's text is in
    the timeline, so its quotes can be checked)."""
    cited = {q.source for q in event.quotes}
    unverified = frozenset(s for s in cited if not has_text(s))
    if not event.quotes:
        return EventSupport(Support.UNSOURCED, 0, unverified, False)
    supporting = list(dict.fromkeys(q.source for q in event.quotes if q.stance is Stance.SUPPORTS))
    apart: list[str] = []  # supporting sources independent of each other (chosen in order)
    for s in supporting:
        if all(sources.independent(s, other) for other in apart):
            apart.append(s)
    inconsistent = len(apart) <= 1 and any(q.credibility == 1 for q in event.quotes)
    if any(q.stance is Stance.CONTRADICTS for q in event.quotes):
        support = Support.CONTESTED
    elif any(
        sources.independent(a, b) and not (a in unverified and b in unverified)
        for a, b in combinations(supporting, 2)
    ):
        support = Support.CORROBORATED
    else:
        support = Support.SINGLE
    return EventSupport(support, len(apart), unverified, inconsistent)


def supports(
    events: Iterable[Event], sources: Iterable[Source], has_text: Callable[[str], bool]
) -> Mapping[str, EventSupport]:
    """Every event's support, by event id."""
    known = Sources(sources)
    return {e.id: event_support(e, known, has_text) for e in events}


def support_of(
    events: Sequence[Event], sources: Iterable[Source], has_text: Callable[[str], bool]
) -> list[Support]:
    """Each event's support, in the events' order (an event with one quote, or quotes
    from one source, is worked out without comparing sources: most events)."""
    known = Sources(sources)
    return [_support(e, known, has_text) for e in events]


def _support(e: Event, known: Sources, has_text: Callable[[str], bool]) -> Support:
    quotes = e.quotes
    if not quotes:
        return Support.UNSOURCED
    if any(q.stance is Stance.CONTRADICTS for q in quotes):
        return Support.CONTESTED
    if len(quotes) == 1 or len({q.source for q in quotes}) == 1:
        return Support.SINGLE
    return event_support(e, known, has_text).support


class EventEvidence:
    """What the evidence filters ask of a timeline's events, by position in ``events``:
    each one's support, and which events quote each source; each worked out once, when
    first asked (at 100,000 events: about 0.15 s each, then a filter change is a few
    set operations)."""

    def __init__(
        self, events: Sequence[Event], sources: Iterable[Source], has_text: Callable[[str], bool]
    ) -> None:
        self.events = events
        self.sources = list(sources)
        self.has_text = has_text
        self._supports: list[Support] | None = None
        self._quoting: dict[str, list[int]] | None = None
        self._known: Sources | None = None
        self._some: dict[int, Support] = {}  # those asked one by one (the marks in view)

    def supports(self) -> list[Support]:
        if self._supports is None:
            self._supports = support_of(self.events, self.sources, self.has_text)
        return self._supports

    def support_at(self, position: int) -> Support:
        """The support of the event at ``position``, without working out every event's (a
        view shows at most a few thousand)."""
        if self._supports is not None:
            return self._supports[position]
        found = self._some.get(position)
        if found is None:
            if self._known is None:
                self._known = Sources(self.sources)
            found = self._some[position] = _support(
                self.events[position], self._known, self.has_text
            )
        return found

    def quoting(self) -> dict[str, list[int]]:
        """Source id -> the positions of the events quoting it, in order."""
        if self._quoting is None:
            found: dict[str, list[int]] = {}
            for p, e in enumerate(self.events):
                for source in {q.source for q in e.quotes}:
                    found.setdefault(source, []).append(p)
            self._quoting = found
        return self._quoting
