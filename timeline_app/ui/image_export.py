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
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication

from ..core.atomic import atomic_write
from ..core.export_formats import PDF, PNG, SVG, ExportFormat, format_of
from ..core.filters import FilterState
from ..core.legend import legend_entries, legend_lines
from ..core.model import Timeline
from ..core.problems import shown
from ..core.scene import AXIS_H, ROW_H, Scene, TextStyle
from ..core.scene_build import build_scene
from .app import application
from .document import Document
from .legend_painter import paint_legend
from .timeline_painter import Colors, Fonts, paint_scene
from .timeline_view import TimelineView

DEFAULT_HEIGHT_RATIO = 0.5  # of the view made for a command-line export
WIDTH_MIN, WIDTH_MAX = 100, 20_000


EXPORT_ROWS = 30  # rows an exported view may take before its events cluster
PDF_DPI = 144
PDF_MIN_PT = 8.5  # the smallest text on a PDF page, in points (a little over 8)
PDF_MIN_WIDTH = 700  # pixels: a page never lays the timeline out narrower


def _view_font(view: TimelineView) -> QFont:
    """The view's font at its size on screen, in pixels of the layout."""
    font = QFont(view.font())
    font.setPixelSize(max(1, round(QFontInfo(view.font()).pixelSize())))
    return font


def view_scene(view: TimelineView, width: int, height: float, device: QPaintDevice | None) -> Scene:
    """The scene of ``view`` at ``width`` by ``height``: full titles, no selection."""
    return build_scene(
        view.document.store,
        view.state.sized(width),
        float(height),
        Fonts(_view_font(view), device),
    )


def used_height(view: TimelineView, width: int) -> float:
    """How tall the view's part of an export is: the axis and the rows its events take
    (up to EXPORT_ROWS; lanes as tall as theirs), or room for density bars or a message."""
    scene = view_scene(view, width, AXIS_H + 8 + ROW_H * EXPORT_ROWS, None)
    top = scene.plot_top  # under the eras' strip and the axis
    if scene.era_h:  # the rows the strip took from the events, given back
        scene = view_scene(view, width, top + 8 + ROW_H * EXPORT_ROWS, None)
    if scene.mode == "density" or scene.message:
        return float(top + 8 + ROW_H * 6)
    if view.state.lanes:
        return top + 8 + scene.lanes_height
    bottoms = [m.top + m.height for m in scene.marks] + [p.rect.bottom for p in scene.pills]
    # (a lane is its rows and 4 px, below the 4 px under the axis and above 4 px of margin)
    return max(bottoms, default=top + ROW_H) + 12


def paint_view(view: TimelineView, painter: QPainter, width: int, height: float) -> None:
    """The timeline as ``view`` shows it, ``width`` by ``height`` at the painter's origin:
    on white, full titles, no selection."""
    scene = view_scene(view, width, height, painter.device())
    font = _view_font(view)
    palette = QApplication.style().standardPalette()  # paper is white, also in dark mode
    paint_scene(
        painter, scene, Fonts(font, painter.device()), Colors.of(palette, view.document.styles)
    )


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


class _Frame:
    """What frames an exported view, measured for a page ``width`` wide (the painter's
    units): the title, the legend in lines and the footer, with their heights."""

    def __init__(self, view: TimelineView, width: float, device: QPaintDevice | None) -> None:
        self.title_font = QFont()
        self.title_font.setPointSizeF(14)
        self.title_font.setBold(True)
        self.legend_font = QFont()
        self.legend_font.setPointSizeF(9)
        self.footer_font = QFont()
        self.footer_font.setPointSizeF(8)

        def metrics(font: QFont) -> QFontMetricsF:
            return QFontMetricsF(font, device) if device else QFontMetricsF(font)

        title, legend, footer = (
            metrics(f) for f in (self.title_font, self.legend_font, self.footer_font)
        )
        self.title_h = title.height() * 1.5
        self.scale = legend.height() / 14.0  # swatches and gaps grow with the text
        self.line_h = legend.height() * 1.4
        doc = view.document
        entries = legend_entries(
            doc.store, doc.styles, lanes=view.state.lanes, badges=view.state.badges
        )
        self.lines = legend_lines(
            entries, (width - 16) / self.scale, lambda t: legend.horizontalAdvance(t) / self.scale
        )
        self.legend_h = self.line_h * len(self.lines) + (self.line_h * 0.3 if self.lines else 0)
        self.footer = footer_text(view)
        # as tall as its lines wrapped to the page (five sources' credits take several)
        wrapped = footer.boundingRect(
            QRectF(0, 0, max(width - 16, 1), 1e6),
            int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap),
            self.footer,
        )
        self.footer_h = max(wrapped.height(), footer.height()) + footer.height() * 0.8

    @property
    def around(self) -> float:
        return self.title_h + self.legend_h + self.footer_h


