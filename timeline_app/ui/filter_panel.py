"""The filter panel: text search, date range, evidence (support, least source grade,
source) and the actor list with its mode switch.

Every control writes the document's one :class:`FilterState` and redraws from it; none of
them is the source of truth.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, QPoint, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..core.dates import TimelineDate, ends_before_start
from ..core.evidence import SUPPORT_NAMES, Support
from ..core.filters import ActorMode, FilterState
from ..core.model import RELIABILITIES
from .actor_model import NAME, ActorModel
from .document import Document
from .field_notes import read_date, show_note
from .roles import IdRole

SEARCH_DELAY_MS = 150  # debounce: typing stays fluid on big timelines
_AS_ASKED = "as asked"  # the combo entry for a choice the command line made


def _choose(combo: QComboBox, value: object, asked: str) -> None:
    """Select ``value`` in ``combo`` without writing the filter; ``asked``: the words of a
    choice none of its entries holds (several supports or sources asked for)."""
    combo.blockSignals(True)
    at = combo.findData(_AS_ASKED)
    if at >= 0:
        combo.removeItem(at)
    if asked:
        combo.addItem(asked, _AS_ASKED)
        combo.setCurrentIndex(combo.count() - 1)
    else:
        i = combo.findData(value)
        combo.setCurrentIndex(max(i, 0))
    combo.blockSignals(False)


class DateField(QLineEdit):
    """A free-text date ("1980s", "Nov 2024") that shows why it is not a date."""

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.error = ""

    def date(self) -> TimelineDate | None:
        date, self.error = read_date(self.text())
        return date


class FilterPanel(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.search = QLineEdit(self)
        self.search.setObjectName("searchField")
        self.search.setPlaceholderText("Search titles, summaries, quotes, actors…")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("Filter events by text (Ctrl+F); case and accents are ignored")
        self.date_from = DateField("from, e.g. 1980s", self)
        self.date_from.setObjectName("dateFrom")
        self.date_to = DateField("to, e.g. Nov 2024", self)
        self.date_to.setObjectName("dateTo")
        self.date_note = QLabel(self)
        self.date_note.setObjectName("dateNote")
        self.date_note.setWordWrap(True)
        self.date_note.hide()

        # the evidence: one choice each (the command line may ask for several: shown as asked)
        self.support = QComboBox(self)
        self.support.setObjectName("supportFilter")
        self.support.setToolTip("Show events as well supported as this")
        self.support.addItem("Any support", None)
        for support in Support:
            self.support.addItem(SUPPORT_NAMES[support].capitalize(), support.value)
        self.grade = QComboBox(self)
        self.grade.setObjectName("gradeFilter")
        self.grade.setToolTip("Show events quoting a source graded this well (A best)")
        self.grade.addItem("Any grade", "")
        for letter in RELIABILITIES[:-1]:
            self.grade.addItem(f"{letter}{' or better' if letter != 'A' else ''}", letter)
        self.source = QComboBox(self)
        self.source.setObjectName("sourceFilter")
        self.source.setToolTip("Show events quoting this source")
        self.source.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.source.setMinimumContentsLength(8)

        self.actor_search = QLineEdit(self)
        self.actor_search.setObjectName("actorSearch")
        self.actor_search.setPlaceholderText("Find an actor…")
        self.actor_search.setClearButtonEnabled(True)
        self.mode = QComboBox(self)
        self.mode.setObjectName("actorMode")
        self.mode.addItem("Any of the checked actors", ActorMode.ANY.value)
        self.mode.addItem("All of the checked actors", ActorMode.ALL.value)
        self.mode.setToolTip("Show events with any checked actor, or only events where all act")
        self.model = ActorModel(document)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(NAME)
        self.actors = QTreeView(self)
        self.actors.setObjectName("actorList")
        self.actors.setModel(self.proxy)
        self.actors.setRootIsDecorated(False)
        self.actors.setUniformRowHeights(True)
        self.actors.setAlternatingRowColors(True)
        self.actors.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.actors.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.actors.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.only = QPushButton("Only this", self)
        self.only.setObjectName("onlyActor")
        self.only.setToolTip("Show only the selected actor's events")
        self.show_all = QPushButton("Show all", self)
        self.show_all.setObjectName("showAllActors")
        self.show_all.setToolTip("Check every actor")
        self.reset = QPushButton("Reset filters", self)
        self.reset.setObjectName("resetFilters")
        self.reset.setToolTip("Clear the text, dates, evidence and actor filters (Ctrl+Shift+R)")

        dates = QFormLayout()
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addRow("From", self.date_from)
        dates.addRow("To", self.date_to)
        dates.addRow(self.date_note)  # under the dates, the whole width; hidden when fine
        dates.addRow("Support", self.support)  # one form: the fields line up
        dates.addRow("Grade", self.grade)
        dates.addRow("Source", self.source)
        buttons = QHBoxLayout()
        buttons.addWidget(self.only)
        buttons.addWidget(self.show_all)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addLayout(dates)
        heading = QLabel("<b>Actors</b>", self)
        layout.addWidget(heading)
        layout.addWidget(self.actor_search)
        layout.addWidget(self.mode)
        layout.addWidget(self.actors, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.reset)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_text)
        self.search.textEdited.connect(lambda _: self._search_timer.start())
        self.search.returnPressed.connect(self._apply_text)
        self.date_from.editingFinished.connect(self._apply_dates)
        self.date_to.editingFinished.connect(self._apply_dates)
        self.date_from.textChanged.connect(self._date_text_changed)
        self.date_to.textChanged.connect(self._date_text_changed)
        self.actor_search.textChanged.connect(self.proxy.setFilterFixedString)
        self.mode.currentIndexChanged.connect(self._apply_mode)
        self.support.activated.connect(self._apply_evidence)
        self.grade.activated.connect(self._apply_evidence)
        self.source.activated.connect(self._apply_evidence)
        self.only.clicked.connect(self._only_selected)
        self.show_all.clicked.connect(self.show_all_actors)
        self.reset.clicked.connect(self.reset_filters)
        self.actors.customContextMenuRequested.connect(self._context_menu)
        document.filterChanged.connect(self.sync_from_document)
        document.reset.connect(self.sync_from_document)
        self.sync_from_document()

    # -- writing the filter ------------------------------------------------------------
    def _apply_text(self) -> None:
        self._search_timer.stop()
        self.document.set_filter(replace(self.document.filter, text=self.search.text()))

    def _date_text_changed(self) -> None:
        if not self.date_from.text().strip() and not self.date_to.text().strip():
            self._apply_dates()

    def _apply_dates(self) -> None:
        start, end = self.date_from.date(), self.date_to.date()
        errors = []
        for field in (self.date_from, self.date_to):
            bad = bool(field.error)
            field.setStyleSheet("border: 1px solid #C00000;" if bad else "")
            if bad:  # the first clause says what is wrong; the form's help lists the rest
                errors.append(field.error.split(";")[0] + ' (try "1980s" or "Nov 2024").')
        if ends_before_start(start, end):
            errors.append("“To” is before “From”.")
        show_note(self.date_note, "\n".join(errors), "error")
        if errors:
            return
        self.document.set_filter(replace(self.document.filter, date_from=start, date_to=end))

    def _apply_evidence(self) -> None:
        """The three evidence choices into the filter (an "as asked" entry keeps what the
        command line asked for)."""
        state = self.document.filter
        support, source = self.support.currentData(), self.source.currentData()
        if support != _AS_ASKED:
            state = replace(state, support=frozenset({Support(support)}) if support else None)
        if source != _AS_ASKED:
            state = replace(state, sources=frozenset({source}) if source else None)
        self.document.set_filter(replace(state, min_grade=str(self.grade.currentData() or "")))

    def _apply_mode(self) -> None:
        mode = ActorMode(self.mode.currentData())
        self.document.set_filter(replace(self.document.filter, mode=mode))

    def selected_actor(self) -> str | None:
        index = self.actors.currentIndex()
        if not index.isValid():
            return None
        value = index.siblingAtColumn(NAME).data(IdRole)
        return value if isinstance(value, str) else None

    def show_only(self, actor_id: str) -> None:
        self.document.set_filter(replace(self.document.filter, checked=frozenset({actor_id})))

    def _only_selected(self) -> None:
        actor_id = self.selected_actor()
        if actor_id is not None:
            self.show_only(actor_id)

    def show_all_actors(self) -> None:
        self.document.set_filter(replace(self.document.filter, checked=None))

    def reset_filters(self) -> None:
        for field in (self.date_from, self.date_to):  # an unreadable date goes too
            field.clear()
            field.error = ""
            field.setStyleSheet("")
        self.date_note.hide()
        self.document.set_filter(self.document.filter.cleared())

    def _context_menu(self, pos: QPoint) -> None:
        index = self.actors.indexAt(pos)
        menu = QMenu(self)
        menu.aboutToHide.connect(menu.deleteLater)  # one menu per click, gone once used
        if index.isValid():
            self.actors.setCurrentIndex(index)
            menu.addAction("Only this actor", self._only_selected)
        menu.addAction("Show all", self.show_all_actors)
        menu.popup(self.actors.viewport().mapToGlobal(pos))

    # -- reading it back ---------------------------------------------------------------
    def sync_from_document(self) -> None:
        state = self.document.filter
        if self.search.text() != state.text and not self._search_timer.isActive():
            self.search.setText(state.text)
        for field, date in ((self.date_from, state.date_from), (self.date_to, state.date_to)):
            current = field.date()
            if current != date:
                field.setText(date.words() if date else "")
        self.date_note.hide()
        i = self.mode.findData(state.mode.value)
        if i != self.mode.currentIndex():
            self.mode.blockSignals(True)
            self.mode.setCurrentIndex(i)
            self.mode.blockSignals(False)
        self.only.setEnabled(bool(self.document.timeline.actors))
        self._show_evidence(state)

    def _show_evidence(self, state: FilterState) -> None:
        timeline = self.document.timeline
        support = state.support
        if support is not None and len(support) > 1:
            words = FilterState(support=support).describe(timeline)
            _choose(self.support, None, f"As asked: {words}")
        else:
            _choose(self.support, next(iter(support)).value if support else None, "")
        _choose(self.grade, state.min_grade, "")
        self.source.blockSignals(True)
        self.source.clear()
        self.source.addItem("Any source", None)
        for s in timeline.sources:
            self.source.addItem(s.title, s.id)
        self.source.blockSignals(False)
        sources = state.sources
        if sources is not None and len(sources) > 1:
            _choose(self.source, None, f"As asked: {len(sources)} sources")
        else:
            _choose(self.source, next(iter(sources)) if sources else None, "")
        self.source.setEnabled(bool(timeline.sources))

    def actor_rows(self) -> list[QModelIndex]:
        return [self.proxy.index(r, NAME) for r in range(self.proxy.rowCount())]
