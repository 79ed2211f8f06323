"""Fixtures for the widget tests: a main window on a writable copy of the bundled dataset,
with its own settings file, shown offscreen, asking its questions of scripted prompts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts

from timeline_app.core.fileformat import load_timeline
from timeline_app.ui.app import application
from timeline_app.ui.document import Document
from timeline_app.ui.main_window import MainWindow


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def prompts() -> ScriptedPrompts:
    """The questions the app asks; a test answers those it expects."""
    return ScriptedPrompts()


@pytest.fixture
def make_window(
    qtbot: QtBot, settings: QSettings, tmp_path: Path, prompts: ScriptedPrompts
) -> Iterator[object]:
    application()
    made: list[MainWindow] = []

    def make(path: Path | None = None, size: tuple[int, int] = (1280, 800)) -> MainWindow:
        window = MainWindow(settings, tmp_path / "recovery", prompts)  # type: ignore[arg-type]
        # closing at teardown must not ask about unsaved changes
        qtbot.addWidget(window, before_close_func=lambda w: w.document.undo_stack.setClean())
        window.resize(*size)
        if path is not None:
            assert window.open_path(path)
            # its source texts are read in a thread: what the tests look at is there after
            qtbot.waitUntil(lambda: not window.text_reader.busy)
        window.show()
        qtbot.waitExposed(window)
        window.timeline.fit_all()
        window.timeline.repaint()
        made.append(window)
        return window

    yield make
    for window in made:
        window.document.undo_stack.setClean()  # closing asks nothing
        window.close()


@pytest.fixture
def window(make_window: object, dataset_copy: Path) -> MainWindow:
    return make_window(dataset_copy)  # type: ignore[operator, no-any-return]


@pytest.fixture
def doc(dataset_copy: Path) -> Document:
    """A document on a writable copy of the bundled dataset, without a window."""
    application()
    document = Document()
    document.load(load_timeline(dataset_copy), dataset_copy)
    return document
