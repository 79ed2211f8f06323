"""What the command line asks for: the parser, and the checks that make each call one
mode with only the options that mode takes (any other combination is bad usage, exit 2)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

from .. import APP_NAME, version
from ..core.dates import DateError, TimelineDate, ends_before_start, parse_date
from ..core.evidence import Support
from ..core.export_formats import (
    HTML,
    INCLUDABLE,
    PNG,
    ExportFormat,
    UnknownFormat,
    format_of,
    names,
)
from ..core.filters import AskedFilter
from ..core.model import RELIABILITIES
from ..interop.evidence_report import REPORT_FORMATS, report_format

WIDTH_MIN, WIDTH_MAX, WIDTH_DEFAULT = 100, 20_000, 1600
REPORTS = ("text", "json")


class UsageError(Exception):
    """The call asks for something the command line does not do (exit 2)."""


class _Version(argparse.Action):
    """--version, with the version read only when asked for."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        print(f"{APP_NAME} {version()}")  # to stdout, as argparse's own version action
        parser.exit()


@dataclass(frozen=True)
class Options:
    mode: str  # "window", "validate", "export", "report", "extract" or "smoke"
    files: list[Path] = field(default_factory=list)
    out: Path | None = None
    export_format: ExportFormat = PNG
    report: str = "text"  # --validate's --format, or --report's (md, html, json)
    asked: AskedFilter = field(default_factory=AskedFilter)
    width: int = WIDTH_DEFAULT
    text: Path | None = None  # --extract's text
    published: TimelineDate | None = None
    include: frozenset[str] = frozenset()  # what a web page publishes beyond the default

    @property
    def file(self) -> Path | None:
        return self.files[0] if self.files else None

    @property
    def date_from(self) -> TimelineDate | None:
        return self.asked.date_from


