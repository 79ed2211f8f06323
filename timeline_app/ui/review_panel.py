"""Find Events in Text: the events a source's text proposes, listed beside the article for
a person to accept, correct, add as a quote to an event, or reject (issue 19).

The listing and every edit are the core's (:mod:`~timeline_app.core.review`); this window
shows them and pushes the changes, so each answer is one undo step.  The keys are the
list's own, not window actions: ↑/↓ move, Enter opens the event form filled in, Ctrl+Enter
accepts the selected proposals as they are, Del rejects them, E edits the proposal in the
list (its title, or the date it needs), Q adds its passage as a quote to the event it may
corroborate.  Text from the source is shown as plain text.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
)
from PySide6.QtGui import QAction, QColor, QKeyEvent, QKeySequence, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.actor_names import join_names
from ..core.change import Change
from ..core.dates import DateError
from ..core.event_edits import save_event_change
from ..core.extract import Proposal
from ..core.extract_text import english_share, is_english, looks_like_html
from ..core.markup import tooltip_html
from ..core.model import Source, replace
from ..core.quotes import Match
from ..core.review import (
    Draft,
    Listed,
    ReviewError,
    accept_change,
    add_quote_change,
    counted_from,
    date_words,
    draft_of,
    find_proposals,
    form_fields,
    listed,
    quote_targets,
    reject_change,
    with_actors,
    with_date,
)
from ..core.wording import clipped, plural
from .actions import key_sequences
from .article_view import ArticleView
from .document import Document
from .prompts import Prompts
from .text_reader import TextReader
from .undo_actions import undo_redo_actions

DATE, TITLE, ACTORS, STATUS, TIMELINE = range(5)
HEADERS = ("Date", "Suggested title", "Actors", "Status", "Timeline")
IN_TIMELINE, QUOTE = "in timeline", "quote?"  # the marks; the note line says which event
KEYS_HINT = ("↑/↓ move · Enter: open in the form · Ctrl+Enter: accept · Del: reject · "
             "E: edit{q} · Ctrl+Z: undo the last edit in the list or change to the "
             "timeline")  # fmt: skip
QUOTE_KEY = " · Q: add as a quote"  # in the hint only where Q applies
WIDE = 1000  # from this width the list is beside the article, else above it
Key = tuple[int, int]  # a proposal's place in the text: (offset, length)


def key_of(p: Proposal) -> Key:
    return p.offset, p.length


class ProposalModel(QAbstractTableModel):
    """One row per proposal, in the text's order: its draft (as the reviewer left it) and
    its marks.  Title, date and actors are editable (E) until it is in the timeline."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Listed] = []
        self.drafts: dict[Key, Draft] = {}
        # the reviewer's edits (E), the last last: the draft before, and the undo stack's
        # index then (``stamp``), to undo them in the order they were made with the rest
        self.history: list[tuple[Key, Draft, int]] = []
        self.stamp: Callable[[], int] = lambda: 0
        self.titles: dict[str, str] = {}  # event id -> title, for the marks
        # the events a draft may corroborate, at its (edited) date and actors
        self.targets_of: Callable[[Draft], tuple[str, ...]] = lambda draft: ()
        self._targets: dict[Key, tuple[str, ...]] = {}
        self.problem = ""  # why the last edit was refused ("" when it was not)

    def set_rows(self, rows: list[Listed], titles: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows, self.titles = rows, titles
        self._targets.clear()
        moved = {d.proposal.quote: d for d in self.drafts.values()}
        for row in rows:
            p, key = row.proposal, key_of(row.proposal)
            draft = self.drafts.get(key)
            if draft is None or draft.proposal != p:  # new, or the text was edited around it
                draft = moved.get(p.quote)
                if draft is not None and not draft.typed:
                    draft = replace(draft, start=p.start, end=p.end)
                self.drafts[key] = draft_of(p) if draft is None else replace(draft, proposal=p)
        self.endResetModel()

    def listed_at(self, row: int) -> Listed:
        return self.rows[row]

    def draft_at(self, row: int) -> Draft:
        return self.drafts[key_of(self.rows[row].proposal)]

    def row_of(self, key: Key) -> int | None:
        return next((i for i, r in enumerate(self.rows) if key_of(r.proposal) == key), None)

    def quote_to(self, row: int) -> tuple[str, ...]:
        """The events the row's proposal may corroborate, as the reviewer left its date
        and actors (none once it is in the timeline)."""
        item = self.rows[row]
        if item.in_event:
            return ()
        key = key_of(item.proposal)
        if key not in self._targets:
            self._targets[key] = self.targets_of(self.drafts[key])
        return self._targets[key]

    def mark(self, row: int) -> str:
        """ "in timeline" (an event quotes the passage), "quote?" (it may corroborate an
        event), or nothing: short, the note line under the list names the event."""
        if self.rows[row].in_event:
            return IN_TIMELINE
        return QUOTE if self.quote_to(row) else ""

    # -- the model -----------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (DATE, TITLE, ACTORS) and not self.rows[index.row()].in_event:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        item, draft, column = self.rows[index.row()], self.draft_at(index.row()), index.column()
        p = item.proposal
        if role == Qt.ItemDataRole.DisplayRole:
            if column == DATE:
                return date_words(draft)
            if column == TITLE:
                return draft.title
            if column == ACTORS:
                suggested = [f"{n}?" for n in p.new_actors if n not in draft.actors]
                return ", ".join([*draft.actors, *suggested])
            if column == STATUS:
                return p.status.value
            if column == TIMELINE:
                return self.mark(index.row())
        if role == Qt.ItemDataRole.EditRole:
            if column == DATE:
                return draft.start.words() if draft.typed and draft.start is not None else ""
            if column == TITLE:
                return draft.title
            if column == ACTORS:
                return join_names([*draft.actors, *(n for n in p.new_actors
                                                    if n not in draft.actors)])  # fmt: skip
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_html(self.tip(index.row(), column))
        if role == Qt.ItemDataRole.ForegroundRole:
            if item.in_event:
                return QColor("#808080")
            if column == DATE and draft.start is None:
                return QColor("#B00000")
        return None

    def tip(self, row: int, column: int) -> str:
        item, draft = self.rows[row], self.draft_at(row)
        p = item.proposal
        if column == DATE:
            if draft.typed:
                return "The date you typed (E to change it; empty: the text's date)"
            if p.date_note:
                return f"{p.date_note[:1].upper()}{p.date_note[1:]}"
            return "The date the text gives"
        if column == ACTORS and p.new_actors:
            return (f"Names the text suggests (marked ?): {', '.join(p.new_actors)}. "
                    "They become actors only if you add them (E).")  # fmt: skip
        if column == TIMELINE and item.in_event:
            title = self.titles.get(item.in_event, item.in_event)
            return f"“{title}” quotes this passage already: it is not proposed again."
        if column == TIMELINE and (targets := self.quote_to(row)):
            title = self.titles.get(targets[0], targets[0])
            return f"May be the same as “{title}” (an overlapping date, an actor in common): " \
                "Q adds this passage to it as a quote (a second source)."  # fmt: skip
        return " ".join(p.quote.split())

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: object,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        key = key_of(self.rows[index.row()].proposal)
        draft, typed = self.drafts[key], str(value)
        self.problem = ""
        if index.column() == DATE:
            if typed == self.data(index, Qt.ItemDataRole.EditRole):
                return False
            try:
                draft = with_date(draft, typed)
            except DateError as exc:
                self.problem = f"“{typed}”: {exc}"
                return False
        elif index.column() == TITLE:
            if not typed.strip():
                self.problem = "A title is required."
                return False
            draft = replace(draft, title=" ".join(typed.split()))
        else:
            draft = with_actors(draft, typed)
        self.history.append((key, self.drafts[key], self.stamp()))
        self.restore(key, draft)
        return True

    def restore(self, key: Key, draft: Draft) -> None:
        """The proposal at ``key`` as ``draft`` (an edit, or its undoing)."""
        self.drafts[key] = draft
        self._targets.pop(key, None)
        row = self.row_of(key)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))


