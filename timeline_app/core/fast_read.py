"""The quick way in: a plainly well-formed timeline file decoded straight into records.

msgspec decodes the JSON bytes into typed structs in C (about 0.2 s for 100,000 events,
where ``json.loads`` into dicts and the checks on them take 1.5 s), then the records are
built from the structs.  It only ever says "this is the timeline" or "not sure" (None): at
the first doubt the checking reader (:mod:`~timeline_app.core.file_read`, the standard
``json`` module) reads the file, and either builds the same records or says, with places,
what is wrong.  A test holds the two to the same answers.  Doubts are:

* anything msgspec refuses: a syntax error, a value of another type, a field the app does
  not know (it would be dropped, and the format keeps them), a number beyond 64 bits;
* half of a surrogate pair, escaped (``"\\ud800"``) or not: msgspec refuses it as the
  checking reader does, which then says where it is (a whole pair is read alike);
* a key that may appear twice in one object (msgspec keeps the last silently; the format
  refuses it): the keys counted in the bytes must be the keys decoded;
* a record the checks below would not accept as it is (a blank id, a date that does not
  parse, an end before its start, an unknown actor or source, a repeated id...).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import attrgetter
from typing import Any

import msgspec
from msgspec import UNSET, Struct, UnsetType

from .dates import DateError, TimelineDate, ends_before_start, parse_iso
from .jsonio import depth_over, parse_json_text, walk
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
)
from .model import Timeline as _Timeline
from .palette import is_color
from .problems import LoadError

_Text = str | None | UnsetType
_Strings = tuple[str, ...] | None | UnsetType


class _Quote(Struct, forbid_unknown_fields=True, gc=False):
    source: _Text = UNSET
    text: _Text = UNSET


class _Event(Struct, forbid_unknown_fields=True, gc=False):
    id: _Text = UNSET
    title: _Text = UNSET
    start: _Text = UNSET
    end: _Text = UNSET
    status: Status | UnsetType | None = UNSET  # a value it does not name: a doubt
    date_basis: DateBasis | UnsetType | None = UNSET
    actors: _Strings = UNSET
    tags: _Strings = UNSET
    summary: _Text = UNSET
    quotes: list[_Quote] | UnsetType | None = UNSET
    notes: _Text = UNSET


class _Source(Struct, forbid_unknown_fields=True, gc=False):
    id: _Text = UNSET
    title: _Text = UNSET
    author: _Text = UNSET
    publication: _Text = UNSET
    published: _Text = UNSET
    url: _Text = UNSET
    archive_url: _Text = UNSET
    accessed: _Text = UNSET
    text_file: _Text = UNSET


class _Actor(Struct, forbid_unknown_fields=True, gc=False):
    id: _Text = UNSET
    name: _Text = UNSET
    color: _Text = UNSET


class _Document(Struct, forbid_unknown_fields=True, gc=False):
    format: _Text = UNSET
    version: int | UnsetType = UNSET
    title: _Text = UNSET
    sources: list[_Source] | UnsetType | None = UNSET
    actors: list[_Actor] | UnsetType | None = UNSET
    events: list[_Event] | UnsetType | None = UNSET


_DECODER = msgspec.json.Decoder(_Document)
_astuple = msgspec.structs.astuple
_quotes_of = attrgetter("quotes")
_NO_EXTRA: dict[str, Any] = {}  # shared, never mutated (as the checking reader's)
_SPACED_KEY = re.compile(rb'"[ \t\r\n]+:')
# a colon after whitespace (inside a string or not): found in half the time of the above,
# which runs only where this finds one (a spaced key has whitespace before its colon)
_SPACED_COLON = re.compile(rb":(?<=[ \t\r\n]:)")


class _Doubt(Exception):
    """Not plainly well formed: the checking reader decides."""


def _present(record: Struct) -> int:
    """How many of the record's keys the file wrote."""
    values = _astuple(record)
    return len(values) - values.count(UNSET)


def _keys_in(raw: bytes) -> int | None:
    """How many ``":`` the JSON bytes hold, or None when a key may be followed by
    whitespace before its colon.

    Without such a key, every key ends in ``":``; so do escaped quote marks followed by a
    colon inside strings (``\\":``), which only add to the count.  A key written twice in
    one object is one field decoded: the decoded keys then fall short of this count."""
    if _SPACED_COLON.search(raw) is not None and _SPACED_KEY.search(raw) is not None:
        return None
    return raw.count(b'":')


def _text(value: str | UnsetType | None) -> str:
    if value is None or value is UNSET:
        return ""
    return value


def _required(value: str | UnsetType | None) -> str:
    if type(value) is not str or not value.strip():
        raise _Doubt
    return value


def _date(value: str | UnsetType | None) -> TimelineDate | None:
    if value is None or value is UNSET or value == "":
        return None
    try:
        return parse_iso(value)
    except DateError:
        raise _Doubt from None


def _unique(ids: Sequence[str]) -> set[str]:
    found = set(ids)
    if len(found) != len(ids):
        raise _Doubt
    return found


def _sources(records: list[_Source]) -> list[Source]:
    return [
        Source(
            _required(s.id),
            _required(s.title),
            _text(s.author),
            _text(s.publication),
            _date(s.published),
            _text(s.url),
            _text(s.archive_url),
            _date(s.accessed),
            _text(s.text_file),
            _NO_EXTRA,
        )
        for s in records
    ]


