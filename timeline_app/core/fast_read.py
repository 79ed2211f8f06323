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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import Any

import msgspec
from msgspec import UNSET, Struct, UnsetType

from .dates import DateError, TimelineDate, ends_before_start, parse_iso
from .file_records import GRAMMARS, Checker, read_actors, read_format_2, read_sources
from .fingerprints import is_hash
from .jsonio import depth_over, parse_json_text, walk
from .model import (
    CREDIBILITIES,
    FORMAT_MARKER,
    FORMAT_VERSION,
    MAX_NESTING,
    UNJUDGED,
    DateBasis,
    Event,
    Quote,
    QuoteMark,
    Stance,
    Status,
)
from .model import Timeline as _Timeline
from .problems import LoadError

_Text = str | None | UnsetType
_Strings = tuple[str, ...] | None | UnsetType


class _Quote(Struct, forbid_unknown_fields=True, gc=False):
    source: _Text = UNSET
    text: _Text = UNSET
    credibility: int | UnsetType | None = UNSET  # format 2 from here
    stance: Stance | UnsetType | None = UNSET
    note: _Text = UNSET


class _Mark(Struct, forbid_unknown_fields=True, gc=False):
    source: str
    hash: str


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
    dismissed: list[tuple[_Mark, _Mark]] | UnsetType | None = UNSET  # format 2


# a short list, read by the checking reader's rules (a Raw is a view of the whole input:
# fast_decode lets go of it once the list is read)
_Part = msgspec.Raw | UnsetType


class _Document(Struct, forbid_unknown_fields=True, gc=False):
    format: _Text = UNSET
    version: int | UnsetType = UNSET
    title: _Text = UNSET
    sources: _Part = UNSET
    actors: _Part = UNSET
    events: list[_Event] | UnsetType | None = UNSET
    links: _Part = UNSET  # format 2 from here
    eras: _Part = UNSET
    review: _Part = UNSET


_PARTS_OF = ("sources", "actors", "links", "eras", "review")
_DECODER = msgspec.json.Decoder(_Document)
_astuple = msgspec.structs.astuple
_quotes_of = attrgetter("quotes")
_dismissed_of = attrgetter("dismissed")
_NO_EXTRA: dict[str, Any] = {}  # shared, never mutated (as the checking reader's)
_SPACED_KEY = re.compile(rb'"[ \t\r\n]+:')
# each colon that ends no key, and the byte before it: a colon not right after a quote
# mark (in a string: "10:30", "https:"; or after a spaced key) gives that byte, and one
# right after an escaped quote mark (a note quoting "last month": ...) gives b"".  A colon
# after whitespace makes :data:`_SPACED_KEY` run (a spaced key has whitespace before its
# colon).  One pass in C finds both (a second pass for the escaped ones took 150 ms of
# opening 100,000 cloned events, where this one costs 30 ms more than the first alone).
_BEFORE_OTHER_COLONS = re.compile(rb':(?:(?<=([^"]):)|(?<=\\":))')
_SPACES = frozenset((b" ", b"\t", b"\r", b"\n"))


class _Doubt(Exception):
    """Not plainly well formed: the checking reader decides."""


def _present(record: Struct) -> int:
    """How many of the record's keys the file wrote."""
    values = _astuple(record)
    return len(values) - values.count(UNSET)


def keys_in(raw: bytes) -> int | None:
    """How many keys the JSON bytes hold, counted as the ``":`` after no backslash; None
    when a key may be followed by whitespace before its colon.

    Without such a key, every key ends in ``":``, and so does an escaped quote mark
    followed by a colon inside a string (``\\":``), which is not counted.  Nor is a key
    that ends in an escaped backslash (``"k\\\\":``): the count falls short of the keys
    decoded, and the file goes to the checking reader, unless a key written twice
    makes up for it, which :func:`fast_decode` rules out (no key it does not know of ends
    in a backslash).  A key written twice in one object is one field decoded: the keys
    decoded then fall short of the keys counted."""
    others = _BEFORE_OTHER_COLONS.findall(raw)  # one byte each: shared, not copied
    if not _SPACES.isdisjoint(others) and _SPACED_KEY.search(raw) is not None:
        return None
    if raw.startswith(b":"):
        return None  # not JSON (and a colon with no byte before it is not counted above)
    # every colon, counted in C, less the others: the ``":`` (one colon counted in C is
    # quicker than two bytes: 15% less than counting them and then searching for spaces)
    return raw.count(b":") - len(others)


