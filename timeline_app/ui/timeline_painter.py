"""Painting a timeline :class:`~timeline_app.core.scene.Scene` with a ``QPainter``: on the
widget, into an image, an SVG, a PDF or a printer.  It places nothing itself; it only
chooses colours (from a palette and the actors' colours) and draws what the scene says."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPaintDevice,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
)

from ..core.evidence import Support
from ..core.palette import SHAPES, ActorStyle
from ..core.scene import AXIS_H, BADGE_R, MARKER_R, EraBand, Rect, Scene, TextStyle


def qrect(r: Rect) -> QRectF:
    return QRectF(r.x, r.y, r.w, r.h)


def scaled(font: QFont, factor: float, smallest: float = 1.0) -> QFont:
    """``font`` made ``factor`` times as big (at least ``smallest`` points or pixels),
    sized in the unit it is sized in: pixels for exports, points on screen."""
    out = QFont(font)
    if font.pixelSize() > 0:
        out.setPixelSize(max(round(smallest), round(font.pixelSize() * factor)))
    else:
        out.setPointSizeF(max(smallest, font.pointSizeF() * factor))
    return out


class Fonts:
    """The three text styles of a timeline, and the :class:`~timeline_app.core.scene.Measure`
    the scene is built with (on the device it will be painted on)."""

    def __init__(self, base: QFont, device: QPaintDevice | None = None) -> None:
        bold = QFont(base)
        bold.setBold(True)
        small = scaled(base, 0.9, smallest=8 if base.pixelSize() > 0 else 7)
        self.fonts = {TextStyle.LABEL: QFont(base), TextStyle.BOLD: bold, TextStyle.SMALL: small}
        self._metrics = {
            style: QFontMetricsF(font, device) if device is not None else QFontMetricsF(font)
            for style, font in self.fonts.items()
        }

    def width(self, text: str, style: TextStyle) -> float:
        return self._metrics[style].horizontalAdvance(text)

    def elide(self, text: str, style: TextStyle, width: float) -> str:
        return self._metrics[style].elidedText(text, Qt.TextElideMode.ElideRight, width)

    def ascent(self, style: TextStyle) -> float:
        return self._metrics[style].ascent()

    def height(self, style: TextStyle) -> float:
        return self._metrics[style].height()


@dataclass
class Colors:
    base: QColor
    text: QColor
    muted: QColor
    alt: QColor
    highlight: QColor
    button: QColor
    mid: QColor
    actor: Callable[[str | None], QColor]  # an actor's colour; None: events without actors
    shape: Callable[[str | None], str]  # an actor's marker shape (palette.SHAPES)

    @classmethod
    def of(cls, palette: QPalette, styles: Mapping[str, ActorStyle]) -> Colors:
        """From a palette: the actors' colours for its background (the dark palette's on a
        dark one; a file's own colour lightened there if it is dark)."""
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        cache: dict[str | None, QColor] = {}

        def actor(actor_id: str | None) -> QColor:
            c = cache.get(actor_id)
            if c is None:
                style = styles.get(actor_id) if actor_id else None
                c = QColor(muted) if style is None else QColor(style.color(dark))
                if style and style.light == style.dark and dark and c.lightness() < 90:
                    c = c.lighter(220)
                cache[actor_id] = c
            return c

        def shape(actor_id: str | None) -> str:
            style = styles.get(actor_id) if actor_id else None
            return style.shape if style else SHAPES[0]

        role = QPalette.ColorRole
        return cls(
            palette.color(role.Base), palette.color(role.Text), muted,
            palette.color(role.AlternateBase), palette.color(role.Highlight),
            palette.color(role.Button), palette.color(role.Mid), actor, shape,
        )  # fmt: skip


def marker(shape: str, centre: QPointF, r: float) -> QPainterPath:
    """The outline of a point marker: a circle, a square, a triangle or a diamond of about
    the same area, centred on ``centre``."""
    path = QPainterPath()
    x, y = centre.x(), centre.y()
    if shape == "square":
        s = r * 0.9
        path.addRect(QRectF(x - s, y - s, 2 * s, 2 * s))
    elif shape == "triangle":
        s = r * 1.25
        path.addPolygon(QPolygonF([QPointF(x, y - s), QPointF(x + s, y + s * 0.8),
                                   QPointF(x - s, y + s * 0.8), QPointF(x, y - s)]))  # fmt: skip
    elif shape == "diamond":
        s = r * 1.25
        path.addPolygon(QPolygonF([QPointF(x, y - s), QPointF(x + s, y), QPointF(x, y + s),
                                   QPointF(x - s, y), QPointF(x, y - s)]))  # fmt: skip
    else:
        path.addEllipse(centre, r, r)
    return path


