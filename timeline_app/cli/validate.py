"""``--validate``: check each file, report every problem, go on after a bad one.  Never
imports Qt.

A source's text file that is not a regular file inside the timeline's folder is an error,
found without reading it; a quote not found in its source is a warning.  The report is
text (one line per problem, then one per file) or JSON (``--format json``: a list with an
object per file), on stdout."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from ..core.fileformat import LoadError, NotATimelineFile, load_timeline
from ..core.problems import Problem, shown
from ..core.source_texts import SourceTexts, check_quotes, text_file_problems, timeline_folder
from ..core.wording import plural
from .output import EXIT_FAILED, EXIT_OK

TIMELINEJS_HINT = "open it with File ▸ Import from TimelineJS"


def _check(name: str) -> dict[str, Any]:
    """What is wrong with one file: its errors, warnings and number of events."""
    try:
        timeline = load_timeline(name)
    except LoadError as exc:
        hint = TIMELINEJS_HINT if isinstance(exc, NotATimelineFile) else ""
        return {"errors": exc.problems, "warnings": [], "events": None, "hint": hint}
    folder = timeline_folder(name)
    return {
        "errors": text_file_problems(timeline, folder),
        "warnings": check_quotes(timeline, SourceTexts(folder)),
        "events": len(timeline.events),
        "hint": "",
    }


def _as_data(name: str, found: dict[str, Any]) -> dict[str, Any]:
    def problem(p: Problem) -> dict[str, Any]:
        return {"where": p.where, "message": p.message, "line": p.line, "column": p.column}

    return {
        "file": name,
        "valid": not found["errors"],
        "events": found["events"],
        "errors": [problem(p) for p in found["errors"]],
        "warnings": [problem(p) for p in found["warnings"]],
        **({"hint": found["hint"]} if found["hint"] else {}),
    }


def validate(paths: Sequence[str | os.PathLike[str]], out: TextIO | None = None,
             report: str = "text") -> int:  # fmt: skip
    """Report on every file (``report``: "text" or "json"); 0 if all are valid, else 1."""
    stream = out if out is not None else sys.stdout
    results = [(os.fspath(p), _check(os.fspath(p))) for p in paths]
    if report == "json":  # ensure_ascii: control characters come out as \u escapes
        json.dump([_as_data(n, f) for n, f in results], stream, indent=2)
        print(file=stream)
    else:
        for name, found in results:
            for p in found["errors"] + found["warnings"]:
                hint = f": {found['hint']}" if found["hint"] else ""
                print(p.format(name) + shown(hint), file=stream)
            if found["events"] is None:
                continue  # not read: its problems said it
            warnings = plural(len(found["warnings"]), "warning")
            counts = f"{plural(found['events'], 'event')}, {warnings}"
            if found["errors"]:
                verdict = f"invalid ({plural(len(found['errors']), 'error')}, {counts})"
            else:
                verdict = f"ok ({counts})"
            print(f"{shown(name)}: {verdict}", file=stream)
    return EXIT_OK if all(not f["errors"] for _n, f in results) else EXIT_FAILED
