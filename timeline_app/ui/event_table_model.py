"""The event list's model: a flat table over the core's visible positions.

No proxy model: the core filters, and sorting by a column is one Python sort of the visible
positions (a ``QSortFilterProxyModel`` with Python callbacks costs seconds at 100,000 rows).

An edit moves only the rows it touches (removed, inserted, changed), so the list keeps its
selection and scroll position; loading a file or changing the filter resets the model.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from ..core.change import Change
from ..core.markup import tooltip_html
from ..core.model import Event
from ..core.scene import LABEL_CHARS
from ..core.wording import clipped
from .document import Document
from .roles import IdRole, Index
from .row_moves import FEW, RankMoves, follow

DATE, TITLE, ACTORS, STATUS = range(4)
HEADERS = ("Date", "Title", "Actors", "Status")


class EventTableModel(QAbstractTableModel):
    settled = Signal()  # the rows follow the last change (after removals and insertions)

    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self.document = document
        self._rows: Sequence[int] | None = []  # positions, in display order (None: moving)
        self._ids: list[str] = []  # the same rows as event ids
        self._ranked_edit = False  # the edit being applied moves rows by rank (_ranked)
        self._moving: RankMoves | None = None  # rows in date order, moving for an edit,
        self._coming: Sequence[int] = ()  # ... the rows they move to (positions),
        self._left: dict[str, Event] = {}  # ... and the events the edit took out
        self._names: dict[str, str] = {}  # actor id -> name, for the Actors column
        self._sort: tuple[int, Qt.SortOrder] = (DATE, Qt.SortOrder.AscendingOrder)
        self._applying = False  # an edit that touches rows is being applied
        self._busy = False  # ... until its rows have moved: rows and ids may disagree
        self._old_rows: dict[str, int | None] = {}  # the rows the edit's events were on
        document.visibleChanged.connect(self._on_visible_changed)
        document.recordsChanged.connect(self._on_records_changed)
        document.aboutToApply.connect(self._on_about_to_apply)
        document.changeApplied.connect(self._on_change_applied)
        self.refresh()

    # -- rows --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Every row again (a file loaded, the filter changed)."""
        self.beginResetModel()
        self._names = {a.id: a.name for a in self.document.timeline.actors}
        self._set_rows(self._sorted(self.document.store.visible.positions))
        self.endResetModel()

    def _set_rows(self, rows: Sequence[int]) -> None:
        self._rows = rows
        self._ids = []  # made when an edit needs them (a filter change does not)
        self._moving = None

    def _on_visible_changed(self) -> None:
        if not self._applying:  # an edit is followed row by row in _on_change_applied
            self.refresh()

    def _on_records_changed(self) -> None:
        self._names = {a.id: a.name for a in self.document.timeline.actors}
        if self.rowCount() and not self._applying:
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 3))

    @property
    def busy(self) -> bool:
        """True from the moment an edit is applied until its rows have moved (``settled``):
        rows looked up meanwhile belong to neither the old nor the new timeline, so the
        list's selection is left alone until then."""
        return self._busy

    def _ranked(self, change: Change) -> bool:
        """True if the rows are ranks in time (sorted by date) and ``change`` an edit of a
        few events: its rows move by :class:`RankMoves`, with no pass over every row."""
        few = len(change.removed) + len(change.added) <= FEW
        return self._sort[0] == DATE and change.actors is None and few

    def _on_about_to_apply(self, change: Change) -> None:
        self._applying = change.touches_events or change.actors is not None
        self._busy = self._applying
        if self._applying and self._rows is not None:  # the rows as they are
            self._old_rows = {e.id: self._date_row(e.id) for e in change.removed}
            self._ranked_edit = self._ranked(change)
            if self._ranked_edit:
                self._left = {e.id: e for e in change.removed}
            else:  # by id
                self._ids = self._ids_of(self._rows)

    def _on_change_applied(self, change: Change) -> None:
        """Remove and insert the rows the change touched; the others stay as they were
        (with their selection).  Anything else (the rows would move about): a reset."""
        if not self._applying:
            return
        self._applying = False
        if self._ranked_edit and self._old_rows.keys() == {e.id for e in change.removed}:
            self._ranked_edit = False
            self._follow_ranks(change)
            return
        self._ranked_edit = False
        new_rows = self._sorted(self.document.store.visible.positions)
        new = self._ids_of(new_rows)
        self._rows = None  # rows are looked up by id until they have moved
        edited = {e.id for e in change.added}
        touched: set[str] | None = edited | {e.id for e in change.removed}
        if change.actors is not None:
            touched = None  # actors renamed: rows sorted by actor may move
        rows_of = None  # in date order, the rows are ranks among the visible events
        if self._sort[0] == DATE and self._old_rows.keys() == {e.id for e in change.removed}:
            old = {i: self._old_rows.get(i) for i in edited | self._old_rows.keys()}
            rows_of = old, {i: self._date_row(i, len(new)) for i in old}
        self._old_rows = {}
        if not follow(self, self._ids, new, edited, len(HEADERS), touched=touched, rows_of=rows_of):
            self.refresh()
        else:
            self._set_rows(new_rows)
            if change.actors is not None and new:  # names may have changed on any row
                self.dataChanged.emit(self.index(0, ACTORS), self.index(len(new) - 1, ACTORS))
        self._busy = False
        self.settled.emit()

    def _follow_ranks(self, change: Change) -> None:
        """:meth:`_on_change_applied` for rows sorted by date: the rows are ranks among the
        visible events, so the touched ones are found by a few binary searches and the
        others are never visited (a pass over 100,000 ids takes 3 ms, and an edit would
        make six of them)."""
        rows = self._sorted_view(self.document.store.visible.positions)
        touched = {e.id for e in change.added} | self._old_rows.keys()
        new_at = {i: self._date_row(i, len(rows)) for i in touched}
        moving = RankMoves(self._old_rows, new_at, self.rowCount())
        self._moving, self._coming, self._rows, self._old_rows = moving, rows, None, {}
        moving.run(self, {e.id for e in change.added}, len(HEADERS))
        self._set_rows(rows)
        self._coming, self._left = (), {}
        self._busy = False
        self.settled.emit()

    def _sorted_view(self, positions: Sequence[int]) -> Sequence[int]:
        """The visible positions sorted by date, as the list shows them: the store's own
        sequence (ascending) or a reversed view of it, not a copy."""
        if self._sort[1] == Qt.SortOrder.AscendingOrder:
            return positions
        return _Reversed(positions)

    def _ids_of(self, rows: Sequence[int]) -> list[str]:
        """The ids of the events at these positions, from the index's list of ids (not the
        events themselves: 100,000 of them, spread over memory, take 40 ms to visit)."""
        ids = self.document.store.index.ids
        if len(rows) == len(ids) and self._sort[0] == DATE:  # every event, in time order
            return list(ids) if not rows or rows[0] == 0 else ids[::-1]
        return list(map(ids.__getitem__, rows))

    def _date_row(self, event_id: str, count: int | None = None) -> int | None:
        """Where the event is in a list sorted by date, from the visible set now (``count``:
        the rows there are; None: as many as now)."""
        store = self.document.store
        position = store.position_of(event_id)
        rank = None if position is None else store.visible.rank(position)
        if rank is None or self._sort[1] == Qt.SortOrder.AscendingOrder:
            return rank
        return (len(store.visible) if count is None else count) - 1 - rank

    def _sorted(self, positions: Sequence[int]) -> Sequence[int]:
        """The rows: the visible positions in the list's order (sorted by date: the
        store's own sequence or a view of it, no copy)."""
        column, order = self._sort
        if column == DATE:  # positions are chronological already
            return self._sorted_view(positions)
        rows = list(positions)
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
        self._set_rows(self._sorted(self.document.store.visible.positions))
        self.layoutChanged.emit()

    def event_at(self, row: int) -> Event:
        if self._rows is not None:
            return self.document.store.event_at(self._rows[row])
        if self._moving is not None:
            left, new_row = self._moving.locate(row)
            if left is not None:
                return self._left[left]
            return self.document.store.event_at(self._coming[new_row])
        event = self.document.store.event(self._ids[row])
        assert event is not None
        return event

    def row_of(self, event_id: str) -> int | None:
        position = self.document.store.position_of(event_id)
        if position is None or position not in self.document.store.visible:
            return None
        if self._sort[0] == DATE:
            rank = self.document.store.visible.rank(position)
            if rank is None:
                return None
            asc = self._sort[1] == Qt.SortOrder.AscendingOrder
            return rank if asc else self.rowCount() - 1 - rank
        try:
            return self._rows.index(position) if self._rows is not None else None
        except ValueError:
            return None

    # -- Qt model API ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        if self._rows is not None:
            return len(self._rows)
        return self._moving.count if self._moving is not None else len(self._ids)

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
        if (
            self._rows is None
            and self._moving is None
            and self.document.store.event(self._ids[index.row()]) is None
        ):
            return None  # a row on its way out
        event = self.event_at(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == DATE:
                return event.date_words()
            if column == TITLE:  # more than a row shows; a longer title is cut before eliding
                return clipped(event.title, LABEL_CHARS)
            if column == ACTORS:
                names = self._names
                return ", ".join(names.get(a, a) for a in event.actors)
            return event.status.value
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == TITLE and event.summary:
                return tooltip_html(clipped(event.summary, 2_000, count=True))
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS:
            return None if event.status.value == "reported" else QColor("#B35900")
        if role == IdRole:
            return event.id
        return None


class _Reversed(Sequence[int]):
    """A sequence read backwards, without a copy (the list sorted by date, newest first)."""

    def __init__(self, items: Sequence[int]) -> None:
        self._items = items

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, i: int) -> int: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[int]: ...
    def __getitem__(self, i: int | slice) -> int | Sequence[int]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        n = len(self._items)
        if not -n <= i < n:
            raise IndexError(i)
        return self._items[n - 1 - i if i >= 0 else -1 - i]
