"""The event list under the timeline: a table over the event model, sorted by date, one
row selected at a time (the document's current event)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from .event_table_model import DATE, TITLE, EventTableModel

ACTORS, STATUS = 2, 3


class EventList(QTableView):
    def __init__(self, model: EventTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventList")
        self.setModel(model)
        self.event_model = model
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSortingEnabled(True)
        self.sortByColumn(DATE, Qt.SortOrder.AscendingOrder)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.set_column_widths(narrow=False)

    def set_column_widths(self, narrow: bool) -> None:
        """On a narrow window the title keeps the room."""
        header = self.horizontalHeader()
        header.resizeSection(DATE, 132 if narrow else 140)
        header.resizeSection(ACTORS, 110 if narrow else 170)
        header.resizeSection(STATUS, 72)

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Home and End go to the first and the last event (a table would go to the first
        and last column of the row, which a list of whole rows does not show)."""
        Move = QAbstractItemView.CursorAction
        rows = self.model().rowCount()
        if action in (Move.MoveHome, Move.MoveEnd) and rows:
            row = 0 if action == Move.MoveHome else rows - 1
            return self.model().index(row, max(self.currentIndex().column(), 0))
        return super().moveCursor(action, modifiers)

    def select_event(self, event_id: str | None) -> None:
        """Select (and show) the row of ``event_id``; None, or an event not listed, clears.
        While an edit moves the rows, nothing: the model's ``settled`` asks again."""
        if self.event_model.busy:
            return
        sm = self.selectionModel()
        row = self.event_model.row_of(event_id) if event_id is not None else None
        if row is None:
            sm.clearSelection()
            sm.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
            return
        index = self.event_model.index(row, 0)
        if sm.currentIndex().row() != row or not sm.isRowSelected(row):
            sm.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self.scrollTo(index)
