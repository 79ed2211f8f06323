"""The file named on the command line is read while the app starts; the load takes those
bytes only if they are still the file's."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from timeline_app.core.file_read import load_timeline
from timeline_app.core.prefetch import _Prefetch, prefetch
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


# -- the keys counted by a child process (Linux, a big file, a process of one thread) ------
# Run in a fresh interpreter: the test process has threads, where no child is forked.
FORK = pytest.mark.skipif(
    not (sys.platform.startswith("linux") and hasattr(os, "fork")), reason="Linux only"
)
HEAD = """
import os, sys
import timeline_app.core.prefetch as prefetch
from timeline_app.core.file_read import load_timeline
prefetch.COUNT_ASIDE_FROM = 0  # every file counted aside
path = sys.argv[1]
"""


def run_child_script(body: str, path: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", HEAD + body, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@FORK
def test_the_load_takes_the_keys_counted_by_the_child(copy: Path) -> None:
    out = run_child_script(
        """
prefetch.prefetch(path)
counting = prefetch._Prefetch._counting
assert counting is not None, "no child was started"
def not_here(raw):
    raise AssertionError("counted in the app, not by the child")
prefetch.keys_in = not_here  # in the app only: the child was forked before this
import timeline_app.core.file_read as file_read
def not_checked(data):
    raise AssertionError("the child's count sent the file to the checking reader")
file_read.timeline_from_data = not_checked  # the quick way took it, with the child's count
timeline = load_timeline(path)
print(len(timeline.events), counting.answer()[1] > 0)
try:
    os.waitpid(counting.pid, os.WNOHANG)
except ChildProcessError:
    print("collected")
""",
        copy,
    )
    assert out.split() == [str(len(load_timeline(DATASET).events)), "True", "collected"]


@FORK
def test_a_key_written_twice_is_refused_when_the_child_counted_them(tmp_path: Path) -> None:
    """The child's count is the one the quick reader compares: a duplicate key still sends
    the file to the checking reader, which says where it is."""
    text = DATASET.read_text(encoding="utf-8")
    at = text.index('"id": ', text.index('"events"'))
    path = tmp_path / "twice.json"
    path.write_text(text[:at] + '"title": "again", ' + text[at:], encoding="utf-8")
    out = run_child_script(
        """
from timeline_app.core.problems import LoadError
prefetch.prefetch(path)
assert prefetch._Prefetch._counting is not None
try:
    load_timeline(path)
except LoadError as exc:
    print(exc.problems[0].message)
""",
        path,
    )
    assert "appears twice" in out


@FORK
def test_a_child_that_does_not_answer_is_stopped_and_the_keys_counted_here(copy: Path) -> None:
    out = run_child_script(
        """
import time
counted = prefetch.keys_in
prefetch.keys_in = lambda raw: time.sleep(60)  # the child hangs ...
prefetch.prefetch(path)
counting = prefetch._Prefetch._counting
prefetch.keys_in = counted  # ... the app does not
prefetch.ANSWER_WAIT_S = 0.2
timeline = load_timeline(path)
print(len(timeline.events), counting.answer() is None)  # no answer: not waited for
try:
    os.kill(counting.pid, 0)
except ProcessLookupError:
    print("stopped")
""",
        copy,
    )
    assert out.split() == [str(len(load_timeline(DATASET).events)), "True", "stopped"]


def test_no_child_is_forked_beside_other_threads_nor_for_a_small_or_huge_file(
    copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import timeline_app.core.prefetch as prefetch_module

    assert prefetch_module.KeyCount.start(copy) is None  # small: counted in a few ms here
    monkeypatch.setattr(prefetch_module, "COUNT_ASIDE_FROM", 0)
    monkeypatch.setattr(prefetch_module, "COUNT_ASIDE_UP_TO", copy.stat().st_size - 1)
    assert prefetch_module.KeyCount.start(copy) is None  # huge: the child would be late
    monkeypatch.setattr(prefetch_module, "COUNT_ASIDE_UP_TO", 2**62)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert prefetch_module.KeyCount.start(copy) is None
    finally:
        stop.set()
        other.join()
