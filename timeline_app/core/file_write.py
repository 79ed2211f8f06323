"""Writing a timeline file: records into JSON data, in the file's key order (UTF-8, 2-space
indent, a final newline: diff-friendly), unknown fields after the known ones; defaults are
not written.  Saves are atomic (:mod:`~timeline_app.core.atomic`).  For a copy written in
the background, :func:`iter_compact_json` encodes the events a slice at a time."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from operator import attrgetter
from typing import Any

import msgspec

from .atomic import atomic_write_chunks
from .bulk import bulk_allocation
from .dates import TimelineDate
from .format_versions import check_version
from .jsonio import dumps, dumps_utf8, holds_floats, quick_utf8
from .model import (
    FORMAT_MARKER,
    UNGRADED,
    UNJUDGED,
    DateBasis,
    Era,
    Event,
    Link,
    ProposalMark,
    Quote,
    QuoteMark,
    Stance,
    Status,
    Timeline,
)
from .progress import Cancelled
from .safe_read import fingerprinter


def _put(out: dict[str, Any], key: str, value: Any) -> None:
    if value not in (None, "", (), []):
        out[key] = value


def _date(d: TimelineDate | None) -> str | None:
    return d.iso() if d is not None else None


def quote_to_data(q: Quote) -> dict[str, Any]:
    """One quote (of an event or a link) as plain JSON data, defaults left out."""
    d: dict[str, Any] = {"source": q.source, "text": q.text}
    if q.credibility != UNJUDGED:
        d["credibility"] = q.credibility
    if q.stance is not Stance.SUPPORTS:
        d["stance"] = q.stance.value
    if q.note:
        d["note"] = q.note
    if q.extra:
        d.update(q.extra)
    return d


def _mark(m: QuoteMark | ProposalMark) -> dict[str, Any]:
    if isinstance(m, QuoteMark):
        return {"source": m.source, "hash": m.hash}
    return {"offset": m.offset, "length": m.length, "hash": m.hash}


def event_to_data(e: Event) -> dict[str, Any]:
    """One event as plain JSON data in the file's key order (100,000 of them at a save:
    written out rather than through :func:`_put`)."""
    d: dict[str, Any] = {"id": e.id, "title": e.title, "start": e.start.iso()}
    if e.end is not None:
        d["end"] = e.end.iso()
    d["status"] = e.status.value
    d["date_basis"] = e.date_basis.value
    if e.actors:
        d["actors"] = list(e.actors)
    if e.tags:
        d["tags"] = list(e.tags)
    if e.summary:
        d["summary"] = e.summary
    d["quotes"] = [quote_to_data(q) for q in e.quotes]
    if e.notes:
        d["notes"] = e.notes
    if e.dismissed:
        d["dismissed"] = [[_mark(a), _mark(b)] for a, b in e.dismissed]
    if e.extra:
        d.update(e.extra)  # after the known fields (never one of their keys)
    return d


class _Written(msgspec.Struct, omit_defaults=True, gc=False):
    """An event as :func:`event_to_data` writes it (the same keys in the same order, the
    same left out), made in C and encoded by msgspec: a quick save builds these, not
    dicts (100,000 events: 0.1 s, where the dicts take 0.4 s).  For an event without
    fields the app does not know (nor its quotes: a quote struct writes no empty extra).
    A field whose default is None is never None here: it is always written."""

    id: str
    title: str
    start: str
    end: str | None = None
    status: Status | None = None
    date_basis: DateBasis | None = None
    actors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    summary: str = ""
    quotes: tuple[Quote, ...] | None = None  # [] too
    notes: str = ""
    dismissed: tuple[tuple[QuoteMark, QuoteMark], ...] = ()


_extra_of = attrgetter("extra")


def _written(events: Sequence[Event]) -> list[_Written | dict[str, Any]]:
    isos: dict[int, str] = {}  # each date spelt once: events share their date objects
    out: list[_Written | dict[str, Any]] = []
    append = out.append
    for e in events:
        quotes = e.quotes
        if e.extra or (quotes and any(map(_extra_of, quotes))):
            append(event_to_data(e))
            continue
        start, end = e.start, e.end
        start_iso = isos.get(id(start))
        if start_iso is None:
            start_iso = isos[id(start)] = start.iso()
        end_iso = None
        if end is not None:
            end_iso = isos.get(id(end))
            if end_iso is None:
                end_iso = isos[id(end)] = end.iso()
        append(
            _Written(
                e.id,
                e.title,
                start_iso,
                end_iso,
                e.status,
                e.date_basis,
                e.actors,
                e.tags,
                e.summary,
                quotes,
                e.notes,
                e.dismissed,
            )
        )
    return out


def timeline_to_data(
    t: Timeline, quick: bool = False, version: int | None = None
) -> dict[str, Any]:
    """Plain JSON data in the file's key order; unknown fields follow the known ones.
    ``version``: the format to write (by default the version of the file ``t`` was read
    from); :class:`~timeline_app.core.format_versions.FormatVersionError` when ``t``
    cannot be written in it.  ``quick``: the events as msgspec structs, for
    :func:`~timeline_app.core.jsonio.quick_utf8` only (the standard library cannot
    encode them)."""
    version = t.version if version is None else version
    check_version(t, version)
    out: dict[str, Any] = {"format": FORMAT_MARKER, "version": version, "title": t.title}
    sources = []
    for s in t.sources:
        d: dict[str, Any] = {"id": s.id, "title": s.title}
        _put(d, "author", s.author)
        _put(d, "publication", s.publication)
        _put(d, "published", _date(s.published))
        _put(d, "url", s.url)
        _put(d, "archive_url", s.archive_url)
        _put(d, "accessed", _date(s.accessed))
        _put(d, "text_file", s.text_file)
        _put(d, "kind", s.kind.value if s.kind is not None else None)
        _put(d, "reliability", s.reliability if s.reliability != UNGRADED else None)
        _put(d, "reliability_reason", s.reliability_reason)
        _put(d, "derived_from", list(s.derived_from))
        _put(d, "licence", s.licence)
        _put(d, "notes", s.notes)
        _put(d, "excerpt", s.excerpt or None)
        sources.append({**d, **s.extra})
    actors = []
    for a in t.actors:
        d = {"id": a.id, "name": a.name}
        _put(d, "color", a.color)
        actors.append({**d, **a.extra})
    events = _written(t.events) if quick else [event_to_data(e) for e in t.events]
    out.update(sources=sources, actors=actors, events=events)
    if t.links:
        out["links"] = [_link(k) for k in t.links]
    if t.eras:
        out["eras"] = [_era(e) for e in t.eras]
    if t.review:
        out["review"] = {k: [_mark(m) for m in marks] for k, marks in t.review.items()}
    out.update(t.extra)
    return out


def _link(k: Link) -> dict[str, Any]:
    d: dict[str, Any] = {"id": k.id, "from": k.from_id, "to": k.to_id, "type": k.type.value}
    _put(d, "label", k.label)
    d["basis"] = k.basis.value
    if k.quote is not None:
        d["quote"] = quote_to_data(k.quote)
    _put(d, "notes", k.notes)
    return {**d, **k.extra}


def _era(e: Era) -> dict[str, Any]:
    d: dict[str, Any] = {"id": e.id, "name": e.name, "start": e.start.iso()}
    _put(d, "end", _date(e.end))
    _put(d, "color", e.color)
    _put(d, "notes", e.notes)
    return {**d, **e.extra}


def plain(t: Timeline) -> bool:
    """Whether the timeline's data holds no float (nor an integer too long to convert):
    the fields the app knows hold none, so only the fields it does not know can."""
    extras = [t.extra, *(s.extra for s in t.sources), *(a.extra for a in t.actors)]
    extras += [k.extra for k in t.links] + [e.extra for e in t.eras]
    extras += [k.quote.extra for k in t.links if k.quote is not None]
    extras += [e.extra for e in t.events if e.extra]
    extras += [q.extra for e in t.events for q in e.quotes if q.extra]
    return not any(holds_floats(x) for x in extras if x)


SAVE_SLICE = 2000  # events encoded at a time: memory holds a slice's bytes, not the file's twice
_EVENTS_AT = b'\n  "events": []'  # where a document without events has them (a top key)
_SLICE_HEAD, _SLICE_TAIL = b'{\n  "events": [\n', b"\n  ]\n}"


def timeline_pieces(
    t: Timeline, version: int | None = None, per_slice: int = SAVE_SLICE
) -> Iterator[bytes]:
    """The file's bytes (UTF-8, 2-space indent, a final newline) in pieces, the events
    ``per_slice`` at a time; joined, they are the bytes of the whole document encoded at
    once.  ``version``: as for :func:`timeline_to_data` (raises before the first piece)."""
    version = t.version if version is None else version
    check_version(t, version)
    quick = plain(t)
    head = quick_utf8(timeline_to_data(replace(t, events=[]), True, version), 2) if quick else None
    if head is None or not t.events:  # floats or integers of any length: the standard library
        with bulk_allocation():
            data = timeline_to_data(t, version=version)
        yield dumps_utf8(data, indent=2)  # and says what is wrong, if anything
        yield b"\n"
        return
    at = head.index(_EVENTS_AT) + len(_EVENTS_AT) - 1  # before its "]"
    yield head[:at] + b"\n"
    events = t.events
    for start in range(0, len(events), per_slice):
        piece = events[start : start + per_slice]
        # the slice as a document's events, with their indentation in the file
        part = quick_utf8({"events": _written(piece)}, 2)
        if part is None:  # not text after all: the standard library says what is wrong
            part = dumps_utf8({"events": [event_to_data(e) for e in piece]}, 2)
        yield (b",\n" if start else b"") + part[len(_SLICE_HEAD) : -len(_SLICE_TAIL)]
    yield b"\n  " + head[at:] + b"\n"


def timeline_to_bytes(t: Timeline, version: int | None = None) -> bytes:
    """The file's bytes: UTF-8, 2-space indent, a final newline."""
    return b"".join(timeline_pieces(t, version))


