"""The window's legend, under the timeline: what the looks and badges of the view mean
(:func:`~timeline_app.core.legend.window_key`; the actor list beside the timeline shows
each actor's colour and shape), painted as every export's legend is, wrapped to the
window's width.  It reads no event: a change of events or filter costs it nothing."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QSize
from PySide6.QtGui import QHelpEvent, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..core.legend import LegendEntry, legend_lines, swatch_room, window_key
from ..core.markup import escape_html
from .legend_painter import Lines, paint_legend
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
        self._lines: Lines = []
        self._badges = timeline.state.badges
        self._links = False
        self.setFont(scaled(self.font(), 0.9, 7))  # a key, not content: smaller
        timeline.viewChanged.connect(self._view_changed)
        timeline.document.recordsChanged.connect(self._records_changed)
        timeline.document.reset.connect(self.refresh)
        self.refresh()

    def _records_changed(self) -> None:
        """The first link added, or the last deleted: the arrows' key comes or goes."""
        if bool(self.timeline.document.timeline.links) != self._links:
            self.refresh()

    def _view_changed(self) -> None:
        """Badges shown or not: another key (a zoom or a pan changes nothing)."""
        if self.timeline.state.badges != self._badges:
            self.refresh()

    def refresh(self) -> None:
        self._badges = self.timeline.state.badges
        self._links = bool(self.timeline.document.timeline.links)
        self.entries = window_key(self._badges, self._links)
        self._layout()
        self.setVisible(self.isEnabled())

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
        if event.type() == QEvent.Type.FontChange:
            self._layout()
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
    if entry.kind == "link":
        how = "dashed" if entry.hollow else "solid"
        return f"A {how} arrow from one event to another: {entry.label}"
    if entry.kind == "heading" and entry.label == "Links:":
        return "The arrows between events: why one led to another, and who says so"
    if entry.kind == "heading":
        return "Each event's badge: how well its sources support it"
    return f"Hollow or dashed: {entry.label}"  # the status look
