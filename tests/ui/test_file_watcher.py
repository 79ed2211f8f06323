"""Noticing that the open file changed on disk, and not being fooled by our own saves."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from timeline_app.core.fileformat import load_timeline
from timeline_app.core.store import Change
from timeline_app.ui.app import application
from timeline_app.ui.document import Document
from timeline_app.ui.file_watcher import FileWatcher

TIMEOUT = 3000
QUIET = 600  # long enough for the notifications and the 200 ms debounce


@pytest.fixture
def watcher(dataset_copy: Path) -> Iterator[FileWatcher]:
    application()
    w = FileWatcher()
    w.watch(dataset_copy, dataset_copy.read_bytes())
    yield w
    w.stop()


def replace_by_rename(path: Path, data: bytes) -> None:
    """What git and most editors do: write a temporary file, then rename it over."""
    tmp = path.with_name(f".{path.name}.swp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def test_an_edit_in_place_is_noticed(
    watcher: FileWatcher, dataset_copy: Path, qtbot: QtBot
) -> None:
    with (
        qtbot.waitSignal(watcher.changedOnDisk, timeout=TIMEOUT) as blocker,
        dataset_copy.open("ab") as f,
    ):
        f.write(b"\n")
    assert blocker.args == [dataset_copy]


def test_a_replacement_by_rename_is_noticed_and_so_is_the_next_change(
    watcher: FileWatcher, dataset_copy: Path, qtbot: QtBot
) -> None:
    original = dataset_copy.read_bytes()
    with qtbot.waitSignal(watcher.changedOnDisk, timeout=TIMEOUT):
        replace_by_rename(dataset_copy, original.replace(b"North Korean", b"DPRK", 1))
    with qtbot.waitSignal(watcher.changedOnDisk, timeout=TIMEOUT):  # watched again
        replace_by_rename(dataset_copy, original.replace(b"North Korean", b"Korean", 1))
    with qtbot.waitSignal(watcher.changedOnDisk, timeout=TIMEOUT):  # and in place after that
        dataset_copy.write_bytes(original)


def test_each_content_is_reported_once(
    watcher: FileWatcher, dataset_copy: Path, qtbot: QtBot
) -> None:
    changed = dataset_copy.read_bytes() + b"\n"
    with qtbot.waitSignal(watcher.changedOnDisk, timeout=TIMEOUT):
        dataset_copy.write_bytes(changed)
    with qtbot.assertNotEmitted(watcher.changedOnDisk, wait=QUIET):
        replace_by_rename(dataset_copy, changed)  # the same bytes again


def test_the_apps_own_save_is_not_a_change(
    watcher: FileWatcher, dataset_copy: Path, qtbot: QtBot
) -> None:
    doc = Document()
    doc.load(load_timeline(dataset_copy), dataset_copy)
    doc.push(Change("Rename", title=(doc.timeline.title, "Saved by the app")))
    with (
        qtbot.assertNotEmitted(watcher.changedOnDisk, wait=QUIET),
        qtbot.assertNotEmitted(watcher.removedOnDisk),
    ):
        doc.save(dataset_copy)  # atomic: a temporary file renamed over the old one
        watcher.saved(dataset_copy, dataset_copy.read_bytes())
    assert b"Saved by the app" in dataset_copy.read_bytes()
    with qtbot.waitSignal(watcher.changedOnDisk, timeout=TIMEOUT):  # still watching
        dataset_copy.write_bytes(b"{}")


def test_saved_without_bytes_reads_them(
    watcher: FileWatcher, dataset_copy: Path, qtbot: QtBot
) -> None:
    with qtbot.assertNotEmitted(watcher.changedOnDisk, wait=QUIET):
        replace_by_rename(dataset_copy, b'{"saved": "by us"}\n')
        watcher.saved(dataset_copy)


def test_save_as_moves_the_watch(
    watcher: FileWatcher, dataset_copy: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    other_dir = tmp_path / "elsewhere"
    other_dir.mkdir()
    other = other_dir / "copy.json"
    with qtbot.assertNotEmitted(watcher.changedOnDisk, wait=QUIET):
        other.write_bytes(dataset_copy.read_bytes())
        watcher.saved(other)
        dataset_copy.write_bytes(b"{}")  # the old file is no longer ours
    assert watcher.path == other
    with qtbot.waitSignal(watcher.changedOnDisk, timeout=TIMEOUT) as blocker:
        other.write_bytes(b"[]")
    assert blocker.args == [other]


def test_touching_the_file_is_not_a_change(
    watcher: FileWatcher, dataset_copy: Path, qtbot: QtBot
) -> None:
    with qtbot.assertNotEmitted(watcher.changedOnDisk, wait=QUIET):
        dataset_copy.touch()
        os.utime(dataset_copy, (0, 0))
        dataset_copy.write_bytes(dataset_copy.read_bytes())  # rewritten, same bytes


def test_other_files_in_the_folder_are_ignored(
    watcher: FileWatcher, dataset_copy: Path, qtbot: QtBot
) -> None:
    with qtbot.assertNotEmitted(watcher.changedOnDisk, wait=QUIET):
        (dataset_copy.parent / "notes.txt").write_text("hello")
        (dataset_copy.parent / "north-korean-troops-ramani.txt").write_text("changed")


def test_a_deleted_file_is_reported_once_and_its_return_as_a_change(
    watcher: FileWatcher, dataset_copy: Path, qtbot: QtBot
) -> None:
    original = dataset_copy.read_bytes()
    with (
        qtbot.waitSignal(watcher.removedOnDisk, timeout=TIMEOUT) as blocker,
        qtbot.assertNotEmitted(watcher.changedOnDisk),
    ):
        dataset_copy.unlink()
    assert blocker.args == [dataset_copy]
    with qtbot.assertNotEmitted(watcher.removedOnDisk, wait=QUIET):
        (dataset_copy.parent / "other.txt").write_text("a folder notification")
    with qtbot.waitSignal(watcher.changedOnDisk, timeout=TIMEOUT):
        dataset_copy.write_bytes(original + b"\n")


def test_a_quick_delete_and_rewrite_is_one_change(
    watcher: FileWatcher, dataset_copy: Path, qtbot: QtBot
) -> None:
    original = dataset_copy.read_bytes()
    with (
        qtbot.waitSignal(watcher.changedOnDisk, timeout=TIMEOUT),
        qtbot.assertNotEmitted(watcher.removedOnDisk),
    ):
        dataset_copy.unlink()
        dataset_copy.write_bytes(original[:100])
        dataset_copy.write_bytes(original + b" ")


def test_stop_and_watch_another_file(
    watcher: FileWatcher, dataset_copy: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    watcher.stop()
    assert watcher.path is None
    with qtbot.assertNotEmitted(watcher.changedOnDisk, wait=QUIET):
        dataset_copy.write_bytes(b"{}")
    other = tmp_path / "new.json"
    other.write_bytes(b"[]")
    watcher.watch(other)  # the bytes as they are now
    with qtbot.waitSignal(watcher.changedOnDisk, timeout=TIMEOUT) as blocker:
        other.write_bytes(b"[1]")
    assert blocker.args == [other]
