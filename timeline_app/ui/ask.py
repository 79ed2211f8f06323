"""Every question the app asks the user, as small replaceable functions.

Widgets call ``ask.confirm(...)`` (the module attribute, looked up at call time), so tests
replace these with answers; the test setup fails any test that lets one through unanswered.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPageLayout
from PySide6.QtWidgets import QColorDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from ..core.dates import TimelineDate
    from ..core.model import Event, Source, Timeline
    from ..core.source_texts import SourceTexts
    from .event_form import FormResult
    from .timeline_view import TimelineView

QUESTIONS = (
    "about",
    "print_preview",
    "event_form",
    "show_problems",
    "confirm",
    "save_discard_cancel",
    "text",
    "open_path",
    "save_path",
    "choice",
    "colour",
    "source_form",
    "restore_recovery",
)

TIMELINE_FILTER = "Timelines (*.json);;All files (*)"


class Unsaved(str, Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def show_problems(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    """An error message, with the full list of problems under "Show Details…"."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # names and titles from a file are not markup
    if details:
        box.setDetailedText(details)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, action: str = "OK") -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes


def save_discard_cancel(parent: QWidget | None, name: str) -> Unsaved:
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Unsaved changes",
        f"“{name}” has unsaved changes. Save them?",
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.exec()
    answer = box.standardButton(box.clickedButton())
    if answer == QMessageBox.StandardButton.Save:
        return Unsaved.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return Unsaved.DISCARD
    return Unsaved.CANCEL


def text(parent: QWidget | None, title: str, label: str, default: str = "") -> str | None:
    value, ok = QInputDialog.getText(parent, title, label, text=default)
    return value if ok else None


def choice(parent: QWidget | None, title: str, label: str, options: list[str]) -> str | None:
    value, ok = QInputDialog.getItem(parent, title, label, options, 0, False)
    return value if ok else None


def open_path(
    parent: QWidget | None, title: str, folder: str, filters: str = TIMELINE_FILTER
) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, filters)
    return path or None


def save_path(
    parent: QWidget | None, title: str, suggestion: str, filters: str = TIMELINE_FILTER
) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggestion, filters)
    return path or None


def event_form(
    parent: QWidget | None,
    timeline: Timeline,
    texts: SourceTexts,
    event: Event | None = None,
    start: TimelineDate | None = None,
) -> FormResult | None:
    """The event form (add when ``event`` is None, else edit); None when cancelled."""
    from .event_form import EventForm

    return EventForm.ask(parent, timeline, texts, event, start)


def colour(parent: QWidget | None, title: str, initial: str) -> str | None:
    """A colour as "#rrggbb", or None when cancelled."""
    chosen = QColorDialog.getColor(QColor(initial), parent, title)
    return chosen.name() if chosen.isValid() else None


def source_form(
    parent: QWidget | None, timeline: Timeline, source: Source | None, text: str | None
) -> tuple[Source, str | None] | None:
    """Add (``source`` None) or edit a source: the new record and its text (None: the
    text is unchanged), or None when cancelled."""
    from .source_form import SourceForm  # the form itself asks questions through here

    return SourceForm.ask(parent, timeline, source, text)


def restore_recovery(parent: QWidget | None, description: str) -> bool:
    """Restore unsaved work left by a crash (True) or discard it (False).

    Escape and closing the box restore: nothing is lost unless Discard is chosen.
    """
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Recover unsaved changes",
        description,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setInformativeText(
        "The app did not close normally last time. Restore these changes, or discard them?"
    )
    restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(restore)
    box.setEscapeButton(restore)
    box.exec()
    return box.clickedButton() is restore


def print_preview(parent: QWidget | None, view: TimelineView) -> None:
    """Print the timeline view, with a preview first."""
    from PySide6.QtGui import QPainter
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from ..interop.export import paint_page

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    dialog = QPrintPreviewDialog(printer, parent)

    def paint(device: QPrinter) -> None:
        painter = QPainter(device)
        paint_page(view, painter)
        painter.end()

    dialog.paintRequested.connect(paint)
    dialog.exec()


def about(parent: QWidget | None, title: str, text: str) -> None:
    """The About box (rich text: the caller escapes what it puts in)."""
    QMessageBox.about(parent, title, text)
