"""Starting the GUI: the application object, its identity, and the command-line options."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from .. import APP_DISPLAY_NAME, APP_ID, APP_NAME, ORGANIZATION, __version__
from ..core.actor_names import ActorNames
from ..core.bundled import bundled_dataset
from ..core.fileformat import LoadError, load_timeline
from ..core.filters import FilterState
from ..core.model import Timeline
from ..core.problems import shown
from .theme import apply_color_scheme

if TYPE_CHECKING:
    from .main_window import MainWindow


def application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(APP_ID)
    apply_color_scheme(app)
    icon = Path(__file__).resolve().parents[1] / "resources" / "timeline-app.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def filter_from_args(
    args: argparse.Namespace, timeline: Timeline | None
) -> tuple[FilterState | None, list[str]]:
    """The filter the command line asks for, and the actor names it did not recognise."""
    unknown: list[str] = []
    checked: set[str] = set()
    if timeline is None:
        return None, unknown
    names = ActorNames(timeline.actors)
    for name in args.actor:
        match = names.find(name)
        if match is None:
            unknown.append(name)
        else:
            checked.add(match.id)
    if not (checked or args.search or args.date_from or args.date_to):
        return None, unknown
    return (
        FilterState(
            checked=frozenset(checked) if checked else None,
            text=args.search,
            date_from=args.date_from,
            date_to=args.date_to,
        ),
        unknown,
    )


def _unknown_actors(names: list[str], timeline: Timeline) -> str:
    known = ", ".join(a.name for a in timeline.actors) or "none"
    return shown(f"{APP_NAME}: no actor named {', '.join(map(repr, names))} (actors: {known})")


def run(args: argparse.Namespace) -> int:
    headless = bool(args.smoke or args.export)
    if args.export and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # headless: no display needed
    from .main_window import MainWindow

    app = application()
    window = MainWindow()
    path = Path(args.file) if args.file else None
    if headless:  # no dialog may ever wait for an answer: problems go to stderr
        source = path or bundled_dataset()
        try:
            timeline = load_timeline(source)
        except LoadError as exc:
            for problem in exc.problems:
                print(problem.format(str(source)), file=sys.stderr)
            return 1
        window.load(timeline, source, FilterState())
    state, unknown = filter_from_args(args, window.document.timeline if headless else None)
    if headless:
        if unknown:
            print(_unknown_actors(unknown, window.document.timeline), file=sys.stderr)
            return 2
        window.document.set_filter(state or FilterState())
        window.timeline.fit_all()
    if args.export:
        from .image_export import export_view

        try:
            export_view(window, Path(args.export), args.width)
        except (OSError, ValueError) as exc:
            print(f"{APP_NAME}: cannot export: {exc}", file=sys.stderr)
            return 1
        print(f"{APP_NAME}: wrote {args.export}")
        return 0
    _place(window, app)
    window.show()
    if args.smoke:

        def report() -> None:
            window.timeline.repaint()
            shown = len(window.document.store.visible)
            print(f"smoke: {shown} events shown ({window.timeline.painted_mode})", flush=True)
            window.document.undo_stack.setClean()
            window.close()
            app.quit()

        QTimer.singleShot(200, report)
        return app.exec()
    # the window is on screen first, so a question or an error is shown over it
    if window.offer_recovery():
        pass  # a crash left unsaved work, and the user restored it
    elif path is not None:
        window.open_path(path)
    else:
        window.open_bundled()
    state, unknown = filter_from_args(args, window.document.timeline)
    if unknown:
        message = _unknown_actors(unknown, window.document.timeline)
        print(message, file=sys.stderr)
        window.statusBar().showMessage(message.split(": ", 1)[1], 15000)
    if state is not None:
        window.document.set_filter(state)
        window.timeline.fit_all()
    return app.exec()


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
