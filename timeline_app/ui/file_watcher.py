"""Notice when the open file changes on disk: another editor, ``git pull``, a sync tool.

:class:`FileWatcher` remembers a hash of the bytes the app last loaded or saved and watches
the file *and its folder* with a :class:`QFileSystemWatcher`.  A file replaced by rename (as
git, most editors and our own atomic save do) drops out of the watcher, so the file is
watched again after every notification; the folder's notifications catch the new file.

Notifications only start a short timer (editors write in several steps).  When it fires the
file's current bytes are compared with the remembered ones, and only a real difference
emits :attr:`FileWatcher.changedOnDisk`; touching a file, or rewriting it with the same
bytes, emits nothing.  The app's own saves never emit: right after writing, the app calls
:meth:`FileWatcher.saved`, which remembers the new bytes before any notification of the write
is handled (notifications are delivered by the event loop, after the caller returns).

A deleted file emits :attr:`FileWatcher.removedOnDisk` instead, once.  If a file of the same
name appears again later, a difference from the remembered bytes emits ``changedOnDisk``.

Each distinct content is reported once: after a signal the watcher takes the file's current
state as the one it knows, so a reply of "keep my version" is not asked again until the file
changes again.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

from ..core.safe_read import (
    DOCUMENT_LIMIT,
    RefusedFile,
    digest_regular_file,
    fingerprint,
    read_regular_file,
)

DEBOUNCE_MS = 200


def _digest(content: bytes) -> bytes:
    return fingerprint((content,))


def file_digest(path: Path) -> bytes | None:
    """What :meth:`FileWatcher.watch` remembers of a file's content, or None when it cannot
    be read.  No Qt: a worker thread that has just loaded a big file computes it there."""
    try:
        return digest_regular_file(path, DOCUMENT_LIMIT)  # the same as _digest of its bytes
    except OSError:
        return None


DEFER_BYTES = 4_000_000  # a bigger file is read for its baseline once the window is painted


class FileWatcher(QObject):
    changedOnDisk = Signal(object)  # Path (as given to watch): the bytes differ
    removedOnDisk = Signal(object)  # Path (as given to watch): the file is gone

    def __init__(self, parent: QObject | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._notified)
        self._watcher.directoryChanged.connect(self._notified)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.check)
        self._path: Path | None = None  # as given, for the signals
        self._real: Path | None = None  # symlinks resolved: what is watched
        self._digest: bytes | None = None  # None: the file is known to be missing

    @property
    def path(self) -> Path | None:
        """The watched file, or None."""
        return self._path

    def watch(self, path: Path, content: bytes | None = None, digest: bytes | None = None) -> None:
        """Watch ``path``, whose content the app has just loaded (``content``: those bytes,
        or ``digest``: their :func:`file_digest`; neither: the file is read now).  Replaces
        any file watched before."""
        self.stop()
        self._path = Path(path)
        self._real = Path(os.path.realpath(path))
        if self._size() > DOCUMENT_LIMIT:  # too big to be read: a check reads it as refused
            content = digest = None
        if digest is not None:
            self._digest = digest
        elif content is not None:
            self._digest = _digest(content)
        elif self._size() > DEFER_BYTES:
            # reading and hashing a big file would delay the first paint: do it just after
            self._digest = None
            QTimer.singleShot(0, self._capture)
        else:
            self._capture()
        self._rewatch()

    def _capture(self) -> None:
        if self._path is not None and self._digest is None:
            data = self._read()
            self._digest = _digest(data) if data is not None else None

    def _size(self) -> int:
        try:
            return self._real.stat().st_size if self._real is not None else 0
        except OSError:
            return 0

    def saved(self, path: Path, content: bytes | None = None, digest: bytes | None = None) -> None:
        """The app has just written ``path`` (``content``: the bytes written, or ``digest``:
        their :func:`~timeline_app.core.safe_read.fingerprint`; neither: the file is read
        now).  Call it right after saving, before returning to the event loop: the
        notifications of that write then find nothing new.  Also after Save As."""
        if self._path is not None and Path(os.path.realpath(path)) == self._real:
            self._timer.stop()
            self._path = Path(path)
            if digest is None or self._size() > DOCUMENT_LIMIT:  # (as in watch)
                data = content if content is not None else self._read()
                digest = _digest(data) if data is not None else None
            self._digest = digest
            self._rewatch()
        else:
            self.watch(path, content, digest)

    def stop(self) -> None:
        """Watch nothing (the document is closed, or is a new untitled one)."""
        self._timer.stop()
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        self._path = self._real = None
        self._digest = None

    @Slot()
    def check(self) -> None:
        """Compare the file with the remembered bytes now and emit if it changed."""
        self._timer.stop()
        if self._path is None:
            return
        self._rewatch()
        path = self._path
        data = self._read()
        if data is None:
            if self._digest is not None and not self._exists():
                self._digest = None
                self.removedOnDisk.emit(path)
            return
        digest = _digest(data)
        if digest != self._digest:
            self._digest = digest
            self.changedOnDisk.emit(path)

    # -- internals ------------------------------------------------------------------------
    @Slot(str)
    def _notified(self, _changed: str) -> None:
        if getattr(self, "_path", None) is not None:  # attributes gone: being collected
            self._timer.start()  # restarts: one check after the last notification

    def _read(self) -> bytes | None:
        """The file's bytes, or None when it cannot be read (missing, being replaced).

        Something that is not a regular file (a named pipe or a device swapped in for the
        file) is never read nor waited on: it reads as a marker, a change from any content,
        so the user is asked to reload and the reload says why it cannot."""
        assert self._real is not None
        try:
            return read_regular_file(self._real, DOCUMENT_LIMIT)
        except RefusedFile as exc:
            return b"\0refused: " + str(exc).encode("utf-8")
        except OSError:
            return None

    def _exists(self) -> bool:
        assert self._real is not None
        return self._real.exists()

    def _rewatch(self) -> None:
        """Watch the file again (a rename drops it) and its folder."""
        assert self._real is not None
        folder = str(self._real.parent)
        if folder not in self._watcher.directories() and os.path.isdir(folder):
            self._watcher.addPath(folder)
        name = str(self._real)
        if name not in self._watcher.files() and os.path.isfile(name):
            self._watcher.addPath(name)
