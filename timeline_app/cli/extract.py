"""``[FILE] --extract TEXT [--published DATE] [--format text|json]``: the events a text
proposes, without a window and without Qt.

TEXT (.txt, .md or .html) is read as the app reads a source text: a regular file under the
size limit, UTF-8 (or UTF-16/32 with a byte order mark).  An HTML page becomes its text
first (offsets then count in that text).  FILE, when given, supplies the timeline's actors
(found by name) and its quotes from TEXT (a proposal on one is marked ``known``)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..core.dates import TimelineDate, span_words
from ..core.encodings import decode_text
from ..core.extract import Proposal, extract, published_in
from ..core.extract_text import english_share, html_to_text, is_english, looks_like_html
from ..core.fileformat import LoadError
from ..core.model import Actor, Timeline
from ..core.problems import failure_reason
from ..core.safe_read import TEXT_LIMIT, read_regular_file
from ..core.source_texts import timeline_folder
from ..core.wording import clipped, plural
from ..interop.timelinejs import open_timeline
from .options import Options
from .output import EXIT_FAILED, EXIT_OK, data, say

QUOTE_LIMIT = 90  # characters of a quote on a text line


def run_extract(options: Options) -> int:
    path = options.text
    assert path is not None
    try:
        text = decode_text(read_regular_file(path, TEXT_LIMIT))
    except (OSError, UnicodeDecodeError) as exc:
        say(f"{path} not read: {failure_reason(exc)}")
        return EXIT_FAILED
    if looks_like_html(path.name, text):
        text = html_to_text(text)
    if not is_english(text):
        say(
            f"{path} does not read as English ({english_share(text):.0%} common English "
            "words): events are found in English texts only"
        )
        return EXIT_FAILED
    actors: list[Actor] = []
    quotes: list[str] = []
    if options.file is not None:
        try:
            timeline = open_timeline(options.file).timeline
        except LoadError as exc:
            for problem in exc.problems:
                say(problem.format(str(options.file)))
            return EXIT_FAILED
        actors = list(timeline.actors)
        quotes = quotes_from(timeline, options.file, path)
    published = options.published
    if published is None:
        published = published_in(text)
        if published is not None:
            say(f"publication date from the text: {published.words()} (--published to change)")
    found = extract(text, published, actors, quotes)
    if options.report == "json":
        print(json.dumps([as_data(p) for p in found], indent=2, ensure_ascii=False))
    else:
        for p in found:
            data(as_line(p))
    undated = sum(p.needs_date for p in found)
    if not undated:
        rest = ""
    elif published is None:
        rest = f", {undated} without a date (give --published)"
    else:  # relative days, and the publication date says no day
        rest = (f", {undated} without a day (the publication date gives only the "
                f"{published.precision.label})")  # fmt: skip
    say(f"{path}: {plural(len(found), 'proposed event')}{rest}")
    return EXIT_OK


def quotes_from(timeline: Timeline, file: Path, text: Path) -> list[str]:
    """The timeline's quotes from the source whose text file is ``text``."""
    folder = timeline_folder(file)
    here = os.path.realpath(text)
    ids = {
        s.id for s in timeline.sources
        if s.text_file and os.path.realpath(folder / s.text_file) == here
    }  # fmt: skip
    return [q.text for e in timeline.events for q in e.quotes if q.source in ids]


def _iso(date: TimelineDate | None) -> str | None:
    return date.iso() if date is not None else None


def as_data(p: Proposal) -> dict[str, Any]:
    """A proposal as a JSON object."""
    return {
        "quote": p.quote,
        "offset": p.offset,
        "length": p.length,
        "start": _iso(p.start),
        "end": _iso(p.end),
        "precision": p.precision.label if p.precision is not None else None,
        "actors": list(p.actors),
        "new_actors": list(p.new_actors),
        "status": p.status.value,
        "title": p.title,
        "needs_date": p.needs_date,
        "note": p.date_note,
        "known": p.known,
    }


def as_line(p: Proposal) -> str:
    """``DATE (precision) [status] “quote…” — actors``."""
    if p.start is None:
        when = "needs a date"
    else:
        precision = p.precision.label if p.precision is not None else ""
        when = f"{span_words(p.start, p.end)} ({precision})"
    quote = clipped(" ".join(p.quote.split()), QUOTE_LIMIT)
    line = f"{when} [{p.status.value}] “{quote}”"
    names = _names(p.actors, p.new_actors)
    if names:
        line += f" — {names}"
    if p.known:
        line += " (already in the timeline)"
    return line


def _names(actors: Iterable[str], new: Iterable[str]) -> str:
    return ", ".join([*actors, *(f"{n}?" for n in new)])
