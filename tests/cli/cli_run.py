"""Running the command line as a user does: the installed ``timeline-app`` entry point."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from paths import REPO

# the script pip installed beside this Python (the venv's bin/ or Scripts\)
ENTRY_POINT = Path(sys.executable).with_name(
    "timeline-app.exe" if os.name == "nt" else "timeline-app"
)
WITHOUT_QT = REPO / "tests" / "without_qt"  # a PySide6 whose import fails


def cli(
    *args: str | Path,
    cwd: Path = REPO,
    env: dict[str, str] | None = None,
    without_qt: bool = False,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """``timeline-app ARGS`` (``without_qt``: where PySide6 cannot be imported)."""
    program = str(ENTRY_POINT) if ENTRY_POINT.exists() else shutil.which("timeline-app")
    assert program, "timeline-app is not installed (pip install -e '.[test]')"
    environment = dict(os.environ if env is None else env)
    if without_qt:  # first, before what the path already had (the code under test)
        before = environment.get("PYTHONPATH")
        environment["PYTHONPATH"] = os.pathsep.join([str(WITHOUT_QT), *filter(None, [before])])
    return subprocess.run(
        [program, *map(str, args)],
        capture_output=True, text=True, cwd=cwd, env=environment, timeout=timeout,
    )  # fmt: skip
