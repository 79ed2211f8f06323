"""Edit ▸ Sources…: the timeline's sources (title, author, whether its text is at hand,
how many quotes cite it), with Add…, Edit… and Remove.

Adding and editing go through the source form (``prompts.source_form``) and push one
:class:`~timeline_app.core.change.Change` carrying the record and its text, so undo also
restores the text.  A source that quotes cite cannot be removed; the refusal says which
events cite it.  The dialog can stay open: it redraws whenever the records change.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QWidget

from ..core.change import Change
from ..core.markup import tooltip_html
from ..core.model import Source
from ..core.source_edits import (
    SourceEditError,
    add_source_change,
    edit_source_change,
    quote_counts,
    remove_source_change,
)
from .document import Document
from .prompts import Prompts
from .record_dialog import RecordListDialog
from .record_model import RecordTableModel

TITLE, AUTHOR, TEXT, QUOTES = range(4)

TEXT_YES = "yes"
TEXT_UNSAVED = "yes (unsaved)"
TEXT_MISSING = "missing"
TEXT_NONE = "none"


def text_state(document: Document, source: Source) -> tuple[str, str]:
    """Whether the source's text is at hand, in a word, and a sentence for the tooltip."""
    name = document.texts.file_name(source)
    if source.id in document.texts.pending():
        return TEXT_UNSAVED, f"The text is held in memory; saving writes {name}."
    if not name:
        return TEXT_NONE, "No text: quotes from this source cannot be checked."
    refused = document.texts.refusal(source)
    if refused is not None:
        return TEXT_MISSING, f"{name} {refused.message}: it is not read."
    if document.texts.text(source) is not None:
        return TEXT_YES, f"The text is read from {name}."
    return TEXT_MISSING, f"{name} cannot be read (missing or not UTF-8)."


class SourcesModel(RecordTableModel[Source]):
    """One row per source, in the file's order."""

    headers = ("Title", "Author", "Text", "Quotes")
    count_column = QUOTES

    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self._quotes: dict[str, int] = {}
        self._texts: dict[str, tuple[str, str]] = {}
        document.pathChanged.connect(self.update_rows)  # saved: held texts are now on disk
        self.reset_rows()

    def records(self) -> list[Source]:
        return self.document.timeline.sources

    def load(self) -> None:
        self._quotes = quote_counts(self.document.timeline)
        self._texts = {s.id: text_state(self.document, s) for s in self.records()}

    def source_at(self, row: int) -> Source:
        return self.record(row)

    def cell(self, source: Source, column: int, role: int) -> object:
        state, explanation = self._texts[source.id]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TITLE:
                return source.title
            if column == AUTHOR:
                return source.author
            if column == TEXT:
                return state
            if column == QUOTES:
                return self._quotes.get(source.id, 0)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == TEXT:
                return tooltip_html(explanation)
            if column == TITLE:
                return tooltip_html(source.attribution() or source.title)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == TEXT and state == TEXT_MISSING:
            return QColor("#C00000")
        return None


