"""Reading a timeline file: JSON data into records, or every problem with its place.

Parse, then build: the JSON is read into plain data (by the one reader,
:mod:`~timeline_app.core.jsonio`), every problem is collected with where it is
(``events[3] (aleppo-2016).start: ...``), and only a file with no problem becomes a
:class:`~timeline_app.core.model.Timeline`.  One grammar, two paths: a fast one for the
well-formed records of big files, which gives up at the first doubt, and a checking one
that places every problem; a test holds them to the same answers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from .bulk import bulk_allocation
from .dates import DateError, ends_before_start, parse_iso
from .encodings import wide_encoding
from .fast_read import fast_build, fast_decode, keys_in
from .file_records import (
    EVENT_KEYS,
    GRAMMARS,
    QUOTE_KEYS_2,
    Checker,
    Grammar,
    extra_fields,
    file_version,
    read_actors,
    read_event,
    read_format_2,
    read_sources,
    unique_ids,
)
from .jsonio import decode_json_bytes, depth_over, json_head, may_hold_surrogates, parse_json_text
from .model import (
    FORMAT_MARKER,
    FORMAT_VERSION,
    MAX_NESTING,
    DateBasis,
    Event,
    Quote,
    Status,
    Timeline,
)
from .prefetch import Prefetched, take
from .problems import LoadError, Problem, failure_reason
from .progress import Cancelled, Progress
from .safe_read import DOCUMENT_LIMIT, read_regular_file

__all__ = ["EVENT_KEYS", "NotATimelineFile", "load_timeline", "timeline_from_data"]

T = TypeVar("T")


class NotATimelineFile(LoadError):
    """A JSON file of another kind (``kind``: "timelinejs"), which the app may import."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__([Problem("", message)])
        self.kind = kind


_STATUSES: dict[object, Status] = {s.value: s for s in Status}
_BASES: dict[object, DateBasis] = {b.value: b for b in DateBasis}
_TEXT = (str, type(None))  # a text field may be absent or null (left out)
_QUOTE_KEYSET_2 = frozenset(QUOTE_KEYS_2)


def _fast_event(d: Any, actor_ids: set[str], source_ids: set[str], g: Grammar) -> Event | None:
    """The event of a well-formed record, or None to let the checker find what is wrong.

    Files of 100,000 events are almost all well formed: this path does the same checks as
    :func:`_event` with as little Python as possible, and gives up at the first doubt
    (and at the fields of format 2, which :func:`_event` reads).
    """
    if type(d) is not dict:
        return None
    get = d.get
    ident, title, start_text = get("id"), get("title"), get("start")
    if type(ident) is not str or type(title) is not str or type(start_text) is not str:
        return None
    if not ident.strip() or not title.strip():
        return None
    try:
        start = parse_iso(start_text)
        end_text = get("end")
        end = None if end_text is None or end_text == "" else parse_iso(end_text)
    except (DateError, TypeError):
        return None
    if ends_before_start(start, end):
        return None
    actors, tags = get("actors"), get("tags")  # null is left out, as an absent key
    if actors is None:
        actors = ()
    elif type(actors) is not list or (actors and not set(map(type, actors)) <= {str}):
        return None
    if tags is None:
        tags = ()
    elif type(tags) is not list or (tags and not set(map(type, tags)) <= {str}):
        return None
    if actors and not actor_ids.issuperset(actors):
        return None
    status_text, basis_text = get("status"), get("date_basis")
    status = Status.REPORTED if status_text is None else _enum(_STATUSES, status_text)
    basis = DateBasis.SOURCE if basis_text is None else _enum(_BASES, basis_text)
    summary, notes = get("summary"), get("notes")
    if status is None or basis is None or type(summary) not in _TEXT or type(notes) not in _TEXT:
        return None
    quotes: list[Quote] = []
    raw_quotes = get("quotes")
    if raw_quotes is not None:
        if type(raw_quotes) is not list:
            return None
        for q in raw_quotes:
            if type(q) is not dict:
                return None
            source, text = q.get("source"), q.get("text")
            if type(source) is not str or source not in source_ids:
                return None
            if type(text) is not str or not text.strip():
                return None
            if len(q) > 2 and not _QUOTE_KEYSET_2.isdisjoint(q) and g.version > 1:
                return None
            extra = extra_fields(q, g.quote)
            if extra and depth_over(extra, MAX_NESTING):
                return None
            quotes.append(Quote(source, text, extra))
    if g.version > 1 and "dismissed" in d:
        return None
    extra = extra_fields(d, g.event)
    if extra and depth_over(extra, MAX_NESTING):
        return None
    return Event(
        ident, title, start, end, tuple(actors), status, basis, tuple(tags), summary or "",
        tuple(quotes), notes or "", extra,
    )  # fmt: skip


def _enum(values: dict[object, T], value: object) -> T | None:
    return values.get(value) if type(value) is str else None


