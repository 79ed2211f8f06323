"""The timeline's date axis: two tiers of calendar ticks and labels, as a pure function.

:func:`compute_axis` picks, for the current zoom, the finest calendar step whose labels fit
(days, months, years, decades ... always calendar-aligned: months on the 1st, years on
1 January, decades on years divisible by ten).  The *minor* tier carries that step with
short labels ("27", "Nov", "1983"); the *major* tier above it carries the next natural unit
with full labels ("November 2024", "2024", "1980s") for context.

Guarantees: labels within a tier never overlap (``min_gap`` apart); no label is cut at the
widget's edges; no tick lies inside a break of the time scale; each visible stretch of time
between breaks (a *segment*) wide enough for a label gets a major label, pinned to the
segment's start when its unit began off screen or inside a break ("November 2024" stays in
view while scrolling through November); only visible time is enumerated, so the cost
depends on the width in pixels and the visible segments, never on the data's extent.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .timescale import TimeScale, Viewport

__all__ = ["MIN_SPACING", "Axis", "Tick", "compute_axis"]

#: Calendar ticks of the minor tier are at least this many pixels apart.
MIN_SPACING = 40.0
#: Major labels start this many pixels right of their tick.
MAJOR_PAD = 3.0
#: A visible stretch of time this wide (pixels) gets a label of each tier.
WIDE_SEGMENT = 120.0

_MIN_ORD = 1
_MAX_ORD = _dt.date.max.toordinal()


@dataclass(frozen=True, slots=True)
class Tick:
    """A tick at time ``t`` (ordinal days), drawn at pixel ``x``, its label's left edge at
    ``label_x``.

    ``label`` is ``""`` when the label had to be dropped to avoid an overlap (the tick line
    stays).  A *pinned* tick is not a calendar boundary: it marks where a unit that began
    off screen or inside a break becomes visible, and carries that unit's label.
    """

    t: float
    x: float
    label: str
    label_x: float
    pinned: bool = False


@dataclass(frozen=True, slots=True)
class Axis:
    """Both tiers, sorted by ``x``, and what they count.

    ``minor_unit`` is ``"day"``, ``"month"`` or ``"year"`` and ``minor_step`` how many of
    them a step is; ``major_unit`` is ``"month"``, ``"year"``, ``"decade"``, ``"century"``
    or ``"millennium"``.
    """

    major: list[Tick]
    minor: list[Tick]
    major_unit: str
    minor_unit: str
    minor_step: int


@dataclass(frozen=True, slots=True)
class _Step:
    unit: str  # "day", "month" or "year"
    n: int
    min_days: float  # the shortest time between two consecutive ticks
    days: tuple[int, ...] = ()  # day steps: the days of the month that carry a tick


# Fine to coarse.  Day steps restart on the 1st of each month; min_days is the shortest gap
# anywhere in the calendar (Feb 25 -> Mar 1 is 4 days) but for the 2-day step, whose 31st
# (or 29 February) is a day before the next 1st and yields to it when they collide.
_STEPS: tuple[_Step, ...] = (
    _Step("day", 1, 1, tuple(range(1, 32))),
    _Step("day", 2, 2, tuple(range(1, 32, 2))),  # odd days: the 31st when it has room
    _Step("day", 5, 4, (1, 5, 10, 15, 20, 25)),
    _Step("day", 10, 9, (1, 10, 20)),
    _Step("month", 1, 28),
    _Step("month", 3, 89),
    _Step("month", 6, 181),
    *(_Step("year", n, 365 * n) for n in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)),
)


def _major_for(step: _Step) -> tuple[str, _Step]:
    """The major tier's unit over a minor step: its name and its step."""
    if step.unit == "day":
        return "month", _Step("month", 1, 28)
    if step.unit == "month":
        return "year", _Step("year", 1, 365)
    if step.n < 10:
        return "decade", _Step("year", 10, 3652)
    if step.n < 100:
        return "century", _Step("year", 100, 36524)
    return "millennium", _Step("year", 1000, 365242)


