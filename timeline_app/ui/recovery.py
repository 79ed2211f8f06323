"""Unsaved work survives a crash: a recovery copy of the open document, kept a few seconds
behind the last edit, in a private folder of its own — never over the user's file.

:class:`Recovery` watches one :class:`~timeline_app.ui.document.Document`.  Each edit, undo or
redo (re)starts a single-shot timer; when it fires, an immutable
:class:`~timeline_app.core.recovery_format.Snapshot` of the document is taken and a worker
thread encodes and writes it atomically (the format is in
:mod:`timeline_app.core.recovery_format`).  At 100,000 events that takes seconds, none of
them on the GUI thread: the events are encoded a slice at a time.  A newer snapshot, a save
or closing the document make a write in progress obsolete: it is discarded, never renamed
into place.  Recovery files hold unsaved work, so they are private (``0600`` in a ``0700``
folder).

The file is named from a hash of the document's path (``<stem>-<hash>.json``), or
``untitled-<pid>-<n>.json`` for a timeline never saved.  It is deleted when the document
becomes clean again (saved, or undone back to the saved state), when another timeline is
loaded, and by :meth:`Recovery.stop`.

While a recovery file exists its owner holds a :class:`QLockFile` beside it (``….json.lock``),
so :func:`scan_recoveries` lists only files whose writer is gone (crashed, killed, power
lost) — never the live work of another running instance, nor of this one.  A file left
behind that cannot be read is moved into ``unreadable/`` with a message; it never blocks
the start.

At start-up the main window calls :func:`offer_recovery`, which asks
:meth:`~timeline_app.ui.prompts.QtPrompts.restore_recovery` about each pending file, then
:func:`load_restored` to put the accepted one into the document as an unsaved, undoable edit.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLockFile,
    QObject,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QWidget

from ..core.atomic import atomic_write_chunks, free_name
from ..core.fileformat import Cancelled, LoadError, load_timeline
from ..core.model import Timeline
from ..core.problems import failure_reason, shown
from ..core.recovery_format import (
    FORMAT,
    VERSION,
    RecoveryFile,
    Snapshot,
    iter_envelope,
    read_recovery,
    restore_change,
)
from ..core.wording import plural, summarise
from .document import Document
from .prompts import Prompts

__all__ = ["FORMAT", "VERSION", "Recovery", "RecoveryFile", "restore_change"]

DEFAULT_DELAY_MS = 3000
PRIVATE_FILE, PRIVATE_FOLDER = 0o600, 0o700
UNREADABLE = "unreadable"  # where recovery files that cannot be read are set aside
_CANCELLED = "\0cancelled"

_numbers = itertools.count(1)  # the <n> of untitled-<pid>-<n>: unique within this process


def default_folder() -> Path:
    """``<AppDataLocation>/recovery`` (inside the test location in Qt's test mode)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "recovery"


def private_folder(folder: Path) -> None:
    """Make ``folder`` (raises OSError) readable by its owner only."""
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    if stat.S_IMODE(folder.stat().st_mode) != PRIVATE_FOLDER:
        os.chmod(folder, PRIVATE_FOLDER)


def _lock_for(path: Path) -> QLockFile:
    lock = QLockFile(str(path) + ".lock")
    lock.setStaleLockTime(0)  # stale only when its process is gone, however old
    return lock


def _path_stem(path: Path) -> str:
    digest = hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:16]
    stem = "".join(c if c.isalnum() or c in "-_" else "_" for c in path.stem)[:40]
    return f"{stem}-{digest}" if stem else digest


