"""Every question the app asks the user, as one object passed to the widgets that ask.

:class:`QtPrompts` shows Qt dialogs.  Tests pass a scripted stand-in instead (with the same
methods), which fails on any question the test did not answer: no test can hang on a modal
dialog.  Every dialog here shows text from a file as plain text, never as markup.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPageLayout
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QInputDialog,
    QLabel,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.problems import shown

if TYPE_CHECKING:
    from ..core.dates import TimelineDate
    from ..core.era_edits import EraFields
    from ..core.event_edits import EventFields, LinkDraft
    from ..core.model import Era, Event, Source, Timeline
    from ..core.source_texts import SourceTexts
    from .event_form import FormResult
    from .timeline_view import TimelineView

TIMELINE_FILTER = "Timelines (*.json);;All files (*)"


class Unsaved(str, Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class Upgrade(str, Enum):
    """The answer to saving a format 1 file in format 2."""

    COPY_FIRST = "copy first"  # save a copy in format 1, then the file in format 2
    UPGRADE = "upgrade"  # save in format 2
    CANCEL = "cancel"  # save nothing


def plain_labels(dialog: QWidget) -> None:
    """Every label of ``dialog`` shows its text as written: text from a file is never
    markup (an ``<img src=...>`` title must not load an image or a link)."""
    for label in dialog.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)


class QtPrompts:
    """The questions, asked with Qt dialogs."""

    def run(self, dialog: QDialog) -> int:
        """Show a question's dialog and wait for the answer (the one place that does:
        tests replace it to look at a dialog and answer it)."""
        return dialog.exec()

    def _ask_plain(self, box: QMessageBox) -> int:
        """Run a message box whose texts may hold names and titles from a file."""
        box.setTextFormat(Qt.TextFormat.PlainText)
        plain_labels(box)  # the informative text's label too
        return self.run(box)

    def show_problems(
        self, parent: QWidget | None, title: str, text: str, details: str = ""
    ) -> None:
        """An error message, with the full list of problems under "Show Details…"."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent
        )
        if details:
            box.setDetailedText(details)
        self._ask_plain(box)

    def confirm(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        action: str = "OK",
        details: str = "",
    ) -> bool:
        """Yes (``action``) or Cancel; ``details``: the whole of a list ``text`` cut short."""
        box = QMessageBox(
            QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
        )
        if details:
            box.setDetailedText(details)
        yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        self._ask_plain(box)
        return box.clickedButton() is yes

    def save_discard_cancel(self, parent: QWidget | None, name: str) -> Unsaved:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Unsaved changes",
            f"“{name}” has unsaved changes. Save them?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            parent,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        self._ask_plain(box)
        answer = box.standardButton(box.clickedButton())
        if answer == QMessageBox.StandardButton.Save:
            return Unsaved.SAVE
        if answer == QMessageBox.StandardButton.Discard:
            return Unsaved.DISCARD
        return Unsaved.CANCEL

    def upgrade_format(self, parent: QWidget | None, name: str, version: int) -> Upgrade:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Save in a newer format",
            f"“{name}” will be saved in format {version}, which older versions of the app "
            f"cannot open. Save a copy in format {version - 1} first?",
            QMessageBox.StandardButton.Cancel,
            parent,
        )
        copy = box.addButton("Save a Copy First…", QMessageBox.ButtonRole.YesRole)
        upgrade = box.addButton(f"Save in Format {version}", QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(copy)
        self._ask_plain(box)
        clicked = box.clickedButton()
        if clicked is copy:
            return Upgrade.COPY_FIRST
        return Upgrade.UPGRADE if clicked is upgrade else Upgrade.CANCEL

    @staticmethod
    def _input_dialog(parent: QWidget | None, title: str, label: str) -> QInputDialog:
        dialog = QInputDialog(parent)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        return dialog

    def text(self, parent: QWidget | None, title: str, label: str, default: str = "") -> str | None:
        dialog = self._input_dialog(parent, title, label)
        dialog.setTextValue(default)
        plain_labels(dialog)
        return dialog.textValue() if self.run(dialog) == QDialog.DialogCode.Accepted else None

    def choice(
        self,
        parent: QWidget | None,
        title: str,
        label: str,
        options: list[str],
        current: int = 0,
    ) -> str | None:
        """One of ``options`` (``current`` is proposed), or None when cancelled."""
        dialog = self._input_dialog(parent, title, label)
        dialog.setComboBoxItems(options)
        dialog.setComboBoxEditable(False)
        if 0 <= current < len(options):
            dialog.setTextValue(options[current])
        plain_labels(dialog)
        return dialog.textValue() if self.run(dialog) == QDialog.DialogCode.Accepted else None

    def publish_options(self, parent: QWidget | None) -> frozenset[str] | None:
        """What a published web page carries beyond its default (``"notes"``, ``"texts"``),
        or None when cancelled."""
        dialog = QDialog(parent)
        dialog.setObjectName("publishDialog")
        dialog.setWindowTitle("Publish as Web Page")
        layout = QVBoxLayout(dialog)
        intro = QLabel(
            "One page that works offline and loads nothing: titles, dates, status, actors, "
            "tags, summaries, quotes with their attribution, grades, support, links and eras."
        )
        intro.setWordWrap(True)
        notes = QCheckBox(
            "Include the analyst's &notes (with the reasons for grades and fields the app "
            "does not know)"
        )
        notes.setObjectName("publishNotes")
        texts = QCheckBox("Include the full &source texts (check their licences)")
        texts.setObjectName("publishTexts")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Publish…")
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        for widget in (intro, notes, texts, buttons):
            layout.addWidget(widget)
        if self.run(dialog) != QDialog.DialogCode.Accepted:
            return None
        chosen = {"notes": notes.isChecked(), "texts": texts.isChecked()}
        return frozenset(k for k, on in chosen.items() if on)

    def open_path(
        self, parent: QWidget | None, title: str, folder: str, filters: str = TIMELINE_FILTER
    ) -> str | None:
        """A file to open, or None when cancelled."""
        return QFileDialog.getOpenFileName(parent, title, folder, filters)[0] or None

    def save_path(
        self, parent: QWidget | None, title: str, place: str, filters: str = TIMELINE_FILTER
    ) -> str | None:
        """A file to write (``place``: the name proposed), or None when cancelled."""
        return QFileDialog.getSaveFileName(parent, title, place, filters)[0] or None

    def event_form(
        self,
        parent: QWidget | None,
        timeline: Timeline,
        texts: SourceTexts,
        event: Event | None = None,
        start: TimelineDate | None = None,
        draft: EventFields | None = None,
    ) -> FormResult | None:
        """The event form (add when ``event`` is None, else edit; ``draft``: a new event's
        fields filled in); None when cancelled."""
        from .event_form import EventForm
        from .record_form import ask_form

        form = EventForm(self, timeline, texts, event, start, parent, draft)
        return ask_form(self, form, EventForm.result_event)

    def color(self, parent: QWidget | None, title: str, initial: str) -> str | None:
        """A colour as "#rrggbb", or None when cancelled."""
        dialog = QColorDialog(QColor(initial), parent)
        dialog.setWindowTitle(title)
        if self.run(dialog) != QDialog.DialogCode.Accepted:
            return None
        chosen = dialog.selectedColor()
        return chosen.name() if chosen.isValid() else None

    def source_form(
        self,
        parent: QWidget | None,
        timeline: Timeline,
        source: Source | None,
        text: str | None,
    ) -> tuple[Source, str | None] | None:
        """Add (``source`` None) or edit a source: the new record and its text (None: the
        text is unchanged), or None when cancelled."""
        from .record_form import ask_form
        from .source_form import SourceForm

        form = SourceForm(self, timeline, source, text, parent)
        return ask_form(self, form, lambda f: (f.result_source(), f.result_text()))

    def era_form(
        self, parent: QWidget | None, timeline: Timeline, era: Era | None
    ) -> EraFields | None:
        """Add (``era`` None) or edit an era: its fields as typed (valid), or None when
        cancelled."""
        from .era_form import EraForm
        from .record_form import ask_form

        form = EraForm(self, timeline, era, parent)
        return ask_form(self, form, EraForm.result_fields)

    def link_chooser(
        self, parent: QWidget | None, timeline: Timeline, source: Event, target: Event
    ) -> LinkDraft | None:
        """A Ctrl+drag from ``source`` to ``target``: the link's kind and why (an analyst's
        inference), or None when cancelled."""
        from .link_chooser import LinkChooser

        dialog = LinkChooser(timeline, source, target, parent)
        if self.run(dialog) != QDialog.DialogCode.Accepted:
            return None
        return dialog.draft()

    def restore_recovery(self, parent: QWidget | None, description: str) -> bool:
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
        self._ask_plain(box)
        return box.clickedButton() is restore

    def print_preview(self, parent: QWidget | None, view: TimelineView) -> None:
        """Print the timeline view, with a preview first."""
        from PySide6.QtGui import QPainter
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from .image_export import paint_page

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        dialog = QPrintPreviewDialog(printer, parent)

        def paint(device: QPrinter) -> None:
            painter = QPainter(device)
            paint_page(view, painter)
            painter.end()

        dialog.paintRequested.connect(paint)
        self.run(dialog)

    def about(self, parent: QWidget | None, title: str, text: str) -> None:
        """The About box and the Help page (rich text: the caller escapes what it puts in),
        scrolling within the screen, so OK is always in reach (800×600 too)."""
        dialog = QDialog(parent)
        dialog.setObjectName("aboutDialog")
        dialog.setWindowTitle(title)
        page = QTextBrowser(dialog)
        page.setOpenExternalLinks(False)
        page.setHtml(text)
        page.setFrameShape(QFrame.Shape.NoFrame)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, dialog)
        buttons.accepted.connect(dialog.accept)
        layout = QVBoxLayout(dialog)
        layout.addWidget(page)
        layout.addWidget(buttons)
        screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 768)
        width = min(560, room.width() - 40)
        page.document().setTextWidth(width - 40)
        wanted = int(page.document().size().height()) + buttons.sizeHint().height() + 60
        dialog.resize(width, max(200, min(wanted, room.height() - 80)))
        self.run(dialog)


Prompts = QtPrompts  # what the widgets are given: this, or a stand-in with the same methods


class UnattendedPrompts(QtPrompts):
    """No one to answer (``--smoke``): every question is written to standard error and
    answered no (Cancel), so nothing waits and nothing is changed unasked."""

    def run(self, dialog: QDialog) -> int:
        text = dialog.detailedText() or dialog.text() if isinstance(dialog, QMessageBox) else ""
        for line in [dialog.windowTitle(), *text.splitlines()]:
            if line.strip():
                print(shown(line), file=sys.stderr, flush=True)
        dialog.deleteLater()
        return int(QDialog.DialogCode.Rejected)
