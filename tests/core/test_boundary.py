"""The core never imports Qt: it must work (and be testable) with PySide6 unimportable."""

from __future__ import annotations

import subprocess
import sys

from paths import REPO

CHECK = """
import builtins, importlib, pkgutil, sys
real_import = builtins.__import__
def guarded(name, *args, **kwargs):
    if name.split(".")[0] in ("PySide6", "shiboken6"):
        raise ImportError("Qt is not allowed in the core: " + name)
    return real_import(name, *args, **kwargs)
builtins.__import__ = guarded
import timeline_app.core as core
names = [m.name for m in pkgutil.iter_modules(core.__path__)]
for name in names:
    importlib.import_module("timeline_app.core." + name)
import timeline_app.cli, timeline_app.interop.csv_io, timeline_app.interop.timelinejs
print(len(names))
"""


def test_every_core_module_imports_without_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 10
