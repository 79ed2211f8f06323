"""A flat model of one kind of record (actors, sources), one row each, known by its id.

It follows each edit row by row (:mod:`~timeline_app.ui.row_moves`): a record added or
removed inserts or removes its row, every other row is marked changed (its counts may
have moved); only a new document resets it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from .document import Document
from .row_moves import follow

Index = QModelIndex | QPersistentModelIndex


class _Record(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=_Record)


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Rows can be selected, not edited; a subclass says which records there are
    (:meth:`records`), what else it keeps about them (:meth:`load`) and what it shows."""

    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self.document = document
        self._ids: list[str] = []
        self._by_id: dict[str, R] = {}
        document.reset.connect(self.reset_rows)
        document.recordsChanged.connect(self.update_rows)

    # -- for the subclass ----------------------------------------------------------------
    def records(self) -> Sequence[R]:
        raise NotImplementedError

    def load(self) -> None:
        """Work out what the rows show besides the records (counts, icons...)."""

    # -- rows ----------------------------------------------------------------------------
    def reset_rows(self) -> None:
        self.beginResetModel()
        self._take(self.records())
        self._ids = list(self._by_id)
        self.endResetModel()

    def update_rows(self) -> None:
        records = self.records()
        self._take(records)
        new = [r.id for r in records]
        if not follow(self, self._ids, new, set(new), self.columnCount()):
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
