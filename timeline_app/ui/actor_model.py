"""The actor filter's model: one checkable row per actor, with its colour and event count.

Checking a box changes the document's one filter state; the model itself holds no state.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from PySide6.QtCore import QModelIndex, QPointF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPixmap

from ..core.markup import tooltip_html
from ..core.model import Actor
from ..core.wording import plural
from .document import Document
from .record_model import RecordTableModel
from .roles import IdRole, Index
from .theme import is_dark
from .timeline_painter import marker

NAME, COUNT = 0, 1


@lru_cache(maxsize=1024)
def swatch(color: str, shape: str = "circle", size: int = 12) -> QIcon:
    """The actor's colour in the shape its markers take (a legend entry), painted once
    (the actor list asks for every actor's again after each edit: 10 ms for 50)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    painter.drawPath(marker(shape, QPointF(size / 2, size / 2), size / 2 - 0.5))
    painter.end()
    return QIcon(pixmap)


class ActorModel(RecordTableModel[Actor]):
    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self._icons: dict[str, QIcon] = {}
        document.filterChanged.connect(self._on_filter_changed)
        self.reset_rows()

    def records(self) -> list[Actor]:
        return self.document.timeline.actors

    def load(self) -> None:
        dark = is_dark(QGuiApplication.palette())
        self._icons = {a: swatch(s.color(dark), s.shape) for a, s in self.document.styles.items()}

    def row_state(self, record: Actor) -> object:
        return record, self.document.store.index.actor_count(record.id), self._icons.get(record.id)

    def _on_filter_changed(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, NAME),
                self.index(self.rowCount() - 1, NAME),
                [Qt.ItemDataRole.CheckStateRole],
            )

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Actor", "Events")[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == NAME:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def is_checked(self, actor_id: str) -> bool:
        checked = self.document.filter.checked
        return checked is None or actor_id in checked

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        actor = self.record(index.row())
        if index.column() == NAME:
            if role == Qt.ItemDataRole.DisplayRole:
                return actor.name
            if role == Qt.ItemDataRole.DecorationRole:
                return self._icons.get(actor.id)
            if role == Qt.ItemDataRole.CheckStateRole:
                return (
                    Qt.CheckState.Checked if self.is_checked(actor.id) else Qt.CheckState.Unchecked
                )
            if role == Qt.ItemDataRole.ToolTipRole:
                n = self.document.store.index.actor_count(actor.id)
                return tooltip_html(f"{actor.name}: {plural(n, 'event')}")
        elif index.column() == COUNT:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.document.store.index.actor_count(actor.id)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == IdRole:
            return actor.id
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or index.column() != NAME:
            return False
        actor_id = self.id_at(index.row())
        state = Qt.CheckState(value) if isinstance(value, int) else value
        all_ids = [a.id for a in self.document.timeline.actors]
        current = self.document.filter
        checked = set(all_ids if current.checked is None else current.checked)
        if state == Qt.CheckState.Checked:
            checked.add(actor_id)
        else:
            checked.discard(actor_id)
        self.document.set_filter(replace(current, checked=frozenset(checked)))
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True