class ProposalTable(QTableView):
    """The list, with the review's keys (its own: no window action is bound to them)."""

    def __init__(self, panel: ReviewPanel) -> None:
        super().__init__(panel)
        self.panel = panel

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = mods == Qt.KeyboardModifier.NoModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if mods == Qt.KeyboardModifier.ControlModifier:
                self.panel.accept_selected()
            elif plain:
                self.panel.open_form()
            else:
                super().keyPressEvent(event)
            return
        if key == Qt.Key.Key_Delete and plain:
            self.panel.reject_selected()
        elif key == Qt.Key.Key_E and plain:
            self.panel.edit_current()
        elif key == Qt.Key.Key_Q and plain:
            self.panel.add_as_quote()
        elif key == Qt.Key.Key_Escape and plain:
            event.accept()  # the panel stays: it is closed with Close
        else:
            super().keyPressEvent(event)


class ReviewPanel(QDialog):
    """The proposals of one source at a time; a window of its own that can stay open."""

    def __init__(
        self,
        document: Document,
        prompts: Prompts,
        reader: TextReader,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPanel")
        self.setWindowTitle("Find Events in Text")
        self.document, self.prompts = document, prompts
        self.source_id: str | None = None
        self.text: str | None = None
        self._proposals: list[Proposal] = []
        self._extracted_for: tuple[object, ...] = ()
        # each source's drafts and edit history, kept while the window lives
        self._kept: dict[str, tuple[dict[Key, Draft], list[tuple[Key, Draft, int]]]] = {}

        self.model = ProposalModel(self)
        self.table = ProposalTable(self)
        self.table.setObjectName("proposalList")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TIMELINE, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(60)
        header.resizeSection(ACTORS, 120)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.setMinimumWidth(360)

        self.summary = QLabel(self)
        self.summary.setObjectName("reviewSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.counted = QLabel(self)  # what relative dates count from
        self.counted.setObjectName("reviewDateBasis")
        self.counted.setTextFormat(Qt.TextFormat.PlainText)
        self.counted.setWordWrap(True)
        self.counted.setEnabled(False)  # greyed: a note on the list
        self.note = QLabel(self)
        self.note.setObjectName("reviewNote")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.setMinimumHeight(self.note.fontMetrics().lineSpacing() * 3)
        self.note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.keys = QLabel(KEYS_HINT.format(q=""), self)
        self.keys.setObjectName("reviewKeys")
        self.keys.setTextFormat(Qt.TextFormat.PlainText)
        self.keys.setWordWrap(True)
        self.keys.setEnabled(False)  # greyed: a hint
        self.problem = QLabel(self)
        self.problem.setObjectName("reviewProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        red = self.problem.palette()
        red.setColor(QPalette.ColorRole.WindowText, QColor("#B00000"))
        self.problem.setPalette(red)

        self.accept_button = self._button(
            "&Accept", "acceptProposals", "Add the selected proposals as events (Ctrl+Enter)"
        )
        self.form_button = self._button(
            "Open in &Form…", "proposalForm", "Open the event form filled in (Enter)"
        )
        self.edit_button = self._button(
            "&Edit", "editProposal", "Edit the title, date or actors in the list (E)"
        )
        self.reject_button = self._button(
            "&Reject", "rejectProposals", "Reject the selected proposals: not proposed again (Del)"
        )
        self.quote_button = QToolButton(self)
        self.quote_button.setObjectName("addAsQuote")
        self.quote_button.setText("Add as &Quote")
        self.quote_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.quote_menu = QMenu(self.quote_button)
        self.quote_menu.setObjectName("addAsQuoteMenu")
        self.quote_button.setMenu(self.quote_menu)
        self.accept_button.clicked.connect(self.accept_selected)
        self.form_button.clicked.connect(self.open_form)
        self.edit_button.clicked.connect(self.edit_current)
        self.reject_button.clicked.connect(self.reject_selected)
        self.quote_button.clicked.connect(lambda: self.add_as_quote())
        self.close_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_box.rejected.connect(self.reject)
        for b in self.close_box.buttons():
            if isinstance(b, QPushButton):
                b.setAutoDefault(False)

        buttons = QHBoxLayout()
        for b in (self.accept_button, self.form_button, self.edit_button, self.reject_button,
                  self.quote_button):  # fmt: skip
            buttons.addWidget(b)
        buttons.addStretch(1)
        left = QWidget(self)
        side = QVBoxLayout(left)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.summary)
        side.addWidget(self.counted)
        side.addWidget(self.table, 1)
        side.addWidget(self.keys)
        side.addWidget(self.note)
        side.addWidget(self.problem)
        side.addLayout(buttons)
        self.article = ArticleView(document, reader, self)
        self.article.heading.setText("")
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("reviewSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.article)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([760, 400])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.close_box)
        self.undo_action = QAction("&Undo", self)
        self.undo_action.setObjectName("actionUndo")
        self.undo_action.setShortcuts(key_sequences([QKeySequence.StandardKey.Undo]))
        self.undo_action.setToolTip("Undo the last edit of a proposal in the list, or the "
                                    "timeline's last change")  # fmt: skip
        self.undo_action.triggered.connect(self.undo)
        self.addActions([self.undo_action, undo_redo_actions(document.undo_stack, self)[1]])

        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.dataChanged.connect(lambda *_: self._show_current())
        self.table.itemDelegate().closeEditor.connect(lambda *_: self.commit_edit())
        document.recordsChanged.connect(self.refresh)
        document.reset.connect(self._on_reset)
        self._fit_screen(parent)
        self._update_buttons()

    def _fit_screen(self, parent: QWidget | None) -> None:
        """1100 × 640, or the screen's available room if less (800 × 600 too)."""
        screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 768)
        self.resize(min(1100, room.width() - 40), min(640, room.height() - 60))

    def _button(self, text: str, name: str, tip: str) -> QPushButton:
        b = QPushButton(text, self)
        b.setObjectName(name)
        b.setToolTip(tip)
        b.setAutoDefault(False)
        return b

    # -- the source ----------------------------------------------------------------------
    @property
    def source(self) -> Source | None:
        return self.document.timeline.source(self.source_id) if self.source_id else None

    def find_in(self, source_id: str) -> bool:
        """List the proposals of the source's text (False, and why, when it has none)."""
        doc = self.document
        source = doc.timeline.source(source_id)
        text = doc.texts.text(source) if source is not None else None
        self.source_id, self.text, self._extracted_for = source_id, None, ()
        self.model.targets_of = lambda draft: quote_targets(doc.timeline, source_id, draft)
        self.model.drafts, self.model.history = self._kept.setdefault(source_id, ({}, []))
        self.model.stamp = doc.undo_stack.index
        self.article.clear()
        if source is None or text is None:
            self._empty(f"“{source.title}” has no text to find events in." if source else "")
            return False
        self.setWindowTitle(f"Find Events in “{clipped(source.title, 60)}”")
        if looks_like_html(source.text_file, text) or not is_english(text):
            share = english_share(text)
            self._empty(
                f"The text of “{source.title}” does not read as English ({share:.0%} common "
                "English words): events are found in English texts only."
            )
            return False
        self.text = text
        self.article.show_source(source, text)
        self.refresh()
        if self.model.rowCount():
            first = next((i for i, r in enumerate(self.model.rows) if not r.in_event), 0)
            self._select(first)
        self.table.setFocus()
        return True

    def _empty(self, message: str) -> None:
        self.model.set_rows([], {})
        self.summary.setText(message)
        self.note.clear()
        self._update_buttons()

    def _on_reset(self) -> None:
        """Another timeline: its sources are others."""
        self.source_id, self.text = None, None
        self._kept.clear()
        self.model.drafts, self.model.history = {}, []
        self._empty("")
        self.close()

    def refresh(self) -> None:
        """The proposals again, after any edit (an undo brings a rejected one back, an
        accepted one is marked as in the timeline), the selection kept."""
        doc, source, text = self.document, self.source, self.text
        if self.source_id is None or text is None:
            return
        if source is None:
            self._empty("The source is no longer in the timeline.")
            return
        now = doc.texts.text(source)
        if now is not text and now != text:  # the source's text was edited (or undone)
            self.find_in(source.id)
            return
        timeline = doc.timeline
        ask = (source.published, tuple(a.name for a in timeline.actors))
        if ask != self._extracted_for:
            self._proposals = find_proposals(timeline, source, text)
            self._extracted_for = ask
        rows = listed(timeline, source.id, text, self._proposals)
        keep = self._current_key()
        keep_row = max(self.table.currentIndex().row(), 0)
        selected = {key_of(self.model.listed_at(i.row()).proposal)
                    for i in self.table.selectionModel().selectedRows()}  # fmt: skip
        titles = {e.id: e.title for e in timeline.events}
        self.model.set_rows(rows, titles)
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and rows:
            row = min(keep_row, len(rows) - 1)
        if row is not None:
            self._select(row, [r for k in selected if (r := self.model.row_of(k)) is not None])
        self._summarise()
        self._show_current()

    def _summarise(self) -> None:
        """ "10 found: 3 to review · 6 in the timeline · 1 rejected", and what relative
        dates count from."""
        source = self.source
        self.counted.setText(counted_from(source, self.text or "") if source else "")
        rows = self.model.rows
        inside = sum(1 for r in rows if r.in_event)
        gone = len(self._proposals) - len(rows)
        if not self._proposals:
            self.summary.setText("No dated events found in this text")
            return
        parts = [f"{len(rows) - inside:,} to review"]
        if inside:
            parts.append(f"{inside:,} in the timeline")
        if gone:
            parts.append(f"{gone:,} rejected")
        self.summary.setText(f"{len(self._proposals):,} found: " + " · ".join(parts))

    # -- selection -----------------------------------------------------------------------
    def _current_key(self) -> Key | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return key_of(self.model.listed_at(index.row()).proposal)

    def current_row(self) -> int | None:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else None

    def selected_rows(self) -> list[int]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        current = self.current_row()
        return rows or ([current] if current is not None else [])

    def _select(self, row: int, rows: list[int] | None = None) -> None:
        sm = self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag
        sm.setCurrentIndex(self.model.index(row, 0), flags.ClearAndSelect | flags.Rows)
        for other in rows or []:
            sm.select(self.model.index(other, 0), flags.Select | flags.Rows)
        self.table.scrollTo(self.model.index(row, 0))

    def select_rows(self, rows: list[int]) -> None:
        """Select these rows (the first current), as a click and Ctrl+clicks would."""
        if rows:
            self._select(rows[0], rows[1:])

    def _show_current(self) -> None:
        row, source, text = self.current_row(), self.source, self.text
        self._update_buttons()
        if row is None or source is None or text is None or row >= self.model.rowCount():
            self.note.clear()
            return
        item = self.model.listed_at(row)
        p = item.proposal
        self.article.show_source(source, text, Match(p.offset, p.offset + p.length))
        self.note.setText(self._note(row))

    def _note(self, row: int) -> str:
        item, draft = self.model.listed_at(row), self.model.draft_at(row)
        p, lines = item.proposal, [f"“{draft.title}”"]  # in full: the list may cut it short
        if item.in_event:
            title = self.model.titles.get(item.in_event, item.in_event)
            lines.append(f"Already in the timeline: “{title}” quotes this passage.")
        elif draft.problem:
            lines.append(f"This proposal {draft.problem}.")
        if p.date_note and not draft.typed:
            lines.append(f"Date: {p.date_note}.")
        suggested = [n for n in p.new_actors if n not in draft.actors]
        if suggested and not item.in_event:
            lines.append(f"Names the text suggests as actors: {', '.join(suggested)} "
                         "(E, then Tab to Actors, adds them).")  # fmt: skip
        if targets := self.model.quote_to(row):
            title = self.model.titles.get(targets[0], targets[0])
            lines.append(f"May be the same as “{title}”: Q adds the passage to it as a quote.")
        return "\n".join(lines)

    def _update_buttons(self) -> None:
        rows = self.selected_rows() if self.model.rowCount() else []
        open_rows = [r for r in rows if not self.model.listed_at(r).in_event]
        row = self.current_row()
        item = self.model.listed_at(row) if row is not None and row < len(self.model.rows) else None
        fresh = item is not None and not item.in_event
        self.accept_button.setEnabled(bool(open_rows))
        self.reject_button.setEnabled(bool(open_rows))
        self.form_button.setEnabled(fresh)
        self.edit_button.setEnabled(fresh)
        targets = self.model.quote_to(row) if row is not None and item is not None else ()
        self.quote_button.setEnabled(bool(targets))
        self.keys.setText(KEYS_HINT.format(q=QUOTE_KEY if targets else ""))
        self.quote_menu.clear()
        for event_id in targets:
            title = self.model.titles.get(event_id, event_id)
            words = clipped(f"Add as a quote to “{title}”", 90).replace("&", "&&")
            action = QAction(words, self.quote_menu)
            action.triggered.connect(lambda _=False, e=event_id: self.add_as_quote(e))
            self.quote_menu.addAction(action)
        if targets:
            title = self.model.titles.get(targets[0], targets[0])
            self.quote_button.setToolTip(tooltip_html(
                f"Add the passage as a quote to “{title}” (Q); the arrow offers the other "
                "events it may corroborate"))  # fmt: skip
        else:
            self.quote_button.setToolTip("Add the passage as a quote to the event it may "
                                         "corroborate (Q)")  # fmt: skip

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Beside the article on a wide window; above it on a narrow one (800 × 600)."""
        wide = event.size().width() >= WIDE
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
        super().resizeEvent(event)

    # -- answers -------------------------------------------------------------------------
    def _say(self, text: str, problem: bool = True) -> None:
        """The line under the list: why a key did nothing (in red), or what it did."""
        palette = self.problem.palette()
        colour = (
            QColor("#B00000") if problem else self.palette().color(QPalette.ColorRole.WindowText)
        )
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.problem.setPalette(palette)
        self.problem.setText(text)

    def undo(self) -> None:
        """Ctrl+Z: the last edit of a proposal in the list if it came after the timeline's
        last change, else that change; the line under the list says which was undone."""
        history, stack = self.model.history, self.document.undo_stack
        if history and history[-1][2] >= stack.index():
            key, before, _ = history.pop()
            edited = self.model.drafts.get(key, before)
            self.model.restore(key, before)
            row = self.model.row_of(key)
            if row is not None:
                self._select(row)
            self._say(f"Undone: your edit of “{clipped(edited.title, 60)}” in the list.", False)
        elif stack.canUndo():
            what = stack.undoText()
            stack.undo()
            self._say(f"Undone in the timeline: {what}.", False)
        else:
            self._say("Nothing to undo.")

    def _push(self, build: Callable[[], Change | None]) -> Change | None:
        try:
            change = build()
        except ReviewError as exc:
            message = str(exc)
            self._say(message[:1].upper() + message[1:] + ".")
            return None
        if change is not None:
            self._say("")
            self.document.push(change)
        return change

    def accept_selected(self) -> None:
        """Ctrl+Enter: the selected proposals as events, as they are, in one step; those
        in the timeline already are left, those that need a date say so."""
        text, source_id = self.text, self.source_id
        if text is None or source_id is None:
            return
        chosen = self.selected_rows()
        rows = [r for r in chosen if not self.model.listed_at(r).in_event]
        if chosen and not rows:
            self._already(chosen[0], "Ctrl+Enter")
            return
        ready = [self.model.draft_at(r) for r in rows if not self.model.draft_at(r).problem]
        waiting = [self.model.draft_at(r) for r in rows if self.model.draft_at(r).problem]
        last = max(rows, default=-1)
        same = [(self.model.draft_at(r), self.model.quote_to(r)[0]) for r in rows
                if not self.model.draft_at(r).problem and self.model.quote_to(r)]  # fmt: skip
        if same and not self._add_anyway(same):
            self._say("Not accepted: Q adds a passage to the event it may be the same as.")
            return
        if ready:
            timeline = self.document.timeline
            self._push(lambda: accept_change(timeline, source_id, text, ready))
            self._next_open(last)
        if waiting:
            first = waiting[0]
            more = f" (and {plural(len(waiting) - 1, 'other')})" if len(waiting) > 1 else ""
            self._say(f"Not accepted: “{clipped(first.title, 60)}”{more} {first.problem}.")

    def _add_anyway(self, same: list[tuple[Draft, str]]) -> bool:
        """Ask before adding as new events proposals that may be the same as events in the
        timeline (a second source for them, added with Q)."""
        draft, event_id = same[0]
        title = self.model.titles.get(event_id, event_id)
        more = f" (and {plural(len(same) - 1, 'other proposal')})" if len(same) > 1 else ""
        text = (f"“{clipped(draft.title, 80)}”{more} may be the same as “{clipped(title, 80)}”: "
                "Q adds the passage to it as a quote. Add a new event anyway?")  # fmt: skip
        return self.prompts.confirm(self, "Add a New Event?", text, "Add New Event")

    def _already(self, row: int, key: str) -> bool:
        """Say why ``key`` does nothing on a row already in the timeline (True when so)."""
        holder = self.model.listed_at(row).in_event
        if holder:
            title = clipped(self.model.titles.get(holder, holder), 80)
            self._say(f"{key} does nothing here: “{title}” quotes this passage already "
                      "(Ctrl+Z undoes adding it).")  # fmt: skip
        return bool(holder)

    def _next_open(self, after: int) -> None:
        """The next proposal not reviewed yet, after row ``after`` (else the last one)."""
        rows = self.model.rows
        later = [i for i in range(after + 1, len(rows)) if not rows[i].in_event]
        if later:
            self._select(later[0])

    def reject_selected(self) -> None:
        """Del: the selected proposals are rejected, remembered in the file."""
        text, source_id = self.text, self.source_id
        if text is None or source_id is None:
            return
        chosen = self.selected_rows()
        proposals = [self.model.listed_at(r).proposal for r in chosen
                     if not self.model.listed_at(r).in_event]  # fmt: skip
        if chosen and not proposals:
            self._already(chosen[0], "Del")
        if proposals:
            timeline = self.document.timeline
            self._push(lambda: reject_change(timeline, source_id, text, proposals))

    def add_as_quote(self, event_id: str | None = None) -> None:
        """Q: the current proposal's passage, as a quote to the event it may corroborate
        (``event_id``: another of those offered)."""
        row, text, source_id = self.current_row(), self.text, self.source_id
        if row is None or text is None or source_id is None:
            return
        item, targets = self.model.listed_at(row), self.model.quote_to(row)
        target = event_id or (targets[0] if targets else None)
        if self._already(row, "Q"):
            return
        if target is None:
            self._say("Q does nothing here: no event in the timeline has a date overlapping "
                      "this one and an actor in common with it.")  # fmt: skip
            return
        timeline = self.document.timeline
        self._push(lambda: add_quote_change(timeline, source_id, text, item.proposal, target))
        self._next_open(row)

    def edit_current(self) -> None:
        """E: edit the proposal in the list: the date it needs, else its title."""
        row = self.current_row()
        if row is None or self._already(row, "E"):
            return
        column = DATE if self.model.draft_at(row).start is None else TITLE
        index = self.model.index(row, column)
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def open_form(self) -> None:
        """Enter: the event form, filled in with the proposal; saving it adds the event."""
        row, text, source_id = self.current_row(), self.text, self.source_id
        if row is None or text is None or source_id is None:
            return
        if self._already(row, "Enter"):
            return
        doc = self.document
        fields = form_fields(source_id, text, self.model.draft_at(row))
        result = self.prompts.event_form(self, doc.timeline, doc.texts, None, None, fields)
        if result is None:
            return
        doc.push(save_event_change(doc.timeline, result.event, None, result.new_actors,
                                   result.removed_links, result.new_links))  # fmt: skip
        self._say("")
        self._next_open(row)

    def commit_edit(self) -> None:
        """Say why the last edit in the list was refused (a date the app cannot read)."""
        self._say(self.model.problem)
