"""The notes next to a form's fields: a line in colour that says what was read, or why a
field is not acceptable, and is hidden while there is nothing to say.

Free-text dates are read here for every date field: :func:`read_date` gives the date or
the reason it is not one, and :func:`date_feedback` shows either under the field
("→ 27 July 1953 (day)").
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ..core.dates import DateError, TimelineDate, parse_date

__all__ = ["COLORS", "NoteKind", "date_feedback", "make_note", "read_date", "show_note"]

NoteKind = Literal["ok", "error", "warn", "muted"]
COLORS: dict[NoteKind, str] = {
    "ok": "#1B7F3B",
    "error": "#C00000",
    "warn": "#A05A00",
    "muted": "#666666",
}


def make_note(parent: QWidget, name: str = "") -> QLabel:
    """An empty, hidden note of plain text that wraps."""
    note = QLabel(parent)
    if name:
        note.setObjectName(name)
    note.setWordWrap(True)
    note.setTextFormat(Qt.TextFormat.PlainText)
    note.hide()
    return note


def show_note(note: QLabel, text: str, kind: NoteKind) -> None:
    """Show ``text`` in the kind's colour; an empty text hides the note."""
    note.setText(text)
    note.setStyleSheet(f"color: {COLORS[kind]}")
    note.setVisible(bool(text))


def read_date(text: str) -> tuple[TimelineDate | None, str]:
    """The date a field's text gives and "", or None and why it is not a date ("" when
    the field is empty)."""
    text = text.strip()
    if not text:
        return None, ""
    try:
        return parse_date(text), ""
    except DateError as exc:
        return None, str(exc)


def date_feedback(field: QLineEdit, note: QLabel, missing: str = "") -> TimelineDate | None:
    """The field's date, shown in words in ``note``; or None, with the reason in the note
    (``missing`` when the field is empty: leave it "" for an optional date)."""
    date, problem = read_date(field.text())
    if date is None:
        show_note(note, problem or missing, "error")  # no problem: the field is empty
        return None
    show_note(note, f"→ {date.words()} ({date.precision.label})", "ok")
    return date
