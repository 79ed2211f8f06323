"""The command line, one mode per call::

    timeline-app [FILE]                                   open in the window
    timeline-app --validate FILE... [--format text|json]  check each file
    timeline-app FILE --export OUT [--format F] [FILTERS] [--width PX]
    timeline-app [FILE] --extract TEXT [--published DATE] [--format text|json]
    FILTERS: --actor NAME (repeatable) --search TEXT --from DATE --to DATE

A TimelineJS FILE is imported on the fly, as File ▸ Import does (stderr says so).

Exit codes: 0 done, 1 failed, 2 bad usage.  Data goes to stdout, messages to stderr, with
control characters escaped.  ``--validate``, ``--extract`` and the CSV and TimelineJS
exports never import Qt; the window and the image exports do.
"""

from __future__ import annotations

from .main import main
from .validate import validate

__all__ = ["main", "validate"]
