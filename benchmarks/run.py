"""Benchmarks of the timeline app at 1,000 to 1,000,000 events.

    python benchmarks/run.py                          # 1,000, 10,000, 100,000: a few minutes
    python benchmarks/run.py --sizes 1000000          # opt in: a million events
    python benchmarks/run.py --scale-factor 1         # skip the high-DPI (2x) paint rows
    python benchmarks/run.py --sizes 300 --repeats 2 --results-dir /tmp/b   # a smoke run

Datasets come from ``benchmarks/generate.py`` (written to ``benchmarks/data/`` when missing
or stale).  Each size runs in its own subprocess, with ``QT_QPA_PLATFORM=offscreen``, so its
peak memory is its own; the paint figures are measured again in another subprocess with
``QT_SCALE_FACTOR=2``.  Prints a markdown table and writes it to
``benchmarks/results/latest.md``, the raw figures to ``benchmarks/results/latest.json``.

What is timed (wall clock, ``time.perf_counter``; "med / worst" over ``--repeats`` samples):

* load+validate: ``load_timeline`` (read, decode, JSON parse, check every field, build records);
* models: ``MainWindow.load`` (``Document.load``: index, visible set, then every view's
  reaction: table model reset, time scale, actor list, filter bar, status);
* first paint: ``show()`` until the window's first full paint (event list and timeline);
* open: the sum of the three;
* paint: ``TimelineView.repaint()`` at fit-all and at a 10-year, 1-year and 1-month window
  centred on the busiest month;
* wheel zoom step: a ``QWheelEvent`` (one notch, in and out in turn) sent to the timeline,
  then ``repaint()`` of the timeline and the overview strip, at each of the four views;
  pan step: ``pan_pixels(±60)`` then the same repaints, at the three zoomed views;
* filter change: the most used actor unchecked (and checked again) through the actor
  model's ``setData``, then ``repaint()`` of the timeline and the event list (the filter bar
  and the table model reset happen inside ``setData``), at fit-all;
* search keystroke: ``document.set_filter(replace(filter, text=...))`` typing a word letter by
  letter and deleting it, then the same repaints; the first keystroke of the session is
  reported on its own (it builds the folded search texts);
* search via field: typing into the search field (``QTest.keyClicks``) until the debounce
  timer has applied the filter and the timeline and list are repainted, minus the debounce
  delay;
* quote check: what ``timeline-app --validate`` adds to the load (every quote looked up in
  the source text); not part of opening a file;
* peak RSS: ``ru_maxrss`` of the size's subprocess (Python, Qt and the window included).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (a sibling script, not a package)
import opening  # noqa: E402

DEFAULT_SIZES = (1_000, 10_000, 100_000)
DEFAULT_REPEATS = 30
TARGET_SIZE = 100_000
WINDOW = (1280, 800)  # MainWindow's own default size
# The timeline's views: fit-all, then windows of 10 years, 1 year and 1 month centred on the
# busiest month, and the month with the most events among those the timeline draws as
# markers and labels (not density bars).
LEVELS: tuple[tuple[str, float | None, str], ...] = (
    ("fit", None, ""),
    ("10 y", 3652.5, "busiest"),
    ("1 y", 365.25, "busiest"),
    ("1 mo", 30.44, "busiest"),
    ("1 mo markers", 30.44, "markers"),
)
# TimelineView.paintEvent draws density bars when more than DENSITY_THRESHOLD events start
# between this many days before the window and its end.
DENSITY_LOOKBACK_DAYS = 3700
PAN_PX = 60.0
SEARCH_WORDS = ("border", "zurich", "kim jong")
FIELD_WORDS = ("talks", "krakow")

Json = dict[str, Any]


# -- figures -----------------------------------------------------------------------------------


def summary(samples: Sequence[float]) -> Json:
    """Median and worst of a list of milliseconds."""
    if not samples:
        return {"median": None, "worst": None, "n": 0}
    return {
        "median": statistics.median(samples),
        "worst": max(samples),
        "n": len(samples),
        "samples": [round(s, 3) for s in samples],
    }


def rss_mb() -> float:
    """Current resident set size (Linux: /proc), in MB."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return float("nan")


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def markers_centre(starts: Sequence[int], days: float, threshold: int) -> float | None:
    """The middle of the ``days``-long window with the most event starts among the windows
    the timeline draws as markers (None if there is none)."""
    if not starts:
        return None
    best: tuple[int, float] | None = None
    ta = float(starts[0])
    while ta < starts[-1]:
        tb = ta + days
        hi = bisect_left(starts, tb)
        if hi - bisect_left(starts, ta - DENSITY_LOOKBACK_DAYS) <= threshold:
            n = hi - bisect_left(starts, ta)
            if best is None or n > best[0]:
                best = (n, ta + days / 2)
        ta += days / 2
    return None if best is None else best[1]


