"""A flat model of one kind of record (actors, sources), one row each, known by its id.

It follows each edit row by row (:mod:`~timeline_app.ui.row_moves`): a record added or
removed inserts or removes its row, every other row is marked changed (its counts may
have moved); only a new document resets it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from .document import Document
from .roles import IdRole, Index
from .row_moves import follow


class _Record(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=_Record)


RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Rows can be selected, not edited; a subclass says which records there are
    (:meth:`records`), what else it keeps about them (:meth:`load`), its columns
    (:attr:`headers`; :attr:`count_column` holds a number, right-aligned) and what a cell
    shows (:meth:`cell`)."""

    headers: tuple[str, ...] = ()
    count_column = -1

    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self.document = document
        self._ids: list[str] = []
        self._by_id: dict[str, R] = {}
        self._states: dict[str, object] = {}  # each row's row_state, as last shown
        document.reset.connect(self.reset_rows)
        document.recordsChanged.connect(self.update_rows)

    # -- for the subclass ----------------------------------------------------------------
    def records(self) -> Sequence[R]:
        raise NotImplementedError

    def load(self) -> None:
        """Work out what the rows show besides the records (counts, icons...)."""

    def cell(self, record: R, column: int, role: int) -> object:
        """What ``record`` shows in ``column`` for ``role`` (None: nothing)."""
        raise NotImplementedError

    def row_state(self, record: R) -> object:
        """What a row shows, to tell which rows an edit changed: the record and the text of
        each of its cells (a subclass that shows more says so)."""
        display = Qt.ItemDataRole.DisplayRole
        return (record, *(self.cell(record, c, display) for c in range(self.columnCount())))

    # -- rows ----------------------------------------------------------------------------
    def reset_rows(self) -> None:
        self.beginResetModel()
        self._take(self.records())
        self._ids = list(self._by_id)
        self._states = {i: self.row_state(r) for i, r in self._by_id.items()}
        self.endResetModel()

    def update_rows(self) -> None:
        """Rows in and out, and the rows whose records or cells changed marked so (an edit
        of one event changes the counts of its actors, not of every actor's row)."""
        records = self.records()
        before = self._by_id
        self._take(records)
        current = self._by_id
        states = {i: self.row_state(r) for i, r in current.items()}
        changed = {i for i, state in states.items() if self._states.get(i) != state}
        self._by_id = {**before, **current}  # a row being removed still answers data()
        new = [r.id for r in records]
        followed = follow(self, self._ids, new, changed, self.columnCount())
        self._by_id = current
        self._states = states
        if not followed:
            self.reset_rows()

    def _take(self, records: Sequence[R]) -> None:
        self._by_id = {r.id: r for r in records}
        self.load()

    def record(self, row: int) -> R:
        return self._by_id[self._ids[row]]

    def id_at(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, record_id: str) -> int | None:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section == self.count_column:
                return RIGHT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        record = self.record(index.row())
        if role == IdRole:
            return record.id
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.count_column:
            return RIGHT
        return self.cell(record, index.column(), role)