# -- calendar enumeration ------------------------------------------------------------------


def _month_start(year: int, month: int) -> int:
    return _dt.date(year, month, 1).toordinal()


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _calendar_ticks(step: _Step, a: float, b: float) -> Iterator[tuple[int, int, int, int]]:
    """``(ordinal, year, month, day)`` of the step's ticks with ``a <= ordinal <= b``."""
    first = math.ceil(a)
    if first > b:
        return
    d = _dt.date.fromordinal(first)
    if step.unit == "year":
        y = d.year if (d.month, d.day) == (1, 1) else d.year + 1
        y = -(-y // step.n) * step.n
        while y <= _dt.MAXYEAR:
            o = _dt.date(y, 1, 1).toordinal()
            if o > b:
                return
            yield o, y, 1, 1
            y += step.n
        return
    y, m = d.year, d.month
    if step.unit == "month":
        if d.day != 1:
            y, m = _next_month(y, m)
        while y <= _dt.MAXYEAR:
            if (m - 1) % step.n == 0:
                o = _month_start(y, m)
                if o > b:
                    return
                yield o, y, m, 1
            y, m = _next_month(y, m)
        return
    while y <= _dt.MAXYEAR:
        start = _month_start(y, m)
        if start > b:
            return
        length = calendar.monthrange(y, m)[1]
        for day in step.days:
            if day > length:
                break
            o = start + day - 1
            if o > b:
                return
            if o >= a:
                yield o, y, m, day
        y, m = _next_month(y, m)


def _unit_start(unit: _Step, t: float) -> tuple[int, int, int]:
    """``(ordinal, year, month)`` of the start of the major unit containing ``t``; the year
    is the unit's own (e.g. 1980 for the 1980s) even where the calendar has no such day."""
    d = _dt.date.fromordinal(min(max(math.floor(t), _MIN_ORD), _MAX_ORD))
    if unit.unit == "month":
        return _month_start(d.year, d.month), d.year, d.month
    y = d.year - d.year % unit.n
    return _dt.date(max(y, 1), 1, 1).toordinal(), y, 1


def _minor_label(step: _Step, y: int, m: int, day: int) -> str:
    if step.unit == "day":
        return str(day)
    if step.unit == "month":
        return calendar.month_abbr[m]
    return str(y)


def _major_label(unit: _Step, y: int, m: int, short: bool) -> str:
    if unit.unit == "month":
        name = calendar.month_abbr[m] if short else calendar.month_name[m]
        return f"{name} {y}"
    if unit.n == 1:
        return str(y)
    return f"{y}s"


# -- placing labels ------------------------------------------------------------------------


@dataclass(slots=True)
class _Seg:
    a: float  # real time, clipped to the view and to the calendar
    b: float
    x0: float  # pixels
    x1: float


@dataclass(slots=True)
class _Cand:
    t: float
    x: float
    label: str
    label_x: float
    w: float
    seg: int
    moved: bool  # not where it would naturally go (clamped, or pinned)
    contained: bool  # lies within its segment
    pinned: bool
    first: bool = False  # a label that wins every collision (a year to name, the 1st)
    wide: bool = False  # its segment is WIDE_SEGMENT or wider (it must have a label)


def _candidate(
    t: float,
    x: float,
    label: str,
    natural_x: float,
    w: float,
    seg_index: int,
    seg: _Seg,
    width: float,
    pinned: bool,
    first: bool = False,
) -> _Cand | None:
    """A label moved inside its segment when it fits there, else inside the widget; None
    when it is wider than the widget.  (A label so moved still reaches its tick: the tick
    lies in the segment and in the widget.)"""
    if w > width:
        return None
    contained = seg.x1 - seg.x0 >= w
    lx = min(max(natural_x, seg.x0), seg.x1 - w) if contained else natural_x
    lx = min(max(lx, 0.0), width - w)
    moved = pinned or abs(lx - natural_x) > 1e-9
    wide = seg.x1 - seg.x0 >= WIDE_SEGMENT
    return _Cand(t, x, label, lx, w, seg_index, moved, contained, pinned, first, wide)


def _resolve(cands: list[_Cand | None], min_gap: float) -> set[int]:
    """Indices of the candidates whose labels are kept: greedy from left to right; of two
    that overlap keep, in this order of preference, one that must be shown (``first``),
    one of a wide segment over one of a narrow, the one that lies within its segment, the
    only one of its segment, a calendar label over a pinned one, the one in its natural
    place, the earlier one."""
    real = [(c.label_x, i, c) for i, c in enumerate(cands) if c is not None]
    real.sort(key=lambda r: (r[0], r[1]))
    placed: list[_Cand] = []
    placed_ids: list[int] = []
    per_seg: dict[int, int] = {}
    for _lx, i, c in real:
        if placed:
            p = placed[-1]
            if c.label_x < p.label_x + p.w + min_gap:
                if p.first != c.first:
                    replace = c.first
                elif p.wide != c.wide and p.seg != c.seg:
                    replace = c.wide
                elif p.contained != c.contained:
                    replace = c.contained
                elif p.seg != c.seg:
                    replace = per_seg.get(c.seg, 0) == 0 and per_seg[p.seg] > 1
                elif p.pinned != c.pinned:
                    replace = p.pinned
                else:
                    replace = p.moved and not c.moved
                if not replace:
                    continue
                # c starts no earlier than p, which cleared its predecessor: c does too.
                per_seg[p.seg] -= 1
                placed.pop()
                placed_ids.pop()
        placed.append(c)
        placed_ids.append(i)
        per_seg[c.seg] = per_seg.get(c.seg, 0) + 1
    return set(placed_ids)


def _visible_segments(scale: TimeScale, view: Viewport) -> list[_Seg]:
    segs: list[_Seg] = []
    for a, b in scale.segments(view.u0, view.u1):
        a, b = max(a, _MIN_ORD), min(b, _MAX_ORD)
        if a < b:
            x0 = min(max(view.x(scale.to_u(a)), 0.0), view.width)
            x1 = min(max(view.x(scale.to_u(b)), 0.0), view.width)
            segs.append(_Seg(a, b, x0, x1))
    return segs


def _choose_step(
    segs: list[_Seg],
    days_per_pixel: float,
    measure: Callable[[str], float],
    min_gap: float,
    min_spacing: float,
) -> _Step:
    """The finest step whose ticks are ``min_spacing`` apart and whose labels fit."""
    day_w: dict[int, float] = {}
    month_w: list[float] = []
    year_w: list[float] = []
    for step in _STEPS:
        step_px = step.min_days / days_per_pixel
        if step_px < min_spacing:
            continue
        if step.unit == "day":
            for d in step.days:
                if d not in day_w:
                    day_w[d] = measure(str(d))
            w = max(day_w[d] for d in step.days)
        elif step.unit == "month":
            if not month_w:
                month_w = [measure(calendar.month_abbr[m]) for m in range(1, 13)]
            w = max(month_w)
        else:
            if not year_w:
                ends = (segs[0].a, segs[-1].b) if segs else (_MAX_ORD, _MAX_ORD)
                years = {_dt.date.fromordinal(math.floor(t)).year for t in ends}
                year_w = [measure(str(y)) for y in years]
            w = max(year_w)
        if step_px >= w + min_gap:
            return step
    return _STEPS[-1]


def compute_axis(
    scale: TimeScale,
    view: Viewport,
    measure: Callable[[str], float],
    *,
    min_gap: float = 8.0,
    min_spacing: float = MIN_SPACING,
) -> Axis:
    """The two-tier date axis for ``view`` onto ``scale``.

    ``measure(text)`` is a label's width in pixels.  The minor step is the finest calendar
    step (1, 2, 5, 10 days; 1, 3, 6 months; 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000 years)
    whose ticks are at least ``min_spacing`` pixels apart and whose labels leave ``min_gap``
    between them, and, where it steps by months or by one year, that names every year
    whose 1 January is on screen (else the next coarser step); the major tier is the next
    unit up.  Minor labels are centred on their tick, major labels start just right of
    it.  No year is named twice: a segment that continues a year already named (a break
    inside it) is labelled with its month ("Aug 2024") when it is wide, else not at all.
    """
    segs = _visible_segments(scale, view)
    step = _choose_step(segs, view.days_per_pixel, measure, min_gap, min_spacing)
    for coarser in _STEPS[_STEPS.index(step) :]:
        axis = _axis_at(coarser, segs, scale, view, measure, min_gap)
        if _names_every_year(axis):
            return axis
    return axis


def _names_every_year(axis: Axis) -> bool:
    """True unless the axis steps by months or by one year and leaves a year's calendar
    tick (its 1 January, on screen outside a break) without a label."""
    if axis.minor_unit == "month":
        tier = axis.major
    elif axis.minor_unit == "year" and axis.minor_step == 1:
        tier = axis.minor
    else:
        return True
    return all(t.label for t in tier if not t.pinned)


def _axis_at(
    step: _Step,
    segs: list[_Seg],
    scale: TimeScale,
    view: Viewport,
    measure: Callable[[str], float],
    min_gap: float,
) -> Axis:
    width = view.width
    major_unit, unit = _major_for(step)
    must_name_years = step.unit == "year" and step.n == 1

    def x_of(t: float) -> float:
        return min(max(view.x(scale.to_u(t)), 0.0), width)

    # Minor tier: calendar ticks of the chosen step.
    minor_c: list[_Cand | None] = []
    minor_t: list[tuple[float, float]] = []
    for si, seg in enumerate(segs):
        for o, y, m, d in _calendar_ticks(step, seg.a, seg.b):
            x = x_of(o)
            label = _minor_label(step, y, m, d)
            w = measure(label)
            first = must_name_years or (step.unit == "day" and d == 1)
            minor_t.append((o, x))
            minor_c.append(_candidate(o, x, label, x - w / 2, w, si, seg, width, False, first))
    minor = _filled(_ticks(minor_t, minor_c, min_gap), step, segs, x_of, measure, min_gap)

    # Major tier: unit boundaries, plus a pinned label where a segment starts mid-unit.
    raw: list[tuple[float, float, int, int, int, bool]] = []  # t, x, year, month, seg, pinned
    for si, seg in enumerate(segs):
        start, y, m = _unit_start(unit, seg.a)
        if start < seg.a or y < 1:  # (the decade of year 1 starts with no year 0)
            raw.append((seg.a, seg.x0, y, m, si, True))
        for o, y, m, _d in _calendar_ticks(unit, seg.a, seg.b):
            raw.append((o, x_of(o), y, m, si, False))
    short = False
    if unit.unit == "month":
        unit_px = unit.min_days / view.days_per_pixel
        widest = max(
            (measure(_major_label(unit, y, m, False)) for _, _, y, m, _, _ in raw), default=0.0
        )
        short = widest + MAJOR_PAD + min_gap > unit_px
    major_c: list[_Cand | None] = []
    major_t: list[tuple[float, float]] = []
    major_pinned: list[bool] = []
    named: set[str] = set()  # year labels named so far, left to right
    for t, x, y, m, si, pinned in raw:
        label = _major_label(unit, y, m, short)
        seg = segs[si]
        if pinned and label in named:  # a year (or decade) that goes on after a break
            if seg.x1 - seg.x0 < WIDE_SEGMENT:
                continue  # named already, and too narrow to need a label of its own
            if unit.unit == "year" and unit.n == 1:
                day = _dt.date.fromordinal(min(max(math.floor(seg.a), _MIN_ORD), _MAX_ORD))
                label = _major_label(_Step("month", 1, 28), day.year, day.month, True)
        named.add(label)
        w = measure(label)
        first = step.unit == "month" and unit.unit == "year" and not pinned
        major_t.append((t, x))
        major_pinned.append(pinned)
        major_c.append(_candidate(t, x, label, x + MAJOR_PAD, w, si, seg, width, pinned, first))
    major = _ticks(major_t, major_c, min_gap, pinned=major_pinned)
    return Axis(major, minor, major_unit, step.unit, step.n)


def _filled(
    minor: list[Tick],
    step: _Step,
    segs: list[_Seg],
    x_of: Callable[[float], float],
    measure: Callable[[str], float],
    min_gap: float,
) -> list[Tick]:
    """The minor ticks, plus a label for each segment that has none (an island between
    breaks, a wide stretch a coarse step has no tick in): the unit of its middle (the year
    of a year's band) at that unit's first boundary in it, or pinned at its start, else
    another boundary of the step's unit in it.  A label in its way gives way if its own
    segment keeps another, or if this segment is wide (WIDE_SEGMENT: it must have one)
    and that one's is narrow; a year already named is not named again."""
    one = {"year": _STEPS[7], "month": _STEPS[4], "day": _STEPS[0]}[step.unit]

    def seg_of(t: float) -> int:
        return next((k for k, g in enumerate(segs) if g.a <= t <= g.b), -1)

    for seg in segs:
        wide = seg.x1 - seg.x0 >= WIDE_SEGMENT
        if any(t.label and seg.a <= t.t <= seg.b for t in minor):
            continue
        middle = _dt.date.fromordinal(min(max(math.floor((seg.a + seg.b) / 2), _MIN_ORD), _MAX_ORD))
        own = _minor_label(one, middle.year, middle.month, middle.day)
        boundaries = [(float(o), _minor_label(one, y, m, d), False) for o, y, m, d in
                      _calendar_ticks(one, seg.a, seg.b)]  # fmt: skip
        boundaries.sort(key=lambda b: b[1] != own)  # its own unit first, where it begins
        boundaries.insert(sum(b[1] == own for b in boundaries), (seg.a, own, True))
        for o, label, pinned in boundaries:
            if one.unit == "year" and any(t.label == label for t in minor):
                continue  # a year is named once
            x = seg.x0 if pinned else x_of(o)
            w = measure(label)
            lo, hi = max(x - w, seg.x0), min(x, seg.x1 - w)  # touching its tick, in view
            if pinned:
                lo, hi = seg.x0, min(seg.x0, seg.x1 - w)
            if lo > hi:
                continue
            lx = min(max(x - w / 2, lo), hi)  # centred if it can be
            hit = [
                i
                for i, t in enumerate(minor)
                if t.label
                and lx < t.label_x + measure(t.label) + min_gap
                and t.label_x < lx + w + min_gap
            ]
            counts: dict[int, int] = {}
            for t in minor:
                if t.label:
                    counts[seg_of(t.t)] = counts.get(seg_of(t.t), 0) + 1
            hit_segs = [seg_of(minor[i].t) for i in hit]
            spare = all(counts[j] > hit_segs.count(j) for j in set(hit_segs))
            narrow = all(segs[j].x1 - segs[j].x0 < WIDE_SEGMENT for j in hit_segs if j >= 0)
            if spare or (wide and narrow) or not hit:
                for i in hit:
                    minor[i] = Tick(minor[i].t, minor[i].x, "", minor[i].x)
                minor = sorted([*minor, Tick(o, x, label, lx, pinned)], key=lambda t: t.x)
                break
    return minor


def _ticks(
    positions: list[tuple[float, float]],
    cands: list[_Cand | None],
    min_gap: float,
    pinned: list[bool] | None = None,
) -> list[Tick]:
    """Ticks with the labels that survive overlap resolution; a pinned tick without its
    label is left out (it marks nothing else)."""
    kept = _resolve(cands, min_gap)
    out: list[Tick] = []
    for k, ((t, x), c) in enumerate(zip(positions, cands, strict=True)):
        is_pinned = pinned[k] if pinned is not None else False
        if c is not None and k in kept:
            out.append(Tick(t, x, c.label, c.label_x, is_pinned))
        elif not is_pinned:
            out.append(Tick(t, x, "", x))
    return out
