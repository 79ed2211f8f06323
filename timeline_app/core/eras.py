"""Eras in time, without Qt: where an ongoing era ends, how far the eras reach, and which
row of the strip above the axis each one takes.

An era with no end is ongoing: it runs to the data's last date (never ending before its
own start).  Eras may overlap and nest; each takes the first of :data:`MAX_ERA_ROWS` rows
where it overlaps no era already placed (the longer first, so a period is above the
periods inside it).  An era that finds no free row shares the last one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .dates import TimelineDate
from .model import Era, Event

MAX_ERA_ROWS = 3


def last_date(events: Sequence[Event]) -> TimelineDate | None:
    """The latest date the events reach (an event's end, or its start without one)."""
    if not events:
        return None
    last = max(events, key=lambda e: (e.end or e.start).end)
    return last.end or last.start


def era_end(era: Era, last: TimelineDate | None) -> TimelineDate:
    """The date ``era`` ends on: its own end, or for an ongoing era the data's ``last``
    date (its start when the data ends before it, or when there is no data)."""
    if era.end is not None:
        return era.end
    if last is None or last.end < era.start.end:
        return era.start
    return last


def era_interval(era: Era, last_t1: int | None) -> tuple[int, int]:
    """``era``'s days ``[t0, t1)`` as ordinals; an ongoing era's ``t1`` is ``last_t1``
    (the day after the data's last day), as :func:`era_end` has it, in days."""
    t0 = era.start.start
    if era.end is not None:
        return t0, era.end.end
    return t0, max(last_t1 if last_t1 is not None else 0, era.start.end)


@dataclass(frozen=True, slots=True)
class PlacedEra:
    era: Era
    t0: int
    t1: int  # exclusive
    row: int  # 0: the top row of the strip


def place_eras(eras: Sequence[Era], last_t1: int | None) -> list[PlacedEra]:
    """Every era with its interval and its row, in the file's order."""
    spans = [era_interval(e, last_t1) for e in eras]
    order = sorted(range(len(eras)), key=lambda i: (spans[i][0], spans[i][0] - spans[i][1], i))
    # taken in order of start, an era overlaps a row's eras exactly when it begins before
    # the latest end among them: one number per row (a file of 20,000 eras: 0.1 s, where
    # comparing with every era placed took 10 s)
    ends = [-(2**62)] * MAX_ERA_ROWS
    row_of = [0] * len(eras)
    for i in order:
        t0, t1 = spans[i]
        row = next((r for r, end in enumerate(ends) if t0 >= end), MAX_ERA_ROWS - 1)
        ends[row] = max(ends[row], t1)
        row_of[i] = row
    return [PlacedEra(e, *spans[i], row_of[i]) for i, e in enumerate(eras)]


def rows_used(placed: Sequence[PlacedEra]) -> int:
    return max((p.row for p in placed), default=-1) + 1


def eras_extent(eras: Sequence[Era], last_t1: int | None) -> tuple[int, int] | None:
    """The days the eras cover together, ``[t0, t1)`` (Fit All shows them too)."""
    if not eras:
        return None
    spans = [era_interval(e, last_t1) for e in eras]
    return min(a for a, _ in spans), max(b for _, b in spans)