def paint_badge(
    p: QPainter, support: Support, centre: QPointF, r: float, color: QColor, base: QColor
) -> None:
    """An event's support: a small rounded chip (a shape no marker has) tinted from
    ``color``, the text's colour, over ``base``, the background, with a glyph in strokes
    of ``color`` (never an actor's colour, and no filled or hollow disc: fill keeps
    meaning status, shape and colour actor): a tick when corroborated, a "1" on a single
    source, a "!" in a triangle when contested, a "?" with no source."""
    x, y = centre.x(), centre.y()
    chip = r * 1.3
    p.save()
    p.setPen(QPen(flat(color, 80, base), 1.0))
    p.setBrush(flat(color, 22, base))
    p.drawRoundedRect(QRectF(x - chip, y - chip, 2 * chip, 2 * chip), chip / 2.5, chip / 2.5)
    p.restore()
    r *= 0.72  # the glyph inside
    pen = QPen(color, max(1.1, r / 2.4))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.save()
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    path = QPainterPath()
    if support is Support.CORROBORATED:  # a tick
        path.moveTo(x - r * 0.9, y + r * 0.05)
        path.lineTo(x - r * 0.25, y + r * 0.75)
        path.lineTo(x + r * 0.95, y - r * 0.8)
    elif support is Support.SINGLE:  # a "1": a flag and a stem on a foot
        path.moveTo(x - r * 0.45, y - r * 0.45)
        path.lineTo(x + r * 0.1, y - r * 0.9)
        path.lineTo(x + r * 0.1, y + r * 0.9)
        path.moveTo(x - r * 0.4, y + r * 0.9)
        path.lineTo(x + r * 0.6, y + r * 0.9)
    elif support is Support.CONTESTED:  # an outlined triangle with "!"
        s = r * 1.2
        path.moveTo(x, y - s)
        path.lineTo(x + s, y + s * 0.85)
        path.lineTo(x - s, y + s * 0.85)
        path.closeSubpath()
        path.moveTo(x, y - s * 0.35)
        path.lineTo(x, y + s * 0.2)
        path.moveTo(x, y + s * 0.52)
        path.lineTo(x, y + s * 0.53)
    else:  # no source: a "?"
        path.moveTo(x - r * 0.55, y - r * 0.45)
        path.cubicTo(x - r * 0.55, y - r * 1.05, x + r * 0.6, y - r * 1.05, x + r * 0.6,
                     y - r * 0.45)  # fmt: skip
        path.cubicTo(x + r * 0.6, y - r * 0.05, x, y - r * 0.05, x, y + r * 0.35)
        path.moveTo(x, y + r * 0.85)
        path.lineTo(x, y + r * 0.86)
    p.drawPath(path)
    p.restore()


def flat(color: QColor, alpha: int, base: QColor) -> QColor:
    """``color`` at ``alpha`` (0-255) over ``base``, as one opaque colour.  The raster
    engine fills an opaque rectangle in one pass, where a translucent one costs a span per
    row: a 1-px line down a 700-px timeline takes 240 µs translucent, 9 µs opaque, and a
    view can draw hundreds of them."""
    a = alpha / 255

    def mix(x: int, y: int) -> int:
        return round(a * x + (1 - a) * y)

    red, green, blue = color.red(), color.green(), color.blue()
    return QColor(mix(red, base.red()), mix(green, base.green()), mix(blue, base.blue()))