def _looks_like_timelinejs(root: Mapping[str, Any]) -> bool:
    """TimelineJS 3 files have events with start_date; version 2 files a "timeline" key."""
    if isinstance(root.get("timeline"), dict):
        return True
    events = root.get("events")
    return (
        isinstance(events, list)
        and bool(events)
        and isinstance(events[0], dict)
        and "start_date" in events[0]
    )


def timeline_from_data(data: Any) -> Timeline:
    """Build a timeline from parsed JSON, or raise :class:`LoadError` with every problem."""
    c = Checker()
    root = c.obj(data, "document")
    if root is None:
        raise LoadError(c.problems)
    marker = root.get("format")
    if marker != FORMAT_MARKER and _looks_like_timelinejs(root):
        raise NotATimelineFile("timelinejs", "this is a TimelineJS file, not a timeline-app file")
    try:
        version = file_version(root)
    except LoadError as exc:
        if marker == FORMAT_MARKER:
            raise  # a version it cannot read: nothing more is read
        c.problems += exc.problems
        version = FORMAT_VERSION
    if marker != FORMAT_MARKER:
        c.error("format", f'must be "{FORMAT_MARKER}" (is this a timeline-app file?)')
    g = GRAMMARS[version]
    title = c.text(root, "title", "document")
    sources = read_sources(c, root, g)
    source_ids = {s.id for s in sources}
    actors = read_actors(c, root, g)
    actor_ids = {a.id for a in actors}

    raw_events = c.items(root, "events")
    events: list[Event] = []
    for i, raw in enumerate(raw_events):
        event = _fast_event(raw, actor_ids, source_ids, g) or read_event(
            c, i, raw, actor_ids, source_ids, g
        )
        if event is not None:
            events.append(event)
    # ids are checked on the records themselves, so an event with other problems is checked too
    ids = (
        (i, raw["id"])
        for i, raw in enumerate(raw_events)
        if isinstance(raw, dict) and isinstance(raw.get("id"), str)
    )
    event_ids = unique_ids(c, "events", ids)
    links, eras, review = read_format_2(c, root, g, event_ids, source_ids)
    extra = c.extra(root, g.top, "")
    if c.problems:
        raise LoadError(c.problems)
    return Timeline(title, sources, actors, events, extra, links, eras, review, version)


def timeline_from_text(text: str) -> Timeline:
    """Parse a JSON document; syntax errors carry their line and column."""
    return timeline_from_data(parse_json_text(text))


LOAD_STEPS = 3  # read, decode, build: what a load's progress counts


def _read(path: str | os.PathLike[str]) -> bytes:
    try:
        return read_regular_file(path, DOCUMENT_LIMIT, head=json_head)
    except OSError as exc:
        raise LoadError([Problem("", f"cannot read: {failure_reason(exc)}")], path) from None


def load_timeline(path: str | os.PathLike[str], progress: Progress | None = None) -> Timeline:
    """Read a timeline file.  Raises :class:`LoadError` (with the path) on any problem.

    Only a regular file is read (a named pipe or a device is refused at once, never waited
    on), and only up to :data:`~timeline_app.core.safe_read.DOCUMENT_LIMIT`.  ``progress``
    is told each of the :data:`LOAD_STEPS` steps; when it returns False, the load raises
    :class:`~timeline_app.core.progress.Cancelled` at the next one."""

    def step(done: int) -> None:
        if progress is not None and not progress(done, LOAD_STEPS):
            raise Cancelled

    step(0)
    ahead = take(path)  # read (and counted) while the app started
    try:
        return _load(path, ahead, step)
    finally:
        if ahead is not None:
            ahead.close()


def _load(
    path: str | os.PathLike[str], ahead: Prefetched | None, step: Callable[[int], None]
) -> Timeline:
    raw = ahead.take_bytes() if ahead is not None else _read(path)
    count = ahead.keys if ahead is not None else keys_in
    step(1)
    try:
        with bulk_allocation(freeze=True):
            decoded = fast_decode(raw, count) if wide_encoding(raw) is None else None
            quick = None
            doubted = decoded is not None  # decoded, but a record is in doubt
            if decoded is not None:
                del raw  # 106 MB at 100,000 events: gone before the records are made
                step(2)
                quick = fast_build(decoded)
                del decoded
        if quick is not None:
            step(LOAD_STEPS)
            return quick
        if doubted:
            raw = _read(path)  # a record in doubt (rare): the checking reader reads it
        text = decode_json_bytes(raw)
        surrogates = may_hold_surrogates(raw)
        del raw  # big files: keep only one copy of the document in memory at a time
        with bulk_allocation(freeze=True):
            data = parse_json_text(text, surrogates)
            del text
            step(2)
            timeline = timeline_from_data(data)
        step(LOAD_STEPS)
        return timeline
    except NotATimelineFile as exc:
        exc.path = str(path)
        raise
    except LoadError as exc:
        raise LoadError(exc.problems, path) from None
