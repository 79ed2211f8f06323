"""The event form: add or edit one event.

Dates are free text read by the core's parser, with live feedback under the field; quotes
are checked against their source as the user types (debounced); OK stays disabled until the
form is valid, and each invalid field says why next to it.  The event's links are listed,
added and removed in its Links section (:mod:`~timeline_app.ui.form_links`).  The form
builds records; the main window turns them into an undoable change.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, QStringListModel, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core.actor_names import ActorNames, join_names, split_names
from ..core.dates import TimelineDate, ends_before_start
from ..core.event_edits import EventFields, LinkDraft, event_from_fields
from ..core.grades import CREDIBILITY_WORDS
from ..core.model import UNJUDGED, Actor, DateBasis, Event, Quote, Stance, Status, Timeline
from ..core.quotes import find_quote
from ..core.source_texts import SourceTexts
from .field_notes import (
    QUOTE_CHECK_DELAY_MS,
    date_feedback,
    make_note,
    quote_feedback,
    show_note,
)
from .form_links import LinkSection
from .prompts import Prompts
from .record_form import RecordForm, tab_leaves

_LEAVING = (
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.MouseFocusReason,
)


class ListCompleter(QCompleter):
    """Completes the last name of a list separated by commas or semicolons."""

    def __init__(self, words: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(QStringListModel(words, self))  # the completer keeps its model
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self._head = ""  # the names before the one being typed, as typed

    def splitPath(self, path: str) -> list[str]:
        cut = max(path.rfind(","), path.rfind(";")) + 1
        self._head = path[:cut].rstrip() + " " if cut else ""
        return [path[cut:].strip()]

    def pathFromIndex(self, index: object) -> str:
        chosen = str(index.data())  # type: ignore[attr-defined]
        return f"{self._head}{join_names([chosen])}, "


class QuoteEditor(QWidget):
    """One quote: its text, its source and whether the source contains it."""

    def __init__(self, form: EventForm, first: bool) -> None:
        super().__init__(form)
        self.form = form
        self.text = QPlainTextEdit(self)
        tab_leaves(self.text)
        self.text.setPlaceholderText("Paste the passage exactly as the source words it")
        self.text.setFixedHeight(64)
        self.source = QComboBox(self)
        for s in form.timeline.sources:
            self.source.addItem(s.title, s.id)
        self.source.setToolTip("The source this passage is quoted from")
        self.source.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.source.setMinimumContentsLength(16)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.hide()
        if first:
            self.text.setObjectName("quoteEdit")
            self.source.setObjectName("sourceEdit")
        self.remove = QPushButton("Remove", self)
        self.remove.setToolTip("Remove this quote")
        # how far the passage can be believed, and whether it bears the event out
        self.credibility = QComboBox(self)
        self.credibility.setToolTip("The Admiralty credibility of this passage")
        for grade, words in CREDIBILITY_WORDS.items():
            self.credibility.addItem(f"{grade} — {words}", grade)
        self.credibility.setCurrentIndex(self.credibility.findData(UNJUDGED))
        self.stance = QComboBox(self)
        self.stance.addItem("supports the event", Stance.SUPPORTS.value)
        self.stance.addItem("contradicts the event", Stance.CONTRADICTS.value)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText("optional note: what differs, or why")
        if first:
            self.credibility.setObjectName("credibilityEdit")
            self.stance.setObjectName("stanceEdit")
            self.note.setObjectName("quoteNoteEdit")
        row = QHBoxLayout()
        row.addWidget(QLabel("Source", self))
        row.addWidget(self.source, 1)
        row.addWidget(self.remove)
        weight = QHBoxLayout()
        weight.addWidget(QLabel("Credibility", self))
        weight.addWidget(self.credibility, 1)
        weight.addWidget(self.stance)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.addWidget(self.text)
        layout.addLayout(row)
        layout.addLayout(weight)
        layout.addWidget(self.note)
        layout.addWidget(self.status)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(QUOTE_CHECK_DELAY_MS)
        self.timer.timeout.connect(self.check)
        self.text.textChanged.connect(self.timer.start)
        self.source.currentIndexChanged.connect(self.timer.start)
        self.remove.clicked.connect(lambda: form.remove_quote(self))

    def weight(self) -> tuple[int, Stance, str]:
        """The quote's credibility, stance and note, as chosen."""
        return (
            int(self.credibility.currentData()),
            Stance(self.stance.currentData()),
            self.note.text(),
        )

    def show_weight(self, quote: Quote) -> None:
        self.credibility.setCurrentIndex(self.credibility.findData(quote.credibility))
        self.stance.setCurrentIndex(self.stance.findData(quote.stance.value))
        self.note.setText(quote.note)

    def quote(self) -> Quote | None:
        text = self.text.toPlainText().strip()
        source = self.source.currentData()
        if not text or not isinstance(source, str):
            return None
        return Quote(source, text)

    def check(self) -> None:
        """Find the quote in its source's text; show where, or the closest passage."""
        self.timer.stop()
        typed = bool(self.text.toPlainText().strip())
        quote_feedback(self.status, self.form.timeline, self.form.texts, self.quote(), typed)

    @property
    def found(self) -> bool | None:
        """True if found, False if not, None if it cannot be checked (tests read this)."""
        quote = self.quote()
        source = self.form.timeline.source(quote.source) if quote else None
        text = self.form.texts.normalised(source) if source else None
        if quote is None or text is None:
            return None
        return find_quote(quote.text, text) is not None


