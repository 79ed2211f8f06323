"""The Qt prompts themselves: the Help page fits the screen, with OK in reach."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from timeline_app.ui.actions import help_html
from timeline_app.ui.prompts import QtPrompts


class Looking(QtPrompts):
    """Shows each dialog instead of running it, so the test can look at it."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.seen: list[QDialog] = []

    def run(self, dialog: QDialog) -> int:  # type: ignore[override]
        self.qtbot.addWidget(dialog)
        dialog.show()
        self.qtbot.waitExposed(dialog)
        self.seen.append(dialog)
        return int(QDialog.DialogCode.Accepted)


def test_the_help_page_fits_the_screen_with_ok_in_reach(qtbot: QtBot) -> None:
    from PySide6.QtGui import QAction

    parent = QWidget()
    qtbot.addWidget(parent)
    actions = [QAction("Zoom &In", parent)]
    prompts = Looking(qtbot)
    prompts.about(parent, "Keyboard shortcuts and date formats", help_html(actions) * 3)
    [dialog] = prompts.seen
    screen = QApplication.primaryScreen().availableGeometry()
    assert dialog.frameGeometry().height() <= screen.height()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    bottom = ok.mapTo(dialog, ok.rect().bottomLeft()).y()
    assert ok.isVisible() and bottom < dialog.height()
