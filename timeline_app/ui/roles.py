"""What the app's item models share: their own roles (one name each) and the index type."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

IdRole = Qt.ItemDataRole.UserRole + 1  # the id of the record (event, actor, source) a row shows

Index = QModelIndex | QPersistentModelIndex  # what Qt passes to a model's data(), flags(), …
