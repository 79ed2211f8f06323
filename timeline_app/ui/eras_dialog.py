"""Edit ▸ Eras…: the timeline's eras (named periods, which may overlap and nest), in time
order, with their dates in words, colour and notes; Add…, Edit… and Delete.

Adding and editing go through the era form (``prompts.era_form``).  Each edit is one
:class:`~timeline_app.core.change.Change` (built by :mod:`timeline_app.core.era_edits`)
pushed on the document's undo stack, so Ctrl+Z undoes it, here or in the main window; a
deletion asks nothing for that reason.  The dialog can stay open: it redraws whenever the
records change.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import QHeaderView, QPushButton, QWidget

from ..core.change import Change
from ..core.dates import span_words
from ..core.era_edits import (
    EraEditError,
    add_era_change,
    delete_era_change,
    edit_era_change,
    era_from_fields,
)
from ..core.markup import tooltip_html
from ..core.model import Era
from .document import Document
from .era_form import color_swatch
from .prompts import Prompts
from .record_dialog import RecordListDialog
from .record_model import RecordTableModel

NAME, DATES, NOTES = range(3)
ONGOING = "ongoing"


def era_dates(era: Era) -> str:
    """The era's dates in words: "25 June – 27 July 1953", "24 February 2022 – ongoing"."""
    if era.end is None:
        return f"{era.start.words()} – {ONGOING}"
    return span_words(era.start, era.end)


def time_order(era: Era) -> tuple[int, float]:
    """Eras by start; of two that start together, the longer first (an ongoing one is the
    longest): an era comes before the eras nested in it."""
    return era.start.start, -(era.end.end if era.end is not None else float("inf"))


class ErasModel(RecordTableModel[Era]):
    """One row per era, in time order: swatch and name, dates, notes (their first line)."""

    headers = ("Era", "Dates", "Notes")

    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self._icons: dict[str, QIcon] = {}
        self.reset_rows()

    def records(self) -> list[Era]:
        return sorted(self.document.timeline.eras, key=time_order)

    def load(self) -> None:
        self._icons = {color: color_swatch(color) for color in {e.color for e in self.records()}}

    def era_at(self, row: int) -> Era:
        return self.record(row)

    def cell(self, era: Era, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return era.name
            if column == DATES:
                return era_dates(era)
            if column == NOTES:
                return era.notes.split("\n", 1)[0]
        elif role == Qt.ItemDataRole.DecorationRole and column == NAME:
            return self._icons.get(era.color)
        elif role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_html(self.describe(era))
        return None

    @staticmethod
    def describe(era: Era) -> str:
        """The era in a few lines, for its tooltip."""
        color = f"colour {era.color.upper()}" if era.color else "no colour of its own"
        dates = era_dates(era)
        if era.end is None:
            dates += " (it runs to the timeline's last date)"
        lines = [f"{era.name} (id “{era.id}”)", dates, color]
        if era.notes:
            lines += ["", era.notes]
        return "\n".join(lines)


class ErasDialog(RecordListDialog[ErasModel]):
    showEra = Signal(str)  # "Show on Timeline": zoom the timeline to this era

    def __init__(self, document: Document, prompts: Prompts, parent: QWidget | None = None) -> None:
        super().__init__(document, ErasModel(document), "era", prompts, parent)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.list.header()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(DATES, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NOTES, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(NAME, 220)
        self.add_button.clicked.connect(self.add_era)
        self.edit_button.clicked.connect(self.edit_era)
        self.delete_button.clicked.connect(self.delete_era)
        self.show_button.clicked.connect(self.show_on_timeline)
        self.list.doubleClicked.connect(lambda _: self.edit_era())
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_era)
        self.setMinimumSize(560, 260)
        self.resize(780, 360)

    def _make_buttons(self) -> list[list[QPushButton]]:
        self.add_button = self._button("&Add…", "addEra", "Add an era: a named period")
        self.edit_button = self._button("&Edit…", "editEra", "Edit the selected era")
        self.delete_button = self._button(
            "&Delete", "deleteEra", "Delete the selected era (Ctrl+Z brings it back)"
        )
        self.show_button = self._button(
            "&Show on Timeline", "showEra", "Zoom the timeline to the selected era"
        )
        return [[self.add_button, self.edit_button], [self.delete_button], [self.show_button]]

    def _update_buttons(self) -> None:
        super()._update_buttons()
        era = self.selected_era()
        self.edit_button.setEnabled(era is not None)
        self.delete_button.setEnabled(era is not None)
        self.show_button.setEnabled(era is not None)

    # -- selection -----------------------------------------------------------------------
    def selected_era(self) -> Era | None:
        era_id = self.selected_id()
        return next((e for e in self.document.timeline.eras if e.id == era_id), None)

    def select_era(self, era_id: str) -> None:
        self.select_id(era_id)

    def show_on_timeline(self) -> None:
        era = self.selected_era()
        if era is not None:
            self.showEra.emit(era.id)

    # -- edits -------------------------------------------------------------------------
    def _push(self, title: str, build: Callable[[], Change]) -> bool:
        """Build a change and push it, or say why it cannot be made."""
        try:
            change = build()
        except EraEditError as exc:
            self.prompts.show_problems(self, title, str(exc))
            return False
        self.document.push(change)
        return True

    def add_era(self) -> None:
        timeline = self.document.timeline
        fields = self.prompts.era_form(self, timeline, None)
        if fields is None:
            return
        made: list[Era] = []

        def build() -> Change:
            change, era = add_era_change(timeline, fields)
            made.append(era)
            return change

        if self._push("Cannot add the era", build):
            self.select_era(made[0].id)

    def edit_era(self) -> None:
        era = self.selected_era()
        if era is None:
            return
        timeline = self.document.timeline
        fields = self.prompts.era_form(self, timeline, era)
        if fields is None:
            return
        try:
            if era_from_fields(timeline, fields, era) == era:
                return  # nothing changed: nothing to undo
        except EraEditError:
            pass  # said by the edit itself
        self._push("Cannot change the era", lambda: edit_era_change(timeline, era.id, fields))

    def delete_era(self) -> None:
        era = self.selected_era()
        if era is None:
            return
        timeline = self.document.timeline
        self._push("Cannot delete the era", lambda: delete_era_change(timeline, era.id))