def image_height(view: TimelineView, width: int) -> int:
    """A PNG's or SVG's height: title, the view as tall as its rows, legend and footer (at
    least 240 px)."""
    return max(240, round(_Frame(view, width, None).around + used_height(view, width)))


def png_bytes(view: TimelineView, width: int, scale: float = 1.0) -> bytes:
    height = image_height(view, width)
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
    height = image_height(view, width)
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
    writer.setResolution(PDF_DPI)
    painter = QPainter(writer)
    paint_page(view, painter, width)
    painter.end()
    return bytes(buffer.data().data())


def _buffer() -> QBuffer:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    return buffer


def paint_page(view: TimelineView, painter: QPainter, width: int = 1600) -> None:
    """A printed or PDF page: the framed view over the painter's whole viewport, laid out
    at most ``width`` wide, no wider than keeps its smallest text at PDF_MIN_PT, and as
    narrow (so drawn as large) as lets its rows fill the page."""
    page = QRectF(painter.viewport())
    device = painter.device()
    small = Fonts(_view_font(view)).fonts[TextStyle.SMALL]
    small_px = QFontInfo(small).pixelSize() or 8
    dpi = device.logicalDpiX() if device is not None else PDF_DPI
    factor = PDF_MIN_PT * dpi / 72 / small_px  # page units per pixel of the layout
    widest = min(width, int(page.width() / factor))
    # narrower layouts are drawn larger: the narrowest (down to PDF_MIN_WIDTH) whose rows,
    # scaled to the page's width, still fit its height fills the page with them
    room = page.height() - _Frame(view, page.width(), device).around
    lo, hi = min(PDF_MIN_WIDTH, widest), widest
    while hi - lo > 8:
        mid = (lo + hi) // 2
        if used_height(view, mid) * page.width() / mid <= room:
            hi = mid
        else:
            lo = mid
    paint_framed(view, painter, page, hi, fill=True)


def paint_framed(
    view: TimelineView, painter: QPainter, page: QRectF, width: int, fill: bool = False
) -> None:
    """The timeline's title, the view, its legend, and a footer with the active filters
    and the source attribution, in ``page`` (painter coordinates); the view laid out
    ``width`` pixels wide and scaled to the page's width, as tall as its rows or, with
    ``fill``, as the page leaves.  Every export is framed this way, so an image pasted
    into a report still says what it shows and where it comes from."""
    painter.fillRect(page, QColor("#ffffff"))
    frame = _Frame(view, page.width(), painter.device())
    painter.setFont(frame.title_font)
    painter.setPen(QColor("#000000"))
    painter.drawText(
        QRectF(page.left() + 8, page.top(), page.width() - 16, frame.title_h),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        view.document.timeline.title,
    )
    factor = page.width() / width
    area_h = page.height() - frame.around
    height = area_h / factor if fill else min(used_height(view, width), area_h / factor)
    painter.save()
    painter.translate(page.left(), page.top() + frame.title_h)
    painter.scale(factor, factor)
    painter.setClipRect(QRectF(0, 0, width, height))
    paint_view(view, painter, width, height)
    painter.restore()
    painter.setFont(frame.legend_font)
    black, white = QColor("#000000"), QColor("#ffffff")
    top = page.top() + frame.title_h + height * factor + frame.line_h * 0.3
    paint_legend(
        painter, frame.lines, page.left() + 8, top, frame.line_h, frame.scale, black, white
    )
    painter.setFont(frame.footer_font)
    painter.setPen(QColor("#000000"))
    painter.drawText(
        QRectF(page.left() + 8, page.bottom() - frame.footer_h, page.width() - 16, frame.footer_h),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWordWrap,
        frame.footer,
    )


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
