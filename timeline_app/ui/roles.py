"""The item-model roles of the app's own, one name each, shared by every model."""

from __future__ import annotations

from PySide6.QtCore import Qt

IdRole = Qt.ItemDataRole.UserRole + 1  # the id of the record (event, actor, source) a row shows