class Recovery(QObject):
    """Keeps a recovery copy of ``document``'s unsaved work in ``folder``.

    ``written(Path)`` is emitted after each recovery write; ``writeFailed(str)`` with the
    reason when the copy could not be written (the folder is not writable, the disk is full).
    """

    written = Signal(object)  # Path of the recovery file
    writeFailed = Signal(str)
    _finished = Signal(int, object, str)  # from the worker: job, target, error ("" if none)

    def __init__(
        self,
        document: Document,
        folder: Path | None = None,
        delay_ms: int = DEFAULT_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else document)
        self.document = document
        self.folder = Path(folder) if folder is not None else default_folder()
        self._file: Path | None = None  # the recovery file this object wrote, if any
        self._lock: QLockFile | None = None
        self._untitled: str | None = None
        self._serial = next(_numbers)
        self._stopped = False
        # the write in progress (a worker thread) and the one waiting for it
        self._jobs = itertools.count(1)
        self._guard = threading.Lock()
        self._wanted = 0  # the job whose result may be renamed into place (0: none)
        self._worker: threading.Thread | None = None
        self._queued: tuple[int, Path, Snapshot] | None = None
        self._finished.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        stack = document.undo_stack
        stack.indexChanged.connect(self._on_index_changed)
        stack.cleanChanged.connect(self._on_clean_changed)
        document.reset.connect(self._on_reset)
        document.destroyed.connect(self._on_destroyed)

    @property
    def file(self) -> Path | None:
        """The recovery file currently on disk for this document, if any."""
        return self._file

    @property
    def pending(self) -> bool:
        """True while a write is scheduled or in progress."""
        return self._timer.isActive() or self._worker is not None

    @Slot(int)
    def _on_index_changed(self, _index: int) -> None:
        self._changed()

    @Slot(bool)
    def _on_clean_changed(self, _clean: bool) -> None:
        self._changed()

    def _active(self) -> bool:
        # When the document is garbage-collected with this object, Python may clear this
        # wrapper's attributes before Qt delivers the undo stack's last signals: do nothing.
        return not getattr(self, "_stopped", True)

    @Slot()
    def _on_destroyed(self) -> None:
        """The document is being destroyed: its undo stack still signals while it clears."""
        if self._active():
            self._timer.stop()
            self._stopped = True  # the copy, if any, stays: nothing said the work was saved

    def _changed(self) -> None:
        if not self._active():
            return
        if self.document.modified:
            self._timer.start()  # restarts: one write a short while after the last edit
        else:
            self._timer.stop()
            self._remove()

    @Slot()
    def _on_reset(self) -> None:
        if not self._active():
            return
        self._timer.stop()
        self._remove()
        self._untitled = None  # a new untitled timeline gets a new number

    @Slot()
    def flush(self) -> None:
        """Start writing the recovery file now if the document has unsaved changes (else
        remove it).  The write runs on a worker thread: :meth:`wait` waits for it."""
        if not self._active():
            return
        self._timer.stop()
        if not self.document.modified:
            self._remove()
            return
        try:
            target = self._target()
        except OSError as exc:
            self.writeFailed.emit(failure_reason(exc))
            return
        doc = self.document
        snapshot = Snapshot.take(doc.saved_timeline(), doc.texts.pending(), doc.path)
        job = next(self._jobs)
        with self._guard:
            self._wanted = job  # a write in progress is obsolete from now on
        if self._worker is not None:
            self._queued = (job, target, snapshot)  # started when that one is done
        else:
            self._start(job, target, snapshot)

    def wait(self, timeout: float = 30.0) -> None:
        """Wait until no write is in progress (for tests and for closing)."""
        for _ in range(8):
            worker = self._worker
            if worker is None:
                return
            worker.join(timeout)
            QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall.value)

    def stop(self) -> None:
        """Stop keeping a copy and delete the recovery file (the window closes normally)."""
        self._timer.stop()
        self._remove()
        self._stopped = True

    # -- the worker ------------------------------------------------------------------------
    def _start(self, job: int, target: Path, snapshot: Snapshot) -> None:
        self._worker = threading.Thread(
            target=self._write, args=(job, target, snapshot), name="recovery-writer"
        )
        self._worker.start()

    def _write(self, job: int, target: Path, snapshot: Snapshot) -> None:
        """On the worker thread: encode and write ``snapshot``, renamed into place only if
        it is still the one wanted."""
        error = ""
        try:
            chunks = iter_envelope(snapshot, cancelled=lambda: self._wanted != job)
            committed = atomic_write_chunks(
                target, chunks, PRIVATE_FILE, commit=lambda rename: self._commit(job, rename)
            )
            error = "" if committed else _CANCELLED
        except Cancelled:
            error = _CANCELLED
        except Exception as exc:  # reported on the GUI thread, never lost silently
            error = failure_reason(exc)
        with contextlib.suppress(RuntimeError):  # the window (and this object) went meanwhile
            self._finished.emit(job, target, error)

    def _commit(self, job: int, rename: Callable[[], None]) -> bool:
        with self._guard:
            if self._wanted != job:
                return False
            rename()
            return True

    @Slot(int, object, str)
    def _done(self, job: int, target: Path, error: str) -> None:
        """Back on the GUI thread after a write."""
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.join()  # it has nothing left to do but return
        if error and error != _CANCELLED:
            self.writeFailed.emit(error)
        elif not error and job == self._wanted and target == self._file:
            self.written.emit(target)
        queued, self._queued = self._queued, None
        if queued is not None and queued[0] == self._wanted and self._active():
            self._start(*queued)

    # -- the file ------------------------------------------------------------------------
    def _target(self) -> Path:
        """The file to write, locked by this object (raises OSError)."""
        doc = self.document
        if doc.path is not None:
            stem = _path_stem(doc.path)  # or, when another document has it, one of ours:
            names = [stem, f"{stem}-{os.getpid()}-{self._serial}"]
        else:
            if self._untitled is None:
                self._untitled = f"untitled-{os.getpid()}-{next(_numbers)}"
            names = [self._untitled]
        if self._file is not None and self._file.stem in names:
            return self._file
        self._remove()  # the document was saved under another name meanwhile
        private_folder(self.folder)
        for name in names:  # the plain name, unless another live instance has it
            path = self.folder / f"{name}.json"
            lock = _lock_for(path)
            if lock.tryLock(0):
                self._file, self._lock = path, lock
                return path
        raise OSError(f"cannot lock a recovery file in {self.folder}")

    def _remove(self) -> None:
        with self._guard:
            self._wanted = 0  # a write in progress is discarded, never renamed into place
        self._queued = None
        if self._file is not None:
            with contextlib.suppress(OSError):  # left behind: offered at the next start
                self._file.unlink(missing_ok=True)
        if self._lock is not None:
            self._lock.unlock()
        self._file = self._lock = None


