"""The published page's first render on a large timeline: ``window.__timelineReady`` (the
``performance.now()`` at the end of its first render), median of 3 loads in Chromium.

    python benchmarks/web_ready.py benchmarks/data/synthetic-10000.json

A figure printed, not a test: the target is under 2 s for 10,000 events."""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from timeline_app.core.fileformat import load_timeline
from timeline_app.interop.web import write_web_page

ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip


def main(path: Path) -> None:
    timeline = load_timeline(path)
    out = Path(tempfile.mkdtemp()) / "page.html"
    write_web_page(out, timeline, timeline.events, file_name=path.name)
    ready = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for _ in range(3):
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(out.as_uri())
            page.wait_for_function("window.__timelineReady !== undefined", timeout=60_000)
            ready.append(page.evaluate("window.__timelineReady"))
            page.close()
        browser.close()
    print(f"{len(timeline.events):,} events, page {out.stat().st_size / 1e6:.1f} MB: "
          f"ready at {', '.join(f'{r:.0f}' for r in ready)} ms; "
          f"median {statistics.median(ready):.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main(Path(sys.argv[1]))
