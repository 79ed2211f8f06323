"""Atomic writes, confined writes, and the temporary files a killed save leaves behind."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from timeline_app.core import atomic
from timeline_app.core.atomic import OutsideFolder, atomic_write, remove_stale_temporaries


def test_temporaries_of_a_killed_save_are_removed_after_an_hour_only(tmp_path: Path) -> None:
    old = tmp_path / ".t.json.ab12cd90.timeline-app.tmp"  # the naming atomic_write uses
    young = tmp_path / ".t.json.0011aabb.timeline-app.tmp"  # perhaps being saved right now
    users = [tmp_path / name for name in (".notes.tmp", ".thesis.20240101.tmp",
                                          ".x.backup_1.tmp", ".t.json.ab12cd_9.tmp")]  # fmt: skip
    folder = tmp_path / ".dir.abcdef12.timeline-app.tmp"
    for path in (old, young, *users):
        path.write_bytes(b"x" * 1000)
    folder.mkdir()
    hour_ago = time.time() - 3700
    for path in (old, folder, *users):
        os.utime(path, (hour_ago, hour_ago))
    atomic_write(tmp_path / "t.json", b"{}")  # the next save in that folder
    assert not old.exists()
    assert young.exists() and folder.is_dir()
    assert all(path.exists() for path in users)  # the user's own files: never touched
    assert (tmp_path / "t.json").read_bytes() == b"{}"
    assert remove_stale_temporaries(tmp_path, now=time.time() + 7200) == [young]


def test_a_new_file_gets_the_mode_asked_for(tmp_path: Path) -> None:
    atomic_write(tmp_path / "private.json", b"{}", mode=0o600)
    assert oct((tmp_path / "private.json").stat().st_mode & 0o777) == oct(0o600)


def test_a_confined_write_replaces_a_link_instead_of_writing_through_it(tmp_path: Path) -> None:
    folder = tmp_path / "timeline"
    folder.mkdir()
    outside = tmp_path / "victim.conf"
    outside.write_text("precious", encoding="utf-8")
    (folder / "a.txt").symlink_to(outside)
    atomic_write(folder / "a.txt", b"typed", inside=folder)
    assert outside.read_text(encoding="utf-8") == "precious"
    assert not (folder / "a.txt").is_symlink()
    assert (folder / "a.txt").read_bytes() == b"typed"


def test_a_confined_write_into_a_folder_linked_outside_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "timeline"
    folder.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (folder / "sub").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(OutsideFolder):
        atomic_write(folder / "sub" / "a.txt", b"typed", inside=folder)
    assert list((tmp_path / "elsewhere").iterdir()) == []


@pytest.mark.skipif(not atomic._DIR_FDS or not atomic._PROC_FD.is_dir(), reason="needs dir fds")
def test_a_folder_swapped_for_a_link_while_writing_does_not_redirect_the_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "timeline"
    (folder / "sub").mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    real_open = atomic._open_folder

    def swap_after_open(path: Path, inside: Path | None) -> int | None:
        fd = real_open(path, inside)  # the checked folder is open: now swap it
        os.rename(folder / "sub", tmp_path / "sub-moved")
        (folder / "sub").symlink_to(elsewhere)
        return fd

    monkeypatch.setattr(atomic, "_open_folder", swap_after_open)
    atomic_write(folder / "sub" / "a.txt", b"typed", inside=folder)
    assert list(elsewhere.iterdir()) == []
    assert (tmp_path / "sub-moved" / "a.txt").read_bytes() == b"typed"  # where it was checked


def test_a_commit_that_declines_leaves_nothing(tmp_path: Path) -> None:
    lock = threading.Lock()

    def decline(rename: object) -> bool:
        with lock:
            return False

    assert not atomic.atomic_write_chunks(tmp_path / "x", [b"a"], commit=decline)
    assert list(tmp_path.iterdir()) == []