class SourcesDialog(RecordListDialog[SourcesModel]):
    findEvents = Signal(str)  # a source id: list the events its text proposes

    def __init__(self, document: Document, prompts: Prompts, parent: QWidget | None = None) -> None:
        super().__init__(document, SourcesModel(document), "source", prompts, parent)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.list.header()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(AUTHOR, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(QUOTES, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(AUTHOR, 140)
        self.summary.setWordWrap(True)
        self.add_button.clicked.connect(self.add_source)
        self.edit_button.clicked.connect(self.edit_source)
        self.remove_button.clicked.connect(self.remove_source)
        self.list.doubleClicked.connect(lambda _: self.edit_source())
        self.find_button.clicked.connect(self.find_events)
        # offered right after a source's text is added: find the events it dates (with the
        # Find Events… button, the source selected: one button, not a second one)
        self.offer = QWidget(self)
        self.offer.setObjectName("findEventsOffer")
        self.offer_label = QLabel(self.offer)
        self.offer_label.setTextFormat(Qt.TextFormat.PlainText)
        self.offer_label.setWordWrap(True)
        row = QHBoxLayout(self.offer)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.offer_label, 1)
        self.offer.hide()
        layout = self.layout()
        if layout is not None:
            layout.addWidget(self.offer)  # under the list, above Close
            layout.removeWidget(self.close_box)
            layout.addWidget(self.close_box)
        self.setMinimumSize(520, 260)
        self.resize(680, 360)

    def _make_buttons(self) -> list[list[QPushButton]]:
        self.add_button = self._button("&Add…", "addSource", "Add a source and its text")
        self.edit_button = self._button(
            "&Edit…", "editSource", "Edit the selected source or its text"
        )
        self.remove_button = self._button(
            "&Remove", "removeSource", "Remove the selected source (only when no quote cites it)"
        )
        self.find_button = self._button(
            "Find E&vents…", "findEventsButton", "List the dated events the source's text proposes"
        )
        return [[self.add_button, self.edit_button], [self.find_button], [self.remove_button]]

    def _update_buttons(self) -> None:
        super()._update_buttons()
        source = self.selected_source()
        self.edit_button.setEnabled(source is not None)
        self.remove_button.setEnabled(source is not None)
        self.find_button.setEnabled(source is not None and self.document.texts.has_text(source))

    # -- selection -----------------------------------------------------------------------
    def selected_source(self) -> Source | None:
        source_id = self.selected_id()
        return None if source_id is None else self.document.timeline.source(source_id)

    def select_source(self, source_id: str) -> None:
        self.select_id(source_id)

    # -- edits -------------------------------------------------------------------------
    def _push(self, title: str, build: Callable[[], Change]) -> bool:
        """Build a change and push it, or say why it cannot be made."""
        try:
            change = build()
        except SourceEditError as exc:
            message = str(exc)
            self.prompts.show_problems(self, title, message[:1].upper() + message[1:])
            return False
        self.document.push(change)
        return True

    def add_source(self) -> None:
        timeline = self.document.timeline
        answer = self.prompts.source_form(self, timeline, None, None)
        if answer is None:
            return
        source, text = answer
        if self._push("Cannot add the source", lambda: add_source_change(timeline, source, text)):
            self.select_source(source.id)
            if text:
                self.offer_find(source.id)

    def edit_source(self) -> None:
        source = self.selected_source()
        if source is None:
            return
        timeline, texts = self.document.timeline, self.document.texts
        answer = self.prompts.source_form(self, timeline, source, texts.text(source))
        if answer is None:
            return
        edited, text = answer
        if edited == source and text is None:
            return
        # the text before, as the app reads it now (held in memory, or the file's): undo
        # brings that back even after a save wrote the new text over the file
        before = texts.text(source)
        pushed = self._push(
            "Cannot change the source",
            lambda: edit_source_change(timeline, edited, text, before),
        )
        if pushed and text and text != before:
            self.offer_find(source.id)

    # -- finding events ------------------------------------------------------------------
    def find_events(self) -> None:
        source = self.selected_source()
        if source is not None:
            self._hide_offer()
            self.findEvents.emit(source.id)

    def offer_find(self, source_id: str) -> None:
        """A text was just added: offer to find the events it dates (no question asked)."""
        source = self.document.timeline.source(source_id)
        if source is None:
            return
        self.select_source(source_id)
        self.offer_label.setText(
            f"The text of “{source.title}” is added: Find Events… lists the events it dates."
        )
        self.offer.show()
        self.find_button.setDefault(True)  # Enter takes the offer
        self.find_button.setFocus()

    def _hide_offer(self) -> None:
        self.offer.hide()
        self.find_button.setDefault(False)

    def remove_source(self) -> None:
        source = self.selected_source()
        if source is None:
            return
        timeline = self.document.timeline
        pending = self.document.texts.pending().get(source.id)
        self._push(
            "Cannot remove the source", lambda: remove_source_change(timeline, source.id, pending)
        )