def paint_scene(p: QPainter, scene: Scene, fonts: Fonts, colors: Colors) -> None:
    """Draw ``scene`` at (0, 0), ``scene.width`` by ``scene.height``."""
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.fillRect(QRectF(0, 0, scene.width, scene.height), colors.base)
    top = scene.plot_top
    if scene.tint is not None:  # behind everything: the era hovered or selected
        r = scene.tint.rect
        p.fillRect(QRectF(r.x, top, r.w, scene.height - top), _era_color(scene.tint, 34))
    if scene.lanes:  # there are events: breaks and axis
        _breaks(p, scene, colors)
        _axis(p, scene, fonts, colors)
    _eras(p, scene, fonts, colors)
    if scene.message:
        p.setPen(colors.muted)
        font = scaled(fonts.fonts[TextStyle.LABEL], 1.15)
        p.setFont(font)
        area = QRectF(20, top, scene.width - 40, scene.height - top - 10)
        p.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, scene.message)
        return
    p.save()
    p.setClipRect(QRectF(scene.gutter, top, scene.plot_width, scene.height - top))
    by_color: dict[str | None, list[QRectF]] = {}  # one call per colour, not per bar
    for bar in scene.bars:
        by_color.setdefault(bar.actor, []).append(qrect(bar.rect))
    p.setPen(Qt.PenStyle.NoPen)
    for actor, rects in by_color.items():
        p.setBrush(colors.highlight if actor is None else colors.actor(actor))
        p.drawRects(rects)
    _arrows(p, scene, fonts, colors)  # under the marks and their labels
    _marks(p, scene, fonts, colors)
    _pills(p, scene, fonts, colors)
    if scene.note is not None and scene.note_rect is not None:
        bg = QColor(colors.base)
        bg.setAlpha(220)
        p.fillRect(qrect(scene.note_rect), bg)
        p.setPen(colors.text)
        p.setFont(fonts.fonts[TextStyle.SMALL])
        p.drawText(QPointF(scene.note.x, scene.note.baseline), scene.note.text)
    p.restore()
    if scene.gutter:
        _lane_names(p, scene, fonts, colors)


def _breaks(p: QPainter, scene: Scene, colors: Colors) -> None:
    """Each break: a shaded strip with a zig-zag down its middle; a break narrower than a
    few pixels is one thin line.  No anti-aliasing, opaque fills (drawn on the plain
    background), one zig-zag path for all of them: a filtered view can have a hundred
    breaks."""
    faint = flat(colors.muted, 150, colors.base)
    shade = flat(colors.alt, 160, colors.base)
    h = scene.height
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    p.setPen(QPen(faint, 1.0))
    for x in scene.thin_breaks:  # a 1-px rectangle: the fast path of the raster engine
        p.fillRect(QRectF(x, 0, 1, h), faint)
    for x0, x1 in scene.wide_breaks:
        p.fillRect(QRectF(x0, 0, x1 - x0, h), shade)
    if scene.wide_breaks:
        zigzag = _zigzag(h)
        for x0, x1 in scene.wide_breaks:
            p.drawPath(zigzag.translated(round((x0 + x1) / 2), 0))
    p.restore()


_ZIGZAGS: dict[float, QPainterPath] = {}


def _zigzag(height: float) -> QPainterPath:
    path = _ZIGZAGS.get(height)
    if path is None:
        path = QPainterPath(QPointF(0, 0))
        y, k = 0.0, 0
        while y < height:
            y += 6.0
            path.lineTo(3.0 if k % 2 == 0 else -3.0, y)
            k += 1
        if len(_ZIGZAGS) > 8:
            _ZIGZAGS.clear()
        _ZIGZAGS[height] = path
    return path


# the eras' colours when the file gives none: muted hues that read on light and dark
ERA_COLORS = ("#5b7fa6", "#a6835b", "#6f9a6a", "#8e6aa0", "#a0656a", "#5f9a98")


def era_color(color: str, index: int, alpha: int = 255) -> QColor:
    """An era's colour: the file's ``color``, else one of :data:`ERA_COLORS` by its
    ``index`` in the file."""
    out = QColor(color) if color else QColor()
    if not out.isValid():
        out = QColor(ERA_COLORS[index % len(ERA_COLORS)])
    out.setAlpha(alpha)
    return out


def _era_color(band: EraBand, alpha: int = 255) -> QColor:
    return era_color(band.color, band.index, alpha)


