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
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .bulk import bulk_allocation
from .dates import DateError, TimelineDate, end_before_start, ends_before_start, parse_iso
from .encodings import wide_encoding
from .fast_read import fast_build, fast_decode
from .jsonio import (
    decode_json_bytes,
    depth_over,
    json_head,
    kind_of,
    may_hold_surrogates,
    parse_json_text,
)
from .model import (
    FORMAT_MARKER,
    FORMAT_VERSION,
    MAX_NESTING,
    Actor,
    DateBasis,
    Event,
    Quote,
    Source,
    Status,
    Timeline,
)
from .palette import is_color
from .problems import LoadError, Problem, failure_reason
from .progress import Cancelled, Progress
from .safe_read import DOCUMENT_LIMIT, read_regular_file

T = TypeVar("T")


class NotATimelineFile(LoadError):
    """A JSON file of another kind (``kind``: "timelinejs"), which the app may import."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__([Problem("", message)])
        self.kind = kind


TOP_KEYS = ("format", "version", "title", "sources", "actors", "events")
SOURCE_KEYS = (
    "id", "title", "author", "publication", "published", "url", "archive_url", "accessed",
    "text_file",
)  # fmt: skip
ACTOR_KEYS = ("id", "name", "color")
QUOTE_KEYS = ("source", "text")
EVENT_KEYS = (
    "id", "title", "start", "end", "status", "date_basis", "actors", "tags", "summary",
    "quotes", "notes",
)  # fmt: skip


@dataclass(slots=True)
class _Checker:
    """Collects problems while reading plain JSON data into records."""

    problems: list[Problem] = field(default_factory=list)

    def error(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))

    def obj(self, value: Any, where: str) -> Mapping[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.error(where, f"must be an object, not {kind_of(value)}")
        return None

    def text(self, d: Mapping[str, Any], key: str, where: str, required: bool = False) -> str:
        value = d.get(key)
        if value is None:
            if required:
                self.error(f"{where}.{key}", "is required")
            return ""
        if not isinstance(value, str):
            self.error(f"{where}.{key}", f"must be a string, not {kind_of(value)}")
            return ""
        if required and not value.strip():
            self.error(f"{where}.{key}", "must not be empty")
        return value

    def date(
        self, d: Mapping[str, Any], key: str, where: str, required: bool = False
    ) -> TimelineDate | None:
        value = d.get(key)
        if value is None or (value == "" and not required):
            if required:
                self.error(f"{where}.{key}", "is required")
            return None
        if not isinstance(value, str):
            self.error(f"{where}.{key}", f"must be a date string, not {kind_of(value)}")
            return None
        try:
            return parse_iso(value)
        except DateError as exc:
            self.error(f"{where}.{key}", str(exc))
            return None

    def strings(self, d: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        """A list of strings; absent or null is an empty list, anything else an error."""
        value = d.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.error(f"{where}.{key}", f"must be a list of strings, not {kind_of(value)}")
            return ()
        if not all(isinstance(v, str) for v in value):
            self.error(f"{where}.{key}", "must be a list of strings")
            return ()
        return tuple(value)

    def items(self, d: Mapping[str, Any], key: str, where: str = "") -> list[Any]:
        """A list; absent or null is an empty list, anything else an error."""
        value = d.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(f"{where}.{key}" if where else key, f"must be a list, not {kind_of(value)}")
            return []
        return value

    def records(self, root: Mapping[str, Any], key: str) -> Iterator[tuple[Mapping[str, Any], str]]:
        """Each object in the list ``root[key]``, with where it is ("sources[2] (s3)")."""
        for i, raw in enumerate(self.items(root, key)):
            d = self.obj(raw, f"{key}[{i}]")
            if d is not None:
                yield d, _place(key, i, d)

    def extra(self, d: Mapping[str, Any], known: frozenset[str], where: str) -> Mapping[str, Any]:
        """The fields the app does not know (kept and written back), unless too deep."""
        extra = _extra(d, known)
        for key, value in extra.items():
            if depth_over(value, MAX_NESTING):
                prefix = f"{where}." if where else ""
                self.error(f"{prefix}{key}", f"is nested more than {MAX_NESTING} levels deep")
        return extra

    def enum(self, d: Mapping[str, Any], key: str, where: str, kind: type[T], default: T) -> T:
        value = d.get(key)
        if value is None:
            return default
        choices = ", ".join(m.value for m in kind)  # type: ignore[attr-defined]
        if not isinstance(value, str):
            self.error(f"{where}.{key}", f"must be one of: {choices} (not {kind_of(value)})")
            return default
        try:
            return kind(value)  # type: ignore[call-arg]
        except ValueError:
            self.error(f"{where}.{key}", f"{value!r} is not one of: {choices}")
            return default


_NO_EXTRA: Mapping[str, Any] = {}  # shared (never mutated): most records have no extras


def _extra(d: Mapping[str, Any], known: frozenset[str]) -> Mapping[str, Any]:
    if d.keys() <= known:
        return _NO_EXTRA
    return {k: v for k, v in d.items() if k not in known}


_TOP_KEYSET = frozenset(TOP_KEYS)
_SOURCE_KEYSET = frozenset(SOURCE_KEYS)
_ACTOR_KEYSET = frozenset(ACTOR_KEYS)
_EVENT_KEYSET = frozenset(EVENT_KEYS)
_QUOTE_KEYSET = frozenset(QUOTE_KEYS)
_STATUSES: dict[object, Status] = {s.value: s for s in Status}
_BASES: dict[object, DateBasis] = {b.value: b for b in DateBasis}
_TEXT = (str, type(None))  # a text field may be absent or null (left out)


def _fast_event(d: Any, actor_ids: set[str], source_ids: set[str]) -> Event | None:
    """The event of a well-formed record, or None to let the checker find what is wrong.

    Files of 100,000 events are almost all well formed: this path does the same checks as
    :func:`_event` with as little Python as possible, and gives up at the first doubt.
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
            extra = _extra(q, _QUOTE_KEYSET)
            if extra and depth_over(extra, MAX_NESTING):
                return None
            quotes.append(Quote(source, text, extra))
    extra = _extra(d, _EVENT_KEYSET)
    if extra and depth_over(extra, MAX_NESTING):
        return None
    return Event(
        ident, title, start, end, tuple(actors), status, basis, tuple(tags), summary or "",
        tuple(quotes), notes or "", extra,
    )  # fmt: skip


