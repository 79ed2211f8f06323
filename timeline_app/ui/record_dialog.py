"""The frame of a dialog over one kind of record (Edit ▸ Actors…, Edit ▸ Sources…).

The list of records with their count under it, the dialog's buttons beside it and Close
below; Undo and Redo bound to the document's undo stack, so Ctrl+Z works while the dialog
has the focus; and the selection kept, by id, across the model's resets (after an edit the
same record stays selected, or its neighbour when it went).

A subclass makes the buttons (``_make_buttons``), enables them (``_update_buttons``) and
makes the edits.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QItemSelectionModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..core.wording import plural
from .document import Document
from .prompts import Prompts
from .record_model import RecordTableModel
from .undo_actions import undo_redo_actions

__all__ = ["RecordListDialog"]


M = TypeVar("M", bound="RecordTableModel[Any]")


class RecordListDialog(QDialog, Generic[M]):
    """The records of ``model``, named by ``noun`` ("actor"): the window is "Actors" and
    its widgets are named ``actorsDialog``, ``actorsList`` and ``actorsSummary``."""

    def __init__(
        self,
        document: Document,
        model: M,
        noun: str,
        prompts: Prompts,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.prompts = prompts
        plural = f"{noun}s"
        self.setObjectName(f"{plural}Dialog")
        self.setWindowTitle(plural.capitalize())
        self.document = document
        self.model = model
        self._noun = noun
        self._keep: str | None = None  # the selected record, across a model reset
        self._keep_row = 0

        self.list = QTreeView(self)
        self.list.setObjectName(f"{plural}List")
        self.list.setModel(model)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.header().setStretchLastSection(False)
        self.summary = QLabel(self)
        self.summary.setObjectName(f"{plural}Summary")

        buttons = QVBoxLayout()
        for i, group in enumerate(self._make_buttons()):
            if i:
                buttons.addSpacing(12)
            for b in group:
                buttons.addWidget(b)
        buttons.addStretch(1)
        self.close_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_box.rejected.connect(self.reject)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addWidget(self.summary)
        top = QHBoxLayout()
        top.addLayout(left, 1)
        top.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.close_box)

        # Ctrl+Z / Ctrl+Shift+Z work while this window has the focus, too
        self.addActions(list(undo_redo_actions(document.undo_stack, self)))

        self.list.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        model.modelAboutToBeReset.connect(self._remember_selection)
        model.modelReset.connect(self._restore_selection)
        model.rowsAboutToBeRemoved.connect(lambda *_: self._remember_selection())
        model.rowsRemoved.connect(lambda *_: self._restore_selection())
        model.rowsInserted.connect(lambda *_: self._update_buttons())
        model.dataChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()
        if model.rowCount():
            self.select_id(model.id_at(0))

    # -- for the subclass ----------------------------------------------------------------
    def _make_buttons(self) -> list[list[QPushButton]]:
        """The buttons beside the list (made with :meth:`_button`), in groups set apart."""
        raise NotImplementedError

    def _button(self, text: str, name: str, tip: str) -> QPushButton:
        b = QPushButton(text, self)
        b.setObjectName(name)
        b.setToolTip(tip)
        b.setAutoDefault(False)
        return b

    def _update_buttons(self) -> None:
        """Count the records under the list; an override also enables its buttons."""
        n = self.model.rowCount()
        self.summary.setText(plural(n, self._noun))

    # -- selection -----------------------------------------------------------------------
    def selected_id(self) -> str | None:
        index = self.list.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def select_id(self, record_id: str) -> None:
        row = self.model.row_of(record_id)
        if row is None:
            return
        self.list.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.list.scrollTo(self.model.index(row, 0))

    def _remember_selection(self) -> None:
        self._keep = self.selected_id()
        self._keep_row = max(self.list.currentIndex().row(), 0)

    def _restore_selection(self) -> None:
        rows = self.model.rowCount()
        if self._keep is not None and self.model.row_of(self._keep) is not None:
            self.select_id(self._keep)
        elif rows:  # the selected record went: select its neighbour
            self.select_id(self.model.id_at(min(self._keep_row, rows - 1)))
        self._update_buttons()
