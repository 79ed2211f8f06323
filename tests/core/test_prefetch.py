"""The file named on the command line is read while the app starts; the load takes those
bytes only if they are still the file's."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from timeline_app.core.file_read import _Prefetch, load_timeline, prefetch
from timeline_app.core.problems import LoadError

DATASET = Path(__file__).resolve().parents[2] / "events" / "north-korean-troops.json"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "t.json"
    shutil.copy(DATASET, target)
    return target


def test_the_load_takes_the_bytes_read_ahead(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import timeline_app.core.file_read as file_read

    prefetch(copy)
    _Prefetch._thread.join()  # type: ignore[union-attr]  (read ahead before counting reads)
    read: list[object] = []

    original = file_read.read_regular_file
    monkeypatch.setattr(
        file_read, "read_regular_file", lambda *a, **k: read.append(a) or original(*a, **k)
    )
    assert load_timeline(copy) == load_timeline(DATASET)
    assert len(read) == 1  # the second load read the dataset; the first read nothing


def test_a_file_changed_after_it_was_read_ahead_is_read_again(copy: Path) -> None:
    prefetch(copy)
    _Prefetch._thread.join()  # type: ignore[union-attr]
    text = copy.read_text(encoding="utf-8").replace("North Korean troops", "Changed", 1)
    copy.write_text(text, encoding="utf-8")
    os.utime(copy, ns=(time.time_ns(), time.time_ns() + 10**9))  # a new time, whatever the fs
    assert load_timeline(copy).title.startswith("Changed")


def test_bytes_read_ahead_for_another_file_are_dropped(copy: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text(copy.read_text(encoding="utf-8").replace('"title": "', '"title": "X', 1))
    prefetch(other)
    assert not load_timeline(copy).title.startswith("X")
    assert load_timeline(other).title.startswith("X")  # read now, as any later load


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_is_not_waited_on_ahead_nor_at_the_load(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    prefetch(pipe)
    with pytest.raises(LoadError, match=r"cannot read"):
        load_timeline(pipe)
