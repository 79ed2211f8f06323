"""What the timeline shows, without Qt: the time scale (empty time compressed or not), the
range in view, the lane mode and the width, with the one place that applies the zoom limits.

The timeline widget, the overview strip and every export read and change one
:class:`ViewState`; an export copies it (:meth:`ViewState.sized`) at its own width.  Real
time ``t`` is in days (proleptic ordinals); the scale maps it to ``u``, the compressed
coordinate the viewport shows across the plot's pixels.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .dates import TimelineDate, precision_for_days_per_pixel
from .eras import eras_extent
from .index import EventIndex
from .store import TimelineStore
from .timescale import TimeScale, Viewport, zoom_limits

LANE_GUTTER = 136.0  # the lane names, left of the plot, when grouped by actor
SCROLLBAR_W = 14.0  # kept free right of the plot with lanes, for the lanes' scroll bar
FIT_MARGIN = 0.03  # Fit All leaves this fraction of the data's extent free on each side
ZOOM_MARGIN = 0.08  # zooming to a range leaves this fraction free on each side
EMPTY_SPAN = 365.0  # what an empty timeline shows


VISIBLE_MARGIN = 24.0  # pixels left between an event brought into view and the edge


@dataclass
class ViewState:
    """The scale, the view and the geometry of one timeline view."""

    width: float = 900.0
    compress: bool = True
    lanes: bool = False
    badges: bool = True  # each event's support beside its mark
    all_links: bool = False  # every link drawn, however many (else the selected's past 200)
    # the era the user zoomed to: its time shown at its length, however empty of events
    era_shown: tuple[int, int] | None = None
    scale: TimeScale = field(default_factory=TimeScale)
    viewport: Viewport = field(default_factory=lambda: Viewport(0.0, EMPTY_SPAN, 100.0))
    extent_t: tuple[float, float] | None = None  # the data's time extent (what fits)
    has_view: bool = False  # False until a view was chosen for the data
    # the unfiltered scale, kept with the index, its version and the eras it was made for
    _full_scale: tuple[EventIndex, int, tuple[object, object], TimeScale] | None = None

    # -- geometry ----------------------------------------------------------------------
    @property
    def gutter(self) -> float:
        """Left of the plot: the lane names, when grouped by actor."""
        return LANE_GUTTER if self.lanes else 0.0

    @property
    def plot_width(self) -> float:
        # with lanes, room for their scroll bar is always kept, so the time axis does not
        # shift (and the last events slip under the bar) when it appears
        scroll = SCROLLBAR_W if self.lanes else 0.0
        return max(10.0, self.width - self.gutter - scroll)

    def x_of_t(self, t: float) -> float:
        """Widget x of real time ``t``."""
        return self.gutter + self.viewport.x(self.scale.to_u(t))

    def xs_of_t(self, ts: Sequence[float]) -> list[float]:
        """``[x_of_t(t) for t in ts]``, the same numbers, at once: sorted times are mapped
        in one pass (a view of 2,000 events is laid out at every zoom step)."""
        g, v = self.gutter, self.viewport
        u0, width, span = v.u0, v.width, v.u1 - v.u0
        return [g + (u - u0) * width / span for u in self.scale.to_u_many(ts)]

    def t_at(self, x: float) -> float:
        """Real time at widget x."""
        return self.scale.to_t(self.viewport.u_at(x - self.gutter))

    def date_at(self, x: float) -> TimelineDate:
        """The date under widget x, at a precision that suits the zoom."""
        precision = precision_for_days_per_pixel(self.viewport.days_per_pixel)
        return TimelineDate.from_ordinal(int(self.t_at(x)), precision)

    def time_range(self) -> tuple[float, float]:
        """The real time shown, from the left to the right edge of the plot."""
        return self.t_at(self.gutter), self.t_at(self.gutter + self.plot_width)

    def sized(self, width: float) -> ViewState:
        """A copy showing the same time range across ``width`` pixels (for an export)."""
        copy = ViewState(width, self.compress, self.lanes, self.badges, self.all_links,
                         self.era_shown, self.scale, self.viewport, self.extent_t,
                         self.has_view, self._full_scale)  # fmt: skip
        copy.set_time_range(*self.time_range())
        return copy

    # -- the data ----------------------------------------------------------------------
    def set_data(self, store: TimelineStore, keep_range: bool = True) -> None:
        """Take the store's visible events: their extent and, when compressing, the breaks
        (from the filtered data, not the view).  ``keep_range``: keep showing the same time
        (else fit all)."""
        before = self.time_range() if keep_range and self.has_view else None
        scale, view = self.scale, self.viewport
        visible, index = store.visible, store.index
        every = len(visible) == len(index)
        extent = visible.extent() or index.extent()
        # times the scale shows besides the events: unfiltered, where the eras reach beyond
        # the events (Fit All shows them; the empty time between is compressed as any
        # other: eras are not events); and the era zoomed to, at its real length
        extra: list[tuple[int, int]] = []
        eras = store.timeline.eras
        if extent is not None and every and eras:
            last = index.extent()
            reach = eras_extent(eras, last[1] if last else None)
            if reach is not None:
                extra += [(t, t) for t in reach if not extent[0] <= t <= extent[1]]
        if extent is not None and self.era_shown is not None:
            extra.append(self.era_shown)
        for a, b in extra:
            extent = (min(extent[0], a), max(extent[1], b)) if extent else (a, b)
        self.extent_t = (float(extent[0]), float(extent[1])) if extent else None
        if self.compress and len(visible) > 1:
            made_with = (eras, self.era_shown)
            kept = _kept(self._full_scale, index, made_with) if every else None
            if kept is not None:
                self.scale = kept
            else:
                t0 = index.t0 if every else visible.t0
                t1 = index.t1 if every else [index.t1[p] for p in visible.positions]
                if extra:
                    t0, t1 = _with_intervals(t0, t1, extra)
                self.scale = TimeScale.compressing(t0, t1)
            if every:  # kept for the index as it is now
                self._full_scale = (index, index.version, made_with, self.scale)
        else:
            self.scale = TimeScale()
        if before is None:
            self.fit_all()
        elif self.scale is scale:  # the same map: the same view (no rounding in a round trip)
            self._show(view)
        else:
            self.set_time_range(*before)

    def _extent_u(self) -> tuple[float, float] | None:
        if self.extent_t is None:
            return None
        return self.scale.to_u(self.extent_t[0]), self.scale.to_u(self.extent_t[1])

    # -- changing the view: every change goes through _show ----------------------------
    def _show(self, view: Viewport, anchor_x: float | None = None) -> None:
        """The one place that applies the zoom limits and keeps the view on the data.  A
        span beyond the limits is clamped around pixel ``anchor_x`` (the middle if None)."""
        extent = self._extent_u()
        lo, hi = zoom_limits(self.scale, *(extent or (0.0, EMPTY_SPAN)), view.width)
        if view.span < lo or view.span > hi:
            span = min(max(view.span, lo), hi)
            x = view.width / 2 if anchor_x is None else anchor_x
            u0 = view.u_at(x) - x / view.width * span
            view = Viewport(u0, u0 + span, view.width)
        if extent is not None:
            view = view.clamped(*extent)
        self.viewport = view
        self.has_view = True

    def fit_all(self) -> None:
        """Show the whole extent of the data (a year when there is none)."""
        extent = self._extent_u()
        if extent is None:
            self.viewport = Viewport(0.0, EMPTY_SPAN, self.plot_width)
            return
        self._show(Viewport.fitted(extent[0], extent[1], self.plot_width, FIT_MARGIN))

    def fit_range(self, t0: float, t1: float) -> None:
        """Show real time ``[t0, t1]`` with a margin."""
        u0, u1 = self.scale.to_u(t0), self.scale.to_u(t1)
        self._show(Viewport.fitted(u0, u1, self.plot_width, ZOOM_MARGIN))

    def zoom_to_span(self, t0: float, t1: float) -> None:
        """Zoom to an event's time ``[t0, t1)``, with twice its length on each side."""
        span = max(t1 - t0, 1)
        self.fit_range(t0 - span * 2, t1 + span * 2)

    def set_time_range(self, ta: float, tb: float) -> None:
        """Show real time ``[ta, tb]`` across the plot (fit all when it is empty)."""
        u0, u1 = self.scale.to_u(ta), self.scale.to_u(tb)
        if u1 <= u0:
            self.fit_all()
            return
        self._show(Viewport(u0, u1, self.plot_width))

    def zoom_by(self, factor: float, anchor_x: float | None = None) -> None:
        """Zoom in (factor > 1) or out, keeping the date under widget x ``anchor_x`` (the
        middle of the plot when None) where it is."""
        anchor = self.plot_width / 2 if anchor_x is None else anchor_x - self.gutter
        view = self.viewport
        c, span = view.u_at(anchor), view.span / factor
        u0 = c - anchor / view.width * span
        self._show(Viewport(u0, u0 + span, view.width), anchor)

    def pan_pixels(self, dx: float) -> None:
        """Move the content by ``dx`` pixels (> 0: earlier time comes into view)."""
        self._show(self.viewport.panned(dx))

    def center_on_u(self, u: float) -> None:
        half = self.viewport.span / 2
        self._show(Viewport(u - half, u + half, self.viewport.width))

    def ensure_visible(self, t0: float, t1: float, margin: float = VISIBLE_MARGIN) -> None:
        """Bring real time ``[t0, t1)`` (an event just added or edited) wholly into view,
        ``margin`` pixels from each edge: the least pan that does it, at the same zoom;
        zoomed out to it when it is longer than the view."""
        u0, u1 = self.scale.to_u(t0), self.scale.to_u(t1)
        view = self.viewport
        m = margin * view.span / view.width if view.width > 2 * margin else 0.0
        if u1 - u0 + 2 * m > view.span:
            pad = (u1 - u0) * margin / max(view.width - 2 * margin, 1.0)
            self._show(Viewport(u0 - pad, u1 + pad, view.width))
        elif u0 - m < view.u0:
            self._show(Viewport(u0 - m, u0 - m + view.span, view.width))
        elif u1 + m > view.u1:
            self._show(Viewport(u1 + m - view.span, u1 + m, view.width))

    def resize(self, width: float) -> None:
        """The widget's new width: the same range, across more or fewer pixels."""
        self.width = width
        if self.has_view:
            self.viewport = self.viewport.resized(self.plot_width)
        else:
            self.fit_all()

    def set_compress(self, on: bool, store: TimelineStore) -> None:
        if on != self.compress:
            self.compress = on
            self.set_data(store)

    def set_lanes(self, on: bool) -> None:
        if on != self.lanes:
            ta, tb = self.time_range()
            self.lanes = on
            self.set_time_range(ta, tb)