def _eras(p: QPainter, scene: Scene, fonts: Fonts, colors: Colors) -> None:
    """The strip above the axis: each era a tinted band with its name; the hovered one
    deeper, the selected one outlined."""
    if not scene.eras:
        return
    p.save()
    p.setClipRect(QRectF(scene.gutter, 0, scene.plot_width, scene.era_h))
    p.fillRect(QRectF(scene.gutter, 0, scene.plot_width, scene.era_h), colors.base)
    p.setFont(fonts.fonts[TextStyle.SMALL])
    for band in scene.eras:
        rect = qrect(band.rect)
        fill = _era_color(band, 130 if band.focus == "hovered" else 80)
        line = _era_color(band)
        width = 2.0 if band.focus == "selected" else 1.0
        p.setPen(QPen(colors.text if band.focus == "selected" else line, width))
        p.setBrush(fill)
        p.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
        if band.ongoing:  # still going on: a chevron at its (provisional) end
            x, mid, h = rect.right() - 1.5, rect.center().y(), rect.height() / 2 - 3
            p.setPen(QPen(colors.text, 1.3))
            p.drawPolyline(QPolygonF([QPointF(x - 4, mid - h), QPointF(x, mid),
                                      QPointF(x - 4, mid + h)]))  # fmt: skip
        if band.label is not None:
            p.setPen(colors.text)
            p.drawText(QPointF(band.label.x, band.label.baseline), band.label.text)
    p.restore()


def _axis(p: QPainter, scene: Scene, fonts: Fonts, colors: Colors) -> None:
    g, h = scene.gutter, scene.height
    top, bottom = scene.axis_top, scene.plot_top
    grid = flat(colors.muted, 40, colors.base)
    major_top = flat(colors.muted, 90, colors.base)  # above the axis line
    major_grid = flat(colors.muted, 90, grid)  # below: a major tick is a minor one too
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    # vertical lines as opaque 1-px rectangles: the raster engine's fast path (see flat)
    minor = [t for t in scene.minor_ticks if not t.pinned]  # (pinned: a label, no boundary)
    for t in minor:
        p.fillRect(QRectF(round(g + t.x), bottom, 1, h - bottom), grid)
    for t in scene.major_ticks:
        if not t.pinned:  # a pinned label marks no boundary: no line for it
            x = round(g + t.x)
            p.fillRect(QRectF(x, top + 2, 1, AXIS_H - 2), major_top)
            p.fillRect(QRectF(x, bottom, 1, h - bottom), major_grid)
    for t in minor:  # the tick marks last: no line is drawn over them
        p.fillRect(QRectF(round(g + t.x), bottom - 4, 1, 4), colors.muted)
    p.setPen(QPen(colors.muted, 1.0))
    if top:  # the eras' strip, over the breaks' shading
        p.fillRect(QRectF(g, 0, scene.width - g, top), colors.base)
    p.drawLine(QLineF(g, bottom + 0.5, scene.width, bottom + 0.5))
    p.restore()
    p.setPen(colors.text)
    for label in scene.axis_labels:
        p.setFont(fonts.fonts[label.style])
        p.drawText(QPointF(label.x, label.baseline), label.text)


_ARROW_ALPHA = {"selected": 230, "normal": 150, "faded": 55}


def _arrows(p: QPainter, scene: Scene, fonts: Fonts, colors: Colors) -> None:
    """Each link as a curve bowed upwards from one mark to the other, its head at the
    "to" end; dashed when inferred; the selected event's bolder, the others faded."""
    for a in scene.arrows:
        color = QColor(colors.text)
        color.setAlpha(_ARROW_ALPHA.get(a.emphasis, 150))
        pen = QPen(color, 2.0 if a.emphasis == "selected" else 1.3)
        if a.dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        bow = min(40.0, abs(a.x1 - a.x0) / 4 + 10.0)
        # the curve rises about 3/4 of its bow: kept under the axis, not cut by it
        bow = max(3.0, min(bow, (min(a.y0, a.y1) - scene.plot_top - 3) * 4 / 3))
        c1 = QPointF(a.x0 + (a.x1 - a.x0) / 3, min(a.y0, a.y1) - bow)
        c2 = QPointF(a.x0 + 2 * (a.x1 - a.x0) / 3, min(a.y0, a.y1) - bow)
        end = QPointF(a.x1, a.y1)
        path = QPainterPath(QPointF(a.x0, a.y0))
        path.cubicTo(c1, c2, end)
        p.drawPath(path)
        if a.head:  # along the curve's last stretch, short of the marker
            dx, dy = end.x() - c2.x(), end.y() - c2.y()
            length = max((dx * dx + dy * dy) ** 0.5, 1e-6)
            ux, uy = dx / length, dy / length
            tip = QPointF(end.x() - ux * (MARKER_R + 1), end.y() - uy * (MARKER_R + 1))
            size = 7.0 if a.emphasis == "selected" else 6.0
            left = QPointF(tip.x() - ux * size - uy * size / 2, tip.y() - uy * size + ux * size / 2)
            right = QPointF(
                tip.x() - ux * size + uy * size / 2, tip.y() - uy * size - ux * size / 2
            )
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color)
            p.drawPolygon(QPolygonF([tip, left, right]))
        if a.edge_title and a.edge_y:  # the selected event's end out of view, named
            font = fonts.fonts[TextStyle.SMALL]
            p.setFont(font)
            base = QPointF(a.edge_x, a.edge_y)
            box = QFontMetricsF(font).boundingRect(a.edge_title).translated(base)
            p.fillRect(box.adjusted(-2, -1, 2, 1), colors.base)
            p.setPen(colors.text)
            p.drawText(base, a.edge_title)


