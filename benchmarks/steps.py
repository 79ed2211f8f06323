"""Steps as the user's clock sees them, and the edit rule.

    python benchmarks/steps.py                          # 100,000 events, both kinds of file
    python benchmarks/steps.py --sizes 1000 10000 --repeats 10

Each step is timed from ``postEvent`` of what the user does (a wheel notch on the
timeline, an arrow key that pans it, the space bar on an actor's check box, a letter typed
in the search field) until every view it changes has painted and the event loop is idle
(``QAbstractEventDispatcher.aboutToBlock``).  Search keys are reported without the 150 ms
the field waits for more typing.  Zoom and pan at the fit-all, 10-year, 1-year and 1-month
views of ``run.py``.

The edit rule: one event added through the document at 100,000 events; the time until
the views have painted it and the loop is idle, then the longest event-loop turn (from
``awake`` to ``aboutToBlock``) in the next 10 seconds, which is when the recovery copy is
written and the search text prepared again.

Runs offscreen, each size and kind in its own process.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import clone  # noqa: E402
import generate  # noqa: E402
import opening  # noqa: E402
import run  # noqa: E402

KINDS = {"synthetic": generate.ensure, "cloned": clone.ensure}
LEVELS = [("fit", None), ("10 y", 3652.5), ("1 y", 365.25), ("1 mo", 30.4)]
WATCH_S = 10.0
EDITS = 7  # events added one at a time: the edit column is their median and worst
ARROWS: tuple[Any, ...] = ()  # the keys that pan (Qt's, once Qt is imported)


class Clock:
    """Times a posted user action until the given widgets have painted and Qt is idle."""

    def __init__(self, app: Any) -> None:
        from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject

        self.app = app
        self.dispatcher = QAbstractEventDispatcher.instance()
        self.painted: set[int] = set()
        painted = self.painted

        class Spy(QObject):
            def eventFilter(self, obj: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    painted.add(id(obj))
                return False

        self.spy = Spy()
        self.watched: list[Any] = []

    def watch(self, *widgets: Any) -> None:
        for w in widgets:
            w.installEventFilter(self.spy)
            self.watched.append(w)

    def time(self, post: Callable[[], None], must_paint: Sequence[Any]) -> float:
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        self.painted.clear()
        wanted = {id(w) for w in must_paint}
        done: list[float] = []

        def idle() -> None:
            if not done and wanted <= self.painted:
                done.append(time.perf_counter())
                loop.quit()

        self.dispatcher.aboutToBlock.connect(idle)
        QTimer.singleShot(30_000, loop.quit)
        t = time.perf_counter()
        post()
        loop.exec()
        self.dispatcher.aboutToBlock.disconnect(idle)
        if not done:
            raise RuntimeError("the views did not paint within 30 s")
        return (done[0] - t) * 1e3

    def longest_turn(self, seconds: float) -> float:
        """The longest event-loop turn (awake to aboutToBlock) in the next ``seconds``."""
        from PySide6.QtCore import QEventLoop, QTimer

        turns: list[float] = []
        woke = [time.perf_counter()]

        def awake() -> None:
            woke[0] = time.perf_counter()

        def blocking() -> None:
            turns.append((time.perf_counter() - woke[0]) * 1e3)

        self.dispatcher.awake.connect(awake)
        self.dispatcher.aboutToBlock.connect(blocking)
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()
        self.dispatcher.awake.disconnect(awake)
        self.dispatcher.aboutToBlock.disconnect(blocking)
        return max(turns, default=0.0)


def settle(s: run.Session, clock: Clock) -> None:
    """Until the window is idle: the search text prepared, nothing pending."""
    doc = s.window.document
    deadline = time.perf_counter() + 120
    while doc.search_pending() and time.perf_counter() < deadline:
        s.app.processEvents()
    clock.longest_turn(0.3)


def measure(path: Path, repeats: int, watch_s: float = WATCH_S) -> dict[str, Any]:
    from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, Qt
    from PySide6.QtGui import QKeyEvent, QWheelEvent

    from timeline_app.core.model import Event
    from timeline_app.ui.actor_model import NAME
    from timeline_app.ui.filter_panel import SEARCH_DELAY_MS

    s = run.Session(path)
    s.open()
    w = s.window
    view, overview, listing = s.view, w.overview, w.event_list.viewport()
    clock = Clock(s.app)
    clock.watch(view, overview, listing)
    settle(s, clock)
    out: dict[str, Any] = {"events": len(w.document.timeline.events)}

    def post(target: Any, make: Callable[[], Any]) -> Callable[[], None]:
        return lambda: QCoreApplication.postEvent(target, make())

    def wheel(delta: int) -> Any:
        pos = QPointF(view.gutter + view.plot_width() / 2, view.height() / 2)
        return QWheelEvent(
            pos, view.mapToGlobal(pos), QPoint(), QPoint(0, delta), Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
        )  # fmt: skip

    def key(k: Qt.Key, text: str = "") -> Any:
        return QKeyEvent(QEvent.Type.KeyPress, k, Qt.KeyboardModifier.NoModifier, text)

    global ARROWS
    ARROWS = (Qt.Key.Key_Left, Qt.Key.Key_Right)
    zooms: list[float] = []
    pans: list[float] = []
    for name, span in LEVELS:
        s.set_level(span)
        z = [
            clock.time(post(view, lambda i=i: wheel(120 if i % 2 == 0 else -120)), [view, overview])
            for i in range(repeats)
        ]
        zooms += z
        out[f"zoom {name}"] = z
        if span is not None:
            s.set_level(span)
            p = [
                clock.time(post(view, lambda i=i: key(ARROWS[i % 2])), [view, overview])
                for i in range(repeats)
            ]
            pans += p
            out[f"pan {name}"] = p
    out["zoom"], out["pan"] = zooms, pans

    # the space bar on the busiest actor's check box (unchecked, then checked again)
    s.set_level(None)
    actors = w.filters.actors
    actors.setFocus()
    proxy_row = w.filters.proxy.mapFromSource(w.filters.model.index(s.busiest_actor_row(), NAME))
    actors.setCurrentIndex(proxy_row)
    s.drain()
    out["filter"] = [
        clock.time(post(actors, lambda: key(Qt.Key.Key_Space, " ")), [view, listing])
        for _ in range(max(2, repeats - repeats % 2))  # unchecked, checked: all shown again
    ]
    if len(w.document.store.visible) != out["events"]:
        raise RuntimeError("the actor filter did not come back")

    # letters typed in the search field (the first one folds nothing: prepared while idle)
    field = w.filters.search
    field.setFocus()
    typed: list[float] = []
    for word in ("border", "kursk"):
        for ch in word:
            typed.append(
                clock.time(post(field, lambda ch=ch: key(Qt.Key.Key_A, ch)), [view, listing])
                - SEARCH_DELAY_MS
            )
        field.clear()  # (a clear by the program is no edit: the filter is cleared too)
        w.document.set_filter(dataclasses.replace(w.document.filter, text=""))
        settle(s, clock)
    out["search"] = typed

    # the edit rule: one event added, then ten seconds of the loop
    doc = w.document
    from timeline_app.core.dates import parse_iso
    from timeline_app.core.event_edits import save_event_change

    def add(i: int) -> float:
        event = Event(f"bench-added-{i}", f"Event {i} added", parse_iso("2011-07-20"))
        return clock.time(lambda: doc.push(save_event_change(doc.timeline, event, None)), [view])

    out["edit"] = [add(i) for i in range(EDITS)]  # one at a time, each on its own
    out["edit longest turn"] = clock.longest_turn(watch_s)

    out["peak_mb"] = run.peak_rss_mb()  # before the saves (the columns before them had it so)

    # saving (as Ctrl+S does, to a copy beside the file: the benchmark's data stays as it is)
    copy = path.with_name(f"saved-{path.name}")
    # a format 1 file (the generator's) asks once before it is saved in format 2: answered
    # "Save in Format 2" (what is timed is the save, in the current format)
    doc.upgrade_agreed = True
    try:
        out["save"] = [clock.time(lambda: w.files.save_to(copy, asked=True), []) for _ in range(3)]
        if copy.read_bytes() != _written(doc.timeline):
            raise RuntimeError("the saved file is not the timeline's")
    finally:
        copy.unlink(missing_ok=True)
    doc.undo_stack.setClean()
    s.close()
    return out


def _written(timeline: Any) -> bytes:
    """The file's bytes as the standard library writes them (the quick writer's reference)."""
    from timeline_app.core.file_write import timeline_to_data
    from timeline_app.core.jsonio import dumps

    return (dumps(timeline_to_data(timeline), indent=2) + "\n").encode("utf-8")


def summary(samples: Sequence[float]) -> str:
    if not samples:
        return "—"
    return f"{statistics.median(samples):.1f} / {max(samples):.1f}"


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", nargs="+", type=int, default=[100_000])
    p.add_argument("--kinds", nargs="+", choices=sorted(KINDS), default=sorted(KINDS))
    p.add_argument("--repeats", type=int, default=20)
    p.add_argument("--data-dir", type=Path, default=HERE / "data")
    p.add_argument("--watch", type=float, default=WATCH_S, help="seconds watched after the edit")
    p.add_argument("--print-only", action="store_true", help="update no file")
    p.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        print(json.dumps(measure(args.worker, args.repeats, args.watch)))
        return 0
    rows = []
    for kind in args.kinds:
        for n in args.sizes:
            path = KINDS[kind](n, args.data_dir)
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
            proc = subprocess.run(
                [sys.executable, __file__, "--worker", str(path), "--repeats", str(args.repeats),
                 "--watch", str(args.watch)],
                capture_output=True, text=True, env=env, check=False,
            )  # fmt: skip
            if proc.returncode != 0:
                print(proc.stderr[-3000:], file=sys.stderr)
                return 1
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            rows.append(
                f"| {kind} | {n:,} | {summary(r['zoom'])} | {summary(r['pan'])} "
                f"| {summary(r['filter'])} | {summary(r['search'])} | {summary(r['edit'])} "
                f"| {r['edit longest turn']:.1f} | {summary(r['save'])} | {r['peak_mb']:.0f} |"
            )
            print(rows[-1], file=sys.stderr)
    table = (
        "## Steps and edits, outside in\n\n"
        f"`benchmarks/steps.py`, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, app at commit "
        f"{opening.commit(HERE.parent)}, {args.repeats} repeats, offscreen, load average "
        f"{os.getloadavg()[0]:.1f}.  Each step from `postEvent` of the user's action to "
        "the views painted and the event loop idle (search keys without the field's 150 ms "
        "wait); the edit: an event added, until the timeline shows it (7 added, one at a "
        "time); then the longest event-loop turn in the next 10 s; saving (3 times, to a "
        "copy beside the file, checked against the standard library's bytes).  Median / worst.\n\n"
        "| file | events | zoom step ms | pan step ms | filter change ms "
        "| search key ms | edit: views updated ms | edit: longest turn in 10 s ms "
        "| save ms | peak MB |\n"
        "|---|---|---|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n"
    )
    print(table)
    if not args.print_only:
        opening.write_section(opening.RESULTS, "steps.py", table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
