"""The overview strip under the timeline: every visible event as a density line over the
whole extent, the eras along its top, and the timeline's window as a rectangle the user
can drag."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget

from ..core.layout import bin_counts
from ..core.scene_build import placed_eras
from .timeline_painter import era_color
from .timeline_view import TimelineView

HEIGHT = 34
BIN_PX = 2.0
ERA_ROW_PX = 4.0  # an era's band along the top


class OverviewStrip(QWidget):
    def __init__(self, timeline: TimelineView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewStrip")
        self.setToolTip("Overview of all events; drag the rectangle to move the timeline")
        self.timeline = timeline
        self.setFixedHeight(HEIGHT)
        self.setMouseTracking(True)
        self._grab: float | None = None
        timeline.viewChanged.connect(self.update)
        timeline.document.visibleChanged.connect(self.update)
        timeline.document.reset.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(600, HEIGHT)

    def _range_u(self) -> tuple[float, float]:
        state = self.timeline.state
        if state.extent_t is None:
            return 0.0, 1.0
        u0, u1 = state.scale.to_u(state.extent_t[0]), state.scale.to_u(state.extent_t[1])
        pad = max((u1 - u0) * 0.02, 1.0)
        return u0 - pad, u1 + pad

    def _x(self, u: float, lo: float, hi: float) -> float:
        return self._left() + (u - lo) / (hi - lo) * self._width()

    def _left(self) -> float:
        return self.timeline.state.gutter

    def _width(self) -> float:
        return max(10.0, self.width() - self._left() - 2)

    def window_rect(self) -> QRectF:
        lo, hi = self._range_u()
        v = self.timeline.state.viewport
        left, right = self._left(), self._left() + self._width()
        x0 = min(max(self._x(v.u0, lo, hi), left), right - 4)
        x1 = min(max(self._x(v.u1, lo, hi), x0 + 4), right)
        return QRectF(x0, 2, x1 - x0, self.height() - 4)

    def paintEvent(self, _event: object) -> None:
        p = QPainter(self)
        pal = self.palette()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.AlternateBase))
        state = self.timeline.state
        visible = self.timeline.document.store.visible
        lo, hi = self._range_u()
        n = max(1, int(self._width() / BIN_PX))
        if len(visible):
            edges = [state.scale.to_t(lo + (hi - lo) * i / n) for i in range(n + 1)]
            counts = bin_counts(visible.t0, edges)
            peak = max(counts) or 1
            color = pal.color(QPalette.ColorRole.Highlight)
            h_avail = self.height() - 6
            left, step, bottom = self._left(), self._width() / n, self.height() - 3
            bins = []  # drawn in one call
            for i, c in enumerate(counts):
                if c:
                    h = max(3.0, h_avail * (c / peak) ** 0.5)
                    bins.append(QRectF(left + i * step, bottom - h, BIN_PX, h))
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color)
            p.drawRects(bins)
        gap = QColor(pal.color(QPalette.ColorRole.Mid))
        gap.setAlpha(70)
        for ub0, ub1 in state.scale.break_spans_u():
            x0, x1 = self._x(ub0, lo, hi), self._x(ub1, lo, hi)
            p.fillRect(QRectF(x0, 0, max(1.0, x1 - x0), self.height()), gap)
        self._paint_eras(p, lo, hi)
        window = self.window_rect()
        fill = QColor(pal.color(QPalette.ColorRole.Highlight))
        fill.setAlpha(45)
        p.setBrush(fill)
        p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 1.5))
        p.drawRect(window)
        p.end()

    def _paint_eras(self, p: QPainter, lo: float, hi: float) -> None:
        """The eras along the top, a thin band each, one row per nesting level."""
        store = self.timeline.document.store
        if not store.timeline.eras:
            return
        scale = self.timeline.state.scale
        for i, placed in enumerate(placed_eras(store, self.timeline.cache)):
            x0 = self._x(scale.to_u(placed.t0), lo, hi)
            x1 = self._x(scale.to_u(placed.t1), lo, hi)
            rect = QRectF(x0, 4 + placed.row * ERA_ROW_PX, max(x1 - x0, 2.0), ERA_ROW_PX - 1)
            p.fillRect(rect, era_color(placed.era.color, i, 170))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        window = self.window_rect()
        x = event.position().x()
        self._grab = x - window.center().x() if window.contains(event.position()) else 0.0
        self._move_to(x)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._grab is not None:
            self._move_to(event.position().x())
        else:
            inside = self.window_rect().contains(event.position())
            self.setCursor(Qt.CursorShape.OpenHandCursor if inside else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, _event: QMouseEvent) -> None:
        self._grab = None

    def _move_to(self, x: float) -> None:
        lo, hi = self._range_u()
        centre_x = x - (self._grab or 0.0)
        u = lo + (centre_x - self._left()) / self._width() * (hi - lo)
        self.timeline.set_view_center_u(u)