def _date(text: str) -> TimelineDate:
    try:
        return parse_date(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _width(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not WIDTH_MIN <= value <= WIDTH_MAX:
        raise argparse.ArgumentTypeError(
            f"{text} is not between {WIDTH_MIN} and {WIDTH_MAX:,} pixels"
        )
    return value


def _grade(text: str) -> str:
    grade = text.strip().upper()
    if len(grade) != 1 or grade not in RELIABILITIES:
        raise argparse.ArgumentTypeError(f"{text!r} is not a grade from A to F")
    return grade


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=APP_NAME,
        description="Desktop timeline viewer for evidence-backed timelines built from articles. "
        "With no FILE, works on the bundled dataset (North Korean troops in Russia's war).",
        epilog="Exit codes: 0 done, 1 failed (invalid file, nothing written), 2 bad usage.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="timeline file (.json)")
    p.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--validate", action="store_true",
                      help="check each FILE and report every problem; goes on after a bad "
                      "one (exit 0 when all are valid, 1 when not)")  # fmt: skip
    mode.add_argument("--export", metavar="OUT", type=Path,
                      help="write FILE's events to OUT without a window; the format comes "
                      "from OUT's name: .png .svg .pdf .csv .timelinejs.json .html (one "
                      "self-contained page that works offline)")  # fmt: skip
    mode.add_argument("--report", metavar="OUT", type=Path,
                      help="write the evidence report on FILE's events to OUT: each event's "
                      "support, quotes and graded sources, and a summary; the format comes "
                      "from OUT's name: .md .html .json")  # fmt: skip
    mode.add_argument("--extract", metavar="TEXT", type=Path,
                      help="propose the dated events of TEXT (.txt, .md, .html) for review: "
                      "each quote, its date and precision, status, actors and a title; "
                      "FILE, when given, supplies known actors and quotes")  # fmt: skip
    mode.add_argument("--smoke", action="store_true",
                      help="start, paint the window once, say how many events it shows "
                      "and quit")  # fmt: skip
    p.add_argument("--format", metavar="F",
                   help=f"with --validate: {' or '.join(REPORTS)} (the report); with --export: "
                   f"one of {names()} (instead of OUT's name); with --report: "
                   f"{', '.join(REPORT_FORMATS)}; with --extract: text or json")  # fmt: skip
    p.add_argument("--json", action="store_true",
                   help="with --validate or --extract: the same as --format json")  # fmt: skip
    p.add_argument("--published", type=_date, metavar="DATE",
                   help="with --extract: when TEXT was published; relative dates (\"on "
                   "Friday\", \"last month\") count from it (default: a date the text "
                   "states at its top)")  # fmt: skip
    filters = p.add_argument_group("filters (the window, --export and --report)")
    filters.add_argument("--actor", action="append", default=[], metavar="NAME",
                         help="only events of this actor (name or id; repeatable)")  # fmt: skip
    filters.add_argument("--search", default="", metavar="TEXT",
                         help="only events whose text holds TEXT")  # fmt: skip
    filters.add_argument("--from", dest="date_from", type=_date, metavar="DATE",
                         help='only events from DATE on ("1980s", "Nov 2024", '
                         '"27 July 1953")')  # fmt: skip
    filters.add_argument("--to", dest="date_to", type=_date, metavar="DATE",
                         help="only events up to DATE")  # fmt: skip
    filters.add_argument("--support", action="append", default=[], metavar="S",
                         choices=[s.value for s in Support],
                         help="only events so supported: corroborated, single, contested or "
                         "unsourced (repeatable)")  # fmt: skip
    filters.add_argument("--min-grade", type=_grade, metavar="G",
                         help="only events quoting a source graded G or better (A best, "
                         "F any)")  # fmt: skip
    filters.add_argument("--source", action="append", default=[], metavar="ID",
                         help="only events quoting this source (id or title; "
                         "repeatable)")  # fmt: skip
    p.add_argument("--width", type=_width, metavar="PX",
                   help=f"with an image --export: its width in pixels ({WIDTH_MIN}–"
                   f"{WIDTH_MAX:,}, default {WIDTH_DEFAULT})")  # fmt: skip
    p.add_argument("--include", metavar="WHAT", type=_included,
                   help="with an .html --export: also publish notes (the analyst's notes, the "
                   "reasons for grades and fields the app does not know) and/or texts (the "
                   "full source texts: check their licences), comma-separated")  # fmt: skip
    return p


def _included(text: str) -> frozenset[str]:
    parts = frozenset(p.strip().lower() for p in text.split(",") if p.strip())
    unknown = sorted(parts - set(INCLUDABLE))
    if unknown or not parts:
        raise argparse.ArgumentTypeError(f"{text!r}: give notes, texts or notes,texts")
    return parts


def options_from(args: argparse.Namespace) -> Options:
    """The parsed arguments as one mode's options; UsageError for what that mode does not
    take."""
    files = [Path(f) for f in args.files]
    mode = (
        "validate" if args.validate else "export" if args.export
        else "report" if args.report else "extract" if args.extract
        else "smoke" if args.smoke else "window"
    )  # fmt: skip
    if args.json:
        if args.format is not None and args.format.lower() != "json":
            raise UsageError(f"--json and --format {args.format} disagree")
        if mode not in ("validate", "extract"):
            raise UsageError("--json goes with --validate or --extract")
        args.format = "json"
    if args.published is not None and mode != "extract":
        raise UsageError("--published goes with --extract")
    asked = AskedFilter(
        tuple(args.actor), args.search, args.date_from, args.date_to,
        tuple(Support(s) for s in args.support), args.min_grade or "", tuple(args.source),
    )  # fmt: skip
    filtered = asked.asked
    if ends_before_start(args.date_from, args.date_to):
        raise UsageError(f"--to {args.date_to.words()} is before --from {args.date_from.words()}")
    if mode == "validate":
        if not files:
            raise UsageError("--validate needs at least one FILE")
        if filtered or args.width is not None:
            raise UsageError("--validate checks whole files: no filters, no --width")
        report = (args.format or "text").lower()
        if report not in REPORTS:
            raise UsageError(f"--validate reports as {' or '.join(REPORTS)}, not {args.format!r}")
        return Options(mode, files, report=report)
    if len(files) > 1:
        raise UsageError("one FILE at a time (--validate checks several)")
    if mode == "extract":
        if filtered or args.width is not None:
            raise UsageError("--extract reads a whole text: no filters, no --width")
        report = (args.format or "text").lower()
        if report not in REPORTS:
            raise UsageError(f"--extract writes {' or '.join(REPORTS)}, not {args.format!r}")
        return Options(mode, files, report=report, text=args.extract, published=args.published)
    if mode == "report":
        if args.width is not None:
            raise UsageError("--width is for images; a report has none")
        try:
            written_as = report_format(args.report, args.format)
        except ValueError as exc:
            raise UsageError(f"--report {args.report}: {exc}") from None
        return Options(
            mode, files, out=args.report, report=written_as, asked=asked
        )  # fmt: skip
    if mode == "export":
        try:
            fmt = format_of(args.export.name, args.format)
        except UnknownFormat as exc:
            raise UsageError(f"--export {args.export}: {exc}") from None
        if args.width is not None and not fmt.painted:
            raise UsageError(f"--width is for images; a {fmt.label} has none")
        if args.include is not None and fmt is not HTML:
            raise UsageError(f"--include is for a web page (.html); a {fmt.label} has none")
        return Options(
            mode, files, out=args.export, export_format=fmt, asked=asked,
            width=args.width or WIDTH_DEFAULT, include=args.include or frozenset(),
        )  # fmt: skip
    if args.include is not None:
        raise UsageError("--include goes with an .html --export")
    if args.format is not None or args.width is not None:
        raise UsageError("--format and --width go with --export (or --format with --validate)")
    return Options(mode, files, asked=asked)