def busiest_centre(starts: Sequence[int], days: int) -> float:
    """The middle of the ``days``-long window holding the most event starts."""
    if not starts:
        return 0.0
    best, best_at, j = 0, starts[0], 0
    for i, t in enumerate(starts):
        while starts[j] < t - days:
            j += 1
        if i - j + 1 > best:
            best, best_at = i - j + 1, t - days
    return best_at + days / 2


class Clock:
    """``with clock("name_ms"): ...`` stores the block's milliseconds in ``out``.

    The cyclic garbage collector is paused inside the block (as the app pauses it while
    loading), so a step's figure is its own work; what the collector costs during the real
    open is counted separately (``gc_open``).
    """

    def __init__(self, out: Json) -> None:
        self.out = out
        self.name = ""
        self.t = 0.0

    def __call__(self, name: str) -> Clock:
        self.name = name
        return self

    def __enter__(self) -> None:
        full_collect()
        gc.disable()
        self.t = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.out[self.name] = (time.perf_counter() - self.t) * 1e3
        gc.enable()


def full_collect() -> None:
    """``gc.collect()`` before a measurement, not counted by the :class:`GcWatch`."""
    GcWatch.quiet = True
    try:
        gc.collect()
    finally:
        GcWatch.quiet = False


class GcWatch:
    """Counts the garbage collector's own runs and pauses (``gc.callbacks``) between takes;
    the benchmark's :func:`full_collect` calls are left out."""

    quiet = False

    def __init__(self) -> None:
        self.runs: list[tuple[int, float]] = []  # (generation, ms)
        self._start = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if GcWatch.quiet:
            return
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.runs.append((info["generation"], (time.perf_counter() - self._start) * 1e3))

    def take(self) -> Json:
        runs, self.runs = self.runs, []
        return {
            "runs": len(runs),
            "full_runs": sum(1 for g, _ in runs if g == 2),
            "total_ms": sum(ms for _, ms in runs),
            "max_ms": max((ms for _, ms in runs), default=0.0),
        }


# -- the measuring session (runs in the worker subprocess) -------------------------------------