def _enum(values: dict[object, T], value: object) -> T | None:
    return values.get(value) if type(value) is str else None


def _unique(c: _Checker, kind: str, ids: Iterator[tuple[int, str]]) -> set[str]:
    seen: dict[str, int] = {}
    for i, ident in ids:
        if not ident:
            continue
        if ident in seen:
            c.error(f"{kind}[{i}] ({ident}).id", f"duplicate id (also {kind}[{seen[ident]}])")
        else:
            seen[ident] = i
    return set(seen)


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
    c = _Checker()
    root = c.obj(data, "document")
    if root is None:
        raise LoadError(c.problems)
    marker = root.get("format")
    if marker != FORMAT_MARKER and _looks_like_timelinejs(root):
        raise NotATimelineFile("timelinejs", "this is a TimelineJS file, not a timeline-app file")
    if marker != FORMAT_MARKER:
        c.error("format", f'must be "{FORMAT_MARKER}" (is this a timeline-app file?)')
    version = root.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        c.error("version", f"must be a whole number ({FORMAT_VERSION})")
    elif version < 1:
        c.error("version", f"{version} is not a version of this format: write {FORMAT_VERSION}")
    elif version > FORMAT_VERSION:
        c.error("version", f"{version} is newer than this app reads ({FORMAT_VERSION}): update")
    title = c.text(root, "title", "document")

    sources: list[Source] = []
    for d, where in c.records(root, "sources"):
        sources.append(
            Source(
                id=c.text(d, "id", where, required=True),
                title=c.text(d, "title", where, required=True),
                author=c.text(d, "author", where),
                publication=c.text(d, "publication", where),
                published=c.date(d, "published", where),
                url=c.text(d, "url", where),
                archive_url=c.text(d, "archive_url", where),
                accessed=c.date(d, "accessed", where),
                text_file=c.text(d, "text_file", where),
                extra=c.extra(d, _SOURCE_KEYSET, where),
            )
        )
    source_ids = _unique(c, "sources", ((i, s.id) for i, s in enumerate(sources)))

    actors: list[Actor] = []
    for d, where in c.records(root, "actors"):
        color = c.text(d, "color", where)
        if color and not is_color(color):
            c.error(f"{where}.color", f'{color!r} is not a colour: write "#rrggbb"')
        actors.append(
            Actor(
                id=c.text(d, "id", where, required=True),
                name=c.text(d, "name", where, required=True),
                color=color,
                extra=c.extra(d, _ACTOR_KEYSET, where),
            )
        )
    actor_ids = _unique(c, "actors", ((i, a.id) for i, a in enumerate(actors)))

    raw_events = c.items(root, "events")
    events: list[Event] = []
    for i, raw in enumerate(raw_events):
        event = _fast_event(raw, actor_ids, source_ids) or _event(c, i, raw, actor_ids, source_ids)
        if event is not None:
            events.append(event)
    # ids are checked on the records themselves, so an event with other problems is checked too
    ids = (
        (i, raw["id"])
        for i, raw in enumerate(raw_events)
        if isinstance(raw, dict) and isinstance(raw.get("id"), str)
    )
    _unique(c, "events", ids)

    extra = c.extra(root, _TOP_KEYSET, "")
    if c.problems:
        raise LoadError(c.problems)
    return Timeline(title, sources, actors, events, extra)