def timeline_to_text(t: Timeline, version: int | None = None) -> str:
    return timeline_to_bytes(t, version).decode("utf-8")


EVENT_SLICE = 500  # events encoded at a time by iter_compact_json (about 5 ms each)


def iter_compact_json(
    t: Timeline, cancelled: Callable[[], bool] = lambda: False, version: int | None = None
) -> Iterator[str]:
    """The timeline as compact JSON (the same data as :func:`timeline_to_data`), in pieces:
    the events a slice at a time, so a worker thread encoding it never holds the
    interpreter for long, and memory holds one slice of encoded data, not the whole.

    Raises :class:`Cancelled` between slices once ``cancelled()`` is true."""
    version = t.version if version is None else version
    check_version(t, version)
    head = timeline_to_data(replace(t, events=[]), version=version)
    events = t.events
    quick = plain(t)
    for i, (key, value) in enumerate(head.items()):
        yield ("{" if i == 0 else ",") + json.dumps(key) + ":"
        if key != "events":
            yield dumps(value, plain=quick)
            continue
        yield "["
        for start in range(0, len(events), EVENT_SLICE):
            if cancelled():
                raise Cancelled
            part = [event_to_data(e) for e in events[start : start + EVENT_SLICE]]
            encoded = dumps(part, plain=quick)
            yield ("," if start else "") + encoded[1:-1]
        yield "]"
    yield "}"