@dataclass(frozen=True)
class FormResult:
    event: Event
    new_actors: tuple[Actor, ...]
    removed_links: tuple[str, ...] = ()  # ids of the event's links removed
    new_links: tuple[LinkDraft, ...] = ()  # links added, read from the event


class EventForm(RecordForm):
    def __init__(
        self,
        prompts: Prompts,
        timeline: Timeline,
        texts: SourceTexts,
        event: Event | None = None,
        start: TimelineDate | None = None,
        parent: QWidget | None = None,
        draft: EventFields | None = None,
    ) -> None:
        super().__init__(prompts, timeline, "event", event is not None, parent)
        self.texts = texts
        self.original = event
        self.setMinimumWidth(520)

        self.title = self.line("titleEdit", "What happened, in a few words")
        self.title_note = make_note(self)
        self.start = self.line("startEdit", 'e.g. "27 July 1953", "Nov 2024", "2016", "1980s"')
        self.start_note = make_note(self)
        self.end = self.line("endEdit", "optional: when it ended (a span)")
        self.end_note = make_note(self)
        self.actors = self.line(
            "actorsEdit", "Actors, separated by commas (new names create actors)"
        )
        self.actors.setCompleter(ListCompleter([a.name for a in timeline.actors], self))
        self.actors_note = make_note(self)
        self.status = QComboBox(self)
        self.status.setObjectName("statusEdit")
        for s in Status:
            self.status.addItem(s.value, s.value)
        self.basis = QComboBox(self)
        self.basis.setObjectName("dateBasisEdit")
        self.basis.addItem("the quoted source", DateBasis.SOURCE.value)
        self.basis.addItem("elsewhere (say where in the notes)", DateBasis.ELSEWHERE.value)
        self.tags = self.line("tagsEdit", "optional, separated by commas")
        self.summary = QPlainTextEdit(self)
        tab_leaves(self.summary)
        self.summary.setObjectName("summaryEdit")
        self.summary.setFixedHeight(60)
        self.notes = QPlainTextEdit(self)
        tab_leaves(self.notes)
        self.notes.setObjectName("notesEdit")
        self.notes.setFixedHeight(52)
        self.quotes_box = QVBoxLayout()
        self.quote_editors: list[QuoteEditor] = []
        self.add_quote_button = QPushButton("Add another quote", self)
        self.add_quote_button.setObjectName("addQuote")
        self.links = LinkSection(timeline, texts, event, self)

        form = QFormLayout()
        for label, field, note in (
            ("&Title", self.title, self.title_note),
            ("&Start", self.start, self.start_note),
            ("&End", self.end, self.end_note),
            ("&Actors", self.actors, self.actors_note),
            ("Stat&us", self.status, None),
            ("Date &from", self.basis, None),
            ("Ta&gs", self.tags, None),
            ("Su&mmary", self.summary, None),
        ):
            form.addRow(label, field)
            if note is not None:
                form.addRow("", note)
        quotes = QWidget(self)
        quotes_layout = QVBoxLayout(quotes)
        quotes_layout.setContentsMargins(0, 0, 0, 0)
        quotes_layout.addLayout(self.quotes_box)
        quotes_layout.addWidget(self.add_quote_button, 0, Qt.AlignmentFlag.AlignLeft)
        form.addRow("&Quotes", quotes)
        form.addRow("&Notes", self.notes)
        form.addRow("&Links", self.links)
        links_label = form.labelForField(self.links)
        if isinstance(links_label, QLabel):
            links_label.setBuddy(self.links.new)  # Alt+L: add a link
        body = QWidget(self)
        body.setLayout(form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.buttons)
        self.links.panelShown.connect(lambda: QTimer.singleShot(0, self._show_link_panel))
        self._scroll, self._body = scroll, body

        self.add_quote_button.clicked.connect(lambda: self.add_quote().text.setFocus())
        for w in (self.title, self.start, self.end, self.actors):
            w.textChanged.connect(self.validate)

        self._touched: set[QLineEdit] = set()
        for field in (self.title, self.start):
            field.installEventFilter(self)  # left by Tab or a click: "visited"
            field.textEdited.connect(lambda _text, f=field: self._touched.add(f))
        if draft is not None and event is None:
            self._fill_draft(draft)
        else:
            self._fill(event, start)
        self.validate()

    # -- filling -----------------------------------------------------------------------
    def _fill(self, event: Event | None, start: TimelineDate | None) -> None:
        if event is None:
            if start is not None:
                self.start.setText(start.words())
            self.add_quote()
            self._fit_screen()
            return
        names = {a.id: a.name for a in self.timeline.actors}
        self.title.setText(event.title)
        self.start.setText(event.start.words())
        self.end.setText(event.end.words() if event.end else "")
        self.actors.setText(join_names(names.get(a, a) for a in event.actors))
        self.status.setCurrentIndex(self.status.findData(event.status.value))
        self.basis.setCurrentIndex(self.basis.findData(event.date_basis.value))
        self.tags.setText(join_names(event.tags))
        self.summary.setPlainText(event.summary)
        self.notes.setPlainText(event.notes)
        for quote in event.quotes or (None,):
            editor = self.add_quote()
            if quote is not None:
                editor.text.setPlainText(quote.text)
                i = editor.source.findData(quote.source)
                if i >= 0:
                    editor.source.setCurrentIndex(i)
                editor.show_weight(quote)
                editor.check()
        self._touched.update((self.title, self.start))  # editing: say at once what is wrong
        self._fit_screen()

    def _fill_draft(self, draft: EventFields) -> None:
        """A new event, its fields filled in as typed (a proposal found in a text)."""
        self.title.setText(draft.title)
        self.start.setText(draft.start)
        self.end.setText(draft.end)
        self.actors.setText(draft.actors)
        self.status.setCurrentIndex(self.status.findData(draft.status.value))
        self.basis.setCurrentIndex(self.basis.findData(draft.date_basis.value))
        self.tags.setText(draft.tags)
        self.summary.setPlainText(draft.summary)
        self.notes.setPlainText(draft.notes)
        for source_id, text in draft.quotes or (("", ""),):
            editor = self.add_quote()
            editor.text.setPlainText(text)
            i = editor.source.findData(source_id)
            if i >= 0:
                editor.source.setCurrentIndex(i)
            if text:
                editor.check()
        self._touched.update(f for f in (self.title, self.start) if f.text())
        self._fit_screen()

    def showEvent(self, event: QShowEvent) -> None:
        """Wide enough for the fields beside a scroll bar (known once styled): the form
        never hides a field's end, nor scrolls sideways to show it."""
        bar = self._scroll.verticalScrollBar().sizeHint().width()
        self._scroll.setMinimumWidth(self._body.minimumSizeHint().width() + bar)
        self.setMinimumWidth(max(self.minimumWidth(), self.minimumSizeHint().width()))
        if self.width() < self.minimumWidth():
            self.resize(self.minimumWidth(), self.height())
        super().showEvent(event)

    def _fit_screen(self) -> None:
        """640 px tall, or less on a small screen, so OK and Cancel are always reachable."""
        screen = self.screen()
        room = screen.availableGeometry().height() - 60 if screen is not None else 640
        self.resize(560, max(360, min(640, room)))

    def _show_link_panel(self) -> None:
        """The links panel, opened, scrolled into view (down only: never sideways)."""
        panel = self.links.panel
        top = panel.mapTo(self._body, QPoint(0, 0)).y()
        self._scroll.ensureVisible(0, top + panel.height(), 0, 8)
        self._scroll.ensureVisible(0, top, 0, 8)

    def add_quote(self) -> QuoteEditor:
        editor = QuoteEditor(self, first=not self.quote_editors)
        self.quote_editors.append(editor)
        self.quotes_box.addWidget(editor)
        self._show_remove_buttons()
        return editor

    def _show_remove_buttons(self) -> None:
        """Each quote can be removed while there are several; the last one is cleared."""
        for editor in self.quote_editors:
            editor.remove.setVisible(len(self.quote_editors) > 1)

    def remove_quote(self, editor: QuoteEditor) -> None:
        if len(self.quote_editors) <= 1:
            editor.text.clear()
            return
        self.quote_editors.remove(editor)
        editor.deleteLater()
        if self.quote_editors and self.quote_editors[0].text.objectName() != "quoteEdit":
            self.quote_editors[0].text.setObjectName("quoteEdit")
            self.quote_editors[0].source.setObjectName("sourceEdit")
        self._show_remove_buttons()

    # -- validation --------------------------------------------------------------------
    def validate(self) -> bool:
        """Check every field; a required field left empty is only called out once the user
        has been in it (or tried to save), so a new form does not open in red."""
        ok = True
        title_missing = "A title is required." if self.title in self._touched else ""
        if self.title.text().strip():
            show_note(self.title_note, "", "ok")
        else:
            show_note(self.title_note, title_missing, "error")
            ok = False
        start_missing = "A start date is required." if self.start in self._touched else ""
        start = date_feedback(self.start, self.start_note, start_missing)
        end = date_feedback(self.end, self.end_note)
        if start is None or (self.end.text().strip() and end is None):
            ok = False
        if end is not None and ends_before_start(start, end):
            show_note(self.end_note, f"The end ({end.words()}) is before the start.", "error")
            ok = False
        new = self.new_actor_names()
        if new:
            plural = "s" if len(new) > 1 else ""
            names = ", ".join(new)
            show_note(self.actors_note, f"New actor{plural} will be created: {names}", "warn")
        else:
            show_note(self.actors_note, "", "ok")
        self.ok.setEnabled(ok)
        return ok

    def new_actor_names(self) -> list[str]:
        names = ActorNames(self.timeline.actors)
        return [n for n in split_names(self.actors.text()) if names.find(n) is None]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A required field the user leaves (Tab, Shift+Tab, a click elsewhere) says at once
        if it is empty: ``editingFinished`` does not, when nothing was typed."""
        if (
            event.type() == QEvent.Type.FocusOut
            and watched in (self.title, self.start)
            and isinstance(event, QFocusEvent)
            and event.reason() in _LEAVING
        ):
            self._touched.add(watched)
            self.validate()
        return super().eventFilter(watched, event)

    def accept_if_valid(self) -> None:
        self._touched.update((self.title, self.start))  # every note shows
        self.accept()

    def accept(self) -> None:
        """A link begun in the links panel is added first (or the form says why not)."""
        if self.validate() and self.links.commit_pending():
            super().accept()

    # -- result ------------------------------------------------------------------------
    def state(self) -> object:
        return self.fields(), self.links.state()

    def fields(self) -> EventFields:
        """What the form holds, as typed."""
        typed = [(e.quote(), e.weight()) for e in self.quote_editors]
        quotes = tuple((q.source, q.text) for q, _ in typed if q is not None)
        weights = tuple(w for q, w in typed if q is not None)
        return EventFields(
            title=self.title.text(),
            start=self.start.text(),
            end=self.end.text(),
            actors=self.actors.text(),
            tags=self.tags.text(),
            status=Status(self.status.currentData()),
            date_basis=DateBasis(self.basis.currentData()),
            summary=self.summary.toPlainText(),
            notes=self.notes.toPlainText(),
            quotes=quotes,
            weights=weights,
        )

    def result_event(self) -> FormResult:
        """The event the form describes (call when valid), with the actors it creates."""
        event, new_actors = event_from_fields(
            self.timeline, self.fields(), self.original, self.texts
        )
        links = self.links
        return FormResult(event, new_actors, links.removed_links(), links.new_links())
