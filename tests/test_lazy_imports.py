"""What the first window does not need is imported only when it is used: the web page's
writer, the extractor and its review, printing, SVG and PDF, CSV and TimelineJS (each
costs the start of every window otherwise; issue 14's open time)."""

from __future__ import annotations

import subprocess
import sys

LATER = (
    "timeline_app.interop.web",
    "timeline_app.core.extract",
    "timeline_app.core.review",
    "timeline_app.ui.review_panel",
    "timeline_app.interop.csv_io",
    "PySide6.QtSvg",
    "PySide6.QtPrintSupport",
)


def test_the_window_and_the_command_line_start_without_what_they_use_later() -> None:
    code = (
        "import sys\n"
        "import timeline_app.cli.main, timeline_app.cli.options, timeline_app.ui.app\n"
        "import timeline_app.ui.main_window\n"
        f"print([m for m in {LATER!r} if m in sys.modules])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )  # fmt: skip
    assert done.stdout.strip() == "[]", done.stdout
