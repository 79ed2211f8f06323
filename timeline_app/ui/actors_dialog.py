"""Edit ▸ Actors…: the timeline's actors with their colours and event counts, and the
edits of the actor list (add, rename, colour, merge, delete).

Each edit is one :class:`~timeline_app.core.change.Change` pushed on the document's undo
stack (built by :mod:`timeline_app.core.actor_edits`), so Ctrl+Z undoes it, here or in the
main window.  The dialog can stay open: it redraws whenever the records change.

Deleting an actor that events name is confirmed (the question says how many events) and
then removes the actor from those events too; the events themselves stay.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QHeaderView, QPushButton, QWidget

from ..core.actor_edits import (
    ActorEditError,
    add_actor_change,
    delete_actor_change,
    event_counts,
    merge_actors_change,
    recolor_actor_change,
    rename_actor_change,
)
from ..core.actor_names import closest_name
from ..core.change import Change
from ..core.markup import tooltip_html
from ..core.model import Actor
from ..core.wording import plural
from .document import Document
from .prompts import Prompts
from .record_dialog import RecordListDialog
from .record_model import RecordTableModel
from .roles import IdRole
from .theme import is_dark

__all__ = ["EVENTS", "NAME", "ActorsDialog", "ActorsModel", "IdRole", "add_actor_change"]

T = TypeVar("T")
NAME, EVENTS = 0, 1


def outlined_swatch(color: str, size: int = 14) -> QIcon:
    """A square of the colour with a thin grey outline (pale colours stay visible)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QColor("#808080"))
    painter.setBrush(QColor(color))
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    return QIcon(pixmap)


class ActorsModel(RecordTableModel[Actor]):
    """One row per actor, in the file's order: swatch and name, number of events."""

    headers = ("Actor", "Events")
    count_column = EVENTS

    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self._counts: dict[str, int] = {}
        self._icons: dict[str, QIcon] = {}
        self.reset_rows()

    def records(self) -> list[Actor]:
        return self.document.timeline.actors

    def load(self) -> None:
        self._counts = event_counts(self.document.timeline)
        colors = self.document.colors(is_dark(QGuiApplication.palette()))
        self._icons = {a: outlined_swatch(c) for a, c in colors.items()}

    def actor_at(self, row: int) -> Actor:
        return self.record(row)

    def cell(self, actor: Actor, column: int, role: int) -> object:
        count = self._counts.get(actor.id, 0)
        if role == Qt.ItemDataRole.ToolTipRole:
            color = (
                f"colour {actor.color}"
                if actor.color
                else f"palette colour ({self.document.colors().get(actor.id, '')})"
            )
            return tooltip_html(
                f"{actor.name} (id “{actor.id}”): {plural(count, 'event')}, {color}"
            )
        if column == NAME:
            if role == Qt.ItemDataRole.DisplayRole:
                return actor.name
            if role == Qt.ItemDataRole.DecorationRole:
                return self._icons.get(actor.id)
        elif column == EVENTS and role == Qt.ItemDataRole.DisplayRole:
            return count
        return None


