"""``--validate``: check each file, report every problem, go on after a bad one.  Never
imports Qt.

A source's text file that is not a regular file inside the timeline's folder is an error,
found without reading it; a quote not found in its source is a warning.  The report is
text (one line per problem, then one per file) or JSON (``--format json``: a list with an
object per file), on stdout.  A TimelineJS file is imported on the fly (as File ▸ Import
does) and checked as the timeline it becomes; the report says so, with the import's notes
(what was converted or not kept)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from ..core.fileformat import LoadError
from ..core.links import link_warnings
from ..core.problems import Problem, shown
from ..core.source_texts import SourceTexts, check_quotes, text_file_problems, timeline_folder
from ..core.wording import plural
from ..interop.timelinejs import NotImported, open_timeline
from .output import EXIT_FAILED, EXIT_OK

TIMELINEJS = "TimelineJS"


def _check(name: str) -> dict[str, Any]:
    """What is wrong with one file: its errors, warnings and number of events; a TimelineJS
    file is imported on the fly (``imported``), with what the import notes."""
    try:
        opened = open_timeline(name)
    except LoadError as exc:
        imported = TIMELINEJS if isinstance(exc, NotImported) else ""
        notes = exc.notes if isinstance(exc, NotImported) else []
        return {"errors": exc.problems, "warnings": [], "events": None, "imported": imported,
                "notes": notes}  # fmt: skip
    timeline = opened.timeline
    folder = timeline_folder(name)
    return {
        "errors": text_file_problems(timeline, folder),
        "warnings": check_quotes(timeline, SourceTexts(folder)) + link_warnings(timeline.sources),
        "events": len(timeline.events),
        "imported": TIMELINEJS if opened.imported else "",
        "notes": opened.imported.unmapped if opened.imported else [],
    }


def _as_data(name: str, found: dict[str, Any]) -> dict[str, Any]:
    def problem(p: Problem) -> dict[str, Any]:
        return {"where": p.where, "message": p.message, "line": p.line, "column": p.column}

    data = {
        "file": name,
        "valid": not found["errors"],
        "events": found["events"],
        "errors": [problem(p) for p in found["errors"]],
        "warnings": [problem(p) for p in found["warnings"]],
    }
    if found["imported"]:
        data |= {"imported_from": found["imported"], "notes": found["notes"]}
    return data


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
                print(p.format(name), file=stream)
            for note in found["notes"]:
                print(shown(f"{name}: note: {note}"), file=stream)
            imported = f"imported from {found['imported']}" if found["imported"] else ""
            if found["events"] is None:
                if imported:  # the import's problems said why
                    errors = plural(len(found["errors"]), "error")
                    print(f"{shown(name)}: not {imported} ({errors})", file=stream)
                continue  # not read: its problems said it
            warnings = plural(len(found["warnings"]), "warning")
            counts = f"{plural(found['events'], 'event')}, {warnings}"
            if imported:
                counts = f"{imported}: {counts}"
            if found["errors"]:
                verdict = f"invalid ({plural(len(found['errors']), 'error')}, {counts})"
            else:
                verdict = f"ok ({counts})"
            print(f"{shown(name)}: {verdict}", file=stream)
    return EXIT_OK if all(not f["errors"] for _n, f in results) else EXIT_FAILED