def _actors(records: list[_Actor]) -> list[Actor]:
    actors = []
    for a in records:
        color = _text(a.color)
        if color and not is_color(color):
            raise _Doubt
        actors.append(Actor(_required(a.id), _required(a.name), color, _NO_EXTRA))
    return actors


def _events(records: list[_Event], actor_ids: set[str], source_ids: set[str]) -> list[Event]:
    events: list[Event] = []
    append = events.append
    reported, source_basis = Status.REPORTED, DateBasis.SOURCE
    for e in records:
        ident, title, start_text, end_text = e.id, e.title, e.start, e.end
        if type(ident) is not str or type(title) is not str or type(start_text) is not str:
            raise _Doubt
        if not ident.strip() or not title.strip():
            raise _Doubt
        try:
            start = parse_iso(start_text)
            end = None if not end_text else parse_iso(end_text)
        except DateError:
            raise _Doubt from None
        if end is not None and ends_before_start(start, end):
            raise _Doubt
        actors = e.actors or ()
        if actors and not actor_ids.issuperset(actors):
            raise _Doubt
        quotes: tuple[Quote, ...] = ()
        raw_quotes = e.quotes
        if raw_quotes:
            made = []
            for q in raw_quotes:
                source, text = q.source, q.text
                if source not in source_ids or type(text) is not str or not text.strip():
                    raise _Doubt
                made.append(Quote(source, text, _NO_EXTRA))
            quotes = tuple(made)
        summary, notes = e.summary, e.notes
        append(
            Event(
                ident,
                title,
                start,
                end,
                actors,
                e.status or reported,
                e.date_basis or source_basis,
                e.tags or (),
                summary if summary else "",
                quotes,
                notes if notes else "",
                _NO_EXTRA,
            )
        )
    return events


@dataclass(frozen=True, slots=True)
class Decoded:
    """A document msgspec decoded, whose keys were all counted: no key appears twice."""

    doc: _Document
    extra: dict[str, Any]


def fast_decode(raw: bytes) -> Decoded | None:
    """The document in UTF-8 JSON bytes (a byte order mark allowed), decoded, or None when
    the checking reader must read them (see the module's doubts).  Never raises for bad
    input.  The bytes are not needed after this: :func:`fast_build` works on what it
    returns, so a caller can let go of a big file's bytes before the records are made."""
    keys = _keys_in(raw)
    if keys is None:
        return None
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    extra: dict[str, Any] = _NO_EXTRA
    try:
        doc = _DECODER.decode(raw)
    except msgspec.ValidationError as exc:
        if "unknown field" not in str(exc) or " at `$" in str(exc):
            return None
        split = _with_top_extra(raw)  # fields the app does not know, at the top
        if split is None:
            return None
        doc, extra, extra_keys = split
        keys -= extra_keys
    except (msgspec.DecodeError, RecursionError):  # RecursionError: nested too deep
        return None
    decoded = _present(doc)
    decoded += sum(map(_present, doc.sources or ())) + sum(map(_present, doc.actors or ()))
    events = doc.events or ()
    fields = len(_Event.__struct_fields__)  # every event's, counted in C: 0.1 s less
    decoded += fields * len(events) - sum(map(tuple.count, map(_astuple, events), repeat(UNSET)))
    decoded += 2 * sum(map(len, filter(None, map(_quotes_of, events))))  # in C
    if decoded != keys:
        return None  # a key twice in one object, or quotes with a key left out
    return Decoded(doc, extra)


def fast_build(decoded: Decoded) -> _Timeline | None:
    """The timeline of a decoded document, or None when a record is not plainly well
    formed (the checking reader then says why)."""
    doc = decoded.doc
    if doc.format != FORMAT_MARKER or doc.version is UNSET:
        return None
    if not 1 <= doc.version <= FORMAT_VERSION:
        return None
    try:
        sources = _sources(doc.sources or [])
        actors = _actors(doc.actors or [])
        source_ids = _unique([s.id for s in sources])
        actor_ids = _unique([a.id for a in actors])
        events = _events(doc.events or [], actor_ids, source_ids)
        _unique([e.id for e in events])
    except _Doubt:
        return None
    return _Timeline(_text(doc.title), sources, actors, events, decoded.extra)


def fast_timeline(raw: bytes) -> _Timeline | None:
    """:func:`fast_decode` then :func:`fast_build`."""
    decoded = fast_decode(raw)
    return None if decoded is None else fast_build(decoded)


_PARTS = msgspec.json.Decoder(dict[str, msgspec.Raw])
_FIELDS = {f.name: msgspec.json.Decoder(f.type) for f in msgspec.structs.fields(_Document)}


def _with_top_extra(raw: bytes) -> tuple[_Document, dict[str, Any], int] | None:
    """The document's known fields, the others (read by the checking reader's rules) and
    how many keys those others hold, counting their own; None at any doubt."""
    extra: dict[str, Any] = {}
    keys = 0
    try:
        parts = _PARTS.decode(raw)
        known = {k: v for k, v in parts.items() if k in _Document.__struct_fields__}
        for key, value in parts.items():
            if key not in known:
                extra[key] = parse_json_text(bytes(value).decode("utf-8"))
                keys += 1 + _object_keys(extra[key])
        if any(depth_over(v, MAX_NESTING) for v in extra.values()):
            return None
        doc = _Document(**{k: _FIELDS[k].decode(v) for k, v in known.items()})
    except (LoadError, UnicodeDecodeError, RecursionError, msgspec.MsgspecError):
        return None
    return doc, extra, keys


def _object_keys(value: Any) -> int:
    return sum(len(d) for _where, d in walk(value) if isinstance(d, dict))
