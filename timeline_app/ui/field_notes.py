"""The notes next to a form's fields: a line in colour that says what was read, or why a
field is not acceptable, and is hidden while there is nothing to say.

Free-text dates are read here for every date field: :func:`read_date` gives the date or
the reason it is not one, and :func:`date_feedback` shows either under the field
("→ 27 July 1953 (day)").  A quote is checked against its source's text here too
(:func:`quote_feedback`), wherever a form takes one.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ..core.dates import DateError, TimelineDate, parse_date
from ..core.markup import escape_html
from ..core.model import Quote, Timeline
from ..core.quotes import closest_passage, find_quote
from ..core.source_texts import SourceTexts

__all__ = [
    "COLORS",
    "QUOTE_CHECK_DELAY_MS",
    "NoteKind",
    "date_feedback",
    "make_note",
    "quote_feedback",
    "read_date",
    "show_note",
]

NoteKind = Literal["ok", "error", "warn", "muted"]
QUOTE_CHECK_DELAY_MS = 300  # a quote is checked once typing pauses this long
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


def quote_feedback(
    note: QLabel, timeline: Timeline, texts: SourceTexts, quote: Quote | None, typed: bool
) -> None:
    """Whether ``quote`` is in its source's text, in ``note`` (rich text): where, or the
    closest passage; ``typed``: words were typed (with no source to choose, say so)."""
    if quote is None:
        show_note(note, "", "ok")
        if typed and not timeline.sources:
            show_note(note, "Add a source first (Edit ▸ Sources…)", "error")
        return
    source = timeline.source(quote.source)
    text = texts.normalised(source) if source else None
    if source is None or text is None:
        show_note(note, "The source has no text to check the quote against.", "warn")
        return
    if find_quote(quote.text, text) is not None:
        show_note(note, f"✓ found in “{escape_html(source.title)}”", "ok")
        return
    closest = closest_passage(quote.text, text)
    message = f"⚠ not found in “{escape_html(source.title)}”"
    if closest is not None:
        passage = text.original[closest.start : closest.end]
        message += f" — closest passage: <i>“{escape_html(passage)}”</i>"
    show_note(note, message + " (you can still save it)", "warn")