# -- after a crash -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scan:
    """What a recovery folder holds: work to offer, and files set aside as unreadable."""

    pending: list[RecoveryFile]
    set_aside: list[str]  # one line each: where it went and why


def _abandoned(path: Path) -> bool:
    """True unless a live process (this one included) holds the file's lock."""
    lock = _lock_for(path)
    if not lock.tryLock(0):
        return lock.error() != QLockFile.LockError.LockFailedError
    lock.unlock()  # it was stale (or there was none): leave no lock file behind
    return True


def _set_aside(path: Path) -> Path:
    """Move an unreadable recovery file into ``unreadable/`` (raises OSError)."""
    folder = path.parent / UNREADABLE
    private_folder(folder)
    target = folder / free_name(folder, Path(path.name))
    os.replace(path, target)
    discard_lock(path)
    return target


def scan_recoveries(folder: Path | None = None) -> Scan:
    """Recovery files left behind by instances that are gone, newest first; those that
    cannot be read are set aside (moved into ``unreadable/``), never offered again."""
    folder = Path(folder) if folder is not None else default_folder()
    try:
        candidates = sorted(p for p in folder.glob("*.json") if p.is_file())
    except OSError:
        return Scan([], [])
    found, set_aside = [], []
    for path in candidates:
        try:
            if not _abandoned(path):
                continue
            found.append(read_recovery(path).file)
        except Exception as exc:  # whatever is wrong with it, the start goes on
            why = (
                "; ".join(p.message for p in exc.problems[:3])
                if isinstance(exc, LoadError)
                else failure_reason(exc)
            )
            try:
                moved = _set_aside(path)
                set_aside.append(f"{path.name}: {shown(why)} (moved to {moved})")
            except OSError as move_error:
                set_aside.append(f"{path.name}: {shown(why)} ({failure_reason(move_error)})")
    found.sort(key=lambda r: r.saved_at, reverse=True)
    return Scan(found, set_aside)


def pending_recoveries(folder: Path | None = None) -> list[RecoveryFile]:
    """Recovery files left behind by instances that are gone, newest first."""
    return scan_recoveries(folder).pending


def restore(recovery: RecoveryFile) -> tuple[Timeline, Path | None, dict[str, str]]:
    """The timeline, its original path (None: never saved) and the source texts typed but
    not saved.  Raises LoadError or OSError.  The recovery file stays until :func:`discard`."""
    recovered = read_recovery(recovery.path)
    return recovered.timeline, recovered.file.original_path, recovered.texts


def discard_lock(path: Path) -> None:
    """Remove a stale lock beside a recovery file."""
    lock = _lock_for(path)
    if lock.tryLock(0):
        lock.unlock()


def discard(recovery: RecoveryFile) -> None:
    """Delete a recovery file (and a stale lock beside it)."""
    recovery.path.unlink(missing_ok=True)
    discard_lock(recovery.path)


def offer_recovery(
    prompts: Prompts, parent: QWidget | None, folder: Path | None = None
) -> tuple[Timeline, Path | None, dict[str, str]] | None:
    """Ask about each pending recovery, newest first; return the first one the user restores.

    A declined one is discarded.  A restored one is discarded too once it has been read (the
    open document's own :class:`Recovery` protects it from then on); any not asked about
    stay for the next start.  Unreadable ones are set aside, and the user is told where.
    """
    scan = scan_recoveries(folder)
    if scan.set_aside:
        text, details = summarise(scan.set_aside)
        prompts.show_problems(
            parent,
            "Recovery files set aside",
            f"{plural(len(scan.set_aside), 'recovery file')} could not be read and "
            f"{'was' if len(scan.set_aside) == 1 else 'were'} set aside (kept, in case you "
            f"need them):\n\n{text}",
            details,
        )
    for recovery in scan.pending:
        if not prompts.restore_recovery(parent, recovery.description()):
            discard(recovery)
            continue
        try:
            restored = restore(recovery)
        except (LoadError, OSError):
            continue  # changed under us since it was listed: leave it alone
        discard(recovery)
        return restored
    return None


def load_restored(
    document: Document,
    timeline: Timeline,
    path: Path | None,
    texts: dict[str, str],
    load: Callable[[Timeline, Path | None], None] | None = None,
) -> None:
    """Put restored work into ``document`` as an unsaved, undoable edit.

    The file at ``path`` is loaded as it is on disk (an empty timeline when it cannot be
    read or there is none) through ``load`` (default ``document.load``; the main window
    passes its own ``load``), then one "Restore unsaved changes" change is pushed on top, so
    the document shows as modified, Save writes the recovered work, and Undo shows the file.
    """
    base = replace(timeline, events=[], actors=[], sources=[], links=[], eras=[], review={})
    if path is not None:
        with contextlib.suppress(LoadError):
            base = load_timeline(path)
    (load or document.load)(base, path)
    change = restore_change(document.timeline, timeline, texts, document.texts.pending())
    if change is not None:
        document.push(change)
