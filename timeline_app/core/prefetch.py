"""The file named on the command line, read (and its keys counted) while the app starts.

Importing Qt and building the window hold the interpreter for about 0.3 s, while the
other core has nothing to do.  Meanwhile:

* a thread reads the file: reading lets go of the interpreter, so the two overlap (at
  100,000 events the 0.1 s read is gone from the opening);
* on Linux, for a big file (8 to 256 MB), a child process counts the keys in it
  (:func:`~timeline_app.core.fast_read.keys_in`, which the quick reader compares with the
  keys it decoded: 0.15 s of opening 100,000 cloned events), on the other core.  It is
  forked before any thread starts, reads the file itself, sends back one line of numbers
  and exits; where it cannot be forked (another system, threads already running, a small
  file) the reader counts the keys itself, as it always has.

The next load takes them, once, if the file is still the one that was read (its device,
inode, size and change times unchanged); otherwise, or if anything failed, it reads and
counts as always: what the load makes of the file never depends on this module.
"""

from __future__ import annotations

import os
import select
import signal
import struct
import sys
import threading
from dataclasses import dataclass, field

from .fast_read import keys_in
from .jsonio import json_head
from .safe_read import DOCUMENT_LIMIT, MB, read_regular_file

Identity = tuple[int, int, int, int, int]

COUNT_ASIDE_FROM = 8 * MB  # below this the keys are counted in a few ms where they are read
# above this the child would still be counting when the load needs its answer, and its
# copy of the file doubles what memory and the disk cache must hold at once (a million
# events, 1.1 GB: the load waited 2 s for the child, then took 26 s where it took 17)
COUNT_ASIDE_UP_TO = 256 * MB
ANSWER_WAIT_S = 10.0  # then the child is stopped, and the reader counts the keys itself
_ANSWER = struct.Struct("<6q")  # the identity of the file counted, and its keys (-1: doubt)


def identity(path: str | os.PathLike[str]) -> Identity | None:
    """What tells one state of a file from another, short of reading it; None if it is
    gone."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def _alone() -> bool:
    """Whether this process runs one thread (Qt's own included): forking it is safe."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


class KeyCount:
    """The keys of a big file, counted by a child process on the other core."""

    def __init__(self, pid: int, answers: int) -> None:
        self.pid = pid
        self._answers = answers  # the read end of the pipe the child answers on
        self._answer: tuple[Identity, int | None] | None = None
        self._open = True

    @classmethod
    def start(cls, path: str | os.PathLike[str]) -> KeyCount | None:
        """The child counting ``path``'s keys; None where none is started (then the reader
        counts them)."""
        if not (sys.platform.startswith("linux") and hasattr(os, "fork") and _alone()):
            return None
        try:
            if not COUNT_ASIDE_FROM <= os.stat(path).st_size <= COUNT_ASIDE_UP_TO:
                return None
        except OSError:
            return None
        answers, answer = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(answers)
            os.close(answer)
            return None
        if pid == 0:  # the child, which never returns
            os.close(answers)
            _count_and_exit(path, answer)
        os.close(answer)
        return cls(pid, answers)

    def answer(self, timeout: float | None = None) -> tuple[Identity, int | None] | None:
        """The identity of the file the child counted and its keys (None: in doubt, as
        :func:`keys_in` says), or None when it gave no answer (in ``timeout`` seconds,
        :data:`ANSWER_WAIT_S` by default: it is then stopped)."""
        if self._open:
            wait = ANSWER_WAIT_S if timeout is None else timeout
            try:
                ready, _, _ = select.select([self._answers], [], [], wait)
                data = os.read(self._answers, _ANSWER.size) if ready else b""
            except OSError:
                data = b""
            self.close()
            if len(data) == _ANSWER.size:
                *state, keys = _ANSWER.unpack(data)
                self._answer = (
                    (state[0], state[1], state[2], state[3], state[4]),
                    None if keys < 0 else keys,
                )
        return self._answer

    def close(self) -> None:
        """Stop the child if it still runs, and collect it."""
        if not self._open:
            return
        self._open = False
        os.close(self._answers)
        try:
            if os.waitpid(self.pid, os.WNOHANG) == (0, 0):
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        except (ChildProcessError, ProcessLookupError):
            pass  # collected already


def _count_and_exit(path: str | os.PathLike[str], answer: int) -> None:
    """The child's whole life: count, answer, exit (whatever happens, nothing of the app
    runs on in it: no handler, no buffer flushed twice)."""
    try:
        before = identity(path)
        raw = read_regular_file(path, DOCUMENT_LIMIT, head=json_head)
        keys = keys_in(raw)
        if before is not None and identity(path) == before:
            os.write(answer, _ANSWER.pack(*before, -1 if keys is None else keys))
    finally:
        os._exit(0)


@dataclass
class Prefetched:
    """A file's bytes read ahead, and the child counting its keys, if one was started."""

    raw: bytes
    state: Identity
    counting: KeyCount | None = field(default=None, repr=False)

    def take_bytes(self) -> bytes:
        """The bytes, once: this lets go of them (a big file's are freed as soon as the
        reader is done with them)."""
        raw, self.raw = self.raw, b""
        return raw

    def keys(self, raw: bytes) -> int | None:
        """:func:`keys_in` of ``raw``, these bytes: the child's answer when it counted
        this state of the file, else counted here."""
        counting, self.counting = self.counting, None
        if counting is not None:
            answered = counting.answer()
            if answered is not None and answered[0] == self.state:
                return answered[1]
        return keys_in(raw)

    def close(self) -> None:
        if self.counting is not None:
            self.counting.close()
            self.counting = None


class _Prefetch:
    """The one file read ahead (and counted) at a time."""

    _lock = threading.Lock()
    _thread: threading.Thread | None = None
    _got: tuple[Identity, bytes] | None = None
    _counting: KeyCount | None = None

    @classmethod
    def start(cls, path: str | os.PathLike[str]) -> None:
        def run() -> None:
            before = identity(path)
            try:
                raw = read_regular_file(path, DOCUMENT_LIMIT, head=json_head)
            except OSError:
                return  # the load reads it again and says why it cannot
            if before is not None and identity(path) == before:
                cls._got = (before, raw)

        with cls._lock:
            cls._drop()
            cls._counting = KeyCount.start(path)  # first: no thread may run at the fork
            cls._thread = threading.Thread(target=run, name="prefetch", daemon=True)
            cls._thread.start()

    @classmethod
    def _drop(cls) -> None:
        if cls._counting is not None:
            cls._counting.close()
        cls._counting = cls._got = None

    @classmethod
    def take(cls, path: str | os.PathLike[str]) -> Prefetched | None:
        with cls._lock:
            thread, cls._thread = cls._thread, None
            if thread is None:
                return None
            thread.join()
            got, counting = cls._got, cls._counting
            cls._got = cls._counting = None
        if got is None or identity(path) != got[0]:
            if counting is not None:
                counting.close()
            return None  # another file, or this one changed since: read it now
        return Prefetched(got[1], got[0], counting)


def prefetch(path: str | os.PathLike[str]) -> None:
    """Start reading the timeline file ``path`` (and counting its keys); the next
    :func:`take` (whatever file it is for) takes what was read."""
    _Prefetch.start(path)


def take(path: str | os.PathLike[str]) -> Prefetched | None:
    """What :func:`prefetch` read, if it read ``path`` and the file has not changed
    since; None otherwise (read it now).  The caller closes it once the load is over."""
    return _Prefetch.take(path)