def _with_intervals(
    t0: list[int], t1: list[int], extra: list[tuple[int, int]]
) -> tuple[list[int], list[int]]:
    """Copies of the intervals ``t0``/``t1`` (in order of start) with ``extra`` put in."""
    t0, t1 = list(t0), list(t1)
    for a, b in extra:
        at = bisect_right(t0, a)
        t0.insert(at, a)
        t1.insert(at, b)
    return t0, t1


def _kept(
    kept: tuple[EventIndex, int, tuple[object, object], TimeScale] | None,
    index: EventIndex,
    eras: tuple[object, object],
) -> TimeScale | None:
    """The scale of every event of ``index`` as it is now, from the one made for it at a
    version: that one (the same version), or, after one edit that only added times,
    that one with them (:meth:`TimeScale.adding`; an edit that changed no date adds
    none), so an edit of one event does not sort 200,000 times again (20 ms).  None:
    make it again."""
    if kept is None:
        return None
    made_for, version, made_with, scale = kept
    if made_for is not index or not index.version - 1 <= version <= index.version:
        return None
    if made_with[0] is not eras[0] or made_with[1] != eras[1]:  # eras changed, or the one shown
        return None
    if version == index.version:
        return scale
    removed, added = (Counter(intervals) for intervals in index.last_edit)
    return None if removed - added else scale.adding((added - removed).elements())
