"""Exporting what the timeline shows: PNG (1×, 2× or a chosen width), SVG (vector, text as
text) and PDF (vector, page-sized, with title, active filters and source attribution).

The timeline is the scene of the view on screen at the output's width (the same view
state: time range, compression, lanes, filters), painted on white with no selection, so
exporting works headless (``timeline-app FILE --export out.pdf``) exactly as from the menu.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, Qt
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
from ..core.scene import MAX_LABEL_W
from ..core.scene_build import build_scene
from .timeline_painter import Colors, Fonts, paint_scene
from .timeline_view import TimelineView

FORMATS = (".png", ".svg", ".pdf")
DEFAULT_HEIGHT_RATIO = 0.5


def paint_view(view: TimelineView, painter: QPainter, width: int, height: int) -> None:
    """The timeline as ``view`` shows it, ``width`` by ``height`` at the painter's origin:
    on white, full titles, no selection."""
    state = view.state.sized(width)
    # the sizes of the screen, in pixels of the layout, whatever the device's resolution
    font = QFont(view.font())
    font.setPixelSize(max(1, round(QFontInfo(view.font()).pixelSize())))
    fonts = Fonts(font, painter.device())
    scene = build_scene(
        view.document.store,
        state,
        float(height),
        fonts,
        max_label_width=max(MAX_LABEL_W, width * 0.3),  # print full titles
    )
    doc = view.document
    palette = QApplication.style().standardPalette()  # paper is white, also in dark mode
    colors = Colors.of(palette, lambda actor_id: doc.colors.get(actor_id, "#777777"))
    paint_scene(painter, scene, fonts, colors)


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
    height = max(120, int(width * area.height() / area.width()))
    factor = area.width() / width
    painter.save()
    painter.translate(area.topLeft())
    painter.scale(factor, factor)
    painter.setClipRect(QRectF(0, 0, width, height))
    paint_view(view, painter, width, height)
    painter.restore()


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
