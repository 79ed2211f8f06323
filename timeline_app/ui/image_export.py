"""Exporting what the timeline shows: PNG (1×, 2× or a chosen width), SVG (vector, text as
text) and PDF (vector, page-sized, with title, active filters and source attribution).

The timeline is drawn by a fresh, never-shown :class:`TimelineView` sized for the output,
showing the same time range, filters and lanes as the view on screen, so exporting works
headless (``timeline-app FILE --export out.pdf``) exactly as from the menu.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication

from ..core.atomic import atomic_write
from .timeline_view import TimelineView

FORMATS = (".png", ".svg", ".pdf")
DEFAULT_HEIGHT_RATIO = 0.5


def _twin(view: TimelineView, width: int, height: int) -> TimelineView:
    """A hidden copy of ``view`` at another size, showing the same time range."""
    twin = TimelineView(view.document)
    twin.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    twin.compress = view.compress
    twin.lanes = view.lanes
    twin.scale = view.scale
    twin.max_label_width = max(view.max_label_width, width * 0.3)  # print full titles
    twin.show_selection = False
    twin.setPalette(QApplication.style().standardPalette())  # paper is white, also in dark mode
    twin.resize(width, height)
    twin.set_time_range(*view.time_range())
    return twin


def footer_text(view: TimelineView) -> str:
    doc = view.document
    parts = []
    if doc.filter.active:
        shown, total = len(doc.store.visible), len(doc.store.index)
        parts.append(f"Filtered: {doc.filter.describe(doc.timeline)} ({shown} of {total} events)")
    sources = [s.attribution() for s in doc.timeline.sources if s.attribution()]
    if sources:
        parts.append("Source" + ("s" if len(sources) > 1 else "") + ": " + "; ".join(sources))
    return "\n".join(parts)


def export_png(view: TimelineView, path: Path, width: int, scale: float = 1.0) -> None:
    height = max(240, int(width * DEFAULT_HEIGHT_RATIO))
    image = QImage(QSize(int(width * scale), int(height * scale)), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(scale)
    painter = QPainter(image)
    paint_framed(view, painter, QRectF(0, 0, width, height), width)
    painter.end()
    if not image.save(str(path)):  # the suffix is .png
        raise OSError(f"could not write {path}")


def export_svg(view: TimelineView, path: Path, width: int) -> None:
    height = max(240, int(width * DEFAULT_HEIGHT_RATIO))
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRectF(0, 0, width, height))
    generator.setTitle(view.document.timeline.title)
    generator.setDescription(footer_text(view))
    painter = QPainter(generator)
    paint_framed(view, painter, QRectF(0, 0, width, height), width)
    painter.end()
    if not path.exists() or path.stat().st_size == 0:
        raise OSError(f"could not write {path}")
    _add_generic_font_family(path)


def _add_generic_font_family(path: Path) -> None:
    """Qt names the font it used ("Sans Serif", "DejaVu Sans"); add the CSS generic family
    so a browser without that font still shows sans-serif text, not its serif default."""
    svg = path.read_text(encoding="utf-8")
    svg = re.sub(r'font-family="([^"]*)"', r'font-family="\1, sans-serif"', svg)
    atomic_write(path, svg.encode("utf-8"))


def paint_page(view: TimelineView, painter: QPainter, width: int = 1600) -> None:
    """A printed or PDF page: the framed view over the painter's whole viewport."""
    paint_framed(view, painter, QRectF(painter.viewport()), width)


def paint_framed(view: TimelineView, painter: QPainter, page: QRectF, width: int) -> None:
    """The timeline's title, the view, and a footer with the active filters and the source
    attribution, in ``page`` (painter coordinates).  Every export is framed this way, so an
    image pasted into a report still says what it shows and where it comes from."""
    painter.fillRect(page, QColor("#ffffff"))
    title_font = QFont()
    title_font.setPointSizeF(14)
    title_font.setBold(True)
    painter.setFont(title_font)
    painter.setPen(QColor("#000000"))
    title_h = painter.fontMetrics().height() * 1.5
    painter.drawText(
        QRectF(page.left() + 8, page.top(), page.width() - 16, title_h),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        view.document.timeline.title,
    )
    small = QFont()
    small.setPointSizeF(8)
    painter.setFont(small)
    footer = footer_text(view)
    lines = max(1, footer.count("\n") + 1)
    footer_h = painter.fontMetrics().height() * (lines + 0.8)
    painter.drawText(
        QRectF(page.left() + 8, page.bottom() - footer_h, page.width() - 16, footer_h),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWordWrap,
        footer,
    )
    area = QRectF(
        page.left(), page.top() + title_h, page.width(), page.height() - title_h - footer_h
    )
    twin_h = max(120, int(width * area.height() / area.width()))
    twin = _twin(view, width, twin_h)
    factor = area.width() / width
    painter.save()
    painter.translate(area.topLeft())
    painter.scale(factor, factor)
    twin.render(painter, QPoint(0, 0))
    painter.restore()
    twin.deleteLater()


def export_pdf(view: TimelineView, path: Path, width: int = 1600) -> None:
    writer = QPdfWriter(str(path))
    writer.setTitle(view.document.timeline.title)
    writer.setCreator("timeline-app")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(12, 12, 12, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(144)
    painter = QPainter(writer)
    paint_page(view, painter, width)
    painter.end()
    if not path.exists() or path.stat().st_size == 0:
        raise OSError(f"could not write {path}")


def export_file(view: TimelineView, path: Path, width: int, scale: float = 1.0) -> None:
    """Write the view to ``path``; the format comes from the suffix."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{path.name}: export writes .png, .svg or .pdf")
    if width < 100 or width > 20000:
        raise ValueError("the width must be between 100 and 20,000 pixels")
    if suffix == ".png":
        export_png(view, path, width, scale)
    elif suffix == ".svg":
        export_svg(view, path, width)
    else:
        export_pdf(view, path, width)


def export_view(window: object, path: Path, width: int) -> None:
    """The command line's ``--export``: the window's timeline, fitted to what it shows."""
    view = window.timeline  # type: ignore[attr-defined]
    assert isinstance(view, TimelineView)
    view.resize(width, max(240, int(width * DEFAULT_HEIGHT_RATIO)))
    view.fit_all()
    export_file(view, path, width)
