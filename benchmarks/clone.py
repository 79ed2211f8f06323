"""Clone the bundled events to N, with their full quotes and source text.

    python benchmarks/clone.py 100000 -o benchmarks/data/

Writes ``cloned-N.json`` and, beside it, the bundled article text its quotes come from.
The synthetic files of ``generate.py`` have short texts; these have the real ones: every
event the bundled dataset's, with its summary, notes and quotes in full (about 1 KB an
event, 106 MB at 100,000), which is what a timeline built from articles weighs.

Copy k of the twelve events moves back ``k % 60`` years, and a day-precise date also moves
``(k // 60) % 28`` days later within its month (at most to the 28th), so the copies spread
over 1893–2024 with the dense cluster of the original at every step.  Ids get ``-k``.
Deterministic; written streaming in the app's layout (2-space indent, UTF-8).  No import
of the app.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "data"
BUNDLED = HERE.parent / "events" / "north-korean-troops.json"
YEARS = 60
DATE = re.compile(r"^(\d{4})(s?)(?:-(\d\d))?(?:-(\d\d))?$")


def shifted(value: str, k: int) -> str:
    """``value`` (YYYY, YYYYs, YYYY-MM or YYYY-MM-DD) moved back by copy ``k``'s shift."""
    m = DATE.match(value)
    if m is None:
        return value
    year = int(m.group(1)) - (k % YEARS)
    if m.group(2):  # a decade stays a decade
        return f"{year - year % 10}s"
    out = f"{year:04d}"
    if m.group(3):
        out += f"-{m.group(3)}"
    if m.group(4):
        day = min(int(m.group(4)) + (k // YEARS) % 28, 28)  # keeps end after start
        out += f"-{day:02d}"
    return out


def dataset_path(out_dir: Path, n: int) -> Path:
    return out_dir / f"cloned-{n}.json"


def clone(n: int, out_dir: Path = DEFAULT_OUT) -> Path:
    bundled = json.loads(BUNDLED.read_text(encoding="utf-8"))
    events = bundled.pop("events")
    out_dir.mkdir(parents=True, exist_ok=True)
    for source in bundled.get("sources", []):
        if source.get("text_file"):
            target = out_dir / source["text_file"]
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(BUNDLED.parent / source["text_file"], target)
    path = dataset_path(out_dir, n)
    # the events alone are cloned (issue 14's file): no link is kept, its ends being the
    # bundled ids; links are benchmarked on their own (issue 18); eras point at no event
    if "links" in bundled:
        bundled["links"] = []
    head = json.dumps(
        {**bundled, "title": f"{bundled['title']} ({n:,} cloned events)"},
        indent=2,
        ensure_ascii=False,
    )
    tmp = path.with_suffix(".json.tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as f:
        f.write(head[:-2] + ',\n  "events": [')
        for i in range(n):
            k, event = divmod(i, len(events))
            e = dict(events[event])
            e["id"] = f"{e['id']}-{k}"
            for key in ("start", "end"):
                if key in e:
                    e[key] = shifted(e[key], k)
            text = json.dumps(e, indent=2, ensure_ascii=False).replace("\n", "\n    ")
            f.write(("\n    " if i == 0 else ",\n    ") + text)
        f.write("\n  ]\n}\n")
    tmp.replace(path)
    return path


def ensure(n: int, out_dir: Path = DEFAULT_OUT) -> Path:
    """The cloned file for ``n``, written when missing or older than the bundled one."""
    path = dataset_path(out_dir, n)
    if not path.exists() or path.stat().st_mtime < BUNDLED.stat().st_mtime:
        clone(n, out_dir)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("sizes", nargs="+", type=int, help="numbers of events")
    p.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = p.parse_args(argv)
    for n in args.sizes:
        t0 = time.perf_counter()
        path = clone(n, args.out)
        size = path.stat().st_size / 1e6
        print(f"{path}: {n:,} events, {size:.0f} MB in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
