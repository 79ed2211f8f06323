"""The GUI thread's longest stall in the cases that used to freeze the window (issue 13).

    python benchmarks/freezes.py                 # all rows, about two minutes
    python benchmarks/freezes.py --csv-rows 40000   # a smaller CSV (the default: 1,000,000)

Each row times what the user waits for on the GUI thread (wall clock, ``perf_counter``),
and for work moved to a thread, the longest gap between two ticks of a 10 ms timer while
it runs (the window repaints in those gaps):

* closest passage: a quote not in a 100 KB article, looked up (first time, then again);
* endless title: selecting an event whose title is 300,000 characters without a space;
* CSV import: rows without ids read behind the progress dialog (total, longest GUI stall),
  then the one undoable change applied (on the GUI thread);
* big source text: a 19 MB article, opened (GUI thread) and read in its thread;
* new actors: the height of the question listing 3,000 new actor names.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QElapsedTimer, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from timeline_app.core.quotes import NormalisedText, closest_passage  # noqa: E402
from timeline_app.ui.app import application  # noqa: E402
from timeline_app.ui.main_window import MainWindow  # noqa: E402
from timeline_app.ui.prompts import QtPrompts  # noqa: E402

DATASET = REPO / "events" / "north-korean-troops.json"
ARTICLE = REPO / "events" / "north-korean-troops-ramani.txt"


class Answers(QtPrompts):
    """Says yes to every question, without a dialog."""

    def confirm(self, *args: object, **kwargs: object) -> bool:
        return True


def stall_while(
    work: Callable[[], object], before: list[float] | None = None
) -> tuple[float, float]:
    """``work()``'s wall time, and the longest gap between two ticks of a 10 ms timer
    while it ran (ms); with ``before``, only the gaps that ended before its first time."""
    gaps: list[tuple[float, float]] = []  # (gap, when it ended)
    clock = QElapsedTimer()
    clock.start()
    last = [0.0]

    def tick() -> None:
        now = clock.nsecsElapsed() / 1e6
        gaps.append((now - last[0], time.perf_counter()))
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    start = time.perf_counter()
    last[0] = clock.nsecsElapsed() / 1e6
    work()
    total = (time.perf_counter() - start) * 1000
    tick()
    timer.stop()
    if before:
        gaps = [g for g in gaps if g[1] <= before[0]]
    return total, max((g for g, _when in gaps), default=0.0)


def window(folder: Path) -> MainWindow:
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings, folder / "recovery", Answers())
    w.resize(1280, 800)
    w.show()
    QApplication.processEvents()
    return w


def closest(rows: list[str]) -> None:
    words = ARTICLE.read_text(encoding="utf-8").split()
    random.seed(2)
    chunks, size = [], 0
    while size < 100_000:
        i = random.randrange(len(words) - 30)
        chunk = " ".join(words[i : i + 30])
        chunks.append(chunk)
        size += len(chunk) + 1
    text = NormalisedText("\n".join(chunks)[:100_000])
    quote = "north korean troops were deployed to kursk in october"
    start = time.perf_counter()
    closest_passage(quote, text)
    first = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    closest_passage(quote, text)
    again = (time.perf_counter() - start) * 1000
    rows.append(f"| closest passage, 100 KB text, first / again | {first:.0f} / {again:.2f} ms |")


def endless_title(rows: list[str], folder: Path) -> None:
    data = json.loads(DATASET.read_text(encoding="utf-8"))
    data["events"][0]["title"] = "x" * 300_000
    path = folder / "endless.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    (folder / ARTICLE.name).write_bytes(ARTICLE.read_bytes())
    w = window(folder)
    w.open_path(path)
    QApplication.processEvents()
    start = time.perf_counter()
    w.document.set_current(data["events"][0]["id"])
    QApplication.processEvents()
    ms = (time.perf_counter() - start) * 1000
    rows.append(f"| select an event titled with 300,000 characters | {ms:.0f} ms |")
    w.document.undo_stack.setClean()
    w.close()


def csv_import(rows: list[str], folder: Path, n: int) -> None:
    path = folder / f"rows-{n}.csv"
    random.seed(1)
    actors = ["North Korea", "Russia", "Ukraine", "United States", "South Korea", "China"]
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["title", "start", "actors", "summary"])
        for i in range(n):
            writer.writerow([f"Shelling near Kursk reported {i % 5000}",
                             f"{random.randint(1950, 2025)}-{random.randint(1, 12):02d}",
                             "; ".join(random.sample(actors, 2)),
                             "Shelling near the border, officials said."])  # fmt: skip
    w = window(folder)
    w.open_path(DATASET)
    doc = w.document
    applied: list[float] = []
    real_push = doc.push

    pushed: list[float] = []  # when the change was pushed: the read's stall is before

    def timed_push(change: object) -> None:
        pushed.append(time.perf_counter())
        start = time.perf_counter()
        real_push(change)  # type: ignore[arg-type]
        applied.append((time.perf_counter() - start) * 1000)

    doc.push = timed_push  # type: ignore[method-assign]
    total, stall = stall_while(lambda: w.interop.import_csv_file(path), before=pushed)
    reading = total - applied[0]
    rows.append(
        f"| CSV import, {n:,} rows without ids: read (longest GUI stall) | "
        f"{reading / 1000:.1f} s ({stall:.0f} ms) |"
    )
    rows.append(
        f"| CSV import, {n:,} rows: the change applied (GUI thread) | {applied[0]:.0f} ms |"
    )
    rows.append(f"| CSV import, {n:,} rows: total | {total / 1000:.1f} s |")
    doc.undo_stack.setClean()
    w.close()


def big_text(rows: list[str], folder: Path) -> None:
    article = ARTICLE.read_text(encoding="utf-8")
    big = (article * (19_000_000 // len(article) + 1))[:19_000_000]
    sub = folder / "big"
    sub.mkdir()
    (sub / ARTICLE.name).write_text(big, encoding="utf-8")
    (sub / DATASET.name).write_bytes(DATASET.read_bytes())
    w = window(folder)
    w.article_dock.hide()  # the article pane showing 19 MB is a row of its own, below
    start = time.perf_counter()
    w.open_path(sub / DATASET.name)
    w.document.set_current(w.document.timeline.events[0].id)
    gui = (time.perf_counter() - start) * 1000

    def wait() -> None:
        while w.text_reader.busy:
            QApplication.processEvents()
            time.sleep(0.002)

    total, stall = stall_while(wait)
    rows.append(f"| 19 MB source text: open and select (GUI thread) | {gui:.0f} ms |")
    rows.append(
        f"| 19 MB source text: read in its thread (longest GUI stall) | "
        f"{(gui + total) / 1000:.1f} s ({stall:.0f} ms) |"
    )
    start = time.perf_counter()
    w.show_quote(w.document.timeline.events[0].id, 0)
    QApplication.processEvents()
    shown = (time.perf_counter() - start) * 1000
    rows.append(f"| 19 MB source text: shown in the article pane | {shown:.0f} ms |")
    w.document.undo_stack.setClean()
    w.close()


def new_actors(rows: list[str]) -> None:
    from timeline_app.core.wording import summarise

    names, details = summarise([f"Actor {i}" for i in range(3000)])
    box = QMessageBox(QMessageBox.Icon.Question, "New actors", f"The CSV names…\n\n{names}")
    box.setDetailedText(details)
    rows.append(f"| new actors question, 3,000 names: height | {box.sizeHint().height()} px |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv-rows", type=int, default=1_000_000)
    args = parser.parse_args()
    application()
    rows = ["| what | now |", "|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for sub in ("a", "b", "c"):
            (folder / sub).mkdir()
        closest(rows)
        endless_title(rows, folder / "a")
        big_text(rows, folder / "c")  # before the import leaves a million events in memory
        csv_import(rows, folder / "b", args.csv_rows)
        new_actors(rows)
    print("\n".join(rows))


if __name__ == "__main__":
    main()
