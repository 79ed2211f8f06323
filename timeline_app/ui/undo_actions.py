"""Undo and Redo as actions: the one place that makes them, for the main window's menu and
toolbar and for the Actors and Sources windows.

Their text and tooltip name the edit ("Undo Edit “<title>”"), with a title from the file:
the tooltip is always plain text (see :func:`~timeline_app.core.markup.tooltip_html`).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, SignalInstance, Slot
from PySide6.QtGui import QAction, QIcon, QKeySequence, QUndoStack

from ..core.markup import tooltip_html
from .actions import key_sequences


def _undo_keys() -> list[QKeySequence]:  # made after the application: they ask the platform
    return key_sequences([QKeySequence.StandardKey.Undo])


def _redo_keys() -> list[QKeySequence]:
    return key_sequences([QKeySequence.StandardKey.Redo, "Ctrl+Y"])


class _PlainTip(QObject):
    """Keeps an action's tooltip in step with what it would undo, as plain text."""

    def __init__(self, action: QAction, verb: str, keys: str, changed: SignalInstance) -> None:
        super().__init__(action)
        self._action, self._verb, self._keys = action, verb, keys
        changed.connect(self.follow)
        self.follow("")

    @Slot(str)
    def follow(self, what: str) -> None:
        if not shiboken6.isValid(self._action):  # the stack clears while the window goes
            return
        tip = f"{self._verb} {what}".strip() + (f" ({self._keys})" if self._keys else "")
        self._action.setToolTip(tooltip_html(tip))


def _keys_text(keys: list[QKeySequence]) -> str:
    return keys[0].toString(QKeySequence.SequenceFormat.NativeText) if keys else ""


def undo_redo_actions(stack: QUndoStack, parent: QObject) -> tuple[QAction, QAction]:
    """Undo and Redo whose text says what they undo (for menus and shortcuts)."""
    undo = stack.createUndoAction(parent, "&Undo")
    undo.setShortcuts(_undo_keys())
    undo.setObjectName("actionUndo")
    redo = stack.createRedoAction(parent, "&Redo")
    redo.setShortcuts(_redo_keys())
    redo.setObjectName("actionRedo")
    _PlainTip(undo, "Undo", "", stack.undoTextChanged)
    _PlainTip(redo, "Redo", "", stack.redoTextChanged)
    return undo, redo


def toolbar_undo_redo(stack: QUndoStack, parent: QObject) -> list[QAction]:
    """Undo and Redo for a toolbar: a fixed label (one that says what it undoes would make
    the toolbar jump at every edit), the details in the tooltip.  No shortcuts: the menu's
    actions have them."""
    buttons = []
    for label, name, slot, can, text, keys in (
        ("Undo", "toolbarUndo", stack.undo, stack.canUndoChanged, stack.undoTextChanged,
         _undo_keys()),
        ("Redo", "toolbarRedo", stack.redo, stack.canRedoChanged, stack.redoTextChanged,
         _redo_keys()),
    ):  # fmt: skip
        action = QAction(QIcon.fromTheme(f"edit-{label.lower()}"), label, parent)
        action.setObjectName(name)
        action.setEnabled(False)
        action.triggered.connect(slot)
        can.connect(action.setEnabled)
        _PlainTip(action, label, _keys_text(keys), text)
        buttons.append(action)
    return buttons
