"""The timeline's horizontal axis: a time scale with breaks, and the visible window onto it.

Time ``t`` is measured in ordinal days (``datetime.date.toordinal``) as floats.  A
:class:`TimeScale` maps ``t`` to an axis coordinate ``u``: the identity, except that each
*break* replaces an empty real-time gap ``[g0, g1)`` by a fixed length ``break_width`` of
``u``.  Outside breaks one ``u`` is one day, so zoom limits and tick spacing can be reasoned
about in days.  :meth:`TimeScale.compressing` builds the breaks from the data ("compress
empty time"), never from the view, so breaks stay put while the user zooms and pans.

A :class:`Viewport` is the window onto the ``u`` axis: which ``u`` range is shown across how
many pixels, with the zoom, pan, fit and clamp operations of the timeline widget.

Pure maths, no Qt.  Per-paint calls (``to_u``, ``to_t``, ``segments``) are O(log breaks)
plus the size of the answer.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import chain, islice
from operator import le

__all__ = [
    "BREAK_FRACTION",
    "MIN_FIT_SPAN",
    "MIN_SPAN",
    "MIN_THRESHOLD_DAYS",
    "PADDING_FRACTION",
    "THRESHOLD_DIVISOR",
    "TimeScale",
    "Viewport",
    "zoom_limits",
]

# -- compressing empty time ----------------------------------------------------------------
#: Time no event covers becomes a break when it is longer than
#: ``max(MIN_THRESHOLD_DAYS, extent / THRESHOLD_DIVISOR)`` days.
THRESHOLD_DIVISOR = 500.0
MIN_THRESHOLD_DAYS = 45.0
#: Real time kept on each side of a data point next to a break, as a fraction of the
#: threshold, so markers and labels at an island's edge have room before the break.
PADDING_FRACTION = 0.25
#: The ``u`` length of every break, as a fraction of the threshold.
BREAK_FRACTION = 0.25

# -- zooming -------------------------------------------------------------------------------
#: The narrowest view, in ``u`` (days inside a segment): one day fills 40% of the width.
MIN_SPAN = 2.5
#: How far beyond the data's extent the user may zoom out.
MAX_SPAN_FACTOR = 1.2
#: Zooming out is always allowed to this span, however short the data.
MIN_MAX_SPAN = 60.0
#: The span :meth:`Viewport.fitted` shows for a range shorter than this (e.g. one point).
MIN_FIT_SPAN = 7.0


class TimeScale:
    """A strictly increasing, piecewise linear map ``t -> u`` with breaks.

    ``breaks`` are sorted, non-overlapping real-time gaps ``(g0, g1)`` with ``g0 < g1``;
    each occupies ``break_width`` of ``u``.  Without breaks ``u == t``.
    """

    __slots__ = ("_break_width", "_g0", "_g1", "_made", "_ratio", "_shift", "_u0", "_u1")

    def __init__(
        self, breaks: Iterable[tuple[float, float]] = (), break_width: float = 1.0
    ) -> None:
        if not (math.isfinite(break_width) and break_width > 0):
            raise ValueError(f"break_width must be positive, not {break_width!r}")
        g0s: list[float] = []
        g1s: list[float] = []
        for g0, g1 in breaks:
            if not (math.isfinite(g0) and math.isfinite(g1) and g0 < g1):
                raise ValueError(f"a break must be a finite gap g0 < g1, not {(g0, g1)!r}")
            if g1s and g0 < g1s[-1]:
                raise ValueError("breaks must be sorted and must not overlap")
            g0s.append(float(g0))
            g1s.append(float(g1))
        self._break_width = float(break_width)
        self._made: _Made | None = None  # how compressing made it (see adding)
        self._g0 = g0s
        self._g1 = g1s
        # _shift[i]: how much earlier u is than t after break i (cumulative).
        # _u0[i], _u1[i]: where break i sits on the axis.
        self._shift: list[float] = []
        self._u0: list[float] = []
        self._u1: list[float] = []
        self._ratio: list[float] = []  # u per day inside break i
        shift = 0.0
        for g0, g1 in zip(g0s, g1s, strict=True):
            u0 = g0 - shift
            self._u0.append(u0)
            self._u1.append(u0 + break_width)
            self._ratio.append(break_width / (g1 - g0))
            shift += (g1 - g0) - break_width
            self._shift.append(shift)

    # -- construction ----------------------------------------------------------------------
    @classmethod
    def compressing(
        cls,
        starts: Iterable[float],
        ends: Iterable[float] | None = None,
        *,
        threshold: float | None = None,
        padding: float | None = None,
        break_width: float | None = None,
    ) -> TimeScale:
        """A scale that compresses the time no event covers.

        ``starts`` and ``ends``: the intervals of the events (``t0`` and ``t1`` of each),
        in any order; without ``ends``, points (each its own start and end).  A gap is
        time between the furthest end of everything before it and the next start: time
        inside any interval (a year-precision date's whole year, a long span) is never
        compressed, however empty of other events.  Every gap longer than ``threshold``
        days becomes a break, keeping ``padding`` days of real time at each side; all
        breaks are ``break_width`` long in ``u``.  Defaults, from the data's extent ``E``:

        * ``threshold = max(45, E / 500)``: gaps a user would call "empty" at the whole-data
          view (a 500th of the width) and never gaps of a few weeks;
        * ``padding`` and ``break_width`` a quarter of the threshold each: small in days,
          so the data keeps most of the width.

        A break is made only where it shortens the axis.  With fewer than three distinct
        times (no event, or one) the only gap is the whole extent: the identity is returned.
        O(n) for intervals sorted by start (the index's), O(n log n) otherwise.
        """
        s = starts if isinstance(starts, list) else list(starts)  # (read, never changed)
        e = s if ends is None else ends if isinstance(ends, list) else list(ends)
        if len(e) != len(s):
            raise ValueError("as many ends as starts")
        n = len(s)
        if n == 0:
            return cls()
        if not all(map(le, islice(s, 0, n - 1), islice(s, 1, None))):
            order = sorted(range(n), key=s.__getitem__)
            s, e = [s[i] for i in order], [e[i] for i in order]
        lo, hi = s[0], max(e)
        if not any(lo < t < hi for t in chain(s, e)):  # no third distinct time
            return cls()
        thr = (
            max(MIN_THRESHOLD_DAYS, (hi - lo) / THRESHOLD_DIVISOR)
            if threshold is None
            else threshold
        )
        pad = thr * PADDING_FRACTION if padding is None else padding
        width = thr * BREAK_FRACTION if break_width is None else break_width
        if thr < 0 or pad < 0 or width <= 0:
            raise ValueError("threshold and padding must be >= 0 and break_width > 0")
        least = float(max(thr, 2 * pad + width))  # a shorter gap is not shortened by a break
        gaps = _wide_gaps(s, e, least)
        return cls._made_of(_Made(lo, hi, pad, least, width, gaps))

    @classmethod
    def _made_of(cls, made: _Made) -> TimeScale:
        pad = made.pad
        scale = cls([(a + pad, b - pad) for a, b in made.gaps], made.width) if made.gaps else cls()
        scale._made = made
        return scale

    def adding(self, intervals: Iterable[tuple[float, float]]) -> TimeScale | None:
        """The scale :meth:`compressing` (with the same settings) would make from this
        one's intervals and ``intervals`` too, made from this one: itself when no added
        interval reaches into a gap, else with those gaps cut where the intervals cover
        them.  An edit then never sorts every time again.  None when that cannot be said
        so: an interval beyond the extent (the threshold would change), or a scale not made
        by :meth:`compressing` from three distinct times or more."""
        made = self._made
        if made is None:
            return None
        starts = [a for a, _ in made.gaps]
        into: dict[int, list[tuple[float, float]]] = {}  # gap -> added intervals inside it
        for t0, t1 in intervals:
            if not made.lo <= t0 <= t1 <= made.hi:
                return None
            i = bisect_left(starts, t1) - 1  # the last gap starting before the interval ends
            while i >= 0 and made.gaps[i][1] > t0:  # ... and those before it it reaches
                into.setdefault(i, []).append((t0, t1))
                i -= 1
        if not into:
            return self
        gaps: list[tuple[float, float]] = []
        for i, (a, b) in enumerate(made.gaps):
            if i not in into:
                gaps.append((a, b))
                continue
            at = a  # what is still uncovered of the gap, from here
            for t0, t1 in sorted(into[i]):
                if t0 - at > made.least:
                    gaps.append((at, t0))
                at = max(at, t1)
            if b - at > made.least:
                gaps.append((at, b))
        return self._made_of(replace(made, gaps=gaps))

    # -- properties ------------------------------------------------------------------------
    @property
    def breaks(self) -> list[tuple[float, float]]:
        """The real-time gaps ``(g0, g1)`` replaced by breaks, in order."""
        return list(zip(self._g0, self._g1, strict=True))

    @property
    def break_width(self) -> float:
        """The ``u`` length of every break."""
        return self._break_width

    def break_spans_u(self) -> list[tuple[float, float]]:
        """Where each break sits on the axis, ``(u0, u1)``, in order."""
        return list(zip(self._u0, self._u1, strict=True))

    def __repr__(self) -> str:
        return f"TimeScale({self.breaks!r}, break_width={self._break_width!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TimeScale):
            return NotImplemented
        return (self._g0, self._g1, self._break_width) == (
            other._g0,
            other._g1,
            other._break_width,
        )

    def __hash__(self) -> int:
        return hash((tuple(self._g0), tuple(self._g1), self._break_width))

    # -- mapping ---------------------------------------------------------------------------
    def to_u(self, t: float) -> float:
        """The axis coordinate of time ``t``.  O(log breaks)."""
        i = bisect_right(self._g0, t) - 1
        if i < 0:
            return float(t)
        if t < self._g1[i]:
            return self._u0[i] + (t - self._g0[i]) * self._ratio[i]
        return t - self._shift[i]

    def to_t(self, u: float) -> float:
        """The time at axis coordinate ``u`` (inside a break: linear across the gap)."""
        i = bisect_right(self._u0, u) - 1
        if i < 0:
            return float(u)
        if u < self._u1[i]:
            return self._g0[i] + (u - self._u0[i]) / self._ratio[i]
        return u + self._shift[i]

    def to_u_many(self, ts: Sequence[float]) -> list[float]:
        """``[to_u(t) for t in ts]``, fast for sorted ``ts``: one merge pass over the points
        and the breaks, each run of points between two break edges mapped by one list
        comprehension.  Unsorted input is mapped point by point."""
        n = len(ts)
        if not self._g0:
            return [float(t) for t in ts]
        if not n:
            return []
        if not all(map(le, islice(ts, 0, n - 1), islice(ts, 1, None))):
            return [self.to_u(t) for t in ts]
        g0s, g1s, u0s, ratio, shifts = self._g0, self._g1, self._u0, self._ratio, self._shift
        out: list[float] = []
        pos = 0
        first = max(bisect_right(g0s, ts[0]) - 1, 0)  # the breaks before it shift every point
        shift = shifts[first - 1] if first else 0.0
        for k in range(first, bisect_right(g0s, ts[-1])):
            g0, g1 = g0s[k], g1s[k]
            j = bisect_left(ts, g0, pos)  # points before the break
            out.extend([t - shift for t in ts[pos:j]])
            pos = bisect_left(ts, g1, j)  # points inside it
            u0, r = u0s[k], ratio[k]
            out.extend([u0 + (t - g0) * r for t in ts[j:pos]])
            shift = shifts[k]
        out.extend([t - shift for t in ts[pos:]])
        return out

    def in_break(self, t: float) -> bool:
        """Whether ``t`` lies strictly inside a break (its edges are ordinary time)."""
        i = bisect_right(self._g0, t) - 1
        return i >= 0 and self._g0[i] < t < self._g1[i]

    def segments(self, u0: float, u1: float) -> list[tuple[float, float]]:
        """The real-time intervals ``(a, b)``, ``a < b``, shown between ``u0`` and ``u1``
        outside breaks, in order.  O(log breaks + breaks in the range)."""
        if not u0 < u1:
            return []
        a, end = self.to_t(u0), self.to_t(u1)
        out: list[tuple[float, float]] = []
        g0s, g1s = self._g0, self._g1
        i = bisect_right(g1s, a)  # the first break ending after a
        n = len(g0s)
        while i < n and g0s[i] < end:
            if g0s[i] > a:
                out.append((a, g0s[i]))
            a = max(a, g1s[i])
            i += 1
        if a < end:
            out.append((a, end))
        return out

    def breaks_between(self, u0: float, u1: float) -> list[int]:
        """Indices of the breaks that overlap the axis range ``(u0, u1)``."""
        lo = bisect_right(self._u1, u0)
        hi = bisect_left(self._u0, u1)
        return list(range(lo, max(lo, hi)))


@dataclass(frozen=True, slots=True)
class _Made:
    """What :meth:`TimeScale.compressing` made a scale from: the extent of the times, the
    padding, the least gap that is a break, the break width, and the gaps (the end of
    the time covered before each, and the next start) that became breaks."""

    lo: float
    hi: float
    pad: float
    least: float
    width: float
    gaps: list[tuple[float, float]]


_STRIDE = 32


def _wide_gaps(
    starts: Sequence[float], ends: Sequence[float], least: float
) -> list[tuple[float, float]]:
    """The gaps longer than ``least`` between intervals sorted by start: (the furthest end
    of the intervals before, the next start).

    Between intervals ``i`` and ``j`` no such gap can be when ``starts[j]`` is within
    ``least`` of the furthest end up to ``i``, so runs of ``_STRIDE`` intervals are checked
    by their ends (and their furthest end taken at C speed) and only runs that span more
    are scanned: dense data costs about n / _STRIDE look-ups.
    """
    out: list[tuple[float, float]] = []
    last = len(starts) - 1
    reach = ends[0] if starts else 0.0  # the furthest end so far: time covered up to it
    i = 0
    while i < last:
        j = min(i + _STRIDE, last)
        if starts[j] - reach > least:
            for k in range(i + 1, j + 1):
                if starts[k] - reach > least:
                    out.append((reach, starts[k]))
                end = ends[k]
                if end > reach:
                    reach = end
        else:
            reach = max(reach, max(ends[i + 1 : j + 1]))
        i = j
    return out


@dataclass(frozen=True)
class Viewport:
    """The ``u`` range ``[u0, u1]`` shown across ``width`` pixels."""

    u0: float
    u1: float
    width: float

    def __post_init__(self) -> None:
        if not (math.isfinite(self.u0) and math.isfinite(self.u1) and self.u0 < self.u1):
            raise ValueError(f"a viewport needs finite u0 < u1, not {self.u0!r}, {self.u1!r}")
        if not (math.isfinite(self.width) and self.width > 0):
            raise ValueError(f"a viewport needs a positive width, not {self.width!r}")

    @property
    def span(self) -> float:
        """The ``u`` length shown."""
        return self.u1 - self.u0

    @property
    def days_per_pixel(self) -> float:
        """``u`` per pixel: days per pixel outside breaks."""
        return (self.u1 - self.u0) / self.width

    def x(self, u: float) -> float:
        """The pixel position of ``u`` (0 at the left edge)."""
        return (u - self.u0) * self.width / (self.u1 - self.u0)

    def u_at(self, x: float) -> float:
        """The ``u`` at pixel position ``x``."""
        return self.u0 + x * (self.u1 - self.u0) / self.width

    def zoomed(self, anchor_x: float, factor: float, min_span: float, max_span: float) -> Viewport:
        """Zoom by ``factor`` (> 1 zooms in: the span is divided by it) keeping the ``u``
        under pixel ``anchor_x`` where it is.  The new span is clamped to
        ``[min_span, max_span]``; the anchor stays fixed all the same."""
        if not (math.isfinite(factor) and factor > 0):
            raise ValueError(f"a zoom factor must be positive, not {factor!r}")
        if not 0 < min_span <= max_span:
            raise ValueError(f"need 0 < min_span <= max_span, not {min_span!r}, {max_span!r}")
        c = self.u_at(anchor_x)
        span = min(max(self.span / factor, min_span), max_span)
        u0 = c - anchor_x / self.width * span
        return Viewport(u0, u0 + span, self.width)

    def panned(self, dx_pixels: float) -> Viewport:
        """Move the content by ``dx_pixels`` (> 0: content moves right, earlier time shows),
        as when dragging."""
        du = dx_pixels * self.days_per_pixel
        return Viewport(self.u0 - du, self.u1 - du, self.width)

    def resized(self, width: float) -> Viewport:
        """The same ``u`` range across a new width."""
        return Viewport(self.u0, self.u1, width)

    @classmethod
    def fitted(
        cls,
        u0: float,
        u1: float,
        width: float,
        margin_fraction: float = 0.05,
        min_span: float = MIN_FIT_SPAN,
    ) -> Viewport:
        """Show ``[u0, u1]`` with a margin of ``margin_fraction`` of its length each side.

        A range shorter than ``min_span`` (a single point, say) is shown centred in
        ``min_span``.
        """
        if u1 < u0:
            raise ValueError(f"need u0 <= u1, not {u0!r}, {u1!r}")
        span = max((u1 - u0) * (1 + 2 * margin_fraction), min_span)
        mid = (u0 + u1) / 2
        return cls(mid - span / 2, mid + span / 2, width)

    def clamped(self, lo: float, hi: float) -> Viewport:
        """Keep the view on the data ``[lo, hi]``: the view may go beyond the data by at most
        half its width on either side (its centre stays within ``[lo, hi]``).  The span is
        kept."""
        if hi < lo:
            raise ValueError(f"need lo <= hi, not {lo!r}, {hi!r}")
        half = self.span / 2
        mid = min(max(self.u0 + half, lo), hi)
        if mid == self.u0 + half:
            return self
        return Viewport(mid - half, mid + half, self.width)


def zoom_limits(
    scale: TimeScale, data_u0: float, data_u1: float, width: float
) -> tuple[float, float]:
    """``(min_span, max_span)`` in ``u`` for zooming over data spanning ``[data_u0, data_u1]``.

    Zooming in stops at :data:`MIN_SPAN` (2.5 days: a single day fills 40% of the view,
    whatever the width, since outside breaks one ``u`` is one day for every scale).  Zooming
    out stops at 1.2 times the data's extent, and never below :data:`MIN_MAX_SPAN` days, so
    short data can still be seen in context.  ``scale`` and ``width`` do not change the
    limits today; they are taken so that callers need not know that.
    """
    del scale, width
    extent = max(data_u1 - data_u0, 0.0)
    return MIN_SPAN, max(MAX_SPAN_FACTOR * extent, MIN_MAX_SPAN, MIN_SPAN)
