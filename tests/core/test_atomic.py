"""Atomic writes, and the temporary files a killed save leaves behind."""

from __future__ import annotations

import os
import time
from pathlib import Path

from timeline_app.core.atomic import atomic_write, remove_stale_temporaries


def test_temporaries_of_a_killed_save_are_removed_after_an_hour_only(tmp_path: Path) -> None:
    old = tmp_path / ".t.json.ab12cd_9.tmp"  # the naming atomic_write uses
    young = tmp_path / ".t.json.zz99yy00.tmp"  # perhaps another instance saving right now
    mine = tmp_path / ".notes.tmp"  # not of our naming: never touched
    folder = tmp_path / ".dir.abcdefgh.tmp"
    for path in (old, young, mine):
        path.write_bytes(b"x" * 1000)
    folder.mkdir()
    hour_ago = time.time() - 3700
    for path in (old, mine, folder):
        os.utime(path, (hour_ago, hour_ago))
    atomic_write(tmp_path / "t.json", b"{}")  # the next save in that folder
    assert not old.exists()
    assert young.exists() and mine.exists() and folder.is_dir()
    assert (tmp_path / "t.json").read_bytes() == b"{}"
    assert remove_stale_temporaries(tmp_path, now=time.time() + 7200) == [young]


def test_a_new_file_gets_the_mode_asked_for(tmp_path: Path) -> None:
    atomic_write(tmp_path / "private.json", b"{}", mode=0o600)
    assert oct((tmp_path / "private.json").stat().st_mode & 0o777) == oct(0o600)
