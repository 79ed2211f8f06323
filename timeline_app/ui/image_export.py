"""Exporting what the timeline shows: PNG (1×, 2× or a chosen width), SVG (vector, text as
text) and PDF (vector, page-sized, with title, active filters and source attribution).

The timeline is the scene of the view on screen at the output's width (the same view
state: time range, compression, lanes, filters), painted on white with no selection, so
exporting works headless (``timeline-app FILE --export out.pdf``) exactly as from the menu.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication

from ..core.atomic import atomic_write
from ..core.export_formats import PDF, PNG, SVG, ExportFormat, format_of
from ..core.filters import FilterState
from ..core.model import Timeline
from ..core.problems import shown
from ..core.scene_build import build_scene
from .app import application
from .document import Document
from .timeline_painter import Colors, Fonts, paint_scene
from .timeline_view import TimelineView

DEFAULT_HEIGHT_RATIO = 0.5
WIDTH_MIN, WIDTH_MAX = 100, 20_000


def paint_view(view: TimelineView, painter: QPainter, width: int, height: int) -> None:
    """The timeline as ``view`` shows it, ``width`` by ``height`` at the painter's origin:
    on white, full titles, no selection."""
    state = view.state.sized(width)
    # the sizes of the screen, in pixels of the layout, whatever the device's resolution
    font = QFont(view.font())
    font.setPixelSize(max(1, round(QFontInfo(view.font()).pixelSize())))
    fonts = Fonts(font, painter.device())
    scene = build_scene(view.document.store, state, float(height), fonts)
    doc = view.document
    palette = QApplication.style().standardPalette()  # paper is white, also in dark mode
    colors = Colors.of(palette, doc.styles)
    paint_scene(painter, scene, fonts, colors)


def footer_text(view: TimelineView) -> str:
    doc = view.document
    parts = []
    if doc.filter.active:
        shown, total = len(doc.store.visible), len(doc.store.index)
        described = doc.filter.describe(doc.timeline, isolate=True)
        parts.append(f"Filtered: {described} ({shown} of {total} events)")
    sources = [s.attribution() for s in doc.timeline.sources if s.attribution()]
    if sources:
        parts.append("Source" + ("s" if len(sources) > 1 else "") + ": " + "; ".join(sources))
    return "\n".join(parts)


def png_bytes(view: TimelineView, width: int, scale: float = 1.0) -> bytes:
    height = max(240, int(width * DEFAULT_HEIGHT_RATIO))
    image = QImage(QSize(int(width * scale), int(height * scale)), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(scale)
    painter = QPainter(image)
    paint_framed(view, painter, QRectF(0, 0, width, height), width)
    painter.end()
    buffer = _buffer()
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # (the stubs say bytes)
        raise OSError("the image could not be encoded as PNG")
    return bytes(buffer.data().data())


def svg_bytes(view: TimelineView, width: int) -> bytes:
    height = max(240, int(width * DEFAULT_HEIGHT_RATIO))
    buffer = _buffer()
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRectF(0, 0, width, height))
    generator.setTitle(view.document.timeline.title)
    generator.setDescription(footer_text(view))
    painter = QPainter(generator)
    paint_framed(view, painter, QRectF(0, 0, width, height), width)
    painter.end()
    svg = bytes(buffer.data().data()).decode("utf-8", "replace")
    # characters XML cannot hold (NUL, most controls) are written as escapes: a title with
    # one still gives an SVG every reader opens
    svg = _NOT_XML.sub(_xml_escape, svg)
    # Qt names the font it used ("Sans Serif", "DejaVu Sans"); the CSS generic family lets a
    # browser without that font show sans-serif text, not its serif default
    svg = re.sub(r'font-family="([^"]*)"', r'font-family="\1, sans-serif"', svg)
    return svg.encode("utf-8")


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_escape(m: re.Match[str]) -> str:
    """A character XML cannot hold, written as its escape ("\\x00", "\\ufffe")."""
    ch = m.group()
    escaped = shown(ch)
    return escaped if escaped != ch else f"\\u{ord(ch):04x}"


def pdf_bytes(view: TimelineView, width: int = 1600) -> bytes:
    buffer = _buffer()
    writer = QPdfWriter(buffer)
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
    return bytes(buffer.data().data())


def _buffer() -> QBuffer:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    return buffer


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
    height = max(120, int(width * area.height() / area.width()))
    factor = area.width() / width
    painter.save()
    painter.translate(area.topLeft())
    painter.scale(factor, factor)
    painter.setClipRect(QRectF(0, 0, width, height))
    paint_view(view, painter, width, height)
    painter.restore()


def export_file(
    view: TimelineView,
    path: Path,
    width: int,
    scale: float = 1.0,
    fmt: ExportFormat | None = None,
) -> None:
    """Write the view to ``path`` in ``fmt`` (by default: the format its name ends in),
    atomically, through a link as ``cp`` does.  Raises ValueError for what cannot be
    exported (the width, the format) and OSError when the file cannot be written."""
    if not WIDTH_MIN <= width <= WIDTH_MAX:  # before anything is sized by it
        raise ValueError(f"the width must be between {WIDTH_MIN} and {WIDTH_MAX:,} pixels")
    fmt = fmt or format_of(path.name)
    if fmt is PNG:
        data = png_bytes(view, width, scale)
    elif fmt is SVG:
        data = svg_bytes(view, width)
    elif fmt is PDF:
        data = pdf_bytes(view, width)
    else:
        raise ValueError(f"{path.name}: a {fmt.label} is not an image of the timeline")
    atomic_write(path, data)


def export_timeline(
    timeline: Timeline,
    source: Path,
    state: FilterState,
    out: Path,
    fmt: ExportFormat,
    width: int,
) -> None:
    """The command line's image ``--export``: the filtered timeline, fitted to the events
    it shows, on an unseen view (no window)."""
    application()
    document = Document()
    document.load(timeline, source, state)
    view = TimelineView(document)
    view.resize(width, max(240, int(width * DEFAULT_HEIGHT_RATIO)))
    view.fit_all()
    export_file(view, out, width, fmt=fmt)
