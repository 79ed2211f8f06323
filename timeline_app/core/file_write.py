"""Writing a timeline file: records into JSON data, in the file's key order (UTF-8, 2-space
indent, a final newline: diff-friendly), unknown fields after the known ones; defaults are
not written.  Saves are atomic (:mod:`~timeline_app.core.atomic`).  For a copy written in
the background, :func:`iter_compact_json` encodes the events a slice at a time."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from .atomic import atomic_write
from .dates import TimelineDate
from .jsonio import dumps
from .model import (
    FORMAT_MARKER,
    FORMAT_VERSION,
    Event,
    Timeline,
)
from .progress import Cancelled


def _put(out: dict[str, Any], key: str, value: Any) -> None:
    if value not in (None, "", (), []):
        out[key] = value


def _date(d: TimelineDate | None) -> str | None:
    return d.iso() if d is not None else None


def event_to_data(e: Event) -> dict[str, Any]:
    """One event as plain JSON data in the file's key order."""
    d: dict[str, Any] = {"id": e.id, "title": e.title, "start": e.start.iso()}
    _put(d, "end", _date(e.end))
    d["status"] = e.status.value
    d["date_basis"] = e.date_basis.value
    _put(d, "actors", list(e.actors))
    _put(d, "tags", list(e.tags))
    _put(d, "summary", e.summary)
    d["quotes"] = [{"source": q.source, "text": q.text, **q.extra} for q in e.quotes]
    _put(d, "notes", e.notes)
    return {**d, **e.extra}


def timeline_to_data(t: Timeline) -> dict[str, Any]:
    """Plain JSON data in the file's key order; unknown fields follow the known ones."""
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
    out.update(sources=sources, actors=actors, events=[event_to_data(e) for e in t.events])
    out.update(t.extra)
    return out


def timeline_to_text(t: Timeline) -> str:
    return dumps(timeline_to_data(t), indent=2) + "\n"


EVENT_SLICE = 500  # events encoded at a time by iter_compact_json (about 5 ms each)


def iter_compact_json(t: Timeline, cancelled: Callable[[], bool] = lambda: False) -> Iterator[str]:
    """The timeline as compact JSON (the same data as :func:`timeline_to_data`), in pieces:
    the events a slice at a time, so a worker thread encoding it never holds the
    interpreter for long, and memory holds one slice of encoded data, not the whole.

    Raises :class:`Cancelled` between slices once ``cancelled()`` is true."""
    head = timeline_to_data(replace(t, events=[]))
    events = t.events
    for i, (key, value) in enumerate(head.items()):
        yield ("{" if i == 0 else ",") + json.dumps(key) + ":"
        if key != "events":
            yield dumps(value)
            continue
        yield "["
        for start in range(0, len(events), EVENT_SLICE):
            if cancelled():
                raise Cancelled
            part = [event_to_data(e) for e in events[start : start + EVENT_SLICE]]
            encoded = dumps(part)
            yield ("," if start else "") + encoded[1:-1]
        yield "]"
    yield "}"


def save_timeline(
    t: Timeline,
    path: str | os.PathLike[str],
    write: Callable[[str | os.PathLike[str], bytes], None] = atomic_write,
) -> None:
    """Save ``t`` to ``path`` atomically (raises OSError; the old file is then intact)."""
    write(path, timeline_to_text(t).encode("utf-8"))
