"""Long work runs off the GUI thread with a progress dialog; Cancel stops it and nothing
changes (a CSV import of many rows is the case in point)."""

from __future__ import annotations

import csv
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts

from timeline_app.core.model import Timeline
from timeline_app.core.progress import Cancelled, Progress
from timeline_app.interop import csv_io
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.progress import with_progress


def cancel_soon(parent: QWidget, after_ms: int = 30) -> list[bool]:
    """Press Cancel on the progress dialog as soon as it exists."""
    pressed: list[bool] = []

    def press() -> None:
        dialog = parent.findChild(QProgressDialog, "progressDialog")
        if dialog is None:
            QTimer.singleShot(10, press)
            return
        dialog.cancel()
        pressed.append(True)

    QTimer.singleShot(after_ms, press)
    return pressed


def test_the_work_runs_in_another_thread_and_its_answer_comes_back(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[str] = []

    def work(progress: Progress) -> int:
        seen.append(threading.current_thread().name)
        assert progress(1, 2)
        return 42

    assert with_progress(parent, "Sums", "Adding…", work) == 42
    assert seen == ["Sums"]  # not the GUI thread
    with pytest.raises(ZeroDivisionError):
        with_progress(parent, "Sums", "Adding…", lambda progress: 1 // 0)


def test_cancel_stops_the_work(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    steps: list[int] = []

    def endless(progress: Progress) -> None:
        while progress(len(steps), 10**9):
            steps.append(1)
            threading.Event().wait(0.001)
        raise Cancelled()

    pressed = cancel_soon(parent)
    with pytest.raises(Cancelled):
        with_progress(parent, "Forever", "Working…", endless)
    assert pressed and steps  # it ran, and stopped when asked


def many_rows(path: Path, n: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["title", "start", "actors"])
        for i in range(n):
            writer.writerow([f"Shelling near Kursk {i % 7}", f"{1950 + i % 70}", f"Actor {i}"])
    return path


def test_a_cancelled_csv_import_changes_nothing(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csv_io, "PROGRESS_ROWS", 1)  # every row asks whether to go on
    before = window.document.timeline
    pressed = cancel_soon(window)
    assert not window.interop.import_csv_file(many_rows(tmp_path / "many.csv", 30_000))
    assert pressed
    assert window.document.timeline is before and not window.document.modified
    assert "cancelled: nothing changed" in window.statusBar().currentMessage()


def test_many_new_actors_are_listed_briefly_with_the_rest_in_the_details(
    prompts: ScriptedPrompts, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(
        prompts, "confirm", lambda p, t, text, a="OK", details="": asked.append((text, details))
    )
    assert not window.interop.import_csv_file(many_rows(tmp_path / "actors.csv", 3_000))
    [(text, details)] = asked
    assert "The CSV names 3,000 actors" in text and "… and 2,988 more" in text
    assert len(text.splitlines()) < 20  # a box that fits on the screen
    assert len(details.splitlines()) == 3_000 and "Actor 2999" in details


def test_the_window_takes_no_input_while_the_work_runs(window: MainWindow, qtbot: QtBot) -> None:
    """Before the dialog shows: a key or a close must not change what the work reads."""
    doc = window.document
    doc.set_current(doc.timeline.events[0].id)
    count = len(doc.timeline.events)
    release = threading.Event()
    tried: list[bool] = []

    def meanwhile() -> None:
        window.timeline.setFocus()
        qtbot.keyClick(window.timeline, Qt.Key.Key_Delete)  # would delete the event
        tried.append(window.close())  # would close the window
        release.set()

    QTimer.singleShot(20, meanwhile)
    assert with_progress(window, "Work", "Working…", lambda progress: release.wait(5)) is True
    assert tried == [False] and window.isVisible()
    assert len(doc.timeline.events) == count and not doc.modified


def test_a_big_file_is_opened_and_indexed_in_a_thread(
    window: MainWindow, dataset_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline_app.ui import document_controller

    monkeypatch.setattr(document_controller, "PROGRESS_FROM", 0)  # every file is big
    threads: list[str] = []
    real_load = document_controller.load_timeline

    def load(path: Path, progress: Progress | None = None) -> object:
        threads.append(threading.current_thread().name)
        return real_load(path, progress)

    monkeypatch.setattr(document_controller, "load_timeline", load)
    window.document.load(Timeline("Before"), None)
    assert window.files.open_path(dataset_copy)
    assert threads == ["Open"]  # not the GUI thread
    assert window.document.path == dataset_copy
    assert len(window.document.store.visible) == len(window.document.timeline.events) == 15


def test_a_cancelled_open_keeps_the_timeline_that_was_open(
    window: MainWindow, dataset_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline_app.ui import document_controller

    monkeypatch.setattr(document_controller, "PROGRESS_FROM", 0)
    real_load = document_controller.load_timeline

    def slow_load(path: Path, progress: Progress) -> object:
        while progress(0, 3):  # a big file: Cancel comes while it is read
            threading.Event().wait(0.005)
        return real_load(path, progress)  # which sees the cancel, and stops

    monkeypatch.setattr(document_controller, "load_timeline", slow_load)
    window.document.load(Timeline("Before", events=[]), None)
    before = window.document.timeline
    pressed = cancel_soon(window)
    assert not window.files.open_path(dataset_copy)
    assert pressed
    assert window.document.timeline is before and window.document.path is None
    assert "Opening north-korean-troops.json cancelled" in window.statusBar().currentMessage()


def test_a_file_opened_in_a_thread_is_watched_from_what_was_read(
    window: MainWindow, dataset_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its fingerprint is taken in the thread too: no change is reported right after the
    open, and a real change is."""
    from timeline_app.ui import document_controller

    monkeypatch.setattr(document_controller, "PROGRESS_FROM", 0)
    changed: list[Path] = []
    watcher = window.files.file_watcher
    watcher.changedOnDisk.connect(changed.append)
    monkeypatch.setattr(window.files.prompts, "confirm", lambda *args: False)  # keep mine
    assert window.files.open_path(dataset_copy)
    watcher.check()
    assert changed == []
    dataset_copy.write_bytes(dataset_copy.read_bytes().replace(b"Choe", b"Cho", 1))
    watcher.check()
    assert changed == [dataset_copy]
