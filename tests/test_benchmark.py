"""The benchmark harness (benchmarks/) works end to end on a tiny dataset.

Nothing is timed here: these tests check that the generator writes valid, deterministic
files and that ``benchmarks/run.py`` runs its subprocesses and prints every column.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from paths import REPO

from timeline_app.cli import validate
from timeline_app.core.fileformat import load_timeline, timeline_to_text

BENCH = REPO / "benchmarks"


def bench_module(name: str) -> ModuleType:
    """Import benchmarks/NAME.py (a folder of scripts, not a package)."""
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location(f"benchmarks_{name}", BENCH / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
    finally:
        while str(BENCH) in sys.path:
            sys.path.remove(str(BENCH))
    return module


def test_generated_dataset_is_valid_deterministic_and_in_the_apps_layout(tmp_path: Path) -> None:
    generate = bench_module("generate")
    a = generate.generate(300, tmp_path / "a")
    b = generate.generate(300, tmp_path / "b")
    assert a.read_bytes() == b.read_bytes()
    assert (tmp_path / "a" / "synthetic-300-source.txt").is_file()
    out = io.StringIO()
    assert validate([str(a)], out) == 0, out.getvalue()
    assert out.getvalue().splitlines()[-1].startswith(f"{a}: ok (300 events, ")
    warnings = out.getvalue().count("quote not found")
    timeline = load_timeline(a)
    quotes = sum(len(e.quotes) for e in timeline.events)
    assert 0 < warnings < quotes / 4  # most quotes are in the text, some are not
    assert len(timeline.actors) == 50
    assert {len(e.actors) for e in timeline.events} == {1, 2, 3}
    assert {e.start.precision.name for e in timeline.events} == {"DAY", "MONTH", "YEAR", "DECADE"}
    assert any(e.end is not None for e in timeline.events)
    # the app reads back exactly what was written (generator field included)
    assert json.loads(timeline_to_text(timeline)) == json.loads(a.read_text(encoding="utf-8"))
    assert generate.is_current(a, 300) and not generate.is_current(a, 301)


def test_run_prints_a_table_with_every_column(tmp_path: Path) -> None:
    run = bench_module("run")
    results = tmp_path / "results"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--sizes", "300", "--repeats", "2",
         "--data-dir", str(tmp_path / "data"), "--results-dir", str(results)],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=180,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    headers = [c.header for c in run.COLUMNS]
    start = lines.index("| " + " | ".join(headers) + " |")
    table = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        table.append([c.strip() for c in line.strip("|").split("|")])
    assert [row[:2] for row in table] == [["300", "1×"], ["300", "2×"]]
    full, hidpi = table
    assert len(full) == len(hidpi) == len(headers)
    assert all(c and c != "—" for c in full), dict(zip(headers, full, strict=True))
    for column, value in zip(run.COLUMNS, hidpi, strict=True):
        assert (value != "—") == column.paint, (column.header, value)
    assert (results / "latest.md").read_text(encoding="utf-8").strip() == proc.stdout.strip()
    raw = json.loads((results / "latest.json").read_text(encoding="utf-8"))
    assert [(r["events"], r["scale"]) for r in raw["rows"]] == [(300, 1.0), (300, 2.0)]


def test_cloned_dataset_is_the_bundled_events_with_their_quotes(tmp_path: Path) -> None:
    clone = bench_module("clone")
    a = clone.clone(30, tmp_path / "a")
    assert a.read_bytes() == clone.clone(30, tmp_path / "b").read_bytes()
    out = io.StringIO()
    assert validate([str(a)], out) == 0, out.getvalue()
    assert out.getvalue().splitlines()[-1] == f"{a}: ok (30 events, 0 warnings)"
    timeline = load_timeline(a)
    bundled = load_timeline(REPO / "events" / "north-korean-troops.json")
    n = len(bundled.events)
    assert n < 30  # so the file holds a second copy, after the first
    second = timeline.events[n]  # the second copy of the first bundled event
    assert second.id == f"{bundled.events[0].id}-1"
    assert [(q.source, q.text) for q in second.quotes] == [
        (q.source, q.text) for q in bundled.events[0].quotes
    ]


def test_the_outside_in_scripts_run_end_to_end(tmp_path: Path) -> None:
    """opening.py spawns the app and reads its smoke line; steps.py posts every kind of
    step and the edit (nothing is timed here: tiny files, two repeats)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    common = ["--sizes", "40", "--kinds", "cloned", "--repeats", "2", "--data-dir", str(tmp_path)]
    opening = subprocess.run(
        [sys.executable, BENCH / "opening.py", *common, "--print-only"],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert opening.returncode == 0, opening.stderr[-3000:]
    assert "| cloned | 40 |" in opening.stdout and "smoke: 40 events shown" in opening.stdout
    steps = subprocess.run(
        [sys.executable, BENCH / "steps.py", *common, "--watch", "0.2", "--print-only"],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert steps.returncode == 0, steps.stderr[-3000:]
    assert "| cloned | 40 |" in steps.stdout


def test_generated_links_are_valid_and_leave_the_plain_file_as_it_was(tmp_path: Path) -> None:
    """``generate.py --links N``: a format 2 file with N links between nearby events, which
    the app reads without a problem; without links the file is the same bytes."""
    generate = bench_module("generate")
    plain = generate.generate(300, tmp_path / "plain").read_bytes()
    linked = generate.generate(300, tmp_path / "linked", links=40)
    assert linked.name == "synthetic-300-links-40.json"
    assert generate.generate(300, tmp_path / "again").read_bytes() == plain
    assert b'"links"' not in plain
    out = io.StringIO()
    assert validate([str(linked)], out) == 0, out.getvalue()
    timeline = load_timeline(linked)
    assert len(timeline.links) == 40 and timeline.version == 2
    assert generate.is_current(linked, 300, links=40)
    assert not generate.is_current(linked, 300)