def _marks(p: QPainter, scene: Scene, fonts: Fonts, colors: Colors) -> None:
    for m in scene.marks:
        color = colors.actor(m.actor)
        width = 2.0 if m.selected else 1.0
        if m.kind == "point":
            mid = m.top + m.height / 2
            p.setPen(QPen(colors.text if m.selected else color.darker(130), width))
            p.setBrush(QBrush(color) if not m.dashed else Qt.BrushStyle.NoBrush)
            p.drawPath(marker(colors.shape(m.actor), QPointF(m.x0, mid), MARKER_R))
        else:
            fill = QColor(color)
            fill.setAlpha(60 if m.kind == "band" else 200)
            pen = QPen(colors.text if m.selected else color, width)
            if m.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.setBrush(fill)
            if m.kind == "band":
                p.drawRoundedRect(QRectF(m.x0, m.top, max(m.x1 - m.x0, 3.0), m.height), 3, 3)
            else:
                mid = m.top + m.height / 2
                bar = QRectF(m.x0, mid + 2, max(m.x1 - m.x0, 3.0), m.height / 2 - 2)
                p.drawRoundedRect(bar, 2, 2)
        if m.support is not None:
            paint_badge(p, m.support, QPointF(*m.badge), BADGE_R, colors.text, colors.base)
        p.setPen(colors.text)
        p.setFont(fonts.fonts[m.label.style])
        p.drawText(QPointF(m.label.x, m.label.baseline), m.label.text)


def _pills(p: QPainter, scene: Scene, fonts: Fonts, colors: Colors) -> None:
    for pill in scene.pills:
        rect = qrect(pill.rect)
        p.setPen(QPen(colors.text, 2.0) if pill.selected else QPen(colors.mid, 1.0))
        p.setBrush(colors.button)
        p.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        for x, actor in pill.ticks:
            p.fillRect(QRectF(x - 1, rect.bottom() - 4, 2, 3), colors.actor(actor))
        p.setPen(colors.text)
        p.setFont(fonts.fonts[TextStyle.SMALL])
        p.drawText(rect.adjusted(0, -2, 0, 0), Qt.AlignmentFlag.AlignCenter, pill.label)


def _lane_names(p: QPainter, scene: Scene, fonts: Fonts, colors: Colors) -> None:
    top = scene.plot_top
    p.fillRect(QRectF(0, top, scene.gutter, scene.height - top), colors.alt)
    p.setFont(fonts.fonts[TextStyle.LABEL])
    ascent = fonts.ascent(TextStyle.LABEL)
    p.save()
    p.setClipRect(QRectF(0, top, scene.width, scene.height - top))
    for i, lane in enumerate(scene.lanes):
        if i:
            p.setPen(QPen(QColor(128, 128, 128, 70), 1.0))
            p.drawLine(QPointF(0, lane.top), QPointF(scene.width, lane.top))
        p.fillRect(QRectF(6, lane.top + 6, 10, 10), colors.actor(lane.actor_id or None))
        p.setPen(colors.text)
        p.drawText(QPointF(22, lane.top + 6 + ascent - 1), lane.name)
    p.restore()
