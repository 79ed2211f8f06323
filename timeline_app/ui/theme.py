"""Following the system's light or dark colour scheme.

Where the platform theme already hands Qt a dark palette nothing is needed; where it only
reports the scheme (a bare X11 or Wayland session), the Fusion style gets a dark palette.
Widgets paint with palette roles, so they follow either way.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

DARK = {
    QPalette.ColorRole.Window: "#2b2b2b",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1e1e1e",
    QPalette.ColorRole.AlternateBase: "#292929",
    QPalette.ColorRole.ToolTipBase: "#3a3a3a",
    QPalette.ColorRole.ToolTipText: "#f0f0f0",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.PlaceholderText: "#9a9a9a",
    QPalette.ColorRole.Button: "#353535",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Mid: "#555555",
    QPalette.ColorRole.Highlight: "#3d7cc9",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#7fb3ff",
    QPalette.ColorRole.LinkVisited: "#c5a3ff",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in DARK.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):  # fmt: skip
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#777777"))
    return palette


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def apply_color_scheme(app: QApplication) -> None:
    """Match the app's palette to the system's colour scheme, now and when it changes."""
    hints = QGuiApplication.styleHints()

    def update() -> None:
        wants_dark = hints.colorScheme() == Qt.ColorScheme.Dark
        if wants_dark and not is_dark(app.palette()):
            app.setStyle(QStyleFactory.create("Fusion"))
            app.setPalette(dark_palette())
        elif not wants_dark and is_dark(app.palette()) and app.property("darkApplied"):
            app.setPalette(QPalette())
        app.setProperty("darkApplied", wants_dark)

    update()
    hints.colorSchemeChanged.connect(lambda _scheme: update())
