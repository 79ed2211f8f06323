"""What the event form and the source form share: the frame of a form that adds or edits
one record, with OK and Cancel, Ctrl+Enter to save, OK enabled only when the fields are
valid, and one way to ask it (:func:`ask_form`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QWidget

from ..core.model import Timeline
from .prompts import Prompts

F = TypeVar("F", bound="RecordForm")
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


def ask_form(prompts: Prompts, form: F, result: Callable[[F], R]) -> R | None:
    """Run ``form``; its ``result`` when accepted, else None.  The form goes afterwards."""
    try:
        if prompts.run(form) == QDialog.DialogCode.Accepted:
            return result(form)
        return None
    finally:
        form.deleteLater()
