"""Reads the open timeline's source texts in a thread as soon as it is opened (a text may
be 20 MB), so selecting an event never waits for its article; views that need a text not
read yet say so and are told (``ready``) when it is."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..core.bulk import bulk_allocation
from ..core.quotes import NormalisedText
from ..core.source_texts import read_text_file
from .document import Document


class TextReader(QObject):
    ready = Signal()  # texts were read: refresh what said "reading…"
    _read = Signal(int, object)  # (epoch, [(file name, text or why not)]), from the thread

    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self.document = document
        self._busy: set[tuple[int, str]] = set()  # (epoch, file name) being read
        self._read.connect(self._on_read)  # queued: emitted from the reading thread
        document.reset.connect(self.start)
        document.pathChanged.connect(self.start)
        document.recordsChanged.connect(self.start)

    def start(self) -> None:
        """Read, in a thread, every text of the timeline not read yet."""
        texts = self.document.texts
        epoch, base = texts.epoch, texts.base_dir
        unread = texts.unread(self.document.timeline.sources)
        keys = [k for k in unread if (epoch, k) not in self._busy]
        if base is None or not keys:
            return
        self._busy.update((epoch, k) for k in keys)

        def read(folder: Path = base) -> None:
            results: list[tuple[str, NormalisedText | str]] = []
            with bulk_allocation():  # no collection holding the interpreter lock for long
                for key in keys:
                    results.append((key, read_text_file(folder, key)))
            # the window may have closed while the texts were read: then no one is told
            with contextlib.suppress(RuntimeError):
                self._read.emit(epoch, results)

        threading.Thread(target=read, name="read source texts", daemon=True).start()

    @property
    def busy(self) -> bool:
        return bool(self._busy)

    def _on_read(self, epoch: int, results: list[tuple[str, NormalisedText | str]]) -> None:
        texts = self.document.texts
        for key, result in results:
            self._busy.discard((epoch, key))
            texts.install(epoch, key, result)
        self.ready.emit()
