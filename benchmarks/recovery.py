"""The recovery copy of unsaved work at N events: how long the GUI thread is held.

    .venv/bin/python benchmarks/recovery.py [benchmarks/data/synthetic-100000.json]

"synchronous" is how the copy used to be written (the whole envelope built, encoded and
written on the GUI thread: the window froze for that long, a few seconds after every edit).
"flush" is the GUI thread's part now (a snapshot of the document, then a worker thread
starts); "longest stall" is the longest gap between the ticks of a 1 ms timer on the GUI
thread while the worker encodes and writes; "write" is the worker's whole time.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QTimer

from timeline_app.core.atomic import atomic_write
from timeline_app.core.change import Change
from timeline_app.core.fileformat import load_timeline, timeline_to_data
from timeline_app.ui.app import application
from timeline_app.ui.document import Document
from timeline_app.ui.recovery import Recovery

REPEATS = 5


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/data/synthetic-100000.json")
    app = application()
    doc = Document()
    doc.load(load_timeline(path), path)
    n = len(doc.timeline.events)
    while doc.search_pending():  # the search text is prepared in idle slices after a load
        app.processEvents()
    folder = Path(tempfile.mkdtemp(prefix="recovery-bench-"))

    sync = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        envelope = {"format": "timeline-app-recovery", "version": 1,
                    "timeline": timeline_to_data(doc.timeline), "texts": {}}  # fmt: skip
        atomic_write(folder / "old-way.json", json.dumps(envelope, ensure_ascii=False).encode())
        sync.append(time.perf_counter() - t0)

    rec = Recovery(doc, folder, delay_ms=10**9)  # written only when flushed
    flushes, stalls, writes = [], [], []
    for i in range(REPEATS):
        doc.push(Change("Rename", title=(doc.timeline.title, f"Edit {i}")))
        gaps: list[float] = []
        clock = QElapsedTimer()
        ticker = QTimer()
        ticker.setInterval(1)
        last = [0.0]

        def tick(
            gaps: list[float] = gaps, clock: QElapsedTimer = clock, last: list[float] = last
        ) -> None:
            now = clock.nsecsElapsed() / 1e9
            gaps.append(now - last[0])
            last[0] = now

        ticker.timeout.connect(tick)
        done = []
        rec.written.connect(lambda _p, done=done: done.append(time.perf_counter()))
        t0 = time.perf_counter()
        clock.start()
        rec.flush()
        flushes.append(time.perf_counter() - t0)
        last[0] = clock.nsecsElapsed() / 1e9
        ticker.start()
        while not done:
            app.processEvents()
        ticker.stop()
        writes.append(done[0] - t0)
        stalls.append(max(gaps) if gaps else 0.0)
        rec.written.disconnect()
    size = (rec.file.stat().st_size if rec.file else 0) / 1e6
    rec.stop()

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:,.0f} / {max(values) * 1000:,.0f}"

    print(f"recovery copy of {path.name}: {n:,} events, {size:,.1f} MB; ms median / worst "
          f"of {REPEATS}")  # fmt: skip
    print("| synchronous (before) | flush on the GUI thread | longest GUI stall | write |")
    print("|---|---|---|---|")
    print(f"| {ms(sync)} | {ms(flushes)} | {ms(stalls)} | {ms(writes)} |")


if __name__ == "__main__":
    main()