class Session:
    """A main window offscreen, a dataset, and the interactions that are timed.

    Qt is imported here, so the parent process never loads it.  ``benchmarks/profiling.py``
    drives the same steps under cProfile.
    """

    def __init__(self, path: Path, size: tuple[int, int] = WINDOW) -> None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtCore import QSettings, QStandardPaths

        QStandardPaths.setTestModeEnabled(True)  # keep settings out of the user's home
        from timeline_app.ui.app import application
        from timeline_app.ui.main_window import MainWindow

        self.path = path
        self.app = application()
        self._settings_dir = tempfile.TemporaryDirectory(prefix="timeline-bench-")
        settings = QSettings(
            str(Path(self._settings_dir.name) / "settings.ini"), QSettings.Format.IniFormat
        )
        self.window = MainWindow(settings)
        self.size = size
        self.widest = 0  # the widest the window became during the filter changes
        self.window.resize(*size)
        self.view = self.window.timeline
        self.baseline_mb = rss_mb()

    # helpers
    def restore_size(self) -> None:
        """Back to the benchmark's window size (a long filter-bar text can widen the window:
        see ``widest``), so that one step's side effects do not weigh on the next."""
        if (self.window.width(), self.window.height()) != self.size:
            self.window.resize(*self.size)
            self.drain()

    def drain(self) -> None:
        """Let Qt do whatever is pending (layouts, posted repaints), untimed."""
        for _ in range(3):
            self.app.processEvents()

    def repaint_frame(self) -> None:
        """What a frame after a zoom or pan shows: the timeline and the overview strip."""
        self.view.repaint()
        self.window.overview.repaint()

    def repaint_views(self) -> None:
        """What a filter change must update on screen: the timeline and the event list."""
        self.view.repaint()
        self.window.event_list.viewport().repaint()

    # opening
    def open(self) -> Json:
        from PySide6.QtCore import QEvent, QObject

        from timeline_app.core.fileformat import load_timeline

        painted: set[str] = set()

        class PaintSpy(QObject):
            def eventFilter(self, obj: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    painted.add(obj.objectName() or "list")
                return False

        spy = PaintSpy()
        watched = (self.view, self.window.event_list.viewport())
        for w in watched:
            w.installEventFilter(spy)
        full_collect()
        t0 = time.perf_counter()
        timeline = load_timeline(self.path)
        t1 = time.perf_counter()
        peak_load = peak_rss_mb()  # the load is the first big allocation: its peak
        self.window.load(timeline, self.path)
        t2 = time.perf_counter()
        self.window.show()
        deadline = t2 + 120
        while len(painted) < len(watched) and time.perf_counter() < deadline:
            self.app.processEvents()
        t3 = time.perf_counter()
        for w in watched:
            w.removeEventFilter(spy)
        if len(painted) < len(watched):
            raise RuntimeError(f"the window did not paint within 120 s: {painted}")
        self.drain()
        return {
            "events": len(timeline.events),
            "load_ms": (t1 - t0) * 1e3,
            "models_ms": (t2 - t1) * 1e3,
            "first_paint_ms": (t3 - t2) * 1e3,
            "open_ms": (t3 - t0) * 1e3,
            "peak_after_load_mb": peak_load,
            "rss_after_open_mb": rss_mb(),
        }

    # views
    def set_level(self, span_days: float | None, where: str = "busiest") -> None:
        from timeline_app.core.scene import DENSITY_THRESHOLD

        starts = self.window.document.store.visible.t0
        centre = None
        if span_days is not None and where == "markers":
            centre = markers_centre(starts, span_days, DENSITY_THRESHOLD)
        if span_days is not None and centre is None:
            centre = busiest_centre(starts, 30)
        if span_days is None or centre is None:
            self.view.fit_all()
        else:
            self.view.set_time_range(centre - span_days / 2, centre + span_days / 2)
        self.drain()

    def level_info(self) -> Json:
        ta, tb = self.view.time_range()
        visible = self.window.document.store.visible
        return {
            "from": dt.date.fromordinal(max(1, int(ta))).isoformat(),
            "to": dt.date.fromordinal(max(1, int(tb))).isoformat(),
            "in_view": visible.count_starting(ta, tb),
            "mode": self.view.painted_mode,
            "width_px": self.view.width(),
        }

    def paints(self, repeats: int) -> list[float]:
        out = []
        for _ in range(repeats):
            t = time.perf_counter()
            self.view.repaint()
            out.append((time.perf_counter() - t) * 1e3)
        return out

    def zoom_steps(self, repeats: int) -> list[float]:
        from PySide6.QtCore import QPoint, QPointF, Qt
        from PySide6.QtGui import QWheelEvent
        from PySide6.QtWidgets import QApplication

        view = self.view
        pos = QPointF(view.gutter + view.plot_width() / 2, view.height() / 2)
        out = []
        for i in range(repeats):
            event = QWheelEvent(
                pos, view.mapToGlobal(pos), QPoint(), QPoint(0, 120 if i % 2 == 0 else -120),
                Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                Qt.ScrollPhase.NoScrollPhase, False,
            )  # fmt: skip
            t = time.perf_counter()
            QApplication.sendEvent(view, event)
            self.repaint_frame()
            out.append((time.perf_counter() - t) * 1e3)
            self.drain()
        return out

    def pan_steps(self, repeats: int) -> list[float]:
        out = []
        for i in range(repeats):
            t = time.perf_counter()
            self.view.pan_pixels(PAN_PX if i % 2 == 0 else -PAN_PX)
            self.repaint_frame()
            out.append((time.perf_counter() - t) * 1e3)
            self.drain()
        return out

    # filters
    def busiest_actor_row(self) -> int:
        doc = self.window.document
        index = doc.store.index
        actors = doc.timeline.actors
        return max(range(len(actors)), key=lambda r: index.actor_count(actors[r].id))

    def filter_changes(self, pairs: int) -> list[float]:
        """Uncheck the most used actor, then check it again, ``pairs`` times."""
        from PySide6.QtCore import Qt

        from timeline_app.ui.actor_model import NAME

        model = self.window.filters.model
        index = model.index(self.busiest_actor_row(), NAME)
        role = Qt.ItemDataRole.CheckStateRole
        out = []
        for _ in range(pairs):
            for state in (Qt.CheckState.Unchecked, Qt.CheckState.Checked):
                t = time.perf_counter()
                model.setData(index, state, role)
                self.repaint_views()
                out.append((time.perf_counter() - t) * 1e3)
                self.drain()
                self.widest = max(self.widest, self.window.width())
                self.restore_size()
        return out

    @staticmethod
    def keystrokes(words: Iterable[str]) -> list[str]:
        """The search field's text after each key: typing each word, then deleting it."""
        out = []
        for word in words:
            out += [word[:k] for k in range(1, len(word) + 1)]
            out += [word[:k] for k in range(len(word) - 1, -1, -1)]
        return out

    def idle_until_search_ready(self, limit_s: float = 60.0) -> list[float]:
        """Let the event loop run, as it does while a user reads the opened timeline: the
        window folds the search text in slices then.  Returns each event-loop turn's time
        (the longest is how long the window can stall while it does so)."""
        index = self.window.document.store.index
        turns = []
        deadline = time.perf_counter() + limit_s
        while not index.search.ready and time.perf_counter() < deadline:
            t = time.perf_counter()
            self.app.processEvents()
            turns.append((time.perf_counter() - t) * 1e3)
        return turns

    def search(self, texts: Sequence[str]) -> list[float]:
        from dataclasses import replace

        doc = self.window.document
        out = []
        for text in texts:
            t = time.perf_counter()
            doc.set_filter(replace(doc.filter, text=text))
            self.repaint_views()
            out.append((time.perf_counter() - t) * 1e3)
            self.drain()
        return out

    def field_search(self, words: Sequence[str]) -> tuple[list[float], list[float]]:
        """Type each word into the search field, then clear it.  Returns the time from the
        last key to the repainted views minus the debounce, and the time per key event."""
        from dataclasses import replace

        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from timeline_app.ui.filter_panel import SEARCH_DELAY_MS

        doc = self.window.document
        field = self.window.filters.search
        doc.set_filter(replace(doc.filter, text=""))
        field.clear()
        self.drain()
        latencies: list[float] = []
        keys: list[float] = []
        for word in words:
            for text, typing in ((word, True), ("", False)):
                if typing:
                    for ch in word:
                        t = time.perf_counter()
                        QTest.keyClicks(field, ch)
                        keys.append((time.perf_counter() - t) * 1e3)
                else:
                    field.selectAll()
                    QTest.keyClick(field, Qt.Key.Key_Backspace)
                t = time.perf_counter()
                deadline = t + 60
                while doc.filter.text != text and time.perf_counter() < deadline:
                    self.app.processEvents()
                    time.sleep(0.0005)
                self.repaint_views()
                latencies.append((time.perf_counter() - t) * 1e3 - SEARCH_DELAY_MS)
                self.drain()
        return latencies, keys

    # extras, after the peak memory is read
    def breakdown(self) -> Json:
        from timeline_app.core.fast_read import fast_build, fast_decode
        from timeline_app.core.filters import FilterState, apply_filter
        from timeline_app.core.index import EventIndex
        from timeline_app.core.source_texts import SourceTexts, check_quotes
        from timeline_app.core.timescale import TimeScale

        out: Json = {}
        clock = Clock(out)
        with clock("read_ms"):
            raw = self.path.read_bytes()
        with clock("parse_ms"):
            decoded = fast_decode(raw)
        del raw
        if decoded is None:
            raise RuntimeError(f"{self.path} is not read the quick way")
        with clock("build_ms"):
            timeline = fast_build(decoded)
        if timeline is None:
            raise RuntimeError(f"{self.path}: a record is in doubt")
        del decoded
        with clock("index_ms"):
            index = EventIndex(timeline.events)
        with clock("visible_ms"):
            visible = apply_filter(index, FilterState(), timeline)
        with clock("scale_ms"):
            TimeScale.compressing(visible.t0 + [index.t1[p] for p in visible.positions])
        with clock("search_texts_ms"):
            index.search.prepare({a.id: a.name for a in timeline.actors})
        with clock("quote_check_ms"):
            problems = check_quotes(timeline, SourceTexts(self.path.parent))
        out["quote_warnings"] = len(problems)
        return out

    def close(self) -> None:
        self.window.document.undo_stack.setClean()
        self.window.close()
        self._settings_dir.cleanup()


def measure(path: Path, repeats: int, paint_only: bool) -> Json:
    """Every figure for one dataset (in this process: run it in a fresh one)."""
    load_before = os.getloadavg()[0]
    s = Session(path)
    result: Json = {"baseline_mb": s.baseline_mb}
    watch = GcWatch()
    result.update(s.open())
    result["gc_open"] = watch.take()
    levels: Json = {}
    zooms: list[float] = []
    pans: list[float] = []
    for name, span, where in LEVELS:
        s.set_level(span, where)
        full_collect()
        samples = s.paints(repeats)
        levels[name] = {**summary(samples), **s.level_info()}
        zoom = s.zoom_steps(repeats)
        s.set_level(span, where)
        levels[name]["zoom_step"] = summary(zoom)
        zooms += zoom
        if span is not None:
            pan = s.pan_steps(repeats)
            levels[name]["pan_step"] = summary(pan)
            pans += pan
    result["paint"] = levels
    result["gc_paint"] = watch.take()
    result["zoom_step"] = summary(zooms)
    result["pan_step"] = summary(pans)
    if not paint_only:
        s.set_level(None)
        full_collect()
        changes = s.filter_changes(max(1, repeats // 3))
        result["filter"] = summary(changes)
        result["filter_uncheck"] = summary(changes[0::2])
        result["filter_recheck"] = summary(changes[1::2])
        result["filter_window_px"] = s.widest
        result["gc_filter"] = watch.take()
        turns = s.idle_until_search_ready()
        result["search_idle_turn_ms"] = max(turns, default=0.0)
        strokes = s.keystrokes(SEARCH_WORDS)[: max(repeats, 4) + 1]
        timings = s.search(strokes)
        result["search_first_ms"] = timings[0]
        result["search"] = summary(timings[1:])
        field, keys = s.field_search(FIELD_WORDS[: 1 if repeats < 5 else None])
        result["field_search"] = summary(field)
        result["field_key"] = summary(keys)
        result["gc_search"] = watch.take()
    result["peak_mb"] = peak_rss_mb()
    if not paint_only:
        result["breakdown"] = s.breakdown()
    result["loadavg"] = [load_before, os.getloadavg()[0]]
    s.close()
    return result


# -- the parent: datasets, subprocesses, the table ----------------------------------------------


def run_worker(
    path: Path, scale: float, repeats: int, paint_only: bool, timeout: float, verbose: bool
) -> Json:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=f"{scale:g}")
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as tmp:
        out = Path(tmp) / "result.json"
        cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", str(path),
               "--out", str(out), "--repeats", str(repeats)]  # fmt: skip
        if paint_only:
            cmd.append("--paint-only")
        proc = subprocess.run(
            cmd, env=env, timeout=timeout, text=True,
            stdout=None if verbose else subprocess.PIPE,
            stderr=None if verbose else subprocess.STDOUT,
        )  # fmt: skip
        if proc.returncode != 0:
            raise RuntimeError(
                f"worker for {path.name} at scale {scale:g} exited {proc.returncode}:\n"
                f"{proc.stdout or ''}"
            )
        result: Json = json.loads(out.read_text(encoding="utf-8"))
    result["scale"] = scale
    result["paint_only"] = paint_only
    result["file_mb"] = path.stat().st_size / 1e6
    return result


@dataclass(frozen=True)
class Column:
    header: str
    cell: Callable[[Json], str]
    # the target at TARGET_SIZE events: a check on the row, or None
    check: Callable[[Json], bool] | None = None
    paint: bool = False  # also measured in the high-DPI (paint-only) rows


def ms(x: float | None) -> str:
    if x is None:
        return "—"
    return f"{x:,.1f}" if x < 10 else f"{x:,.0f}"


def pair(d: Json | None) -> str:
    if not d or d.get("median") is None:
        return "—"
    return f"{ms(d['median'])} / {ms(d['worst'])}"


def gc_cell(d: Json) -> str:
    return f"{d['runs']:,} ({d['full_runs']}), {ms(d['total_ms'])}, {ms(d['max_ms'])}"


def _get(row: Json, *keys: str) -> Any:
    value: Any = row
    for k in keys:
        if not isinstance(value, dict) or k not in value:
            return None
        value = value[k]
    return value


def _paint_cell(level: str) -> Callable[[Json], str]:
    return lambda r: pair(r["paint"][level])


def _paint_ok(level: str) -> Callable[[Json], bool]:
    return lambda r: r["paint"][level]["median"] < 16 and r["paint"][level]["worst"] < 33


COLUMNS: tuple[Column, ...] = (
    Column("events", lambda r: f"{r['events']:,}", paint=True),
    Column("scale", lambda r: f"{r['scale']:g}×", paint=True),
    Column("load avg", lambda r: "→".join(f"{x:.1f}" for x in r["loadavg"]), paint=True),
    Column("load+validate ms", lambda r: ms(r["load_ms"])),
    Column("models ms", lambda r: ms(r["models_ms"])),
    Column("first paint ms", lambda r: ms(r["first_paint_ms"]), paint=True),
    Column("open ms", lambda r: ms(r["open_ms"]), lambda r: r["open_ms"] < 1500),
    *(
        Column(f"paint {name} ms", _paint_cell(name), _paint_ok(name), paint=True)
        for name, _, _ in LEVELS
    ),
    Column(
        "zoom step ms",
        lambda r: pair(r["zoom_step"]),
        lambda r: r["zoom_step"]["median"] < 16 and r["zoom_step"]["worst"] < 33,
        paint=True,
    ),
    Column(
        "pan step ms",
        lambda r: pair(r["pan_step"]),
        lambda r: r["pan_step"]["median"] < 16 and r["pan_step"]["worst"] < 33,
        paint=True,
    ),
    Column(
        "filter change ms",
        lambda r: pair(r.get("filter")),
        lambda r: r["filter"]["median"] < 50,
    ),
    Column(
        "search 1st key ms",
        lambda r: ms(r.get("search_first_ms")),
        lambda r: r["search_first_ms"] < 100,
    ),
    Column(
        "idle search prep, longest turn ms",
        lambda r: ms(r.get("search_idle_turn_ms")),
        lambda r: r["search_idle_turn_ms"] < 100,
    ),
    Column(
        "search key ms",
        lambda r: pair(r.get("search")),
        lambda r: r["search"]["median"] < 50,
    ),
    Column("search via field ms", lambda r: pair(r.get("field_search"))),
    Column("quote check ms", lambda r: ms(_get(r, "breakdown", "quote_check_ms"))),
    Column("peak RSS MB", lambda r: f"{r['peak_mb']:,.0f}", lambda r: r["peak_mb"] < 450),
)

TARGETS = (
    (
        "open (load+validate+models+first paint) < 1.5 s (issue 14; outside in: opening.py)",
        "open ms",
    ),
    ("peak memory < 450 MB", "peak RSS MB"),
    *(
        (f"repaint at {name}: median < 16 ms and worst < 33 ms", f"paint {name} ms")
        for name, _, _ in LEVELS
    ),
    ("wheel zoom step: median < 16 ms and worst < 33 ms", "zoom step ms"),
    ("pan step: median < 16 ms and worst < 33 ms", "pan step ms"),
    ("filter change: median < 50 ms", "filter change ms"),
    ("search keystroke: median < 50 ms (search texts built)", "search key ms"),
    ("first search keystroke < 100 ms (after the window was idle)", "search 1st key ms"),
    (
        "search text prepared while idle: no event-loop turn > 100 ms",
        "idle search prep, longest turn ms",
    ),
)


def cell(column: Column, row: Json) -> str:
    if row["paint_only"] and not column.paint:
        return "—"
    try:
        text = column.cell(row)
    except (KeyError, TypeError):
        return "—"
    if column.check is not None and row["events"] == TARGET_SIZE and text != "—":
        with contextlib.suppress(KeyError, TypeError):
            text += " ✓" if column.check(row) else " ✗"
    return text


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def results_table(rows: Sequence[Json]) -> str:
    return markdown_table(
        [c.header for c in COLUMNS], ([cell(c, r) for c in COLUMNS] for r in rows)
    )


def targets_table(rows: Sequence[Json]) -> str:
    by_header = {c.header: c for c in COLUMNS}
    lines = []
    for row in rows:
        if row["events"] != TARGET_SIZE:
            continue
        for text, header in TARGETS:
            column = by_header[header]
            if row["paint_only"] and not column.paint:
                continue
            value = cell(column, row)
            mark = value[-1] if value.endswith(("✓", "✗")) else ""
            value = value.rstrip(" ✓✗")
            lines.append([f"{row['scale']:g}×", text, f"{value} {header.split()[-1]}", mark])
    if not lines:
        return ""
    return markdown_table(["scale", f"target at {TARGET_SIZE:,} events", "measured", ""], lines)


def levels_table(rows: Sequence[Json]) -> str:
    lines = []
    for row in rows:
        if row["paint_only"]:
            continue
        cells = [f"{row['events']:,}"]
        for name, _, _ in LEVELS:
            p = row["paint"][name]
            cells.append(f"{p['from']} – {p['to']}: {p['in_view']:,} in view, {p['mode']}")
        lines.append(cells)
    return markdown_table(["events"] + [name for name, _, _ in LEVELS], lines)


def breakdown_table(rows: Sequence[Json]) -> str:
    """One column per size, one row per figure (the table is too wide the other way)."""
    figures: tuple[tuple[str, Callable[[Json], str]], ...] = (
        ("file size MB", lambda r: f"{r['file_mb']:,.1f}"),
        ("read the file ms", lambda r: ms(r["breakdown"]["read_ms"])),
        ("decode (msgspec) and count the keys ms", lambda r: ms(r["breakdown"]["parse_ms"])),
        ("check fields + build records ms", lambda r: ms(r["breakdown"]["build_ms"])),
        ("EventIndex ms", lambda r: ms(r["breakdown"]["index_ms"])),
        ("apply_filter, no filter ms", lambda r: ms(r["breakdown"]["visible_ms"])),
        ("TimeScale.compressing ms", lambda r: ms(r["breakdown"]["scale_ms"])),
        ("search texts (first keystroke) ms", lambda r: ms(r["breakdown"]["search_texts_ms"])),
        ("quote warnings of --validate", lambda r: f"{r['breakdown']['quote_warnings']:,}"),
        ("GC during open: runs (full), total ms, longest ms", lambda r: gc_cell(r["gc_open"])),
        ("GC during paints, zooms, pans", lambda r: gc_cell(r["gc_paint"])),
        ("GC during filter changes", lambda r: gc_cell(r["gc_filter"])),
        ("GC during searches", lambda r: gc_cell(r["gc_search"])),
        ("RSS before loading (Python, Qt, window) MB", lambda r: f"{r['baseline_mb']:,.0f}"),
        ("peak RSS at the end of load_timeline MB", lambda r: f"{r['peak_after_load_mb']:,.0f}"),
        ("RSS after open MB", lambda r: f"{r['rss_after_open_mb']:,.0f}"),
        ("filter change: uncheck ms", lambda r: pair(r["filter_uncheck"])),
        ("filter change: check again ms", lambda r: pair(r["filter_recheck"])),
        ("window width after unchecking one actor px", lambda r: f"{r['filter_window_px']:,}"),
        ("one key event in the search field ms", lambda r: pair(r.get("field_key"))),
    )
    full = [r for r in rows if not r["paint_only"] and "breakdown" in r]
    lines = []
    for name, fn in figures:
        cells = [name]
        for row in full:
            try:
                cells.append(fn(row))
            except (KeyError, TypeError):
                cells.append("—")
        lines.append(cells)
    return markdown_table(["events"] + [f"{r['events']:,}" for r in full], lines)


def app_version() -> str:
    """The app's commit, and whether timeline_app/ has uncommitted changes."""
    repo = HERE.parent
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True, text=True,
            timeout=10, check=True,
        ).stdout.strip()  # fmt: skip
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "timeline_app"], cwd=repo,
            capture_output=True, text=True, timeout=10, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return commit + (" with uncommitted changes in timeline_app/" if dirty else "")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    import importlib.metadata as md

    try:
        pyside = md.version("PySide6-Essentials")
    except md.PackageNotFoundError:
        pyside = "?"
    return (
        f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}, "
        f"PySide6 {pyside}; {platform.system()} {platform.release()}"
    )