def _text(value: str | UnsetType | None) -> str:
    if value is None or value is UNSET:
        return ""
    return value


def _unique(ids: Sequence[str]) -> set[str]:
    found = set(ids)
    if len(found) != len(ids):
        raise _Doubt
    return found


def _parsed(dates: dict[str, TimelineDate], text: str) -> TimelineDate:
    dates[text] = date = parse_iso(text)
    return date


def _events(
    records: list[_Event], actor_ids: set[str], source_ids: set[str], version: int, expected: int
) -> list[Event]:
    """The events of the records, or a doubt; ``expected``: the keys counted in the
    file's bytes that the records must hold."""
    events: list[Event] = []
    append = events.append
    reported, source_basis = Status.REPORTED, DateBasis.SOURCE
    # the keys decoded: each record's fields less those it left out (unset), counted as
    # the record is read (a pass of its own over them all took 85 ms at 100,000 events)
    keys = len(_Event.__struct_fields__) * len(records)
    supports = Stance.SUPPORTS
    # this file's dates, each parsed once: a look-up here takes half the cache's
    dates: dict[str, TimelineDate] = {}
    known = dates.get
    for e in records:
        keys -= _astuple(e).count(UNSET)
        ident, title, start_text, end_text = e.id, e.title, e.start, e.end
        if type(ident) is not str or type(title) is not str or type(start_text) is not str:
            raise _Doubt
        if not ident.strip() or not title.strip():
            raise _Doubt
        try:
            start = known(start_text) or _parsed(dates, start_text)
            end = None if not end_text else known(end_text) or _parsed(dates, end_text)
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
            keys += 2 * len(raw_quotes)  # a source and a text each (else a doubt below)
            for q in raw_quotes:
                source, text = q.source, q.text
                if source not in source_ids or type(text) is not str or not text.strip():
                    raise _Doubt
                graded, said, note = q.credibility, q.stance, q.note
                if graded is UNSET and said is UNSET and note is UNSET:
                    made.append(Quote(source, text, _NO_EXTRA))
                    continue
                # format 2's fields, checked and made here: a call per quote took 25 ms
                if version < 2:
                    raise _Doubt  # a field format 1 did not know: kept by the checking reader
                keys += (graded is not UNSET) + (said is not UNSET) + (note is not UNSET)
                if graded is None or graded is UNSET:
                    graded = UNJUDGED
                elif graded not in CREDIBILITIES:
                    raise _Doubt
                if said is None or said is UNSET:
                    said = supports
                if note is None or note is UNSET:
                    note = ""
                made.append(Quote(source, text, _NO_EXTRA, graded, said, note))
            quotes = tuple(made)
        dismissed: tuple[tuple[QuoteMark, QuoteMark], ...] = ()
        if e.dismissed is not UNSET:
            dismissed = _dismissed(e.dismissed, version)
            keys += 4 * len(dismissed)  # two marks of two keys each
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
                dismissed,
            )
        )
    if keys != expected:
        raise _Doubt  # a key twice in one object (or one ending in an escaped backslash)
    return events


