"""Long work off the GUI thread, with a progress dialog that can cancel it: the window
keeps painting, and Cancel stops the work (which then changes nothing)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from ..core.bulk import bulk_allocation
from ..core.progress import Cancelled, Progress

T = TypeVar("T")
SHOW_AFTER_MS = 500  # quick work finishes before any dialog flashes up
POLL_MS = 50


_INPUT = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.ShortcutOverride,
    QEvent.Type.Shortcut,
    QEvent.Type.Wheel,
    QEvent.Type.Close,
}


class _NoInput(QObject):
    """Eats the user's input to one window (and its closing) while work runs for it."""

    def __init__(self, window: QWidget | None) -> None:
        super().__init__()
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.window is None or event.type() not in _INPUT:
            return False
        if event.type() == QEvent.Type.Shortcut:  # sent to an action, not to a widget
            return True
        if not (isinstance(watched, QWidget) and watched.window() is self.window):
            return False
        event.ignore()  # a close ignored is refused, not merely unseen
        return True


class _Finished(QObject):
    done = Signal()


def with_progress(
    parent: QWidget | None, title: str, label: str, work: Callable[[Progress], T]
) -> T:
    """``work(progress)`` run in a thread while a dialog shows how far it has got; its
    result, or what it raised.  Cancel makes ``progress`` return False, after which the
    work raises :class:`~timeline_app.core.progress.Cancelled` (as does this)."""
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setObjectName("progressDialog")
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(2**31 - 1)  # shown by the timer below, not by setValue
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    QTimer.singleShot(SHOW_AFTER_MS, dialog, dialog.show)
    # until the dialog shows (and blocks the window), the window takes no input: nothing
    # may change the document the work reads, nor close the window under it
    guard = _NoInput(parent.window() if parent is not None else None)
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(guard)
    stop = threading.Event()
    reached = [0, 0]  # done, total: written by the work's thread, read here
    outcome: dict[str, object] = {}

    def progress(done: int, total: int) -> bool:
        reached[0], reached[1] = done, total
        return not stop.is_set()

    loop = QEventLoop()
    finished = _Finished()
    finished.done.connect(loop.quit, Qt.ConnectionType.QueuedConnection)

    def run() -> None:
        try:
            with bulk_allocation():  # no collection holding the interpreter lock for long
                outcome["value"] = work(progress)
        except BaseException as exc:  # handed back to the GUI thread below
            outcome["error"] = exc
        finally:
            finished.done.emit()  # the loop ends at once, not at the next poll

    timer = QTimer()
    timer.setInterval(POLL_MS)

    def poll() -> None:
        if dialog.wasCanceled():
            stop.set()
        done, total = reached
        if total:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total - 1))
        if not worker.is_alive():
            loop.quit()

    timer.timeout.connect(poll)
    worker = threading.Thread(target=run, name=title, daemon=True)
    worker.start()
    timer.start()
    try:
        loop.exec()
    finally:
        timer.stop()
        if app is not None:
            app.removeEventFilter(guard)
        dialog.close()
        dialog.deleteLater()
    if stop.is_set() and "error" not in outcome:
        raise Cancelled()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
