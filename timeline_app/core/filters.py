"""The one filter state (actors, text, date range, evidence) and how it picks events.

The filter works on positions from the :class:`~timeline_app.core.index.EventIndex`:
per-actor position lists, one folded search string per event, and the sorted start days.
No per-row callbacks: a refilter of 100,000 events is a few list operations.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum

from .actor_names import ActorNames
from .dates import TimelineDate, parse_iso, span_words
from .evidence import SUPPORT_NAMES, EventEvidence, Support, named_texts
from .index import EventIndex, VisibleSet
from .model import RELIABILITIES, UNGRADED, Actor, Link, Timeline, fold
from .wording import isolated


class ActorMode(str, Enum):
    ANY = "any"  # events with any of the checked actors
    ALL = "all"  # events with every checked actor


@dataclass(frozen=True, slots=True)
class FilterState:
    """What the user asked to see.  ``checked`` is None when every actor is shown."""

    checked: frozenset[str] | None = None
    mode: ActorMode = ActorMode.ANY
    text: str = ""
    date_from: TimelineDate | None = None
    date_to: TimelineDate | None = None
    # the evidence: events of these supports (None: all), quoting a source graded at
    # least ``min_grade`` (A best; "": any), quoting one of ``sources`` (None: any)
    support: frozenset[Support] | None = None
    min_grade: str = ""
    sources: frozenset[str] | None = None
    # also show the events linked to those the filter shows (one step of links)
    linked: bool = False

    @property
    def active(self) -> bool:
        return (
            self.checked is not None
            or bool(self.text.strip())
            or self.date_from is not None
            or self.date_to is not None
            or self.weighs
        )

    def cleared(self) -> FilterState:
        """No filter (every event shown), keeping the choice to show linked events for
        the next filter."""
        return FilterState(linked=self.linked)

    @property
    def weighs(self) -> bool:
        """Whether it picks events by their evidence."""
        return self.support is not None or bool(self.min_grade) or self.sources is not None

    def normalised(self, actor_ids: list[str]) -> FilterState:
        """Drop unknown actors; every actor checked means no actor filter (and every
        support checked, no support filter)."""
        if self.support is not None and self.support >= set(Support):
            return replace(self, support=None).normalised(actor_ids)
        if self.checked is None:
            return self
        checked = self.checked & set(actor_ids)
        checked_or_none: frozenset[str] | None
        if self.checked and not checked:
            checked_or_none = None  # the actors it showed are gone (merged, deleted): show all
        elif checked == set(actor_ids) and actor_ids:
            checked_or_none = None
        else:
            checked_or_none = frozenset(checked)
        return replace(self, checked=checked_or_none)

    def describe(self, timeline: Timeline, isolate: bool = False) -> str:
        """The filter in words: "North Korea · 'Kursk' · 1980s – 2016" (``isolate``: for a
        window, each name and the search text isolated, see :func:`wording.isolated`)."""
        parts = []
        if self.checked is not None:
            parts.append(self._describe_actors(timeline, isolate))
        if self.text.strip():
            text = self.text.strip()
            parts.append(f"“{isolated(text) if isolate else text}”")
        if self.date_from or self.date_to:
            if self.date_from and self.date_to:
                parts.append(span_words(self.date_from, self.date_to))
            elif self.date_from:
                parts.append(f"from {self.date_from.words()}")
            elif self.date_to:
                parts.append(f"until {self.date_to.words()}")
        if self.support is not None:
            chosen = [s for s in Support if s in self.support]  # in the one order
            parts.append(_listed([SUPPORT_NAMES[s] for s in chosen], " or ") or "no support")
        if self.min_grade:
            parts.append(f"sources graded {self.min_grade} or better")
        if self.sources is not None:
            titles = [s.title for s in timeline.sources if s.id in self.sources]
            shown = [isolated(t) if isolate else t for t in titles]
            parts.append("quoting " + (_listed([f"“{t}”" for t in shown], " or ") or "no source"))
        if self.linked and parts:
            parts.append("and linked events")
        return " · ".join(parts)

    def _describe_actors(self, timeline: Timeline, isolate: bool) -> str:
        assert self.checked is not None

        def name(actor: Actor) -> str:
            return isolated(actor.name) if isolate else actor.name

        names = [name(a) for a in timeline.actors if a.id in self.checked]
        others = [name(a) for a in timeline.actors if a.id not in self.checked]
        if not names:
            return "no actors"
        if self.mode is ActorMode.ANY and len(others) < len(names) and len(names) > 3:
            return "all actors except " + _listed(others, " and ")
        return _listed(names, " and " if self.mode is ActorMode.ALL else " or ")

    # -- persistence (QSettings stores plain strings) -----------------------------------
    def to_dict(self) -> dict[str, object]:
        return {
            "checked": sorted(self.checked) if self.checked is not None else None,
            "mode": self.mode.value,
            "text": self.text,
            "from": self.date_from.iso() if self.date_from else "",
            "to": self.date_to.iso() if self.date_to else "",
            "support": sorted(s.value for s in self.support) if self.support is not None else None,
            "min_grade": self.min_grade,
            "sources": sorted(self.sources) if self.sources is not None else None,
            "linked": self.linked,
        }

    @classmethod
    def from_dict(cls, d: dict[str, object]) -> FilterState:
        checked = d.get("checked")

        def date(key: str) -> TimelineDate | None:
            value = d.get(key)
            try:
                return parse_iso(value) if isinstance(value, str) and value else None
            except ValueError:
                return None

        try:
            mode = ActorMode(d.get("mode", "any"))
        except ValueError:
            mode = ActorMode.ANY
        text = d.get("text")
        support, sources, grade = d.get("support"), d.get("sources"), d.get("min_grade")
        known = {s.value: s for s in Support}
        return cls(
            frozenset(str(a) for a in checked) if isinstance(checked, list) else None,
            mode,
            text if isinstance(text, str) else "",
            date("from"),
            date("to"),
            frozenset(known[s] for s in support if s in known)
            if isinstance(support, list)
            else None,
            grade if isinstance(grade, str) and grade in RELIABILITIES[:-1] else "",
            frozenset(str(s) for s in sources) if isinstance(sources, list) else None,
            d.get("linked") is True,
        )


def _listed(names: list[str], joiner: str, most: int = 3) -> str:
    """ "A or B", or "A, B, C or 4 more" for long lists (the filter bar stays one line)."""
    if len(names) <= most:
        return joiner.join(names)
    return ", ".join(names[:most]) + f"{joiner}{len(names) - most} more"


def narrows(old: FilterState, new: FilterState) -> bool:
    """True when ``new`` can only hide more than ``old``: the same filter with more text
    typed after it (every event the new text matches, the old text matched)."""
    if replace(old, text="") != replace(new, text=""):
        return False
    before, after = " ".join(fold(old.text).split()), " ".join(fold(new.text).split())
    return bool(before) and after.startswith(before)


def apply_filter(
    index: EventIndex,
    state: FilterState,
    timeline: Timeline,
    within: Sequence[int] | None = None,
    evidence: EventEvidence | None = None,
) -> VisibleSet:
    """The positions ``state`` lets through, in chronological order.

    ``within``: positions a broader filter already chose (see :func:`narrows`; without
    the events only linked to them), so typing one more letter searches only what the
    previous letters left.  ``evidence``: the events' supports and sources, asked for
    only when the filter picks by them (by default worked out here, a source's quotes
    checkable when it names a text file).  ``state.linked``: the events linked to those
    chosen are shown too (see :func:`with_linked`).
    """
    if within is not None:
        chosen: Sequence[int] = _search(index, state, timeline, within)
    else:
        chosen = _chosen(index, state, timeline, evidence)
    if state.linked and len(chosen) < len(index):
        shown = with_linked(index, chosen, timeline.links)
        return VisibleSet(index, shown, picked=chosen)
    return VisibleSet(index, chosen)


def with_linked(index: EventIndex, positions: Sequence[int], links: Iterable[Link]) -> list[int]:
    """``positions`` (ascending) and the positions of the events linked to any of them:
    one step of links, in one pass over the links (no work per event in Python)."""
    at = index.positions_by_id()
    shown = set(positions)
    added: set[int] = set()
    for link in links:
        a, b = at.get(link.from_id), at.get(link.to_id)
        if a is None or b is None:
            continue
        if a in shown:
            added.add(b)
        elif b in shown:
            added.add(a)
    added -= shown
    return sorted(shown.union(added)) if added else list(positions)


def _chosen(
    index: EventIndex, state: FilterState, timeline: Timeline, evidence: EventEvidence | None
) -> Sequence[int]:
    """The positions the filter itself lets through (without the linked events)."""
    n = len(index)
    positions: list[int] | None = None  # None: all so far
    if state.checked is not None:
        lists: list[list[int]] = [index.by_actor.get(a, []) for a in state.checked]
        if not lists:
            positions = []
        elif state.mode is ActorMode.ALL:
            smallest: list[int] = min(lists, key=len)
            common = set(smallest)
            for other in lists:
                common.intersection_update(other)
            positions = sorted(common)
        else:
            union: set[int] = set()
            for one in lists:
                union.update(one)
            positions = sorted(union)
    if state.date_from is not None or state.date_to is not None:
        lo = state.date_from.start if state.date_from else -(10**9)
        hi = state.date_to.end if state.date_to else 10**9
        stop = bisect_left(index.t0, hi)
        t1 = index.t1
        base = range(stop) if positions is None else positions[: bisect_left(positions, stop)]
        positions = [p for p in base if t1[p] > lo]
    if state.weighs:
        if evidence is None:
            checkable = named_texts(timeline.sources)
            evidence = EventEvidence(index.events, timeline.sources, checkable)
        positions = _weighed(state, timeline, positions, evidence)
    if state.text.strip():
        positions = _search(index, state, timeline, positions)
    return range(n) if positions is None else positions  # range: no copy


def _weighed(
    state: FilterState,
    timeline: Timeline,
    base: Sequence[int] | None,
    evidence: EventEvidence,
) -> list[int] | None:
    """The positions (all: None, or ``base``) whose evidence the filter lets through."""
    chosen: set[int] | None = None  # None: not narrowed yet
    quoting = evidence.quoting() if state.sources is not None or state.min_grade else {}
    if state.sources is not None:
        chosen = set().union(*(quoting.get(s, ()) for s in state.sources))
    if state.min_grade:
        good = RELIABILITIES[: RELIABILITIES.index(state.min_grade) + 1]
        graded = set().union(*(quoting.get(s.id, ()) for s in timeline.sources
                               if s.reliability in good))  # fmt: skip
        chosen = graded if chosen is None else chosen & graded
    if state.support is not None:
        each, wanted = evidence.supports(), state.support
        if chosen is None:
            chosen = {p for p, s in enumerate(each) if s in wanted}
        else:
            chosen = {p for p in chosen if each[p] in wanted}
    assert chosen is not None
    if base is None:
        return sorted(chosen)
    return [p for p in base if p in chosen]


def _search(
    index: EventIndex, state: FilterState, timeline: Timeline, base: Sequence[int] | None
) -> list[int]:
    words = fold(state.text).split()
    if not words:  # only accents or punctuation that folding removes: no text filter
        return list(range(len(index))) if base is None else list(base)
    names = {a.id: a.name for a in timeline.actors}
    return index.search.matching(words, names, base)


@dataclass(frozen=True, slots=True)
class AskedFilter:
    """The filter a command line asks for, as typed (actors by name or id, sources by id
    or title), before it meets a timeline."""

    actors: tuple[str, ...] = ()
    text: str = ""
    date_from: TimelineDate | None = None
    date_to: TimelineDate | None = None
    support: tuple[Support, ...] = ()
    min_grade: str = ""
    sources: tuple[str, ...] = ()

    @property
    def asked(self) -> bool:
        return bool(
            self.actors or self.text or self.date_from or self.date_to or self.support
            or self.min_grade or self.sources
        )  # fmt: skip

    def resolve(self, timeline: Timeline) -> tuple[FilterState, str]:
        """The filter on ``timeline``, and what it names that the timeline does not have
        ("" when nothing): "no actor named 'Atlantis' (actors: North Korea, Russia)"."""
        state, unknown = asked_filter(
            timeline, self.actors, self.text, self.date_from, self.date_to, self.support,
            self.min_grade, self.sources,
        )  # fmt: skip
        actors = [n for n in unknown if n in self.actors]
        sources = [n for n in unknown if n not in self.actors]
        problems = []
        if actors:
            known = ", ".join(a.name for a in timeline.actors) or "none"
            problems.append(f"no actor named {', '.join(map(repr, actors))} (actors: {known})")
        if sources:
            known = ", ".join(s.id for s in timeline.sources) or "none"
            problems.append(f"no source {', '.join(map(repr, sources))} (sources: {known})")
        return state, "; ".join(problems)


def asked_filter(
    timeline: Timeline,
    actors: Sequence[str] = (),
    text: str = "",
    date_from: TimelineDate | None = None,
    date_to: TimelineDate | None = None,
    support: Sequence[Support] = (),
    min_grade: str = "",
    sources: Sequence[str] = (),
) -> tuple[FilterState, list[str]]:
    """The filter a command line asks for (actors by name or id, as the event form reads
    them; sources by id or title), and the names that are no actor or source of
    ``timeline``."""
    names = ActorNames(timeline.actors)
    unknown = [name for name in actors if names.find(name) is None]
    checked = frozenset(a.id for name in actors if (a := names.find(name)) is not None)
    found = [_source_named(timeline, name) for name in sources]
    unknown += [name for name, ident in zip(sources, found, strict=True) if ident is None]
    state = FilterState(
        checked=checked or None,
        text=text,
        date_from=date_from,
        date_to=date_to,
        support=frozenset(support) or None,
        min_grade=min_grade.upper() if min_grade.upper() != UNGRADED else "",
        sources=frozenset(i for i in found if i is not None) or None,
    )
    return state.normalised([a.id for a in timeline.actors]), unknown


def _source_named(timeline: Timeline, name: str) -> str | None:
    """A source's id from its id, or its title (case and spacing aside)."""
    if timeline.source(name) is not None:
        return name
    key = " ".join(name.casefold().split())
    return next(
        (s.id for s in timeline.sources if " ".join(s.title.casefold().split()) == key), None
    )