def save_timeline(t: Timeline, path: str | os.PathLike[str], version: int | None = None) -> bytes:
    """Save ``t`` to ``path`` atomically in format ``version`` (by default its file's;
    raises OSError, or :class:`~timeline_app.core.format_versions.FormatVersionError`
    before anything is written; the old file is then intact).  Returns the
    :func:`~timeline_app.core.safe_read.fingerprint` of the bytes written.

    A thread encodes the pieces (:func:`timeline_pieces`) while this one hashes and writes
    the ones before (both let go of the interpreter): at 100,000 events the writing and
    hashing take no time of their own, and memory never holds the whole file."""
    check_version(t, t.version if version is None else version)
    digest = fingerprinter()
    with _Ahead(timeline_pieces(t, version, SAVE_SLICE)) as pieces:

        def hashed() -> Iterator[bytes]:
            for piece in pieces:
                digest.update(piece)
                yield piece

        atomic_write_chunks(path, hashed())
    return digest.digest()


class _Done:
    """The end of the pieces."""


class _Ahead:
    """Pieces made by a thread, a few ahead of the one that takes them (iterating raises
    what the making raised); leaving the ``with`` block stops the thread."""

    def __init__(self, pieces: Iterator[bytes], depth: int = 4) -> None:
        self._queue: queue.Queue[bytes | BaseException | _Done] = queue.Queue(depth)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._make, args=(pieces,), name="encode")

    def __enter__(self) -> Iterator[bytes]:
        self._thread.start()
        return self._taken()

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        while self._thread.is_alive():  # it may wait for room: make some
            with contextlib.suppress(queue.Empty):
                self._queue.get(timeout=0.05)
        self._thread.join()

    def _make(self, pieces: Iterator[bytes]) -> None:
        made: bytes | BaseException | _Done
        try:
            with bulk_allocation():  # many short-lived objects, none in a cycle
                for made in pieces:
                    self._put(made)
                    if self._stop.is_set():
                        return
            made = _Done()
        except BaseException as exc:  # handed to the taker
            made = exc
        self._put(made)

    def _put(self, item: bytes | BaseException | _Done) -> None:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.05)
                return
            except queue.Full:
                continue

    def _taken(self) -> Iterator[bytes]:
        while True:
            item = self._queue.get()
            if isinstance(item, _Done):
                return
            if isinstance(item, BaseException):
                raise item
            yield item
