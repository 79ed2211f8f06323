"""Render the SVG icon to PNGs with Qt, for machines without rsvg-convert.

    python packaging/render_icons.py ICON.svg OUTDIR NAME [SIZE ...]

writes OUTDIR/<n>x<n>/apps/NAME.png for each size (the hicolor theme's layout).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DEFAULT_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(svg: Path, outdir: Path, name: str, sizes: tuple[int, ...]) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: cannot read {svg}")
    written = []
    for n in sizes:
        image = QImage(n, n, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        out = outdir / f"{n}x{n}" / "apps" / f"{name}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(out), "PNG"):
            raise SystemExit(f"render_icons: cannot write {out}")
        written.append(out)
    return written


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    sizes = tuple(int(s) for s in argv[3:]) or DEFAULT_SIZES
    for path in render(Path(argv[0]), Path(argv[1]), argv[2], sizes):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
