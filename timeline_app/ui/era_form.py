"""The era form: add or edit an era (a named period: its name, start, end, colour, notes).

The dates are typed in the app's date forms; each is read back in words under its field
("→ 25 June 1950 (day)"), or why it is not a date.  An empty end is an era still going on.
What is acceptable is decided in the core (:func:`~timeline_app.core.era_edits.
read_era_fields`); OK stays disabled until every field is.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.era_edits import EraFields, read_era_fields
from ..core.model import Era, Timeline
from .actors_dialog import outlined_swatch
from .field_notes import date_feedback, make_note, show_note
from .prompts import Prompts
from .record_form import RecordForm, tab_leaves
from .timeline_painter import ERA_COLORS

#: What an empty end means, under the field.
ONGOING = "Empty: the era is still going on (it runs to the timeline's last date)."
NO_COLOR = "Default shade"
CHOOSER_START = ERA_COLORS[0]  # what the colour chooser opens on for an era with no colour


def color_swatch(color: str, size: int = 14) -> QIcon:
    """The era's colour as a square; for an era with no colour of its own (drawn in the
    default shade), a square hatched in grey: neither a colour nor an empty check box."""
    if color:
        return outlined_swatch(color, size)
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    grey = QColor("#808080")
    painter.setPen(grey)
    painter.setBrush(QBrush(grey, Qt.BrushStyle.BDiagPattern))
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    return QIcon(pixmap)


class EraForm(RecordForm):
    def __init__(
        self,
        prompts: Prompts,
        timeline: Timeline,
        era: Era | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(prompts, timeline, "era", era is not None, parent)
        self.original = era
        self._touched: set[str] = set()  # required fields the user has typed in
        self._color = ""
        line = self.line
        self.name = line("nameEdit", 'The era\'s name (required), e.g. "Korean War"')
        self.start = line("startEdit", 'required, e.g. "25 June 1950", "Nov 2024", "1980s"')
        self.end = line("endEdit", "empty: still going on")
        self.name_note = make_note(self, "nameNote")
        self.start_note = make_note(self, "startNote")
        self.end_note = make_note(self, "endNote")
        self.color_note = make_note(self, "colorNote")

        self.color_button = QPushButton(self)
        self.color_button.setObjectName("colorButton")
        self.color_button.setToolTip("Choose the era's colour")
        self.color_button.setAutoDefault(False)
        self.clear_color = QPushButton("&No Colour", self)
        self.clear_color.setObjectName("clearColorButton")
        self.clear_color.setToolTip("Draw the era in the default shade")
        self.clear_color.setAutoDefault(False)
        self.notes = QPlainTextEdit(self)
        tab_leaves(self.notes)
        self.notes.setObjectName("eraNotesEdit")
        self.notes.setPlaceholderText("optional: where its dates come from")
        self.notes.setMinimumHeight(60)

        color_row = QHBoxLayout()
        color_row.addWidget(self.color_button)
        color_row.addWidget(self.clear_color)
        color_row.addStretch(1)
        grid = QGridLayout()  # (a form layout sizes wrapped notes badly)
        grid.setColumnStretch(1, 1)
        rows: list[tuple[str, QWidget | QHBoxLayout, QLabel]] = [
            ("&Name", self.name, self.name_note),
            ("&Start", self.start, self.start_note),
            ("&End", self.end, self.end_note),
            ("&Colour", color_row, self.color_note),
        ]
        for caption, field, field_note in rows:
            label = QLabel(caption, self)
            row = grid.rowCount()
            grid.addWidget(label, row, 0)
            if isinstance(field, QHBoxLayout):
                label.setBuddy(self.color_button)
                grid.addLayout(field, row, 1)
            else:
                label.setBuddy(field)
                grid.addWidget(field, row, 1)
            grid.addWidget(field_note, row + 1, 1)
        notes_label = QLabel("N&otes", self)
        notes_label.setBuddy(self.notes)
        row = grid.rowCount()
        grid.addWidget(notes_label, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.notes, row, 1)
        grid.setRowStretch(row, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid, 1)
        layout.addWidget(self.buttons)

        self.color_button.clicked.connect(self.choose_color)
        self.clear_color.clicked.connect(lambda: self.set_color(""))
        self.name.textEdited.connect(lambda: self._touch("name"))
        self.start.textEdited.connect(lambda: self._touch("start"))
        for edit in (self.name, self.start, self.end):
            edit.textChanged.connect(self.validate)

        if era is not None:
            fields = EraFields.of(era)
            self.name.setText(fields.name)
            self.start.setText(fields.start)
            self.end.setText(fields.end)
            self.notes.setPlainText(fields.notes)
            self.name.setCursorPosition(0)
        self.set_color(era.color if era is not None else "")
        self.setMinimumSize(420, 360)
        self.resize(520, 420)
        self.validate()

    # -- colour ------------------------------------------------------------------------
    def set_color(self, color: str) -> None:
        self._color = color
        self.color_button.setIcon(color_swatch(color))
        self.color_button.setText(color.upper() if color else NO_COLOR)
        self.clear_color.setEnabled(bool(color))
        self.validate()

    def choose_color(self) -> None:
        chosen = self.prompts.color(self, "Colour of the era", self._color or CHOOSER_START)
        if chosen is not None:
            self.set_color(chosen)

    # -- validation --------------------------------------------------------------------
    def _touch(self, name: str) -> None:
        self._touched.add(name)
        self.validate()

    def validate(self) -> bool:
        """Say what is wrong beside each field (a required field left empty only once the
        user has typed in it, or tried to save: a new form does not open in red)."""
        problems = read_era_fields(self.fields()).problems
        name_problem = problems.get("name", "") if "name" in self._touched else ""
        show_note(self.name_note, name_problem, "error")
        missing = problems.get("start", "") if "start" in self._touched else ""
        date_feedback(self.start, self.start_note, missing)
        date_feedback(self.end, self.end_note)
        if "end" in problems:
            show_note(self.end_note, problems["end"], "error")
        elif not self.end.text().strip():
            show_note(self.end_note, ONGOING, "muted")
        show_note(self.color_note, problems.get("color", ""), "error")
        self.ok.setEnabled(not problems)
        return not problems

    def accept_if_valid(self) -> None:
        self._touched.update(("name", "start"))  # every note shows
        self.accept()

    # -- result ------------------------------------------------------------------------
    def fields(self) -> EraFields:
        """The fields as typed."""
        return EraFields(
            self.name.text(),
            self.start.text(),
            self.end.text(),
            self._color,
            self.notes.toPlainText(),
        )

    def state(self) -> object:
        return self.fields()

    def result_fields(self) -> EraFields:
        """The fields (call when valid: raises ValueError if not)."""
        if not self.validate():
            raise ValueError("the era form has problems")
        return self.fields()