def _place(key: str, i: int, d: Mapping[str, Any]) -> str:
    """Where a record is, for a problem: "events[3] (kursk)", or "events[3]" without an id."""
    ident = d.get("id")
    return f"{key}[{i}]" + (f" ({ident})" if isinstance(ident, str) and ident else "")


def _event(
    c: _Checker, i: int, raw: Any, actor_ids: set[str], source_ids: set[str]
) -> Event | None:
    d = c.obj(raw, f"events[{i}]")
    if d is None:
        return None
    where = _place("events", i, d)
    n_before = len(c.problems)
    start = c.date(d, "start", where, required=True)
    end = c.date(d, "end", where)
    if problem := end_before_start(start, end):
        c.error(f"{where}.end", problem)
    actors = c.strings(d, "actors", where)
    for a in actors:
        if a not in actor_ids:
            c.error(f"{where}.actors", f"unknown actor id {a!r}")
    quotes: list[Quote] = []
    for j, qraw in enumerate(c.items(d, "quotes", where)):
        q = c.obj(qraw, f"{where}.quotes[{j}]")
        if q is None:
            continue
        qwhere = f"{where}.quotes[{j}]"
        source = c.text(q, "source", qwhere, required=True)
        if source and source not in source_ids:
            c.error(f"{qwhere}.source", f"unknown source id {source!r}")
        quotes.append(
            Quote(
                source,
                c.text(q, "text", qwhere, required=True),
                c.extra(q, _QUOTE_KEYSET, qwhere),
            )
        )
    event_id = c.text(d, "id", where, required=True)
    title = c.text(d, "title", where, required=True)
    status = c.enum(d, "status", where, Status, Status.REPORTED)
    basis = c.enum(d, "date_basis", where, DateBasis, DateBasis.SOURCE)
    tags = c.strings(d, "tags", where)
    summary = c.text(d, "summary", where)
    notes = c.text(d, "notes", where)
    extra = c.extra(d, _EVENT_KEYSET, where)
    if start is None or len(c.problems) > n_before:
        return None  # the problems are reported; nothing is built
    return Event(
        id=event_id,
        title=title,
        start=start,
        end=end,
        actors=actors,
        status=status,
        date_basis=basis,
        tags=tags,
        summary=summary,
        quotes=tuple(quotes),
        notes=notes,
        extra=extra,
    )


def timeline_from_text(text: str) -> Timeline:
    """Parse a JSON document; syntax errors carry their line and column."""
    return timeline_from_data(parse_json_text(text))


LOAD_STEPS = 3  # read, decode, build: what a load's progress counts


def _read(path: str | os.PathLike[str]) -> bytes:
    raw = _Prefetch.take(path)
    if raw is not None:
        return raw
    try:
        return read_regular_file(path, DOCUMENT_LIMIT, head=json_head)
    except OSError as exc:
        raise LoadError([Problem("", f"cannot read: {failure_reason(exc)}")], path) from None


def _identity(path: str | os.PathLike[str]) -> tuple[int, ...] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


class _Prefetch:
    """A timeline file's bytes, read in a thread while the app starts: importing Qt holds
    the interpreter, reading a file lets go of it, so the two overlap (100,000 events:
    the 0.1 s read is gone from the opening).  The next load takes them, once, if the file
    is still the one that was read; otherwise (or if reading failed) it reads as always."""

    _lock = threading.Lock()
    _thread: threading.Thread | None = None
    _got: tuple[tuple[int, ...], bytes] | None = None

    @classmethod
    def start(cls, path: str | os.PathLike[str]) -> None:
        def run() -> None:
            before = _identity(path)
            try:
                raw = read_regular_file(path, DOCUMENT_LIMIT, head=json_head)
            except OSError:
                return  # the load reads it again and says why it cannot
            if before is not None and _identity(path) == before:
                cls._got = (before, raw)

        with cls._lock:
            cls._thread = threading.Thread(target=run, name="prefetch", daemon=True)
            cls._thread.start()

    @classmethod
    def take(cls, path: str | os.PathLike[str]) -> bytes | None:
        with cls._lock:
            thread, cls._thread = cls._thread, None
            if thread is None:
                return None
            thread.join()
            got, cls._got = cls._got, None
        if got is None or _identity(path) != got[0]:
            return None  # another file, or this one changed since: read it now
        return got[1]


def prefetch(path: str | os.PathLike[str]) -> None:
    """Start reading the timeline file ``path`` in a thread; :func:`load_timeline` takes
    the bytes (the next call only, whatever file it loads)."""
    _Prefetch.start(path)


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
    raw = _read(path)
    step(1)
    try:
        with bulk_allocation(freeze=True):
            decoded = fast_decode(raw) if wide_encoding(raw) is None else None
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
