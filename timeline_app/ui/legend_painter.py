"""Painting the legend's lines (:mod:`timeline_app.core.legend`) with a ``QPainter``: in the
window's legend bar and under every export, the same swatches and words."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF

from ..core.legend import SWATCH, LegendEntry, swatch_room
from ..core.scene import BADGE_R, MARKER_R
from .timeline_painter import marker, paint_badge

Lines = list[list[tuple[float, LegendEntry]]]


def paint_legend(
    painter: QPainter,
    lines: Lines,
    left: float,
    top: float,
    line_h: float,
    scale: float,
    text: QColor,
    base: QColor,
) -> None:
    """``lines`` from (left, top), one every ``line_h``, swatches and gaps ``scale`` times
    their size in :mod:`~timeline_app.core.legend`, in the painter's font: each entry's
    swatch (an actor's colour and marker shape, the hollow look of an event not simply
    reported, a support badge in ``text`` colour on ``base``) and its words."""
    ascent = painter.fontMetrics().ascent()
    k = scale
    for n, line in enumerate(lines):
        mid = top + line_h * n + line_h / 2
        for x, entry in line:
            sx = left + x * k
            centre = QPointF(sx + SWATCH * k / 2, mid)
            if entry.kind == "heading":
                pass
            elif entry.kind == "link":  # an arrow, as the timeline draws a link's
                pen = QPen(text, 1.3)
                if entry.hollow:
                    pen.setDashPattern([3.0, 2.0])
                painter.setPen(pen)
                w = 2 * SWATCH * k
                painter.drawLine(QPointF(sx, mid), QPointF(sx + w - 2, mid))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(text)
                head = 3.5 * k
                back = sx + w - head * 1.6
                tip = QPointF(sx + w, mid)
                wings = [QPointF(back, mid - head), QPointF(back, mid + head)]
                painter.drawPolygon(QPolygonF([tip, *wings]))
            elif entry.support is not None:
                paint_badge(painter, entry.support, centre, BADGE_R / MARKER_R * SWATCH * k / 2.4,
                            text, base)  # fmt: skip
            else:
                color = QColor(entry.color or "#8a8a8a")
                painter.setPen(QPen(color.darker(130), 1.0))
                painter.setBrush(Qt.BrushStyle.NoBrush if entry.hollow else QBrush(color))
                painter.drawPath(marker(entry.shape, centre, SWATCH * k / 2.4))
            painter.setPen(text)
            painter.drawText(QPointF(sx + swatch_room(entry) * k, mid + ascent / 2 - 1),
                             entry.label)  # fmt: skip