class ActorsDialog(RecordListDialog[ActorsModel]):
    def __init__(self, document: Document, prompts: Prompts, parent: QWidget | None = None) -> None:
        super().__init__(document, ActorsModel(document), "actor", prompts, parent)
        header = self.list.header()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(EVENTS, QHeaderView.ResizeMode.ResizeToContents)
        self.add_button.clicked.connect(self.add_actor)
        self.rename_button.clicked.connect(self.rename_actor)
        self.color_button.clicked.connect(self.recolor_actor)
        self.palette_button.clicked.connect(self.use_palette_color)
        self.merge_button.clicked.connect(self.merge_actor)
        self.delete_button.clicked.connect(self.delete_actor)
        self.list.doubleClicked.connect(lambda _: self.rename_actor())
        self.setMinimumSize(380, 280)
        self.resize(520, 420)

    def _make_buttons(self) -> list[list[QPushButton]]:
        button = self._button
        self.add_button = button("&Add…", "addActor", "Add an actor")
        self.rename_button = button("&Rename…", "renameActor", "Rename the selected actor")
        self.color_button = button("&Colour…", "colourActor", "Choose the actor's colour")
        self.palette_button = button(
            "Use &Palette Colour",
            "paletteColour",
            "Forget the actor's own colour and let the palette choose one",
        )
        self.merge_button = button(
            "&Merge Into…",
            "mergeActor",
            "Give the selected actor's events to another actor, then remove this one",
        )
        self.delete_button = button(
            "&Delete…", "deleteActor", "Remove the actor (and from the events that name it)"
        )
        return [
            [self.add_button, self.rename_button, self.color_button, self.palette_button],
            [self.merge_button, self.delete_button],
        ]

    def _update_buttons(self) -> None:
        super()._update_buttons()
        actor = self.selected_actor()
        for b in (self.rename_button, self.color_button, self.delete_button):
            b.setEnabled(actor is not None)
        self.palette_button.setEnabled(actor is not None and bool(actor.color))
        self.merge_button.setEnabled(actor is not None and self.model.rowCount() > 1)

    # -- selection -----------------------------------------------------------------------
    def selected_actor(self) -> Actor | None:
        actor_id = self.selected_id()
        return None if actor_id is None else self.document.timeline.actor(actor_id)

    def select_actor(self, actor_id: str) -> None:
        self.select_id(actor_id)

    # -- edits -------------------------------------------------------------------------
    def _build(self, title: str, build: Callable[[], T]) -> T | None:
        """``build()``, or None after saying why the edit cannot be made."""
        try:
            return build()
        except ActorEditError as exc:
            message = str(exc)
            self.prompts.show_problems(self, title, message[:1].upper() + message[1:] + ".")
            return None

    def _push(self, title: str, build: Callable[[], Change]) -> bool:
        change = self._build(title, build)
        if change is not None:
            self.document.push(change)
        return change is not None

    def add_actor(self) -> None:
        name = self.prompts.text(self, "Add actor", "Name of the new actor:")
        if name is None or not name.strip():
            return
        timeline = self.document.timeline
        made = self._build("Cannot add the actor", lambda: add_actor_change(timeline, name))
        if made is not None:
            self.document.push(made[0])
            self.select_actor(made[1].id)

    def rename_actor(self) -> None:
        actor = self.selected_actor()
        if actor is None:
            return
        name = self.prompts.text(self, "Rename actor", f"New name for “{actor.name}”:", actor.name)
        if name is None or " ".join(name.split()) == actor.name:
            return
        timeline = self.document.timeline
        self._push("Cannot rename the actor", lambda: rename_actor_change(timeline, actor.id, name))

    def recolor_actor(self) -> None:
        actor = self.selected_actor()
        if actor is None:
            return
        current = self.document.colors().get(actor.id, actor.color or "#808080")
        color = self.prompts.color(self, f"Colour of “{actor.name}”", current)
        if color is None or color.lower() == actor.color.lower():
            return
        timeline = self.document.timeline
        self._push(
            "Cannot change the colour", lambda: recolor_actor_change(timeline, actor.id, color)
        )

    def use_palette_color(self) -> None:
        actor = self.selected_actor()
        if actor is None or not actor.color:
            return
        timeline = self.document.timeline
        self._push("Cannot change the colour", lambda: recolor_actor_change(timeline, actor.id, ""))

    def merge_actor(self) -> None:
        actor = self.selected_actor()
        if actor is None:
            return
        timeline = self.document.timeline
        others = [a for a in timeline.actors if a.id != actor.id]
        if not others:
            return
        names = [a.name for a in others]
        labels = [a.name if names.count(a.name) == 1 else f"{a.name} ({a.id})" for a in others]
        n = event_counts(timeline).get(actor.id, 0)
        label = self.prompts.choice(
            self,
            "Merge actor",
            f"Merge “{actor.name}” into which actor? Its {plural(n, 'event')} will name "
            f"that actor instead, and “{actor.name}” will be removed.",
            labels,
            closest_name(actor.name, names),  # the likeliest duplicate first
        )
        if label is None or label not in labels:
            return
        target = others[labels.index(label)]
        if self._push(
            "Cannot merge the actors", lambda: merge_actors_change(timeline, actor.id, target.id)
        ):
            self.select_actor(target.id)

    def delete_actor(self) -> None:
        actor = self.selected_actor()
        if actor is None:
            return
        timeline = self.document.timeline
        n = event_counts(timeline).get(actor.id, 0)
        if n and not self.prompts.confirm(
            self,
            "Delete actor",
            f"{n} event{'s name' if n != 1 else ' names'} “{actor.name}”. Delete the actor "
            f"and remove it from {'those events' if n != 1 else 'that event'}? The events "
            "themselves stay. (Edit ▸ Undo brings everything back.)",
            "Delete",
        ):
            return
        self._push("Cannot delete the actor", lambda: delete_actor_change(timeline, actor.id))
