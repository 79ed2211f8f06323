"""The event form's links: the event's links as they read from it ("Led to → …"), each
removable, and a panel to add one: how it reads, the other event (found by its title or
date), and who says so: the analyst's inference, with notes, or a quote from a source,
checked as the form's quotes are.  The form's result carries the links removed and added;
saving the event saves them in the same undoable step
(:func:`~timeline_app.core.event_edits.save_event_change`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.dates import TimelineDate
from ..core.event_edits import LinkDraft, link_draft_problem, link_draft_warning
from ..core.event_links import ANALYST_WORDS, FORM_CHOICES, choice_words, links_of
from ..core.model import Event, Link, LinkBasis, Quote, Timeline, chronological, fold, replace
from ..core.source_texts import SourceTexts, exact_quote
from .field_notes import COLORS, QUOTE_CHECK_DELAY_MS, make_note, quote_feedback, show_note
from .record_form import tab_leaves
from .roles import IdRole, Index

TARGET_ROWS = 5  # events the list shows at once


class EventChoices(QAbstractListModel):
    """The events a link can go to (every one but the event edited), in time order,
    narrowed by a search of their titles and dates.  Made when first shown, the words
    searched when first searched (a timeline of 100,000 events opens its form at once)."""

    def __init__(self, timeline: Timeline, exclude: str | None, parent: QObject) -> None:
        super().__init__(parent)
        self._timeline = timeline
        self._exclude = exclude
        self._events: list[Event] | None = None
        self._keys: list[str] | None = None  # each event's title and date, folded
        self._rows: range | list[int] = range(0)  # positions in _events
        self._searched = ""  # the words searched, folded, one space between

    def _all(self) -> list[Event]:
        if self._events is None:
            self._events = [
                e for e in chronological(self._timeline.events) if e.id != self._exclude
            ]
        return self._events

    def _search_keys(self) -> list[str]:
        if self._keys is None:
            words: dict[tuple[TimelineDate, TimelineDate | None], str] = {}  # many share dates
            keys = []
            for e in self._all():
                when = (e.start, e.end)
                date = words.get(when)
                if date is None:
                    date = words[when] = fold(e.date_words())
                keys.append(f"{fold(e.title)} {date}")
            self._keys = keys
        return self._keys

    def search(self, text: str) -> None:
        """Show the events whose title or date holds every word of ``text`` (case and
        accents aside); all of them for no text."""
        words = fold(text).split()
        joined = " ".join(words)
        self.beginResetModel()
        if not words:
            self._rows = range(len(self._all()))
        else:
            keys = self._search_keys()
            narrower = bool(self._searched) and joined.startswith(self._searched)
            rows: range | list[int] = self._rows if narrower else range(len(keys))
            for word in words:  # one pass per word, each over what the last one left
                rows = [i for i in rows if word in keys[i]]
            self._rows = rows
        self._searched = joined
        self.endResetModel()

    def event_at(self, row: int) -> Event:
        return self._all()[self._rows[row]]

    def row_of(self, event_id: str) -> int | None:
        """The row of the event ``event_id``, if the search shows it."""
        events = self._all()
        return next((r for r, i in enumerate(self._rows) if events[i].id == event_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        event = self.event_at(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{event.title} ({event.date_words()})"
        if role == Qt.ItemDataRole.ToolTipRole:
            return event.title
        if role == IdRole:
            return event.id
        return None


class _SearchKeys(QObject):
    """In the search field: Up and Down move through the events found, Enter picks the
    first one (it does not save the form)."""

    def __init__(self, section: LinkSection) -> None:
        super().__init__(section)
        self.section = section

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key, view = event.key(), self.section.targets
        rows = view.model().rowCount()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and rows:
            row = view.currentIndex().row() if view.currentIndex().isValid() else -1
            step = 1 if key == Qt.Key.Key_Down else -1
            self.section.choose_row(min(max(row + step, 0), rows - 1))
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if rows and not view.currentIndex().isValid():
                self.section.choose_row(0)
            return True
        return super().eventFilter(watched, event)


class LinkSection(QWidget):
    """The event's links in the form: a list of them and the "Add a link…" panel."""

    panelShown = Signal()  # the form scrolls it into view

    def __init__(
        self, timeline: Timeline, texts: SourceTexts, event: Event | None, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("linkSection")
        self.timeline, self.texts = timeline, texts
        self.event_id = event.id if event is not None else None
        # any id no event has stands for a new event, whose id is made as it is saved
        self._this = self.event_id or ""
        by_time = {}
        if event is not None:
            for entry in links_of(timeline.links, event.id):
                other = timeline.event(entry.other_id)
                by_time[entry.link.id] = (other.sort_key() if other else (), entry)
        self.entries = [entry for _, entry in sorted(by_time.values(), key=lambda p: p[0])]
        self.removed: set[str] = set()  # ids of the event's links removed
        self.drafts: list[LinkDraft] = []  # links added

        self.rows = QVBoxLayout()
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(2)
        self.none = QLabel("No links to other events.", self)
        self.none.setStyleSheet(f"color: {COLORS['muted']}")
        self.new = QPushButton("Add a link…", self)
        self.new.setObjectName("newLink")
        self.new.setCheckable(True)
        self.new.setToolTip("Link this event to another: what it led to, what it is part of…")
        self.panel = QFrame(self)
        self.panel.setObjectName("linkPanel")
        self.panel.setFrameShape(QFrame.Shape.StyledPanel)
        self._build_panel()
        self.panel.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self.rows)
        layout.addWidget(self.none)
        layout.addWidget(self.new, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.panel)
        self.new.toggled.connect(self.show_panel)
        self._show_rows()

    def _build_panel(self) -> None:
        p = self.panel
        self.kind = QComboBox(p)
        self.kind.setObjectName("linkType")
        self.kind.setToolTip("How the link reads from this event")
        for i, (kind, backward) in enumerate(FORM_CHOICES):
            self.kind.addItem(choice_words(kind, backward), i)
        self.search = QLineEdit(p)
        self.search.setObjectName("linkTargetSearch")
        self.search.setPlaceholderText("Find the other event by its title or date")
        self.search.setClearButtonEnabled(True)
        self.choices = EventChoices(self.timeline, self.event_id, self)
        self.targets = QListView(p)
        self.targets.setObjectName("linkTarget")
        self.targets.setModel(self.choices)
        self.targets.setUniformItemSizes(True)  # 100,000 rows: only those shown are asked
        self.targets.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.targets.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # the title, the date
        self.targets.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.targets.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        rows = self.targets.fontMetrics().height() + 4
        self.targets.setFixedHeight(rows * TARGET_ROWS + 2 * self.targets.frameWidth())
        self.basis = QComboBox(p)
        self.basis.setObjectName("linkBasis")
        self.basis.addItem("Analyst's inference", LinkBasis.ANALYST.value)
        self.basis.addItem("A quote from a source", LinkBasis.SOURCE.value)
        self.basis.setToolTip("Who says the events are linked: you, or a source you quote")
        self.notes = QPlainTextEdit(p)
        self.notes.setObjectName("linkNotes")
        self.notes.setPlaceholderText("Why you infer the link (required)")
        self.notes.setFixedHeight(48)
        tab_leaves(self.notes)
        self.source = QComboBox(p)
        self.source.setObjectName("linkSource")
        self.source.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.source.setMinimumContentsLength(16)
        for s in self.timeline.sources:
            self.source.addItem(s.title, s.id)
        self.quote = QPlainTextEdit(p)
        self.quote.setObjectName("linkQuote")
        self.quote.setPlaceholderText("The passage of the source that states the link")
        self.quote.setFixedHeight(48)
        tab_leaves(self.quote)
        self.quote_note = QLabel(p)
        self.quote_note.setObjectName("linkQuoteNote")
        self.quote_note.setWordWrap(True)
        self.quote_note.setTextFormat(Qt.TextFormat.RichText)
        self.quote_note.hide()
        self.label = QLineEdit(p)
        self.label.setObjectName("linkLabel")
        self.label.setPlaceholderText("optional: a few words shown with the link")
        self.problem = make_note(p, "linkProblem")
        self.add = QPushButton("Add Link", p)
        self.add.setObjectName("addLink")
        self.add.setToolTip("Add this link to the event (saved with the event)")
        self.cancel = QPushButton("Cancel", p)
        self.cancel.setObjectName("cancelLink")
        for button in (self.add, self.cancel):
            button.setAutoDefault(False)  # Enter in the panel never saves the whole form

        self.form = QFormLayout(p)
        self.form.setContentsMargins(6, 6, 6, 6)
        self.form.addRow("This event", self.kind)
        self.form.addRow("Other event", self.search)
        self.form.addRow("", self.targets)
        self.form.addRow("Basis", self.basis)
        self.form.addRow("Why", self.notes)
        self.form.addRow("Source", self.source)
        self.form.addRow("Quote", self.quote)
        self.form.addRow("", self.quote_note)
        self.form.addRow("Label", self.label)
        self.form.addRow(self.problem)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add)
        buttons.addWidget(self.cancel)
        self.form.addRow(buttons)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(QUOTE_CHECK_DELAY_MS)
        self.timer.timeout.connect(self.check_quote)
        self.quote.textChanged.connect(self.timer.start)
        self.source.currentIndexChanged.connect(self.timer.start)
        self._target: str | None = None
        self.search.textChanged.connect(self._search)
        self.search.installEventFilter(_SearchKeys(self))
        self.targets.selectionModel().currentChanged.connect(self._target_changed)
        self.basis.currentIndexChanged.connect(self._show_basis)
        for signal in (self.kind.currentIndexChanged, self.basis.currentIndexChanged,
                       self.notes.textChanged, self.quote.textChanged):  # fmt: skip
            signal.connect(lambda *_: self._warn())  # (a problem said is then gone)
        self.add.clicked.connect(self.add_link)
        self.cancel.clicked.connect(lambda: self.new.setChecked(False))
        self._show_basis()

    # -- the list of links -----------------------------------------------------------------
    def _title(self, event_id: str) -> str:
        other = self.timeline.event(event_id)
        return f"{other.title} ({other.date_words()})" if other is not None else event_id

    def _show_rows(self) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.hide()
                widget.deleteLater()
        for entry in self.entries:
            if entry.link.id not in self.removed:
                text = f"{entry.words} {entry.arrow} {self._title(entry.other_id)}"
                self._add_row(text, _who(entry.link), partial(self._remove_entry, entry.link))
        for draft in self.drafts:
            link = draft.link(self._this)
            (entry,) = links_of([link], self._this)
            text = f"{entry.words} {entry.arrow} {self._title(draft.other_id)} · new"
            self._add_row(text, _who(link), partial(self._remove_draft, draft))
        self.none.setVisible(self.rows.count() == 0)

    def _add_row(self, text: str, tip: str, remove: Callable[[], None]) -> None:
        row = QWidget(self)
        row.setObjectName("linkRow")
        label = QLabel(text, row)
        label.setObjectName("linkRowText")
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setToolTip(tip)
        button = QToolButton(row)
        button.setObjectName("removeLink")
        button.setText("Remove")
        button.setToolTip("Remove this link (when the event is saved)")
        button.clicked.connect(lambda: remove())
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(label, 1)
        line.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.rows.addWidget(row)

    def _remove_entry(self, link: Link) -> None:
        self.removed.add(link.id)
        self._show_rows()

    def _remove_draft(self, draft: LinkDraft) -> None:
        self.drafts.remove(draft)
        self._show_rows()

    def links_now(self) -> list[Link]:
        """The event's links as the form holds them (a new event's as from ``""``)."""
        kept = [e.link for e in self.entries if e.link.id not in self.removed]
        return kept + [d.link(self._this) for d in self.drafts]

    # -- the panel -------------------------------------------------------------------------
    def show_panel(self, on: bool) -> None:
        if self.new.isChecked() != on:
            self.new.setChecked(on)  # (toggled: back here)
            return
        self.panel.setVisible(on)
        if not on:
            self._clear_panel()
            return
        if self.choices.rowCount() == 0 and not self.search.text():
            self.choices.search("")  # the events, made now
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.panelShown.emit()

    def _clear_panel(self) -> None:
        self.search.clear()
        self.targets.clearSelection()
        self.targets.setCurrentIndex(QModelIndex())
        self._target = None
        for text in (self.notes, self.quote):
            text.clear()
        self.label.clear()
        show_note(self.problem, "", "ok")

    def _show_basis(self) -> None:
        quoted = self.basis.currentData() == LinkBasis.SOURCE.value
        for widget in (self.source, self.quote, self.quote_note):
            self.form.setRowVisible(widget, quoted)
        self.form.setRowVisible(self.notes, not quoted)
        if quoted:
            self.check_quote()

    def _search(self, text: str) -> None:
        target = self._target
        self.choices.search(text)
        row = self.choices.row_of(target) if target is not None else None
        if row is not None:
            self.choose_row(row)
        else:
            self._target = None

    def choose_row(self, row: int) -> None:
        index = self.choices.index(row, 0)
        self.targets.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.targets.scrollTo(index)

    def _target_changed(self, current: QModelIndex | QPersistentModelIndex, _: object) -> None:
        value = current.data(IdRole) if current.isValid() else None
        self._target = value if isinstance(value, str) else None
        self._warn()

    def _warn(self) -> None:
        """A doubt about the link chosen (led to an earlier event), said, not stopping it."""
        other = self.timeline.event(self._target) if self._target else None
        warning = link_draft_warning(self.draft(), self.timeline.event(self._this), other)
        show_note(self.problem, warning, "warn")

    def check_quote(self) -> None:
        self.timer.stop()
        typed = bool(self.quote.toPlainText().strip())
        quote_feedback(self.quote_note, self.timeline, self.texts, self._quote(), typed)

    def _quote(self) -> Quote | None:
        text, source = self.quote.toPlainText().strip(), self.source.currentData()
        return Quote(source, text) if text and isinstance(source, str) else None

    def draft(self) -> LinkDraft:
        """The link the panel holds, as typed."""
        kind, backward = FORM_CHOICES[int(self.kind.currentData())]
        return LinkDraft(
            kind,
            self._target or "",
            backward,
            LinkBasis(self.basis.currentData()),
            self._quote(),
            self.notes.toPlainText(),
            self.label.text(),
        )

    def pending(self) -> bool:
        """Whether the panel holds a link begun and not added yet."""
        typed = (self.notes.toPlainText(), self.quote.toPlainText(), self.label.text())
        return self.panel.isVisible() and (self._target is not None or any(typed))

    def add_link(self) -> bool:
        """Add the panel's link to the list; or say why it cannot be added (False)."""
        draft = self.draft()
        problem = link_draft_problem(draft, self._this, self.links_now())
        if problem:
            show_note(self.problem, problem, "error")
            return False
        self.drafts.append(draft)
        self.new.setFocus(Qt.FocusReason.OtherFocusReason)  # (before its field is hidden)
        self.new.setChecked(False)  # the panel closes and is emptied
        self._show_rows()
        return True

    def commit_pending(self) -> bool:
        """OK pressed: a link begun in the panel is added first; False (the form stays
        open) when it cannot be, and the panel says why."""
        return self.add_link() if self.pending() else True

    # -- the result ------------------------------------------------------------------------
    def state(self) -> object:
        """What the section holds now: a link begun in the panel counts (Esc asks first)."""
        return frozenset(self.removed), tuple(self.drafts), self.draft() if self.pending() else None

    def removed_links(self) -> tuple[str, ...]:
        return tuple(sorted(self.removed))

    def new_links(self) -> tuple[LinkDraft, ...]:
        """The links added, their quotes as the sources write them where found there."""
        return tuple(
            replace(d, quote=exact_quote(self.texts, self.timeline, d.quote))
            if d.quote is not None and d.basis is LinkBasis.SOURCE
            else d
            for d in self.drafts
        )


def _who(link: Link) -> str:
    """Who says the events are linked, for a row's tooltip."""
    head = f"{link.label}\n" if link.label else ""
    if link.basis is LinkBasis.ANALYST:
        return head + ANALYST_WORDS.capitalize() + (f": {link.notes}" if link.notes else "")
    if link.quote is not None:
        return head + f"“{link.quote.text}”"
    return head.strip()
