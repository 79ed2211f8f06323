"""Command line: ``timeline-app [FILE] [options]``; ``main()`` is the entry point.

``--validate`` and ``--version`` never import Qt, so they are fast and work anywhere.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from . import APP_NAME, __version__
from .core.dates import DateError, TimelineDate, parse_date
from .core.fileformat import LoadError, NotATimelineFile, load_timeline
from .core.problems import shown
from .core.source_texts import SourceTexts, check_quotes, text_file_problems, timeline_folder
from .core.wording import plural

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _date_arg(text: str) -> TimelineDate:
    try:
        return parse_date(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=APP_NAME,
        description="Desktop timeline viewer for evidence-backed timelines built from articles. "
        "With no FILE, opens the bundled dataset (North Korean troops in Russia's war).",
    )
    p.add_argument("file", nargs="?", metavar="FILE", help="timeline file (.json) to open")
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    p.add_argument(
        "--validate",
        nargs="+",
        metavar="FILE",
        help="check timeline files and print every problem; exit 0 if all are valid, 1 if not",
    )
    p.add_argument(
        "--actor",
        action="append",
        default=[],
        metavar="NAME",
        help="show only events of this actor (name or id; repeatable)",
    )
    p.add_argument("--search", default="", metavar="TEXT", help="open with this text filter")
    p.add_argument("--from", dest="date_from", type=_date_arg, metavar="DATE",
                   help='show events from this date on ("1980s", "Nov 2024")')  # fmt: skip
    p.add_argument("--to", dest="date_to", type=_date_arg, metavar="DATE",
                   help="show events up to this date")  # fmt: skip
    p.add_argument(
        "--export",
        metavar="OUT",
        help="write the timeline view to OUT (.png, .svg or .pdf) without showing a window",
    )
    p.add_argument("--width", type=int, default=1600, metavar="PX",
                   help="width of an exported image in pixels (default 1600)")  # fmt: skip
    p.add_argument(
        "--smoke",
        action="store_true",
        help="start, paint the main window once, print the number of events shown and quit",
    )
    return p


def validate(paths: Sequence[str], out: TextIO | None = None) -> int:
    """Print every problem of every file; 0 if all are valid, 1 otherwise.

    A source's text file that is not a regular file inside the timeline's folder is an
    error, found without reading it; a quote not found in its source is a warning."""
    stream = out if out is not None else sys.stdout
    ok = True
    for name in paths:
        try:
            timeline = load_timeline(name)
        except NotATimelineFile as exc:
            ok = False
            hint = (
                ": open it with File ▸ Import from TimelineJS" if exc.kind == "timelinejs" else ""
            )
            print(exc.problems[0].format(name) + hint, file=stream)
            continue
        except LoadError as exc:
            ok = False
            for problem in exc.problems:
                print(problem.format(name), file=stream)
            continue
        folder = timeline_folder(name)
        errors = text_file_problems(timeline, folder)
        warnings = check_quotes(timeline, SourceTexts(folder))
        for problem in errors + warnings:
            print(problem.format(name), file=stream)
        counts = f"{plural(len(timeline.events), 'event')}, {plural(len(warnings), 'warning')}"
        if errors:
            ok = False
            print(f"{shown(name)}: invalid ({plural(len(errors), 'error')}, {counts})", file=stream)
        else:
            print(f"{shown(name)}: ok ({counts})", file=stream)
    return EXIT_OK if ok else EXIT_INVALID


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 for --help/--version
        return int(exc.code or 0)
    if args.validate:
        if args.file:
            args.validate.insert(0, args.file)
        return validate(args.validate)
    if args.width <= 0:
        parser.print_usage(sys.stderr)
        print(f"{APP_NAME}: error: --width must be positive", file=sys.stderr)
        return EXIT_USAGE

    from .ui.app import run  # Qt is imported only for the GUI and exports

    return run(args)