def _dismissed(
    pairs: list[tuple[_Mark, _Mark]] | None, version: int
) -> tuple[tuple[QuoteMark, QuoteMark], ...]:
    if version < 2:
        raise _Doubt
    out = []
    for a, b in pairs or ():
        if not (a.source.strip() and b.source.strip() and is_hash(a.hash) and is_hash(b.hash)):
            raise _Doubt
        out.append((QuoteMark(a.source, a.hash), QuoteMark(b.source, b.hash)))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Decoded:
    """A document msgspec decoded, with the number of keys counted in its bytes that its
    events hold: :func:`fast_build` counts the keys it decoded as it makes each event
    (one pass over the records, not two), and their sum must come to this."""

    doc: _Document
    parts: dict[str, Any]  # sources, actors, links...: plain data, for the checking rules
    extra: dict[str, Any]
    event_keys: int


def fast_decode(raw: bytes, count: Callable[[bytes], int | None] = keys_in) -> Decoded | None:
    """The document in UTF-8 JSON bytes (a byte order mark allowed), decoded, or None when
    the checking reader must read them (see the module's doubts).  Never raises for bad
    input.  The bytes are not needed after this: :func:`fast_build` works on what it
    returns, so a caller can let go of a big file's bytes before the records are made.
    ``count``: :func:`keys_in`, or what answers as it does for these bytes (their keys
    counted ahead, on another core: :mod:`~timeline_app.core.prefetch`)."""
    keys = count(raw)
    if keys is None:
        return None
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    extra: dict[str, Any] = _NO_EXTRA
    try:
        doc = _DECODER.decode(raw)
        parts = _parts(doc)
    except msgspec.ValidationError as exc:
        if "unknown field" not in str(exc) or " at `$" in str(exc):
            return None
        # fields the app does not know, at the top
        split = _with_named_extra(raw, str(exc)) or _with_top_extra(raw)
        if split is None:
            return None
        doc, parts, extra, extra_keys = split
        keys -= extra_keys
    except (msgspec.DecodeError, RecursionError, LoadError, UnicodeDecodeError):
        return None  # RecursionError: nested too deep
    try:
        decoded = _present(doc) + sum(map(_object_keys, parts.values()))
    except _Doubt:
        return None
    # a Raw part holds on to the whole input (80 MB at 100,000 events): let go of them
    doc = msgspec.structs.replace(doc, **dict.fromkeys(_PARTS_OF, UNSET))
    return Decoded(doc, parts, extra, keys - decoded)


def fast_build(decoded: Decoded) -> _Timeline | None:
    """The timeline of a decoded document, or None when a record is not plainly well
    formed (the checking reader then says why)."""
    doc, parts = decoded.doc, decoded.parts
    if doc.format != FORMAT_MARKER or doc.version is UNSET:
        return None
    if not 1 <= doc.version <= FORMAT_VERSION:
        return None
    g = GRAMMARS[doc.version]
    if g.version < 2 and not parts.keys() <= {"sources", "actors"}:
        return None  # fields format 1 did not know: kept by the checking reader
    c = Checker()
    try:
        sources = read_sources(c, parts, g)
        actors = read_actors(c, parts, g)
        if c.problems:
            return None
        source_ids = {s.id for s in sources}
        actor_ids = {a.id for a in actors}
        events = _events(doc.events or [], actor_ids, source_ids, g.version, decoded.event_keys)
        event_ids = _unique([e.id for e in events])
    except _Doubt:
        return None
    links, eras, review = read_format_2(c, parts, g, event_ids, source_ids)
    if c.problems:
        return None
    title = _text(doc.title)
    return _Timeline(title, sources, actors, events, decoded.extra, links, eras, review, g.version)


def fast_timeline(raw: bytes) -> _Timeline | None:
    """:func:`fast_decode` then :func:`fast_build`."""
    decoded = fast_decode(raw)
    return None if decoded is None else fast_build(decoded)


def _parts(doc: _Document) -> dict[str, Any]:
    """The document's short lists, as plain data."""
    return {
        k: parse_json_text(bytes(part).decode("utf-8"))
        for k in _PARTS_OF
        if (part := getattr(doc, k)) is not UNSET
    }


