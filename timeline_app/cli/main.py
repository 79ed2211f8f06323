"""The entry point: read the command line, run the one mode it asks for."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from .options import UsageError, build_parser, options_from
from .output import EXIT_USAGE, say


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 for --help and --version
        return int(exc.code or 0)
    try:
        options = options_from(args)
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        say(f"error: {exc}")
        return EXIT_USAGE
    if options.mode == "validate":
        from .validate import validate

        return validate(options.files, report=options.report)
    if options.mode == "export":
        from .export import export

        return export(options)
    if options.mode == "extract":
        from .extract import run_extract

        return run_extract(options)
    if options.mode == "report":
        from .report import report

        return report(options)
    if options.file is not None:  # read while Qt is imported (see prefetch)
        from ..core.prefetch import prefetch

        prefetch(options.file)
    from ..ui.app import run  # Qt is imported only for the window

    return run(options.file, smoke=options.mode == "smoke", asked=options.asked)
