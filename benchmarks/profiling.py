"""Profile the benchmark's interactions with cProfile.

    python benchmarks/profiling.py                      # 100,000 events
    python benchmarks/profiling.py --size 10000 --steps open filter

Runs the same steps as ``benchmarks/run.py`` (offscreen) in this process, each under its own
``cProfile.Profile``, and writes ``STEP.prof`` (for ``python -m pstats`` or snakeviz) and
``STEP.txt`` (the top functions by cumulative and by own time) into ``--out`` (default
``benchmarks/data/profiles/``, which git ignores).  Prints, for each step, the functions of
the app (``timeline_app/``) and the Qt calls with the most cumulative time.

Steps: ``open`` (load_timeline + MainWindow.load + show until painted), ``paint-fit``
(repaints at fit-all), ``paint-zoomed`` (repaints at the busiest month drawn with markers),
``zoom`` (wheel steps at fit-all), ``filter`` (one actor unchecked and checked again, with
repaints), ``search-first`` (the first keystroke: builds the search texts), ``search``
(further keystrokes).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import run  # noqa: E402

STEPS = ("open", "paint-fit", "paint-zoomed", "zoom", "filter", "search-first", "search")


def short(filename: str, line: int, name: str) -> str:
    """``timeline_app/core/index.py:42(__init__)`` or ``{method 'x' of ...}``."""
    if filename == "~":
        return name
    for marker in ("timeline_app/", "benchmarks/", "site-packages/", "lib/python3"):
        at = filename.find(marker)
        if at >= 0:
            filename = filename[at:]
            break
    return f"{filename}:{line}({name})"


def top_lines(stats: pstats.Stats, keep: Callable[[str], bool], n: int) -> list[str]:
    rows = []
    for (filename, line, name), (_cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        label = short(filename, line, name)
        if keep(label):
            rows.append((ct, tt, nc, label))
    rows.sort(reverse=True)
    return [f"{ct * 1e3:9.1f} {tt * 1e3:9.1f} {nc:>9} {label}" for ct, tt, nc, label in rows[:n]]


def interesting(label: str) -> bool:
    if label.startswith("timeline_app/"):
        return True
    return ("PySide6" in label or "Qt" in label or "QPainter" in label) and "method" in label


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--size", type=int, default=100_000)
    p.add_argument("--repeats", type=int, default=10, help="repaints or steps per step")
    p.add_argument("--steps", nargs="+", choices=STEPS, default=list(STEPS))
    p.add_argument("--out", type=Path, default=generate.DEFAULT_OUT / "profiles")
    p.add_argument("--data-dir", type=Path, default=generate.DEFAULT_OUT)
    p.add_argument("--top", type=int, default=25)
    args = p.parse_args(argv)
    path = generate.ensure(args.size, args.data_dir)
    args.out.mkdir(parents=True, exist_ok=True)

    s = run.Session(path)
    r = args.repeats

    def zoomed() -> None:
        _, span, where = run.LEVELS[-1]  # the busiest month drawn with markers
        s.set_level(span, where)

    def search_first() -> None:
        s.set_level(None)
        s.search(["b"])

    actions: dict[str, tuple[Callable[[], object] | None, Callable[[], object]]] = {
        "open": (None, s.open),
        "paint-fit": (lambda: s.set_level(None), lambda: s.paints(r)),
        "paint-zoomed": (zoomed, lambda: s.paints(r)),
        "zoom": (lambda: s.set_level(None), lambda: s.zoom_steps(r)),
        "filter": (lambda: s.set_level(None), lambda: s.filter_changes(max(1, r // 2))),
        "search-first": (None, search_first),
        "search": (None, lambda: s.search(s.keystrokes(["border"])[1:])),
    }
    if "open" not in args.steps:
        s.open()
    for step in STEPS:
        if step not in args.steps:
            continue
        prepare, action = actions[step]
        if prepare is not None:
            prepare()
        profile = cProfile.Profile()
        t = time.perf_counter()
        profile.enable()
        action()
        profile.disable()
        wall = (time.perf_counter() - t) * 1e3
        profile.dump_stats(args.out / f"{step}.prof")
        text = io.StringIO()
        stats = pstats.Stats(profile, stream=text)
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)
        (args.out / f"{step}.txt").write_text(text.getvalue(), encoding="utf-8")
        print(f"\n## {step}: {wall:,.0f} ms wall (under the profiler), load avg "
              f"{os.getloadavg()[0]:.2f}")  # fmt: skip
        print(f"{'cum ms':>9} {'own ms':>9} {'calls':>9} function")
        for line in top_lines(stats, interesting, args.top):
            print(line)
    s.close()
    print(f"\nprofiles in {args.out}/", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
