"""What the event form and the source form share: the frame of a form that adds or edits
one record, with OK and Cancel, Ctrl+Enter to save, OK enabled only when the fields are
valid, and one way to ask it (:func:`ask_form`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QPlainTextEdit, QWidget

from ..core.model import Timeline
from .prompts import Prompts

F = TypeVar("F", bound="RecordForm")
_UNSET = object()  # the form has not been shown yet
R = TypeVar("R")


class RecordForm(QDialog):
    """``noun`` names the record ("event", "source") in the title and the OK tooltip;
    subclasses lay out their fields, validate them (:meth:`validate`) and read them back."""

    def __init__(
        self,
        prompts: Prompts,
        timeline: Timeline,
        noun: str,
        editing: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.prompts = prompts
        self.timeline = timeline
        self.setObjectName(f"{noun}Form")
        self._noun = noun
        self._opened_with: object = _UNSET
        self.setWindowTitle(f"Edit {noun}" if editing else f"Add {noun}")
        # made without a parent: the subclass's layout adopts it after the fields, so the
        # form opens on its first field and Tab reaches OK and Cancel last
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("okButton")
        self.ok.setToolTip(f"Save the {noun} (Ctrl+Enter)")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.accept_if_valid)

    def line(self, name: str, placeholder: str) -> QLineEdit:
        """A one-line field with a stable object name and a hint of what goes in it."""
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def validate(self) -> bool:
        """Say what is wrong beside each field; enable OK only when nothing is."""
        return True

    def accept_if_valid(self) -> None:
        """Ctrl+Enter: save when the form is valid (subclasses may first show every note)."""
        self.accept()

    def accept(self) -> None:
        if self.validate():
            super().accept()

    # -- leaving without saving ----------------------------------------------------------
    def state(self) -> object:
        """What the fields hold now (compared with what they held when the form opened)."""
        return None

    def showEvent(self, event: QShowEvent) -> None:
        if self._opened_with is _UNSET:
            self._opened_with = self.state()
        super().showEvent(event)

    def reject(self) -> None:
        """Esc or Cancel: a form with changes asks before they are thrown away."""
        changed = self._opened_with is not _UNSET and self.state() != self._opened_with
        if changed and not self.prompts.confirm(
            self,
            f"Discard this {self._noun}?",
            f"Close the form and lose what was typed in this {self._noun}?",
            "Discard",
        ):
            return
        super().reject()


class _CtrlTabTypesTab(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Tab
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier
            and isinstance(watched, QPlainTextEdit)
        ):
            watched.insertPlainText("\t")
            return True
        return super().eventFilter(watched, event)


def tab_leaves(edit: QPlainTextEdit) -> None:
    """In a text box of a form, Tab moves to the next field (as everywhere in the form) and
    Ctrl+Tab types a tab."""
    edit.setTabChangesFocus(True)
    typer = _CtrlTabTypesTab(edit)
    edit.installEventFilter(typer)


def ask_form(prompts: Prompts, form: F, result: Callable[[F], R]) -> R | None:
    """Run ``form``; its ``result`` when accepted, else None.  The form goes afterwards."""
    try:
        if prompts.run(form) == QDialog.DialogCode.Accepted:
            return result(form)
        return None
    finally:
        form.deleteLater()
