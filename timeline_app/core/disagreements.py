"""Disagreements proposed for the user: within an event, two quotes that state numbers of
the same thing, or dates, whose intervals do not overlap (:mod:`~timeline_app.core.
quantities` reads them).  The user confirms a proposal (one quote then contradicts the
event, with a note) or dismisses it; a dismissed pair is remembered by its quote marks
(:func:`~timeline_app.core.fingerprints.pair_mark`) and never proposed again.

A recorded contradiction is shown beside the supporting quote it disagrees with
(:func:`contradictions`): the one stating the same thing, else the first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from .dates import TimelineDate
from .fingerprints import pair_mark
from .model import Event, Quote, QuoteMark, Source, Stance, replace
from .quantities import Amount, Dated, amounts, dates


@dataclass(frozen=True, slots=True)
class Proposal:
    """Two quotes of one event that disagree about ``what`` ("troop", or "date")."""

    event_id: str
    first: Quote
    second: Quote
    what: str
    first_says: str
    second_says: str
    first_dated: TimelineDate | None  # when the quote's source was published
    second_dated: TimelineDate | None

    @property
    def mark(self) -> tuple[QuoteMark, QuoteMark]:
        return pair_mark(self.first, self.second)

    @property
    def later_estimate(self) -> bool:
        """Stated on different dates: perhaps one is a later estimate."""
        a, b = self.first_dated, self.second_dated
        return a is not None and b is not None and a != b

    def words(self) -> str:
        """ "10,000 troops (November 2024) against about 11,000 troops (18 November
        2024): a later estimate?" """

        def said(text: str, dated: TimelineDate | None) -> str:
            return f"“{text}”" + (f" ({dated.words()})" if dated is not None else "")

        line = f"{said(self.first_says, self.first_dated)} against "
        line += said(self.second_says, self.second_dated)
        return line + (": a later estimate?" if self.later_estimate else "")


def proposals(event: Event, sources: Mapping[str, Source]) -> list[Proposal]:
    """The disagreements to propose for ``event``: pairs of its quotes (neither already
    contradicting the event, the pair not dismissed) whose numbers of one thing, or whose
    dates, cannot both be true."""
    dismissed = set(event.dismissed)
    stated = [(q, amounts(q.text), dates(q.text)) for q in event.quotes]
    found: list[Proposal] = []
    for (a, a_amounts, a_dates), (b, b_amounts, b_dates) in combinations(stated, 2):
        if a.stance is Stance.CONTRADICTS or b.stance is Stance.CONTRADICTS:
            continue
        if a.text == b.text or pair_mark(a, b) in dismissed:
            continue
        clash = _amounts_clash(a_amounts, b_amounts) or _dates_clash(a_dates, b_dates)
        if clash is None:
            continue
        what, a_says, b_says = clash
        found.append(
            Proposal(event.id, a, b, what, a_says, b_says, _dated(a, sources), _dated(b, sources))
        )
    return found


def _dated(q: Quote, sources: Mapping[str, Source]) -> TimelineDate | None:
    source = sources.get(q.source)
    return source.published if source is not None else None


def _amounts_clash(a: Sequence[Amount], b: Sequence[Amount]) -> tuple[str, str, str] | None:
    for thing in dict.fromkeys(x.thing for x in a):
        mine = [x for x in a if x.thing == thing]
        theirs = [y for y in b if y.thing == thing]
        if theirs and not any(x.overlaps(y) for x in mine for y in theirs):
            return thing, mine[0].said, theirs[0].said
    return None


def _dates_clash(a: Sequence[Dated], b: Sequence[Dated]) -> tuple[str, str, str] | None:
    if a and b and not any(x.overlaps(y) for x in a for y in b):
        return "date", a[0].said, b[0].said
    return None


def confirmed(event: Event, proposal: Proposal, note: str = "") -> Event:
    """``event`` once the user confirms ``proposal``: its second quote contradicts the
    event, with a note saying what differs."""
    text = note or f"{proposal.second_says} against {proposal.first_says}"
    quotes = tuple(
        replace(q, stance=Stance.CONTRADICTS, note=q.note or text) if q == proposal.second else q
        for q in event.quotes
    )
    return replace(event, quotes=quotes)


def dismissed(event: Event, proposal: Proposal) -> Event:
    """``event`` once the user dismisses ``proposal``: the pair is remembered."""
    if proposal.mark in event.dismissed:
        return event
    return replace(event, dismissed=(*event.dismissed, proposal.mark))


@dataclass(frozen=True, slots=True)
class Contradiction:
    """A quote contradicting its event (``against``, at ``against_at`` in its quotes), set
    beside the supporting quote it disagrees with (``stated``; None when none supports)."""

    against: Quote
    against_at: int
    stated: Quote | None
    stated_at: int | None
    against_dated: TimelineDate | None  # when each one's source was published
    stated_dated: TimelineDate | None

    @property
    def note(self) -> str:
        return self.against.note


def contradictions(event: Event, sources: Mapping[str, Source]) -> list[Contradiction]:
    """Each quote of ``event`` that contradicts it, with the supporting quote it is set
    against: one whose numbers of the same thing or whose dates cannot both be true with
    it, else one stating a number of the same thing (or a date, when it states one), else
    any supporting quote; among equals, one from a source that derives from none, then
    the best graded, then the first."""
    supporting = [(i, q) for i, q in enumerate(event.quotes) if q.stance is Stance.SUPPORTS]
    out: list[Contradiction] = []
    for k, against in enumerate(event.quotes):
        if against.stance is not Stance.CONTRADICTS:
            continue
        mine_amounts, mine_dates = amounts(against.text), dates(against.text)
        things = {a.thing for a in mine_amounts}
        ranked: list[tuple[int, int, Quote]] = []
        for i, q in supporting:
            theirs, their_dates = amounts(q.text), dates(q.text)
            if _amounts_clash(mine_amounts, theirs) or _dates_clash(mine_dates, their_dates):
                rank = 0
            elif things & {a.thing for a in theirs} or (mine_dates and their_dates):
                rank = 1
            else:
                rank = 2
            ranked.append((rank, i, q))

        def primary_first(r: tuple[int, int, Quote]) -> tuple[int, bool, str, int]:
            source = sources.get(r[2].source)
            derived = source is None or bool(source.derived_from)
            return r[0], derived, source.reliability if source else "F", r[1]

        best = min(ranked, default=None, key=primary_first)
        stated, at = (best[2], best[1]) if best is not None else (None, None)
        out.append(
            Contradiction(
                against, k, stated, at, _dated(against, sources),
                _dated(stated, sources) if stated is not None else None,
            )
        )  # fmt: skip
    return out
