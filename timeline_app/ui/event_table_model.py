"""The event list's model: a flat table over the core's visible positions.

No proxy model: the core filters, and sorting by a column is one Python sort of the visible
positions (a ``QSortFilterProxyModel`` with Python callbacks costs seconds at 100,000 rows).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from ..core.model import Event
from .document import Document
from .plain import plain_tooltip

Index = QModelIndex | QPersistentModelIndex

DATE, TITLE, ACTORS, STATUS = range(4)
HEADERS = ("Date", "Title", "Actors", "Status")
EventIdRole = Qt.ItemDataRole.UserRole + 1


class EventTableModel(QAbstractTableModel):
    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self.document = document
        self._rows: list[int] = []  # positions, in display order
        self._names: dict[str, str] = {}  # actor id -> name, for the Actors column
        self._sort: tuple[int, Qt.SortOrder] = (DATE, Qt.SortOrder.AscendingOrder)
        document.visibleChanged.connect(self.refresh)
        document.recordsChanged.connect(self._records_changed)
        self.refresh()

    # -- rows --------------------------------------------------------------------------
    def refresh(self) -> None:
        self.beginResetModel()
        self._names = {a.id: a.name for a in self.document.timeline.actors}
        self._rows = self._sorted(list(self.document.store.visible.positions))
        self.endResetModel()

    def _records_changed(self) -> None:
        self._names = {a.id: a.name for a in self.document.timeline.actors}
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 3))

    def _sorted(self, rows: list[int]) -> list[int]:
        column, order = self._sort
        events = self.document.store.index.events
        names = {a.id: a.name.casefold() for a in self.document.timeline.actors}
        if column == TITLE:
            rows.sort(key=lambda p: events[p].title.casefold())
        elif column == ACTORS:
            rows.sort(key=lambda p: [names.get(a, a) for a in events[p].actors])
        elif column == STATUS:
            rows.sort(key=lambda p: events[p].status.value)
        # DATE: positions are already chronological (a stable sort keeps it within ties)
        if order == Qt.SortOrder.DescendingOrder:
            rows.reverse()
        return rows

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._rows = self._sorted(list(self.document.store.visible.positions))
        self.layoutChanged.emit()

    def event_at(self, row: int) -> Event:
        return self.document.store.event_at(self._rows[row])

    def row_of(self, event_id: str) -> int | None:
        position = self.document.store.position_of(event_id)
        if position is None or position not in self.document.store.visible:
            return None
        if self._sort[0] == DATE:
            rank = self.document.store.visible.rank(position)
            if rank is None:
                return None
            asc = self._sort[1] == Qt.SortOrder.AscendingOrder
            return rank if asc else len(self._rows) - 1 - rank
        try:
            return self._rows.index(position)
        except ValueError:
            return None

    # -- Qt model API ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        event = self.event_at(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == DATE:
                return event.date_words()
            if column == TITLE:
                return event.title
            if column == ACTORS:
                names = self._names
                return ", ".join(names.get(a, a) for a in event.actors)
            return event.status.value
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == TITLE and event.summary:
                return plain_tooltip(event.summary)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS:
            return None if event.status.value == "reported" else QColor("#B35900")
        if role == EventIdRole:
            return event.id
        return None