def report(rows: Sequence[Json], args: argparse.Namespace, started: str, loads: Json) -> str:
    parts = [
        "# Benchmark results",
        "",
        f"Run {started}, app at commit {args.app_version}, on {machine()}. "
        f"Window {WINDOW[0]}×{WINDOW[1]}, "
        f"QT_QPA_PLATFORM=offscreen, {args.repeats} repeats. Load average (1 min) "
        f"{loads['start']:.2f} at the start, {loads['end']:.2f} at the end; the `load avg` "
        "column gives it at the start and end of each row's subprocess. The machine is "
        "shared: figures are noisy, worst cases most of all.",
        "",
        "Times in ms, `med / worst` over the repeats. ✓/✗: the targets, at "
        f"{TARGET_SIZE:,} events. Rows at scale 2× (QT_SCALE_FACTOR=2, high-DPI) measure the "
        "paint figures only.",
        "",
        results_table(rows),
    ]
    targets = targets_table(rows)
    if targets:
        parts += ["", targets]
    parts += [
        "",
        "What the timeline shows at each view (windows centred on the busiest month):",
        "",
        levels_table(rows),
        "",
        "Where the opening time goes (each step timed again on its own after the run, with "
        "the garbage collector paused; the GC rows count the collector during the run):",
        "",
        breakdown_table(rows),
        "",
    ]
    return "\n".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", nargs="+", type=int, default=list(DEFAULT_SIZES), metavar="N",
                   help="numbers of events (default: 1000 10000 100000)")  # fmt: skip
    p.add_argument("--repeats", type=int, default=DEFAULT_REPEATS, metavar="R",
                   help=f"samples per figure (default {DEFAULT_REPEATS})")  # fmt: skip
    p.add_argument("--scale-factor", nargs="+", type=float, default=[2.0], metavar="F",
                   help="QT_SCALE_FACTOR of the extra paint-only rows (default 2; "
                   "1 to skip them)")  # fmt: skip
    p.add_argument("--data-dir", type=Path, default=generate.DEFAULT_OUT)
    p.add_argument("--results-dir", type=Path, default=HERE / "results")
    p.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    p.add_argument("--links", type=int, default=0, metavar="N",
                   help="files with N links between nearby events")  # fmt: skip
    p.add_argument("--timeout", type=float, default=3600, help="seconds per subprocess")
    p.add_argument("-v", "--verbose", action="store_true", help="show the workers' output")
    p.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--paint-only", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.repeats < 1:
        p.error("--repeats must be at least 1")

    if args.worker is not None:  # the subprocess
        result = measure(args.worker, args.repeats, args.paint_only)
        args.out.write_text(json.dumps(result, indent=1), encoding="utf-8")
        return 0

    started = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    args.app_version = app_version()
    loads = {"start": os.getloadavg()[0]}
    rows: list[Json] = []
    for n in args.sizes:
        t = time.perf_counter()
        path = generate.ensure(n, args.data_dir, args.seed, args.links)
        print(f"{n:,} events: {path} ({time.perf_counter() - t:.1f} s)", file=sys.stderr)
        for scale in [1.0] + [f for f in args.scale_factor if f != 1.0]:
            t = time.perf_counter()
            row = run_worker(path, scale, args.repeats, scale != 1.0, args.timeout, args.verbose)
            rows.append(row)
            print(
                f"  scale {scale:g}: {time.perf_counter() - t:.1f} s "
                f"(load avg {row['loadavg'][0]:.1f} → {row['loadavg'][1]:.1f})",
                file=sys.stderr,
            )
    loads["end"] = os.getloadavg()[0]
    text = report(rows, args, started, loads)
    print(text)
    results = args.results_dir
    results.mkdir(parents=True, exist_ok=True)
    latest = results / "latest.md"
    old = latest.read_text(encoding="utf-8") if latest.exists() else ""
    for section in opening.sections(old):  # the outside-in tables of opening.py, steps.py
        text += "\n" + section
    latest.write_text(text, encoding="utf-8")
    raw = {"started": started, "app": args.app_version, "machine": machine(),
           "repeats": args.repeats, "window": WINDOW, "loadavg": loads, "rows": rows}  # fmt: skip
    (results / "latest.json").write_text(json.dumps(raw, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
