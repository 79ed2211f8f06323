"""PyInstaller's hook for this PySide6 module, less the Qt plugins in qt_plugins.py."""

import runpy
from pathlib import Path

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

_plugins = runpy.run_path(str(Path(__file__).with_name("qt_plugins.py")))

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = _plugins["filter_binaries"](binaries)
