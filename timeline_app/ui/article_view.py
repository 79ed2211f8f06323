"""The source article, read-only, scrolled to a quote with the quote highlighted.  It
follows the document: a text still being read is shown once it is, and the highlight of an
event that is gone (deleted, undone) goes with it."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from ..core.model import Source
from ..core.quotes import Match
from .document import Document
from .text_reader import TextReader

HIGHLIGHT = QColor("#FFE08A")


def _utf16(text: str, index: int) -> int:
    """Qt counts positions in UTF-16 code units, Python in code points."""
    return len(text[:index].encode("utf-16-le")) // 2


class ArticleView(QWidget):
    def __init__(
        self, document: Document, reader: TextReader, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.document, self.reader = document, reader
        self.event_id: str | None = None  # whose quote is highlighted
        self._waiting: tuple[str, int] | None = None  # a quote whose text is being read
        reader.ready.connect(self._on_texts_read)
        document.recordsChanged.connect(self._on_records_changed)
        document.reset.connect(self.clear)
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

    def _source_of(self, event_id: str, quote_index: int) -> Source | None:
        event = self.document.store.event(event_id)
        if event is None or quote_index >= len(event.quotes):
            return None
        return self.document.timeline.source(event.quotes[quote_index].source)

    def can_show(self, event_id: str, quote_index: int) -> bool:
        """Whether the event has that quote, from a source with a text (or one being read)."""
        source = self._source_of(event_id, quote_index)
        if source is None:
            return False
        texts = self.document.texts
        return not texts.is_read(source) or texts.text(source) is not None

    def show_quote(self, event_id: str, quote_index: int) -> None:
        """The quote's source, scrolled to the quote (once its text is read)."""
        if not self.can_show(event_id, quote_index):
            return
        doc = self.document
        event = doc.store.event(event_id)
        assert event is not None
        quote = event.quotes[quote_index]
        source = doc.timeline.source(quote.source)
        assert source is not None
        if not doc.texts.is_read(source):  # still being read in its thread: shown when it is
            self._waiting = (event_id, quote_index)
            self.show_reading(source)
            self.reader.start()
            return
        self._waiting = None
        text = doc.texts.text(source)
        assert text is not None
        match, _ = doc.texts.find(doc.timeline, quote)
        self.show_source(source, text, match)
        self.event_id = event_id

    def _on_texts_read(self) -> None:
        if self._waiting is None:
            return
        waiting, self._waiting = self._waiting, None
        source = self._source_of(*waiting)
        if source is not None and not self.document.texts.is_read(source):
            self._waiting = waiting  # another text was read: this one is still coming
        elif self.can_show(*waiting):
            self.show_quote(*waiting)
        else:  # read, and it cannot be: say so rather than "reading…" for ever
            self.clear()
            self.heading.setText("The source's text could not be read (see the details).")

    def _on_records_changed(self) -> None:
        if self.event_id is not None and self.document.store.event(self.event_id) is None:
            self.clear()  # the event whose quote was highlighted is gone

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
        self.source_id, self._shown, self.event_id, self._waiting = None, None, None, None
        self.highlight = None
        self.text.clear()
        self.heading.setText("No article shown.")
