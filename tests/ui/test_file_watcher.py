"""Noticing that the open file changed on disk, and not being fooled by our own saves.

Every test records *both* signals for the whole of what it does, and waits long enough for
the notifications and the debounce to have run: a watcher that reported a spurious removal,
or a deletion as a change, fails them (``test_the_checks_catch_a_faulty_watcher``)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from timeline_app.core.change import Change
from timeline_app.core.fileformat import load_timeline
from timeline_app.ui.app import application
from timeline_app.ui.document import Document
from timeline_app.ui.file_watcher import FileWatcher

TIMEOUT = 3000
QUIET = 600  # long enough for the notifications and the 200 ms debounce

Log = list[tuple[str, Path]]


@pytest.fixture
def watcher(dataset_copy: Path) -> Iterator[FileWatcher]:
    application()
    w = FileWatcher()
    w.watch(dataset_copy, dataset_copy.read_bytes())
    yield w
    w.stop()


@contextmanager
def signals(watcher: FileWatcher, qtbot: QtBot, expect: int = 0) -> Iterator[Log]:
    """Records every signal of ``watcher`` while the block runs and after it: until
    ``expect`` signals came (or the timeout), then for a quiet time more."""
    log: Log = []
    changed: Callable[[Path], None] = lambda path: log.append(("changed", path))  # noqa: E731
    removed: Callable[[Path], None] = lambda path: log.append(("removed", path))  # noqa: E731
    watcher.changedOnDisk.connect(changed)
    watcher.removedOnDisk.connect(removed)
    try:
        yield log
        if expect:
            qtbot.waitUntil(lambda: len(log) >= expect, timeout=TIMEOUT)
        qtbot.wait(QUIET)
    finally:
        watcher.changedOnDisk.disconnect(changed)
        watcher.removedOnDisk.disconnect(removed)


def replace_by_rename(path: Path, data: bytes) -> None:
    """What git and most editors do: write a temporary file, then rename it over."""
    tmp = path.with_name(f".{path.name}.swp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def test_an_edit_in_place_is_noticed(
    watcher: FileWatcher, dataset_copy: Path, qtbot: QtBot
) -> None:
    with signals(watcher, qtbot, expect=1) as log, dataset_copy.open("ab") as f:
        f.write(b"\n")
    assert log == [("changed", dataset_copy)]


def test_a_replacement_by_rename_is_noticed_and_so_is_the_next_change(
    watcher: FileWatcher, dataset_copy: Path, qtbot: QtBot
) -> None:
    original = dataset_copy.read_bytes()
    with signals(watcher, qtbot, expect=1) as log:
        replace_by_rename(dataset_copy, original.replace(b"North Korean", b"DPRK", 1))
    with signals(watcher, qtbot, expect=1) as again:  # watched again
        replace_by_rename(dataset_copy, original.replace(b"North Korean", b"Korean", 1))
    with signals(watcher, qtbot, expect=1) as in_place:  # and in place after that
        dataset_copy.write_bytes(original)
    assert log == again == in_place == [("changed", dataset_copy)]


def test_each_content_is_reported_once(
    watcher: FileWatcher, dataset_copy: Path, qtbot: QtBot
) -> None:
    changed = dataset_copy.read_bytes() + b"\n"
    with signals(watcher, qtbot, expect=1) as log:
        dataset_copy.write_bytes(changed)
    assert log == [("changed", dataset_copy)]
    with signals(watcher, qtbot) as log:
        replace_by_rename(dataset_copy, changed)  # the same bytes again
    assert log == []


def test_the_apps_own_save_is_not_a_change(
    watcher: FileWatcher, dataset_copy: Path, qtbot: QtBot
) -> None:
    doc = Document()
    doc.load(load_timeline(dataset_copy), dataset_copy)
    doc.push(Change("Rename", title=(doc.timeline.title, "Saved by the app")))
    with signals(watcher, qtbot) as log:
        doc.save(dataset_copy)  # atomic: a temporary file renamed over the old one
        watcher.saved(dataset_copy, dataset_copy.read_bytes())
    assert log == []
    assert b"Saved by the app" in dataset_copy.read_bytes()
    with signals(watcher, qtbot, expect=1) as log:  # still watching
        dataset_copy.write_bytes(b"{}")
    assert log == [("changed", dataset_copy)]


def test_saved_without_bytes_reads_them(
    watcher: FileWatcher, dataset_copy: Path, qtbot: QtBot
) -> None:
    with signals(watcher, qtbot) as log:
        replace_by_rename(dataset_copy, b'{"saved": "by us"}\n')
        watcher.saved(dataset_copy)
    assert log == []


def test_save_as_moves_the_watch(
    watcher: FileWatcher, dataset_copy: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    other_dir = tmp_path / "elsewhere"
    other_dir.mkdir()
    other = other_dir / "copy.json"
    with signals(watcher, qtbot) as log:
        other.write_bytes(dataset_copy.read_bytes())
        watcher.saved(other)
        dataset_copy.write_bytes(b"{}")  # the old file is no longer ours
    assert log == []
    assert watcher.path == other
    with signals(watcher, qtbot, expect=1) as log:
        other.write_bytes(b"[]")
    assert log == [("changed", other)]


def test_touching_the_file_is_not_a_change(
    watcher: FileWatcher, dataset_copy: Path, qtbot: QtBot
) -> None:
    with signals(watcher, qtbot) as log:
        dataset_copy.touch()
        os.utime(dataset_copy, (0, 0))
        dataset_copy.write_bytes(dataset_copy.read_bytes())  # rewritten, same bytes
    assert log == []


def test_other_files_in_the_folder_are_ignored(
    watcher: FileWatcher, dataset_copy: Path, qtbot: QtBot
) -> None:
    with signals(watcher, qtbot) as log:
        (dataset_copy.parent / "notes.txt").write_text("hello")
        (dataset_copy.parent / "north-korean-troops-ramani.txt").write_text("changed")
    assert log == []


def test_a_deleted_file_is_reported_once_and_its_return_as_a_change(
    watcher: FileWatcher, dataset_copy: Path, qtbot: QtBot
) -> None:
    original = dataset_copy.read_bytes()
    with signals(watcher, qtbot, expect=1) as log:
        dataset_copy.unlink()
    assert log == [("removed", dataset_copy)]  # once, and not as a change
    with signals(watcher, qtbot) as log:
        (dataset_copy.parent / "other.txt").write_text("a folder notification")
    assert log == []
    with signals(watcher, qtbot, expect=1) as log:
        dataset_copy.write_bytes(original + b"\n")
    assert log == [("changed", dataset_copy)]


def test_a_quick_delete_and_rewrite_is_one_change(
    watcher: FileWatcher, dataset_copy: Path, qtbot: QtBot
) -> None:
    original = dataset_copy.read_bytes()
    with signals(watcher, qtbot, expect=1) as log:
        dataset_copy.unlink()
        dataset_copy.write_bytes(original[:100])
        dataset_copy.write_bytes(original + b" ")
    assert log == [("changed", dataset_copy)]


def test_stop_and_watch_another_file(
    watcher: FileWatcher, dataset_copy: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    watcher.stop()
    assert watcher.path is None
    with signals(watcher, qtbot) as log:
        dataset_copy.write_bytes(b"{}")
    assert log == []
    other = tmp_path / "new.json"
    other.write_bytes(b"[]")
    watcher.watch(other)  # the bytes as they are now
    with signals(watcher, qtbot, expect=1) as log:
        other.write_bytes(b"[1]")
    assert log == [("changed", other)]


class _SpuriousRemovals(FileWatcher):
    """Reports a removal at every check: a bug the quiet tests must catch."""

    def check(self) -> None:
        super().check()
        if self.path is not None:
            self.removedOnDisk.emit(self.path)


class _DeletionAsChange(FileWatcher):
    """Reports a deleted file as a change: a bug the deletion test must catch."""

    def check(self) -> None:
        if self.path is not None and not self.path.exists():
            self.changedOnDisk.emit(self.path)
            return
        super().check()


def test_the_checks_catch_a_faulty_watcher(dataset_copy: Path, qtbot: QtBot) -> None:
    application()
    spurious = _SpuriousRemovals()
    spurious.watch(dataset_copy, dataset_copy.read_bytes())
    with signals(spurious, qtbot) as log:
        dataset_copy.touch()
    assert log, "a spurious removal went unseen"
    spurious.stop()
    wrong = _DeletionAsChange()
    wrong.watch(dataset_copy, dataset_copy.read_bytes())
    with signals(wrong, qtbot, expect=1) as log:
        dataset_copy.unlink()
    assert log != [("removed", dataset_copy)], "a deletion reported as a change went unseen"
    wrong.stop()


def test_a_save_too_big_to_read_back_is_not_a_change(
    watcher: FileWatcher, dataset_copy: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over the size the watcher reads, a file reads as refused: the fingerprint of the bytes
    written must not then be taken as the file's, or every check would call it changed."""
    import timeline_app.ui.file_watcher as file_watcher

    doc = Document()
    doc.load(load_timeline(dataset_copy), dataset_copy)
    monkeypatch.setattr(file_watcher, "DOCUMENT_LIMIT", 100)
    with signals(watcher, qtbot) as log:
        digest = doc.save(dataset_copy)
        watcher.saved(dataset_copy, digest=digest)
        watcher.check()
    assert log == []
