"""The window's legend, under the timeline: what each colour, shape, look and badge of the
view means, the same entries as under every export (:mod:`timeline_app.core.legend`),
wrapped to the window's width.  Worked out again after the events, the filter or the view's
grouping change, in short steps (:class:`~timeline_app.core.legend.LegendScan`), never
during a zoom or a pan."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QSize, QTimer
from PySide6.QtGui import QHelpEvent, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..core.legend import LegendEntry, LegendScan, legend_lines, swatch_room
from ..core.markup import escape_html
from .legend_painter import Lines, paint_legend
from .theme import is_dark
from .timeline_painter import scaled
from .timeline_view import TimelineView

PAD = 6.0  # around the lines


class LegendBar(QWidget):
    def __init__(self, timeline: TimelineView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        self.setAccessibleName("Legend")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.timeline = timeline
        self.entries: list[LegendEntry] = []
        self._scan: LegendScan | None = None
        self._lines: Lines = []
        self._asked: tuple[bool, bool] = (timeline.state.lanes, timeline.state.badges)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        self.setFont(scaled(self.font(), 0.9, 7))  # a key, not content: smaller
        doc = timeline.document
        for signal in (doc.reset, doc.recordsChanged, doc.visibleChanged):
            signal.connect(self._timer.start)
        timeline.viewChanged.connect(self._view_changed)
        self.refresh()

    def _view_changed(self) -> None:
        """Grouped by actor or not, badges or not: other entries (a zoom changes none)."""
        state = self.timeline.state
        if (state.lanes, state.badges) != self._asked:
            self._timer.start()

    @property
    def busy(self) -> bool:
        """Still reading the shown events (the entries are those of before)."""
        return self._scan is not None

    def refresh(self) -> None:
        """Read the shown events again, a step per event-loop turn (about 12 ms each)."""
        state = self.timeline.state
        self._asked = (state.lanes, state.badges)
        if not self.isEnabled():  # switched off: nothing to read
            self._scan = None
            self.setVisible(False)
            return
        self._scan = LegendScan(self.timeline.document.store, state.lanes)
        self._step()

    def _step(self) -> None:
        scan = self._scan
        if scan is None:
            return
        if not scan.step():
            QTimer.singleShot(0, self._step)
            return
        self._scan = None
        doc, state = self.timeline.document, self.timeline.state
        self.entries = scan.entries(doc.styles, is_dark(self.palette()), state.badges)
        self._layout()
        self.setVisible(bool(self.entries))

    def _layout(self) -> None:
        metrics = self.fontMetrics()
        lines = legend_lines(self.entries, self.width() - 2 * PAD, metrics.horizontalAdvance)
        grew = len(lines) != len(self._lines)
        self._lines = lines
        if grew:
            self.updateGeometry()
        self.update()

    def _line_h(self) -> float:
        return self.fontMetrics().height() * 1.25

    def sizeHint(self) -> QSize:
        return QSize(600, round(self._line_h() * max(1, len(self._lines)) + PAD))

    def minimumSizeHint(self) -> QSize:
        return QSize(100, round(self._line_h() + PAD))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._layout()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._timer.start()  # an actor's colour for the other background
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Window))
        text, base = pal.color(QPalette.ColorRole.WindowText), pal.color(QPalette.ColorRole.Window)
        paint_legend(p, self._lines, PAD, PAD / 2, self._line_h(), 1.0, text, base)
        p.end()

    def entry_at(self, pos: QPointF) -> LegendEntry | None:
        """The entry (swatch or words) under ``pos``."""
        n = int((pos.y() - PAD / 2) // self._line_h())
        if not 0 <= n < len(self._lines) or pos.y() < PAD / 2:
            return None
        advance = self.fontMetrics().horizontalAdvance
        for x, entry in self._lines[n]:
            left = PAD + x
            if left <= pos.x() <= left + swatch_room(entry) + advance(entry.label):
                return entry
        return None

    def event(self, e: QEvent) -> bool:
        if isinstance(e, QHelpEvent) and e.type() == QEvent.Type.ToolTip:
            entry = self.entry_at(QPointF(e.pos()))
            if entry is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(e.globalPos(), f"<p>{escape_html(entry_words(entry))}</p>", self)
            return True
        return super().event(e)


def entry_words(entry: LegendEntry) -> str:
    """What an entry means, in a sentence (its tooltip)."""
    if entry.support is not None:
        return f"Badge: {entry.support.words}"
    if entry.kind == "heading":
        return "Each event's badge: how well its sources support it"
    if entry.kind == "status":
        return f"Hollow or dashed: {entry.label}"
    if entry.kind == "no actor":
        return "Events that name no actor"
    return f"Events whose first actor is {entry.label}"
