"""Starting the GUI: the application object, its identity, and the command-line options."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from .. import APP_DISPLAY_NAME, APP_ID, APP_NAME, ORGANIZATION
from ..core.bundled import bundled_dataset
from ..core.filters import AskedFilter, FilterState
from ..core.problems import shown
from .theme import apply_color_scheme

if TYPE_CHECKING:
    from .main_window import MainWindow


# How long a thread may hold the interpreter lock while another waits for it.  Python's
# 5 ms makes every call from Qt into Python wait that long while a thread reads a big file:
# a window that repaints through hundreds of such calls then stalls for half a second.
# At 0.2 ms the longest stall while a 19 MB text is read is 54 ms (was 714), and the
# reading takes no longer (benchmarks/freezes.py).
GIL_SWITCH_INTERVAL = 0.0002


def application(argv: list[str] | None = None) -> QApplication:
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setOrganizationName(ORGANIZATION)
    QGuiApplication.setDesktopFileName(APP_ID)
    apply_color_scheme(app)
    icon = Path(__file__).resolve().parents[1] / "resources" / "timeline-app.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def _no_display() -> bool:
    """True on Linux and the BSDs when neither X11 nor Wayland is there (and no Qt platform
    is chosen): Qt would abort with a message about libxcb-cursor0 that misleads."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return False
    env = os.environ
    return not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM"))


NO_DISPLAY = (
    "no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so no window can open.\n"
    "Without a screen: --export OUT writes a PNG, SVG, PDF, CSV or TimelineJS file; "
    "--validate FILE checks files; QT_QPA_PLATFORM=offscreen runs the window unseen."
)


def run(file: Path | None, smoke: bool = False, asked: AskedFilter | None = None) -> int:
    """The window on ``file`` (the bundled dataset when None), showing what the filter
    options ask for; or (``smoke``) one painted start that says how many events it shows
    and quits."""
    if _no_display():
        print(f"{APP_NAME}: {NO_DISPLAY}", file=sys.stderr)
        return 1
    from .main_window import MainWindow
    from .prompts import UnattendedPrompts

    app = application()
    window = MainWindow(prompts=UnattendedPrompts() if smoke else None)
    _place(window, app)
    window.show()
    asked = asked or AskedFilter()
    if smoke:  # the path of a normal start; no question waits: each goes to stderr
        window.files.message.connect(  # and what the status bar says ("Imported …")
            lambda text, _ms: print(shown(f"{APP_NAME}: {text}"), file=sys.stderr, flush=True)
        )
        if not window.files.open_path(file or bundled_dataset(), FilterState()):
            return 1  # not a saved filter: what the options ask for
        if asked.asked and not _filter(window, asked):
            window.document.undo_stack.setClean()
            return 2  # an actor the timeline does not have: bad usage

        def report() -> None:  # from the first paint of the timeline with the file in it
            window.timeline.painted.disconnect(report)
            shown_now = len(window.document.store.visible)
            print(f"smoke: {shown_now} events shown ({window.timeline.painted_mode})", flush=True)
            window.document.undo_stack.setClean()
            QTimer.singleShot(0, window.close)  # not inside the paint
            QTimer.singleShot(0, app.quit)

        window.timeline.painted.connect(report)
        window.timeline.update()
        return app.exec()
    # the window is on screen first, so a question or an error is shown over it
    if window.offer_recovery():
        pass  # a crash left unsaved work, and the user restored it
    elif file is not None:
        window.open_path(file)
    else:
        window.open_bundled()
    if asked.asked:
        _filter(window, asked)
    return app.exec()


def _filter(window: MainWindow, asked: AskedFilter) -> bool:
    """Show what the command line's filter options ask for; False (and said) when it
    names an actor or a source the timeline does not have."""
    state, unknown = asked.resolve(window.document.timeline)
    if unknown:
        print(shown(f"{APP_NAME}: {unknown}"), file=sys.stderr)
        window.statusBar().showMessage(shown(unknown), 15000)
    window.document.set_filter(state)
    window.timeline.fit_all()
    return not unknown


def _place(window: MainWindow, app: QApplication) -> None:
    """First start: fit the screen (a small one gets the whole of it), centred."""
    screen = app.primaryScreen()
    if screen is None or window.settings.has_geometry():
        return
    area = screen.availableGeometry()
    width = min(1280, area.width() if area.width() < 1100 else int(area.width() * 0.9))
    height = min(800, area.height() if area.height() < 700 else int(area.height() * 0.9))
    window.resize(width, height)
    window.move(area.center() - window.rect().center())
    window.arrange_for_width(width)
