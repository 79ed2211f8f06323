"""The source article, read-only, scrolled to a quote with the quote highlighted."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from ..core.model import Source
from ..core.quotes import Match

HIGHLIGHT = QColor("#FFE08A")


def _utf16(text: str, index: int) -> int:
    """Qt counts positions in UTF-16 code units, Python in code points."""
    return len(text[:index].encode("utf-16-le")) // 2


class ArticleView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.heading = QLabel("No article shown. Use “Show in article” in the event's details.")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(self.heading.textFormat().PlainText)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setObjectName("articleText")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        self.source_id: str | None = None
        self._shown: str | None = None  # the text shown (the same object: not compared)
        self.highlight: Match | None = None

    def show_reading(self, source: Source) -> None:
        """The source's text is still being read: say so (what was shown goes)."""
        self.text.clear()
        self.source_id, self._shown = None, None
        self.highlight = None
        self.heading.setText(f"Reading the text of “{source.title}”…")

    def show_source(self, source: Source, text: str, match: Match | None = None) -> None:
        if self.source_id != source.id or self._shown is not text:
            self.text.setPlainText(text)
            self.source_id, self._shown = source.id, text
        self.heading.setText(source.attribution() or source.title)
        self.highlight = match
        selections = []
        if match is not None:
            start, end = _utf16(text, match.start), _utf16(text, match.end)
            cursor = self.text.textCursor()
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(HIGHLIGHT)
            fmt.setForeground(QColor("#000000"))
            fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
            selection.format = fmt
            selection.cursor = cursor
            selections.append(selection)
            place = self.text.textCursor()
            place.setPosition(start)
            self.text.setTextCursor(place)
            self.text.centerCursor()
            # a view shown for the first time is laid out later: centre again then
            QTimer.singleShot(0, self.text.centerCursor)
        self.text.setExtraSelections(selections)

    def highlighted_text(self) -> str:
        if self.highlight is None:
            return ""
        return self.text.toPlainText()[self.highlight.start : self.highlight.end]

    def clear(self) -> None:
        self.source_id = None
        self.highlight = None
        self.text.clear()
        self.heading.setText("No article shown.")
