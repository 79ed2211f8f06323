"""The zoomable timeline: a custom-painted widget over the core's index.

It paints straight from the document's :class:`~timeline_app.core.index.VisibleSet`: a binary
search picks the events in view, the pure layout maths places labels in rows and merges what
does not fit into clusters, and beyond a few thousand events in view it draws density bars
instead of markers.  It never asks a Qt model for rows.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from itertools import pairwise

from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QScrollBar, QSizePolicy, QToolTip, QWidget

from ..core.dates import Precision, TimelineDate, precision_for_days_per_pixel
from ..core.index import EventIndex, VisibleSet
from ..core.layout import Cluster, LabelItem, stack_labels
from ..core.model import Event, Status
from ..core.ticks import Tick, compute_axis
from ..core.timescale import TimeScale, Viewport, zoom_limits
from .document import Document

AXIS_MAJOR_H = 20.0
AXIS_MINOR_H = 20.0
AXIS_H = AXIS_MAJOR_H + AXIS_MINOR_H
ROW_H = 24.0
LANE_GUTTER = 136.0
SCROLLBAR_W = 14
MARKER_R = 5.0
MAX_LABEL_W = 320.0
DENSITY_THRESHOLD = 1500  # more events than this in view: density bars, no markers
DENSITY_BIN_PX = 3.0
WHEEL_STEP = 1.25
PAN_FRACTION = 0.1
NO_ACTOR = ""


@dataclass(slots=True)
class Lane:
    actor_id: str | None  # None: no lanes (one shared area); NO_ACTOR: events without actors
    name: str
    colour: QColor
    top: float
    height: float


@dataclass(slots=True)
class Hit:
    rect: QRectF
    event_id: str | None = None
    cluster_ids: tuple[str, ...] = ()


def _without_repeats(ticks: list[Tick]) -> list[Tick]:
    """Major ticks, less a pinned label that only repeats the one before it (islands of
    the same year between breaks read "2024 ⌇ Aug ⌇ Oct", not "2024 ⌇ 2024 ⌇ 2024")."""
    out: list[Tick] = []
    for tick in ticks:
        shown = [t for t in out if t.label]
        if tick.pinned and shown and shown[-1].label == tick.label:
            continue
        out.append(tick)
    return out


class TimelineView(QWidget):
    """Zoom with the wheel (anchored at the cursor), pan by dragging or with the arrow keys."""

    viewChanged = Signal()
    eventActivated = Signal(str)  # double-click on an event: edit it
    emptyActivated = Signal(object)  # double-click on empty time: a TimelineDate

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 160)
        self.setAccessibleName("Timeline")
        self.document = document
        self.compress = True
        self.lanes = False
        self.max_label_width = MAX_LABEL_W  # longer labels are elided (exports allow more)
        self.show_selection = True  # exports draw no selection
        self.scale = TimeScale()
        self._full_scale: tuple[EventIndex, TimeScale] | None = None
        self._zigzag_path: tuple[float, QPainterPath] | None = None
        self._paint_colours: dict[str | None, QColor] = {}
        self._lane_spec_cache: tuple[VisibleSet, object, list[tuple[str, str]]] | None = None
        self.view = Viewport(0.0, 1.0, 100.0)
        self._has_view = False
        self._hits: list[Hit] = []
        self._label_rects: list[QRectF] = []
        self._drag_x: float | None = None
        self._drag_moved = False
        self._widths: dict[str, float] = {}
        self._lane_starts: dict[str | None, list[int]] | None = None
        self._lane_starts_of: VisibleSet | None = None
        self._painted_ids: list[str] = []
        self._painted_mode = "empty"
        self.vscroll = QScrollBar(Qt.Orientation.Vertical, self)
        self.vscroll.hide()
        self.vscroll.valueChanged.connect(self.update)
        document.reset.connect(self._on_reset)
        document.visibleChanged.connect(self._on_visible_changed)
        document.recordsChanged.connect(self._on_records_changed)
        document.currentChanged.connect(self.update)
        f = QFont(self.font())
        self._label_font = f
        self._bold = QFont(f)
        self._bold.setBold(True)
        self._small = QFont(f)
        self._small.setPointSizeF(max(7.0, f.pointSizeF() * 0.9))

    def sizeHint(self) -> QSize:
        return QSize(900, 360)

    # -- geometry ----------------------------------------------------------------------
    @property
    def gutter(self) -> float:
        return LANE_GUTTER if self.lanes else 0.0

    def plot_width(self) -> float:
        # with lanes, room for the lanes' scroll bar is always kept, so the time axis does
        # not shift (and the last events slip under the bar) when it appears
        scroll = SCROLLBAR_W if self.lanes else 0
        return max(10.0, self.width() - self.gutter - scroll)

    def x_of_t(self, t: float) -> float:
        """Widget x of real time ``t``."""
        return self.gutter + self.view.x(self.scale.to_u(t))

    def t_at(self, x: float) -> float:
        """Real time at widget x."""
        return self.scale.to_t(self.view.u_at(x - self.gutter))

    def date_at(self, x: float) -> TimelineDate:
        """The date under widget x, at a precision that suits the zoom."""
        precision = precision_for_days_per_pixel(self.view.days_per_pixel)
        return TimelineDate.from_ordinal(int(self.t_at(x)), precision)

    # -- scale and view ----------------------------------------------------------------
    def _data_extent_u(self) -> tuple[float, float] | None:
        extent = self.document.store.visible.extent() or self.document.store.index.extent()
        if extent is None:
            return None
        return self.scale.to_u(extent[0]), self.scale.to_u(extent[1])

    def _rebuild_scale(self) -> None:
        """Breaks come from the filtered data; the unfiltered scale is kept per index."""
        store = self.document.store
        visible = store.visible
        if self.compress and len(visible) > 1:
            every = len(visible) == len(store.index)
            if every and self._full_scale is not None and self._full_scale[0] is store.index:
                self.scale = self._full_scale[1]
            else:
                t1 = store.index.t1
                self.scale = TimeScale.compressing(visible.t0 + [t1[p] for p in visible.positions])
                if every:
                    self._full_scale = (store.index, self.scale)
        else:
            self.scale = TimeScale()
        self._lane_starts = None

    def set_compress(self, on: bool) -> None:
        if on == self.compress:
            return
        ta, tb = self.time_range()
        self.compress = on
        self._rebuild_scale()
        self._set_view_t(ta, tb)

    def set_lanes(self, on: bool) -> None:
        if on == self.lanes:
            return
        ta, tb = self.time_range()
        self.lanes = on
        self._set_view_t(ta, tb)

    def time_range(self) -> tuple[float, float]:
        """The real time shown, from the left to the right edge of the plot."""
        return self.t_at(self.gutter), self.t_at(self.gutter + self.plot_width())

    def set_time_range(self, ta: float, tb: float) -> None:
        self._set_view_t(ta, tb)

    def _set_view_t(self, ta: float, tb: float) -> None:
        u0, u1 = self.scale.to_u(ta), self.scale.to_u(tb)
        if u1 <= u0:
            self.fit_all()
            return
        self._set_view(Viewport(u0, u1, self.plot_width()))

    def _set_view(self, view: Viewport) -> None:
        extent = self._data_extent_u()
        if extent is not None:
            lo, hi = zoom_limits(self.scale, extent[0], extent[1], view.width)
            if view.span < lo or view.span > hi:
                span = min(max(view.span, lo), hi)
                mid = (view.u0 + view.u1) / 2
                view = Viewport(mid - span / 2, mid + span / 2, view.width)
            view = view.clamped(extent[0], extent[1])
        self.view = view
        self._has_view = True
        self.update()
        self.viewChanged.emit()

    def fit_all(self) -> None:
        """Fit every visible event (or every event when the filter hides all)."""
        extent = self._data_extent_u()
        if extent is None:
            self.view = Viewport(0.0, 365.0, self.plot_width())
            self.update()
            self.viewChanged.emit()
            return
        self._set_view(Viewport.fitted(extent[0], extent[1], self.plot_width(), 0.03))

    def fit_range(self, t0: float, t1: float) -> None:
        self._set_view(
            Viewport.fitted(self.scale.to_u(t0), self.scale.to_u(t1), self.plot_width(), 0.08)
        )

    def fit_events(self, event_ids: Iterable[str]) -> None:
        events = [e for e in (self.document.store.event(i) for i in event_ids) if e]
        if events:
            self.fit_range(min(e.t0 for e in events), max(e.t1 for e in events))

    def zoom_to_event(self, event_id: str) -> None:
        event = self.document.store.event(event_id)
        if event is None:
            return
        span = max(event.t1 - event.t0, 1)
        self.fit_range(event.t0 - span * 2, event.t1 + span * 2)

    def zoom_by(self, factor: float, anchor_x: float | None = None) -> None:
        """Zoom in (factor > 1) or out keeping the date under ``anchor_x`` where it is."""
        extent = self._data_extent_u()
        anchor = (self.plot_width() / 2) if anchor_x is None else anchor_x - self.gutter
        lo, hi = zoom_limits(self.scale, *(extent or (0.0, 365.0)), self.plot_width())
        new = self.view.zoomed(anchor, factor, lo, hi)
        if extent is not None:
            new = new.clamped(extent[0], extent[1])
        self.view = new
        self.update()
        self.viewChanged.emit()

    def pan_pixels(self, dx: float) -> None:
        self._set_view(self.view.panned(dx))

    def ensure_visible(self, event_id: str) -> None:
        event = self.document.store.event(event_id)
        if event is None:
            return
        u0, u1 = self.scale.to_u(event.t0), self.scale.to_u(event.t1)
        if u1 < self.view.u0 or u0 > self.view.u1:
            mid = (u0 + u1) / 2
            half = self.view.span / 2
            self._set_view(Viewport(mid - half, mid + half, self.view.width))

    def set_view_center_u(self, u: float) -> None:
        half = self.view.span / 2
        self._set_view(Viewport(u - half, u + half, self.view.width))

    # -- document signals --------------------------------------------------------------
    def _on_reset(self) -> None:
        self._widths.clear()
        self._rebuild_scale()
        self.fit_all()

    def _on_visible_changed(self) -> None:
        if not self._has_view:
            self._on_reset()
            return
        ta, tb = self.time_range()
        self._rebuild_scale()
        self._set_view_t(ta, tb)
        ta, tb = self.time_range()
        visible = self.document.store.visible
        # the filter left nothing where the user was looking: show where its events are
        nothing_here = not visible.count_starting(ta - 3700, tb)
        if len(visible) and nothing_here and not visible.overlapping(ta, tb):
            self.fit_all()

    def _on_records_changed(self) -> None:
        self._widths.clear()
        self._lane_starts = None
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.vscroll.setGeometry(
            self.width() - SCROLLBAR_W, int(AXIS_H), SCROLLBAR_W, int(self.height() - AXIS_H)
        )
        if self._has_view:
            self.view = self.view.resized(self.plot_width())
        else:
            self.fit_all()
        super().resizeEvent(event)

    # -- painting ----------------------------------------------------------------------
    def _colours(self) -> tuple[QColor, QColor, QColor, QColor]:
        pal = self.palette()
        base = pal.color(QPalette.ColorRole.Base)
        text = pal.color(QPalette.ColorRole.Text)
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        alt = pal.color(QPalette.ColorRole.AlternateBase)
        return base, text, muted, alt

    @property
    def dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128

    def _actor_colour(self, actor_id: str | None) -> QColor:
        """The actor's colour (lightened on a dark background); kept for the paint."""
        c = self._paint_colours.get(actor_id)
        if c is None:
            if not actor_id:
                c = self.palette().color(QPalette.ColorRole.PlaceholderText)
            else:
                c = QColor(self.document.colours.get(actor_id, "#777777"))
                if self.dark and c.lightness() < 90:
                    c = c.lighter(220)
            self._paint_colours[actor_id] = c
        return c

    def _event_colour(self, event: Event, lane: Lane) -> QColor:
        if lane.actor_id is not None:
            return lane.colour
        return self._actor_colour(event.actors[0] if event.actors else None)

    def paintEvent(self, _event: object) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        base, text, muted, alt = self._colours()
        p.fillRect(self.rect(), base)
        self._hits = []
        self._painted_ids = []
        self._label_rects = []
        self._paint_colours = {}
        visible = self.document.store.visible
        if not self.document.timeline.events:
            self._painted_mode = "empty"
            self._empty_state(p, "No events yet: add one with Ctrl+N", muted)
            p.end()
            return
        lanes = self._lanes(visible)
        self._paint_breaks(p, alt, muted)
        self._paint_axis(p, text, muted)
        if not len(visible):
            self._painted_mode = "empty"
            self._empty_state(
                p, "No events match the current filter. Reset filters to see them all.", muted
            )
            p.end()
            return
        ta, tb = self.time_range()
        # a binary search says when there are surely too many; else count what overlaps
        in_view: list[int] | None = None
        if visible.count_starting(ta, tb) <= DENSITY_THRESHOLD:
            in_view = visible.overlapping(ta, tb)
        p.save()
        p.setClipRect(QRectF(self.gutter, AXIS_H, self.plot_width(), self.height() - AXIS_H))
        if in_view is None or len(in_view) > DENSITY_THRESHOLD:
            self._painted_mode = "density"
            self._paint_density(p, visible, lanes, ta, tb)
        else:
            self._painted_mode = "events"
            self._paint_events(p, in_view, lanes, text)
        p.restore()
        if self.lanes:
            self._paint_lane_labels(p, lanes, text, alt)
        if self.hasFocus():
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 1.0)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        p.end()

    def _empty_state(self, p: QPainter, message: str, muted: QColor) -> None:
        p.setPen(muted)
        f = QFont(self.font())
        f.setPointSizeF(f.pointSizeF() * 1.15)
        p.setFont(f)
        area = QRectF(self.rect()).adjusted(20, AXIS_H, -20, -10)
        p.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, message)

    def _paint_breaks(self, p: QPainter, alt: QColor, muted: QColor) -> None:
        """Each break: a shaded strip with a zig-zag down its middle; a break narrower than
        a few pixels is one thin line.  Drawn without anti-aliasing, zig-zags from one
        cached path: a filtered view can have a hundred breaks."""
        top, bottom = 0.0, float(self.height())
        faint = QColor(muted)
        faint.setAlpha(150)
        shade = QColor(alt)
        shade.setAlpha(160)
        thin: list[float] = []
        wide: list[tuple[float, float]] = []
        for ub0, ub1 in self.scale.break_spans_u():
            if ub1 < self.view.u0 or ub0 > self.view.u1:
                continue
            x0 = self.gutter + self.view.x(ub0)
            x1 = self.gutter + self.view.x(ub1)
            if x1 - x0 < 4:
                thin.append(round((x0 + x1) / 2))
            else:
                wide.append((x0, x1))
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.setPen(QPen(faint, 1.0))
        for x in thin:  # a 1-px rectangle: the fast path of the raster engine
            p.fillRect(QRectF(x, top, 1, bottom - top), faint)
        for x0, x1 in wide:
            p.fillRect(QRectF(x0, top, x1 - x0, bottom - top), shade)
        zigzag = self._zigzag(bottom - top)
        for x0, x1 in wide:
            p.drawPath(zigzag.translated(round((x0 + x1) / 2), top))
        p.restore()

    def _zigzag(self, height: float) -> QPainterPath:
        if self._zigzag_path is None or self._zigzag_path[0] != height:
            path = QPainterPath(QPointF(0, 0))
            y, k = 0.0, 0
            while y < height:
                y += 6.0
                path.lineTo(3.0 if k % 2 == 0 else -3.0, y)
                k += 1
            self._zigzag_path = (height, path)
        return self._zigzag_path[1]

    def _paint_axis(self, p: QPainter, text: QColor, muted: QColor) -> None:
        fm = QFontMetricsF(self._small, p.device())
        fmb = QFontMetricsF(self._bold, p.device())
        # measured in the wider (bold) font, so no label of either tier can overlap or clip
        axis = compute_axis(self.scale, self.view, fmb.horizontalAdvance)
        g = self.gutter
        h = float(self.height())
        grid = QColor(muted)
        grid.setAlpha(40)
        major_grid = QColor(muted)
        major_grid.setAlpha(90)
        # straight lines on pixel centres, no anti-aliasing, one call per kind
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        # vertical lines as 1-px rectangles: the raster engine's fast path (pens with
        # alpha over the full height cost milliseconds each)
        for t in axis.minor:
            x = round(g + t.x)
            p.fillRect(QRectF(x, AXIS_H, 1, h - AXIS_H), grid)
            p.fillRect(QRectF(x, AXIS_H - 4, 1, 4), muted)
        major = _without_repeats(axis.major)
        for t in major:
            if not t.pinned:  # a pinned label marks no boundary: no line for it
                p.fillRect(QRectF(round(g + t.x), 2, 1, h - 2), major_grid)
        p.setPen(QPen(muted, 1.0))
        p.drawLine(QLineF(g, AXIS_H + 0.5, self.width(), AXIS_H + 0.5))
        p.restore()
        p.setFont(self._small)
        p.setPen(text)
        for tick in axis.minor:
            p.drawText(QPointF(g + tick.label_x, AXIS_MAJOR_H + fm.ascent() + 1), tick.label)
        p.setFont(self._bold)
        for tick in major:
            p.drawText(QPointF(g + tick.label_x, fmb.ascent() + 2), tick.label)

    # lanes
    def _lanes(self, visible: VisibleSet) -> list[Lane]:
        top = AXIS_H + 4
        height = self.height() - top - 4
        if not self.lanes:
            self.vscroll.hide()
            return [Lane(None, "", QColor(), top, height)]
        lanes_spec = self._lane_spec(visible)
        if not lanes_spec:
            return [Lane(None, "", QColor(), top, height)]
        lane_h = max(ROW_H * 2 + 8, height / len(lanes_spec))
        total = lane_h * len(lanes_spec)
        if total > height + 1:
            self.vscroll.setRange(0, int(total - height))
            self.vscroll.setPageStep(int(height))
            self.vscroll.setSingleStep(int(lane_h))
            self.vscroll.show()
        else:
            self.vscroll.setValue(0)
            self.vscroll.hide()
        offset = self.vscroll.value() if self.vscroll.isVisible() else 0
        return [
            Lane(aid, name, self._actor_colour(aid or None), top + i * lane_h - offset, lane_h)
            for i, (aid, name) in enumerate(lanes_spec)
        ]

    def _lane_spec(self, visible: VisibleSet) -> list[tuple[str, str]]:
        """(actor id, name) of each lane: the actors with a visible event, then "No actor"
        if a visible event has none; worked out once per filter result, not per paint."""
        actors = self.document.timeline.actors
        cache = self._lane_spec_cache
        if cache is not None and cache[0] is visible and cache[1] is actors:
            return cache[2]
        index = self.document.store.index
        every = len(visible) == len(index)
        spec = [
            (a.id, a.name)
            for a in actors
            if any(every or p in visible for p in index.by_actor.get(a.id, ()))
        ]
        if any(every or p in visible for p in index.no_actor):
            spec.append((NO_ACTOR, "No actor"))
        self._lane_spec_cache = (visible, actors, spec)
        return spec

    def _paint_lane_labels(self, p: QPainter, lanes: list[Lane], text: QColor, alt: QColor) -> None:
        p.fillRect(QRectF(0, AXIS_H, self.gutter, self.height() - AXIS_H), alt)
        fm = QFontMetricsF(self._label_font, p.device())
        p.setFont(self._label_font)
        p.save()
        p.setClipRect(QRectF(0, AXIS_H, self.width(), self.height() - AXIS_H))
        for i, lane in enumerate(lanes):
            if i:
                p.setPen(QPen(QColor(128, 128, 128, 70), 1.0))
                p.drawLine(QPointF(0, lane.top), QPointF(self.width(), lane.top))
            p.fillRect(QRectF(6, lane.top + 6, 10, 10), lane.colour)
            p.setPen(text)
            name = fm.elidedText(lane.name, Qt.TextElideMode.ElideRight, self.gutter - 26)
            p.drawText(QPointF(22, lane.top + 6 + fm.ascent() - 1), name)
        p.restore()

    def _lane_events(self, lane: Lane, positions: list[int]) -> list[int]:
        if lane.actor_id is None:
            return positions
        events = self.document.store.index.events
        if lane.actor_id == NO_ACTOR:
            return [q for q in positions if not events[q].actors]
        return [q for q in positions if lane.actor_id in events[q].actors]

    # events
    def _label_width(self, event: Event, fm: QFontMetricsF) -> float:
        w = self._widths.get(event.id)
        if w is None:
            w = min(fm.horizontalAdvance(self._label(event)), self.max_label_width)
            self._widths[event.id] = w
        return w

    @staticmethod
    def _label(event: Event) -> str:
        if event.status is Status.REPORTED:
            return event.title
        return f"{event.title} ({event.status.value})"

    def _paint_events(
        self, p: QPainter, positions: list[int], lanes: list[Lane], text: QColor
    ) -> None:
        fm = QFontMetricsF(self._label_font, p.device())
        events = self.document.store.index.events
        current = self.document.current_id if self.show_selection else None
        plot_left, plot_right = self.gutter, self.gutter + self.plot_width()
        for lane in lanes:
            if lane.top > self.height() or lane.top + lane.height < AXIS_H:
                continue
            mine = self._lane_events(lane, positions)
            rows = max(1, int((lane.height - 4) // ROW_H))
            items: list[LabelItem] = []
            spans: dict[int, tuple[float, float]] = {}
            flipped: set[int] = set()
            limits: dict[int, float] = {}
            for q in mine:
                e = events[q]
                x0, x1 = self.x_of_t(e.t0), self.x_of_t(e.t1)
                spans[q] = (x0, x1)
                point = e.start.precision is Precision.DAY and not e.is_span
                label_w = self._label_width(e, fm) + (2 * MARKER_R + 6 if point else 8)
                if point:
                    anchor, width = x0 - MARKER_R, label_w
                    right_room = plot_right - anchor
                    left_room = x0 + MARKER_R - plot_left
                    if width > right_room:  # no room on the right
                        if width <= left_room or left_room > right_room:
                            width = min(width, left_room)  # the label goes on the left
                            anchor = x0 + MARKER_R - width
                            flipped.add(q)
                        else:
                            width = right_room
                        limits[q] = width - (2 * MARKER_R + 6)  # elided to the room there is
                else:
                    anchor = max(x0, plot_left)
                    avail = plot_right - anchor
                    band_w = max(0.0, min(x1, plot_right) - anchor)
                    left_room = x0 - plot_left
                    if label_w <= avail:
                        width = max(label_w, band_w)
                    elif label_w <= left_room or left_room > avail:
                        # the label on the left, ending where the band starts
                        shown = min(label_w, left_room)
                        anchor = x0 - shown
                        width = band_w + shown
                        flipped.add(q)
                        limits[q] = shown - 8
                    else:  # more room on the right: elide the label to it
                        width = avail
                        limits[q] = avail - 8
                items.append(LabelItem(q, anchor, width))
            items.sort(key=lambda it: it.x)
            # the last row is kept for clusters, so a cluster never covers a label
            label_rows = rows - 1 if rows > 1 else rows
            placement = stack_labels(items, label_rows)
            for q, row, x in placement.placed:
                e = events[q]
                self._paint_event(
                    p,
                    e,
                    lane,
                    row,
                    x,
                    spans[q],
                    fm,
                    text,
                    e.id == current,
                    q in flipped,
                    limits.get(q, self.max_label_width),
                )
            for left, right, keys in self._cluster_pills(placement.clusters, p):
                self._paint_cluster(p, left, right, keys, lane, rows, text, current)

    def _row_rect(self, lane: Lane, row: int) -> QRectF:
        return QRectF(0, lane.top + 2 + row * ROW_H, 0, ROW_H - 4)

    def _paint_event(
        self,
        p: QPainter,
        e: Event,
        lane: Lane,
        row: int,
        x: float,
        span: tuple[float, float],
        fm: QFontMetricsF,
        text: QColor,
        selected: bool,
        flipped: bool = False,
        limit: float = MAX_LABEL_W,
    ) -> None:
        colour = self._event_colour(e, lane)
        r = self._row_rect(lane, row)
        top, h = r.top(), r.height()
        mid = top + h / 2
        x0, x1 = span
        point = e.start.precision is Precision.DAY and not e.is_span
        if selected:  # bold is wider: fit it into the room the layout gave the label
            limit = min(limit, self._label_width(e, fm))
            fm = QFontMetricsF(self._bold, p.device())
        label = fm.elidedText(self._label(e), Qt.TextElideMode.ElideRight, limit)
        dashed = e.status is not Status.REPORTED
        if point:
            p.setPen(QPen(text if selected else colour.darker(130), 2.0 if selected else 1.0))
            p.setBrush(QBrush(colour) if not dashed else Qt.BrushStyle.NoBrush)
            p.drawEllipse(QPointF(x0, mid), MARKER_R, MARKER_R)
            text_w = fm.horizontalAdvance(label)
            text_x = x0 - MARKER_R - 4 - text_w if flipped else x0 + MARKER_R + 4
            hit = QRectF(min(text_x, x0 - MARKER_R) - 2, top, text_w + 2 * MARKER_R + 8, h)
        else:
            fill = QColor(colour)
            coarse = not e.is_span
            fill.setAlpha(60 if coarse else 200)
            band = QRectF(x0, top, max(x1 - x0, 3.0), h)
            pen = QPen(text if selected else colour, 2.0 if selected else 1.0)
            if dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.setBrush(fill)
            if coarse:
                p.drawRoundedRect(band, 3, 3)
            else:
                bar = QRectF(x0, mid + 2, max(x1 - x0, 3.0), h / 2 - 2)
                p.drawRoundedRect(bar, 2, 2)
                band = band.united(bar)
            text_w = fm.horizontalAdvance(label)
            text_x = x0 - 4 - text_w if flipped else x + 4
            hit = band.united(QRectF(text_x - 4, top, text_w + 8, h))
        p.setPen(text)
        p.setFont(self._bold if selected else self._label_font)
        baseline = (top + fm.ascent() + 1) if not point and e.is_span else mid + fm.ascent() / 2 - 1
        p.drawText(QPointF(text_x, baseline), label)
        self._label_rects.append(QRectF(text_x, top, fm.horizontalAdvance(label), h))
        self._hits.append(Hit(hit, event_id=e.id))
        self._painted_ids.append(e.id)

    def _cluster_pills(
        self, clusters: list[Cluster], p: QPainter
    ) -> list[tuple[float, float, list[int]]]:
        """Where each "N events" pill goes: over its members' markers, wide enough for its
        label, moved along when it would overlap the pill before it."""
        fm = QFontMetricsF(self._small, p.device())
        t0 = self.document.store.index.t0
        pills: list[tuple[float, float, list[int]]] = []
        for cluster in sorted(clusters, key=lambda c: c.x0):
            starts = [t0[k] for k in cluster.keys]
            left = max(self.gutter, self.x_of_t(min(starts)) - MARKER_R)
            count = len(cluster.keys)
            width = fm.horizontalAdvance(f"{count} events") + 14
            right = max(self.x_of_t(max(starts)) + MARKER_R, left + width)
            overflow = right - (self.gutter + self.plot_width())
            if overflow > 0:  # keep the whole pill, with its count, inside the timeline
                left, right = max(self.gutter, left - overflow), right - overflow
            if pills and left < pills[-1][1] + 4:  # would overlap its neighbour: move over
                shift = pills[-1][1] + 4 - left
                left, right = left + shift, right + shift
                if right > self.gutter + self.plot_width():  # no room left: join it
                    pl, pr, pk = pills.pop()
                    keys = pk + list(cluster.keys)
                    width = fm.horizontalAdvance(f"{len(keys)} events") + 14
                    pills.append((pl, max(pr, pl + width), keys))
                    continue
            pills.append((left, right, list(cluster.keys)))
        return pills

    def _paint_cluster(
        self,
        p: QPainter,
        x0: float,
        x1: float,
        keys: list[int],
        lane: Lane,
        rows: int,
        text: QColor,
        current: str | None,
    ) -> None:
        events = self.document.store.index.events
        r = self._row_rect(lane, rows - 1)
        label = f"{len(keys)} events" if len(keys) != 1 else "1 event"
        rect = QRectF(x0, r.top() + 1, x1 - x0, r.height() - 2)
        ids = tuple(events[k].id for k in keys)
        fill = QColor(self.palette().color(QPalette.ColorRole.Button))
        p.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1.0))
        if current in ids:
            p.setPen(QPen(text, 2.0))
        p.setBrush(fill)
        p.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        columns: set[int] = set()  # one tick per pixel column is all the eye can see
        for k in keys:
            x = int(self.x_of_t(events[k].t0))
            if x not in columns:
                columns.add(x)
                p.fillRect(
                    QRectF(x - 1, rect.bottom() - 4, 2, 3), self._event_colour(events[k], lane)
                )
        p.setPen(text)
        p.setFont(self._small)
        p.drawText(rect.adjusted(0, -2, 0, 0), Qt.AlignmentFlag.AlignCenter, label)
        self._hits.append(Hit(rect, cluster_ids=ids))
        self._painted_ids.extend(ids)

    def _paint_density(
        self, p: QPainter, visible: VisibleSet, lanes: list[Lane], ta: float, tb: float
    ) -> None:
        width = self.plot_width()
        n = max(1, int(width / DENSITY_BIN_PX))
        edges = [self.t_at(self.gutter + i * width / n) for i in range(n + 1)]
        for lane in lanes:
            if lane.top > self.height() or lane.top + lane.height < AXIS_H:
                continue
            starts = self._starts_for(lane, visible)
            idx = [bisect_left(starts, e) for e in edges]
            counts = [b - a for a, b in pairwise(idx)]
            peak = max(counts) or 1
            colour = (
                lane.colour
                if lane.actor_id is not None
                else self.palette().color(QPalette.ColorRole.Highlight)
            )
            avail = lane.height - 8
            for i, c in enumerate(counts):
                if c:
                    h = max(2.0, avail * (c / peak) ** 0.5)
                    p.fillRect(
                        QRectF(
                            self.gutter + i * width / n,
                            lane.top + 4 + avail - h,
                            max(1.0, width / n - 0.5),
                            h,
                        ),
                        colour,
                    )
        in_view = visible.count_starting(ta, tb)
        note = f"{in_view:,} events in view: zoom in or filter to see them one by one"
        fm = QFontMetricsF(self._small, p.device())
        p.setFont(self._small)
        rect = QRectF(self.gutter + 8, AXIS_H + 6, fm.horizontalAdvance(note) + 12, fm.height() + 6)
        bg = QColor(self.palette().color(QPalette.ColorRole.Base))
        bg.setAlpha(220)
        p.fillRect(rect, bg)
        p.setPen(self.palette().color(QPalette.ColorRole.Text))
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, note)

    def _starts_for(self, lane: Lane, visible: VisibleSet) -> list[int]:
        if lane.actor_id is None:
            return visible.t0
        if self._lane_starts is None or self._lane_starts_of is not visible:
            self._lane_starts = {}
            self._lane_starts_of = visible
        starts = self._lane_starts.get(lane.actor_id)
        if starts is None:
            index = self.document.store.index
            if lane.actor_id == NO_ACTOR:
                chosen = [q for q in visible.positions if not index.events[q].actors]
            else:
                chosen = [q for q in index.by_actor.get(lane.actor_id, []) if q in visible]
            starts = [index.t0[q] for q in chosen]
            self._lane_starts[lane.actor_id] = starts
        return starts

    # -- what was painted (for tests and accessibility) --------------------------------
    def painted_event_ids(self) -> list[str]:
        """Ids of events drawn in the last paint, as markers or inside clusters."""
        return list(self._painted_ids)

    @property
    def painted_mode(self) -> str:
        """ "events", "density" or "empty": what the last paint showed."""
        return self._painted_mode

    def hits(self) -> list[Hit]:
        return list(self._hits)

    def label_rects(self) -> list[QRectF]:
        """Where the last paint drew event labels."""
        return list(self._label_rects)

    # -- input -------------------------------------------------------------------------
    def _hit_at(self, pos: QPointF) -> Hit | None:
        for hit in reversed(self._hits):
            if hit.rect.contains(pos):
                return hit
        return None

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y() or event.angleDelta().x()
        if not delta:
            return
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and self.vscroll.isVisible():
            self.vscroll.setValue(self.vscroll.value() - delta // 2)
            return
        self.zoom_by(WHEEL_STEP ** (delta / 120.0), event.position().x())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_x = event.position().x()
            self._drag_moved = False
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_x is None:  # hovering: show what can be clicked
            hit = self._hit_at(event.position())
            self.setCursor(Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor)
            return
        if self._drag_x is not None:
            dx = event.position().x() - self._drag_x
            if abs(dx) >= 3 or self._drag_moved:
                self._drag_moved = True
                self._drag_x = event.position().x()
                self.pan_pixels(dx)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.unsetCursor()
        moved = self._drag_moved
        self._drag_x = None
        self._drag_moved = False
        if moved or event.button() != Qt.MouseButton.LeftButton:
            return
        hit = self._hit_at(event.position())
        if hit is None:
            return
        if hit.event_id is not None:
            self.document.set_current(hit.event_id)
        elif hit.cluster_ids:
            before = self.view
            self.fit_events(hit.cluster_ids)
            if self.view.span >= before.span:  # its events lie far apart: zoom in there
                self.view = before
                self.zoom_by(2.0, hit.rect.center().x())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        hit = self._hit_at(event.position())
        if hit is not None and hit.event_id is not None:
            self.eventActivated.emit(hit.event_id)
        elif hit is None and event.position().y() > AXIS_H and event.position().x() > self.gutter:
            self.emptyActivated.emit(self.date_at(event.position().x()))

    def tooltip_at(self, pos: QPointF) -> str | None:
        """The tooltip for what is under ``pos``: title and date in words (escaped)."""
        hit = self._hit_at(pos)
        if hit is None:
            return None
        if hit.event_id is not None:
            ev = self.document.store.event(hit.event_id)
            return self._tooltip(ev) if ev is not None else None
        return f"<p>{len(hit.cluster_ids)} events — click to zoom in</p>"

    def event(self, e: QEvent) -> bool:
        if isinstance(e, QHelpEvent) and e.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(QPointF(e.pos()))
            if text is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(e.globalPos(), text, self)
            return True
        return super().event(e)

    def _tooltip(self, ev: Event) -> str:
        status = "" if ev.status is Status.REPORTED else f" — {ev.status.value}"
        return f"<p><b>{escape(ev.title)}</b><br>{escape(ev.date_words())}{escape(status)}</p>"

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers()
        if mods & Qt.KeyboardModifier.AltModifier:
            super().keyPressEvent(event)
            return
        if key == Qt.Key.Key_Left:
            self.pan_pixels(self.plot_width() * PAN_FRACTION)
        elif key == Qt.Key.Key_Right:
            self.pan_pixels(-self.plot_width() * PAN_FRACTION)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(WHEEL_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1 / WHEEL_STEP)
        else:
            super().keyPressEvent(event)
