"""The app's settings, in one wrapper over ``QSettings``: what is remembered between runs
(window geometry, view toggles, recent files, each file's filter, the last import folder).

QSettings hands back strings for booleans on some platforms and a lone string for a
one-item list: this is the one place that reads them back as what they are."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from ..core.filters import FilterState

MAX_RECENT = 8


def _flag(value: object) -> bool:
    return value is True or value == "true"


class Settings:
    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings()

    # -- window --------------------------------------------------------------------------
    def has_geometry(self) -> bool:
        return self.store.contains("window/geometry")

    def geometry(self) -> tuple[QByteArray | None, QByteArray | None]:
        """The main window's geometry and dock state, when they were saved."""
        geometry, state = self.store.value("window/geometry"), self.store.value("window/state")
        return (
            geometry if isinstance(geometry, QByteArray) else None,
            state if isinstance(state, QByteArray) else None,
        )

    def set_geometry(self, geometry: QByteArray, state: QByteArray) -> None:
        self.store.setValue("window/geometry", geometry)
        self.store.setValue("window/state", state)

    def view_flag(self, name: str, default: bool) -> bool:
        """A View menu toggle (main_window.VIEW_FLAGS)."""
        return _flag(self.store.value(f"view/{name}", default))

    def set_view_flag(self, name: str, on: bool) -> None:
        self.store.setValue(f"view/{name}", on)

    # -- files ---------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self.store.value("recent", [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def add_recent(self, path: Path) -> None:
        name = str(path.resolve())
        recent = [name] + [r for r in self.recent_files() if r != name]
        self.store.setValue("recent", recent[:MAX_RECENT])

    def import_folder(self) -> str | None:
        """The folder the last import came from, if it is still there."""
        last = self.store.value("folders/import")
        return last if isinstance(last, str) and Path(last).is_dir() else None

    def set_import_folder(self, folder: Path) -> None:
        self.store.setValue("folders/import", str(folder))

    # -- each file's filter --------------------------------------------------------------
    @staticmethod
    def _filter_key(path: Path | None) -> str:
        name = str(path.resolve()) if path else "untitled"
        return "filters/" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:16]

    def filter_for(self, path: Path | None) -> FilterState | None:
        value = self.store.value(self._filter_key(path))
        if not isinstance(value, str):
            return None
        try:
            data = json.loads(value)
        except ValueError:
            return None
        return FilterState.from_dict(data) if isinstance(data, dict) else None

    def set_filter_for(self, path: Path | None, state: FilterState) -> None:
        key = self._filter_key(path)
        if state.active or state.linked:
            self.store.setValue(key, json.dumps(state.to_dict()))
        else:
            self.store.remove(key)

    def sync(self) -> None:
        self.store.sync()
