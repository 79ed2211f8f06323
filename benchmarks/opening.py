"""Opening as the user's clock sees it: from spawning ``timeline-app FILE --smoke`` to the
line it prints from the first paint of the timeline with the file's events in it.

    python benchmarks/opening.py                          # 1,000, 10,000, 100,000; both kinds
    python benchmarks/opening.py --sizes 1000000 --repeats 3
    python benchmarks/opening.py --pythonpath /tmp/base   # another checkout of the app

Both kinds of file: ``synthetic`` (``generate.py``: short texts, 50 actors, 80 MB at
100,000) and ``cloned`` (``clone.py``: the bundled events with their full quotes, 106 MB at
100,000).  For each, the median of ``--repeats`` runs of the wall time and of the child's
peak memory (``ru_maxrss`` from ``wait4``), and the slowest run.  The table goes to stdout
and into ``results/latest.md`` (between markers, which ``run.py`` keeps), with
the commit it was measured at.  Runs offscreen; settings go to a temporary folder.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import importlib.util
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import clone  # noqa: E402
import generate  # noqa: E402

RESULTS = HERE / "results" / "latest.md"
SECTION = re.compile(r"<!-- (\S+): begin -->.*?<!-- \1: end -->\n?", re.S)


def write_section(results: Path, name: str, text: str) -> None:
    """Put ``text`` in ``results`` between the markers of ``name`` (replacing what was
    there); ``run.py`` keeps every such section when it rewrites the file."""
    old = results.read_text(encoding="utf-8") if results.exists() else ""
    kept = [m.group() for m in SECTION.finditer(old) if m.group(1) != name]
    rest = SECTION.sub("", old).rstrip("\n")
    section = f"<!-- {name}: begin -->\n{text}<!-- {name}: end -->\n"
    parts = [rest + "\n", *kept, section] if rest else [*kept, section]
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text("\n".join(parts), encoding="utf-8")


def sections(text: str) -> list[str]:
    """The marked sections of a results file (for run.py to keep)."""
    return [m.group() for m in SECTION.finditer(text)]


KINDS = {"synthetic": generate.ensure, "cloned": clone.ensure}


def once(command: list[str], env: dict[str, str], cwd: str) -> tuple[float, float, str]:
    """Seconds to the smoke line, the child's peak memory in MB, and the line.  ``cwd``:
    not a checkout (``python -m`` would import the package found there first)."""
    t0 = time.perf_counter()
    child = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd
    )
    assert child.stdout is not None
    line = child.stdout.readline().decode()
    elapsed = time.perf_counter() - t0
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    err = child.stderr.read().decode() if child.stderr else ""
    if not line.startswith("smoke:") or child.returncode != 0:
        raise RuntimeError(f"{command}: exit {child.returncode}: {line!r} {err[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024, line.strip()


def command_for(args: argparse.Namespace, path: Path) -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if args.pythonpath:
        env["PYTHONPATH"] = str(args.pythonpath)
        return [sys.executable, "-m", "timeline_app", str(path), "--smoke"], env
    return [str(args.app), str(path), "--smoke"], env


def package_folder(args: argparse.Namespace) -> Path:
    """The ``timeline_app`` folder the child imports."""
    if args.pythonpath:
        return args.pythonpath / "timeline_app"
    spec = importlib.util.find_spec("timeline_app")
    assert spec is not None and spec.origin is not None
    return Path(spec.origin).parent


def reference_ms() -> float:
    """A fixed loop of pure Python, timed: this machine is shared, and its speed changes
    by a factor of two from minute to minute (this loop has taken 99 to 276 ms).  A
    row measured while this reads well above its quiet value ran on a slowed machine."""
    start = time.perf_counter()
    total = 0
    for i in range(3_000_000):
        total += i
    return (time.perf_counter() - start) * 1000


def bytecode(folder: Path, compiled: bool) -> None:
    """Compile the package's bytecode, as ``pip install .`` does (an editable install, or
    a machine with PYTHONDONTWRITEBYTECODE set as this one has, would otherwise compile
    every module at every start); or, ``compiled`` False, remove it (the first start)."""
    if compiled:
        compileall.compile_dir(folder, quiet=1)
    else:
        for cache in folder.rglob("__pycache__"):
            shutil.rmtree(cache)


def commit(folder: Path) -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--short", "HEAD"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        dirty = subprocess.run(
            ["git", "-C", str(folder), "status", "--porcelain", "--untracked-files=no", "--",
             ".", ":(exclude)benchmarks/results"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        return out.stdout.strip() + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", nargs="+", type=int, default=[1_000, 10_000, 100_000])
    p.add_argument("--kinds", nargs="+", choices=sorted(KINDS), default=sorted(KINDS))
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--data-dir", type=Path, default=HERE / "data")
    p.add_argument("--app", type=Path, default=Path(sys.executable).parent / "timeline-app")
    p.add_argument("--pythonpath", type=Path, help="run `python -m timeline_app` from here")
    p.add_argument("--results", type=Path, default=RESULTS, help="markdown file to update")
    p.add_argument("--print-only", action="store_true", help="update no file")
    p.add_argument(
        "--no-bytecode", action="store_true",
        help="remove the package's compiled bytecode first (every module compiled at start)",
    )  # fmt: skip
    args = p.parse_args(argv)
    bytecode(package_folder(args), compiled=not args.no_bytecode)
    env_note = " (kept from being written)" if "PYTHONDONTWRITEBYTECODE" in os.environ else ""

    rows = []
    with tempfile.TemporaryDirectory() as config:
        for kind in args.kinds:
            for n in args.sizes:
                path = KINDS[kind](n, args.data_dir)
                command, env = command_for(args, path)
                env["XDG_CONFIG_HOME"] = config
                before = reference_ms()
                runs = [once(command, env, config) for _ in range(args.repeats)]
                after = reference_ms()
                times = [r[0] for r in runs]
                peaks = [r[1] for r in runs]
                rows.append(
                    f"| {kind} | {n:,} | {path.stat().st_size / 1e6:,.0f} "
                    f"| {statistics.median(times) * 1000:,.0f} | {min(times) * 1000:,.0f} "
                    f"| {max(times) * 1000:,.0f} "
                    f"| {statistics.median(peaks):,.0f} | {before:,.0f} → {after:,.0f} "
                    f"| {runs[0][2]} |"
                )
                print(rows[-1], file=sys.stderr)
    where = args.pythonpath or HERE.parent
    head = (
        f"## Opening, outside in\n\n"
        f"`benchmarks/opening.py`, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, app at commit "
        f"{commit(where)}, {args.repeats} runs each, offscreen, load average "
        f"{os.getloadavg()[0]:.1f}.  From spawning `timeline-app FILE --smoke` to its line "
        f"from the first paint with the file's events; peak: the child's `ru_maxrss`.  "
        + (
            f"The package's bytecode removed first{env_note}: every module compiled at start."
            if args.no_bytecode
            else "The package's bytecode compiled first, as `pip install .` does."
        )
        + "\n\n"
        "The reference loop: a fixed loop of pure Python timed before and after the row "
        "(about 100 ms when the shared machine is quiet; see `reference_ms`).\n\n"
        "| file | events | MB | open ms (median) | fastest ms | slowest ms | peak MB (median) "
        "| reference loop ms | printed |\n"
        "|---|---|---|---|---|---|---|---|---|\n"
    )
    table = head + "\n".join(rows) + "\n"
    print(table)
    if not args.print_only:
        write_section(args.results, "opening.py", table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
