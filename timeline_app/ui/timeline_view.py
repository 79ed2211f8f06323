"""The zoomable timeline widget: it maps input to :class:`~timeline_app.core.viewstate.
ViewState` calls and paints the :class:`~timeline_app.core.scene.Scene` the core builds.

Zoom with the wheel (anchored at the cursor) or + and -; pan by dragging or with the arrow
keys; click an event to select it, a cluster to zoom in on it, an era to zoom to it;
double-click an event to edit it, empty time to add one there; Ctrl+drag from one event to
another to link them.  What is under the mouse is asked of the scene, never of the last
paint.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QScrollBar, QSizePolicy, QToolTip, QWidget

from ..core.change import Change
from ..core.dates import TimelineDate, span_words
from ..core.eras import era_end, era_interval
from ..core.markup import escape_html
from ..core.model import Event, Status
from ..core.scene import Hit, Scene, SceneCache
from ..core.scene_build import build_scene
from ..core.timescale import TimeScale, Viewport
from ..core.viewstate import SCROLLBAR_W, ViewState
from ..core.wording import clipped
from .document import Document
from .timeline_painter import Colors, Fonts, paint_scene, qrect

WHEEL_STEP = 1.25
PAN_FRACTION = 0.1


@dataclass(frozen=True, slots=True)
class ViewHit:
    """Something that can be clicked: an event, or the events of a cluster."""

    rect: QRectF
    event_id: str | None = None
    cluster_ids: tuple[str, ...] = ()


class TimelineView(QWidget):
    """The timeline of ``document``'s visible events."""

    viewChanged = Signal()
    eventActivated = Signal(str)  # double-click on an event: edit it
    eventClicked = Signal(str)  # a click on an event: it is selected
    emptyActivated = Signal(object)  # double-click on empty time: a TimelineDate
    eraClicked = Signal(str)  # a click on an era in the strip: zoomed to it
    linkDragged = Signal(str, str)  # Ctrl+drag from one event's mark to another's
    painted = Signal()  # a paint ended (what it drew: painted_mode, painted_event_ids)

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
        self.state = ViewState()
        self.cache = SceneCache()
        self._scene: Scene | None = None
        self._scene_scroll = 0
        self._fonts: Fonts | None = None
        self._drag_x: float | None = None
        self._drag_moved = False
        self.link_from: str | None = None  # Ctrl+drag from this event's mark: a new link
        self._link_to: QPointF | None = None  # where that drag is
        self.era_hovered: str | None = None  # in the strip above the axis
        self.era_selected: str | None = None  # clicked: tinted until a click elsewhere
        self.vscroll = QScrollBar(Qt.Orientation.Vertical, self)
        self.vscroll.hide()
        self.vscroll.valueChanged.connect(self._changed)
        document.reset.connect(self._on_reset)
        document.visibleChanged.connect(self._on_visible_changed)
        document.recordsChanged.connect(self._on_records_changed)
        document.changeApplied.connect(self._on_change_applied)
        document.currentChanged.connect(self._changed)
        self.state.set_data(document.store, keep_range=False)  # what is open already

    def sizeHint(self) -> QSize:
        return QSize(900, 360)

    # -- the view state, as the rest of the window uses it -----------------------------
    @property
    def compress(self) -> bool:
        return self.state.compress

    @property
    def lanes(self) -> bool:
        return self.state.lanes

    @property
    def scale(self) -> TimeScale:
        return self.state.scale

    @property
    def view(self) -> Viewport:
        return self.state.viewport

    @property
    def gutter(self) -> float:
        return self.state.gutter

    def plot_width(self) -> float:
        return self.state.plot_width

    def x_of_t(self, t: float) -> float:
        return self.state.x_of_t(t)

    def t_at(self, x: float) -> float:
        return self.state.t_at(x)

    def date_at(self, x: float) -> TimelineDate:
        return self.state.date_at(x)

    def time_range(self) -> tuple[float, float]:
        return self.state.time_range()

    def _changed(self) -> None:
        """Anything the scene depends on changed: build it again before the next paint."""
        self._scene = None
        self.update()

    def _view_changed(self) -> None:
        self._changed()
        self.viewChanged.emit()

    def set_compress(self, on: bool) -> None:
        self.state.set_compress(on, self.document.store)
        self._view_changed()

    def set_lanes(self, on: bool) -> None:
        self.state.set_lanes(on)
        self._view_changed()

    def set_all_links(self, on: bool) -> None:
        """Draw every link however many, or only the selected event's past 200."""
        if on != self.state.all_links:
            self.state.all_links = on
            self._view_changed()

    def set_badges(self, on: bool) -> None:
        """Show each event's support beside its mark, or not."""
        if on != self.state.badges:
            self.state.badges = on
            self._view_changed()

    def set_time_range(self, ta: float, tb: float) -> None:
        self.state.set_time_range(ta, tb)
        self._view_changed()

    def fit_all(self) -> None:
        """Fit every visible event (or every event when the filter hides all)."""
        self.state.fit_all()
        self._view_changed()

    def fit_range(self, t0: float, t1: float) -> None:
        self.state.fit_range(t0, t1)
        self._view_changed()

    def fit_events(self, event_ids: Iterable[str]) -> None:
        events = [e for e in (self.document.store.event(i) for i in event_ids) if e]
        if events:
            self.fit_range(min(e.t0 for e in events), max(e.t1 for e in events))

    def zoom_to_event(self, event_id: str) -> None:
        event = self.document.store.event(event_id)
        if event is not None:
            self.state.zoom_to_span(event.t0, event.t1)
            self._view_changed()

    def zoom_by(self, factor: float, anchor_x: float | None = None) -> None:
        """Zoom in (factor > 1) or out keeping the date under ``anchor_x`` where it is."""
        self.state.zoom_by(factor, anchor_x)
        self._view_changed()

    def pan_pixels(self, dx: float) -> None:
        self.state.pan_pixels(dx)
        self._view_changed()

    def ensure_visible(self, event_id: str) -> None:
        event = self.document.store.event(event_id)
        if event is not None:
            self.state.ensure_visible(event.t0, event.t1)
            self._view_changed()

    def set_view_center_u(self, u: float) -> None:
        self.state.center_on_u(u)
        self._view_changed()

    # -- document signals --------------------------------------------------------------
    def _on_reset(self) -> None:
        self.era_hovered = self.era_selected = self.state.era_shown = None
        self.cache.records_changed()
        self.state.set_data(self.document.store, keep_range=False)
        self._view_changed()

    def _on_visible_changed(self) -> None:
        state, visible = self.state, self.document.store.visible
        state.set_data(self.document.store, keep_range=True)
        ta, tb = state.time_range()
        # the filter left nothing where the user was looking: show where its events are
        nothing_here = not visible.count_starting(ta, tb)  # (then few overlap: spans)
        if len(visible) and nothing_here and not visible.overlapping(ta, tb):
            state.fit_all()
        self._view_changed()

    def _on_change_applied(self, change: Change) -> None:
        if change.eras is not None and not (change.touches_events or change.actors):
            self.state.set_data(self.document.store, keep_range=True)  # the extent, the scale
            self._view_changed()

    def _on_records_changed(self) -> None:
        self.cache.records_changed()
        self._changed()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.state.resize(self.width())
        self._changed()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
            self._fonts = None
            self.cache.records_changed()  # label widths depend on the font
            self._changed()
        super().changeEvent(event)

    # -- the scene ---------------------------------------------------------------------
    def fonts(self) -> Fonts:
        if self._fonts is None:
            self._fonts = Fonts(self.font(), self)
        return self._fonts

    def scene(self) -> Scene:
        """What the timeline shows now (built when something changed since)."""
        if self._scene is None:
            self._scene = self._build(self.vscroll.value() if self.state.lanes else 0)
            self._fit_scrollbar(self._scene)
            if self.state.lanes and self.vscroll.value() != self._scene_scroll:
                self._scene = self._build(self.vscroll.value())  # the range moved the bar
        return self._scene

    def _build(self, scroll: int) -> Scene:
        self._scene_scroll = scroll
        return build_scene(
            self.document.store,
            self.state,
            float(self.height()),
            self.fonts(),
            current=self.document.current_id,
            cache=self.cache,
            scroll=float(scroll),
            era_hovered=self.era_hovered,
            era_selected=self.era_selected,
        )

    def _fit_scrollbar(self, scene: Scene) -> None:
        top = scene.plot_top
        avail = scene.height - top - 8
        bar = self.vscroll
        bar.blockSignals(True)
        bar.setGeometry(
            int(self.width() - SCROLLBAR_W), int(top), int(SCROLLBAR_W), int(self.height() - top)
        )
        if self.state.lanes and scene.lanes_height > avail + 1:
            lane_h = scene.lanes[0].height if scene.lanes else avail
            bar.setRange(0, int(scene.lanes_height - avail))
            bar.setPageStep(int(avail))
            bar.setSingleStep(int(lane_h))
            bar.show()
        else:
            bar.setValue(0)
            bar.hide()
        bar.blockSignals(False)

    def colors(self) -> Colors:
        return Colors.of(self.palette(), self.document.styles)

    def paintEvent(self, _event: object) -> None:
        scene = self.scene()
        p = QPainter(self)
        paint_scene(p, scene, self.fonts(), self.colors())
        if self.link_from is not None and self._link_to is not None:
            self._paint_link_drag(p, scene)
        if self.hasFocus():
            p.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 1.0))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        p.end()
        self.painted.emit()

    def _paint_link_drag(self, p: QPainter, scene: Scene) -> None:
        """The link being dragged: a line from the event's mark to the pointer, and the
        event under the pointer (a possible other end) outlined."""
        mark = next((m for m in scene.marks if m.event_id == self.link_from), None)
        if mark is None or self._link_to is None:
            return
        start = QPointF(mark.x0, mark.top + mark.height / 2)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2.0)
        pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawLine(start, self._link_to)
        hit = scene.hit(self._link_to.x(), self._link_to.y())
        if hit is not None and hit.event_id not in (None, self.link_from):
            p.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2.0))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(qrect(hit.rect).adjusted(-2, -2, 2, 2), 4, 4)

    # -- what is shown (for tests and accessibility) -----------------------------------
    def painted_event_ids(self) -> list[str]:
        """Ids of events drawn, as markers or inside clusters."""
        return self.scene().event_ids()

    @property
    def painted_mode(self) -> str:
        """ "events", "density" or "empty": what the timeline shows."""
        return self.scene().mode

    def hits(self) -> list[ViewHit]:
        """What can be clicked, in widget coordinates."""
        return [ViewHit(qrect(h.rect), h.event_id, h.cluster_ids) for h in self.scene().hits()]

    def label_rects(self) -> list[QRectF]:
        """Where event labels are drawn."""
        return [qrect(m.label_rect) for m in self.scene().marks]

    # -- input -------------------------------------------------------------------------
    def _hit_at(self, pos: QPointF) -> Hit | None:
        return self.scene().hit(pos.x(), pos.y())

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
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if event.button() == Qt.MouseButton.LeftButton and ctrl:
            hit = self._hit_at(event.position())
            if hit is not None and hit.event_id is not None:  # a link is drawn from here
                self.link_from, self._link_to = hit.event_id, event.position()
                self.setCursor(Qt.CursorShape.DragLinkCursor)
                self.update()
                return
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_x = event.position().x()
            self._drag_moved = False
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.link_from is not None:
            self._link_to = event.position()
            self.update()
            return
        if self._drag_x is None:  # hovering: show what can be clicked
            pos = event.position()
            band = self.scene().era_at(pos.x(), pos.y())
            self._hover_era(band.era_id if band is not None else None)
            hit = band or self._hit_at(pos)
            self.setCursor(Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor)
            return
        dx = event.position().x() - self._drag_x
        if abs(dx) >= 3 or self._drag_moved:
            self._drag_moved = True
            self._drag_x = event.position().x()
            self.pan_pixels(dx)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.unsetCursor()
        if self.link_from is not None:
            source, self.link_from, self._link_to = self.link_from, None, None
            self.update()
            hit = self._hit_at(event.position())
            if hit is not None and hit.event_id is not None and hit.event_id != source:
                self.linkDragged.emit(source, hit.event_id)
            return
        moved = self._drag_moved
        self._drag_x = None
        self._drag_moved = False
        if moved or event.button() != Qt.MouseButton.LeftButton:
            return
        pos = event.position()
        band = self.scene().era_at(pos.x(), pos.y())
        if band is not None:
            self.zoom_to_era(band.era_id)
            return
        hit = self._hit_at(pos)
        if hit is None:
            if self.era_selected is not None and pos.y() > self.scene().plot_top:
                self.let_go_of_era()  # a click on empty time
            return
        if hit.event_id is not None:
            self.document.set_current(hit.event_id)
            self.eventClicked.emit(hit.event_id)
        elif hit.cluster_ids:
            before = self.state.viewport
            self.fit_events(hit.cluster_ids)
            if self.state.viewport.span >= before.span:  # far apart: zoom in there instead
                self.state.viewport = before
                self.zoom_by(2.0, hit.rect.center()[0])

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        pos = event.position()
        hit = self._hit_at(pos)
        if hit is not None and hit.event_id is not None:
            self.eventActivated.emit(hit.event_id)
        elif hit is None and pos.y() > self.scene().plot_top and pos.x() > self.state.gutter:
            self.emptyActivated.emit(self.state.date_at(pos.x()))

    def leaveEvent(self, event: QEvent) -> None:
        self._hover_era(None)
        super().leaveEvent(event)

    # -- eras --------------------------------------------------------------------------
    def _hover_era(self, era_id: str | None) -> None:
        if era_id != self.era_hovered:
            self.era_hovered = era_id
            self._changed()

    def zoom_to_era(self, era_id: str) -> None:
        """Select the era (it stays tinted) and show its whole period."""
        era = next((e for e in self.document.timeline.eras if e.id == era_id), None)
        if era is None:
            return
        store = self.document.store
        last = store.index.extent()
        t0, t1 = era_interval(era, last[1] if last else None)
        self.era_selected = era_id
        self.state.era_shown = (t0, t1)  # at its length, however empty of events
        self.state.set_data(store, keep_range=True)
        self.fit_range(t0, t1)
        self.eraClicked.emit(era_id)

    def let_go_of_era(self) -> None:
        """No era selected: its time is compressed again where it is empty."""
        if self.era_selected is None and self.state.era_shown is None:
            return
        self.era_selected = None
        self.state.era_shown = None
        self.state.set_data(self.document.store, keep_range=True)
        self._view_changed()

    def _era_tooltip(self, era_id: str) -> str | None:
        timeline = self.document.timeline
        era = next((e for e in timeline.eras if e.id == era_id), None)
        if era is None:
            return None
        if era.end is None:
            when = f"from {era.start.words()}, ongoing"
        else:
            when = span_words(era.start, era_end(era, None))
        lines = [f"<b>{escape_html(clipped(era.name, 200))}</b>", escape_html(when)]
        if era.notes:
            lines.append(f"<i>{escape_html(clipped(era.notes, 300))}</i>")
        lines.append("Click to zoom to this era")
        return f"<p>{'<br>'.join(lines)}</p>"

    def tooltip_at(self, pos: QPointF) -> str | None:
        """The tooltip for what is under ``pos``: title and date in words (escaped)."""
        band = self.scene().era_at(pos.x(), pos.y())
        if band is not None:
            return self._era_tooltip(band.era_id)
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
        """The event's title, its date in words, its status unless simply reported, and its
        support (what its badge says)."""
        status = "" if ev.status is Status.REPORTED else f" — {ev.status.value}"
        lines = [f"<b>{escape_html(ev.title)}</b>", escape_html(ev.date_words() + status)]
        store = self.document.store
        q = store.position_of(ev.id)
        if self.state.badges and q is not None:
            lines.append(escape_html(store.evidence().support_at(q).words.capitalize()))
        return f"<p>{'<br>'.join(lines)}</p>"

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape and self.link_from is not None:  # the new link dropped
            self.link_from = self._link_to = None
            self.unsetCursor()
            self.update()
            return
        if event.modifiers() & Qt.KeyboardModifier.AltModifier:
            super().keyPressEvent(event)
            return
        if key == Qt.Key.Key_Left:
            self.pan_pixels(self.state.plot_width * PAN_FRACTION)
        elif key == Qt.Key.Key_Right:
            self.pan_pixels(-self.state.plot_width * PAN_FRACTION)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(WHEEL_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1 / WHEEL_STEP)
        else:
            super().keyPressEvent(event)
