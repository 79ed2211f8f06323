"""Unsaved work survives a crash: a recovery copy of the open document, kept a few seconds
behind the last edit, in a folder of its own — never over the user's file.

:class:`Recovery` watches one :class:`~timeline_app.ui.document.Document`.  Each edit, undo or
redo (re)starts a single-shot timer; when it fires the whole document is written atomically
to a small JSON envelope in the recovery folder::

    {"format": "timeline-app-recovery", "version": 1, "original_path": "/…/x.json" | null,
     "saved_at": "2025-01-31T12:34:56+01:00", "title": "…",
     "timeline": {…the timeline's normal file data…}, "texts": {source id: pending text}}

The file is named from a hash of the document's path (``<stem>-<hash>.json``), or
``untitled-<pid>-<n>.json`` for a timeline never saved.  It is deleted when the document
becomes clean again (saved, or undone back to the saved state), when another timeline is
loaded, and by :meth:`Recovery.stop`.

While a recovery file exists its owner holds a :class:`QLockFile` beside it (``….json.lock``),
so :func:`pending_recoveries` lists only files whose writer is gone (crashed, killed, power
lost) — never the live work of another running instance, nor of this one.

At start-up the main window calls :func:`offer_recovery`, which asks
:func:`timeline_app.ui.ask.restore_recovery` about each pending file, then
:func:`load_restored` to put the accepted one into the document as an unsaved, undoable edit.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from ..core.fileformat import (
    LoadError,
    Problem,
    atomic_write,
    load_timeline,
    timeline_from_data,
    timeline_to_data,
)
from ..core.model import Timeline
from ..core.store import Change
from . import ask
from .document import Document

FORMAT = "timeline-app-recovery"
VERSION = 1
DEFAULT_DELAY_MS = 3000

_numbers = itertools.count(1)  # the <n> of untitled-<pid>-<n>: unique within this process


def default_folder() -> Path:
    """``<AppDataLocation>/recovery`` (inside the test location in Qt's test mode)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "recovery"


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
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        stack = document.undo_stack
        stack.indexChanged.connect(self._index_changed)
        stack.cleanChanged.connect(self._clean_changed)
        document.reset.connect(self._reset)
        document.destroyed.connect(self._detach)

    @property
    def file(self) -> Path | None:
        """The recovery file currently on disk for this document, if any."""
        return self._file

    @property
    def pending(self) -> bool:
        """True while a write is scheduled."""
        return self._timer.isActive()

    @Slot(int)
    def _index_changed(self, _index: int) -> None:
        self._changed()

    @Slot(bool)
    def _clean_changed(self, _clean: bool) -> None:
        self._changed()

    def _active(self) -> bool:
        # When the document is garbage-collected with this object, Python may clear this
        # wrapper's attributes before Qt delivers the undo stack's last signals: do nothing.
        return not getattr(self, "_stopped", True)

    @Slot()
    def _detach(self) -> None:
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
    def _reset(self) -> None:
        if not self._active():
            return
        self._timer.stop()
        self._remove()
        self._untitled = None  # a new untitled timeline gets a new number

    @Slot()
    def flush(self) -> None:
        """Write the recovery file now if the document has unsaved changes (else remove it)."""
        if not self._active():
            return
        self._timer.stop()
        if not self.document.modified:
            self._remove()
            return
        try:
            target = self._target()
            atomic_write(target, json.dumps(self._envelope(), ensure_ascii=False).encode())
        except OSError as exc:
            self.writeFailed.emit(exc.strerror or str(exc))
            return
        self.written.emit(target)

    def stop(self) -> None:
        """Stop keeping a copy and delete the recovery file (the window closes normally)."""
        self._timer.stop()
        self._remove()
        self._stopped = True

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
        self.folder.mkdir(parents=True, exist_ok=True)
        for name in names:  # the plain name, unless another live instance has it
            path = self.folder / f"{name}.json"
            lock = _lock_for(path)
            if lock.tryLock(0):
                self._file, self._lock = path, lock
                return path
        raise OSError(f"cannot lock a recovery file in {self.folder}")

    def _envelope(self) -> dict[str, Any]:
        doc = self.document
        return {
            "format": FORMAT,
            "version": VERSION,
            "original_path": str(doc.path.resolve()) if doc.path is not None else None,
            "saved_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "title": doc.timeline.title,
            "timeline": timeline_to_data(doc.timeline),
            "texts": doc.texts.pending(),
        }

    def _remove(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):  # left behind: offered at the next start
                self._file.unlink(missing_ok=True)
        if self._lock is not None:
            self._lock.unlock()
        self._file = self._lock = None


# -- after a crash -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecoveryFile:
    """A recovery file left behind by an instance that did not close normally."""

    path: Path
    original_path: Path | None
    saved_at: datetime
    title: str

    def description(self) -> str:
        """One paragraph for the question: what, where, when."""
        when = self.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if self.original_path is None:
            what = f"the new timeline “{self.title or 'Untitled'}”, never saved"
        else:
            what = f"“{self.original_path.name}” ({self.original_path.parent})"
        return f"Unsaved changes to {what}, from {when}, were recovered."


def _read(path: Path) -> tuple[dict[str, Any], Timeline]:
    """The envelope and its timeline (raises LoadError, OSError)."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise LoadError([Problem("", "not a readable recovery file")], path) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise LoadError([Problem("format", f'must be "{FORMAT}"')], path)
    if data.get("version") != VERSION:
        raise LoadError([Problem("version", f"must be {VERSION}")], path)
    texts = data.get("texts", {})
    if not isinstance(texts, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in texts.items()
    ):
        raise LoadError([Problem("texts", "must map source ids to texts")], path)
    if not isinstance(data.get("original_path"), (str, type(None))):
        raise LoadError([Problem("original_path", "must be a path or null")], path)
    try:
        timeline = timeline_from_data(data.get("timeline"))
    except LoadError as exc:
        raise LoadError(exc.problems, path) from None
    return data, timeline


def _saved_at(value: object, path: Path) -> datetime:
    if isinstance(value, str):
        try:
            when = datetime.fromisoformat(value)
            return when if when.tzinfo is not None else when.astimezone()
        except ValueError:
            pass
    return datetime.fromtimestamp(path.stat().st_mtime).astimezone()


def _abandoned(path: Path) -> bool:
    """True unless a live process (this one included) holds the file's lock."""
    lock = _lock_for(path)
    if not lock.tryLock(0):
        return lock.error() != QLockFile.LockError.LockFailedError
    lock.unlock()  # it was stale (or there was none): leave no lock file behind
    return True


def pending_recoveries(folder: Path | None = None) -> list[RecoveryFile]:
    """Recovery files left behind by instances that are gone, newest first.

    Unreadable or invalid files are skipped (and left alone).
    """
    folder = Path(folder) if folder is not None else default_folder()
    try:
        candidates = sorted(p for p in folder.glob("*.json") if p.is_file())
    except OSError:
        return []
    found = []
    for path in candidates:
        try:
            data, _ = _read(path)
            if not _abandoned(path):
                continue
            original = data.get("original_path")
            found.append(
                RecoveryFile(
                    path=path,
                    original_path=Path(original) if original else None,
                    saved_at=_saved_at(data.get("saved_at"), path),
                    title=str(data.get("title") or ""),
                )
            )
        except (LoadError, OSError):
            continue
    found.sort(key=lambda r: r.saved_at, reverse=True)
    return found


def restore(recovery: RecoveryFile) -> tuple[Timeline, Path | None, dict[str, str]]:
    """The timeline, its original path (None: never saved) and the source texts typed but
    not saved.  Raises LoadError or OSError.  The recovery file stays until :func:`discard`."""
    data, timeline = _read(recovery.path)
    original = data.get("original_path")
    return timeline, Path(original) if original else None, dict(data.get("texts", {}))


def discard(recovery: RecoveryFile) -> None:
    """Delete a recovery file (and a stale lock beside it)."""
    recovery.path.unlink(missing_ok=True)
    lock = _lock_for(recovery.path)
    if lock.tryLock(0):
        lock.unlock()


def offer_recovery(
    parent: QWidget | None, folder: Path | None = None
) -> tuple[Timeline, Path | None, dict[str, str]] | None:
    """Ask about each pending recovery, newest first; return the first one the user restores.

    A declined one is discarded.  A restored one is discarded too once it has been read (the
    open document's own :class:`Recovery` protects it from then on); any not asked about
    stay for the next start.
    """
    for recovery in pending_recoveries(folder):
        if not ask.restore_recovery(parent, recovery.description()):
            discard(recovery)
            continue
        try:
            restored = restore(recovery)
        except (LoadError, OSError):
            continue  # changed under us since it was listed: leave it alone
        discard(recovery)
        return restored
    return None


def restore_change(
    current: Timeline, restored: Timeline, texts: dict[str, str], pending: dict[str, str]
) -> Change | None:
    """One change turning ``current`` into ``restored`` with its texts (None: no difference).

    ``pending`` is the document's current in-memory texts (the "before" of each text).
    """
    old = {e.id: e for e in current.events}
    new = {e.id: e for e in restored.events}
    removed = tuple(e for e in current.events if new.get(e.id) != e)
    added = tuple(e for e in restored.events if old.get(e.id) != e)
    actors = (tuple(current.actors), tuple(restored.actors))
    sources = (tuple(current.sources), tuple(restored.sources))
    title = (current.title, restored.title)
    change = Change(
        "Restore unsaved changes",
        removed=removed,
        added=added,
        actors=actors if actors[0] != actors[1] else None,
        sources=sources if sources[0] != sources[1] else None,
        title=title if title[0] != title[1] else None,
        texts={k: (pending.get(k), v) for k, v in texts.items() if pending.get(k) != v},
    )
    empty = Change(change.description)
    return None if change == empty else change


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
    base = replace(timeline, events=[], actors=[], sources=[])
    if path is not None:
        with contextlib.suppress(LoadError):
            base = load_timeline(path)
    (load or document.load)(base, path)
    change = restore_change(document.timeline, timeline, texts, document.texts.pending())
    if change is not None:
        document.push(change)
