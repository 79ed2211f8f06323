"""Writing a timeline file: records into JSON data, in the file's key order (UTF-8, 2-space
indent, a final newline: diff-friendly), unknown fields after the known ones; defaults are
not written.  Saves are atomic (:mod:`~timeline_app.core.atomic`).  For a copy written in
the background, :func:`iter_compact_json` encodes the events a slice at a time."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from operator import attrgetter
from typing import Any

import msgspec

from .atomic import atomic_write_chunks
from .bulk import bulk_allocation
from .dates import TimelineDate
from .jsonio import dumps, dumps_utf8, holds_floats, quick_utf8
from .model import (
    FORMAT_MARKER,
    FORMAT_VERSION,
    DateBasis,
    Event,
    Quote,
    Status,
    Timeline,
)
from .progress import Cancelled
from .safe_read import fingerprint


def _put(out: dict[str, Any], key: str, value: Any) -> None:
    if value not in (None, "", (), []):
        out[key] = value


def _date(d: TimelineDate | None) -> str | None:
    return d.iso() if d is not None else None


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
    d["quotes"] = [
        {"source": q.source, "text": q.text, **q.extra} if q.extra else
        {"source": q.source, "text": q.text}
        for q in e.quotes
    ]  # fmt: skip
    if e.notes:
        d["notes"] = e.notes
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
            )
        )
    return out


def timeline_to_data(t: Timeline, quick: bool = False) -> dict[str, Any]:
    """Plain JSON data in the file's key order; unknown fields follow the known ones.
    ``quick``: the events as msgspec structs, for :func:`~timeline_app.core.jsonio.
    quick_utf8` only (the standard library cannot encode them)."""
    out: dict[str, Any] = {"format": FORMAT_MARKER, "version": FORMAT_VERSION, "title": t.title}
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
        sources.append({**d, **s.extra})
    actors = []
    for a in t.actors:
        d = {"id": a.id, "name": a.name}
        _put(d, "color", a.color)
        actors.append({**d, **a.extra})
    events = _written(t.events) if quick else [event_to_data(e) for e in t.events]
    out.update(sources=sources, actors=actors, events=events)
    out.update(t.extra)
    return out


def plain(t: Timeline) -> bool:
    """Whether the timeline's data holds no float (nor an integer too long to convert):
    the fields the app knows hold none, so only the fields it does not know can."""
    extras = [t.extra, *(s.extra for s in t.sources), *(a.extra for a in t.actors)]
    extras += [e.extra for e in t.events if e.extra]
    extras += [q.extra for e in t.events for q in e.quotes if q.extra]
    return not any(holds_floats(x) for x in extras if x)


def timeline_chunks(t: Timeline) -> tuple[bytes, bytes]:
    """The file's bytes (UTF-8, 2-space indent) and its final newline: two pieces, so
    that a big file is not copied once more to add the newline."""
    if plain(t):  # msgspec writes it (the same bytes: a test holds them to it)
        with bulk_allocation():  # a million short-lived objects, none in a cycle
            quick = quick_utf8(timeline_to_data(t, quick=True), indent=2)
        if quick is not None:
            return quick, b"\n"
    with bulk_allocation():
        data = timeline_to_data(t)
    return dumps_utf8(data, indent=2), b"\n"  # and says what is wrong, if anything


def timeline_to_bytes(t: Timeline) -> bytes:
    """The file's bytes: UTF-8, 2-space indent, a final newline."""
    return b"".join(timeline_chunks(t))


def timeline_to_text(t: Timeline) -> str:
    return timeline_to_bytes(t).decode("utf-8")


EVENT_SLICE = 500  # events encoded at a time by iter_compact_json (about 5 ms each)


def iter_compact_json(t: Timeline, cancelled: Callable[[], bool] = lambda: False) -> Iterator[str]:
    """The timeline as compact JSON (the same data as :func:`timeline_to_data`), in pieces:
    the events a slice at a time, so a worker thread encoding it never holds the
    interpreter for long, and memory holds one slice of encoded data, not the whole.

    Raises :class:`Cancelled` between slices once ``cancelled()`` is true."""
    head = timeline_to_data(replace(t, events=[]))
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


def save_timeline(t: Timeline, path: str | os.PathLike[str]) -> bytes:
    """Save ``t`` to ``path`` atomically (raises OSError; the old file is then intact).
    Returns the :func:`~timeline_app.core.safe_read.fingerprint` of the bytes written,
    taken by a thread on the other core while they are written."""
    chunks = timeline_chunks(t)
    taken: list[bytes] = []
    hasher = threading.Thread(target=lambda: taken.append(fingerprint(chunks)))
    hasher.start()
    try:
        atomic_write_chunks(path, chunks)
    finally:
        hasher.join()
    return taken[0] if taken else fingerprint(chunks)  # (hashing bytes does not fail)