_UNKNOWN = "Object contains unknown field `"  # msgspec's words, at the top


@lru_cache(maxsize=16)
def _decoder_with(names: tuple[str, ...]) -> msgspec.json.Decoder[Any]:
    """A decoder of the document with these fields the app does not know, as JSON text."""
    fields = {f"extra{i}": name for i, name in enumerate(names)}
    extended = msgspec.defstruct(
        "_Extended",
        [(field, _Part, UNSET) for field in fields],
        bases=(_Document,),
        rename=fields,
        forbid_unknown_fields=True,
        gc=False,
    )
    return msgspec.json.Decoder(extended)


def _with_named_extra(
    raw: bytes, refused: str
) -> tuple[_Document, dict[str, Any], dict[str, Any], int] | None:
    """As :func:`_with_top_extra`, the document decoded again with each field msgspec
    refused named, in turn (a generator's notes at the top of a file: at once), rather
    than the whole input read into views first (65 ms at 100,000 events); None when
    msgspec's words do not name the field, or at a third such field."""
    names: tuple[str, ...] = ()
    while True:
        name = refused.removeprefix(_UNKNOWN).removesuffix("`")
        if f"{_UNKNOWN}{name}`" != refused or name in names or len(names) == 2:
            return None
        names += (name,)
        try:
            doc = _decoder_with(names).decode(raw)
            break
        except msgspec.ValidationError as exc:
            refused = str(exc)
        except (msgspec.DecodeError, RecursionError, ValueError):
            return None  # ValueError: a name msgspec cannot take (a control character...)
    extra: dict[str, Any] = {}
    keys = 0
    try:
        for i, name in enumerate(names):
            extra[name] = parse_json_text(bytes(getattr(doc, f"extra{i}")).decode("utf-8"))
            keys += _object_keys({name: extra[name]})
        parts = _parts(doc)
    except (LoadError, UnicodeDecodeError, RecursionError, _Doubt):
        return None
    if any(depth_over(v, MAX_NESTING) for v in extra.values()):
        return None
    known = _Document(**{f: getattr(doc, f) for f in _Document.__struct_fields__})
    return known, parts, extra, keys


_TOP = msgspec.json.Decoder(dict[str, msgspec.Raw])
_FIELDS = {f.name: msgspec.json.Decoder(f.type) for f in msgspec.structs.fields(_Document)}


def _with_top_extra(
    raw: bytes,
) -> tuple[_Document, dict[str, Any], dict[str, Any], int] | None:
    """The document's known fields, its short lists as plain data, the fields the app
    does not know (read by the checking reader's rules) and how many keys those hold,
    counting their own; None at any doubt."""
    extra: dict[str, Any] = {}
    plain: dict[str, Any] = {}
    keys = 0
    try:
        top = _TOP.decode(raw)
        known = {k: v for k, v in top.items() if k in _Document.__struct_fields__}
        for key, value in top.items():
            if key not in known:
                extra[key] = parse_json_text(bytes(value).decode("utf-8"))
                keys += _object_keys({key: extra[key]})
            elif key in _PARTS_OF:
                plain[key] = parse_json_text(bytes(value).decode("utf-8"))
        if any(depth_over(v, MAX_NESTING) for v in extra.values()):
            return None
        doc = _Document(**{k: _FIELDS[k].decode(v) for k, v in known.items()})
    except (LoadError, UnicodeDecodeError, RecursionError, msgspec.MsgspecError, _Doubt):
        return None
    return doc, plain, extra, keys


def _object_keys(value: Any) -> int:
    """How many keys the objects in ``value`` (plain data) hold; a doubt when one ends in
    a backslash, which :func:`keys_in` does not count."""
    dicts = [d for _where, d in walk(value) if isinstance(d, dict)]
    if any(key.endswith("\\") for d in dicts for key in d):
        raise _Doubt
    return sum(map(len, dicts))
